"""Cross-checks, checklist and grouping on hand-built documents (no OCR)."""

from __future__ import annotations

import pytest

from pipeline import checklist
from pipeline.analyse import decide_status
from pipeline.checks_pages import check_pages
from pipeline.crosscheck import crosscheck
from pipeline.group import group_pages
from pipeline.models import Document, FieldValue
from tests.textpage import page_result

NIP = "197705152008011002"


def doc(i: int, doc_type: str, **fields) -> Document:
    return Document(f"d{i}", doc_type, [i], {k: FieldValue(v, i, 0.95, (10, 10, 50, 20)) for k, v in fields.items()})


def codes(findings) -> list[str]:
    return sorted(f.code for f in findings)


def run(documents, case_type="BUP", manifest_nip=None):
    return crosscheck(documents, [], case_type, manifest_nip)


CLEAN = [
    doc(1, "SK_CPNS", nama="Drs. AGUS MUFID, M.Si.", nip=NIP, tanggal_lahir="1977-05-15"),
    doc(2, "SK_PNS", nama="AGUS MUFID", nip="19770515 2008011002".replace(" ", "")),
    doc(3, "DPCP", nama="AGUS MUFID, M.Si", nip=NIP, tanggal_lahir="1977-05-15"),
    doc(4, "KTP", nama="AGUS MUFID", nik="3316051505770001", tanggal_lahir="1977-05-15", jenis_kelamin="L"),
    doc(5, "KTP", nama="SRI WAHYUNI", nik="3316056102800002", tanggal_lahir="1980-02-21", jenis_kelamin="P"),
]


@pytest.mark.parametrize(
    "documents, expected",
    [
        pytest.param(CLEAN, [], id="clean-spouse-ktp-ignored"),
        pytest.param(
            [*CLEAN[:2], doc(3, "DPCP", nama="AGUS MUFID", nip=NIP, tanggal_lahir="1977-05-16")],
            ["NIP_BIRTHDATE_MISMATCH"],
            id="birthdate-one-day-off",
        ),
        pytest.param(
            [*CLEAN[:2], doc(3, "SKP", nama="AGUS MUFID", nip="198001012005011003")],
            ["NIP_MISMATCH"],
            id="other-nip-on-skp",
        ),
        pytest.param(
            [*CLEAN[:2], doc(3, "SK_PANGKAT", nama="AGUS MAHFUD", nip=NIP)],
            ["NAME_MISMATCH"],
            id="name-misspelt-beyond-tolerance",
        ),
        pytest.param([*CLEAN[:2], doc(3, "SK_PANGKAT", nama="AGUS MUFlD", nip=NIP)], [], id="ocr-noise-tolerated"),
        pytest.param([*CLEAN[:2], doc(3, "SK_PANGKAT", nama="H. AGUS MUFID, S.Pd.", nip=NIP)], [], id="gelar-ignored"),
        pytest.param(
            [*CLEAN[:2], doc(3, "SK_PANGKAT", nama="AGUS MUFID", nip="197705152008013002")],
            ["NIP_INVALID"],
            id="gender-digit-3",
        ),
        pytest.param(
            [*CLEAN[:2], doc(3, "SK_PANGKAT", nama="AGUS MUFID", nip="19770515200801100")],
            ["NIP_INVALID"],
            id="17-digits",
        ),
        pytest.param(
            [*CLEAN[:2], doc(3, "KTP", nama="AGUS MUFID", tanggal_lahir="1977-06-15")],
            ["NIP_BIRTHDATE_MISMATCH"],
            id="employee-ktp-birthdate",
        ),
        pytest.param(
            [
                *CLEAN[:2],
                doc(3, "KTP", nama="AGUS MUFIDIN SAPUTRA", tanggal_lahir="1977-05-15", jenis_kelamin="L"),
            ],
            ["NAME_MISMATCH"],
            id="employee-ktp-recognised-by-birthdate",
        ),
    ],
)
def test_crosscheck(documents, expected):
    _, findings = run(documents)
    assert codes(findings) == sorted(expected), [f.message for f in findings]


def test_evidence_points_at_both_documents():
    documents = [*CLEAN[:2], doc(3, "DPCP", nama="AGUS MUFID", nip=NIP, tanggal_lahir="1977-05-16")]
    _, findings = run(documents)
    ev = findings[0].evidence
    assert [(e.document, e.field) for e in ev] == [("d1", "nip"), ("d3", "tanggal_lahir")]
    assert "15-05-1977" in findings[0].message and "16-05-1977" in findings[0].message


def test_manifest_nip_decides_the_employee():
    documents = [doc(1, "SK_CPNS", nama="AGUS MUFID", nip="198001012005011003")]
    emp, findings = run(documents, manifest_nip=NIP)
    assert emp.nip == NIP and codes(findings) == []  # no document carries the manifest NIP to compare


def test_widow_permohonan_is_not_the_employee():
    documents = [*CLEAN[:2], doc(3, "SURAT_PERMOHONAN", nama="SRI WAHYUNI")]
    assert codes(run(documents, case_type="JANDA_DUDA")[1]) == []
    assert codes(run(documents, case_type="BUP")[1]) == ["NAME_MISMATCH"]


BUP_COMPLETE = [
    "SURAT_PERMOHONAN",
    "DPCP",
    "SK_CPNS",
    "SK_PNS",
    "SK_PANGKAT",
    "SKP",
    "SK_HUKDIS",
    "SURAT_NIKAH",
    "AKTA_KELAHIRAN",
    "KTP",
    "PAS_FOTO",
]


def docs_of(types):
    return [Document(f"d{i}", t, [i]) for i, t in enumerate(types, 1)]


def test_checklist_bup_complete():
    items, findings = checklist.check("BUP", docs_of(BUP_COMPLETE))
    assert findings == []
    assert all(i.status == "present" for i in items if i.required)
    assert all(i.source.startswith("umum:") for i in items)


def test_checklist_missing_nikah():
    _, findings = checklist.check("BUP", docs_of([t for t in BUP_COMPLETE if t != "SURAT_NIKAH"]))
    assert [(f.code, f.evidence[0].value) for f in findings] == [("MISSING_DOCUMENT", "SURAT_NIKAH")]


def test_akta_not_applicable_when_kk_shows_no_child():
    kk = Document(
        "d99",
        "KK",
        [99],
        {
            "anggota": FieldValue(
                [{"nama": "A", "hubungan": "KEPALA KELUARGA"}, {"nama": "B", "hubungan": "ISTRI"}], 99, 0.9
            )
        },
    )
    items, findings = checklist.check("BUP", [*docs_of([t for t in BUP_COMPLETE if t != "AKTA_KELAHIRAN"]), kk])
    assert findings == []
    assert next(i for i in items if i.item == "AKTA_KELAHIRAN").status == "not_applicable"


@pytest.mark.parametrize("case_type", ["BUP", "APS", "JANDA_DUDA", "ANUMERTA", "UZUR", "MPP", "PERAMPINGAN", "UNKNOWN"])
def test_every_case_type_has_a_cited_checklist(case_type):
    items, _ = checklist.check(case_type, [])
    assert items and all(i.source for i in items)


@pytest.mark.parametrize(
    "types, text, expected",
    [
        pytest.param(["SURAT_KEMATIAN"], "", "JANDA_DUDA", id="kematian"),
        pytest.param(["SK_TEWAS", "SURAT_KEMATIAN"], "", "ANUMERTA", id="tewas"),
        pytest.param(["SURAT_PERMOHONAN"], "mengajukan pensiun atas permintaan sendiri", "APS", id="aps"),
        pytest.param(["SURAT_PERMOHONAN"], "karena telah mencapai batas usia pensiun", "BUP", id="bup"),
        pytest.param(["SK_CPNS"], "", "UNKNOWN", id="nothing-tells"),
        # the sentence wrapped inside the phrase (seed 12653: five APS dossiers inferred UNKNOWN)
        pytest.param(
            ["SURAT_PERMOHONAN"], "berhenti dengan hormat atas\npermintaan sendiri dengan hak", "APS", id="aps-wrapped"
        ),
        pytest.param(["SURAT_PERMOHONAN"], "dengan hormat atas permintaan sendirl dengan", "APS", id="aps-misread"),
        # the title every permohonan prints is no APS phrase
        pytest.param(["SURAT_PERMOHONAN"], "SURAT PERMINTAAN BERHENTI DENGAN HAK PENSIUN", "UNKNOWN", id="title-only"),
    ],
)
def test_case_type_inference(types, text, expected):
    documents = docs_of(types)
    pages = {i: page_result(i, (text or "x").split("\n")) for i in range(1, len(types) + 1)}
    assert checklist.infer_case_type(documents, pages)[0] == expected


def test_status():
    from pipeline.models import ChecklistItem, Finding

    missing = [ChecklistItem("SURAT_NIKAH", True, "missing")]
    ok = [ChecklistItem("SURAT_NIKAH", True, "present")]
    err = [Finding("NAME_MISMATCH", "error", "x")]
    unclassified = check_pages([page_result(4, ["x"], "UNKNOWN", False, 0.1)])
    poor_ocr = page_result(5, ["KUTIPAN AKTA KELAHIRAN"], "AKTA_KELAHIRAN", True, 0.9)
    poor_ocr.text.ocr_confidence = 40.0
    poorly_read = check_pages([poor_ocr])
    assert [f.code for f in unclassified + poorly_read] == ["LOW_CONFIDENCE_PAGE"] * 2
    assert decide_status(missing, []) == "TIDAK_LENGKAP"
    assert decide_status(ok, err) == "PERLU_VERIFIKASI"
    assert decide_status(ok, unclassified) == "PERLU_VERIFIKASI"  # contract: a page not classified with confidence
    assert decide_status(ok, poorly_read) == "LENGKAP"  # a warning only: the page was classified surely
    assert decide_status(ok, []) == "LENGKAP"


def test_grouping_multi_page_sk_and_separate_aktas():
    pages = [
        page_result(1, ["KEPUTUSAN BUPATI", "PENGANGKATAN CALON PEGAWAI NEGERI SIPIL"], "SK_CPNS", True),
        page_result(2, ["KEDUA : Keputusan ini berlaku", "Ditetapkan di Blora", "Tembusan"], "UNKNOWN", False, 0.2),
        page_result(3, ["KUTIPAN AKTA KELAHIRAN"], "AKTA_KELAHIRAN", True),
        page_result(4, ["KUTIPAN AKTA KELAHIRAN"], "AKTA_KELAHIRAN", True),
        page_result(5, [""], "BLANK", False),
        page_result(6, ["KARTU KELUARGA"], "KK", True),
        page_result(7, ["lanjutan tabel anggota"], "KK", False),
    ]
    documents, out = group_pages(pages)
    assert [(d.doc_type, d.pages) for d in documents] == [
        ("SK_CPNS", [1, 2]),
        ("AKTA_KELAHIRAN", [3]),
        ("AKTA_KELAHIRAN", [4]),
        ("BLANK", [5]),
        ("KK", [6, 7]),
    ]
    assert out[1].classification.doc_type == "SK_CPNS"


def test_low_confidence_near_miss_nip_is_a_warning():
    documents = [
        *CLEAN[:2],
        Document(
            "d3",
            "SK_PANGKAT",
            [3],
            {"nama": FieldValue("AGUS MUFID", 3, 0.9), "nip": FieldValue("19770515200801102", 3, 0.35)},
        ),
    ]
    findings = run(documents)[1]
    assert [(f.code, f.severity) for f in findings] == [("NIP_INVALID", "warning")]
    documents[2].fields["nip"] = FieldValue("19770515200801102", 3, 0.95)  # read clearly: a real typo
    assert [(f.code, f.severity) for f in run(documents)[1]] == [("NIP_INVALID", "error")]


def test_checklist_profile_selection():
    assert checklist.select_profile({})[0] == "umum"
    assert checklist.select_profile({"instansi": "Kabupaten Blora"})[0] == "umum"  # match_instansi is off
    assert checklist.select_profile({"checklist_profile": "blora"})[0] == "blora"


def test_agency_profile_asks_more_and_falls_back_per_case_type():
    items, findings = checklist.check("BUP", docs_of(BUP_COMPLETE), "blora")
    assert {f.evidence[0].value for f in findings} >= {"SK_JABATAN", "SK_KGB", "KARPEG"}
    assert all(i.source.startswith("blora:") for i in items)
    items, _ = checklist.check("UZUR", [], "blora")  # Blora lists no UZUR: the default profile's list
    assert all(i.source.startswith("umum:") for i in items)


@pytest.mark.parametrize(
    ("read", "severity"),
    [
        ("2008011002", "warning"),  # the NIP's last ten digits: OCR lost its birth date
        ("3742008011002", "warning"),  # a fragment with a misread digit ("0515" as "374")
        ("00801102", "warning"),  # eight digits, one of them lost inside
        ("12345678", "error"),  # no part of the employee's NIP
        ("1977051520080110", "error"),  # sixteen digits: more than a fragment, read surely
    ],
)
def test_nip_fragment_is_an_unsure_warning(read, severity):
    documents = [
        *CLEAN[:2],
        Document("d3", "SK_PANGKAT", [3], {"nama": FieldValue("AGUS MUFID", 3, 0.9), "nip": FieldValue(read, 3, 0.95)}),
    ]
    assert [(f.code, f.severity) for f in run(documents)[1]] == [("NIP_INVALID", severity)]


def test_status_unsure_warning_stays_a_warning():
    """An error resting on an unsure value becomes an unsure warning and still asks for a verifier;
    a warning-level finding (a NIK warning) read unsurely is no more than a warning."""
    from pipeline.models import ChecklistItem, Finding

    ok = [ChecklistItem("SURAT_NIKAH", True, "present")]
    demoted = Finding("NAME_MISMATCH", "warning", "x", unsure=True)
    nik_warning = Finding("NIK_INVALID", "warning", "x", unsure=True)
    assert decide_status(ok, [demoted]) == "PERLU_VERIFIKASI"
    assert decide_status(ok, [nik_warning]) == "LENGKAP"
