"""Names, birth dates and letter dates on decrees, the DPCP and letters, read from text as Tesseract
leaves it on faint 150-dpi scans (labels and month words damaged, colons lost, a decree's employee
listed in its Lampiran table). Table style, no OCR: each row is a page text and what must (or must
not) be read from it. The wording is that of the seeds' documents; names and numbers are made up."""

from __future__ import annotations

import pytest

from pipeline import dates
from pipeline.extract import extract_document
from pipeline.models import Document, FieldValue
from pipeline.persons import select_block
from tests.textpage import page_result

UNSURE = 0.75  # crosscheck.yaml unsure_below: a value guessed in part must stay below it


def read(doc_type: str, lines: list[str]) -> dict[str, FieldValue]:
    return extract_document(Document("d1", doc_type, [1]), {1: page_result(1, lines, doc_type)})


def value(doc_type: str, lines: list[str], field: str) -> object:
    fv = read(doc_type, lines).get(field)
    return fv.value if fv else None


BIRTH_CASES = [
    # The month word damaged beyond reading; day and year agree with the NIP, which gives the month.
    (
        "SK_PANGKAT",
        [
            "1. Nama : AGUS SANTOSO, S.E.",
            "2. NIP : 19681103 200601 1 015",
            "3. Temnat/Tgl. Lahir 1 Pemalang 03 Nyvanwa 1968",
        ],
        "1968-11-03",
    ),
    (
        "SK_CPNS",
        [
            "Nama : HARI SUPRIYANTO, S.H.",
            "NIP : 19681002 200601 1 108",
            "Tempat/Tgl. Lahir : Wonogiri, 02 Oktnhar 1968",
        ],
        "1968-10-02",
    ),
    (
        "RIWAYAT_PEKERJAAN",
        ["Nama ENY HANDAYANI, S.Pd.", "NP 1 19691219 200701 2 306", "Tempa 1G Lahu 1 Sukoharjo, 19 Cesaaa 1969"],
        "1969-12-19",
    ),
    # The label lost altogether: a full date equal to the one the NIP encodes, beside it.
    ("DPCP", ["1. Nama : RETNO RAHAYU", "2. NiP 1 19680809 200604 1 155", ": Blora, 09-08-1968"], "1968-08-09"),
    ("SK_KGB", ["Nama : ENY MULYANI", "1 22 Januari 1968", ": 19680122 201001 2 307"], "1968-01-22"),
    # An NIP with two digits lost still confirms a printed date equal to its birth part ...
    (
        "DPCP",
        ["1. Nama : WIWIK ASTUTI", "2. NIP 1 1967042620090125", "3. Tems/Tanocal Lahir 1 Klaten. 26-04-1967"],
        "1967-04-26",
    ),
    # ... but supplies no month.
    (
        "DPCP",
        ["1. Nama : WIWIK ASTUTI", "2. NIP 1 1967042620090125", "3. Tems/Tanocal Lahir 1 Klaten. 26 Xqzvwk 1967"],
        None,
    ),
    # Day or year other than the NIP's: nothing is filled in.
    (
        "SK_PANGKAT",
        ["Nama : AGUS SANTOSO", "NIP : 19681103 200601 1 015", "Temnat/Tgl. Lahir 1 Pemalang 04 Nyvanwa 1968"],
        None,
    ),
    (
        "SK_PANGKAT",
        ["Nama : AGUS SANTOSO", "NIP : 19681103 200601 1 015", "Temnat/Tgl. Lahir 1 Pemalang 03 Nyvanwa 1969"],
        None,
    ),
    # A month word that reads as another month than the NIP's is a disagreement, not a gap to fill:
    # it is read as printed (its first letters, less certain: dates.initial_month_number).
    (
        "SK_PANGKAT",
        ["Nama : AGUS SANTOSO", "NIP : 19671017 200301 1 331", "Tempat/Tgl. Lahir 1 Semarang. 17 Novemuxi 1967"],
        "1967-11-17",
    ),
    # A printed birth date that differs from the NIP stays as printed (the cross-checks report it).
    (
        "SK_CPNS",
        ["Nama : AGUS SANTOSO", "NIP : 19681103 200601 1 015", "Tempat/Tgl. Lahir : Pemalang, 04 November 1968"],
        "1968-11-04",
    ),
    # A signing official's NIP far below the block confirms nothing in the employee's block.
    ("SK_CPNS", ["Nama : AGUS SANTOSO", "Tempat/Tgl. Lahir : Pemalang, 03 Nyvanwa 1968"], None),
]


@pytest.mark.parametrize(("doc_type", "lines", "expected"), BIRTH_CASES)
def test_birth_date_confirmed_by_nip(doc_type: str, lines: list[str], expected: str | None) -> None:
    assert value(doc_type, lines, "tanggal_lahir") == expected


@pytest.mark.parametrize(
    ("lines", "most"),
    [
        # month taken from the NIP: well below the "unsure" line
        (["Nama : AGUS SANTOSO", "NIP : 19681103 200601 1 015", "Tempat/Tgl. Lahir 1 Pemalang 03 Nyvanwa 1968"], 0.6),
        # label lost, the date read whole: less sure than a labelled one
        (["Nama : RETNO RAHAYU", "NIP 1 19680809 200604 1 155", ": Blora, 09-08-1968"], 0.8),
    ],
)
def test_birth_date_from_damaged_text_is_less_certain(lines: list[str], most: float) -> None:
    assert read("DPCP", lines)["tanggal_lahir"].confidence <= most


LETTER_DATE_CASES = [
    # The signing columns of an SKP: the left caption read first and damaged, the place after it.
    ("SKP", ["Fs! yang Dinilai, remang, 02 Januari 2024", "Pejabat Penilai Kinerja,"], "2024-01-02"),
    ("SKP", ["#5— yang Dini, #unogat 07 Januari 2025"], "2025-01-07"),
    ("SURAT_PENGANTAR", ["Mengetahui, Blora, 12 januari 2025"], "2025-01-12"),
    # A month word damaged past the strict reader but clearly one month, framed by day and year.
    ("SURAT_PENGANTAR", ["Blora, 24 Ianuarj 2025", "Nomor : 882/399/2025"], "2025-01-24"),
    # A birth-date row whose label or colon was lost is no letter date.
    ("DPCP", [": Blora, 09-08-1968", "Jenis Kelamin : Perempuan"], None),
    ("SURAT_KET_BEKERJA", ["Tempat, Tgl Lahir Pemalang, 03 November 1968"], None),
    # A decree's date with its month word damaged: "pada tanggal : 12 Jarmari 2007".
    ("SK_PNS", ["Ditetapkan di : Wonogiri", "pada tanggal : 12 Jarmari 2007"], "2007-01-12"),
]


@pytest.mark.parametrize(("doc_type", "lines", "expected"), LETTER_DATE_CASES)
def test_letter_date(doc_type: str, lines: list[str], expected: str | None) -> None:
    assert value(doc_type, lines, "tanggal_dokumen") == expected


@pytest.mark.parametrize(
    ("text", "expected", "certainty"),
    [
        ("24 Ianuarj 2025", "2025-01-24", dates.LOOSE_MONTH_CERTAINTY),
        ("18 Oktnher 2005", "2005-10-18", dates.LOOSE_MONTH_CERTAINTY),
        ("12 Maret 2020", "2020-03-12", 1.0),
        # Februari 67 against Januari 57 as read; with its J read as I and its "nu" as "rm" put back
        # (dates._ocr_readings) Januari 86: "terhitung mulai tanggal O1 Iermari 2007" on an SK PNS
        ("O1 Iermari 2007", "2007-01-01", dates.LOOSE_MONTH_CERTAINTY),
        ("Nomor 5 Tahun 2014", None, None),  # a word between a number and a year is no month
        ("10 Femusii 2018", None, None),
    ],
)
def test_loose_month(text: str, expected: str | None, certainty: float | None) -> None:
    found = dates.find_dates(text)
    assert (dates.iso(found[0].value) if found else None) == expected
    if found:
        assert found[0].certainty == certainty


AKTA = [
    "KUTIPAN AKTA KELAHIRAN",
    "Berdasarkan Akta Kelahiran Nomor 3376-LT-08022005-5404",
    "bahwa di TEGAL",
    "pada tanggal sembilan Januari dua ribu lima",
    "telah lahir",
    "YOGA SETIAWAN",
    "anak ke-satu, laki-laki, dari ayah AGUS MUFID dan ibu TRI MUNAWAROH",
]


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        # "Kutipan ini dikeluarkan di TEGAL," lost: the date after the child's name is the issue date
        (["pada tanggal 08 Februari 2005", "KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL"], "2005-02-08"),
        (["Kutipan ini dikeluarkan di TEGAL,", "pada tanggal 10 Februari 2005"], "2005-02-10"),
        # the issue date lost entirely: the birth date is never taken for it
        (["KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL"], None),
    ],
)
def test_akta_issue_date(tail: list[str], expected: str | None) -> None:
    fields = read("AKTA_KELAHIRAN", AKTA + tail)
    assert fields["tanggal_lahir"].value == "2005-01-09"
    assert (fields["tanggal_dokumen"].value if "tanggal_dokumen" in fields else None) == expected


LAMPIRAN_HEAD = ["LAMPIRAN KEPUTUSAN BUPATI GROBOGAN", "NOMOR : 821.2/818/2015", "NO NAMA / NIP JABATAN UNIT KERJA"]


@pytest.mark.parametrize(
    ("doc_type", "lines", "expected"),
    [
        # "yang namanya tercantum dalam Lampiran": the name above the NIP in the NAMA / NIP column
        ("SK_JABATAN", [*LAMPIRAN_HEAD, "DWI MUFID, S.Pd.", "NIP 19670111 200903 1 090"], "DWI MUFID, S.Pd."),
        (
            "SK_PANGKAT",
            [*LAMPIRAN_HEAD[:2], "NO NAMA/NIP PANGKAT", "SRI WAHYUNI", "NIP. 19690912 201001 2 114"],
            "SRI WAHYUNI",
        ),
        # a labelled row names the subject: it wins over any table
        ("SK_JABATAN", ["Nama : ENDRO WIDODO", "NIP : 19670517 200904 1 382"], "ENDRO WIDODO"),
        # no NAMA / NIP column header: capitals above an NIP are no table's name
        ("SK_CPNS", ["MEMUTUSKAN:", "AGUS SANTOSO", "ba : 19681103 200601 1 015"], None),
    ],
)
def test_lampiran_name(doc_type: str, lines: list[str], expected: str | None) -> None:
    assert value(doc_type, lines, "nama") == expected


def fv(v: str) -> FieldValue:
    return FieldValue(v, 1, 0.9)


@pytest.mark.parametrize(
    ("current", "employee_block", "kept"),
    [
        # the DPCP's own block, its NIP damaged, and the employee's "Yang bersangkutan" NIP
        ({"nama": fv("WIWIK ASTUTI"), "nip": fv("1967042620090125")}, {"nip": fv("196704262009032335")}, True),
        # the karpeg's card (NIP lama, birth date) and its konversi page (NIP lama, name)
        (
            {"nip": fv("515355950"), "tanggal_lahir": fv("1968-08-09")},
            {"nip": fv("515355950"), "nama": fv("RETNO")},
            True,
        ),
        # another person's valid NIP: their values go
        ({"nama": fv("RETNO ASTUTI"), "nip": fv("197407262000042011")}, {"nip": fv("196701112009031090")}, False),
        # nothing shared that agrees: a name without NIP is not taken for the employee's
        ({"nama": fv("H. EKO RIYADI")}, {"nip": fv("196701112009031090")}, False),
    ],
)
def test_select_block_keeps_same_person(current: dict, employee_block: dict, kept: bool) -> None:
    doc = Document("d1", "DPCP", [1], fields=dict(current), persons=[dict(current)], signers=[employee_block])
    select_block(doc, lambda b: b is employee_block, "nip")
    for key, fvalue in employee_block.items():
        assert doc.fields[key] == fvalue
    for key in set(current) - set(employee_block):
        assert (key in doc.fields) is kept


@pytest.mark.parametrize(
    ("doc_type", "lines", "expected"),
    [
        # the "Nama" label damaged past matching; the name row stands right above the NIP row
        ("SK_CPNS", ["Kam : HARI SUPRFYANTO, S.H.", "ba : 19681002 200601 1 108"], "HARI SUPRFYANTO, S.H."),
        ("SK_PANGKAT", ["LL yaa : ANIK PURWANTI, S.H.", "2. NIP : 19691106 201001 2 383"], "ANIK PURWANTI, S.H."),
        ("SK_PNS", ["Nima : HARI SANTOSO, S.Sos.", "NIP 1 196712222008022238"], "HARI SANTOSO, S.Sos."),
        # label and value on rows of their own (two columns read apart)
        ("SK_PNS", ["a. Nama", ": ISTI WAHYUNI", "b. NIP", "C. : 19690506 200601 2 122"], "ISTI WAHYUNI"),
        # another field's row in capitals, a value not printed in capitals, an office: no name
        ("SK_CPNS", ["Jabatan : STAF PELAKSANA", "NIP : 19681002 200601 1 108"], None),
        ("SK_CPNS", ["Kam : Baro PENSIUN", "NIP : 19681002 200601 1 108"], None),
        ("SK_CPNS", ["Unit : DINAS PERTANIAN", "NIP : 19681002 200601 1 108"], None),
    ],
)
def test_name_row_above_nip(doc_type: str, lines: list[str], expected: str | None) -> None:
    fields = read(doc_type, lines)
    assert (fields["nama"].value if "nama" in fields else None) == expected
    if expected and not lines[0].startswith("Nama"):
        assert fields["nama"].confidence < UNSURE


@pytest.mark.parametrize(
    ("doc_type", "lines", "field", "expected"),
    [
        # a date label with its colon lost, nothing but a date after it
        (
            "SK_PMK",
            ["KETIGA : Keputusan ini mulai berlaku", "pada tanggal 01 Fevruari 2010", "a.n. BUPATI KLATEN"],
            "tanggal_dokumen",
            "2010-02-01",
        ),
        ("SK_PMK", ["terhitung mulai tanggal 01 Maret 2010."], "tmt", "2010-03-01"),
        # the decree's "mulai berlaku pada tanggal ditetapkan": no date, nothing read
        (
            "SK_PNS",
            ["Keputusan ini mulai berlaku", "pada tanggal ditetapkan, dengan ketentuan"],
            "tanggal_dokumen",
            None,
        ),
    ],
)
def test_date_label_without_colon(doc_type: str, lines: list[str], field: str, expected: str | None) -> None:
    assert value(doc_type, lines, field) == expected


def test_akta_birth_anchor_damaged_and_issue_year_misread() -> None:
    """ "pada tanngal lima Februari ..." is still the birth sentence; the kutipan's issue date read
    as 1904 (before the child's birth) is a misread year, left unread."""
    lines = [
        "KUTIPAN AKTA KELAHIRAN",
        "bahwa di KARANGANYAR",
        "pada tanngal lima Februari seribu sembilan ratus sembilan puluh empat",
        "talah lahir",
        "FITRI FITRIANI",
        "anak ke-satu, perempuan. dari ayah WAHYU RIYADI",
        "Kutipan ini dikaluarkan di KARANGANYAR,",
        "pada tanggal 22 Februari 1904",
    ]
    fields = read("AKTA_KELAHIRAN", lines)
    assert fields["tanggal_lahir"].value == "1994-02-05"
    assert "tanggal_dokumen" not in fields


NPWP_HEAD = ["DIREKTORAT JENDERAL PAJAK", "NPWP : 08.781.562.4-509.000", "DYAH SETYANINGSIH", "NIK : 3309044904690233"]


@pytest.mark.parametrize(
    ("last_row", "expected"),
    [
        ("KPP PRATAMA BATANG Tanggal Terdaftar 21/08/2010", "2010-08-21"),
        # the label damaged: the card's one date is still its registration date
        ("KPP PRATAMA SEMARANG Tanggal Tereamar 11/03/2016", "2016-03-11"),
        ("KPP PRATAMA BATANG", None),
    ],
)
def test_npwp_registration_date(last_row: str, expected: str | None) -> None:
    assert value("NPWP", [*NPWP_HEAD, last_row], "tanggal_dokumen") == expected
