"""Every finding code of the contract, raised by the real pipeline on a scanned dossier built to
trigger it, and none raised on a clean one.

Dossiers come from the fixture generator (fixtures/dossier.py) as scanned PDFs at a mild scan level;
each carries a few compatible planted defects (the generator records which finding each must
cause). Pages are read with real Tesseract through the pure pipeline (no Prefect: the flow has its
own end-to-end tests), two pages at a time.
"""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

import pytest

from fixtures.dossier import Defect, Degradation, generate_dossier
from fixtures.packaging import Packaging
from fixtures.scan import ScanProfile
from pipeline import ingest
from pipeline.analyse import analyse_bundle
from pipeline.page import process_page
from pipeline.settings import load_settings

# (bundle id, case type, planted defects); every contract code that a dossier can be built to
# trigger appears at least once, each defect in a dossier whose other defects leave it detectable.
DOSSIERS = [
    (
        "kode-a",
        "BUP",
        [
            Defect("NIP_BIRTHDATE_MISMATCH", variant="day"),
            Defect("MISSING_DOCUMENT", "SK_HUKDIS"),
            Defect("DUPLICATE_PAGE", "SKP"),
            Defect("FOREIGN_PAGE", "SKP"),
            Defect("LATE_SUBMISSION"),
        ],
    ),
    (
        "kode-b",
        "BUP",
        [Defect("NAME_MISMATCH", "SK_PANGKAT"), Defect("SPOUSE_MISMATCH", "KK"), Defect("NIK_INVALID", variant="date")],
    ),
    (
        "kode-c",
        "BUP",
        [Defect("NIP_MISMATCH", "SK_PNS"), Defect("CHILD_NOT_IN_KK", "KK"), Defect("NIP_TMT_MISMATCH")],
    ),
    (
        "kode-d",
        "APS",
        [Defect("ELIGIBILITY"), Defect("NIP_GENDER_MISMATCH"), Defect("NIK_BIRTHDATE_MISMATCH", variant="date")],
    ),
    (
        "kode-e",
        "JANDA_DUDA",
        [
            Defect("DATE_MISMATCH", "SURAT_JANDA_DUDA"),
            Defect("NIP_INVALID", "SK_PANGKAT", variant="month"),
            Defect("LOW_CONFIDENCE_PAGE", "SK_PNS", variant="blur"),
        ],
    ),
    ("bersih", "BUP", []),
]
CONTRACT_CODES = {
    "MISSING_DOCUMENT",
    "NIP_INVALID",
    "NIP_MISMATCH",
    "NIP_BIRTHDATE_MISMATCH",
    "NIP_TMT_MISMATCH",
    "NIP_GENDER_MISMATCH",
    "NIK_INVALID",
    "NIK_BIRTHDATE_MISMATCH",
    "NAME_MISMATCH",
    "DATE_MISMATCH",
    "SPOUSE_MISMATCH",
    "CHILD_NOT_IN_KK",
    "FOREIGN_PAGE",
    "DUPLICATE_PAGE",
    "ELIGIBILITY",
    "LOW_CONFIDENCE_PAGE",
    "LATE_SUBMISSION",
}


def test_the_table_covers_every_contract_code():
    planted = {d.code for _, _, defects in DOSSIERS for d in defects}
    assert planted == CONTRACT_CODES


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, tuple[dict, dict]]:
    """bundle id -> (truth, report), every page OCRed for real."""
    drop = tmp_path_factory.mktemp("codes")
    truths = {}
    for i, (bundle_id, case_type, defects) in enumerate(DOSSIERS):
        truths[bundle_id] = generate_dossier(
            random.Random(9100 + i),
            case_type,
            defects,
            Packaging("pdf", manifest={"jenis": case_type}),
            Degradation(profile=ScanProfile.mild()),
            bundle_id=bundle_id,
            out_dir=drop,
        )
    settings = load_settings()
    batch = ingest.discover([drop], False)
    bundles = [ingest.list_pages(b, settings) for b in batch.bundles]
    with ThreadPoolExecutor(2) as pool:
        results = {b.bundle_id: list(pool.map(lambda ref: process_page(ref, settings, None), b.pages)) for b in bundles}
    return {b.bundle_id: (truths[b.bundle_id], analyse_bundle(b, results[b.bundle_id])) for b in bundles}


@pytest.mark.slow
@pytest.mark.parametrize(("bundle_id", "case_type", "defects"), DOSSIERS, ids=[d[0] for d in DOSSIERS])
def test_planted_defects_are_reported(reports, bundle_id, case_type, defects):
    truth, report = reports[bundle_id]
    found = {f["code"] for f in report["findings"]}
    wanted = {f["code"] for f in truth["findings"]}
    assert wanted == {d.code for d in defects}, "the generator planted what the table asks"
    assert wanted <= found, (sorted(wanted - found), report["findings"])
    if not defects:
        errors = [f for f in report["findings"] if f["severity"] == "error"]
        assert not errors, errors
        assert report["status"] == "LENGKAP", report["findings"]
