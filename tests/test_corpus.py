"""The corpus generator (fixtures/corpus.py): deterministic, and every truth agrees with its files.

Fast: the consistency tests build dossiers in memory (no rasterising, no OCR); one test writes two
tiny corpora to compare bytes.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from fixtures import corpus
from fixtures.documents import ORDERS
from fixtures.dossier import Defect, build_dossier
from fixtures.ids import decode_nip

SEED = 5
COUNT = 60


def _hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _truth_like(spec: corpus.Spec, index: int) -> dict[str, Any]:
    """What the truth of bundle ``index`` says about documents and findings, without rendering pixels."""
    rng = random.Random(f"corpus:{SEED}:{index}:dossier")
    d = build_dossier(rng, spec.case_type, [Defect(**x) for x in spec.defects], separators=spec.separators)
    at, pages, first = 1, {}, {}
    for doc in d.docs:
        first[id(doc)] = at
        for _ in doc.pages:
            pages[at] = doc
            at += 1
    findings = [dict(n) for n in d.notes]
    for i, (doc, offsets) in d.page_refs.items():
        findings[i]["pages"] = [first[id(doc)] + o for o in offsets]
    return {"dossier": d, "pages": pages, "findings": findings}


SPECS = [corpus.draw_spec(SEED, i) for i in range(COUNT)]
BUILT = {}


def _built(i: int) -> dict[str, Any]:
    if i not in BUILT:
        BUILT[i] = _truth_like(SPECS[i], i)
    return BUILT[i]


def test_specs_are_a_function_of_seed_and_index() -> None:
    assert [corpus.draw_spec(SEED, i) for i in range(10)] == SPECS[:10]
    assert corpus.draw_spec(SEED + 1, 0) != SPECS[0] or corpus.draw_spec(SEED + 1, 1) != SPECS[1]


def test_mix_covers_case_types_packaging_levels_and_defects() -> None:
    cases = Counter(s.case_type for s in SPECS)
    assert set(cases) == set(corpus.CASE_WEIGHTS)
    assert cases.most_common(1)[0][0] == "BUP"
    assert {s.kind for s in SPECS} == {"pdf", "pdf_text", "tiff", "folder"}
    assert {s.level for s in SPECS} == set(corpus.LEVELS)
    assert {s.manifest is None for s in SPECS} == {True, False}
    clean = sum(not s.defects for s in SPECS)
    assert 0.2 * COUNT <= clean <= 0.5 * COUNT
    assert all(len(s.defects) <= 2 for s in SPECS)
    many = [corpus.draw_spec(SEED, i) for i in range(300)]
    assert {d["code"] for s in many for d in s.defects} == set(corpus.SINGLE_CODES)


@pytest.mark.parametrize("i", range(COUNT))
def test_findings_follow_from_documents(i: int) -> None:
    spec, built = SPECS[i], _built(i)
    d = built["dossier"]
    present = {doc.doc_type for doc in d.docs}
    codes = [f["code"] for f in built["findings"]]
    assert sorted(codes) == sorted(x["code"] for x in spec.defects)
    # MISSING_DOCUMENT <=> a required checklist item has no document
    required = set(corpus.required_items()[spec.case_type])
    missing = {f["item"] for f in built["findings"] if f["code"] == "MISSING_DOCUMENT"}
    assert missing == required - present
    assert not missing & present
    by_type: dict[str, list[Any]] = {}
    for doc in d.docs:
        by_type.setdefault(doc.doc_type, []).append(doc)
    foreign = [f for f in built["findings"] if f["code"] == "FOREIGN_PAGE"]
    foreign_docs = {id(built["pages"][f["pages"][0]]) for f in foreign}
    e, nip = d.persona.employee, d.persona.nip
    nip_docs = {f["doc_type"] for f in built["findings"] if f["code"] == "NIP_MISMATCH"}
    name_docs = {f["doc_type"] for f in built["findings"] if f["code"] == "NAME_MISMATCH"}
    for doc in d.docs:
        if id(doc) in foreign_docs:
            assert doc.fields["nip"] != nip and doc.fields["nama"] != e.with_gelar()
            continue
        if "nip" in doc.fields:
            assert (doc.fields["nip"] != nip) == (doc.doc_type in nip_docs), doc.doc_type
        if "nama" in doc.fields and doc.doc_type in corpus.PERSONNEL:
            assert (doc.fields["nama"] != e.with_gelar()) == (doc.doc_type in name_docs), doc.doc_type
    nip_birth, (ty, tm), gender = decode_nip(nip)
    assert (nip_birth != e.birth) == ("NIP_BIRTHDATE_MISMATCH" in codes)
    assert ((ty, tm) != (d.persona.tmt_cpns.year, d.persona.tmt_cpns.month)) == ("NIP_TMT_MISMATCH" in codes)
    assert (gender != e.gender) == ("NIP_GENDER_MISMATCH" in codes)
    if "KK" in by_type:
        kk = by_type["KK"][0].fields["anggota"]
        kk_names = {a["nama"] for a in kk}
        assert (d.persona.spouse.nama not in kk_names) == ("SPOUSE_MISMATCH" in codes)
        aktas = {doc.fields["nama"] for doc in by_type.get("AKTA_KELAHIRAN", [])}
        assert bool(aktas - kk_names) == ("CHILD_NOT_IN_KK" in codes)
    for f in built["findings"]:
        if f["code"] == "DUPLICATE_PAGE":
            a, b = f["pages"]
            doc = built["pages"][a]
            start = min(n for n, x in built["pages"].items() if x is doc)
            assert b == a + 1 and built["pages"][b] is doc
            assert doc.pages[a - start] is doc.pages[b - start]  # the same sheet, scanned twice


@pytest.mark.parametrize("i", [i for i, s in enumerate(SPECS) if not s.defects][:6])
def test_clean_dossier_has_no_findings(i: int) -> None:
    built = _built(i)
    assert built["findings"] == []
    present = {doc.doc_type for doc in built["dossier"].docs}
    assert set(corpus.required_items()[SPECS[i].case_type]) <= present


@pytest.mark.parametrize("case_type", list(ORDERS))
def test_every_case_type_renders_its_required_documents(case_type: str) -> None:
    d = build_dossier(random.Random(case_type), case_type)
    present = {doc.doc_type for doc in d.docs}
    assert set(corpus.required_items()[case_type]) <= present
    p = d.persona
    if case_type == "APS":
        age = (p.tmt_pensiun - p.employee.birth).days / 365.25
        service = (p.tmt_pensiun - p.tmt_cpns).days / 365.25
        assert age >= 50 and service >= 20
    if case_type in ("JANDA_DUDA", "ANUMERTA"):
        kematian = next(doc for doc in d.docs if doc.doc_type == "SURAT_KEMATIAN")
        died = date.fromisoformat(kematian.fields["tanggal_meninggal"])
        assert died < p.tmt_pensiun <= p.submitted
        ktp = next(doc for doc in d.docs if doc.doc_type == "KTP")
        assert ktp.fields["nik"] == p.spouse.nik  # the ahli waris's KTP


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    runs = []
    for run, seed in (("a", 3), ("b", 3)):
        corpus.generate_corpus(tmp_path / run, seed, 1, jobs=1)
        runs.append(_hashes(tmp_path / run))
    assert runs[0] == runs[1]
    assert any(k.startswith("truth/") for k in runs[0])
