"""tesseract.read_set_aside: text inside regions the layout analysis took for pictures is read.

Tesseract's automatic layout can take a stamp and a signature for a picture region, grow it over
the print around it and read none of it (a corpus kutipan akta nikah lost the wife's whole block).
The regions come from the TSV's blocks that hold no word; each is read again as one text block.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline import tesseract
from pipeline.models import PageText, Word

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
ROWS = [
    ("Nama", "EKO SUPRIYANTO"),
    ("Tempat dan tanggal lahir", "Jepara, 11-09-1967"),
    ("Pekerjaan", "Swasta"),
    ("ISTERI", ""),
    ("Nama", "DYAH ASTUTI"),
    ("Tempat dan tanggal lahir", "Nalumsari, 19-08-1968"),
    ("Binti", "KASMIN"),
]
HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"


def form_page(frame: bool = False) -> np.ndarray:
    """An A4 form at 300 dpi, label and value columns; with a page frame and a stamp on request."""
    img = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 40)
    for i, (label, value) in enumerate(ROWS):
        draw.text((300, 900 + 75 * i), label, font=font, fill=0)
        draw.text((1000, 900 + 75 * i), f": {value}" if value else "", font=font, fill=0)
    if frame:
        draw.rectangle((130, 130, 2350, 3380), outline=0, width=10)
        draw.ellipse((1300, 1600, 1700, 2000), outline=0, width=8)
        draw.arc((1550, 1550, 2000, 1950), 180, 360, fill=0, width=12)
    return np.asarray(img).copy()


@pytest.mark.parametrize(
    "rows, set_aside",
    [
        # a block with no word, large enough to hold print: set aside
        ("2\t1\t1\t0\t0\t0\t100\t100\t800\t900\t-1\t\n", [(100, 100, 900, 1000)]),
        # a block whose words were read is no set-aside region
        ("2\t1\t1\t0\t0\t0\t100\t100\t800\t900\t-1\t\n5\t1\t1\t1\t1\t1\t120\t120\t80\t40\t90\tNama\n", []),
        # a rule or a speck Tesseract made a block of: too thin or too small to hold a line of print
        ("2\t1\t1\t0\t0\t0\t5\t100\t12\t900\t-1\t\n2\t1\t2\t0\t0\t0\t100\t100\t800\t20\t-1\t\n", []),
    ],
    ids=["empty-block", "read-block", "rule-or-speck"],
)
def test_blocks_without_words_are_set_aside(rows, set_aside):
    text = tesseract.words_from_data(tesseract.parse_tsv(HEADER + rows), width=2000, height=3000)
    assert text.set_aside == set_aside


def test_set_aside_region_is_read_once_and_nothing_twice():
    """The words read already are painted out of the region: read again, they would be doubled."""
    page = form_page()
    first = tesseract.recognise(
        np.where(np.arange(page.shape[0])[:, None] < 1180, page, 255).astype(np.uint8), "ind", 3, 1, 60
    )
    assert "DYAH" not in first.text
    first.set_aside = [(200, 850, 2300, 1500)]  # ... as if the wife's rows lay in a picture region
    text = tesseract.read_set_aside(page, first, "ind", 1, 60)
    assert "DYAH" in text.text and "KASMIN" in text.text and "Nalumsari," in text.text
    assert [w.text for w in text.words].count("SUPRIYANTO") == 1
    assert text.ocr_confidence is not None and text.ocr_confidence > 80
    added = text.words[len(first.words) :]
    assert all(w.bbox[1] >= 850 and w.bbox[3] <= 1500 for w in added)  # boxes in page pixels
    assert len({w.line for w in added} & {w.line for w in first.words}) == 0


def test_framed_page_with_a_stamp_gains_no_double_words():
    page = form_page(frame=True)
    first = tesseract.recognise(page, "ind", 3, 1, 60)
    text = tesseract.read_set_aside(page, first, "ind", 1, 60)
    words = [w.text for w in text.words]
    assert words.count("DYAH") == 1 and words.count("EKO") == 1


def test_texture_in_a_region_adds_no_letters():
    """A photo's grain read as a text block gives low-confidence debris, which is not kept."""
    rng = np.random.default_rng(7)
    page = np.full((1200, 1000), 255, np.uint8)
    page[200:900, 200:800] = rng.integers(0, 256, (700, 600), dtype=np.uint8)
    empty = PageText(words=[], width=1000, height=1200, method="ocr", set_aside=[(200, 200, 800, 900)])
    assert tesseract.read_set_aside(page, empty, "ind", 1, 60).words == []


def test_page_without_set_aside_regions_is_left_as_read():
    text = PageText(words=[], width=10, height=10, method="ocr")
    assert tesseract.read_set_aside(np.full((10, 10), 255, np.uint8), text, "ind", 1, 60) is text


def test_value_column_lost_beside_read_labels_is_recovered():
    """Labels read, values lost: the values lie beyond their rows' ends and are kept."""
    page = form_page()
    labels_only = page.copy()
    labels_only[:, 990:] = 255
    first = tesseract.recognise(labels_only, "ind", 3, 1, 60)
    assert "DYAH" not in first.text and "Binti" in first.text
    first.set_aside = [(950, 850, 2300, 1500)]
    text = tesseract.read_set_aside(page, first, "ind", 1, 60)
    assert "Binti : KASMIN" in text.line_texts()


ROW = [Word("empat", 90, (100, 100, 200, 130), 0), Word("Februari", 90, (260, 100, 420, 130), 0)]


@pytest.mark.parametrize(
    "bbox, inside",
    [
        ((220, 102, 228, 128), True),  # a fragment between two words read: their debris
        ((500, 100, 600, 130), False),  # beyond the row's end: a value the first reading lost
        ((220, 300, 300, 330), False),  # a row of its own
        ((220, 125, 228, 160), False),  # touching the row by a few pixels only
    ],
)
def test_words_between_words_read_are_debris(bbox, inside):
    assert tesseract._inside_a_row(bbox, ROW) is inside
