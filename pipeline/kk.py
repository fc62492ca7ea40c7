"""Read the kartu keluarga: its number and the member table into ``anggota``.

A KK prints its members in two tables over the same row numbers: the first with
No | Nama Lengkap | NIK | Jenis Kelamin | Tempat Lahir | Tanggal Lahir | Agama | ..., the second
with No | Status Perkawinan | Status Hubungan Dalam Keluarga | Kewarganegaraan | ... | Ayah | Ibu.
A member row is recognised by its 16-digit NIK; the relation is joined from the second table by
row number.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterator
from datetime import date

from rapidfuzz import fuzz

from pipeline import dates, names, nik
from pipeline.models import FieldValue
from pipeline.settings import RULES_DIR, load_yaml
from pipeline.textindex import TextIndex

RELATIONS = (
    "KEPALA KELUARGA",
    "SUAMI",
    "ISTRI",
    "ISTERI",
    "ANAK",
    "MENANTU",
    "CUCU",
    "ORANG TUA",
    "MERTUA",
    "FAMILI LAIN",
    "LAINNYA",
)
ROW_NO = re.compile(r"^\s*(\d{1,2})[.)]?\s+")
# The row number as OCR may leave it in the KK's ruled first column: "(2", "“3", "3 |".
_LOOSE_ROW_NO = re.compile(r"^\s*[(\[|'\"“”‘’]{0,2}(\d{1,2})[.)|]?\s+")
# A member's NIK in the table as OCR may leave it: its 16 digits split by a stray space
# ("3375044604 730599") or a speck read as a mark ("3303031202?670833", seed 51343), one digit
# doubled (17) or lost (15).
_DIGIT_RUN = re.compile(r"\d+")
_SPLIT = re.compile(r" ?[?'‘’\".,|!*] ?| ")
# the first group of a split NIK: its province and kabupaten at least ("331 7088807670118"); the
# row number before the name has two digits at most
_FIRST_GROUP = 3
LOOSE_ROW_CERTAINTY = 0.85  # a row found without its row number or its NIK's exact shape
MAX_ROWS = 20  # a KK's rows; a larger "row number" is a misread


# the gender words of a member row, their ends or starts enough ("PEREMPUAM", "LAKIHLAKI")
_GENDER_WORDS = {"P": r"PEREM|EMPUAN|WANITA", "L": r"LAKI|PRIA"}


def _gender(text: str) -> str | None:
    upper = text.upper()
    return next((code for code, words in _GENDER_WORDS.items() if re.search(words, upper)), None)


def _relation(text: str) -> str | None:
    upper = re.sub(r"[^A-Z ]", " ", text.upper())
    best, score = None, 0.0
    for rel in RELATIONS:
        s = fuzz.partial_ratio(rel, upper)
        if s > score and s >= 88:
            best, score = rel, s
    return {"ISTERI": "ISTRI"}.get(best, best) if best else None


def _loose_nik(row: str) -> tuple[str, int, int] | None:
    """The first run of 15 to 17 digits in ``row``, its groups joined over a single space or speck
    (:data:`_SPLIT`): a member's NIK that a stray space or mark split or a stain lengthened by a
    digit. Never part of a date."""
    runs = list(_DIGIT_RUN.finditer(row))
    for i, first in enumerate(runs):
        if len(first.group()) < _FIRST_GROUP or (first.start() and row[first.start() - 1] in "-/."):
            continue
        digits, end = first.group(), first.end()
        for nxt in runs[i + 1 :]:
            split = _SPLIT.fullmatch(row[end : nxt.start()])
            if len(digits) >= 15 or split is None or row[nxt.end() : nxt.end() + 1] in ("-", "/"):
                break
            digits, end = digits + nxt.group(), nxt.end()
        if 15 <= len(digits) <= 17:
            return digits, first.start(), end
    return None


@functools.cache
def _kk_table() -> dict:
    return load_yaml(RULES_DIR / "fields.yaml")["kk_table"]


def _has_words(row: str, words: list[str], cutoff: float) -> int:
    """How many of ``words`` the row holds as a token read within ``cutoff`` (rapidfuzz ratio)."""
    tokens = re.findall(r"[A-Z]{3,}", row.upper())
    return sum(any(fuzz.ratio(w, t) >= cutoff for t in tokens) for w in words)


def _second_header(row: str) -> bool:
    spec = _kk_table()["second_table"]
    return _has_words(row, spec["header_words"], spec["word_cutoff"]) >= spec["min_header_words"]


def _table_end(row: str) -> bool:
    upper = row.upper()
    return any(fuzz.partial_ratio(w, upper) >= _kk_table()["end_cutoff"] for w in _kk_table()["end_words"])


def _number(row: str) -> tuple[int | None, int]:
    """The row number OCR left at the start of a table row, and where the rest begins."""
    m = _LOOSE_ROW_NO.match(row)
    return (int(m.group(1)), m.end()) if m else (None, 0)


def sequence(explicit: list[int | None], max_gap: int) -> list[tuple[int, bool]]:
    """Row numbers for table rows in order, from the numbers OCR read (None where lost): a read
    number is kept when it goes on from the row above by at most ``max_gap`` (rows lost in
    between); a lost or impossible one ("8" after "3", a misread "4") is the previous row's plus
    one. Gives (number, read) pairs."""
    out: list[tuple[int, bool]] = []
    prev = 0
    for n in explicit:
        if n is not None and prev < n <= prev + max_gap:
            prev = n
            out.append((n, True))
        else:
            prev += 1
            out.append((prev, False))
    return out


def _member(row: str, found: tuple[str, int, int, bool], following: str | None) -> dict | None:
    """A member row of the first table: a name, its NIK and after it the gender and birth date
    (else on the next row, when the name cell wrapped: "(TRI 1330..." / "KHOIRIYAH PEREMPUAN 09-06-1968").
    None when the row is not shaped so (a No. KK line, a header)."""
    value, s, e, exact = found
    number, name_start = _number(row[:s])
    rest = row[e:]
    gender, found_dates = _gender(rest), dates.find_dates(rest)
    _, kept = _spouse_words()
    _, name = _row_name(row[name_start:s], kept)
    wrapped = ""
    if gender is None and not found_dates and following and _member_nik(following) is None:
        gender, found_dates = _gender(following), dates.find_dates(following)
        if gender or found_dates:
            wrapped = following
            value_at = re.search("|".join([*_GENDER_WORDS.values(), r"\d"]), wrapped.upper())
            more = re.findall(r"\b[A-Z][A-Z'.]{2,}\b", wrapped[: value_at.start() if value_at else 0])
            name = " ".join([name, *more]).strip()
    if len(re.sub(r"[^A-Za-z]", "", name)) < 3:
        return None
    if not (exact and number is not None) and gender is None and not found_dates:
        return None
    return {
        "no": number,
        "nik": value,
        "nama": name,
        "tanggal_lahir": dates.iso(found_dates[0].value) if found_dates else None,
        "jenis_kelamin": gender,
        "hubungan": None,
        "sure": exact and number is not None and not wrapped,
    }


def _member_nik(row: str) -> tuple[str, int, int, bool] | None:
    """The NIK of a member row: exactly shaped (nik.find_niks), else a loose digit run."""
    found = nik.find_niks(row)
    if found:
        return (*found[0], True)
    loose = _loose_nik(row)
    return (*loose, False) if loose else None


def _relations(relation_rows: list[tuple[int | None, str | None]], rows_expected: int) -> dict[int, str]:
    """Row number -> relation from the second table's rows. A row number OCR read is used; rows
    numbered by their order only when the second table has as many rows as the first (else a lost
    or extra row would shift every relation below it onto the wrong member)."""
    numbered = sequence([n for n, _ in relation_rows], _kk_table()["max_row_gap"])
    trust_order = len(relation_rows) == rows_expected
    out: dict[int, str] = {}
    for read_pass in (True, False):
        for (no, read), (_, rel) in zip(numbered, relation_rows, strict=True):
            if rel and read == read_pass and (read or trust_order):
                out.setdefault(no, rel)
    return out


def _second_table_row(row: str) -> bool:
    """A row of the second table: its number, a relation, a marital status or a date left by OCR;
    not a line of names alone (a parent's name that overflowed its cell) or column numbers."""
    spec = _kk_table()["second_table"]
    return bool(
        _number(row)[0] is not None
        or _relation(row)
        or _has_words(row, spec["status_words"], spec["word_cutoff"])
        or dates.find_dates(row)
    )


def read_kk(index: TextIndex) -> dict[str, FieldValue]:
    """The No. KK and the member table. A member row is a name, a NIK (exact, or as OCR split or
    lengthened it) and the gender or birth date after it; its row number may be lost. The second
    table (after its header "Status Perkawinan ... Nama Ayah Nama Ibu") gives each row's relation,
    rows numbered in order where OCR lost the number (:func:`sequence`)."""
    out: dict[str, FieldValue] = {}
    spec = _kk_table()
    header_words, cutoff = spec["second_table"]["header_words"], spec["second_table"]["word_cutoff"]
    members: list[dict] = []
    relation_rows: list[tuple[int | None, str | None]] = []
    numbered_relations: dict[int, str] = {}
    second = False
    rows = index.row_texts()
    for i, (span, row) in enumerate(rows):
        if second:
            if _table_end(row):
                break
            header_row = not relation_rows and _has_words(row, header_words, cutoff)
            if not header_row and re.search(r"[A-Za-z]{3}", row) and _second_table_row(row):
                relation_rows.append((_number(row)[0], _relation(row)))
            continue
        if _second_header(row):
            second = True
            continue
        found = _member_nik(row)
        following = rows[i + 1][1] if i + 1 < len(rows) else None
        member = _member(row, found, following) if found else None
        if found and member is None and found[3] and "no_kk" not in out and not members:
            value, s, e, _ = found
            out["no_kk"] = FieldValue(
                value,
                index.page,
                index.confidence(span.start + s, span.start + e),
                index.bbox(span.start + s, span.start + e),
            )
            continue
        if member is not None:
            loose = 1 if member.pop("sure") else LOOSE_ROW_CERTAINTY
            certainty = index.confidence(span.start, span.end) * loose
            _, s, e, _ = found
            member.update(
                page=index.page,
                bbox=list(index.bbox(span.start, span.end) or ()),
                confidence=round(certainty, 3),
                # the NIK's own certainty: a row's other cells (a place name, a smudged
                # occupation) say nothing of how well its digits were read
                nik_confidence=round(index.confidence(span.start + s, span.start + e) * loose, 3),
            )
            members.append(member)
            continue
        m = ROW_NO.match(row)
        if m and not found:
            rel = _relation(row[m.end() :])
            if rel:
                numbered_relations.setdefault(int(m.group(1)), rel)
    numbers = [no for no, _ in sequence([m["no"] for m in members], spec["max_row_gap"])]
    relations = _relations(relation_rows, max(numbers, default=0)) if relation_rows else numbered_relations
    region = str(out["no_kk"].value)[:6] if "no_kk" in out else None
    for m, no in zip(members, numbers, strict=True):
        m["no"] = no
        rel = relations.get(no)
        # a relation that the row's own gender contradicts was joined to the wrong row
        m["hubungan"] = None if (rel, m["jenis_kelamin"]) in (("ISTRI", "L"), ("SUAMI", "P")) else rel
        # A member's NIK that OCR made impossible, put right from its own row and the KK's region.
        born = date.fromisoformat(m["tanggal_lahir"]) if m["tanggal_lahir"] else None
        fixed = nik.repair_nik(m["nik"], birth_date=born, gender=m["jenis_kelamin"], region=region)
        m["nik"] = fixed if len(fixed) == 16 else None
        if m["nik"] is None:
            # the digits as read, a stain's digit and all: with the card's reading of the same NIK
            # they may still tell the number (pipeline/two_readings.py)
            m["nik_read"] = fixed
    heads = [m for m in members if m["hubungan"] == "KEPALA KELUARGA"]
    for m in heads[1:] if len(heads) > 1 else ():
        m["hubungan"] = None  # a KK has one head: the rows after the first were joined wrongly
    if members:
        conf = sum(m["confidence"] for m in members) / len(members)
        first = members[0]["bbox"]
        out["anggota"] = FieldValue(members, index.page, conf, tuple(first) if first else None)
        # how many member rows the table shows (its last row number, the second table's rows): more
        # than anggota holds when OCR left rows unread, so a person missing from anggota may be there
        shown = max(len(relation_rows), *numbers, *(n for n, _ in relation_rows if n is not None and n <= MAX_ROWS))
        out["jumlah_anggota"] = FieldValue(shown, index.page, conf, None)
    return out


# "1. UMI RAHAYU 24-01-1971 04-03-1996 Isteri ke-1": OCR may turn the number's dot into a comma.
FAMILY_ROW = re.compile(r"^\s*(\d{1,2})\s*[.),]?\s+(?=[A-Za-z])")
# The spouse row's number as OCR leaves it: "1.", "1:", or "L"/"I"/"|" for a 1, ":" or nothing; the
# two dates and the Isteri/Suami word (or sub-heading) after the name are what make it the spouse row.
SPOUSE_ROW = re.compile(r"^\s*(?:(?:\d{1,2}|[lLI|!])\s*[.),:;]?\s+|[:;]\s*)?")
# A date's shape as printed in the table, its digits possibly misread ("21-97-1970"): the name ends
# at the first one; the spouse row has two (birth and marriage), a child's row one.
# ... or with its dashes lost ("26011970": a birth date in a faint family table, DDMMYYYY; "0109-1996")
DATE_SHAPE = re.compile(
    r"(?<![\w])(?:[0-9OoIl|]{1,2}\s?[-/.]\s?[0-9OoIl|]{1,2}\s?[-/.]\s?[0-9OoIl|]{4}"
    r"|[0-3][0-9][01][0-9]\s?[-/.]?\s?(?:19|20)[0-9]{2})(?!\w)"
)
# What OCR leaves of the row number before the name: look-alikes of "1." ("Il.", "LL", "L:", "|"),
# quotes and dashes, or a short token with a small letter ("aa", "Ti,", "ka"): names are in capitals.
_NUMBER_DEBRIS = re.compile(
    r"[|!.,:;'\"“”‘’—–-]+|(?=\S{1,3}$)[1Il|!L.,:;'\"“”‘’—–-]+|(?=[A-Za-z]{0,2}[.,:;]?$)[A-Za-z]*[a-z][A-Za-z]*[.,:;]?"
)
RELATION_CUTOFF = 70  # "Isten", "ksteri", "Asteri" for Isteri; the row's two dates already make it a spouse row
RELATION_TAIL_LETTERS = 4  # a relation word's first letter may be lost only when this many follow it


def relation_score(word: str, relation: str) -> float:
    """How near ``word`` (upper case) is to the relation word ``relation``: as a whole, or, for a
    word of the relation's length, without its first letter, which OCR damages most in the table's
    last column ("Lseeri" for Isteri: 67 as a whole, 80 without it)."""
    score = fuzz.ratio(word, relation)
    if len(word) == len(relation) > RELATION_TAIL_LETTERS:
        score = max(score, fuzz.ratio(word[1:], relation[1:]))
    return score


def _row_name(raw: str, kept: frozenset[str]) -> tuple[int, str]:
    """(offset in ``raw``, name) of the name in a family row's name cell, the row number's debris
    and trailing lone small letters ("UMI KUSRINI s") left out. A capital two-letter token before
    a name of two words more is debris too ("PA ENDRO RAHARJO"), but not a Balinese prefix (I, NI)."""
    tokens = list(re.finditer(r"\S+", raw))
    while tokens:
        word = tokens[0].group()
        if word.upper() in kept:
            break
        debris = _NUMBER_DEBRIS.fullmatch(word) or (len(tokens) >= 3 and re.fullmatch(r"[A-Z]{1,2}", word))
        if not debris:
            break
        tokens.pop(0)
    while tokens and re.fullmatch(r"[a-z]|\W+", tokens[-1].group()):
        tokens.pop()
    if not tokens:
        return 0, ""
    start = tokens[0].start()
    first = len(raw[start:]) - len(raw[start:].lstrip("\"'“”‘’"))
    return start + first, names.clean_name_value(raw[start + first : tokens[-1].end()])


@functools.cache
def _spouse_words() -> tuple[dict[str, str], frozenset[str]]:
    data = load_yaml(RULES_DIR / "fields.yaml")["spouse_table"]
    kept = frozenset(str(x).upper() for x in data.get("name_prefixes", ()))
    return {str(k).upper(): v for k, v in data["relations"].items()}, kept


def read_spouse_table(index: TextIndex, holder_born: date | None = None) -> dict[str, FieldValue]:
    """The spouse row of a family table (DPCP "Keterangan keluarga", KP-4 "susunan keluarga"):
    a numbered row with a name, the spouse's birth date and the marriage date, marked Isteri or
    Suami in its keterangan column or by the sub-heading above it ("a. Isteri"). Gives nama_isteri
    or nama_suami and tanggal_nikah (the second date of the row). The first spouse row wins.
    ``holder_born``: the birth date of the employee whose table it is, the marriage's other party
    (it helps settle a misread marriage year, :func:`repaired_marriage`)."""
    words, kept = _spouse_words()
    out: dict[str, FieldValue] = {}
    section: str | None = None
    for span, row in index.row_texts():
        upper = row.upper()
        # "a. Isteri", "b. Anak": the sub-heading's letter is upper-cased with the row
        heading = re.fullmatch(r"\s*(?:[A-Z]\.\s*)?([A-Z]+)\s*", upper.replace("/", " / ").split(" / ")[0])
        if heading and heading.group(1) in words and not FAMILY_ROW.match(row):
            section = words[heading.group(1)]
            continue
        if heading and heading.group(1) == "ANAK":
            section = None  # the children's table: its rows are no spouse's
            continue
        m = SPOUSE_ROW.match(row)
        shapes = list(DATE_SHAPE.finditer(row, m.end()))
        if len(shapes) < 2:
            continue
        after = re.findall(r"[A-Z]{4,}", upper[shapes[1].end() :])
        field = next((words[w] for w in after if w in words), None)
        if field is None:
            scored = [(relation_score(a, w), w) for a in after for w in words]
            best = max(scored, default=(0, ""))
            # its end damaged ("Suaru"): a short word starting as one relation word does
            heads = {words[w] for a in after if len(a) <= len(max(words, key=len)) for w in words if a[:3] == w[:3]}
            if best[0] >= RELATION_CUTOFF:
                field = words[best[1]]
            elif len(heads) == 1:
                field = heads.pop()
            else:
                field = section
        if field is None:
            continue
        offset, name = _row_name(row[m.end() : shapes[0].start()], kept)
        married = marriage_date(index, span.start, shapes[:2], holder_born)
        if len(re.sub(r"[^A-Za-z]", "", name)) < 3:
            # the name cell lost ("22-07-1972 18-07-1999 Isteri ke-1"): the marriage date still
            # stands, unless a later spouse row reads whole
            if married is not None:
                out.setdefault("tanggal_nikah", married)
            continue
        start = span.start + m.end() + offset
        out[field] = index.field_value(start, start + len(name), name)
        out.pop("tanggal_nikah", None)
        if married is not None:
            out["tanggal_nikah"] = married
        break
    return out


@functools.cache
def _marriage_ages() -> dict[str, float]:
    data = load_yaml(RULES_DIR / "fields.yaml")["spouse_table"]["marriage_age"]
    return {k: float(v) for k, v in data.items()}


def marriage_min_age() -> int:
    """fields.yaml spouse_table marriage_age min_age: the youngest a spouse may marry."""
    return int(_marriage_ages()["min_age"])


def repair_certainty() -> float:
    """fields.yaml spouse_table marriage_age repair_certainty: how sure a repaired marriage year is."""
    return _marriage_ages()["repair_certainty"]


def years_after(born: date, years: int) -> date:
    """``born`` plus whole ``years`` (29 February on 28 February in a common year)."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return born.replace(year=born.year + years, day=28)


def repaired_marriage(
    born: date, married: date, today: date | None = None, other_born: date | None = None
) -> date | None:
    """The marriage date with one digit of its year put right, when the year as read makes the
    spouse too young to marry ("1904" for a bride born in 1968): the one year a single digit away
    that makes the spouse, and the other party where ``other_born`` is known (the employee, from
    the NIP the table's page prints), of marrying age (repair_min_age), and is not in the future.
    None when no or several years fit ("1908" for 1998 or 1988 when both were born in 1965; "1944"
    for a husband born in 1961 fits 1984 and 1994, his wife born in 1966 leaves 1994 alone)."""
    ages = _marriage_ages()
    today = today or date.today()
    earliest = max(years_after(b, int(ages["repair_min_age"])) for b in (born, other_born) if b is not None)
    fits = {cand for cand in years_a_digit_away(married) if earliest <= cand <= today}
    return fits.pop() if len(fits) == 1 else None


def years_a_digit_away(day: date) -> Iterator[date]:
    """``day`` with one digit of its year changed, each way it can be (a 29 February that the
    other year lacks is left out)."""
    text = f"{day.year:04d}"
    for i, digit in enumerate(text):
        for other in "0123456789":
            if other == digit:
                continue
            with contextlib.suppress(ValueError):
                yield day.replace(year=int(text[:i] + other + text[i + 1 :]))


def _birth_misread(born: date, married: date, holder_born: date | None) -> bool:
    """Whether a spouse row's marriage date that its birth date makes too early is better taken
    as read, its birth year misread instead: no year of the marriage a digit away fits, the
    employee (``holder_born``, from the NIP) was of marrying age then (repair_min_age), and a
    birth year a digit from the one read makes the spouse of marrying age too. Seed 39499's DPCP:
    "HERU SANTOSO 28-07-1983 | 02-10-1991 | Suami" (born 1963) of an employee born in 1968."""
    if holder_born is None or not years_after(holder_born, int(_marriage_ages()["repair_min_age"])) <= married:
        return False
    if married > date.today():
        return False
    return any(years_after(cand, int(_marriage_ages()["min_age"])) <= married for cand in years_a_digit_away(born))


def marriage_date(
    index: TextIndex, row_start: int, shapes: list[re.Match[str]], holder_born: date | None = None
) -> FieldValue | None:
    """The second of a spouse row's two dates, unless its digits were misread past a date. A
    marriage before the spouse could marry (min_age) is a misread year ("1904"): read with its
    year repaired (repaired_marriage, both parties' birth dates) and repair_certainty, else not
    at all."""
    found = [dates.find_dates(x.group()) for x in shapes]
    if not found[1]:
        # a month no calendar has, one digit from a single month ("06-99-2000"): a guess; or the
        # separators lost ("0109-1996", "14031909"): the column holds a date
        raw = shapes[1].group()
        fixed = dates.month_repaired(raw) or dates.separators_lost(raw)
        if fixed is None:
            return None
        found[1] = [dates.DateMatch(fixed, 0, len(raw), raw, repair_certainty())]
    if not found[0] and (born := dates.separators_lost(shapes[0].group())) is not None:
        found[0] = [dates.DateMatch(born, 0, len(shapes[0].group()), shapes[0].group(), repair_certainty())]
    d = found[1][0]
    value, certainty = d.value, d.certainty
    if found[0]:
        born = found[0][0].value
        if d.value < years_after(born, int(_marriage_ages()["min_age"])):
            repaired = repaired_marriage(born, d.value, other_born=holder_born)
            if repaired is None and _birth_misread(born, d.value, holder_born):
                repaired = d.value
            if repaired is None:
                return None
            value, certainty = repaired, certainty * repair_certainty()
    s = row_start + shapes[1].start() + d.start
    return index.field_value(s, s + len(d.raw), dates.iso(value), certainty)
