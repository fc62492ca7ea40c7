"""Identity, family and page rules on hand-built documents: one row per finding code."""

from __future__ import annotations

import pytest

from pipeline.crosscheck import crosscheck
from pipeline.models import Document, FieldValue, PageResult
from tests.textpage import page_result

NIP = "197705152008011002"  # born 15-05-1977, TMT CPNS 01-2008, laki-laki


def doc(i: int, doc_type: str, **fields) -> Document:
    return Document(f"d{i}", doc_type, [i], {k: FieldValue(v, i, 0.95, (10, 10, 50, 20)) for k, v in fields.items()})


def kk(i: int, *members: tuple) -> Document:
    rows = [
        {"nama": n, "nik": k, "tanggal_lahir": b, "jenis_kelamin": g, "hubungan": h, "page": i}
        for n, k, b, g, h in members
    ]
    return Document(f"d{i}", "KK", [i], {"anggota": FieldValue(rows, i, 0.9)})


HEAD = ("AGUS MUFID", "3316051505770001", "1977-05-15", "L", "KEPALA KELUARGA")
WIFE = ("SRI WAHYUNI", "3316056102800002", "1980-02-21", "P", "ISTRI")
CHILD = ("DEWI LESTARI", "3316055505110003", "2011-05-15", "P", "ANAK")
BASE = [
    doc(1, "SK_CPNS", nama="AGUS MUFID", nip=NIP, tanggal_lahir="1977-05-15", tmt="2008-01-01"),
    doc(2, "SK_PNS", nama="AGUS MUFID", nip=NIP),
    doc(3, "KTP", nama="AGUS MUFID", nik="3316051505770001", tanggal_lahir="1977-05-15", jenis_kelamin="L"),
]


def codes(documents, pages=()):
    return sorted(f.code for f in crosscheck(documents, list(pages), "BUP", None)[1])


@pytest.mark.parametrize(
    "extra, expected",
    [
        pytest.param(
            [
                kk(9, HEAD, WIFE, CHILD),
                doc(10, "SURAT_NIKAH", nama_suami="AGUS MUFID", nama_isteri="SRI WAHYUNI"),
                doc(11, "AKTA_KELAHIRAN", nama="DEWI LESTARI", tanggal_lahir="2011-05-15"),
            ],
            [],
            id="clean-family",
        ),
        pytest.param(
            [kk(9, HEAD, WIFE), doc(10, "SURAT_NIKAH", nama_suami="AGUS MUFID", nama_isteri="RINA MARLINA")],
            ["SPOUSE_MISMATCH"],
            id="other-wife-on-kk",
        ),
        pytest.param(
            [kk(9, HEAD, CHILD), doc(10, "SURAT_NIKAH", nama_suami="AGUS MUFID", nama_isteri="SRI WAHYUNI")],
            ["SPOUSE_MISMATCH"],
            id="wife-missing-from-kk",
        ),
        pytest.param(
            [kk(9, HEAD, WIFE), doc(11, "AKTA_KELAHIRAN", nama="BAYU PRATAMA", tanggal_lahir="2012-01-01")],
            ["CHILD_NOT_IN_KK"],
            id="child-not-in-kk",
        ),
        pytest.param(
            # two letters misread on the akta ("LESTARI" as "LESIAKI"): the same birth date tells
            [kk(9, HEAD, WIFE, CHILD), doc(11, "AKTA_KELAHIRAN", nama="DEWI LESIAKI", tanggal_lahir="2011-05-15")],
            [],
            id="child-name-misread-same-birth-date",
        ),
        pytest.param(
            [kk(9, HEAD, WIFE, CHILD), doc(11, "AKTA_KELAHIRAN", nama="DEWI LESIAKI", tanggal_lahir="2012-05-15")],
            ["CHILD_NOT_IN_KK"],
            id="child-name-misread-other-birth-date",
        ),
        pytest.param(
            [kk(9, HEAD, WIFE, CHILD), doc(11, "AKTA_KELAHIRAN", nama="DEWI LESTARI", tanggal_lahir="2011-06-15")],
            ["DATE_MISMATCH"],
            id="child-birthdate-differs",
        ),
        pytest.param(
            [
                doc(10, "SURAT_NIKAH", tanggal_nikah="2003-06-14"),
                doc(4, "DPCP", nama="AGUS MUFID", tanggal_nikah="2003-07-14"),
            ],
            ["DATE_MISMATCH"],
            id="marriage-date-dpcp-vs-nikah",
        ),
        pytest.param(
            [
                doc(10, "SURAT_NIKAH", tanggal_nikah="2003-06-14"),
                doc(4, "DPCP", nama="AGUS MUFID", tanggal_nikah="2003-06-14"),
            ],
            [],
            id="marriage-date-agrees",
        ),
        pytest.param(
            [
                doc(10, "SURAT_NIKAH", tanggal_nikah="2003-06-14"),
                doc(12, "SURAT_NIKAH", tanggal_nikah="2010-02-01"),
                doc(4, "DPCP", nama="AGUS MUFID", tanggal_nikah="2010-02-01"),
            ],
            [],
            id="second-marriage-no-reference",
        ),
        pytest.param(
            [
                doc(12, "SURAT_CERAI", tanggal_nikah="1993-11-08"),
                doc(10, "SURAT_NIKAH", tanggal_nikah="1999-03-29"),
                doc(4, "DPCP", nama="AGUS MUFID", tanggal_nikah="1999-03-29"),
            ],
            [],
            id="akta-cerai-dates-the-ended-marriage",
        ),
        pytest.param(
            [
                doc(13, "SURAT_KEMATIAN", tanggal_meninggal="2025-06-23"),
                doc(14, "SURAT_JANDA_DUDA", tanggal_meninggal="2025-06-25"),
            ],
            ["DATE_MISMATCH"],
            id="death-date-janda-letter-vs-kematian",
        ),
        pytest.param(
            [doc(4, "SKP", nama="BUDI SANTOSO", nip="198001012005011003")], ["FOREIGN_PAGE"], id="another-persons-page"
        ),
        pytest.param(
            [doc(4, "DPCP", nama="AGUS MUFID", nip=NIP, jenis_kelamin="P")],
            ["NIP_GENDER_MISMATCH"],
            id="gender-digit-vs-dpcp",
        ),
        pytest.param(
            # the row's date confirmed by another document of hers (the rule: pipeline/checks_identity.py
            # _kk_row_confirmed; an unconfirmed row is tested in tests/test_kk_rows.py)
            [
                kk(9, HEAD, ("SRI WAHYUNI", "3316056102800002", "1980-03-21", "P", "ISTRI")),
                doc(15, "AKTA_KELAHIRAN", nama="SRI WAHYUNI", tanggal_lahir="1980-03-21"),
            ],
            ["NIK_BIRTHDATE_MISMATCH"],
            id="nik-vs-kk-row-birthdate",
        ),
        pytest.param(
            [kk(9, HEAD, ("SRI WAHYUNI", "3316053502800002", "1980-02-21", "P", "ISTRI"))],
            ["NIK_INVALID"],
            id="nik-day-75-impossible",
        ),
    ],
)
def test_rules(extra, expected):
    assert codes([*BASE, *extra]) == sorted(expected)


def test_tmt_in_nip_vs_sk_cpns():
    documents = [doc(1, "SK_CPNS", nama="AGUS MUFID", nip=NIP, tmt="2009-03-01"), *BASE[1:]]
    assert codes(documents) == ["NIP_TMT_MISMATCH"]


def test_duplicate_page_by_text():
    text = [f"baris nomor {i} dari surat keputusan tentang kenaikan pangkat pegawai negeri sipil" for i in range(8)]
    pages = [
        page_result(1, text, "SK_PANGKAT"),
        page_result(2, ["lain"] * 3, "KTP"),
        page_result(3, text, "SK_PANGKAT"),
    ]
    findings = crosscheck(BASE, pages, "BUP", None)[1]
    dup = [f for f in findings if f.code == "DUPLICATE_PAGE"]
    assert len(dup) == 1 and [e.page for e in dup[0].evidence] == [1, 3]


@pytest.mark.parametrize(
    ("recovered", "duplicate"),
    [
        # one scan read back lines its first reading lost (stamp text, a cell): still the same sheet
        (True, True),
        # the same words read by the first reading: a different sheet
        (False, False),
    ],
)
def test_duplicate_page_leaves_out_lines_read_back(recovered, duplicate):
    from dataclasses import replace

    text = [f"baris nomor {i} dari surat keputusan tentang kenaikan pangkat pegawai negeri sipil" for i in range(8)]
    again = page_result(3, [*text, *["DISDUKCAPIL KABUPATEN KENDAL CAP DINAS KEPENDUDUKAN"] * 4], "SK_PANGKAT")
    again.text.words = [replace(w, recovered=recovered) if w.bbox[1] >= 500 else w for w in again.text.words]
    pages = [page_result(1, text, "SK_PANGKAT"), page_result(2, ["lain"] * 3, "KTP"), again]
    findings = crosscheck(BASE, pages, "BUP", None)[1]
    assert any(f.code == "DUPLICATE_PAGE" for f in findings) is duplicate


def test_duplicate_page_whose_scans_read_other_words_unsurely():
    """Seed 45007: a word read at 39 in one scan and 41 in the other falls out of one scan's sure
    text only (87-97 % alike there), while the two texts as read are 98 % alike: the same sheet."""
    from dataclasses import replace

    text = [f"baris nomor {i} dari surat keputusan tentang kenaikan pangkat pegawai negeri sipil" for i in range(8)]
    again = page_result(3, text, "SK_PANGKAT")
    again.text.words = [replace(w, conf=35.0) if i % 3 == 0 else w for i, w in enumerate(again.text.words)]
    pages = [page_result(1, text, "SK_PANGKAT"), page_result(2, ["lain"] * 3, "KTP"), again]
    findings = crosscheck(BASE, pages, "BUP", None)[1]
    assert any(f.code == "DUPLICATE_PAGE" for f in findings)


def run_case(documents, case_type, instansi=None):
    from datetime import date

    return sorted(f.code for f in crosscheck(documents, [], case_type, None, instansi, date(2026, 1, 1))[1])


def test_aps_too_young_is_not_eligible():
    nip_1982 = "198203012005011004"  # born 1982-03-01, CPNS 2005-01
    documents = [
        doc(1, "SK_CPNS", nama="BUDI SANTOSO", nip=nip_1982),
        doc(2, "SURAT_PERMOHONAN", nama="BUDI SANTOSO", nip=nip_1982, tanggal_dokumen="2025-06-01"),
    ]
    assert run_case(documents, "APS") == ["ELIGIBILITY"]  # 43 years old: PP 11/2017 asks 45
    assert run_case(documents, "BUP") == []


@pytest.mark.parametrize(
    ("masa_kerja_awal", "expected"),
    [
        pytest.param(None, [], id="masa-kerja-at-appointment-unread-no-verdict"),
        pytest.param("00-00", ["ELIGIBILITY"], id="18-years-of-service"),
        pytest.param("03-00", [], id="honorer-years-on-sk-cpns-count"),
    ],
)
def test_aps_masa_kerja_counts_the_years_on_the_sk_cpns(masa_kerja_awal, expected):
    nip_1970 = "197003012007011004"  # born 1970-03-01 (55 in 2025), CPNS 2007-01: 18 years in 2025
    extra = {"masa_kerja_golongan": masa_kerja_awal} if masa_kerja_awal else {}
    documents = [
        doc(1, "SK_CPNS", nama="BUDI SANTOSO", nip=nip_1970, golongan="II/a", **extra),
        doc(2, "SURAT_PERMOHONAN", nama="BUDI SANTOSO", nip=nip_1970, tanggal_dokumen="2025-06-01"),
    ]
    assert run_case(documents, "APS") == expected


@pytest.mark.parametrize(
    "sent, expected",
    [
        pytest.param("2024-01-15", [], id="16-months-before-tmt"),
        pytest.param("2025-03-01", ["LATE_SUBMISSION"], id="3-months-before-tmt"),
    ],
)
def test_late_submission_against_lead_time(sent, expected):
    nip_1967 = "196705182008011356"  # born 1967-05-18: BUP 58 -> TMT pensiun 2025-06-01
    documents = [
        doc(1, "SK_CPNS", nama="SUGENG NUGROHO", nip=nip_1967),
        doc(2, "SURAT_PENGANTAR", nip=nip_1967, tanggal_dokumen=sent),
    ]
    assert run_case(documents, "BUP", "Kabupaten Blora") == expected


def test_unknown_region_prefix_is_only_a_warning():
    from pipeline.wilayah import region_of

    assert region_of("3316051505770001") is not None  # 33.16.05 exists in the 2025 list
    documents = [*BASE[:2], doc(3, "KTP", nama="AGUS MUFID", nik="3399051505770001", tanggal_lahir="1977-05-15")]
    findings = crosscheck(documents, [], "BUP", None)[1]
    assert [(f.code, f.severity) for f in findings] == [("NIK_INVALID", "warning")]


def test_spouse_told_by_name_when_the_nip_gender_digit_is_the_defect():
    """The NIP says 'perempuan' (its defect, NIP_GENDER_MISMATCH) of a man: on the surat nikah his
    spouse is still the isteri, found by his name, and the KK agrees."""
    woman_nip = "197705152008012002"
    documents = [
        doc(1, "SK_CPNS", nama="AGUS MUFID", nip=woman_nip, tanggal_lahir="1977-05-15", tmt="2008-01-01"),
        doc(2, "SK_PNS", nama="AGUS MUFID", nip=woman_nip),
        doc(3, "KTP", nama="AGUS MUFID", nik="3316051505770001", tanggal_lahir="1977-05-15", jenis_kelamin="L"),
        kk(9, HEAD, WIFE),
        doc(10, "SURAT_NIKAH", nama_suami="AGUS MUFID", nama_isteri="SRI WAHYUNI"),
    ]
    assert "SPOUSE_MISMATCH" not in codes(documents)
    assert "NIP_GENDER_MISMATCH" in codes(documents)


@pytest.mark.parametrize(
    ("nik_confidence", "unsure"),
    [(0.3, True), (0.95, False)],
)
def test_nik_finding_on_a_kk_row_says_how_surely_the_nik_was_read(nik_confidence, unsure):
    """A KK row's NIK in the table's small print, read at low certainty, makes its finding unsure."""
    row = {"nama": "SRI WAHYUNI", "nik": "3316053502800002", "tanggal_lahir": "1980-02-21", "jenis_kelamin": "P"}
    row |= {"hubungan": "ISTRI", "page": 9, "confidence": 0.9, "nik_confidence": nik_confidence}
    kk_doc = Document("d9", "KK", [9], {"anggota": FieldValue([row], 9, 0.9)})
    found = [f for f in crosscheck([*BASE, kk_doc], [], "BUP", None)[1] if f.code == "NIK_INVALID"]
    assert len(found) == 1 and found[0].unsure is unsure


AKTA = [
    "PENCATATAN SIPIL KUTIPAN AKTA KELAHIRAN",
    "Nomor 3325-LT-07031992-2394",
    "Berdasarkan Akta Kelahiran Nomor tersebut di atas menurut stelsel Penduduk",
    "bahwa di Batang pada tanggal tujuh Maret seribu sembilan ratus sembilan puluh dua",
    "telah lahir FITRI HANDAYANI anak ke satu perempuan",
    "dari suami isteri AGUS MUFID dan SRI WAHYUNI",
    "Kutipan ini dikeluarkan di Batang pada tanggal 12 Maret 1992",
    "Kepala Dinas Kependudukan dan Pencatatan Sipil Kabupaten Batang",
]
SIBLING = [
    line.replace("3325-LT-07031992-2394", "3325-LT-22021996-2870")
    .replace("tujuh Maret", "dua puluh dua Februari")
    .replace("sembilan puluh dua", "sembilan puluh enam")
    .replace("FITRI HANDAYANI", "RIZKY PRATAMA")
    .replace("ke satu perempuan", "ke dua laki-laki")
    .replace("12 Maret 1992", "02 Maret 1996")
    for line in AKTA
]


def _scanned(index: int, lines: list[str], misread: str) -> PageResult:
    """A scan of the sheet whose every third word, in a faded region, is read unsurely, as ``misread``
    makes of it (two scans of one sheet misread the same faded words, each its own way)."""
    from dataclasses import replace

    page = page_result(index, lines, "AKTA_KELAHIRAN")
    page.text.words = [
        replace(w, text=w.text[:-2] + misread, conf=45.0) if i % 3 == 1 and len(w.text) > 3 else w
        for i, w in enumerate(page.text.words)
    ]
    return page


@pytest.mark.parametrize(
    ("first", "second", "duplicate"),
    [
        # seed 49333: a KK and an SKP scanned twice, 94.8 and 95.6 % alike, every sure word read again
        pytest.param(_scanned(1, AKTA, "ri"), _scanned(2, AKTA, "il"), True, id="rescan-misreading-faded-words"),
        # a dossier's two akta: one form, another child, date and number, read as surely
        pytest.param(
            page_result(1, AKTA, "AKTA_KELAHIRAN"),
            page_result(2, SIBLING, "AKTA_KELAHIRAN"),
            False,
            id="another-akta-of-the-form",
        ),
    ],
)
def test_duplicate_page_told_by_its_sure_words(first, second, duplicate):
    from rapidfuzz import fuzz

    from pipeline.checks_pages import sheet_reading

    alike = fuzz.ratio(sheet_reading(first).as_read, sheet_reading(second).as_read)
    assert 90 <= alike < 97  # alike, but not alike enough by the text alone
    findings = crosscheck(BASE, [first, second], "BUP", None)[1]
    assert any(f.code == "DUPLICATE_PAGE" for f in findings) is duplicate
