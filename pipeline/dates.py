"""Find dates in OCR'd Indonesian text.

Dossier pages print dates in many hands: ``15-05-1977`` on an SK, ``15 MEI 1977`` on a KTP,
``01 – 01 – 2008`` with en dashes in a typed letter, ``tanggal 15 bulan Mei tahun 1977`` in a
surat nikah, and fully written out (``lima belas Mei seribu sembilan ratus tujuh puluh tujuh``) on
an akta kelahiran. Old spellings survive on old paper (``Pebruari``, ``Nopember``). This module
turns all of them into :class:`datetime.date` and tells where each one was found, so the extract
stage can keep the evidence.

What it deliberately does not do:

- two-digit years (``15-05-77``): too ambiguous on their own; NIK decoding handles its own;
- space-only separators (``15 05 1977``): that shape is mostly NIP/NIK fragments and table cells;
- a number glued to other numbers (``823.4/15/05/2008`` is a letter number, not a date).

OCR noise is tolerated only where it cannot create dates out of nothing: ``O``/``o`` for 0 and
``l``/``I`` for 1 inside a numeric date, and a fuzzy month name (rapidfuzz ratio >= 80 against the
full names, for words of four letters or more). A month word damaged further is read, less
certain, only where a numeric day and a four-digit year frame it: by its nearest month when one is
clearly nearest or its first letter tells it from the rivals (loose_month_number), or by a first
letter only one month starts with (initial_month_number). Every candidate must still be a real calendar
date with a year in 1900..2100. Nothing here raises on any input text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

from pipeline.settings import RULES_DIR, load_yaml

MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "febr": 2, "peb": 2, "feb": 2, "pebr": 2,
    "maret": 3, "mar": 3, "mrt": 3,
    "april": 4, "apr": 4,
    "mei": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "agustus": 8, "agt": 8, "agu": 8, "ags": 8, "aug": 8, "agust": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "okt": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12,
}  # fmt: skip
"""Month words, lower case, without a trailing dot. The old spellings are on purpose: official
letters kept them long after 1972 (seed 004 quotes "SE ... tanggal 11 Pebruari 1980")."""

# Mei with its e read as a, c or o ("26 Mai 1999" on a faint kutipan akta nikah): no other month
# is written M?I, so the two letters that stay name it.
MEI_DAMAGED = re.compile(r"m[aco]i")

MIN_YEAR, MAX_YEAR = 1900, 2100
FUZZY_MONTH_CUTOFF = 80.0  # "Agustu5" -> 85.7, "Nopembcr" -> 87.5; "Juta" vs "Juli" is 75
# A month word damaged further on a faint scan ("Ianuarj", "Oktnher", "Desemwer": 71-75) is still
# read when it stands framed by a day and a four-digit year, which few other words do, and one
# month is clearly nearer than any other: "Iermari" (Februari 67, Januari 57) stays unread.
LOOSE_MONTH_CUTOFF = 70.0
LOOSE_MONTH_MARGIN = 10.0
LOOSE_MONTH_CERTAINTY = 0.8  # a date read through such a month is shown as less certain

# (the 4-letter "febr"/"pebr" abbreviations stay out; "februari" itself is in: an earlier filter by
# prefix dropped it, so "Fevruari" went unread)
_FULL_MONTHS = [name for name in MONTHS if len(name) >= 4 and name not in ("febr", "pebr")]
_MONTH_DIGIT_FIX = str.maketrans({"0": "o", "1": "l", "5": "s", "8": "b", "6": "b"})
_DIGIT_FIX = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1"})


@dataclass(frozen=True)
class DateMatch:
    """A date found in text; ``start``/``end`` index into that text, ``raw`` is the slice."""

    value: date
    start: int
    end: int
    raw: str
    certainty: float = 1.0  # below 1 when a damaged part had to be guessed (LOOSE_MONTH_CERTAINTY)


# -- patterns -----------------------------------------------------------------------------------

_N = "[0-9OoIl]"  # a digit as OCR may print it
# A noisy digit may not continue a word; nor may a one-digit day glued to a letter: "Z1 Mei 2023"
# is a 21, 27 or 31 whose first digit OCR read as a letter, not the 1st ("N01-05-2024" still reads).
_FIRST = r"(?:(?<![0-9A-Za-z])[OoIl0-9]|(?<=[A-Za-z])[0-9](?=[0-9]))"
_NOT_AFTER_NUMBER = r"(?<![0-9][./-])"  # "823.4/15/05/2008" is a letter number
_SEP = r"\s*[-‐‑–—−/.]\s*"
_YEAR = rf"[12lI]{_N}{{3}}(?![0-9])"

_DMY = re.compile(
    rf"{_NOT_AFTER_NUMBER}(?P<d>{_FIRST}{_N}?){_SEP}(?P<m>{_N}{{1,2}}){_SEP}(?P<y>{_YEAR})"
    r"(?![./-][0-9])"
)
_YMD = re.compile(
    rf"{_NOT_AFTER_NUMBER}(?<![0-9])(?P<y>[12][0-9]{{3}})(?P<s>[-/.])(?P<m>[0-9]{{1,2}})(?P=s)"
    r"(?P<d>[0-9]{1,2})(?![0-9])(?![./-][0-9])"
)

_WORD = (
    r"(?:sebelas|sepuluh|seratus|seribu|se-?(?=\s*(?:puluh|belas|ratus|ribu))"
    r"|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|belas|puluh|ratus|ribu)"
)
_WORD_RE = re.compile(_WORD, re.IGNORECASE)
# A year in words broken over two rows, the second row starting with OCR debris ("... sembilan
# puluh" / ", satu", "... sembilan puluh" / "| lima" on a kutipan akta): crossed only after a word
# that leaves the number open (puluh, ratus, ribu), so a finished year never takes in a stray word.
_ROW_BREAK = (
    r"(?:(?:(?<=puluh)|(?<=ratus)|(?<=ribu))[ \t]*\n[ \t]*[,|.'\"“”»-]{1,2}[ \t]*"
    # ... or after any number word, debris on either side of the break, where the next row opens
    # with a word that can only go on with a number ("sembilan ratus sembilan" / "| puluh enam",
    # "sembilan." / "puluh tiga": 1996 and 1993, not 1909)
    r"|[,|.'\"“”»-]{0,2}[ \t]*\n[ \t]*[,|.'\"“”»-]{0,2}[ \t]*(?=(?i:puluh|belas|ratus|ribu)\b))"
)
_MONTH_TOKEN = r"[A-Za-z][A-Za-z01568]{1,10}[A-Za-z5]\.?|[A-Za-z]{3}\.?"
_TEXT = re.compile(
    # a real digit in the day, or two digit-like characters ("Ol April 2020" is 01 April 2020)
    # ... and "0S Januari 2025": a 5 read as S after a leading 0-3 digit
    # ... and "Ot April 2023": a 1 read as t after a leading 0; "OS Juni 1991": both digits misread
    rf"(?:(?P<dn>{_FIRST}{_N}?|(?<![0-9A-Za-z])[0-3O]S|(?<![0-9A-Za-z])[0O]t)"
    rf"(?:(?<=[0-9])|(?<=[0-9].)|(?<=[0-9OoIl]{{2}})|(?<=[0O]t)|(?<=OS))\s*[-./]?\s*"
    rf"|(?i:\b(?P<dw>{_WORD}(?:[\s-]*{_WORD}){{0,3}})\b)\s+)"
    # the year may follow a row holding only a stray '|' ("O1 Maret" / "|" / "2010.")
    rf"(?i:bulan\s+)?(?P<mon>{_MONTH_TOKEN})\s*[-.,/]?\s*(?:\|[ \t]*\n\s*)?(?i:tahun\s+)?"
    rf"(?:(?P<yn>{_YEAR})|(?i:\b(?P<yw>{_WORD}(?:(?:{_ROW_BREAK}|[\s-]*){_WORD}){{0,8}})\b))"
)

# A month word OCR broke up with marks ("13 D----her 1994", "24 Sera -— 2025", "07 Nus—-— 1968"):
# a numeric day, a word starting with a letter, at most one more piece after a space, a year.
_DAMAGED = re.compile(
    rf"(?P<dn>{_FIRST}{_N}?|(?<![0-9A-Za-z])[0-3O]S)\s+"
    rf"(?P<mon>[A-Za-z][^\s\d]{{1,12}}(?:[ \t][^\s\d]{{1,8}})?)\s*[.,]?\s*(?P<yn>{_YEAR})"
)


# -- conversions --------------------------------------------------------------------------------


def month_number(word: str) -> int | None:
    """The month a (possibly OCR-damaged) month word names, or None."""
    token = word.strip().rstrip(".").lower().translate(_MONTH_DIGIT_FIX)
    if not token.isalpha():
        return None
    # "Mel" is "Mei" read badly, "Jull" is "Juli": an i read as l, in one place or all
    one_i = [token[:k] + "i" + token[k + 1 :] for k, ch in enumerate(token) if ch == "l"]
    for candidate in (token, token.replace("l", "i"), *one_i):
        if candidate in MONTHS:
            return MONTHS[candidate]
    if MEI_DAMAGED.fullmatch(token.replace("l", "i")):
        return 5
    if len(token) < 4:
        return None
    best = process.extractOne(token, _FULL_MONTHS, scorer=fuzz.ratio, score_cutoff=FUZZY_MONTH_CUTOFF)
    return MONTHS[best[0]] if best else None


def month_similarity(word: str, same_length: bool = False) -> dict[int, float]:
    """How near a (damaged) month word is to each month: the best rapidfuzz ratio over the month's
    spellings, only those within two letters of the word's length when ``same_length``."""
    token = re.sub(r"[^a-z]", "", word.lower().translate(_MONTH_DIGIT_FIX))
    scored: dict[int, float] = {}
    for name in _FULL_MONTHS:
        if token and (not same_length or abs(len(name) - len(token)) <= 2):
            month = MONTHS[name]
            scored[month] = max(scored.get(month, 0.0), fuzz.ratio(token, name))
    return scored


# Letter shapes OCR merges or swaps inside a faint month word, as found in the seeds' scans: "mb"
# read as one "w" ("Novawer", "Desenwer"), "b" as "h" ("Dasamher", "Oktnher"), "m" as "rn". A
# damaged word is also scored with these put back; its best score over the readings counts.
# "nu" read as "rm" or "mm" ("Jarmari", "Iarmarj", "lammari" for Januari).
_OCR_LETTER_SWAPS = (("w", "mb"), ("h", "b"), ("rn", "m"), ("rm", "nu"), ("mm", "nu"))


@functools.cache
def damaged_month_rules() -> dict[str, Any]:
    """rules/dates.yaml: how far a damaged month word may be read, and with what certainty."""
    return load_yaml(RULES_DIR / "dates.yaml")


def _letter_swaps(token: str) -> list[str]:
    readings = [token]
    for wrong, right in _OCR_LETTER_SWAPS:
        readings += [r.replace(wrong, right) for r in readings if wrong in r]
    return readings


def _ocr_readings(token: str) -> list[str]:
    readings = _letter_swaps(token)
    # a J read as I or l ("lannari", "Iarmarj"): also read with the J put back
    if token[:1] in damaged_month_rules()["j_lookalikes"]:
        readings += ["j" + r[1:] for r in readings]
    return readings


def loose_month_number(word: str) -> int | None:
    """The month a badly damaged month word most likely names, or None when no month is clearly
    nearest: for a word already framed as a date (a day before it, a year after it)."""
    token = word.strip().rstrip(".").lower().translate(_MONTH_DIGIT_FIX)
    if not token.isalpha() or len(token) < 5:
        return None
    scores: dict[int, float] = {}
    for reading in _ocr_readings(token):
        for month, score in month_similarity(reading, same_length=True).items():
            scores[month] = max(scores.get(month, 0.0), score)
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    if not ranked or ranked[0][1] < LOOSE_MONTH_CUTOFF:
        return None
    rivals = [month for month, score in ranked[1:] if ranked[0][1] - score < LOOSE_MONTH_MARGIN]
    if rivals and not initial_decides(token, ranked[0][0], rivals):
        return None
    return ranked[0][0]


def initial_decides(token: str, best: int, rivals: list[int]) -> bool:
    """Whether the (lower-case) word's first letter, kept where the rest went, tells ``best`` from
    its rivals: the months ending in "-ember" score alike on a damaged word ("Sepusmber": September
    78, Desember 71), but only September starts with an S."""
    initials = month_initials()
    first = token[:1]
    return first in initials.get(best, ()) and not any(first in initials.get(m, ()) for m in rivals)


@functools.cache
def month_initials() -> dict[int, frozenset[str]]:
    """The first letters each month's spellings start with (2: f and p, for Pebruari)."""
    out: dict[int, set[str]] = {}
    for name, month in MONTHS.items():
        out.setdefault(month, set()).add(name[0])
    return {month: frozenset(letters) for month, letters in out.items()}


def _long_months() -> dict[int, tuple[str, ...]]:
    """The months' full names (the longest spellings: "september", not "sept"), as a damaged word
    is measured against them."""
    longest = {m: max(len(n) for n in MONTHS if MONTHS[n] == m) for m in set(MONTHS.values())}
    out: dict[int, tuple[str, ...]] = {}
    for name, month in MONTHS.items():
        if len(name) == longest[month]:
            out[month] = (*out.get(month, ()), name)
    return out


_LONG_MONTHS = _long_months()


_MARKS = re.compile(r"[^a-z]")
# What OCR leaves of letters it could not read: dashes, colons, quotes, bars (full stops and commas
# are a word's own: "S.E.", "Demak,")
_DAMAGE = re.compile(r"[-‐‑–—−:;~_=\"'“”«»|!]")


def initial_month_number(word: str) -> int | None:
    """The month a month word names by its first letter, where OCR kept little more ("Soptamher",
    "D----her", "Nus—-—", "Novemuxi", "Feuumi"): only F/P, S, O, N and D start one month's name
    alone, and "Ag" or "Ap" tell Agustus from April ("Ag'stis", "Apni"). A word that marks show as
    broken ("D----her", "Sera -—") is read when its length is
    about the name's and its letters after the first follow the name's own, in order; a word of
    letters only (it may be a real word: "Negeri", "Pegawai") when it is also near the name as a
    whole (rules/dates.yaml ``initial_month``). For a word already framed as a date: a numeric day
    before it, a four-digit year after it."""
    rules = damaged_month_rules()["initial_month"]
    token = word.strip().rstrip(".,;:").lower().translate(_MONTH_DIGIT_FIX)
    month = rules["initials"].get(token[:1]) or rules["initial_pairs"].get(token[:2])
    if month is None or token.partition(" ")[0] in rules["words"]:
        return None
    rest = token[1:]
    letters = _MARKS.sub("", rest)
    if len(_MARKS.sub("", rest.partition(" ")[2])) > rules["max_second_letters"]:
        return None  # two words ("Desa Beran"), not a month word with its tail broken off
    marked = len(_DAMAGE.findall(rest)) >= rules["marks_for_damage"]
    if len(letters) < rules["min_letters"] and not marked:
        return None
    slack = rules["length_slack"] + (rules["marked_extra_slack"] if marked else 0)
    for name in _LONG_MONTHS[month]:
        if name[0] != token[0] or abs(len(token) - len(name)) > slack:
            continue
        if not marked and max(fuzz.ratio(r, name) for r in _letter_swaps(token)) < rules["min_word_ratio"]:
            continue
        if len(letters) < rules["min_letters"]:
            return month
        agreement = max(LCSseq.similarity(r, name[1:]) / len(r) for r in _letter_swaps(letters))
        if agreement >= rules["min_agreement"]:
            return month
    return None


UNITS = ("satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")  # 1-9 in words


def words_to_number(phrase: str) -> int | None:
    """Value of Indonesian number words: 'seribu sembilan ratus tujuh puluh tujuh' -> 1977."""
    total = current = pending = 0
    tokens = [t.lower().rstrip("-") for t in _WORD_RE.findall(phrase)]
    if not tokens:
        return None
    fixed = {"sepuluh": 10, "sebelas": 11, "seratus": 100}
    for token in tokens:
        if token in UNITS or token == "se":
            if pending:
                return None  # "dua tiga" is not a number
            pending = UNITS.index(token) + 1 if token in UNITS else 1
        elif token in fixed:
            current += fixed[token]
        elif token == "seribu":
            total += 1000
        elif token in ("belas", "puluh", "ratus"):
            if not pending:
                return None
            current += pending + 10 if token == "belas" else pending * (10 if token == "puluh" else 100)
            pending = 0
        elif token == "ribu":
            total += (current + pending or 1) * 1000
            current = pending = 0
    return total + current + pending


def ocr_number(raw: str) -> int:
    """A number as OCR may print it, O for 0 and I or l for 1 ("O1", "1O")."""
    return int(raw.translate(_DIGIT_FIX))


def _make_date(year: int | None, month: int | None, day: int | None) -> date | None:
    if year is None or month is None or day is None or not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _numeric(m: re.Match[str]) -> date | None:
    return _make_date(ocr_number(m["y"]), ocr_number(m["m"]), ocr_number(m["d"]))


def _day(raw: str) -> int:
    return ocr_number(raw.replace("S", "5").replace("t", "1"))


def _textual(m: re.Match[str]) -> date | None:
    day = _day(m["dn"]) if m["dn"] else words_to_number(m["dw"])
    year = ocr_number(m["yn"]) if m["yn"] else words_to_number(m["yw"])
    return _make_date(year, month_number(m["mon"]), day)


def _textual_loose(m: re.Match[str]) -> date | None:
    """A numeric day, a month word too damaged for month_number and a numeric year; or the day and
    the year both in words, as a kutipan akta writes its dates ("lima belas Sepicmber dua ribu
    dua"): number words on both sides frame the month word as firmly as digits do."""
    numeric, in_words = m["dn"] and m["yn"], m["dw"] and m["yw"]
    if not (numeric or in_words) or month_number(m["mon"]) is not None:
        return None
    day = _day(m["dn"]) if numeric else words_to_number(m["dw"])
    year = ocr_number(m["yn"]) if numeric else words_to_number(m["yw"])
    return _make_date(year, loose_month_number(m["mon"]), day)


def _textual_initial(m: re.Match[str]) -> date | None:
    """A numeric day, a month word told only by its first letter (initial_month_number), a year."""
    return _make_date(ocr_number(m["yn"]), initial_month_number(m["mon"]), _day(m["dn"]))


def _scan(
    pattern: re.Pattern[str],
    text: str,
    convert: Callable[[re.Match[str]], date | None],
    certainty: float = 1.0,
) -> Iterator[DateMatch]:
    """Every valid match; a rejected candidate only moves the search one character on."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        value = convert(m)
        if value is None:
            pos = m.start() + 1
            continue
        yield DateMatch(value, m.start(), m.end(), m.group(), certainty)
        pos = m.end()


# -- public API ---------------------------------------------------------------------------------


NUMBER_WORDS = (
    "sebelas", "sepuluh", "seratus", "seribu", "satu", "tiga", "empat", "lima", "enam", "tujuh",
    "delapan", "sembilan", "belas", "puluh", "ratus", "ribu",
)  # fmt: skip
_LETTERS = re.compile(r"[A-Za-z]{4,9}")


def _between_number_words(text: str, start: int, end: int) -> bool:
    """Whether the words right before and right after ``text[start:end]`` are both number words."""
    before = re.search(r"([A-Za-z]+)\s+$", text[:start])
    after = re.match(r"\s+([A-Za-z]+)", text[end:])
    return bool(before and after) and before[1].lower() in NUMBER_WORDS and after[1].lower() in NUMBER_WORDS


def _repair_number_words(text: str) -> str:
    """Written-out dates (akta, surat nikah) with one letter misread: 'sembilan pulah satu' was read
    as 1909, the year cut at the damaged word. A word one letter away from a number word, of the
    same length and next to a number word, is put right (two letters away when it stands between
    two number words: "sembilan puhih enam"); lengths stay, so match offsets (and the boxes behind
    them) do not move."""
    if not _WORD_RE.search(text):
        return text

    def fix(m: re.Match[str]) -> str:
        word = m.group().lower()
        if word in NUMBER_WORDS:
            return m.group()
        near = text[max(0, m.start() - 12) : m.end() + 12].lower()
        # two letters off only between two number words ("sembilan puhih enam": puluh)
        allowed = 2 if len(word) >= 5 and _between_number_words(text, m.start(), m.end()) else 1
        for canon in NUMBER_WORDS:
            if len(canon) == len(word) and 0 < sum(a != b for a, b in zip(canon, word, strict=True)) <= allowed:
                others = near.replace(m.group().lower(), " ")
                if any(w in others for w in NUMBER_WORDS):
                    return canon if m.group().islower() else canon.upper() if m.group().isupper() else canon.title()
        return m.group()

    return _LOST_LETTER.sub(_lost_letter, _LETTERS.sub(fix, text))


# A number word with one letter lost, where the number before it is left open for it ("dua ribu
# Ima": lima, its l and i read as one I): the year was cut there (2000 for 2005). Put right with
# the space before it taken in, "ribu Ima" -> "ribulima", so lengths and match offsets stay. A unit
# or a se- word only after ribu, ratus or puluh; belas, puluh or ratus only after a unit ("lima" then
# a child's name "LIA" stays). Not "ribu": "ibu" is a word.
_LOST_LETTER = re.compile(r"(?<=[A-Za-z])\s([A-Za-z]{3,7})\b")
_SHORT = {w[:i] + w[i + 1 :]: w for w in NUMBER_WORDS if w != "ribu" for i in range(len(w))}
_MULTIPLIERS = ("belas", "puluh", "ratus")
_OPEN = ("ribu", "ratus", "puluh", "seribu", "seratus")


def _lost_letter(m: re.Match[str]) -> str:
    word = m.group(1).lower()
    full = _SHORT.get(word)
    if full is None or word in NUMBER_WORDS:
        return m.group()  # nearly every word: decided before the text before it is looked at
    before = re.search(r"([A-Za-z]+)$", m.string[: m.start()])
    if before is None:
        return m.group()
    if before[1].lower() not in (UNITS if full in _MULTIPLIERS else _OPEN):
        return m.group()
    return full.upper() if m.group(1).isupper() else full


def find_dates(text: str) -> list[DateMatch]:
    """Every date in ``text`` in reading order; of overlapping readings the earliest-starting wins."""
    if not isinstance(text, str) or not text:
        return []
    words = _repair_number_words(text)
    found = [*_scan(_TEXT, words, _textual), *_scan(_DMY, text, _numeric), *_scan(_YMD, text, _numeric)]
    # the loose month only where no sure reading overlaps (it never outranks one)
    found += _apart(_scan(_TEXT, words, _textual_loose, LOOSE_MONTH_CERTAINTY), found)
    # ... and a month told by its first letter only where neither reading overlaps
    found += _apart(_scan(_DAMAGED, text, _textual_initial, damaged_month_rules()["initial_month"]["certainty"]), found)
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[DateMatch] = []
    for match in found:
        if not kept or match.start >= kept[-1].end:
            kept.append(match)
    return kept


# A numeric date one of whose two separators OCR lost ("0312-2011", "25-011972"), standing at the
# start of a labelled value: the digits around the one separator left split as day+month and year.
_JOINED = re.compile(
    r"^[\s:;,.|]*(?:(?P<d1>[0-3][0-9])(?P<m1>[01][0-9])[-/.](?P<y1>[12][0-9]{3})"
    r"|(?P<d2>[0-3][0-9])[-/.](?P<m2>[01][0-9])(?P<y2>[12][0-9]{3}))(?![0-9./-])"
)


def joined_date(value: str) -> DateMatch | None:
    """The date of a labelled value written day-month-year with one separator lost, less certain
    (rules/dates.yaml ``joined_date``): only for a value a date label already stands before, since
    in running text such digit runs are as often table cells or number fragments."""
    m = _JOINED.match(value) if isinstance(value, str) else None
    if m is None:
        return None
    n = "1" if m["d1"] else "2"
    found = _make_date(int(m["y" + n]), int(m["m" + n]), int(m["d" + n]))
    if found is None:
        return None
    start = m.start("d" + n)
    return DateMatch(found, start, m.end(), value[start : m.end()], damaged_month_rules()["joined_date"]["certainty"])


# A date filling a row's value on its own: a numeric day, one month word (its broken tail after a
# space allowed, as _DAMAGED), a four-digit year; nothing before or after but marks.
_FRAMED = re.compile(
    r"^\W{0,3}(?P<dn>[0-9OoIl]{1,2})\s+(?P<mon>[A-Za-z][^\s\d]{1,12}(?:[ \t][^\s\d]{1,3})?)\s*[.,]?\s*"
    r"(?P<yn>[12][0-9]{3})\W{0,2}$"
)


def framed_month_number(word: str) -> int | None:
    """The month a month word names by its first letter (or Ag / Ap), with only its length to agree
    (rules/dates.yaml ``framed_month``): for a word the row's own shape frames as a letter's date."""
    rules = damaged_month_rules()
    initial = rules["initial_month"]
    token = word.strip().rstrip(".,;:").lower().translate(_MONTH_DIGIT_FIX)
    month = initial["initials"].get(token[:1]) or initial["initial_pairs"].get(token[:2])
    if month is None or token.partition(" ")[0] in initial["words"]:
        return None
    slack = rules["framed_month"]["length_slack"]
    return month if any(abs(len(token) - len(name)) <= slack for name in _LONG_MONTHS[month]) else None


def framed_date(text: str) -> DateMatch | None:
    """The date a whole value holds when its month word is read by framed_month_number only, less
    certain (``framed_month`` certainty); None when a surer reader reads it or it is no such value."""
    m = _FRAMED.match(text) if isinstance(text, str) else None
    if m is None or find_dates(text):
        return None
    month = framed_month_number(m["mon"])
    found = _make_date(int(m["yn"]), month, _day(m["dn"])) if month else None
    if found is None:
        return None
    start, end = m.start("dn"), m.end("yn")
    return DateMatch(found, start, end, text[start:end], damaged_month_rules()["framed_month"]["certainty"])


def _apart(candidates: Iterator[DateMatch], found: list[DateMatch]) -> list[DateMatch]:
    """The candidates that overlap none of the readings ``found`` already."""
    return [d for d in candidates if not any(o.start < d.end and d.start < o.end for o in found)]


@functools.cache
def weekday_rules() -> dict[str, Any]:
    return load_yaml(RULES_DIR / "dates.yaml")["weekday"]


def named_weekday(text: str) -> int | None:
    """The weekday (Monday 0) named by the text before a date (dates.yaml weekday names): its last
    word, or the word before a closing "tanggal" ("Jumat, ", "pada hari Kamis tanggal ", "Hari :
    Kamis / Tanggal : "); None when that is no day's name ("selama 2 minggu sejak tanggal": a week)."""
    rules = weekday_rules()
    words = re.findall(r"[A-Za-z0-9']+", text.lower())
    while words and words[-1] in rules["date_words"]:
        words.pop()
    if not words or words[-1] not in rules["names"] or (len(words) > 1 and words[-2].isdigit()):
        return None
    return int(rules["names"][words[-1]])


def weekday_repaired(value: date, weekday: int, today: date | None = None) -> date | None:
    """The date one digit of ``value`` (DDMMYYYY) away that falls on ``weekday`` and not after
    ``today``, when exactly one does: the date as printed beside its day's name, one digit misread
    ("Jumat, 30-01-2028" for 30-01-2026). None when ``value`` already falls on that day, or no or
    several dates fit."""
    if value.weekday() == weekday:
        return None
    today = today or date.today()
    digits = value.strftime("%d%m%Y")
    fits: set[date] = set()
    for i, digit in enumerate(digits):
        for other in "0123456789":
            if other == digit:
                continue
            s = digits[:i] + other + digits[i + 1 :]
            cand = _make_date(int(s[4:]), int(s[2:4]), int(s[:2]))
            if cand is not None and cand.weekday() == weekday and cand <= today:
                fits.add(cand)
    return fits.pop() if len(fits) == 1 else None


_NUMERIC_PARTS = re.compile(r"^([0-9OoIl|]{1,2})\s?[-/.]\s?([0-9OoIl|]{1,2})\s?[-/.]\s?([0-9OoIl|]{4})$")


def month_repaired(raw: str) -> date | None:
    """A numeric date ("06-99-2000") whose month no calendar has, put right where exactly one digit
    of the month changed makes one: "99" can only be 09 ("19" and 90-98 are none), so the 0 read as
    a 9 is undone; "13" (03, 10, 11, 12) or "00" (01-10) stay unread. None when the month is a
    month already, the day or year is no date, or several months fit."""
    m = _NUMERIC_PARTS.match(raw.strip().replace("|", "1"))
    if m is None:
        return None
    day, month, year = (ocr_number(x) for x in m.groups())
    if 1 <= month <= 12:
        return None
    text = f"{month:02d}"
    fits = {
        found
        for i in range(2)
        for other in "0123456789"
        if (found := _make_date(year, int(text[:i] + other + text[i + 1 :]), day)) is not None
    }
    return fits.pop() if len(fits) == 1 else None


# A table cell's date with one or both separators lost: "0109-1996", "14031909" (DDMM-YYYY, DDMMYYYY)
_RUN_TOGETHER = re.compile(r"^([0-3]\d)([01]\d)\s?[-/.]?\s?(\d{4})$")


def separators_lost(raw: str) -> date | None:
    """A numeric date printed DD-MM-YYYY whose separators OCR lost, one or both ("0109-1996" for
    01-09-1996 in a DPCP's marriage column, seed 63211); None when it is no calendar date as read.
    For a table cell whose column says it holds a date: elsewhere eight digits are a number."""
    m = _RUN_TOGETHER.match(raw.strip())
    return _make_date(int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else None


def parse_date(text: str) -> date | None:
    """The first date in ``text``, or None."""
    found = find_dates(text)
    return found[0].value if found else None


def from_iso(value: object) -> date | None:
    """A report value ``YYYY-MM-DD`` back as a date; None when empty or not a date."""
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def iso(d: date | None) -> str | None:
    """``YYYY-MM-DD`` as the report contract wants, None stays None."""
    return d.isoformat() if d is not None else None
