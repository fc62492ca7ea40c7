"""Read documents written as sentences or in sections rather than as ``label : value`` rows.

- Kutipan akta kelahiran: "... bahwa di BLORA pada tanggal lima belas Mei dua ribu sebelas telah
  lahir SITI AMINAH anak ke-satu, perempuan, dari ayah AGUS MUFID dan ibu SRI WAHYUNI".
- Kutipan akta nikah: a SUAMI section and an ISTERI section, each with its own "Nama :" row.
"""

from __future__ import annotations

import re

from pipeline import dates, names
from pipeline.labels import split_row
from pipeline.models import FieldValue
from pipeline.textindex import TextIndex

NAME_CHARS = r"[A-Za-z][A-Za-z.,' ]+?"
_AKTA = {
    "nama": re.compile(rf"telah\s+lahir\s*:?\s*(?P<v>{NAME_CHARS})\s*(?=,|\banak\b|\bjenis\b|\n|$)", re.I),
    "nama_ayah": re.compile(rf"\bdari\s+(?:ayah|suami)\s*:?\s*(?P<v>{NAME_CHARS})\s*(?=\bdan\b|,|\n|$)", re.I),
    "nama_ibu": re.compile(rf"\b(?:dan\s+)?ibu\s*:?\s*(?P<v>{NAME_CHARS})\s*(?=,|\.|\n|$)", re.I),
}
BIRTH_ANCHOR = re.compile(r"\bpada\s+tanggal\b|\btanggal\s+lahir\b|\blahir\s+pada\b", re.I)


def _value(index: TextIndex, start: int, end: int, value) -> FieldValue:
    return FieldValue(value, index.page, index.confidence(start, end), index.bbox(start, end))


def read_akta(index: TextIndex) -> dict[str, FieldValue]:
    # The OCR layout can break a sentence over rows: an anchor may end a row and its name start
    # the next, but a name itself stays on one row (NAME_CHARS has no newline).
    flat = index.text
    out: dict[str, FieldValue] = {}
    for field, pattern in _AKTA.items():
        m = pattern.search(flat)
        if m:
            value = names.clean_name_value(m.group("v"))
            if len(re.sub(r"[^A-Za-z]", "", value)) >= 3:
                out[field] = _value(index, m.start("v"), m.start("v") + len(m.group("v").rstrip()), value)
    anchor = BIRTH_ANCHOR.search(flat)
    found = dates.find_dates(flat[anchor.end() :] if anchor else flat)
    if found:
        d = found[0]
        offset = anchor.end() if anchor else 0
        out["tanggal_lahir"] = _value(index, offset + d.start, offset + d.end, dates.iso(d.value))
    upper = flat.upper()
    lahir = upper.find("TELAH LAHIR")
    tail = upper[lahir:] if lahir >= 0 else ""
    if re.search(r"\bPEREMPUAN\b", tail):
        out["jenis_kelamin"] = FieldValue("P", index.page, 0.8)
    elif re.search(r"\bLAKI", tail):
        out["jenis_kelamin"] = FieldValue("L", index.page, 0.8)
    return out


SECTION = re.compile(r"^\s*(?:[IVX]+\.|\d+\.)?\s*(SUAMI|ISTERI|ISTRI)\b\s*:?\s*$", re.I)
NAMA_LABEL = re.compile(r"^\s*(?:\d+\.|[a-z]\.)?\s*nama(?:\s+lengkap)?\s*$", re.I)


def read_nikah(index: TextIndex) -> dict[str, FieldValue]:
    """nama_suami / nama_isteri from their sections of the kutipan akta nikah."""
    out: dict[str, FieldValue] = {}
    section: str | None = None
    for span, row in index.row_texts():
        m = SECTION.match(row)
        if m:
            section = "nama_suami" if m.group(1).upper() == "SUAMI" else "nama_isteri"
            continue
        inline = re.match(r"^\s*(SUAMI|ISTERI|ISTRI)\s*[:;]\s*(?P<v>.+)$", row, re.I)
        if inline:
            field = "nama_suami" if inline.group(1).upper() == "SUAMI" else "nama_isteri"
            value = names.clean_name_value(inline.group("v"))
            if value and field not in out:
                s = span.start + inline.start("v")
                out[field] = _value(index, s, s + len(inline.group("v")), value)
            continue
        if not section or section in out:
            continue
        for label, v_offset in split_row(row):
            if NAMA_LABEL.match(label):
                value = names.clean_name_value(row[v_offset:])
                if value:
                    s = span.start + v_offset
                    out[section] = _value(index, s, span.end, value)
                break
    return out
