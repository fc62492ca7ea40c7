"""NIPs read back where OCR wrapped, split or garbled them (pipeline.nip_layout, pipeline.nip).

The word positions below are those Tesseract gave on scanned usul pensiun pages (a table cell
wrapping its NIP below the row, a sentence row split into two lines), rounded.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import nip, nip_layout
from pipeline.extract import read_document
from pipeline.models import Classification, Document, PageRef, PageResult, PageText, Word
from pipeline.textindex import TextIndex

# (y of the row's top, [(word, x of its left edge), ...]); a word is 18 px a character, 40 px high
Row = tuple[int, list[tuple[str, int]]]

CELL_WRAPPED: list[Row] = [  # "NIP." read into the head; the cell's tail two rows below it
    (1120, [("1.", 403), ("NIP.196904172008011", 462), ("TingkatI/", 913), ("Database", 1129)]),
    (1146, [("penduduain", 1169), ("Pa", 1367), ("Sta", 1420)]),
    (1190, [("333", 463), ("I/d", 910)]),
]
LABEL_ALIGNED: list[Row] = [  # the tail stands below the "NIP." label, other columns after the head
    (1645, [("1.", 606), ("NIP.", 696), ("19681023", 806), ("2010032", 1046), ("Tingkat1/", 1371), ("01", 2039)]),
    (1679, [(",", 1286), ("2025", 2074)]),
    (1720, [("313", 696), ("II/d", 1374), ("Jembatan", 1688)]),
]
# one skewed visual row read as two: the words drift down to the right, so the tail ("254,", as
# low as the left column's next line) is grouped with that line, after its words (boxes as read)
ROW_SPLIT = [
    [("Pegawai", (332, 1119, 475, 1160)), ("Negeri", (506, 1128, 621, 1170)), ("Dinas", (868, 1147, 967, 1183))],
    [("WAHYU", (1166, 1100, 1325, 1139)), ("S.E,", (1642, 1126, 1722, 1164)), ("NIP.", (1743, 1130, 1813, 1165))],
    [("19671020", (1839, 1137, 2007, 1174)), ("200903", (2024, 1145, 2155, 1183)), ("G", (2178, 1153, 2188, 1185))],
    [("Kesehatan", (997, 1154, 1175, 1194)), ("Kota", (1203, 1164, 1286, 1200)), ("TAIL", (2211, 1155, 2285, 1193))],
    [("yang", (1491, 1188, 1575, 1223)), ("telah", (1602, 1185, 1686, 1220)), ("dunia", (1923, 1200, 2018, 1237))],
]


def _page(rows: list[Row]) -> PageText:
    words = []
    for line, (y, row) in enumerate(rows):
        for text, x in row:
            words.append(Word(text, 95.0, (x, y, x + 18 * len(text), y + 40), line))
    return PageText(words=words, width=2480, height=3508, method="ocr", ocr_confidence=95.0)


def _head(index: TextIndex, head: str) -> tuple[int, int]:
    start = index.text.index(head)
    return start, start + len(head)


def _row_split(gender: str, tail: str) -> PageText:
    """ROW_SPLIT with this gender digit ending the head and this word after the next line's."""
    words = [
        Word({"G": gender, "TAIL": tail}.get(text, text), 95.0, box, 1 if n < 3 else 2)
        for n, group in enumerate(ROW_SPLIT)
        for text, box in group
    ]
    return PageText(words=words, width=2480, height=3508, method="ocr", ocr_confidence=95.0)


@pytest.mark.parametrize(
    ("page", "head", "expected"),
    [
        (_page(CELL_WRAPPED), "196904172008011", "196904172008011333"),
        (_page(LABEL_ALIGNED), "19681023 2010032", "196810232010032313"),
        (_row_split("1", "254,"), "19671020 200903 1", "196710202009031254"),
    ],
    ids=["cell-tail-below-head", "cell-tail-below-label", "row-split-into-two-lines"],
)
def test_layout_join(page: PageText, head: str, expected: str) -> None:
    index = TextIndex(page, 1)
    found = nip_layout.layout_join(index, *_head(index, head))
    assert found is not None and found[0] == expected
    assert index.text[found[1] - 3 : found[1]] == expected[-3:]


def _shifted(rows: list[Row], dx: int) -> list[Row]:
    """The tail row moved ``dx`` px to the right: it is then no part of the cell."""
    return [*rows[:2], (rows[2][0], [(t, x + dx) for t, x in rows[2][1]])]


def _cell(head: str = "196904172008011", tail: str = "333") -> list[Row]:
    """CELL_WRAPPED with another head (read into the "NIP." word) or tail."""
    first = [("NIP." + head if t.startswith("NIP.") else t, x) for t, x in CELL_WRAPPED[0][1]]
    last = [(tail if t == "333" else t, x) for t, x in CELL_WRAPPED[2][1]]
    return [(CELL_WRAPPED[0][0], first), CELL_WRAPPED[1], (CELL_WRAPPED[2][0], last)]


@pytest.mark.parametrize(
    ("page", "head"),
    [
        (_page(_shifted(CELL_WRAPPED, 300)), "196904172008011"),  # below another column
        (_page(_cell(tail="3330")), "196904172008011"),  # 19 digits: not this NIP's tail
        (_page(_cell(tail="33")), "196904172008011"),  # 17 digits
        (_page(_cell(head="196913172008011")), "196913172008011"),  # month 13 in the head
        (_row_split("3", "254,"), "19671020 200903 3"),  # gender digit 3: no NIP
        (_row_split("1", "Pegawai"), "19671020 200903 1"),  # words, no digits, after the head
    ],
    ids=["tail-not-aligned", "tail-too-long", "tail-too-short", "bad-birth-date", "bad-gender", "no-tail"],
)
def test_layout_join_needs_structure(page: PageText, head: str) -> None:
    index = TextIndex(page, 1)
    assert nip_layout.layout_join(index, *_head(index, head)) is None


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (_page(CELL_WRAPPED), ["196904172008011333"]),
        (_page(LABEL_ALIGNED), ["196810232010032313"]),
        (_row_split("1", "254,"), ["196710202009031254"]),
        (_page(_shifted(CELL_WRAPPED, 300)), []),
    ],
    ids=["fused-label", "spaced-label", "sentence", "no-tail"],
)
def test_find_laid_out_nips(page: PageText, expected: list[str]) -> None:
    assert [v for v, _, _ in nip_layout.find_laid_out_nips(TextIndex(page, 1))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NIP 4 19681107 zuu7ul 1 250", ["196811072007011250"]),  # TMT group read as letters
        ("NIP. 1967uzu7 199503 1 015", ["196702071995031015"]),  # birth group read as letters
        ("NIP 19681107 uuu7ul 1 250", []),  # TMT year 0007: no repair
        ("NIP. 1967uzu7 199503 3 015", []),  # gender digit 3: no repair
        ("Kabupaten Sukoharjo 19681107", []),
    ],
)
def test_letters_for_digits(text: str, expected: list[str]) -> None:
    assert [v for v, _, _ in nip.find_nips(text)] == expected


def test_pengantar_table_cell_tail_is_the_subjects_nip() -> None:
    """A usul pensiun pengantar whose NAMA / NIP cell wrapped: the document's NIP is the whole one,
    not the head glued to digits of the next columns ("Tingkat1/ . 01 April")."""
    rows: list[Row] = [
        (400, [("Bersama", 100), ("ini", 300), ("kami", 400), ("sampaikan", 520), ("usul", 720), ("pensiun", 820)]),
        (1600, [("NO", 606), ("NAMA", 696), ("/", 800), ("NIP", 830), ("GOL.", 1371), ("JABATAN", 1688)]),
        (1620, [("DYAH", 696), ("RAHAYU,", 800), ("S.Sos.", 950), ("Penata", 1371), ("Teknik", 1688)]),
        *LABEL_ALIGNED,
    ]
    ref = PageRef("b", 1, Path("/x/b.pdf"), "b.pdf", 1, "pdf")
    page = PageResult(ref=ref, text=_page(rows), classification=Classification("SURAT_PENGANTAR", 0.9, [], True))
    values, _, _ = read_document(Document("d", "SURAT_PENGANTAR", [1]), {1: page})
    assert values["nip"].value == "196810232010032313"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("L 10690127 201001 2251 TingkatI/", ["196901272010012251"]),  # 9 read as 0 (fixtures berkas-0002)
        ("NIP. 15780725 200201 2 004", ["197807252002012004"]),  # 9 read as 5
        ("39730822 199701 2 002", ["197308221997012002"]),  # 1 read as 3
        ("NIP. 196913042007011064", ["196913042007011064"]),  # month 13: a real defect, kept as printed
        ("NIP. 190809282010031254", ["190809282010031254"]),  # a century, however unlikely: kept
        ("NIP. 157200071998041006", ["157200071998041006"]),  # day 00 after the repair too: kept
    ],
)
def test_century_repair(text: str, expected: list[str]) -> None:
    assert [v for v, _, _ in nip.find_nips(text)] == expected


def test_century_repair_needs_one_way() -> None:
    """A "10" year may be 19.. or 20..: 2069 is no birth year of someone whose TMT is 2010, so
    1969 it is; a TMT that both centuries allow (2040: born 1901 or 2001) leaves the NIP as read."""
    assert nip.century_repaired("106901272010012251") == "196901272010012251"
    assert nip.century_repaired("100101012040011001") is None
    assert nip.century_repaired("196901272010012251") is None


# A smudged birth-date group with a taller box stands between "NIP." and the rest of the NIP, but
# row grouping puts it on the next text row ("NIP. 2006011015 Kebi" / "19681103 jug sem").
SMUDGED = [
    Word("NIP.", 95.0, (462, 956, 516, 978), 0),
    Word("2006011015", 95.0, (673, 956, 860, 978), 0),
    Word("Kebi", 95.0, (1128, 935, 1188, 999), 0),
    Word("19681103", 95.0, (528, 956, 662, 1005), 0),
    Word("jug", 95.0, (914, 972, 973, 997), 0),
]


def _smudged(first: str = "19681103") -> PageText:
    words = [Word(first, w.conf, w.bbox, 0) if w.text == "19681103" else w for w in SMUDGED]
    return PageText(words=words, width=2480, height=3508, method="ocr", ocr_confidence=95.0)


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (_smudged(), ["196811032006011015"]),
        (_smudged(first="19681303"), []),  # month 13: no NIP
        (_smudged(first="1968110"), []),  # 17 digits
    ],
    ids=["in-place-order", "bad-birth-date", "too-short"],
)
def test_nip_beside_label_in_place_order(page: PageText, expected: list[str]) -> None:
    index = TextIndex(page, 1)
    assert "NIP. 2006011015" in index.text
    assert [v for v, _, _ in nip_layout.find_laid_out_nips(index)] == expected


def test_labelled_nip_read_in_place_order() -> None:
    """The label reader's value "2006011015 Kebi" gives way to the groups as they stand."""
    index = TextIndex(_smudged(), 1)
    pos = index.text.index("2006011015")
    assert nip_layout.beside_label_before(index, pos)[0] == "196811032006011015"
    assert nip_layout.beside_label_before(index, index.text.index("Kebi")) is None  # no label before it


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (", 19670203 7 200703 1 388 Keuangan", "196702032007031388"),  # a speck between birth and TMT
        ("19670203 200703 7 1 388", "196702032007031388"),  # between TMT and gender digit
        ("19670203 200703 1 2 388", None),  # 1 or 2 may be the speck: no NIP
        ("19750405 19 200101 1 006", None),  # two digits are no speck
        ("19670203 7 Penata 200703 1 388", None),  # words between the groups
        ("19670203 7 200713 1 388", None),  # TMT month 13 once the speck is dropped
    ],
)
def test_speck_read_as_a_digit(text: str, expected: str | None) -> None:
    found = nip.grouped_nip(text)
    assert (found[0] if found else None) == expected
