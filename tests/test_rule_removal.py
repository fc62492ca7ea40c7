"""preprocess.remove_rules: table rules go, text stays, bold text fused by a photocopier included."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline import preprocess

FONTS = "/usr/share/fonts/truetype/dejavu/"
WIDTH, HEIGHT = 1654, 700  # an A4 page's width at 200 dpi


def page(lines: list[str], font_file: str, size: int, fuse: int = 0) -> np.ndarray:
    """Text lines on a white page; ``fuse`` widens every stroke sideways (toner spread on a heavy
    copy), so that the letters of a line touch."""
    font = ImageFont.truetype(FONTS + font_file, size)
    image = Image.new("L", (WIDTH, HEIGHT), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((120, 80 + i * int(size * 1.6)), line, font=font, fill=0)
    pixels = np.asarray(image).copy()
    if fuse:
        pixels = cv2.erode(pixels, np.ones((1, fuse), np.uint8))
    return pixels


def ink(image: np.ndarray) -> int:
    return int((image < 128).sum())


TEMBUSAN = [
    "Tembusan Keputusan ini disampaikan kepada Yth.:",
    "1. Kepala Badan Kepegawaian Negara di Jakarta;",
    "2. Kepala Kantor Regional I Badan Kepegawaian Negara di Yogyakarta;",
    "3. Kepala Kantor Pelayanan Perbendaharaan Negara di Karanganyar;",
    "4. Kepala PT TASPEN (Persero) Kantor Cabang Karanganyar;",
]


@pytest.mark.parametrize(
    "font_file, fuse",
    [("DejaVuSans.ttf", 0), ("DejaVuSans-Bold.ttf", 0), ("DejaVuSans-Bold.ttf", 5), ("DejaVuSerif-Bold.ttf", 6)],
    ids=["regular", "bold", "bold-fused", "serif-bold-fused"],
)
def test_text_is_no_rule(font_file, fuse):
    image = page(TEMBUSAN, font_file, 26, fuse)
    cleaned = preprocess.remove_rules(image, max_thickness=7)
    assert ink(cleaned) >= 0.97 * ink(image)


def test_table_rules_go_and_cell_text_stays():
    image = page(["1  ISTI SUSILOWATI  20-01-1971  Isteri", "2  ILHAM SAPUTRA  14-03-2000  Anak"], "DejaVuSans.ttf", 26)
    image[60:62, 100:1500] = 0  # the table's rules: above, between and below the rows
    image[112:114, 100:1500] = 0
    image[155:157, 100:1500] = 0
    image[60:157, 100:102] = 0  # and its outer columns
    image[60:157, 1498:1500] = 0
    text = page(["1  ISTI SUSILOWATI  20-01-1971  Isteri", "2  ILHAM SAPUTRA  14-03-2000  Anak"], "DejaVuSans.ttf", 26)
    cleaned = preprocess.remove_rules(image, max_thickness=7)
    assert (cleaned[60:62, 100:1500] == 255).all() and (cleaned[112:114, 100:1500] == 255).all()
    assert (cleaned[60:157, 100:102] == 255).all()
    assert ink(cleaned) >= 0.9 * ink(text)  # the letters a rule's dilation grazes aside, the text is kept


@pytest.mark.parametrize("fuse", [0, 5])
def test_a_titles_underline_goes(fuse):
    """The letters of an underlined title stand on its underline, but the line runs the title's
    length: it is a rule, and the title reads without it."""
    image = page(["SURAT PERMINTAAN PEMBAYARAN PENSIUN JANDA"], "DejaVuSans-Bold.ttf", 30, fuse)
    title = ink(image)
    rows = np.flatnonzero((image < 128).any(axis=1))
    image[rows[-1] + 1 : rows[-1] + 4, 110:1000] = 0  # the underline, touching the letters' feet
    cleaned = preprocess.remove_rules(image, max_thickness=7)
    assert (cleaned[rows[-1] + 2, 110:1000] == 255).all()
    assert ink(cleaned) >= 0.9 * title
