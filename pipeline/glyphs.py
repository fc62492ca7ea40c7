"""Digits of one long number agree with themselves: the same glyph is the same digit.

Tesseract's LSTM reads each digit of an identity number in context, not by its shape alone, and
on a bold monospace card font (an e-KTP's NIK) or a blurred copy it reads one 0 of a NIK as 0 and
the next, identical, 0 as 9, 6 or 8 (seen on generated and real e-KTP fonts: the misread digits
are all glyphs the same number prints correctly elsewhere). A number's digits are printed in one
font at one size, so their glyphs can be compared with each other: glyphs that look the same are
one digit, and that digit is the one Tesseract read for most of them. This is the idea of the
adaptive classifier of Tesseract's legacy engine, applied to one word.

It is used only where the evidence is clean: a number of at least :data:`MIN_DIGITS` digits (one
word, or an NIP's groups on one line) whose ink splits into exactly as many glyphs as Tesseract
read digits (touching glyphs leave the number as read). Where the page's reading holds a digit
more or fewer than the word's glyphs (the LSTM, reading a blurred NIK in context, doubles a digit
or drops one), a word of :data:`MIN_DIGITS` digits or more is read again alone as one line of
digits (``reread``), enlarged or shrunk when it still miscounts (:func:`_read_counted`); that
reading is taken only when it holds exactly as many digits as there are glyphs, two independent
counts agreeing, and then goes through the same agreement. (A short word,
an NIP's group of three, is not: with two of its digits touching it counts two glyphs, and a
second reading that dropped a digit would agree.) Glyphs are
grouped when their grey shapes correlate at :data:`SAME_GLYPH` or more (measured over the 153 KTP
NIKs of four corpus seeds whose glyphs could be counted: 99.7 % of same-digit pairs at 0.9 or more,
2 of ~16,000 different-digit pairs; binary shapes without shifts, the first version, kept 0.85
as the line and split 2.5 % of same-digit pairs, grouping fewer misreads with their digit). Two
groups never take the same digit, since one digit prints as one shape (see :func:`agree` for the
order they choose in). A number changed here keeps Tesseract's confidence: the reading is no surer
than it was, so the report still asks a verifier to look.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from itertools import combinations, product

import cv2
import numpy as np

from pipeline.models import Word

MIN_DIGITS = 12  # NIP (18), NIK and no. KK (16), NPWP (15); a date or a phone number is shorter
SAME_GLYPH = 0.9  # shape correlation at which two glyphs are the same digit (see the module's docstring)
MAX_SHIFT = 2  # pixels two glyphs may be shifted against each other when compared
MIN_GLYPH_HEIGHT = 0.3  # of the word's height: a colon's dots, specks and stamp crumbs are no digits
BROKEN_GLYPH_HEIGHT = 0.7  # of the word's height: short pieces spanning this much are one broken digit
MAX_GLYPH_WIDTH = 1.6  # of the median glyph's width: a wider run is two digits touching
GLYPH_SIZE = (20, 30)  # width, height each glyph is compared at
TRIM = ":;.,"  # punctuation OCR glues to a number's ends ("NIK :3304...", "…0603.")
MIN_GROUP = 2  # glyphs of one shape whose digit :func:`remapped` may read again
REREAD_SCALES = (1.0, 1.5, 2.0, 0.75)  # sizes a miscounted word is read again at, in this order
PAPER_PERCENTILE = 90  # of a word box's grey levels: its paper (ink covers far less of the box)
NEAR_DATE = 1  # digits a settled number's date part may be from a printed date OCR misread too
MAX_CHOICES = 32  # a number its glyphs allow more readings of than this: too little known to offer any
PAINT_MARGIN = 2  # pixels around a word already read painted out with it (its blurred edge)


def agree_digit_runs(
    image: np.ndarray,
    words: list[Word],
    reread: Callable[[np.ndarray], str] | None = None,
    plausible: Callable[[str], bool] | None = None,
    date_gap: Callable[[str], int | None] | None = None,
    choices_for: Callable[[str], bool] | None = None,
) -> list[Word]:
    """``words`` with each long number's digits made to agree with its glyphs (see the module).

    A number is one word of digits or consecutive words of digits on one line: an NIP typed in its
    groups ("19670715 201001 1 246") is compared as one number, its groups being one font.
    ``reread``: reads a word's crop again as digits only (None: a miscounted word stays as read).
    ``plausible``: whether a number can be what it was printed as (see :func:`remapped`; None:
    not asked). ``date_gap``: how many digits a reading's date part is from a date the page
    prints, 0 where the page bears it out, None where not judged (the birth date a NIK holds is
    printed beside it; see :func:`settled`; None: not asked). ``choices_for``: which numbers,
    printed as one word, keep the other readings their glyphs allow (:func:`allowed_readings`, in
    ``Word.choices``; None: none do).
    """
    out = list(words)
    for run in _number_runs(words):
        cores = [words[i].text.strip(TRIM) for i in run]
        shapes = [glyph_shapes(image, words[i].bbox) for i in run]
        # the LSTM's other candidates for each digit, as read (None: not known, or read again)
        candidates = [c for i in run for c in _core_alternatives(words[i])]
        for k, i in enumerate(run):
            # only a long word: an NIP group of three digits, two of them touching, counts two
            # glyphs, and a second reading dropping a digit would agree with that count; and only
            # glyphs that count a long number (a rule joining a KK row's digits makes one glyph,
            # and a second reading of "1" would agree with it)
            count = len(shapes[k])
            if reread is not None and len(cores[k]) >= MIN_DIGITS and count >= MIN_DIGITS and count != len(cores[k]):
                again = _read_counted(reread, word_crop(image, words[i].bbox), count)
                if again is not None:
                    out[i] = with_core(words[i], cores[k], again)
                    cores[k] = again
                    candidates = []
        groups = _groups([g for s in shapes for g in s])
        if any(len(s) != len(c) for s, c in zip(shapes, cores, strict=True)):
            aligned = _aligned(cores, [len(s) for s in shapes], groups)
            if aligned is None:
                continue  # a digit lost or one too many: which read belongs to which glyph is unknown
            for k, i in enumerate(run):
                if aligned[k] != cores[k]:
                    out[i] = with_core(out[i], cores[k], aligned[k])
                    cores[k] = aligned[k]
                    candidates = []
        digits = agree(list("".join(cores)), groups)
        if plausible is not None and not plausible(digits):
            digits = remapped(digits, groups, plausible)
        if date_gap is not None and date_gap(digits) not in (None, 0):
            digits = settled(digits, groups, plausible or (lambda number: True), date_gap)
            if date_gap(digits) not in (None, 0) and len(candidates) == len(digits) and None not in candidates:
                # what the LSTM held possible for each glyph: the digit it read and its candidates
                held = [read + str(other) for read, other in zip("".join(cores), candidates, strict=True)]
                digits = confirmed_by_alternatives(digits, groups, held, plausible or (lambda number: True), date_gap)
        if choices_for is not None and len(run) == 1 and choices_for(digits):
            # what the page bears out of the reading, its other readings must keep
            kept = (lambda c: date_gap(c) == 0) if date_gap is not None and date_gap(digits) == 0 else None
            allowed = allowed_readings(digits, groups, plausible or (lambda number: True), kept)
            shapes_of = tuple(tuple(g) for g in groups)
            out[run[0]] = replace(out[run[0]], choices=allowed, glyph_groups=shapes_of)
        start = 0
        for i, core in zip(run, cores, strict=True):
            new = digits[start : start + len(core)]
            start += len(core)
            if new != core:
                out[i] = with_core(out[i], core, new)
    return out


def _read_counted(reread: Callable[[np.ndarray], str], crop: np.ndarray, count: int) -> str | None:
    """The first second reading of ``crop``, at the scales :data:`REREAD_SCALES`, that holds
    ``count`` digits (the word's glyph count); None when none does.

    At its own size Tesseract drops or doubles a digit of a blurred e-KTP NIK again as often as
    not; enlarged or shrunk, the same crop often reads with one digit per glyph. Over the 158 KTP
    NIKs of four seen seeds (15077, 16233, 17683, 18917), the 7 words whose digits miscounted
    their glyphs after the reading at 1x: 5 right with the further scales, 2 counted but still
    misread; none of the 151 others changed."""
    for scale in REREAD_SCALES:
        scaled = crop if scale == 1 else cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
        again = reread(scaled)
        if again.isdigit() and len(again) == count:
            return again
    return None


def remapped(digits: str, groups: list[list[int]], plausible: Callable[[str], bool]) -> str:
    """A number no such number can be (a NIK whose kecamatan code or birth date does not exist),
    with one shape's digit read again: the one group of at least :data:`MIN_GROUP` same glyphs
    that, given a digit the number prints nowhere else, makes it plausible. As read when no
    group, or more than one, does.

    On the generated e-KTP font a dotted zero reads as 9 or 8 in every place it stands
    ("3394916991719693" for 3304016001710603): agreement keeps them one digit, but the wrong one,
    and no other glyph of the number prints it right. Giving the whole group one other digit is
    one change of the reading, not one per place, and the NIK's structure (kecamatan code in the
    region list, day and month) must then hold. Measured on the 158 KTP NIKs of four seen seeds
    (15077, 16233, 17683, 18917): of the 151 whose glyphs could be counted, 2 put right, none
    changed that was read right; the 10 NIKs printed invalid on purpose stay as printed (no
    single group's digit makes them valid).
    """
    # one glyph's digit changed is a guess the structure cannot check well enough
    fits = {c for c in _regroupings(digits, [(g, None) for g in groups if len(g) >= MIN_GROUP]) if plausible(c)}
    return fits.pop() if len(fits) == 1 else digits


def settled(
    digits: str, groups: list[list[int]], plausible: Callable[[str], bool], gap: Callable[[str], int | None]
) -> str:
    """A number whose glyphs agreement left in doubt, put right where exactly one choice of digits
    for the doubtful shapes makes the page bear the number out (``gap`` 0: its date part is a date
    the page prints), or, where none does, alone comes within :data:`NEAR_DATE` digits of one and
    nearer than the reading; as read otherwise.

    Agreement sees a conflict (one digit prints as one shape, yet the 9 and the 3s of a NIK both
    read "3"; or two same zeros read 0 and 9, a tie) but not which digit is right, and
    "3311041203630347" is as possible a NIK as "3311041203690347". Beside an e-KTP's NIK the card
    prints the birth date it encodes ("12-03-1969"). Doubtful shapes are those two shapes read as
    one digit (each may take a digit the number prints nowhere else) and those whose same glyphs
    were read as different digits (each may take one of its reads); one of them is given another
    digit, or, where no single change does, two of them, and the choice is taken when it alone
    turns the reading into the number of a date printed on the page (a blurred card read its 6 and 9
    as the 5 and 3 it also prints). A shape agreement had no doubt about keeps its digit, so a NIK
    whose birth date differs from the card's, a finding, is not made to fit, and nothing is changed
    while the reading as it stands is borne out. Measured on the 151 countable KTP NIKs of four seen
    seeds (15077, 16233, 17683, 18917): 7 had conflicting shapes, 5 of them misread, each misread
    digit in a conflicting shape; 3 of those 5 misread a birth-date digit.

    The printed date is read by OCR too, in another font, and may be misread where the NIK is
    (27143's card: NIK read "...561262..." and its date "18-12-1969" for 16-12-1969). No choice is
    then borne out; the one nearest the printed date, a digit from it where the reading is two,
    is the reading both misreadings point to (of several as near, the one leaving no shape read as
    two digits, then the one changing fewest shapes).
    """
    doubtful = _doubtful(digits, groups)
    candidates = [[c for c in _regroupings(digits, doubtful, size) if plausible(c)] for size in (1, 2)]
    for found in candidates:
        fits = {c for c in found if gap(c) == 0}
        if fits:
            return fits.pop() if len(fits) == 1 else digits
    own = gap(digits)
    # nearest first; among those, one leaving no shape read as two digits, then the fewest changed
    near = sorted(
        (g, _mixed(c, groups), size, c)
        for size, found in enumerate(candidates, 1)
        for c in found
        if (g := gap(c)) is not None
    )
    if own is None or not near or near[0][0] > NEAR_DATE or near[0][0] >= own:
        return digits
    best = near[0][:3]
    fits = {c for *rank, c in near if tuple(rank) == best}
    return fits.pop() if len(fits) == 1 else digits


def confirmed_by_alternatives(
    digits: str,
    groups: list[list[int]],
    held: list[str],
    plausible: Callable[[str], bool],
    gap: Callable[[str], int | None],
) -> str:
    """A number whose date part the page does not bear out, with one shape given another digit
    where Tesseract itself held that digit possible for every glyph of the shape (``held``: per
    digit, the one it read and the LSTM's other candidates; pipeline/tesseract.py alternatives)
    and it alone makes the page bear the number out (``gap`` 0); as read otherwise.

    :func:`settled` changes only shapes agreement left in doubt: a blurred 6 that the number prints
    once, read 5 (seed 69371 berkas-0007: "...1309570224" on a card printing 13-09-1967), is in no
    doubt there, yet the LSTM scored 6 for it at 24. A NIK really printed with another birth date
    (a finding) keeps its digits: a clean glyph has no such second candidate, and the one it might
    have must also be the very digit the printed date asks for."""
    doubts: list[tuple[list[int], frozenset[str] | None]] = []
    for group in groups:
        if len({digits[i] for i in group}) > 1:
            continue
        possible = frozenset.intersection(*(frozenset(held[i]) for i in group)) - {digits[group[0]]}
        possible = frozenset(d for d in possible if d.isdigit())
        if possible:
            doubts.append((group, possible))
    fits = {c for c in _regroupings(digits, doubts) if plausible(c) and gap(c) == 0}
    return fits.pop() if len(fits) == 1 else digits


def _core_alternatives(word: Word) -> list[str | None]:
    """The LSTM's other candidates for each digit of ``word``'s number (its text without the
    punctuation glued to it), None for each where they are not known."""
    core = word.text.strip(TRIM)
    if len(word.alternatives) != len(word.text):
        return [None] * len(core)
    at = word.text.index(core)
    return list(word.alternatives[at : at + len(core)])


def _mixed(digits: str, groups: list[list[int]]) -> int:
    """How many shapes ``digits`` reads as more than one digit."""
    return sum(len({digits[i] for i in g}) > 1 for g in groups)


def allowed_readings(
    digits: str,
    groups: list[list[int]],
    plausible: Callable[[str], bool],
    borne_out: Callable[[str], bool] | None = None,
) -> tuple[str, ...]:
    """The other readings of a number that its doubtful shapes allow (those :func:`settled` may
    change, one or two of them), each plausible and, where given, borne out by the page; none when
    no shape is in doubt or more than :data:`MAX_CHOICES` readings remain.

    Where the page cannot settle a doubt (a NIK's serial digits: no printed date holds them; a
    card read an 8 as the 3 it also prints and its zeros as 0 and 8), the dossier may: its KK row
    or another document reads the same NIK, misread elsewhere if at all (pipeline/persons.py)."""
    doubtful = _doubtful(digits, groups)
    if not doubtful:
        return ()
    found = {
        c
        for size in (1, 2)
        for c in _regroupings(digits, doubtful, size)
        if c != digits and plausible(c) and (borne_out is None or borne_out(c))
    }
    return tuple(sorted(found)) if len(found) <= MAX_CHOICES else ()


def fits_shapes(number: str, read: str, groups: tuple[tuple[int, ...], ...]) -> bool:
    """Whether ``number``, a repair of ``read``, keeps each glyph shape of ``groups`` (positions of
    one shape) that ``read`` gives one digit one digit; True when the groups are unknown or hold
    another count of digits. A repair from another reading ("3312240804690463" from the KK) that
    gives one of a card's four same zeros, all read 0, a 4 is no misreading put right: the card
    prints its month as 00. One that gives a shape read 9 throughout a 0 throughout is, and a shape
    already read as two digits (agreement in doubt) may take any."""
    if not groups or sum(len(g) for g in groups) != len(number) or len(read) != len(number):
        return True
    return all(len({number[i] for i in g}) == 1 for g in groups if len({read[i] for i in g}) == 1)


def _doubtful(digits: str, groups: list[list[int]]) -> list[tuple[list[int], frozenset[str] | None]]:
    """The shapes agreement left in doubt, each with the digits it may take (None: any): a shape
    read as the digit another shape is read as, and a shape whose same glyphs read differently
    (limited to its own reads)."""
    uniform = [g for g in groups if len({digits[i] for i in g}) == 1]
    conflicting = [g for g in uniform if any(h is not g and digits[h[0]] == digits[g[0]] for h in uniform)]
    mixed = [g for g in groups if len({digits[i] for i in g}) > 1]
    return [(g, None) for g in conflicting] + [(g, frozenset(digits[i] for i in g)) for g in mixed]


def _regroupings(digits: str, choices: list[tuple[list[int], frozenset[str] | None]], size: int = 1) -> Iterator[str]:
    """``digits`` with ``size`` of the groups in ``choices`` each given, throughout, another digit:
    one of its allowed digits (None: any), printed nowhere else in the number and not given to the
    other changed group (one digit prints as one shape)."""
    for combo in combinations(choices, size):
        members = {i for group, _ in combo for i in group}
        elsewhere = {d for i, d in enumerate(digits) if i not in members}
        options = [sorted((allowed or frozenset("0123456789")) - elsewhere) for _, allowed in combo]
        for picked in product(*options):
            if len(set(picked)) < size:
                continue
            new = list(digits)
            for (group, _), digit in zip(combo, picked, strict=True):
                for i in group:
                    new[i] = digit
            yield "".join(new)


def _aligned(cores: list[str], counts: list[int], groups: list[list[int]]) -> list[str] | None:
    """The number's words with the one word that read a digit more or fewer than its glyphs put
    right, where exactly one way of dropping (or adding) a digit gives every shape one digit; None
    when no way or several do, or more than one word miscounts.

    When no second reading counts the glyphs either (:func:`_read_counted`), the shapes still tell
    which read is the extra one: a card's "33121812016809318" (a 9 doubled out of a blurred 0) has
    16 glyphs in six shapes, and of its seventeen drops only one leaves every shape with one digit.
    Only a word of :data:`MIN_DIGITS` glyphs and digits or more (see :func:`agree_digit_runs`)."""
    off = [k for k, (core, count) in enumerate(zip(cores, counts, strict=True)) if len(core) != count]
    if len(off) != 1:
        return None
    k = off[0]
    core, count = cores[k], counts[k]
    if min(len(core), count) < MIN_DIGITS or abs(len(core) - count) != 1:
        return None
    if len(core) > count:
        options = {core[:j] + core[j + 1 :] for j in range(len(core))}
    else:
        options = {core[:j] + d + core[j:] for j in range(len(core) + 1) for d in "0123456789"}

    def number(option: str) -> str:
        return "".join([*cores[:k], option, *cores[k + 1 :]])

    def one_digit_each(option: str) -> bool:
        digits = number(option)
        return all(len({digits[i] for i in group}) == 1 for group in groups)

    fits = [o for o in options if one_digit_each(o)]
    if len(fits) > 1:  # shapes that take digits of their own before shapes sharing one
        fits = [o for o in fits if len({number(o)[g[0]] for g in groups}) == len(groups)]
    return [*cores[:k], fits[0], *cores[k + 1 :]] if len(fits) == 1 else None


def with_core(word: Word, core: str, new: str) -> Word:
    """``word`` with its digits ``core`` replaced by ``new``, punctuation glued to them kept."""
    at = word.text.index(core)
    # a digit changed in place keeps its glyph's candidates; a count changed leaves them unplaced
    kept = word.alternatives if len(new) == len(core) else ()
    return replace(word, text=word.text[:at] + new + word.text[at + len(core) :], alternatives=kept)


def word_crop(image: np.ndarray, bbox: tuple[int, int, int, int]) -> np.ndarray:
    """The word's box with a margin of half its height: Tesseract reads a line badly without one."""
    x0, y0, x1, y1 = bbox
    pad = word_margin(bbox)
    return np.ascontiguousarray(image[max(0, y0 - pad) : y1 + pad, max(0, x0 - pad) : x1 + pad])


def word_margin(bbox: tuple[int, int, int, int]) -> int:
    """Half the word's height (at least 2 pixels): the margin a word is read again with."""
    return max(2, (bbox[3] - bbox[1]) // 2)


def word_alone(image: np.ndarray, bbox: tuple[int, int, int, int]) -> np.ndarray:
    """The word's box alone on blank paper, with :func:`word_crop`'s margin of half its height.

    In a ruled table (a DPCP or KP-4 family table) the margin :func:`word_crop` takes from the page
    holds the cell's rules and the bottom of the row above; read as one line, such a crop comes back
    empty ("" for a clean "22-12-1968" on seed 37813). Here the margin is paper (the box's own light
    level), so only the word is read."""
    x0, y0, x1, y1 = bbox
    pad = word_margin(bbox)
    box = image[max(0, y0) : y1, max(0, x0) : x1]
    if box.size == 0:
        return np.ascontiguousarray(box)
    paper = int(np.percentile(box, PAPER_PERCENTILE))
    return cv2.copyMakeBorder(box, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=paper)


def paint_words(
    image: np.ndarray, words: list[Word], paper: int, origin: tuple[int, int] = (0, 0), margin: int = PAINT_MARGIN
) -> None:
    """Paint the words' boxes (page pixels; ``image`` starts at ``origin``) and ``margin`` around
    them with ``paper``: white on a grey page, so a region read again holds only what was not read
    (tesseract.read_set_aside, lostlines), or no ink (0) on an ink mask."""
    ox, oy = origin
    rows, cols = image.shape[:2]
    for w in words:
        x0, y0, x1, y1 = w.bbox
        top, bottom = max(0, y0 - oy - margin), min(rows, y1 - oy + margin + 1)
        left, right = max(0, x0 - ox - margin), min(cols, x1 - ox + margin + 1)
        if top < bottom and left < right:
            image[top:bottom, left:right] = paper


def _number_runs(words: list[Word]) -> list[list[int]]:
    """Indices of consecutive all-digit words on one line holding MIN_DIGITS digits or more."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, word in enumerate([*words, None]):
        core = word.text.strip(TRIM) if word is not None else ""
        if core.isdigit() and current and words[current[-1]].line == word.line:
            current.append(i)
            continue
        if sum(len(words[j].text.strip(TRIM)) for j in current) >= MIN_DIGITS:
            runs.append(current)
        current = [i] if core.isdigit() else []
    return runs


def glyph_shapes(image: np.ndarray, bbox: tuple[int, int, int, int]) -> list[np.ndarray]:
    """The word's glyphs left to right, as grey ink images of one size, for :func:`similarities`.

    Glyphs are the runs of ink columns of the tall ink in the box; digits of a number are set
    apart by their side bearings, so each run is one digit unless blur made two touch. Each glyph
    keeps the rows of the whole number (a digit's height and place on the line are part of its
    shape) and its grey levels: binarised, the blur of a copy made same digits differ (0.77 for
    two 0s of one NIK) as much as different ones.
    """
    x0, y0, x1, y1 = bbox
    pad = max(2, (y1 - y0) // 4)
    crop = image[max(0, y0 - pad) : y1 + pad, max(0, x0) : x1 + 1]
    if crop.size == 0 or crop.shape[0] < 8:
        return []
    ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    tall = [i for i in range(1, count) if stats[i, cv2.CC_STAT_HEIGHT] >= MIN_GLYPH_HEIGHT * (y1 - y0)]
    if not tall:
        return []
    kept = np.isin(labels, tall + _broken_glyphs(stats, tall, y1 - y0))
    columns = np.flatnonzero(kept.any(axis=0))
    runs = np.split(columns, np.flatnonzero(np.diff(columns) > 1) + 1)
    widths = [len(run) for run in runs]
    if max(widths) > MAX_GLYPH_WIDTH * float(np.median(widths)):
        return []  # two digits blurred into one run: the glyphs cannot be counted
    rows = np.flatnonzero(kept.any(axis=1))
    grey = 255.0 - crop[rows[0] : rows[-1] + 1].astype(np.float32)
    return [
        cv2.resize(grey[:, max(0, run[0] - 1) : run[-1] + 2], GLYPH_SIZE, interpolation=cv2.INTER_AREA) for run in runs
    ]


def _broken_glyphs(stats: np.ndarray, tall: list[int], height: int) -> list[int]:
    """Components (of ``stats``, connectedComponentsWithStats') that together are one digit broken
    into short pieces, standing between the tall glyphs' columns.

    A faint copy breaks a thin zero of an e-KTP NIK into its top and bottom arcs, each too short
    to count as a glyph: the number then counts a glyph less than its digits, and agreement gives
    up on it (seed 21433: "3314052306690576" read with a 5 for its first 6, both 0s broken). Pieces
    whose columns no tall glyph covers are joined where their columns overlap; a group spanning
    :data:`BROKEN_GLYPH_HEIGHT` of the word's height and half a glyph's width is a digit (a colon's
    dots are as tall, but a third as wide)."""
    left, top, width, heights = (stats[:, k] for k in range(4))
    covered = np.zeros(int((left + width).max()) + 1, bool)
    for i in tall:
        covered[left[i] : left[i] + width[i]] = True
    glyph_width = float(np.median(width[tall]))
    pieces = sorted(
        (i for i in range(1, len(stats)) if i not in tall and not covered[left[i] : left[i] + width[i]].any()),
        key=lambda i: left[i],
    )
    found: list[int] = []
    group: list[int] = []
    for i in [*pieces, None]:
        if i is not None and group and left[i] < max(left[j] + width[j] for j in group):
            group.append(i)
            continue
        if group:
            span = max(top[j] + heights[j] for j in group) - min(top[j] for j in group)
            wide = max(left[j] + width[j] for j in group) - min(left[j] for j in group)
            if span >= BROKEN_GLYPH_HEIGHT * height and wide >= 0.5 * glyph_width:
                found += group
        group = [i] if i is not None else []
    return found


def similarities(shapes: list[np.ndarray]) -> np.ndarray:
    """Shape correlation of every two glyphs, the best over shifts of up to :data:`MAX_SHIFT`
    pixels (a glyph's column run starts a pixel early or late as blur takes or gives an edge).
    All pairs at once for each shift: an NIP's 18 glyphs are 153 pairs, 25 shifts each."""
    n = len(shapes)
    if n == 0:
        return np.zeros((0, 0))
    stack = np.stack(shapes).astype(np.float64)
    _, height, width = stack.shape
    best = np.full((n, n), -1.0)
    for dy in range(-MAX_SHIFT, MAX_SHIFT + 1):
        for dx in range(-MAX_SHIFT, MAX_SHIFT + 1):
            a = stack[:, max(0, dy) : height + min(0, dy), max(0, dx) : width + min(0, dx)].reshape(n, -1)
            b = stack[:, max(0, -dy) : height + min(0, -dy), max(0, -dx) : width + min(0, -dx)].reshape(n, -1)
            a = a - a.mean(axis=1, keepdims=True)
            b = b - b.mean(axis=1, keepdims=True)
            norms = np.outer(np.linalg.norm(a, axis=1), np.linalg.norm(b, axis=1))
            with np.errstate(divide="ignore", invalid="ignore"):
                corr = np.where(norms > 0, (a @ b.T) / norms, -1.0)
            best = np.maximum(best, corr)
    best = np.maximum(best, best.T)  # a against b shifted one way is b against a shifted the other
    np.fill_diagonal(best, 1.0)
    return best


def agree(digits: list[str], groups: list[list[int]]) -> str:
    """Each group of same-looking glyphs (:func:`_groups`) takes the digit read for most of its
    members; two groups never share a digit. Groups whose reads agree most choose first (a
    unanimous pair of 3s keeps "3" from a group of 8s that OCR read as 3, 8, 3), larger before
    smaller, single glyphs last (one glyph's read is no evidence against a group); a group whose
    reads tie waits until other groups have taken digits, and keeps its reads when that settles
    nothing."""
    out = list(digits)
    taken: set[str] = set()

    def priority(group: list[int]) -> tuple[bool, float, int]:
        top = Counter(digits[i] for i in group).most_common(1)[0][1]
        return (len(group) == 1, -top / len(group), -len(group))

    pending = sorted(groups, key=priority)
    while pending:
        waiting = []
        for group in pending:
            votes = Counter(digits[i] for i in group if digits[i] not in taken).most_common()
            if not votes:
                continue  # every digit read for it is another shape's: leave the reads alone
            if len(votes) > 1 and votes[1][1] == votes[0][1]:
                waiting.append(group)
                continue
            taken.add(votes[0][0])
            for i in group:
                out[i] = votes[0][0]
        if len(waiting) == len(pending):
            break
        pending = waiting
    return "".join(out)


def _groups(shapes: list[np.ndarray]) -> list[list[int]]:
    """Complete-linkage groups (every member correlates with every other at SAME_GLYPH or more),
    then each glyph left alone joins the group it correlates with best on average, where that
    average is SAME_GLYPH or more.

    Blur spreads one digit's prints: a dotted zero of an e-KTP NIK at 0.93 with one zero and 0.89
    with two others stayed alone, read as the 9 Tesseract made of it (seed 39499 berkas-0001).
    Measured on the 147 KTP NIKs of seeds 16233, 17683, 35671, 37813 and 39499 whose glyphs could
    be counted (125 read right by the page): complete linkage alone split 6 same-digit groups and
    agreement alone then read 140 right; with the join 3 and 142, no group holding two digits
    either way (joining at any one correlation of SAME_GLYPH, single linkage, grouped two)."""
    n = len(shapes)
    sim = similarities(shapes)
    groups: list[list[int]] = []
    for i in range(n):
        home = next((g for g in groups if all(sim[i, j] >= SAME_GLYPH for j in g)), None)
        if home is None:
            groups.append([i])
        else:
            home.append(i)
    for alone in [g for g in groups if len(g) == 1]:
        others = [g for g in groups if g is not alone and len(g) > 1]
        best = max(others, key=lambda g: float(np.mean(sim[alone[0], g])), default=None)
        if best is not None and float(np.mean(sim[alone[0], best])) >= SAME_GLYPH:
            best.append(alone[0])
            best.sort()
            groups.remove(alone)
    return groups
