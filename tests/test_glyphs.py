"""pipeline.glyphs: a long number's misread digits follow the digit its same-looking glyphs were read as.

Numbers are drawn with the fonts the machine has (a bold monospace one like an e-KTP's NIK, a
proportional one like a typed SK's NIP) and blurred like a photocopy; the "OCR reading" is given.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline import glyphs, nik, tesseract
from pipeline.models import Word

FONTS = "/usr/share/fonts/truetype/dejavu/"
MONO_BOLD = FONTS + "DejaVuSansMono-Bold.ttf"
SANS = FONTS + "DejaVuSans.ttf"


def drawn(text: str, font_path: str, size: int = 40, blur: int = 3) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """A grey image of ``text`` and the box of its ink (as Tesseract would box the word)."""
    font = ImageFont.truetype(font_path, size)
    image = Image.new("L", (40 + size * len(text), size * 3), 255)
    ImageDraw.Draw(image).text((20, size), text, font=font, fill=0)
    pixels = np.asarray(image)
    if blur:
        pixels = cv2.GaussianBlur(pixels, (blur, blur), 0)
    ys, xs = np.nonzero(pixels < 128)
    return pixels, (int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max()))


@pytest.mark.parametrize(
    "printed, read, font, expected",
    [
        # zeros read as 9, 6 and 8 among zeros read right (the e-KTP NIK of a blurred copy)
        ("3304016001710603", "3304916001716683", MONO_BOLD, "3304016001710603"),
        ("3320162104670015", "3320162104676015", MONO_BOLD, "3320162104670015"),
        # an 8 read as 3 where the page's 3s read right
        ("3308181612690238", "3308181612690233", MONO_BOLD, "3308181612690238"),
        # a typed NIP in a proportional font: its digits are tabular, one glyph each
        ("196707152010011246", "196707152010017246", SANS, "196707152010011246"),
        # the one 9 of the number read as 0: no other 9 to compare with, the reading stays
        ("3318171049680213", "3318171040680213", MONO_BOLD, "3318171040680213"),
        # one digit more read than printed: the one drop that leaves each shape one digit
        ("3326105401700639", "33261054601700639", MONO_BOLD, "3326105401700639"),
        # a date is no long number
        ("20-01-1971", "20-01-1971", MONO_BOLD, "20-01-1971"),
        # punctuation glued to the number is kept
        ("3304016001710603", ":3304916001716683.", MONO_BOLD, ":3304016001710603."),
    ],
    ids=["ktp-zeros", "ktp-one-zero", "ktp-eight", "nip-proportional", "unique-digit", "extra-digit", "date", "glued"],
)
def test_agree_digit_runs(printed, read, font, expected):
    image, box = drawn(printed, font)
    word = Word(read, 40.0, box, 1)
    (out,) = glyphs.agree_digit_runs(image, [word])
    assert out.text == expected
    assert out.conf == word.conf and out.bbox == word.bbox  # a repaired reading is no surer


def test_digits_that_touch_are_not_counted():
    """Blur that joins two digits makes one wide run: the glyphs cannot be counted, nothing changes."""
    image, box = drawn("3304016001710603", MONO_BOLD, blur=0)
    x0, y0, x1, y1 = box
    joined = image.copy()
    third = x0 + (x1 - x0) * 3 // 16
    joined[y0 + (y1 - y0) // 2 - 2 : y0 + (y1 - y0) // 2 + 2, third - 8 : third + 8] = 0
    assert glyphs.glyph_shapes(joined, box) == []
    word = Word("3304916001716683", 40.0, box, 1)
    assert glyphs.agree_digit_runs(joined, [word])[0].text == "3304916001716683"


@pytest.mark.parametrize(
    "reads, groups, expected",
    [
        # a unanimous pair of 3s chooses first: the 8s read 3, 8, 3 keep "8"
        ("33838", [[0, 1], [2, 3, 4]], "33888"),
        # a tie waits for the other groups: 9 belongs to another shape, so the tied pair is 0s
        ("0990", [[0, 3], [1, 2]], "0990"),
        ("09", [[0, 1]], "09"),
        ("0999", [[0, 1], [2, 3]], "0099"),
        # a single glyph's read is no evidence against a group
        ("0001", [[0, 1, 2], [3]], "0001"),
        ("0000", [[0, 1, 2], [3]], "0000"),
    ],
)
def test_agree(reads, groups, expected):
    assert glyphs.agree(list(reads), groups) == expected


def drawn_words(words: list[str], font_path: str, size: int = 40) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """A grey image of words on one line, and each word's ink box."""
    font = ImageFont.truetype(font_path, size)
    image = Image.new("L", (60 + size * sum(len(w) + 1 for w in words), size * 3), 255)
    draw = ImageDraw.Draw(image)
    boxes, x = [], 20
    for word in words:
        draw.text((x, size), word, font=font, fill=0)
        boxes.append(tuple(int(v) for v in draw.textbbox((x, size), word, font=font)))
        x = boxes[-1][2] + size // 2
    return cv2.GaussianBlur(np.asarray(image), (3, 3), 0), boxes


@pytest.mark.parametrize(
    "printed, read, expected",
    [
        # an NIP typed in its groups: the 3 read as 1 among the group's 3s
        ("19691001 200701 2 233", "19691001 200701 2 213", "19691001 200701 2 233"),
        ("19670711 200701 2 222", "19670711 200701 2 272", "19670711 200701 2 222"),
        # the row number before it is a glyph of its own, read right, harmless
        ("1 19691001 200701 2 233", "1 19691001 200701 2 213", "1 19691001 200701 2 233"),
        # short groups (a date, a phone number) are no long number
        ("0292 581153", "0292 581158", "0292 581158"),
    ],
)
def test_number_in_groups(printed, read, expected):
    image, boxes = drawn_words(printed.split(), SANS)
    words = [Word(text, 60.0, box, 1) for text, box in zip(read.split(), boxes, strict=True)]
    assert " ".join(w.text for w in glyphs.agree_digit_runs(image, words)) == expected


def test_numbers_on_different_lines_are_not_one():
    """Two short numbers on two lines are not joined into one long one (on one line they are)."""
    image, boxes = drawn_words(["196910012", "007012233"], SANS)
    apart = [Word("196910012", 60.0, boxes[0], 1), Word("007012213", 60.0, boxes[1], 2)]
    assert [w.text for w in glyphs.agree_digit_runs(image, apart)] == ["196910012", "007012213"]
    together = [Word("196910012", 60.0, boxes[0], 1), Word("007012213", 60.0, boxes[1], 1)]
    assert [w.text for w in glyphs.agree_digit_runs(image, together)] == ["196910012", "007012233"]


def tesseract_digits(crop: np.ndarray) -> str:
    return tesseract.read_digits(crop, "ind", 1, 30.0)


@pytest.mark.parametrize(
    "printed, read, reread, expected",
    [
        # the page's reading doubled a digit; the word read alone has one digit per glyph
        ("3309102402670912", "33096910240267991", tesseract_digits, "3309102402670912"),
        # a second reading that also miscounts the glyphs settles nothing: the shapes place the digits
        ("3326105401700639", "33261054601700639", lambda crop: "332610546017006391", "3326105401700639"),
        # nor does one that is no number
        ("3326105401700639", "33261054601700639", lambda crop: "", "3326105401700639"),
        # a word whose count agrees with its glyphs is not read again
        ("3304016001710603", "3304916001716683", lambda crop: pytest.fail("read again"), "3304016001710603"),
    ],
    ids=["doubled-digit", "both-miscount", "no-digits", "count-agrees"],
)
def test_miscounted_number_read_again(printed, read, reread, expected):
    image, box = drawn(printed, MONO_BOLD)
    word = Word(read, 40.0, box, 1)
    (out,) = glyphs.agree_digit_runs(image, [word], reread)
    assert out.text == expected
    assert out.conf == word.conf  # a second reading is no surer than the first


def test_short_group_is_not_read_again(monkeypatch):
    """An NIP's group of three whose two digits touch counts two glyphs: a second reading that
    dropped a digit would agree with that count, so a group shorter than a long number keeps its read."""
    image, boxes = drawn_words(["19681108", "200604", "1", "081"], SANS)
    words = [Word(t, 60.0, b, 1) for t, b in zip(["19681108", "200604", "1", "081"], boxes, strict=True)]
    real = glyphs.glyph_shapes
    monkeypatch.setattr(
        glyphs, "glyph_shapes", lambda img, box: real(img, box)[:2] if box == boxes[3] else real(img, box)
    )
    out = glyphs.agree_digit_runs(image, words, lambda crop: pytest.fail("a short group read again"))
    assert [w.text for w in out] == ["19681108", "200604", "1", "081"]


@pytest.mark.parametrize(
    "printed, read, expected",
    [
        # every zero read as 9, and no 9 printed: the zeros' digit is the one that makes a NIK
        ("3304016001710603", "3394916991719693", "3304016001710603"),
        # zeros read as 8 where no 8 is printed
        ("3324122005670079", "3324122885678879", "3324122005670079"),
        # a NIK printed impossible (month 13) stays as printed: no one shape's digit mends it
        ("3304011301710603", "3304011301710603", "3304011301710603"),
        # a plausible reading is not questioned
        ("3304016001710603", "3304016001710603", "3304016001710603"),
    ],
    ids=["zeros-as-9", "zeros-as-8", "printed-invalid", "plausible"],
)
def test_implausible_number_remapped(printed, read, expected):
    image, box = drawn(printed, MONO_BOLD)
    word = Word(read, 40.0, box, 1)
    (out,) = glyphs.agree_digit_runs(image, [word], None, nik.plausible_reading)
    assert out.text == expected
    assert out.conf == word.conf


@pytest.mark.parametrize(
    "digits, groups, accepted, expected",
    [
        ("9911", [[0, 1], [2, 3]], {"0011"}, "0011"),
        # two groups whose new digit would each make it plausible: nothing is chosen
        ("9911", [[0, 1], [2, 3]], {"0011", "9900"}, "9911"),
        # a single glyph is never given another digit
        ("9111", [[0], [1, 2, 3]], {"0111"}, "9111"),
        # nor a group a digit the number prints elsewhere
        ("9911", [[0, 1], [2], [3]], {"1111"}, "9911"),
    ],
    ids=["one-fits", "two-fit", "single-glyph", "digit-printed-elsewhere"],
)
def test_remapped(digits, groups, accepted, expected):
    assert glyphs.remapped(digits, groups, lambda number: number in accepted) == expected


@pytest.mark.parametrize(
    "digits, groups, borne, expected",
    [
        # the 9 and the 3s read "3": the one digit printed nowhere else that the page bears out
        ("3311041203630347", [[0, 1, 9, 13], [11], [2, 3], [4, 7], [5, 14], [6], [8], [10], [12], [15]],
         {"3311041203690347"}, "3311041203690347"),
        # two 8s read as the 3s: the group takes one digit throughout
        ("3372030311630626", [[0, 1, 5], [7, 11], [2], [3], [4, 6, 12], [8, 9], [10, 13, 15], [14]],
         {"3372030811680626"}, "3372030811680626"),
        # no conflict: a shape agreement had no doubt about is not made to fit the page
        ("3311041203630347", [[0, 1, 9, 11, 13], [2, 3], [4, 7], [5, 14], [6], [8], [10], [12], [15]],
         {"3311041203690347"}, "3311041203630347"),
        # two digits the page would bear out: nothing is chosen
        ("3311041203630347", [[0, 1, 9, 13], [11], [2, 3], [4, 7], [5, 14], [6], [8], [10], [12], [15]],
         {"3311041203690347", "3311041203680347"}, "3311041203630347"),
        # a digit printed elsewhere in the number is no candidate
        ("3311041203630347", [[0, 1, 9, 13], [11], [2, 3], [4, 7], [5, 14], [6], [8], [10], [12], [15]],
         {"3311041203640347"}, "3311041203630347"),
    ],
    ids=["single-glyph", "group", "no-conflict", "two-fit", "digit-printed-elsewhere"],
)  # fmt: skip
def test_settled(digits, groups, borne, expected):
    assert glyphs.settled(digits, groups, lambda number: True, lambda number: 0 if number in borne else 3) == expected


def test_conflict_settled_by_the_printed_birth_date():
    """An e-KTP NIK whose one 9 was read as 3 where the NIK prints 3s: agreement sees two shapes
    read as one digit; the birth date on the card tells which digit the odd one is."""
    image, box = drawn("3311041203690347", MONO_BOLD)
    word = Word("3311041203630347", 40.0, box, 1)
    (unsettled,) = glyphs.agree_digit_runs(image, [word], None, nik.plausible_reading)
    assert unsettled.text == word.text  # as possible a NIK as the printed one
    borne = nik.date_gap_by("Tempat/Tgl Lahir : SEMARANG, 12-03-1969")
    (out,) = glyphs.agree_digit_runs(image, [word], None, nik.plausible_reading, borne)
    assert out.text == "3311041203690347" and out.conf == word.conf
    other = nik.date_gap_by("Tempat/Tgl Lahir : SEMARANG, 12-03-1963")
    (kept,) = glyphs.agree_digit_runs(image, [word], None, nik.plausible_reading, other)
    assert kept.text == word.text


def test_miscounted_number_read_again_at_other_sizes():
    """A second reading at the word's own size that still miscounts is tried enlarged, then shrunk;
    the first that holds one digit per glyph is taken."""
    image, box = drawn("3309102402670912", MONO_BOLD)
    width = glyphs.word_crop(image, box).shape[1]
    sizes = []

    def reread(crop):
        sizes.append(round(crop.shape[1] / width, 2))
        return "3309102402670912" if crop.shape[1] > 1.8 * width else "33096910240267991"

    (out,) = glyphs.agree_digit_runs(image, [Word("33096910240267991", 40.0, box, 1)], reread)
    assert out.text == "3309102402670912"
    assert sizes == [1.0, 1.5, 2.0]


def test_word_of_one_glyph_is_not_read_again():
    """Ink joined into one run (a KK row's rule under its digits) counts one glyph: a second reading
    of "1" would agree with that count and replace a 16-digit NIK."""
    image, box = drawn("3325145403010584", MONO_BOLD)
    x0, y0, x1, y1 = box
    joined = image.copy()
    joined[y1 - 4 : y1 + 1, x0 : x1 + 1] = 0  # a rule touching every digit
    assert len(glyphs.glyph_shapes(joined, box)) == 1
    word = Word("33251454030105841", 40.0, box, 1)
    (out,) = glyphs.agree_digit_runs(joined, [word], lambda crop: "1")
    assert out.text == word.text


def test_digit_broken_into_short_pieces_is_one_glyph():
    """A faint copy breaks the NIK's thin zeros into top and bottom arcs, each too short to count:
    the pieces between two glyphs, spanning the word's height, are one digit, so the number still
    counts one glyph per digit and a 6 read as 5 follows the other 6s (seed 21433)."""
    printed = "3314052306690576"
    image, box = drawn(printed, MONO_BOLD, blur=0)
    x0, y0, x1, y1 = box
    broken = image.copy()
    advance = ImageFont.truetype(MONO_BOLD, 40).getlength("0")
    middle = slice(y0 + (y1 - y0) // 5, y1 - (y1 - y0) // 5)
    for k, digit in enumerate(printed):
        if digit == "0":
            left = int(20 + k * advance)
            broken[middle, left : int(left + advance)] = 255
    assert len(glyphs.glyph_shapes(broken, box)) == len(printed)
    (out,) = glyphs.agree_digit_runs(broken, [Word("3314052305690576", 40.0, box, 1)])
    assert out.text == printed


def test_colon_is_no_broken_glyph():
    """A colon's two dots span the word's height too, but are no digit."""
    image, box = drawn(":3314052306690576", MONO_BOLD)
    assert len(glyphs.glyph_shapes(image, box)) == 16


CARD_GROUPS = [[0, 1, 13], [2, 4, 6, 9, 14], [3, 7], [5, 11, 15], [8, 12], [10]]  # 3312181201680318


@pytest.mark.parametrize(
    "cores, counts, groups, expected",
    [
        # a 9 doubled out of a blurred 0: one drop of seventeen leaves every shape one digit
        (["33121812016809318"], [16], CARD_GROUPS, ["3312181201680318"]),
        # a digit lost: the one digit, at the one place, its shape's other glyphs print
        (["331218120168318"], [16], CARD_GROUPS, ["3312181201680318"]),
        # no shape compares with another: every drop fits as well as every other
        (["33121812016809318"], [16], [[i] for i in range(16)], None),
        # two words miscount: which is which is unknown
        (["19690222", "2011042161"], [9, 9], [[i] for i in range(18)], None),
        # a short word (an NIP's group with two digits touching) is never aligned
        (["196902222011042", "1611"], [15, 3], [[i] for i in range(18)], None),
    ],
    ids=["extra-digit", "lost-digit", "all-single", "two-words", "short-word"],
)
def test_aligned(cores, counts, groups, expected):
    assert glyphs._aligned(cores, counts, groups) == expected


def test_two_doubtful_shapes_settled_together():
    """A blurred card read its 6 and 9 as the 5 and 3 it also prints: no single change is borne out
    by the printed birth date, the one pair of changes is (seed 27143)."""
    groups = [[0, 1, 15], [2, 4, 8, 12, 14], [3, 5, 6, 9], [7], [10], [11], [13]]
    borne = nik.date_gap_by("Tempat/Tgl Lahir : TEGAL, 01-04-1969")
    assert glyphs.settled("3304044104530503", groups, nik.plausible_reading, borne) == "3304044104690503"
    # a tie between two same glyphs' reads is doubtful too: it may take one of its reads
    groups = [[0, 1, 5], [2, 15], [3, 6], [4, 12], [7, 10], [8, 13], [9, 14], [11]]
    borne = nik.date_gap_by("Tempat/Tgl Lahir : TEGAL, 16-12-1969")
    assert glyphs.settled("3375035612629127", groups, nik.plausible_reading, borne) == "3375035612690127"


# a card read "...78483" for 3325056207670408: its zeros read 0 and 8 (a tie), its 8 as its 3s
CARD = "3325056207678483"
CARD_SHAPES = [[0, 1], [2, 7], [3, 5], [4, 8, 12, 14], [6, 10], [9, 11], [13], [15]]


@pytest.mark.parametrize(
    "digits, groups, plausible, borne, expected",
    [
        # the readings a KK row may choose from: the tied zeros as 0 or 8, the odd shape read 3
        # as a digit printed nowhere else; each a possible NIK of a known kecamatan
        (CARD, CARD_SHAPES, nik.plausible_reading, None,
         ("3325056207670401", "3325056207670403", "3325056207670408", "3325056207670409",
          "3325056207678481", "3325056207678489")),
        # the page bears the date part out: so must every other reading
        (CARD, CARD_SHAPES, nik.plausible_reading, lambda number: nik.date_gap_by("Tgl Lahir 22-07-1967")(number) == 0,
         ("3325056207670401", "3325056207670403", "3325056207670408", "3325056207670409",
          "3325056207678481", "3325056207678489")),
        (CARD, CARD_SHAPES, nik.plausible_reading, lambda number: number.endswith("8483"), ()),
        # no shape in doubt: no other reading
        ("3311041203690347", [[0, 1, 9, 13], [2, 3, 6], [4, 8, 12], [5, 14], [7], [10], [11], [15]],
         nik.plausible_reading, None, ()),
        # every glyph its own shape and all read 1: too many readings to offer any
        ("1111111111111111", [[i] for i in range(16)], lambda number: True, None, ()),
    ],
    ids=["tie-and-conflict", "borne-out-kept", "none-borne-out", "no-doubt", "too-many"],
)  # fmt: skip
def test_allowed_readings(digits, groups, plausible, borne, expected):
    assert glyphs.allowed_readings(digits, groups, plausible, borne) == expected


def test_drawn_number_keeps_the_readings_its_glyphs_allow():
    """A drawn e-KTP NIK whose 9 was read as the 3s it also prints, with no date on the page to
    settle it: the word keeps the other readings its glyphs allow, the right one among them, for
    the dossier's other documents to choose from; a number not asked for keeps none."""
    image, box = drawn("3311041203690347", MONO_BOLD)
    word = Word("3311041203630347", 40.0, box, 1)
    (out,) = glyphs.agree_digit_runs(image, [word], None, nik.plausible_reading, None, nik.nik_shaped)
    assert out.text == word.text and "3311041203690347" in out.choices and word.text not in out.choices
    (plain,) = glyphs.agree_digit_runs(image, [word], None, nik.plausible_reading)
    assert plain.choices == ()


def test_drawn_number_keeps_its_shapes():
    """A NIK printed with month 00 (invalid on purpose) read as printed: the word keeps its digits'
    positions grouped by shape (its four zeros one group), so no repair may give one of them
    another digit; a number not asked for keeps none."""
    image, box = drawn("3312240800690463", MONO_BOLD)
    word = Word("3312240800690463", 80.0, box, 1)
    (out,) = glyphs.agree_digit_runs(image, [word], None, nik.plausible_reading, None, nik.nik_shaped)
    assert out.text == word.text and (6, 8, 9, 12) in out.glyph_groups
    assert not glyphs.fits_shapes("3312240804690463", out.text, out.glyph_groups)
    (plain,) = glyphs.agree_digit_runs(image, [word], None, nik.plausible_reading)
    assert plain.glyph_groups == ()


@pytest.mark.parametrize(
    "number, read, fits",
    [
        ("3312240800690463", "3312240800690463", True),
        ("3312241811691463", "3312240800690463", True),  # every zero made 1: one shape, one digit
        ("3312240804690463", "3312240800690463", False),  # one zero of four, all read 0, made 4
        ("3312240804690463", "3312240809690463", True),  # the zeros already read 0 and 9: in doubt
        ("331224080069046", "3312240800690463", True),  # another count of digits: not judged
    ],
)
def test_fits_shapes(number, read, fits):
    groups = ((0, 1, 15), (2,), (3, 4), (5, 13), (6, 8, 9, 12), (7,), (10, 14), (11,))
    assert glyphs.fits_shapes(number, read, groups) is fits


def test_a_blurred_zero_left_alone_joins_its_digit():
    """Seed 39499 berkas-0001's e-KTP NIK 3324062206690072 (bold mono font, dotted zeros, as the
    page's word crop): its last zero correlates 0.93 with one zero and 0.89 with the other two,
    so complete linkage left it alone and agreement kept the 9 Tesseract read for it."""
    image = cv2.imread(str(Path(__file__).parent / "data" / "ktp-nik-dotted-zero.png"), cv2.IMREAD_GRAYSCALE)
    height, width = image.shape
    shapes = glyphs.glyph_shapes(image, (16, 16, width - 16, height - 16))
    printed = "3324062206690072"
    groups = glyphs._groups(shapes)
    assert sorted(groups) == sorted(
        [[i for i, d in enumerate(printed) if d == digit] for digit in dict.fromkeys(printed)]
    )
    # the page read its 9 as 3 and that zero as 9: the zero's group puts it right
    assert glyphs.agree(list("3324062206630972"), groups) == "3324062206630072"


# Per digit of "3311101309570224" (69371 berkas-0007's card, its 6 read 5): the digit read and the
# LSTM's other candidates; 16 glyphs in their shapes.
HELD = ["3", "3", "1", "1", "1", "09", "1", "3", "0", "9", "56", "7", "0", "2", "2", "4"]
SHAPES = [[0, 1, 7], [2, 3, 4, 6], [5, 8, 12], [9], [10], [11], [13, 14], [15]]


@pytest.mark.parametrize(
    "held, printed, expected",
    [
        # the blurred 6 read 5, 6 among its candidates: the printed date asks for it
        (HELD, "130967", "3311101309670224"),
        # the card prints another date than its NIK (a finding): no candidate makes it fit
        (HELD, "130968", "3311101309570224"),
        # the glyph read 5 had no other candidate: read clean, it stays
        ([*HELD[:10], "5", *HELD[11:]], "130967", "3311101309570224"),
        # a candidate of one glyph of a shape is not the shape's: its other 0s held no 8
        ([*HELD[:5], "08", *HELD[6:]], "138957", "3311101309570224"),
        # ... held by every glyph of it, it is
        ([*HELD[:5], "08", "1", "3", "08", "9", "5", "7", "08", *HELD[13:]], "138957", "3311181389578224"),
        # two candidates fit the date: neither is chosen
        ([*HELD[:10], "568", *HELD[11:]], "", "3311101309570224"),
    ],
    ids=["candidate-fits", "real-mismatch", "no-candidate", "one-glyph-of-a-shape", "whole-shape", "two-fit"],
)
def test_confirmed_by_alternatives(held, printed, expected):
    def gap(number):
        if not printed:  # both the 6 and the 8 made dates the page prints
            return 0 if number[6:12] in ("130967", "130987") else 1
        return sum(a != b for a, b in zip(number[6:12], printed, strict=True))

    digits = "3311101309570224"
    assert glyphs.confirmed_by_alternatives(digits, SHAPES, held, lambda number: True, gap) == expected


def test_alternatives_kept_through_a_digit_changed_in_place():
    """A digit agreement changes keeps its glyph's candidates; a count changed drops them all."""
    word = Word("NIK:3311101309570224", 45.0, (0, 0, 10, 10), 1, alternatives=("",) * 14 + ("6", "") * 3)
    same = glyphs.with_core(word, "3311101309570224", "3311101309670224")
    assert same.alternatives == word.alternatives
    assert glyphs.with_core(word, "3311101309570224", "33111013096702241").alternatives == ()


def test_alternatives_of_a_long_number_from_real_tesseract():
    """Tesseract (lstm_choice_mode 2, the settings' engines) gives one entry per character of a
    long number's word, and none for a short word."""
    image, box = drawn("3311101309670224", MONO_BOLD)
    blurred = cv2.GaussianBlur(image, (0, 0), 2.5)
    text = tesseract.recognise(blurred, "ind", 3, 1, 60, (("lstm_choice_mode", "2"),))
    longs = [w for w in text.words if sum(ch.isdigit() for ch in w.text) >= 12]
    assert longs and all(len(w.alternatives) == len(w.text) for w in longs)
    assert all(w.alternatives == () for w in text.words if w not in longs)


def test_blurred_card_digit_confirmed_by_its_printed_date():
    """The NIK and birth date rows of a blurred e-KTP (corpus seed 69371 berkas-0007, printed
    3311101309670224 and 13-09-1967): Tesseract reads its one 6 as 5, a shape in no doubt to
    agreement, but keeps 6 among the glyph's candidates, and the printed date asks for it."""
    image = cv2.imread(str(Path(__file__).parent / "data" / "ktp-blurred-six.png"), cv2.IMREAD_GRAYSCALE)
    text = tesseract.recognise(image, "ind", 3, 1, 60, (("lstm_choice_mode", "2"),))

    def agreed(words):
        out = glyphs.agree_digit_runs(
            image,
            words,
            lambda crop: tesseract.read_digits(crop, "ind", 1, 60),
            nik.plausible_reading,
            nik.date_gap_by(text.text),
            nik.nik_shaped,
        )
        return [w.text for w in out if sum(ch.isdigit() for ch in w.text) >= 16]

    assert agreed(text.words) == ["3311101309670224"]
    # without the LSTM's candidates the 5 stays: the date alone changes no digit agreement is sure of
    assert agreed([dataclasses.replace(w, alternatives=()) for w in text.words]) == ["3311101309570224"]
