"""Find, repair and decode the NIP (Nomor Induk Pegawai) of a civil servant.

The 18-digit NIP baru (which replaced the 9-digit NIP lama) carries facts the rest of the dossier
must agree with, so decoding it gives the cross-checks something to compare::

    19770515 200801 1 002
    |        |      | +-- sequence (3 digits)
    |        |      +---- gender: 1 = laki-laki (L), 2 = perempuan (P)
    |        +----------- TMT CPNS, YYYYMM (we take the first day of that month)
    +-------------------- birth date, YYYYMMDD

Three other shapes reach us and are *recognised*, not rejected:

- ``kind="lama"``: the 9-digit NIP issued before 2009 (e.g. ``131234567``). Old karpeg and SKs
  still carry it; it encodes nothing, so it is carried as is with no problems.
- ``kind="pppk_candidate"``: 18 digits whose digits 13-14 are no month at all (13..99). PPPK
  numbers put a two-digit code after the appointment year (``21`` in the examples we have; not
  checked against a regulation), so they fail the TMT-month check by design. The reason goes to
  ``warnings``, not ``problems``: the caller decides whether a PPPK number is acceptable in this
  dossier. Month ``00`` is still a problem, as is everything else wrong with the number.
- ``kind="unknown"``: any other length; ``problems`` says why.

OCR repair (``O``/``u``->0, ``I``/``l``/``|``->1, ``S``->5, ``B``->8, ``Z``/``z``->2) is applied only when
the repaired string is 18 digits that decode as a valid ``baru`` NIP: structure confirms the guess.
So is a birth year that is no century at all (``10690127``, ``15780725``: the 9 misread) when one
changed digit makes exactly one valid NIP (:func:`century_repaired`).
Problem texts never contain the whole number, only the offending part, so they are safe to log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

NipKind = Literal["baru", "lama", "pppk_candidate", "unknown"]

_D = "[0-9OoIl|SBZzu]"  # a digit as OCR may print it
NIP_PATTERN = re.compile(
    rf"(?<![0-9])(?P<birth>{_D}{{8}})[ .-]?(?P<tmt>{_D}{{6}})[ .-]?(?P<gender>{_D})[ .-]?"
    rf"(?P<seq>{_D}{{3}})(?![0-9])"
)
"""An 18-digit NIP, contiguous or grouped 8-6-1-3 by single spaces, dots or hyphens. It also
accepts OCR look-alike letters; :func:`find_nips` keeps only what :func:`normalize_nip` repairs."""

# not the tail of a longer, spaced number: "19680203 209011332" (a malformed 17-digit NIP) is no NIP lama
_OLD_NIP_PATTERN = re.compile(r"(?<![0-9])(?<![0-9][ .])[0-9]{3}[ .]?[0-9]{3}[ .]?[0-9]{3}(?![ .]?[0-9])")
# "z" and "u": a faint bold 2 and 0 ("19681107 zuu7ul 1 250", "NIP. 1967uzu7 199503 1 015")
_OCR_FIX = str.maketrans(
    {"O": "0", "o": "0", "u": "0", "I": "1", "l": "1", "|": "1", "S": "5", "B": "8", "Z": "2", "z": "2"}
)
_GENDER = {"1": "L", "2": "P"}
MIN_CPNS_AGE = 18


@dataclass(frozen=True)
class NipInfo:
    """What a NIP says about its holder; dates are None where the digits are impossible."""

    nip: str
    kind: NipKind
    birth_date: date | None = None
    tmt_cpns: date | None = None
    gender: str | None = None
    sequence: str = ""
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        """No problems (warnings, such as a PPPK-shaped number, do not count)."""
        return not self.problems


def _digits_only(raw: str) -> str:
    return re.sub(r"[^0-9]", "", raw) if isinstance(raw, str) else ""


def _date_or_none(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day) if 1900 <= year <= 2100 else None
    except ValueError:
        return None


def leading_birth_date(digits: str) -> date | None:
    """The birth date an NIP's first eight digits spell (YYYYMMDD), or None: also of a reading
    OCR damaged further on, whose head still confirms a printed birth date."""
    head = digits[:8]
    if len(head) < 8 or not head.isdigit():
        return None
    return _date_or_none(int(head[0:4]), int(head[4:6]), int(head[6:8]))


def decode_nip(nip: str) -> NipInfo:
    """Decode a NIP (separators ignored; no OCR repair here, call :func:`normalize_nip` first).

    "TMT before 18" compares months: the TMT is always a 1st, so someone born 15 May 1990 may have
    TMT May 2008 but not April 2008.
    """
    digits = _digits_only(nip)
    if len(digits) == 9:
        return NipInfo(nip=digits, kind="lama")  # encodes nothing: carried as read
    if len(digits) != 18:
        return NipInfo(
            nip=digits,
            kind="unknown",
            problems=[f"NIP {len(digits)} digit (harus 18, atau 9 untuk NIP lama)"],
        )
    problems: list[str] = []
    warnings: list[str] = []
    kind: NipKind = "baru"

    birth = leading_birth_date(digits)
    if birth is None:
        problems.append(f"tanggal lahir pada NIP tidak mungkin ({digits[0:8]})")

    tmt_year, tmt_month = int(digits[8:12]), int(digits[12:14])
    tmt = _date_or_none(tmt_year, tmt_month, 1)
    if tmt is None and tmt_month > 12 and 1900 <= tmt_year <= 2100:
        kind = "pppk_candidate"
        warnings.append(f"bulan TMT pada NIP bukan bulan ({digits[12:14]}): mungkin nomor PPPK")
    elif tmt is None:
        problems.append(f"TMT CPNS pada NIP tidak mungkin ({digits[8:14]})")
    elif birth is not None and (tmt.year, tmt.month) < (birth.year + MIN_CPNS_AGE, birth.month):
        problems.append(f"TMT CPNS pada NIP sebelum umur {MIN_CPNS_AGE} tahun")

    gender = _GENDER.get(digits[14])
    if gender is None:
        problems.append(f"digit jenis kelamin pada NIP bukan 1/2 ({digits[14]})")

    return NipInfo(
        nip=digits,
        kind=kind,
        birth_date=birth,
        tmt_cpns=tmt,
        gender=gender,
        sequence=digits[15:18],
        problems=problems,
        warnings=warnings,
    )


def normalize_nip(raw: str) -> str:
    """Digits only; OCR look-alikes are repaired only if that yields a valid 18-digit NIP, and
    so is a birth year's century that only one digit makes possible (:func:`century_repaired`)."""
    if not isinstance(raw, str):
        return ""
    digits = _digits_only(raw)
    if len(digits) == 18:
        return century_repaired(digits) or digits
    repaired = _digits_only(raw.translate(_OCR_FIX))
    if len(repaired) == 18:
        repaired = century_repaired(repaired) or repaired
        info = decode_nip(repaired)
        if info.kind == "baru" and info.is_valid:
            return repaired
    return digits


_CENTURIES = ("19", "20")  # a birth year of anyone in service


def century_repaired(digits: str) -> str | None:
    """The NIP with its birth year's first two digits put right, when they are no century at all
    ("10690127 201001 2 251", "15780725 200201 2 004": a 9 read as 0 or 5) and changing one of
    them makes exactly one NIP that decodes; else None. A year that is a century (19xx, 20xx) is
    never touched, however unlikely: it may be what the document really says."""
    if len(digits) != 18 or digits[:2] in _CENTURIES:
        return None
    found = []
    for century in _CENTURIES:
        if sum(a != b for a, b in zip(digits[:2], century, strict=True)) == 1:
            info = decode_nip(century + digits[2:])
            if info.kind == "baru" and info.is_valid:
                found.append(info.nip)
    return found[0] if len(found) == 1 else None


def find_nips(text: str, *, include_old: bool = False, wrapped: bool = False) -> list[tuple[str, int, int]]:
    """Every 18-digit NIP in ``text`` as (digits, start, end), in reading order.

    A candidate with OCR look-alike letters is kept only when the repair is structure-confirmed;
    a clean 18-digit run is kept even if it decodes badly (the cross-check reports why).
    ``include_old=True`` also returns 9-digit runs (old NIPs, ``131 234 567``) that do not overlap
    an 18-digit one; use it only on a value already labelled NIP, since any 9-digit number fits.
    ``wrapped=True`` also returns NIPs broken over a line end (:func:`find_wrapped_nips`).
    """
    if not isinstance(text, str):
        return []
    found: list[tuple[str, int, int]] = []
    pos = 0
    while (m := NIP_PATTERN.search(text, pos)) is not None:
        value = normalize_nip(m.group())
        if len(value) == 18:
            found.append((value, m.start(), m.end()))
            pos = m.end()
        else:
            pos = m.start() + 1
    if include_old:
        for m in _OLD_NIP_PATTERN.finditer(text):
            if not any(s < m.end() and m.start() < e for _, s, e in found):
                found.append((_digits_only(m.group()), m.start(), m.end()))
    if wrapped:
        found += find_wrapped_nips(text)
    found.sort(key=lambda hit: hit[1])
    return found


# the head may be followed by other columns' words on its row ("NIP 19690122 201004 2 Tingkat I/ ...");
# it holds at least the birth date ("NIP. 19671104" / "200601 1 355, Pegawai ...")
_WRAPPED_HEAD = re.compile(r"(?<![\d])\d[\d ]{6,21}(?=[^\n]*\n)")
_WRAPPED_TAIL = re.compile(r"[ \t]*(\d{1,10}(?:[ \t]\d{1,10})*)(?!\d)")


# the next row's list number, "3. Tempat/Tgl. Lahir" under "2. NIP : 19671122 200601 1 00": no tail
_ROW_NUMBER = re.compile(r"[ \t]*\(?[0-9]{1,2}[.)][ \t]+[A-Za-z]")


def join_wrapped(head: str, next_line: str) -> tuple[str, int] | None:
    """(NIP, end of its tail in ``next_line``) when the digits of ``head`` (the end of a line) and
    the digit groups that start the next line make one 18-digit NIP whose birth date, TMT and
    gender digit all decode; a narrow column or a sentence broke it ("NIP. 19671213 200701 1" /
    "219, ..." or "NIP. 19671104" / "200601 1 355, ..."). The tail's groups are taken whole, and
    only when they end exactly at the 18th digit, and never from a numbered row ("3. Tempat/Tgl.
    Lahir" under "2. NIP : 19671122 200601 1 00", a number one digit short: its "3" is no tail).
    """
    digits = _digits_only(head)
    tail = _WRAPPED_TAIL.match(next_line)
    if not 8 <= len(digits) <= 17 or tail is None or _ROW_NUMBER.match(next_line):
        return None
    found = _completed(digits, tail.group(1))
    return (found[0], tail.start(1) + found[2]) if found else None


def grouped_nip(text: str) -> tuple[str, int, int] | None:
    """(NIP, start, end) of the digit groups that open ``text`` when they make exactly 18 digits that
    decode, whatever OCR left between the groups ("19680823 « 201002 2 089 Ind 2025": a speck read
    as a mark, then the next columns' words), or the printed 8-6-1-3 groups with one speck read as
    a digit among them (:func:`_without_speck`); None otherwise."""
    return _completed("", text) or _without_speck(text)


PRINTED_GROUPS = [8, 6, 1, 3]  # how an NIP is printed: "19670203 200703 1 388"
PRINTED_BREAKS = {8, 14, 15}  # where those groups end inside the 18 digits


def _without_speck(text: str) -> tuple[str, int, int] | None:
    """(NIP, start, end) of the digit groups that open ``text``, with nothing but marks between
    them and 19 digits in all, when dropping exactly one one-digit group of them leaves groups that
    break only where the printed 8-6-1-3 groups do and make a valid NIP: a speck read as a digit
    ("NIP. , 19670203 7 200703 1 388"), or a mark before the number ("NIP. 2) 19681215 - 200904 -
    2087", gender and sequence run together). None when no drop, or more than one, makes an NIP
    ("19670203 200703 1 2 388": 1 or 2 is the speck)."""
    groups = []
    for group in list(re.finditer(r"\d+", text))[: len(PRINTED_GROUPS) + 1]:
        groups.append(group)
        if sum(len(g.group()) for g in groups) >= 19:
            break
    if sum(len(g.group()) for g in groups) != 19 or re.search(r"[A-Za-z]", text[groups[0].start() : groups[-1].end()]):
        return None
    found = set()
    for skip, group in enumerate(groups):
        rest = [g.group() for n, g in enumerate(groups) if n != skip]
        if len(group.group()) == 1 and _printed_breaks(rest):
            info = decode_nip("".join(rest))
            if info.kind == "baru" and info.is_valid:
                found.add(info.nip)
    return (found.pop(), groups[0].start(), groups[-1].end()) if len(found) == 1 else None


def _printed_breaks(groups: list[str]) -> bool:
    """The groups end only where an NIP's printed groups do (8, 14, 15 digits in), and at 18."""
    ends = [sum(len(g) for g in groups[: n + 1]) for n in range(len(groups))]
    return ends[-1] == 18 and set(ends[:-1]) <= PRINTED_BREAKS


def _completed(digits: str, text: str) -> tuple[str, int, int] | None:
    """(NIP, start, end in ``text``) when ``digits`` and the digit groups of ``text`` after them,
    each taken whole, end exactly at the 18th digit and decode as an NIP baru; else None."""
    start = None
    for group in re.finditer(r"\d+", text):
        start = group.start() if start is None else start
        digits += group.group()
        if len(digits) >= 18:
            info = decode_nip(digits) if len(digits) == 18 else None
            valid = info is not None and info.kind == "baru" and info.is_valid
            return (info.nip, start, group.end()) if valid else None
    return None


def find_wrapped_nips(text: str) -> list[tuple[str, int, int]]:
    """NIPs broken over a line end (see :func:`join_wrapped`), as (digits, start, end)."""
    found = []
    for m in _WRAPPED_HEAD.finditer(text):
        line_end = text.find("\n", m.end())
        joined = join_wrapped(m.group(), text[line_end + 1 :])
        if joined is not None:
            found.append((joined[0], m.start(), line_end + 1 + joined[1]))
    return found


def tmt_repaired(digits: str, latest: date) -> str | None:
    """The NIP with one digit of its TMT put right, when the TMT as read lies after ``latest`` (the
    date of the document printing it, which cannot cite an appointment yet to come: "20980 1" for
    200801) and exactly one one-digit change of the TMT makes an NIP that decodes with a TMT no
    later than that; else None. Structure and the document's date confirm the digit, nothing else."""
    info = decode_nip(digits)
    if info.kind != "baru" or info.tmt_cpns is None or info.tmt_cpns <= latest:
        return None
    found = set()
    for pos in range(8, 14):
        for digit in "0123456789":
            other = digits[:pos] + digit + digits[pos + 1 :]
            fixed = decode_nip(other)
            if other != digits and fixed.is_valid and fixed.tmt_cpns is not None and fixed.tmt_cpns <= latest:
                found.add(other)
    return found.pop() if len(found) == 1 else None


def speck_dropped(digits: str, printed: set[str]) -> str | None:
    """The NIP that ``digits`` (19 read, one too many: "1968111520090310983") becomes without one
    of them, when exactly one such NIP decodes and is printed whole elsewhere on the same page (the
    signature's "NIP. 19681115 200903 1 098"); else None. Which digit is the speck the structure
    alone cannot tell (dropping the last or a sequence digit may both decode), the page can."""
    if len(digits) != 19:
        return None
    found = {digits[:n] + digits[n + 1 :] for n in range(19)} & printed
    found = {value for value in found if decode_nip(value).is_valid}
    return found.pop() if len(found) == 1 else None


# "NIP 1 19KANRI4 200901 1 366": the birth group OCR turned partly into letters, the rest read whole
LETTERED_HEAD = re.compile(
    r"(?<![0-9A-Za-z])(?P<head>[0-9A-Za-z]{8})[ .-]?(?P<tail>[0-9]{6}[ .-]?[0-9][ .-]?[0-9]{3})(?![0-9])"
)


def head_from_birth(head: str, birth: date, min_digits: int) -> str | None:
    """The eight birth digits an NIP's head stands for, read from the birth date its holder's block
    prints ("Tanggal Lahir : 24-08-1968"), when OCR turned some of them into letters ("19KANRI4")
    and each of its at least ``min_digits`` digits is the date's digit at its place; else None. A
    guess the date and the head's digits confirm: the caller gives it a lower confidence."""
    want = f"{birth:%Y%m%d}"
    digits = [(n, ch) for n, ch in enumerate(head) if ch.isdigit()]
    if len(head) != 8 or len(digits) == 8 or len(digits) < min_digits:
        return None
    return want if all(want[n] == ch for n, ch in digits) else None


def birth_digit_repaired(digits: str, birth: date) -> str | None:
    """The 18-digit NIP ``digits`` with the one of its eight birth digits that differs from
    ``birth`` (its holder's printed birth date) put back ("19890909 200603 2 252" two rows from
    "09-09-1969"); None when no digit or more than one differs. A guess the date confirms: the
    caller asks only for an NIP that decodes to none, takes the repair only when it decodes, and
    gives it a lower confidence."""
    want = f"{birth:%Y%m%d}"
    if len(digits) != 18 or not digits.isdigit() or sum(a != b for a, b in zip(digits[:8], want, strict=True)) != 1:
        return None
    return want + digits[8:]


def encode_nip(birth: date, tmt_cpns: date, gender: str, sequence: int = 1) -> str:
    """Build a NIP from its parts: the inverse of :func:`decode_nip`, for fixtures and tests."""
    code = {"L": "1", "P": "2"}[gender]
    return f"{birth:%Y%m%d}{tmt_cpns:%Y%m}{code}{sequence:03d}"
