"""Read the kartu keluarga: its number and the member table into ``anggota``.

A KK prints its members in two tables over the same row numbers: the first with
No | Nama Lengkap | NIK | Jenis Kelamin | Tempat Lahir | Tanggal Lahir | Agama | ..., the second
with No | Status Perkawinan | Status Hubungan Dalam Keluarga | Kewarganegaraan | ... | Ayah | Ibu.
A member row is recognised by its 16-digit NIK; the relation is joined from the second table by
row number.
"""

from __future__ import annotations

import functools
import re
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


def _gender(text: str) -> str | None:
    upper = text.upper()
    if re.search(r"PEREMPUAN|WANITA", upper):
        return "P"
    if re.search(r"LAKI|PRIA", upper):
        return "L"
    return None


def _relation(text: str) -> str | None:
    upper = re.sub(r"[^A-Z ]", " ", text.upper())
    best, score = None, 0.0
    for rel in RELATIONS:
        s = fuzz.partial_ratio(rel, upper)
        if s > score and s >= 88:
            best, score = rel, s
    return {"ISTERI": "ISTRI"}.get(best, best) if best else None


def read_kk(index: TextIndex) -> dict[str, FieldValue]:
    out: dict[str, FieldValue] = {}
    members: list[dict] = []
    relations: dict[int, str] = {}
    for span, row in index.row_texts():
        found = nik.find_niks(row)
        number_m = ROW_NO.match(row)
        if found and not number_m and "no_kk" not in out and not members:
            value, s, e = found[0]
            out["no_kk"] = FieldValue(
                value,
                index.page,
                index.confidence(span.start + s, span.start + e),
                index.bbox(span.start + s, span.start + e),
            )
            continue
        if found and number_m:
            value, s, e = found[0]
            name = names.clean_name_value(row[number_m.end() : s])
            rest = row[e:]
            found_dates = dates.find_dates(rest)
            member = {
                "no": int(number_m.group(1)),
                "nik": value,
                "nama": name,
                "tanggal_lahir": dates.iso(found_dates[0].value) if found_dates else None,
                "jenis_kelamin": _gender(rest),
                "hubungan": None,
                "page": index.page,
                "bbox": list(index.bbox(span.start, span.end) or ()),
                "confidence": round(index.confidence(span.start, span.end), 3),
            }
            members.append(member)
            continue
        if number_m and not found:
            rel = _relation(row[number_m.end() :])
            if rel:
                relations.setdefault(int(number_m.group(1)), rel)
    region = str(out["no_kk"].value)[:6] if "no_kk" in out else None
    for m in members:
        m["hubungan"] = relations.get(m["no"])
        # A member's NIK that OCR made impossible, put right from its own row and the KK's region.
        born = date.fromisoformat(m["tanggal_lahir"]) if m["tanggal_lahir"] else None
        m["nik"] = nik.repair_nik(m["nik"], birth_date=born, gender=m["jenis_kelamin"], region=region)
    if members:
        conf = sum(m["confidence"] for m in members) / len(members)
        first = members[0]["bbox"]
        out["anggota"] = FieldValue(members, index.page, conf, tuple(first) if first else None)
    return out


# "1. UMI RAHAYU 24-01-1971 04-03-1996 Isteri ke-1": OCR may turn the number's dot into a comma.
FAMILY_ROW = re.compile(r"^\s*(\d{1,2})\s*[.),]?\s+(?=[A-Za-z])")
# The spouse row's number as OCR leaves it: "1.", "1:", or "L"/"I"/"|" for a 1, ":" or nothing; the
# two dates and the Isteri/Suami word (or sub-heading) after the name are what make it the spouse row.
SPOUSE_ROW = re.compile(r"^\s*(?:(?:\d{1,2}|[lLI|!])\s*[.),:;]?\s+|[:;]\s*)?")
# A date's shape as printed in the table, its digits possibly misread ("21-97-1970"): the name ends
# at the first one; the spouse row has two (birth and marriage), a child's row one.
# ... or with its dashes lost ("26011970": a birth date in a faint family table, DDMMYYYY)
DATE_SHAPE = re.compile(
    r"(?<![\w])(?:[0-9OoIl|]{1,2}\s?[-/.]\s?[0-9OoIl|]{1,2}\s?[-/.]\s?[0-9OoIl|]{4}"
    r"|[0-3][0-9][01][0-9](?:19|20)[0-9]{2})(?!\w)"
)
# What OCR leaves of the row number before the name: look-alikes of "1." ("Il.", "LL", "L:", "|"),
# quotes and dashes, or a short token with a small letter ("aa", "Ti,", "ka"): names are in capitals.
_NUMBER_DEBRIS = re.compile(
    r"[|!.,:;'\"“”‘’—–-]+|(?=\S{1,3}$)[1Il|!L.,:;'\"“”‘’—–-]+|(?=[A-Za-z]{0,2}[.,:;]?$)[A-Za-z]*[a-z][A-Za-z]*[.,:;]?"
)
RELATION_CUTOFF = 70  # "Isten", "ksteri", "Asteri" for Isteri; the row's two dates already make it a spouse row


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


def read_spouse_table(index: TextIndex) -> dict[str, FieldValue]:
    """The spouse row of a family table (DPCP "Keterangan keluarga", KP-4 "susunan keluarga"):
    a numbered row with a name, the spouse's birth date and the marriage date, marked Isteri or
    Suami in its keterangan column or by the sub-heading above it ("a. Isteri"). Gives nama_isteri
    or nama_suami and tanggal_nikah (the second date of the row). The first spouse row wins."""
    words, kept = _spouse_words()
    out: dict[str, FieldValue] = {}
    section: str | None = None
    for span, row in index.row_texts():
        upper = row.upper()
        heading = re.fullmatch(r"\s*(?:[a-z]\.\s*)?([A-Z]+)\s*", upper.replace("/", " / ").split(" / ")[0])
        if heading and heading.group(1) in words and not FAMILY_ROW.match(row):
            section = words[heading.group(1)]
            continue
        m = SPOUSE_ROW.match(row)
        shapes = list(DATE_SHAPE.finditer(row, m.end()))
        if len(shapes) < 2:
            continue
        after = re.findall(r"[A-Z]{4,}", upper[shapes[1].end() :])
        field = next((words[w] for w in after if w in words), None)
        if field is None:
            scored = [(fuzz.ratio(a, w), w) for a in after for w in words]
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
        if len(re.sub(r"[^A-Za-z]", "", name)) < 3:
            continue
        start = span.start + m.end() + offset
        out[field] = FieldValue(
            name, index.page, index.confidence(start, start + len(name)), index.bbox(start, start + len(name))
        )
        found = [dates.find_dates(x.group()) for x in shapes[:2]]
        if not found[1]:
            break  # the marriage date's digits misread past a date
        if found[0] and found[1][0].value <= found[0][0].value:
            break  # a marriage before the spouse's birth is a misread year ("1904" for "1994")
        d = found[1][0]
        s = span.start + shapes[1].start() + d.start
        out["tanggal_nikah"] = FieldValue(
            dates.iso(d.value), index.page, index.confidence(s, s + len(d.raw)), index.bbox(s, s + len(d.raw))
        )
        break
    return out
