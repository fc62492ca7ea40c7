"""Dates OCR broke or damaged past the earlier readers, in the shapes Tesseract left them on the
seeds' scans of kutipan akta, letters and decrees. Table style, no OCR: each row is a text and the
date that must (or must not) be read from it. Names and numbers are made up."""

from __future__ import annotations

import pytest

from pipeline import dates, extract, issue_date
from pipeline.models import FieldValue
from pipeline.textindex import TextIndex
from tests.textpage import page_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a year in words broken over two rows, the second starting with debris (kutipan akta)
        (
            "pada tanggal dua puluh lima Agustus seribu sembilan ratus sembilan puluh\n, satu\ntelah lahir",
            "1991-08-25",
        ),
        ("tujuh belas September seribu sembilan ratus sembilan puluh\n| lima\ntelah lahir", "1995-09-17"),
        ("empat Mei dua ribu\n- tiga\ntelah lahir", "2003-05-04"),
        # the year already whole: a debris row after it is not taken in
        ("lima Mei dua ribu sebelas\n, satu anak", "2011-05-05"),
        ("lima Mei seribu sembilan ratus delapan puluh tujuh\n| dua", "1987-05-05"),
        # no debris: the plain row break was read before and still is
        ("dua Juni seribu sembilan ratus sembilan puluh\ndua\ntelah lahir", "1992-06-02"),
        # broken after a unit, the next row going on with a multiplier (seed 43517 berkas-0009: 1909)
        ("dua puluh sembilan April seribu sembilan ratus sembilan\n| puluh enam\ntelah lahir", "1996-04-29"),
        ("dua puluh empat Agustus seribu sembilan ratus sembilan.\npuluh tiga\ntelah lahir", "1993-08-24"),
        # a unit's row after a finished unit stays out
        ("lima Mei seribu sembilan ratus delapan puluh tujuh\n| dua puluh", "1987-05-05"),
    ],
)
def test_year_in_words_over_two_rows(text: str, expected: str) -> None:
    found = dates.find_dates(text)
    assert found and found[0].value.isoformat() == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # lima's l and i read as one I (seed 43517 berkas-0007's akta: 2000 for 2005)
        ("pada tanggal satu Januari dua ribu Ima\ntelah lahir", "2005-01-01"),
        ("enam bela Mei dua ribu satu", "2001-05-16"),
        ("tiga Juni seribu sembilan ratus delapan puluh nam", "1986-06-03"),
        # a finished year followed by a name one letter from a number word (lima / LIA) stays
        ("satu Januari dua ribu lima\nLIA", "2005-01-01"),
        # "ibu" is a word, not ribu
        ("satu Januari dua ribu lima dari ibu", "2005-01-01"),
    ],
)
def test_number_word_with_a_letter_lost(text: str, expected: str) -> None:
    found = dates.find_dates(text)
    assert found and found[0].value.isoformat() == expected
    assert len(dates._repair_number_words(text)) == len(text)  # offsets stay


@pytest.mark.parametrize(
    ("word", "month", "may_be"),
    [
        # a short name (Maret) scores high on any a, r, e, t; the first letter is Agustus'
        ("Aru eh", 8, True),
        ("Am et", 8, True),
        # the word starts as the rival does: a real disagreement
        ("Novemuxi", 10, False),
        ("Maret", 8, False),
        # the first letter is shared by both (April, Agustus): it decides nothing
        ("Apiil", 8, False),
        # near enough already
        ("Aruetia", 8, True),
    ],
)
def test_damaged_month_may_be_the_nip_month(word: str, month: int, may_be: bool) -> None:
    assert extract._month_may_be(word, month) is may_be


def _page(text: str) -> TextIndex:
    return TextIndex(page_text(text.strip().split("\n")), 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "b. NIP : 19680810 201003 2 349\nc. Tempat/Tanggal Lahir : Surakarta, 10 Am et 1968\n",
            "1968-08-10",
        ),
        # the printed month reads as another month outright: left for the cross-checks
        ("b. NIP : 19680810 201003 2 349\nc. Tempat/Tanggal Lahir : Surakarta, 10 Mnret 1968\n", None),
    ],
)
def test_birth_month_from_nip_by_first_letter(text: str, expected: str | None) -> None:
    ix = _page(text)
    block: dict = {"nip": FieldValue("196808102010032349", 1, 0.9)}
    extract._birth_from_nip(block, [ix])
    got = block.get("tanggal_lahir")
    assert (got.value if got else None) == expected
    if got is not None:
        assert got.confidence < 0.75


INITIAL = dates.damaged_month_rules()["initial_month"]["certainty"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A starts April and Agustus: the second letter, kept, tells which
        ("C. Terhitung mulai tanggal 1 O1 Apni 2021", "2021-04-01"),
        ("Tegal, 06 Ag'stis 2025", "2025-08-06"),
        # words of the dossiers' own wording that start so are no month
        ("10 Apabila 2020", None),
        ("12 Agama 2020", None),
        ("03 Aparatur 2014", None),
        # an A and nothing that tells the two apart stays unread
        ("Baraya, 24 Amene 1968", None),
        ("Banyumas, 30 As: 2023", None),
    ],
)
def test_month_told_by_its_first_two_letters(text: str, expected: str | None) -> None:
    found = dates.find_dates(text)
    assert (found[0].value.isoformat() if found else None) == expected
    if found:
        assert found[0].certainty == INITIAL


JOINED = dates.damaged_month_rules()["joined_date"]["certainty"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # one of the two separators lost, the value right after a date label
        (" 0312-2011", "2011-12-03"),
        (": 25-011972", "1972-01-25"),
        # not a date: a longer digit run, an impossible day or month, an NIP part
        ("0312-20111", None),
        ("3312-2011", None),
        ("0313-2011", None),
        ("19690918 199901", None),
        # a letter number, the date not at the value's start
        ("823/0312-2011", None),
    ],
)
def test_joined_date(value: str, expected: str | None) -> None:
    found = dates.joined_date(value)
    assert (found.value.isoformat() if found else None) == expected
    if found:
        assert found.certainty == JOINED
        assert value[found.start : found.end] == found.raw


def test_joined_date_only_under_a_label() -> None:
    # in running text (a table cell) the digits stay unread
    assert dates.find_dates("2 ATRI KHOIRUNNISA 1612-2001 | SETYANINGSIH") == []


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a numeric date after its place, the comma read as a full stop, on the letter's first row
        (["Tegalgunung. 20-08-2023", "Kepada", "Yth. Bupati Banyumas"], "2023-08-20"),
        # a bare numeric row, or one lower down (a birth row whose label OCR lost), is no head date
        (["20-08-2023", "Kepada", "Yth. Bupati Banyumas"], None),
        (
            ["Kepada", "Yth. Bupati Banyumas", "SURAT PERMINTAAN", "Yang bertanda tangan", ": Banyumas, 28-10-1970"],
            None,
        ),
    ],
)
def test_numeric_head_letter_date(lines: list[str], expected: str | None) -> None:
    found = issue_date.head_letter_date(TextIndex(page_text(lines), 1), "SURAT_PERMOHONAN")
    assert (found.value if found else None) == expected
    if found is not None:
        assert found.confidence < 0.75


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a legalisation stamp read into the letter's date row
        (["Demikian surat ini dibuat.", "Foto copy apsual dengan asli elang, 13 Februari,2024"], "2024-02-13"),
        (["Foto copy sesuai dengan aslinya Blora, 02 Juni 2024", "KEPALA DINAS"], "2024-06-02"),
        # the stamp alone: no date
        (["Foto copy gesuai dengan aslinya", "KEPALA DINAS"], None),
    ],
)
def test_letter_date_behind_a_stamp(lines: list[str], expected: str | None) -> None:
    found = extract._letter_date(TextIndex(page_text(lines), 1))
    assert (found.value if found else None) == expected


@pytest.mark.parametrize(
    ("row", "cut"),
    [
        ("Foto copy apsual dengan asli elang, 13 Februari,2024", len("Foto copy apsual dengan asli ")),
        ("copy setual dengan asilnya Wonogiri", len("copy setual dengan asilnya ")),
        ("Blora, 02 Juni 2024", 0),
    ],
)
def test_after_stamp(row: str, cut: int) -> None:
    assert extract._after_stamp(row) == cut


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a two-column signature: the year ends the next row, after the left column's words
        (
            ["maka saya bersedia menanggung kerugian.", "Tegal, 21 Februari", "KEPALA DINAS 2025", "KABUPATEN TEGAL,"],
            "2025-02-21",
        ),
        (["Surakarta, 19 Maret", "2024"], "2024-03-19"),
        # the year lost: nothing; a damaged month: nothing
        (["Surakarta, 19 Novemwer", "KEPALA DINAS KEPENDUDUKAN DAN"], None),
        (["Tegal, 21 Fbx", "KEPALA DINAS 2025"], None),
        # a number part is no year
        (["Tegal, 21 Februari", "Nomor 800/273/2025"], None),
    ],
)
def test_letter_date_year_on_next_row(lines: list[str], expected: str | None) -> None:
    found = extract._letter_date(TextIndex(page_text(lines), 1))
    assert (found.value if found else None) == expected
    if found is not None:
        assert found.confidence < 0.75


@pytest.mark.parametrize(
    ("lines", "doc_type", "expected"),
    [
        (
            [
                "AKTA CERAI",
                "Panitera Pengadilan Agama Wonosari menerangkan bahwa pada hari ini Selasa tanggal 10",
                "Sep—-— 1991, berdasarkan Putusan Pengadilan Agama Wonosari Nomor 635/Pdt.G/1991/PA.Wns",
                "tanggal 24 Agustus 1991 yang telah berkekuatan hukum tetap",
            ],
            "SURAT_CERAI",
            "1991-09-10",
        ),
        (["bahwa pada hari ini", "Rabu tanggal 16 Oktober 1991, berdasarkan"], "SURAT_CERAI", "1991-10-16"),
        # a date far after the phrase is another one; another type has no such opening
        (
            ["bahwa pada hari ini telah terjadi perceraian antara kedua belah pihak 16 Oktober 1991"],
            "SURAT_CERAI",
            None,
        ),
        (["bahwa pada hari ini Rabu tanggal 16 Oktober 1991"], "SURAT_NIKAH", None),
    ],
)
def test_akta_cerai_opening_date(lines: list[str], doc_type: str, expected: str | None) -> None:
    found = issue_date.opening_date(TextIndex(page_text(lines), 1), doc_type)
    assert (found.value if found else None) == expected
