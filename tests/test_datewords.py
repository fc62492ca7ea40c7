"""pipeline.datewords: a numeric date the page's reading broke is read again alone, as a date.

Dates are drawn with a font the machine has and blurred like a photocopy; the "page's reading" is
given, the second reading is real Tesseract (or a stand-in where the case is what it returns).
"""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

from pipeline import datewords, tesseract
from pipeline.models import Word
from tests.test_glyphs import SANS, drawn

DATA = Path(__file__).parent / "data"


def tesseract_date(crop):
    return tesseract.read_line(crop, "ind", 1, 30.0, datewords.DATE_CHARACTERS)


@pytest.mark.parametrize(
    "core, broken",
    [
        ("201-199", True),  # a separator and two digits lost in a faint table cell
        ("2605-1900", True),  # a separator lost, the year's decade misread
        ("21-04-1", True),
        ("O1-04-2014", True),  # a whole date, but with a letter O: read again as digits
        ("12/05/202", True),
        ("21-04-1968", False),  # a whole date: nothing to mend
        ("31-02-1970", True),  # no calendar date
        ("800/905/2023", False),  # a letter's number
        ("1.250.000", False),  # an amount
        ("004/003", False),  # RT/RW
        ("10-2012", True),
        ("12-05", False),  # too few digits to be a date
        ("0812-3456-7890", False),  # a phone number: too many
        ("III/d", False),
        ("2211/2024", True),  # a slashed date with a separator lost (seed 71413's date of death)
        ("22/112024", True),
        ("2024/2025", True),  # an academic year has that shape too: its reading again is no date
        ("882/810/2024", False),
    ],
)
def test_broken_date(core, broken):
    assert datewords.broken_date(core) is broken


@pytest.mark.parametrize(
    "printed, read, reread, expected",
    [
        # the cell read alone reads whole
        ("21-01-1999", "201-199", tesseract_date, "21-01-1999"),
        ("26-05-1999", "2605-1900", tesseract_date, "26-05-1999"),
        ("22/11/2024", "2211/2024", tesseract_date, "22/11/2024"),
        ("01-07-1974", "0107-1974,", tesseract_date, "01-07-1974,"),  # punctuation glued to it is kept
        # a second reading that is no calendar date, or no date, or with another separator, is not taken
        ("21-01-1999", "201-199", lambda crop: ("21-13-1999", 95.0), "201-199"),
        ("21-01-1999", "201-199", lambda crop: ("2101-1999", 95.0), "201-199"),
        ("21-01-1999", "201-199", lambda crop: ("21/01/1999", 95.0), "201-199"),
        ("21-01-1999", "201-199", lambda crop: ("", 95.0), "201-199"),
        # nor one read unsurely (a KK row's "19-09-1993", read "19-00-1993", then "19-08-1993" at 68)
        ("19-09-1993", "19-00-1993", lambda crop: ("19-08-1993", 68.0), "19-00-1993"),
        # a whole date read unsurely is read again ("21-01-1999" on a faint KARIS read as 1900) ...
        ("21-01-1999", "11-01-1900", tesseract_date, "21-01-1999"),
    ],
    ids=[
        "lost-digits",
        "lost-separator",
        "lost-slash",
        "glued",
        "no-calendar-date",
        "still-broken",
        "other-separator",
        "nothing",
        "unsure",
        "whole-unsure",
    ],
)
def test_reread_dates(printed, read, reread, expected):
    image, box = drawn(printed, SANS)
    word = Word(read, 41.0, box, 3)
    (out,) = datewords.reread_dates(image, [word], reread)
    assert out.text == expected
    assert (out.conf, out.bbox, out.line) == (word.conf, word.bbox, word.line)  # no surer than the page's reading


def test_sure_whole_date_is_not_read_again():
    """... one read surely is not: a second reading could only disagree with a good one."""
    image, box = drawn("21-04-1988", SANS)
    word = Word("21-04-1968", datewords.UNSURE_CONF, box, 3)
    assert datewords.reread_dates(image, [word], lambda crop: pytest.fail("read again")) == [word]


def test_other_words_are_left_alone():
    image, box = drawn("21-01-1999", SANS)
    words = [Word("Isteri", 90.0, box, 1), Word("800/905/2023", 90.0, box, 1)]
    assert datewords.reread_dates(image, words, lambda crop: pytest.fail("read again")) == words


@pytest.mark.parametrize(
    ("cell", "read", "expected"),
    [
        # the cell of a DPCP family table (seed 37813, berkas-0005), the rules and the row above's
        # foot in its margin: read with that margin, it came back empty
        ("ruled-date-cell.png", "22-12-1900", "22-12-1968"),
    ],
)
def test_ruled_cell_is_read_alone(cell, read, expected):
    """A date in a ruled table is read again without its cell's rules: only the word on paper."""
    image = cv2.imread(str(DATA / cell), cv2.IMREAD_GRAYSCALE)
    height, width = image.shape
    pad = height // 4  # the images are glyphs.word_crop's crops: the word's box and half its height around it
    word = Word(read, 41.0, (pad, pad, width - pad, height - pad), 3)
    (out,) = datewords.reread_dates(image, [word], tesseract_date)
    assert out.text == expected
