"""Dates whose row OCR damaged past the earlier readers (tanggal_dokumen, tanggal_lahir, TMT), in
the shapes Tesseract left them on the seeds' scans of kutipan akta, letters, decrees and forms.
Table style, no OCR: each case is the rows of a page and the date that must (or must not) be read
from them. Names, places and numbers are made up."""

from __future__ import annotations

import pytest

from pipeline import extract
from pipeline.models import FieldValue
from pipeline.textindex import TextIndex
from tests.textpage import page_text


def _index(lines: list[str]) -> TextIndex:
    return TextIndex(page_text(lines), 1)


AKTA_HEAD = [
    "KUTIPAN AKTA KELAHIRAN",
    "Berdasarkan Akta Kelahiran Nomor 3304-LT-22012003-4704",
    "bahwa di WONOREJO",
    "pada tanggal enam belas Desember dua ribu dua",
    "telah lahir",
    "RINA LESTARI",
    "dan ibu SITI AMINAH",
]


@pytest.mark.parametrize(
    ("tail", "expected", "certainty"),
    [
        # the issue row's words damaged, its month word too: day and year as registered
        (["Kottnan ini ##iotowtes di WONOREJO,", "pada tanggal 22 I---—: 2003"], "2003-01-22", 0.8),
        (["Kutinan ini dikota: di WONOREJO,", "pada tanggal 22 J--—:-— 2003"], "2003-01-22", 0.8),
        # what is left of the month word holds a digit
        (["Kntinan ini Aikolarkan di WONOREJO,", "pada tanggal 22 (1::3— 2003"], "2003-01-22", 0.8),
        # the issue row's date lost: the registration date, least sure
        (["Kasipan ini dfioicwian di WONOREJO,", "KEPALA DINAS KEPENDUDUKAN"], "2003-01-22", 0.6),
        # another day printed: a later kutipan, not put right
        (["Kottnan ini ##iotowtes di WONOREJO,", "pada tanggal 23 I---—: 2003"], None, None),
        # no issue row at all (neither its words nor its shape): nothing is placed
        (["KEPALA DINAS KEPENDUDUKAN", "SIPIL KABUPATEN WONOREJO,"], None, None),
    ],
)
def test_registered_issue_date_behind_a_damaged_issue_row(
    tail: list[str], expected: str | None, certainty: float | None
) -> None:
    values: dict[str, FieldValue] = {}
    extract._registered_issue_date(values, [_index(AKTA_HEAD + tail)])
    found = values.get("tanggal_dokumen")
    assert (found.value if found else None) == expected
    if found is not None:
        assert found.confidence == pytest.approx(0.95 * certainty, abs=0.05)


@pytest.mark.parametrize(
    ("row", "shaped"),
    [
        ("Kasipan ini dfioicwian di BANJARNEGARA,", True),
        ("Kntinan ini Aikolarkan di SALATIGA,", True),
        ("bahwa di BANJARNEGARA", False),
        ("Surat ini dibuat di Semarang,", False),  # a place in capitals only
    ],
)
def test_issue_row_shape(row: str, shaped: bool) -> None:
    assert (extract.ISSUE_ROW_SHAPE.match(row) is not None) is shaped


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("23 Ag'shc 2024", "2024-08-23"),  # Ag: Agustus, not April
        ("30 Agvenne 2024", "2024-08-30"),
        ("11 Femumi 2024", "2024-02-11"),  # F: only Februari
        ("15 Feimumii 2020", "2020-02-15"),
        ("26 Pewun ma 2022", "2022-02-26"),  # P: Pebruari, its broken tail after a space
        ("12 Negeri 2020", None),  # a real word of the dossiers
        ("05 Dinas 2024", None),
        ("O1 Tamari 2012", None),  # J, M and A alone name no one month
        ("01 April 2020", None),  # a sure reader reads it: not this one's
        ("12 Sx 2020", None),  # far shorter than September
        ("Kepala Dinas 12 Februari 2020", None),  # not a value of its own
    ],
)
def test_framed_date(value: str, expected: str | None) -> None:
    from pipeline import dates

    found = dates.framed_date(value)
    assert (found.value.isoformat() if found else None) == expected
    if found is not None:
        assert found.certainty == 0.5


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Demikian untuk menjadi maklum.", "Jepara, 11 Femumi 2024", "Yang membuat,"], "2024-02-11"),
        (["| (Salatiga, 30 Agvenne 2024", "KEPALA DINAS KEPENDUDUKAN"], "2024-08-30"),
        ([", Mengetahui, Salatiga, 23 Ag'shc 2024", "KEPALA DINAS Yang bersangkutan,"], "2024-08-23"),
        # a decree's signing row, its label and month damaged
        (["Ditetankan dj : Pekalnngan", "padatancaal : 15 Feimumii 2020", "BUPATI PEKALONGAN,"], "2020-02-15"),
        # a readable letter date further down still wins over a framed guess above it
        (["Jepara, 11 Femumi 2024", "Kudus, 12 Maret 2024"], "2024-03-12"),
        # a birth row is no letter date, framed or not
        (["Tempat/Tgl Lahir Pemalang, 03 Nyvanwa 1968"], None),
        (["Semarang, 12 Negeri 2020"], None),
    ],
)
def test_letter_date_with_a_framed_month(lines: list[str], expected: str | None) -> None:
    found = extract._letter_date(_index(lines))
    assert (found.value if found else None) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # the left column's caption, a full stop of debris, then the place and date
        (["Mengetahui, . Purbalingga, 09 November 2023", "Lurah Karangrejo Yang menerangkan,"], "2023-11-09"),
        # the left column's office in capitals run into the place and date
        (["Mengetahui,", "KEPALA DINAS KESEHATAN Purbalingga, 27 November 2023", "Yang membuat,"], "2023-11-27"),
        (["KEPALA BADAN Kudus, 05 Juni 2024"], "2024-06-05"),
    ],
)
def test_letter_date_after_a_caption(lines: list[str], expected: str | None) -> None:
    found = extract._letter_date(_index(lines))
    assert (found.value if found else None) == expected


@pytest.mark.parametrize(
    ("row", "shaped"),
    [
        ("KEPALA DINAS KESEHATAN Purbalingga, 27 November 2023", True),
        ("TEMPAT LAHIR Purbalingga, 27 November 1967", False),  # a birth row, its colon lost
        ("TEMPAT TGL LAHR Kudus, 05 Juni 1968", False),
        ("KEPALA DINAS KUDUS, 05 Juni 2024", False),  # no place in Title case after the capitals
        ("KEPALA DINAS Kudus, 05-06-2024", False),  # the month in words only
        ("Kepala Dinas Kudus, 05 Juni 2024", False),  # no capital caption
    ],
)
def test_caption_date_shape(row: str, shaped: bool) -> None:
    assert (extract._caption_date(row) is not None) is shaped


DPCP_HEAD = [
    "DATA PERORANGAN CALON PENERIMA PENSIUN (DPCP)",
    "I. KETERANGAN PRIBADI",
    ": BUDI HARTONO, S.Pd.",
    "NY : 19670816 2007011 237",
]
DPCP_FOOT = [
    "Demikian Data Perorangan ini saya buat dengan sebenarnya.",
    "KEPALA DINAS PERTANIAN Yang bersangkutan,",
    "BUDI HARTONO, S.Pd.",
    "NIP. 19670816 200701 1 237",
]


@pytest.mark.parametrize(
    ("birth_row", "expected"),
    [
        # the labels lost: the birth row beside the NIP printed above the employee's signature
        ("1 Blora, 16-08-1967", "1967-08-16"),
        # a date the NIP does not encode stays unplaced (that row may be anything)
        ("1 Blora, 17-08-1967", None),
    ],
)
def test_birth_row_confirmed_by_the_signed_nip(birth_row: str, expected: str | None) -> None:
    from pipeline.models import Document
    from tests.textpage import page_result

    filler = ["| : Analis Ketahanan Pangan"] * 40  # rows whose labels OCR lost; the signature low
    lines = [*DPCP_HEAD, birth_row, *filler, *DPCP_FOOT]
    doc = Document(id="d1", doc_type="DPCP", pages=[1])
    _, persons, signers = extract.read_document(doc, {1: page_result(1, lines, "DPCP")})
    own = [b for b in (*persons, *signers) if "nip" in b and b["nip"].value == "196708162007011237"]
    born = {str(b["tanggal_lahir"].value) for b in own if "tanggal_lahir" in b}
    assert born == ({expected} if expected else set())


@pytest.mark.parametrize(
    ("value", "is_place_date"),
    [
        ("Purbalingga, 27 Juli 1967", True),  # a card's birth value on the Nama label's row
        ("Kudus, 10-08-1969", True),
        ("Tanjung Pinang, O3 Maret 1968", True),
        ("NUR ROHMAWATI", False),
        ("SITI AMINAH, S.Pd.", False),  # a gelar after the comma
        ("BUDI, 12 orang", False),  # no date after the comma
    ],
)
def test_place_date_value(value: str, is_place_date: bool) -> None:
    assert extract._place_date_value(value) is is_place_date


def test_place_date_on_the_name_row_is_no_name() -> None:
    """The konversi page of a karpeg read in two columns: the Nama label's row holds the birth
    value. It must not name the block of the new NIP (which would then differ from the card's
    holder and drop their birth date)."""
    from pipeline.models import Document
    from tests.textpage import page_result

    lines = [
        "KONVERSI NIP",
        "NIP Lama : 527 965 062",
        "NIP Baru 19670727 200603 2 122",
        ": NUR ROHMAWATI",
        "Nama Purbalingga, 27 Juli 1967",
    ]
    doc = Document(id="d1", doc_type="KARPEG", pages=[1])
    _, persons, _ = extract.read_document(doc, {1: page_result(1, lines, "KARPEG")})
    assert not any("Purbalingga" in str(b["nama"].value) for b in persons if "nama" in b)


def _tmt_spec():
    return extract.field_rules()[0]["tmt"]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a decree in two columns read across them: the day ends the phrase's row
        (
            [
                "terhitung mulai tanggal 01 Pengelolaan Keuangan APBD Ahli Muda",
                "KEDUA Agustus 2023.",
                ": Kepada Pegawai Negeri Sipil",
            ],
            "2023-08-01",
        ),
        # a damaged label: "mulai" whole between words that keep their first letter
        (
            ["b. Golongan ruang : III/d", "C. Ter mulai tencaal : Ol April 2020", "d. Masa kerja : 16 Tahun"],
            "2020-04-01",
        ),
        # the value one row above its label standing alone (a KGB's two columns)
        (
            ["Dalam golongan ruang : III/b", "O1 April 2021", "Mulai tanggal", "berkala berikutnya : 01 April 2023"],
            "2021-04-01",
        ),
        # the old salary's "Tanggal mulai berlakunya gaji" is no TMT
        (["d. Tanggal mulai berlakunya gaji : 01 April 2019"], None),
        # the phrase's day followed by a numeric month: a date of its own, not this reader's
        (["terhitung mulai tanggal 01-04-2020 dan", "KEDUA Agustus 2023."], None),
        # no month word on the next row
        (["terhitung mulai tanggal 01 Pengelolaan", "KEDUA : Kepada Pegawai 2023"], None),
        # a label standing alone under a row that is more than a date
        (["Nomor 01 April 2021 tentang", "Mulai tanggal"], None),
    ],
)
def test_broken_tmt(lines: list[str], expected: str | None) -> None:
    found = extract._broken_date(_index(lines), _tmt_spec())
    assert (found.value if found else None) == expected
    if found is not None:
        assert found.confidence <= 0.7


def test_broken_tmt_only_where_no_reader_found_one() -> None:
    """A whole TMT phrase elsewhere in the decree wins over a broken row."""
    from pipeline.models import Document
    from tests.textpage import page_result

    lines = [
        "KEPUTUSAN BUPATI KUDUS",
        "C. Ter mulai tencaal : Ol April 2020",
        "menjadi Pegawai Negeri Sipil terhitung mulai tanggal 01 Maret 2021.",
    ]
    doc = Document(id="d1", doc_type="SK_PANGKAT", pages=[1])
    values, _, _ = extract.read_document(doc, {1: page_result(1, lines, "SK_PANGKAT")})
    assert values["tmt"].value == "2021-03-01"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a kutipan akta's date in words, its month word damaged: read through the loose month
        ("pada tanggal lima belas Sepicmber dua ribu dua", "2002-09-15"),
        ("pada tanggal tiga Oktohcr seribu sembilan ratus sembilan puluh", "1990-10-03"),
        # a word no month is clearly nearest stays unread
        ("pada tanggal lima belas Sebagai dua ribu dua", None),
        # a numeric day and a year in words: neither frame alone
        ("tanggal 15 Sepicmber dua ribu dua", None),
    ],
)
def test_loose_month_between_number_words(text: str, expected: str | None) -> None:
    from pipeline import dates

    found = dates.find_dates(text)
    assert (found[0].value.isoformat() if found else None) == expected
    if found:
        assert found[0].certainty < 1.0


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a form's rank row, its labels run together, is no letter date: the letter's row below is
        (
            ["PONDUAUN PangkavGol. Ruang, TMT Penata / III/c, 01-04-2022", "Mengetahui, Temanggung, 20 Maret 2026"],
            "2026-03-20",
        ),
        (["Pangkat, TMT Penata / III/c, 01-04-2022"], None),
        # a letter's own row holds no number before its date
        (["Blora, 26 Oktober 2023"], "2023-10-26"),
        (["Mengetahui, Temanggung, 20 Maret 2026"], "2026-03-20"),
    ],
)
def test_letter_date_not_after_a_number(lines: list[str], expected: str | None) -> None:
    found = extract._letter_date(_index(lines))
    assert (found.value if found else None) == expected


@pytest.mark.parametrize(
    ("lines", "doc_type", "expected"),
    [
        # a KGB notice is a letter: its head date, a colon and a quote of debris before the place
        (
            ["PEMERINTAH KABUPATEN BREBES", ': " Brebes, 29 Januari 2024', "Nomor : 822.4/898/2024"],
            "SK_KGB",
            "2024-01-29",
        ),
        ([': " Brebes, 29 Januari 2024'], "SURAT_PENGANTAR", "2024-01-29"),
        # not a type dated at its head
        ([': " Brebes, 29 Januari 2024'], "SK_PANGKAT", None),
        # too low for a head date: a birth row whose label OCR lost
        ([*(["Dengan ini diberitahukan"] * 9), ": Brebes, 29 Januari 1968"], "SK_KGB", None),
    ],
)
def test_head_letter_date_behind_debris(lines: list[str], doc_type: str, expected: str | None) -> None:
    from pipeline import issue_date

    found = issue_date.head_letter_date(_index(lines), doc_type)
    assert (found.value if found else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "puluh" two letters off between two number words: the year whole, not cut at 1909
        ("pada tanggal tiga puluh Januari seribu sembilan ratus sembilan puhih enam", "1996-01-30"),
        # one letter off beside a number word, as before
        ("tiga Mei seribu sembilan ratus sembilan pulah satu", "1991-05-03"),
        # two letters off with a number word on one side only: left as printed (the year cut)
        ("tiga Mei seribu sembilan ratus sembilan puhih", "1909-05-03"),
    ],
)
def test_number_word_two_letters_off_between_number_words(text: str, expected: str) -> None:
    from pipeline import dates

    found = dates.find_dates(text)
    assert found and found[0].value.isoformat() == expected


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # a two-column form: the day ends the birth row, month and year end the next row
        (
            ["C. : 19690409 201104 1 304", "Tempaf/Tgl. Lahir : Sukoharjo, 09", "d. Pangkat/Gol. April 1969"],
            "1969-04-09",
        ),
        # the rows read as another date than the NIP's: not placed
        (["C. : 19690409 201104 1 304", "Tempaf/Tgl. Lahir : Sukoharjo, 10", "d. Pangkat/Gol. April 1969"], None),
        # no sure month word on the next row
        (["C. : 19690409 201104 1 304", "Tempaf/Tgl. Lahir : Sukoharjo, 09", "d. Pangkat/Gol. Apnl 1969"], None),
    ],
)
def test_birth_wrapped_over_two_rows_confirmed_by_the_nip(rows: list[str], expected: str | None) -> None:
    from datetime import date

    index = _index(rows)
    found = extract._split_birth(index, index.rows, date(1969, 4, 9))
    assert (found.value if found else None) == expected


MENJADI = ["Menjadi:", "1 Pengatur Tingkat I", ": III/d"]


@pytest.mark.parametrize(
    ("rows", "doc_type", "expected"),
    [
        # the "Menjadi:" block's labels lost: the bare date above the masa kerja row is the TMT
        ([*MENJADI, ": Ol April 2020", "1 20 Tahun 2 Bulan", ": Rp 3.119.000,-"], "SK_PANGKAT", "2020-04-01"),
        ([*MENJADI, ": O1 April 2018", "1 14 Tahun 8 Bulan"], "SK_PANGKAT", "2018-04-01"),
        # a KGB's old salary date stands above a masa kerja row too: not there
        ([": 01 April 2019", ": 17 Tahun 4 Bulan"], "SK_KGB", None),
        # a date with more on its row, or no masa kerja row under it
        ([*MENJADI, "Penata / III/c / 01-04-2014", "1 20 Tahun 2 Bulan"], "SK_PANGKAT", None),
        ([*MENJADI, ": Ol April 2020", ": Rp 3.119.000,-"], "SK_PANGKAT", None),
    ],
)
def test_unlabelled_tmt(rows: list[str], doc_type: str, expected: str | None) -> None:
    from pipeline.models import Document
    from tests.textpage import page_result

    doc = Document(id="d1", doc_type=doc_type, pages=[1])
    values, _, _ = extract.read_document(doc, {1: page_result(1, rows, doc_type)})
    found = values.get("tmt")
    assert (found.value if found else None) == expected
    if found is not None:
        assert found.confidence <= 0.6


@pytest.mark.parametrize(
    ("read", "number", "expected"),
    [
        # one digit off the date the KK's number encodes (DDMMYY at digits 7 to 12): the number's
        ("2017-08-09", "3329130905174366", "2017-05-09"),
        ("2017-05-08", "3329130905174366", "2017-05-09"),
        # the same: kept
        ("2017-05-09", "3329130905174366", "2017-05-09"),
        # further off: a later reprint keeps its number, the date kept as printed
        ("2019-11-20", "3329130905174366", "2019-11-20"),
    ],
)
def test_kk_issue_date_checked_by_its_number(read: str, number: str, expected: str) -> None:
    from pipeline import issue_date

    values = {"tanggal_dokumen": FieldValue(read, 1, 0.9, None)}
    issue_date.kk_number_checked(values, [_index([f"KARTU KELUARGA No. {number}", "Dikeluarkan Tanggal : x"])])
    assert values["tanggal_dokumen"].value == expected
    if read != expected:
        assert values["tanggal_dokumen"].confidence < 0.9


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the J of Januari read as T (its hook faded), the rest loosely Januari
        ("terhitung mulai tanggal 01 Teniari 2009.", "2009-01-01"),
        ("menjadi Pegawai Negeri Sipil terhitma mulai tanggal O1 Tamari 2012.", "2012-01-01"),
        # "Tahun" between a number and a year is no month ("Nomor 5 Tahun 2014")
        ("Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara", None),
        ("Peraturan Pemerintah Nomor 11 Tahun 2017", None),
        ("Surat Tanda Tamat Pendidikan 12 Tanggal 2019", None),
    ],
)
def test_j_read_as_t(text: str, expected: str | None) -> None:
    from pipeline import dates

    found = dates.find_dates(text)
    assert (found[0].value.isoformat() if found else None) == expected
    if found:
        assert found[0].certainty < 1.0


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("pada tanggal : 26 Februari 2022", ("pada tanggal ", ":", " 26 Februari 2022")),
        # the colon read as 1 after a mark of debris, or as | alone
        ("pada ngasi $ 1 26 Pewun ma 2022", ("pada ngasi", "1", " 26 Pewun ma 2022")),
        ("pada tanggal | 15 Maret 2020", ("pada tanggal", "|", " 15 Maret 2020")),
        # no colon and none misread: no value
        ("pada tanggal ditetapkan", ("pada tanggal ditetapkan", "", "")),
    ],
)
def test_signing_partition(row: str, expected: tuple[str, str, str]) -> None:
    assert extract._signing_partition(row) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # the label and its colon damaged, the month too; the signer's office below confirms it
        (["perbaikan sebagaimana mestinya,", "pada ngasi $ 1 26 Pewun ma 2022", "WALI KOTA SURAKARTA,"], "2022-02-26"),
        # without the signer's office or the place row: no signing date
        (["perbaikan sebagaimana mestinya,", "pada ngasi $ 1 26 Pewun ma 2022", "Tembusan:"], None),
    ],
)
def test_signing_date_with_a_misread_colon(lines: list[str], expected: str | None) -> None:
    found = extract._letter_date(_index(lines))
    assert (found.value if found else None) == expected
