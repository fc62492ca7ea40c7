"""A numeric date the page's reading broke is read again on its own, as a date.

In a faint family table (the DPCP's "Keterangan keluarga", the KP-4's "susunan keluarga", a KK's
member rows) Tesseract reads a clean "21-01-1999" between the cell rules as "201-199", and
"26-05-1999" as "2605-1900": a separator lost, a digit dropped or doubled, reading the cell in the
context of the row. The same crop read alone as one line, with digits and date separators as the
only characters allowed, reads "21-01-1999" and "26-05-1999" (seen on seeds 21433 and 20261; the
marriage date of the row, which nothing else could put right). A word is read again only when its
shape is a broken numeric date (digits and a date's separators, too few or too many for one), and
the second reading is taken only when it is a whole calendar date with the word's own separator,
read with a confidence of :data:`MIN_CONF` or more. Measured on five seen seeds (15077, 17683,
18917, 20261, 21433): of 107 broken dates, 63 read again as a whole date; of those read at 80 or
more, 33 are dates the truth holds and 7 dates it does not list (a KTP's issue date, a work
history's rows), none of them in a KK's or a family table's rows; below 80 came 8 KK member dates
read wrong again ("19-09-1993" read as "19-00-1993", then "19-08-1993" at 68) beside 6 right ones.
A date left broken is a value missing; read wrong, it raises a false DATE_MISMATCH.

A whole date the page read unsurely (word confidence under :data:`UNSURE_CONF`) is read again the
same way: a faint KARIS or family table reads "21-01-1999" as "11-01-1900", a valid date the
marriage-age check can only refuse. On the same five seeds 212 such words: 21 second readings
at 80 or more differ from the page's and are whole dates; 16 of them are dates of the truth where
the page's reading was not, 2 are the same date with another separator (not taken), 3 dates the
truth does not list (KTP issue dates); none replaced a reading the truth holds.
The word keeps its confidence: the page's reading was unsure, the report should
still say so.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import numpy as np

from pipeline import dates
from pipeline.glyphs import TRIM, with_core, word_alone
from pipeline.models import Word

DATE_CHARACTERS = "0123456789-/."
_D = "[0-9OoIl|]"  # a digit as OCR may print it
# A dashed word of digit groups ("201-199", "2605-1900", "21-04-1"), or a slashed or dotted one
# whose first two groups are a day and a month ("12/05/202"): a letter's number ("800/905/2023")
# or an amount ("1.250.000") starts with a longer group. A slashed or dotted date that lost one
# separator keeps its eight digits around the other ("2211/2024" for 22/11/2024 on seed 71413's
# surat kematian, its date of death lost; "22/112024").
BROKEN = re.compile(
    rf"^{_D}{{1,4}}(?:-{_D}{{0,5}}){{1,2}}$|^{_D}{{1,2}}([/.]){_D}{{1,2}}\1{_D}{{1,5}}$"
    rf"|^{_D}{{4}}[/.]{_D}{{4}}$|^{_D}{{2}}[/.]{_D}{{6}}$"
)
MIN_DIGITS = 5  # a day-month pair and a year's first digit; fewer is no date to re-read
MAX_DIGITS = 10
MIN_CONF = 80.0  # the second reading's own confidence (see the module's docstring)
UNSURE_CONF = 70.0  # a whole date read under this confidence is read again
WHOLE = re.compile(r"^(?P<d>\d{1,2})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})$")


def whole_date(text: str) -> date | None:
    """The calendar date ``text`` is, written day-month-year in digits with one separator."""
    m = WHOLE.match(text)
    if m is None or not dates.MIN_YEAR <= int(m["y"]) <= dates.MAX_YEAR:
        return None
    try:
        return date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None


def broken_date(core: str) -> bool:
    """Whether a word (punctuation trimmed) is shaped like a numeric date OCR broke."""
    digits = sum(ch not in "-/." for ch in core)
    return bool(BROKEN.match(core)) and MIN_DIGITS <= digits <= MAX_DIGITS and whole_date(core) is None


def read_again(word: Word) -> bool:
    """Whether a word is a numeric date to read a second time: broken, or whole but unsure."""
    core = word.text.strip(TRIM)
    return bool(core) and (broken_date(core) or (word.conf < UNSURE_CONF and whole_date(core) is not None))


def reread_dates(image: np.ndarray, words: list[Word], reread: Callable[[np.ndarray], tuple[str, float]]) -> list[Word]:
    """``words`` with each broken or unsure numeric date replaced by its second reading
    (``reread``: a word's crop read as one line of digits and separators, and that reading's
    confidence) where that reading is a whole date, read surely enough."""
    out = list(words)
    for i, word in enumerate(words):
        if not read_again(word):
            continue
        core = word.text.strip(TRIM)
        again, conf = reread(word_alone(image, word.bbox))
        again = again.replace(" ", "")
        if conf >= MIN_CONF and whole_date(again) is not None and WHOLE.match(again)["sep"] in core:
            out[i] = with_core(word, core, again)
    return out
