"""Find, repair and decode the 16-digit NIK (Nomor Induk Kependudukan).

The NIK on a KTP, KK or akta is how the dossier ties a person to a birth date and gender, so the
cross-checks decode it and compare::

    33 16 05 150577 0001
    |  |  |  |      +-- sequence, from 0001
    |  |  |  +--------- birth date DDMMYY; women have DD + 40 (55 = the 15th)
    |  |  +------------ kecamatan
    |  +--------------- kabupaten/kota
    +------------------ province

Decisions a caller must know:

- The two-digit year is resolved to the latest year not after ``reference_year`` (default: this
  year), so ``77`` is 1977 and ``11`` is 2011. A centenarian would be read 100 years too young;
  :func:`nik_matches_birth` therefore compares the two-digit year, never the resolved one.
- The No. KK has the same 16-digit shape and :func:`find_niks` finds it too; its digits 7-12 are
  the issue date, not a birth date, so do not read ``birth_date``/``gender`` from a KK number.
- OCR repair (``O``->0, ``I``/``l``/``|``->1, ``S``->5, ``B``->8, ``Z``->2) is applied only when the
  repaired digits decode validly, exactly as for the NIP.
- Problem texts hold only the offending part of the number, never the whole NIK.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz.distance import Hamming, Levenshtein

from pipeline.nip import find_nips
from pipeline.wilayah import region_of

PROVINCES = frozenset(
    {
        "11", "12", "13", "14", "15", "16", "17", "18", "19", "21",  # Sumatera, Kepulauan Riau
        "31", "32", "33", "34", "35", "36",  # Jawa
        "51", "52", "53",  # Bali, Nusa Tenggara
        "61", "62", "63", "64", "65",  # Kalimantan
        "71", "72", "73", "74", "75", "76",  # Sulawesi
        "81", "82",  # Maluku
        "91", "92", "93", "94", "95", "96",  # Papua
    }
)  # fmt: skip
"""Province codes (Kemendagri), including the Papua provinces created in 2022."""

_D = "[0-9OoIl|SBZ]"  # a digit as OCR may print it
_NIK_PATTERN = re.compile(
    rf"(?<![0-9])(?:{_D}{{16}}|{_D}{{4}}(?: {_D}{{4}}){{3}}|{_D}{{6}} {_D}{{6}} {_D}{{4}}"
    rf"|{_D}{{2}} {_D}{{2}} {_D}{{2}} {_D}{{6}} {_D}{{4}})(?![0-9])"
)
_OCR_FIX = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "S": "5", "B": "8", "Z": "2"})
_GENDER_WORDS = {
    "L": "L", "LK": "L", "LAKILAKI": "L", "LAKI": "L", "PRIA": "L",
    "P": "P", "PR": "P", "PEREMPUAN": "P", "WANITA": "P",
}  # fmt: skip


@dataclass(frozen=True)
class NikInfo:
    """What a NIK says about its holder; fields are None where the digits are impossible."""

    nik: str
    region: str | None = None
    birth_date: date | None = None
    gender: str | None = None
    sequence: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.problems


def _digits_only(raw: str) -> str:
    return re.sub(r"[^0-9]", "", raw) if isinstance(raw, str) else ""


def gender_code(value: str | None) -> str | None:
    """'L' or 'P' from what documents print ('LAKI-LAKI', 'Perempuan', 'Pria', 'L' ...)."""
    if not isinstance(value, str):
        return None
    return _GENDER_WORDS.get(re.sub(r"[^A-Z]", "", value.upper()))


def decode_nik(nik: str, *, reference_year: int | None = None) -> NikInfo:
    """Decode a NIK (separators ignored; no OCR repair here, call :func:`normalize_nik` first)."""
    digits = _digits_only(nik)
    if len(digits) != 16:
        return NikInfo(nik=digits, problems=[f"NIK {len(digits)} digit (harus 16)"])
    problems: list[str] = []
    if digits[0:2] not in PROVINCES:
        problems.append(f"kode provinsi pada NIK tidak dikenal ({digits[0:2]})")
    if digits[2:4] == "00" or digits[4:6] == "00":
        problems.append(f"kode wilayah pada NIK tidak mungkin ({digits[0:6]})")

    day, month, yy = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    gender = "P" if day > 40 else "L"
    day = day - 40 if day > 40 else day
    ref = reference_year if isinstance(reference_year, int) else date.today().year
    year = 2000 + yy if 2000 + yy <= ref else 1900 + yy
    try:
        birth: date | None = date(year, month, day)
    except (ValueError, OverflowError):
        birth = None
        problems.append(f"tanggal lahir pada NIK tidak mungkin ({digits[6:12]})")
    if digits[12:16] == "0000":
        problems.append("nomor urut pada NIK 0000 (mulai dari 0001)")
    return NikInfo(
        nik=digits,
        region=digits[0:6],
        birth_date=birth,
        gender=gender if birth is not None else None,
        sequence=digits[12:16],
        problems=problems,
    )


def nik_shaped(number: str) -> bool:
    """A number of a NIK's (or No. KK's) 16 digits."""
    return len(number) == 16 and number.isdigit()


def plausible_reading(number: str) -> bool:
    """False for a 16-digit number no NIK or No. KK can be: an impossible date part, or a
    kecamatan code the region list does not know. Any other number is not judged (True).

    For the page's reading only (:func:`pipeline.glyphs.remapped`): a region missing from the list
    is no proof of a bad NIK (districts were renumbered), but where the glyphs show one shape read
    as one digit throughout, it tells which digit that shape cannot be."""
    if not nik_shaped(number):
        return True
    return decode_nik(number).is_valid and region_of(number) is not None


_PRINTED_DATE = re.compile(r"(?<![0-9])([0-3]?[0-9])[-/.]([01]?[0-9])[-/.]((?:19|20)[0-9]{2})(?![0-9])")


def date_gap_by(text: str) -> Callable[[str], int | None]:
    """How many digits a 16-digit number's date part (DDMMYY, a woman's day plus 40) is from the
    nearest numeric date printed in a page's ``text`` ("12-03-1969", "12/03/1969"): 0 where the
    page bears the number out. None for numbers of other lengths, which are not judged, and on a
    page printing no numeric date (nothing to compare with).

    For the page's reading only (:func:`pipeline.glyphs.settled`): an e-KTP prints the birth date
    its NIK encodes one line below it, a KK each member's beside the member's NIK; a No. KK holds
    its issue date. Day, month and the year's last two digits are compared, as the NIK holds them.
    A NIK whose date the page does not print is not thereby wrong (a finding may be exactly that);
    it only lets a digit agreement found doubtful be settled by the page."""
    printed: set[str] = set()
    for match in _PRINTED_DATE.finditer(text):
        day, month, year = (int(part) for part in match.groups())
        printed.update(f"{d:02d}{month:02d}{year % 100:02d}" for d in (day, day + 40))

    def gap(number: str) -> int | None:
        if not nik_shaped(number) or not printed:
            return None
        return min(Hamming.distance(number[6:12], date) for date in printed)

    return gap


def normalize_nik(raw: str) -> str:
    """Digits only; OCR look-alikes are repaired only if that yields a valid 16-digit NIK."""
    if not isinstance(raw, str):
        return ""
    digits = _digits_only(raw)
    if len(digits) == 16:
        return digits
    repaired = _digits_only(raw.translate(_OCR_FIX))
    if len(repaired) == 16 and decode_nik(repaired).is_valid:
        return repaired
    return digits


def find_niks(text: str) -> list[tuple[str, int, int]]:
    """Every NIK-shaped number (NIK or No. KK) in ``text`` as (digits, start, end), in order.

    Accepted shapes: 16 digits together, or split by single spaces as 4-4-4-4, 6-6-4 or
    2-2-2-6-4. Never part of a longer digit run, never inside an 18-digit NIP.
    """
    if not isinstance(text, str):
        return []
    nip_spans = [(start, end) for _, start, end in find_nips(text)]
    found: list[tuple[str, int, int]] = []
    pos = 0
    while (m := _NIK_PATTERN.search(text, pos)) is not None:
        value = normalize_nik(m.group())
        inside_nip = any(s < m.end() and m.start() < e for s, e in nip_spans)
        if len(value) == 16 and not inside_nip:
            found.append((value, m.start(), m.end()))
            pos = m.end()
        else:
            pos = m.start() + 1
    return found


def nik_matches_birth(nik_info: NikInfo, birth_date: date | None, gender: str | None) -> list[str]:
    """Problems comparing a decoded NIK with a person's birth date and gender ([] when they agree).

    Day, month and the two-digit year are compared as printed in the NIK, so the century guess in
    :func:`decode_nik` cannot cause a false mismatch. A missing birth date or gender is not compared.
    """
    digits = nik_info.nik
    if len(digits) != 16 or not digits.isdigit():
        return ["NIK tidak 16 digit: tidak dapat dibandingkan"]
    problems: list[str] = []
    day = int(digits[6:8])
    nik_gender = "P" if day > 40 else "L"
    nik_day = day - 40 if day > 40 else day
    if isinstance(birth_date, date):
        printed = (nik_day, int(digits[8:10]), int(digits[10:12]))
        if printed != (birth_date.day, birth_date.month, birth_date.year % 100):
            problems.append(
                f"tanggal lahir pada NIK ({printed[0]:02d}-{printed[1]:02d}-{printed[2]:02d}) berbeda dengan "
                f"{birth_date:%d-%m-%Y}"
            )
    wanted = gender_code(gender)
    if wanted is not None and wanted != nik_gender:
        problems.append(f"jenis kelamin pada NIK ({nik_gender}) berbeda dengan {wanted}")
    return problems


def _drop_extra_digit(read: str, birth_date: date, gender: str | None) -> str:
    """A 17-digit reading (a stain or a doubled stroke read as one more digit): the one 16-digit
    NIK left by dropping a digit that is valid and encodes the printed birth date (and gender);
    as read when no drop, or more than one distinct result, fits."""
    fits = set()
    for i in range(len(read)):
        info = decode_nik(read[:i] + read[i + 1 :])
        if info.is_valid and not nik_matches_birth(info, birth_date, gender):
            fits.add(info.nik)
    return fits.pop() if len(fits) == 1 else read


def encode_nik(region: str, birth: date, gender: str, sequence: int = 1) -> str:
    """Build a NIK from its parts: the inverse of :func:`decode_nik`, for fixtures and tests."""
    day = birth.day + (40 if gender == "P" else 0)
    return f"{region}{day:02d}{birth:%m}{birth.year % 100:02d}{sequence:04d}"


MAX_REPAIR_DIGITS = 2


def repair_nik(
    read: str, *, birth_date: date | None = None, gender: str | None = None, region: str | None = None
) -> str:
    """An invalid NIK put right from what the same document prints beside it, else as read.

    OCR of the e-KTP and KK digits swaps look-alike digits (0/9, 8/3), which makes the NIK's birth
    date or region impossible. The printed birth date and gender give the date part (DD + 40 for
    women, MM, YY); the KK's own number gives the region of a member's NIK. The repair is taken
    only when the read NIK is invalid, at most two digits change, and the result is valid: a valid
    NIK that disagrees with the printed date is left for NIK_BIRTHDATE_MISMATCH to report. Nor is
    a date part whose digits are the printed date's in another order ("1119" for 19-11: day and
    month swapped) put right: OCR misreads a digit in its place, it does not move one, so that is
    how the number was written, and NIK_INVALID must report it."""
    if len(read) == 17 and read.isdigit() and isinstance(birth_date, date):
        return _drop_extra_digit(read, birth_date, gender_code(gender))
    if len(read) != 16 or not read.isdigit() or decode_nik(read).is_valid:
        return read
    candidates = []
    code = gender_code(gender)
    if isinstance(birth_date, date) and code is not None:
        day = birth_date.day + (40 if code == "P" else 0)
        candidates.append(f"{read[:6]}{day:02d}{birth_date:%m}{birth_date.year % 100:02d}{read[12:]}")
    if isinstance(region, str) and len(region) == 6 and region.isdigit():
        candidates.append(region + read[6:])
    for cand in candidates:
        if Hamming.distance(cand, read) <= MAX_REPAIR_DIGITS and decode_nik(cand).is_valid and not _moved(read, cand):
            return cand
    return read


def _moved(read: str, cand: str) -> bool:
    """Whether ``cand`` differs from ``read`` only by digits changing places."""
    changed = [i for i, (a, b) in enumerate(zip(read, cand, strict=True)) if a != b]
    return sorted(read[i] for i in changed) == sorted(cand[i] for i in changed)


def repair_from_known(read: str, known: list[str], max_edits: int = MAX_REPAIR_DIGITS) -> str | None:
    """The one valid NIK among ``known`` (read on another document of the dossier: the KK's member
    rows) within ``max_edits`` insertions, deletions or changes of an invalid reading ("33190430016809138",
    a stain read as an extra digit); None when the reading is valid, or none or several are that close."""
    if decode_nik(read).is_valid:
        return None
    close = {k for k in known if decode_nik(k).is_valid and Levenshtein.distance(read, k) <= max_edits}
    return close.pop() if len(close) == 1 else None


def chosen_by_reading(read: str, choices: tuple[str, ...], known: list[str]) -> str | None:
    """The one reading among ``choices`` (the others a card's glyphs allow, where agreement left a
    shape in doubt: pipeline/glyphs.py allowed_readings) that another reading of the dossier bears
    out: equal to one of ``known``, or a single digit from it (the KK row misread a digit of its
    own, elsewhere: "3325066207670408" for the card's 3325056207670408, read "...678483"). Taken
    only when it alone is nearest to a known reading and nearer than ``read`` is to any; None when
    another document reads the NIK as the card does, or nothing, or several fit."""
    if not choices or not known:
        return None

    def nearest(number: str) -> int:
        return min(Levenshtein.distance(number, k) for k in known)

    own = nearest(read)
    scored = sorted((nearest(c), c) for c in choices)
    best = scored[0][0]
    if best > 1 or best >= own or (len(scored) > 1 and scored[1][0] == best):
        return None
    return scored[0][1]


def corroborated(
    read: str,
    certainty: float,
    known: list[tuple[str, float]],
    max_edits: int,
    margin: float,
    printed: tuple[date | None, str | None] = (None, None),
) -> str | None:
    """The one NIK among ``known`` (value, certainty: read on another document of the dossier) that
    a valid but unsure reading misread: within ``max_edits`` digit edits, the same encoded birth
    date and gender (positions 7-12: the same person) or, where the reading's own date digits were
    misread, encoding the birth date and gender ``printed`` beside the reading; and read surer by
    ``margin``. None when the reading is invalid (see :func:`repair_from_known`), or none or several
    fit, or another document reads the NIK just as this one does: two readings agreeing outvote a
    surer third (a KK table read a janda's 6 as 8 at 0.69; her letter and NPWP read the NIK as her
    card did, seed 23071). A NIK that really disagrees with its card's date is printed so on the KK
    too, so no reading of it encodes the printed date."""
    if not decode_nik(read).is_valid or any(k == read for k, _ in known):
        return None
    born, gender = printed

    def same_person(k: str) -> bool:
        if k[6:12] == read[6:12]:
            return True
        return isinstance(born, date) and not nik_matches_birth(decode_nik(k), born, gender_code(gender))

    close = {
        k
        for k, c in known
        if k != read
        and c >= certainty + margin
        and same_person(k)
        and decode_nik(k).is_valid
        and Levenshtein.distance(read, k) <= max_edits
    }
    return close.pop() if len(close) == 1 else None
