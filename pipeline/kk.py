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
# The spouse row's number as OCR leaves it: "1.", or "L"/"I"/"|" for a 1, ":" or nothing; the two
# dates and the Isteri/Suami word (or sub-heading) after the name are what make it the spouse row.
SPOUSE_ROW = re.compile(r"^\s*(?:(?:\d{1,2}|[lLI|!])\s*[.),]?\s+|[:;]\s*)?(?=[A-Za-z])")


@functools.cache
def _spouse_words() -> dict[str, str]:
    data = load_yaml(RULES_DIR / "fields.yaml")["spouse_table"]
    return {str(k).upper(): v for k, v in data["relations"].items()}


def read_spouse_table(index: TextIndex) -> dict[str, FieldValue]:
    """The spouse row of a family table (DPCP "Keterangan keluarga", KP-4 "susunan keluarga"):
    a numbered row with a name, the spouse's birth date and the marriage date, marked Isteri or
    Suami in its keterangan column or by the sub-heading above it ("a. Isteri"). Gives nama_isteri
    or nama_suami and tanggal_nikah (the second date of the row). The first spouse row wins."""
    words = _spouse_words()
    out: dict[str, FieldValue] = {}
    section: str | None = None
    for span, row in index.row_texts():
        upper = row.upper()
        heading = re.fullmatch(r"\s*(?:[a-z]\.\s*)?([A-Z]+)\s*", upper.replace("/", " / ").split(" / ")[0])
        if heading and heading.group(1) in words and not FAMILY_ROW.match(row):
            section = words[heading.group(1)]
            continue
        m = SPOUSE_ROW.match(row)
        if not m:
            continue
        found = dates.find_dates(row[m.end() :])
        if len(found) < 2:
            continue
        after = re.findall(r"[A-Z]+", upper[m.end() + found[1].end :])
        field = next((words[w] for w in after if w in words), None) or section
        if field is None:
            continue
        name = names.clean_name_value(row[m.end() : m.end() + found[0].start])
        if len(re.sub(r"[^A-Za-z]", "", name)) < 3:
            continue
        start = span.start + m.end()
        out[field] = FieldValue(
            name, index.page, index.confidence(start, start + len(name)), index.bbox(start, start + len(name))
        )
        d = found[1]
        if d.value <= found[0].value:
            break  # a marriage before the spouse's birth is a misread year ("1904" for "1994")
        s = start + d.start
        out["tanggal_nikah"] = FieldValue(
            dates.iso(d.value), index.page, index.confidence(s, s + len(d.raw)), index.bbox(s, s + len(d.raw))
        )
        break
    return out
