"""The number two different misreadings of it both point to.

A dossier prints the holder's NIK twice, on the e-KTP and in the KK's member table, in two fonts
on two sheets, so OCR misreads them in different places: the card's "3314970712620628" (a dotted
zero read 9, an 8 read 2) beside the KK row's "33140707126850628" (a stain read as a 5). Neither
reading is the NIK, and neither can be put right alone (the row's 17 digits lose one in five ways
that all encode the printed birth date). Yet every digit the card misread the row read right, and
the other way round: the printed number lies on a shortest edit path between the two readings,
each of its digits taken from one reading or the other. Where exactly one number on those paths
is what the number must be (a valid NIK encoding the birth date printed beside it), that is the
number both readings were made from.

A number printed wrongly on both sheets (a NIK_INVALID or NIK_BIRTHDATE_MISMATCH the verifier must
see) is read the same on both, or one digit apart where one reading slipped: no number lies
strictly between two readings one edit apart, so it stays as read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from rapidfuzz.distance import Levenshtein

DIGITS = "0123456789"


def _edits(number: str) -> Iterator[str]:
    """Every string one digit deletion, change or insertion away from ``number``."""
    for i in range(len(number) + 1):
        if i < len(number):
            yield number[:i] + number[i + 1 :]
            for d in DIGITS:
                if d != number[i]:
                    yield number[:i] + d + number[i + 1 :]
        for d in DIGITS:
            yield number[:i] + d + number[i:]


def between(a: str, b: str, max_distance: int) -> set[str]:
    """The strings on a shortest edit path from ``a`` to ``b``, the two ends excluded: each is one
    edit nearer ``b`` than the one before it. Empty when the readings are more than
    ``max_distance`` edits apart (too little of either is right to say where the number lies)."""
    distance = Levenshtein.distance(a, b)
    if distance > max_distance:
        return set()
    found: set[str] = set()
    layer = {a}
    for remaining in range(distance - 1, 0, -1):
        layer = {e for n in layer for e in _edits(n) if Levenshtein.distance(e, b) == remaining}
        found |= layer
    return found


def common_source(a: str, b: str, fits: Callable[[str], bool], max_distance: int) -> str | None:
    """The one number between readings ``a`` and ``b`` (see :func:`between`) that ``fits`` what the
    number must be; None when the readings agree, when one of them already fits (it may be the
    number, read right: nothing says the other is), or when none or several between fit."""
    if a == b or fits(a) or fits(b):
        return None
    found = {n for n in between(a, b, max_distance) if fits(n)}
    return found.pop() if len(found) == 1 else None


def majority(readings: list[str]) -> str | None:
    """The number three or more readings of it give digit by digit: at each place the digit more
    than half of them read. Readings made apart (a card, a KK row, an NPWP) misread different
    places, so each misread digit is outvoted there: the card's "...678061", the NPWP's "...670061"
    and the KK row's "3207..." give 3307121312670061 (seed 59107). None for fewer than three
    readings, readings of unequal length (a digit lost or added shifts every place after it) or a
    place where no digit has a majority."""
    if len(readings) < 3 or len({len(r) for r in readings}) != 1:
        return None
    out = []
    for place in zip(*readings, strict=True):
        digit = max(set(place), key=place.count)
        if place.count(digit) * 2 <= len(place):
            return None
        out.append(digit)
    return "".join(out)
