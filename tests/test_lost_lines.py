"""lostlines: lines of print the page's reading dropped are found in the unread ink and read.

Tesseract 5.5's layout analysis drops a line now and then without leaving an empty block behind
(seed 39499: "Janda dari almarhum:" between a widow's block and her late husband's, so the letter
was taken to be about the widow). Detection is pure OpenCV and tested on drawn pages; the reading
is tested with real Tesseract on the real page's crop.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline import lostlines, tesseract
from pipeline.models import PageText, Word

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LINES = ["Tempat/Tgl. Lahir : Cimanggu, 09-01-1971", "Janda dari almarhum:", "Nama : DWI HARYANTO"]
TOPS = [100, 160, 220]


def drawn(extra: str = "") -> tuple[np.ndarray, list[Word]]:
    """Three lines of print at 300 dpi size, and one sure word per whole line (its box)."""
    img = Image.new("L", (1400, 420), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 34)
    words = []
    for i, (line, top) in enumerate(zip(LINES, TOPS, strict=True)):
        draw.text((60, top), line, font=font, fill=0)
        x0, y0, x1, y1 = draw.textbbox((60, top), line, font=font)
        words.append(Word(line, 95.0, (x0, y0, x1, y1), i))
    if extra == "rule":
        draw.line((40, 300, 1360, 300), fill=0, width=3)
        draw.rectangle((20, 20, 1380, 400), outline=0, width=3)
    if extra == "scribble":
        draw.arc((700, 290, 1100, 400), 180, 350, fill=0, width=3)
        draw.arc((900, 270, 1200, 380), 0, 160, fill=0, width=3)
    return np.asarray(img).copy(), words


@pytest.mark.parametrize(
    ("read", "extra", "found"),
    [
        ([0, 1, 2], "", []),  # every line read: nothing lost
        ([0, 2], "", [1]),  # the middle line dropped
        ([1], "", [0, 2]),
        ([0, 1, 2], "rule", []),  # rules and a frame are no print
        ([0, 1, 2], "scribble", []),  # nor a signature's strokes
    ],
)
def test_unread_lines_are_found(read, extra, found):
    image, words = drawn(extra)
    boxes, height = lostlines.lost_lines(image, [words[i] for i in read])
    assert height > 0
    # a line may come as pieces (label and value apart): each piece on a lost line, each lost line found
    near = {TOPS.index(t) for b in boxes for t in TOPS if abs(b[1] - t) <= 12}
    assert all(any(abs(b[1] - t) <= 12 for t in TOPS) for b in boxes)
    assert near == set(found)


def test_an_unsure_word_does_not_hide_its_line():
    image, words = drawn()
    unsure = [words[0], Word("penginapan", 0.0, words[1].bbox, 1), words[2]]
    boxes, _ = lostlines.lost_lines(image, unsure)
    assert len(boxes) == 1 and abs(boxes[0][1] - TOPS[1]) <= 12


def test_lost_line_of_a_real_page_is_read_back_in_place():
    """The widow's daftar susunan keluarga of seed 39499 (berkas-0014 page 21), cleaned as for OCR."""
    image = cv2.imread(str(Path(__file__).parent / "data" / "lost-line.png"), cv2.IMREAD_GRAYSCALE)
    variables = (("textord_tabfind_vertical_text", "0"),)
    first = tesseract.recognise(image, "ind", 3, 1, 60, variables)
    text = lostlines.read_lost_lines(
        image, first, lambda crop: tesseract.recognise(crop, "ind", tesseract.PSM_SINGLE_BLOCK, 1, 60, variables)
    )
    rows = [" ".join(w.text for w in row) for row in text.lines()]
    at = next(i for i, row in enumerate(rows) if row.startswith("Janda dari"))
    assert "Lahir" in rows[at - 1] and rows[at + 1].startswith("Nama")
    # what the first reading read stays as it was, once
    assert all(w in text.words for w in first.words)
    assert sum(row.startswith("Nama") for row in rows) == 2


def test_nothing_lost_leaves_the_text_as_it_was():
    image, words = drawn()
    text = PageText(words=words, width=image.shape[1], height=image.shape[0], method="ocr", ocr_confidence=95.0)
    assert lostlines.read_lost_lines(image, text, lambda crop: pytest.fail("nothing to read")) is text


@pytest.mark.parametrize(
    ("share", "replaced"),
    [
        (1.0, True),  # the lost line's reading spans the unsure word: it replaces it
        (0.4, False),  # a piece of it ("11424021" of a NIK read at 29): the word stays, the piece goes
    ],
)
def test_unsure_word_is_replaced_only_by_a_reading_spanning_it(share, replaced):
    image, words = drawn()
    unsure = Word("3329142423630719", 29.0, words[1].bbox, 1)
    text = PageText(
        words=[words[0], unsure, words[2]],
        width=image.shape[1],
        height=image.shape[0],
        method="ocr",
        ocr_confidence=70.0,
    )

    def read(crop: np.ndarray) -> PageText:
        height, width = crop.shape
        span = int(width * share)
        return PageText([Word("RECOVERED", 90.0, (0, 0, span, height), 0)], width, height, "ocr", 90.0)

    out = lostlines.read_lost_lines(image, text, read)
    assert (unsure in out.words) is not replaced
    assert any(w.text == "RECOVERED" for w in out.words) is replaced


def test_a_tall_box_reaching_into_the_line_above_does_not_hide_it():
    """Tesseract folded the lower half of a line into the next line's words and dropped it (seed
    41231 berkas-0013: "menjadi Pegawai Negeri Sipil terhitung mulai tanggal 01 Januari 2007." under
    boxes 84 px tall where the page's are 52): the tall box covers only its own band of ink."""
    image, words = drawn()
    x0, _, x1, y1 = words[2].bbox
    tall = Word(words[2].text, 95.0, (x0, TOPS[1] + 20, x1, y1), 2)
    boxes, _ = lostlines.lost_lines(image, [words[0], words[0], tall])
    assert any(abs(b[1] - TOPS[1]) <= 12 for b in boxes)
    # ink rows with no blank row between them (a title in larger type) stay one band, box whole
    ink = np.zeros((90, 40), np.uint8)
    ink[5:40, 5:30] = ink[38:80, 0:40] = 255
    assert lostlines._main_band(ink) == (5, 79)
    ink[40:45] = 0
    assert lostlines._main_band(ink) == (45, 79)


def w(text: str, conf: float, line: int = 0) -> Word:
    return Word(text, conf, (0, 0, 10, 10), line)


@pytest.mark.parametrize(
    ("words", "kept"),
    [
        ([w("O1", 89), w("Januari", 32), w("2007.", 94)], ["O1", "Januari", "2007."]),  # between two sure words
        ([w("Januari", 32), w("2007.", 94)], ["2007."]),  # at the line's end: a scrawl's piece
        ([w("O1", 89), w("Januari", 32), w("2007.", 94, 1)], ["O1", "2007."]),  # the sure word after is on another line
        ([w("O1", 89), w("~~", 10), w("2007.", 94)], ["O1", "2007."]),  # no letter or digit
    ],
)
def test_unsure_word_of_a_lost_line_kept_between_sure_ones(words, kept):
    assert [x.text for x in lostlines._kept(words)] == kept
