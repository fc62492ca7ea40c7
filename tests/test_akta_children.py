"""Children's akta: one akta per child even when OCR loses a heading, and a child's name misread on
a worn akta put right from the KK row of the child born that day (no OCR)."""

from __future__ import annotations

import pytest

from classifiers.profiles import normalise
from pipeline.checks_family import check_children
from pipeline.findings import rules
from pipeline.group import group_pages
from pipeline.models import Document, FieldValue
from pipeline.names import glyph_variant
from pipeline.narrative import read_akta
from pipeline.persons import KK_CONFIRMED_CERTAINTY, repair_child_names_from_kk
from pipeline.textindex import TextIndex
from tests.textpage import page_result, page_text

GLYPHS = rules()["glyph_misreadings"]


@pytest.mark.parametrize(
    "printed, read, variant",
    [
        ("BAGUS SAPUTRA", "BAGUS SAPUIKA", True),  # T as I, R as K
        ("ILHAM NUGRAHA", "IILTIAM NUGRAINA", True),  # a stray I, H as TI and as IN
        ("SALSA RAHMAWATI", "SAI SA RAHMAWATI", True),  # L as "I "
        ("DEWI KHOIRUNNISA", "DEWI KIIOIRUNNISA", True),  # H as II
        ("DIMAS FIRMANSYAH", "DIMAS FIRMANSYAHI", True),  # a stray stroke after the word
        ("Rafi Firmansyah", "RAFI FIKMANSYAH", True),  # case-blind
        ("ANDI", "ANDI", False),  # nothing to put right
        ("SALSA", "SALSHA", False),  # another spelling: a letter added
        ("MUHAMMAD", "MUHAMAD", False),  # a letter dropped
        ("FITRI", "FITRY", False),  # I and Y are not one glyph worn
        ("SAPUIKA", "SAPUTRA", False),  # one way only: a damaged KK reading never rewrites a clean akta
        ("cew SARI", "DEWI SARI", False),  # the KK row itself misread
        ("BUDI SANTOSO", "BUDI SANTOSA", False),
        ("BAGUS SAPUTRA", "8AGU5 5APUIKA", False),  # five changes: too many to be sure
    ],
)
def test_glyph_variant(printed, read, variant):
    assert glyph_variant(printed, read, GLYPHS["readings"], GLYPHS["stray"], GLYPHS["max_changes"]) is variant


def _akta(name: str, born: str | None, page: int = 5, confidence: float = 0.9) -> Document:
    fields = {"nama": FieldValue(name, page, confidence)}
    if born:
        fields["tanggal_lahir"] = FieldValue(born, page, confidence)
    return Document(f"d{page}", "AKTA_KELAHIRAN", [page], fields)


def _kk(*members: tuple[str, str | None]) -> Document:
    rows = [{"nama": n, "tanggal_lahir": b, "page": 9} for n, b in members]
    return Document("dkk", "KK", [9], {"anggota": FieldValue(rows, 9, 0.8)})


@pytest.mark.parametrize(
    "akta, kk, expected",
    [
        pytest.param(
            _akta("BAGUS SAPUIKA", "2002-10-16"),
            _kk(("BAGUS SAPUTRA", "2002-10-16"), ("SITI AMINAH", "1970-01-01")),
            "BAGUS SAPUTRA",
            id="misread-child-put-right",
        ),
        pytest.param(
            _akta("IILTIAM NUGRAINA", "2008-12-17"),
            _kk(("ILHAM NUGRAHA", None)),
            "ILHAM NUGRAHA",
            id="kk-row-without-birth-date",
        ),
        pytest.param(
            _akta("BAGUS SAPUIKA", "2002-10-16"),
            _kk(("BAGUS SAPUTRA", "2001-01-05")),
            "BAGUS SAPUIKA",
            id="another-childs-birth-date",
        ),
        pytest.param(
            _akta("SALSHA RAHMAWATI", "1996-02-11"),
            _kk(("SALSA RAHMAWATI", "1996-02-11")),
            "SALSHA RAHMAWATI",
            id="real-spelling-difference-left-for-the-crosscheck",
        ),
        pytest.param(
            _akta("RINA SAPUIKA", None),
            _kk(("RINA SAPUTRA", None), ("RINA SAPUIRA", None)),
            "RINA SAPUIKA",
            id="two-rows-fit-none-taken",
        ),
    ],
)
def test_child_name_from_kk(akta, kk, expected):
    read = akta.fields["nama"]
    repair_child_names_from_kk([kk, akta])
    assert akta.fields["nama"].value == expected
    # a value put right keeps its page and box, at a lowered certainty; one left alone is untouched
    changed = expected != read.value
    assert akta.fields["nama"].confidence == (round(read.confidence * KK_CONFIRMED_CERTAINTY, 3) if changed else 0.9)
    assert akta.fields["nama"].page == read.page


AKTA_BODY = ["Bahwa di Kendal pada tanggal 18 Februari 1998 telah lahir SALSA FITRIANI", "anak ke satu"]


@pytest.mark.parametrize(
    "second, pages_per_document",
    [
        # the next child's akta whose "KUTIPAN AKTA KELAHIRAN" heading OCR lost: its own document
        (["Bahwa di Kendal pada tanggal 15 April 2002 telah lahir ANDIKA SAPUTRA", "anak ke dua"], [[1], [2]]),
        # the same akta scanned twice: one document (DUPLICATE_PAGE reports the second scan)
        (AKTA_BODY, [[1, 2]]),
    ],
)
def test_untitled_akta_after_an_akta(second, pages_per_document):
    pages = [
        page_result(1, ["KUTIPAN AKTA KELAHIRAN", *AKTA_BODY * 8], "AKTA_KELAHIRAN", title_hit=True),
        page_result(2, second * (8 if second is AKTA_BODY else 1), "AKTA_KELAHIRAN", title_hit=False),
    ]
    documents, _ = group_pages(pages)
    assert [d.pages for d in documents] == pages_per_document


KK_TEXT_LOST_ROW = normalise(
    "No Nama Lengkap NIK Jenis Kelamin Tempat Lahir Tanggal Lahir\n"
    "3 | FAJAR NUGRAHA 3306120503960063 LAKIHLAKI PURWOREJO 05-03-1996 ISLAM\n"
    "(“8 |(WTAN SAXI |3306125002980451 PEREMPUAN PURWOREJO 10-02-1998 ISLAM\n"
)


@pytest.mark.parametrize(
    "child, born, reported",
    [
        # the row the table reader lost still prints the child's birth date: listed
        ("INTAN SARI", "1998-02-10", False),
        # a child born on a day no member of the KK was: not listed
        ("INTAN SARI", "1998-02-11", True),
        ("DEWI LESTARI", "2003-06-18", True),
    ],
)
def test_child_listed_by_birth_date_when_its_row_is_lost(child, born, reported):
    kk = _kk(("FAJAR NUGRAHA", "1996-03-05"))
    akta = _akta(child, born)
    codes = [f.code for f in check_children([kk, akta], KK_TEXT_LOST_ROW)]
    assert codes == (["CHILD_NOT_IN_KK"] if reported else [])


AKTA_ISSUED = ["Kutipan ini dikeluarkan di PURWOREJO,", "pada tanggal 29 Oktober 2001"]


@pytest.mark.parametrize(
    "birth_row, born",
    [
        ("pada tanggal empat Oktober dua ribu satu", "2001-10-04"),
        ("pada tanngal empat Oktober dua ribu satu", "2001-10-04"),  # 'tanggal' worn: not the issue date
        ("pada tangga1 04 Oktober 2001", "2001-10-04"),
    ],
)
def test_akta_birth_date_not_the_issue_date(birth_row, born):
    lines = ["KUTIPAN AKTA KELAHIRAN", "bahwa di PURWOREJO", birth_row, "telah lahir", "ILHAM NUGRAHA", *AKTA_ISSUED]
    fields = read_akta(TextIndex(page_text(lines), 1))
    assert fields["tanggal_lahir"].value == born


@pytest.mark.parametrize(
    "row, row_confidence, severity",
    [
        # an unsurely read row born the same day and month (its year misread): may be the child
        (("INTAN Rasasawsay)", "1900-11-14"), 0.54, "warning"),
        # an unsurely read row with the child's first name
        (("INTAN Rasasawsay)", None), 0.54, "warning"),
        # the same row read surely is another person: the child is missing
        (("INTAN Rasasawsay)", "1900-11-14"), 0.9, "error"),
        # an unsure row that shares nothing with the child says nothing about it
        (("ANDIKA NUGRAHA", "2003-12-15"), 0.54, "error"),
    ],
)
def test_child_not_in_kk_is_unsure_beside_an_unsurely_read_row(row, row_confidence, severity):
    kk = _kk(("HARI SUPRIYANTO", "1968-10-02"))
    name, born = row
    kk.fields["anggota"].value.append({"nama": name, "tanggal_lahir": born, "page": 9, "confidence": row_confidence})
    findings = check_children([kk, _akta("INTAN RAHMAWATI", "1999-11-14")], "")
    assert [(f.code, f.severity) for f in findings] == [("CHILD_NOT_IN_KK", severity)]
