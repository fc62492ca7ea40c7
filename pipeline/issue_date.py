"""A document's issue date (tanggal_dokumen) where OCR lost the row the extract stage reads it from.

Each reader here takes the date from a place its document type fixes, with less certainty than a
labelled or "Blora, 26 Oktober 2023" row, because the placing rather than a label says what it is:

- the date row at the head of a letter (surat pengantar, permohonan) whose place OCR damaged or
  lost (": Pemalang. 14 Maret 2025", "Oo”. Karanganyar, 18 Juni 2023", "21 April 2026");
- the "Dikeluarkan Tanggal 08-11-2023" of a Kartu Keluarga, run on into the signature captions;
- the Kartu Keluarga's own number, whose digits 7 to 12 are the day it was printed (DDMMYY);
- a kutipan akta nikah's "Dicatat di ... tanggal ..." row lost: the KUA records the marriage on the
  day of the akad, so the marriage date printed in its "Pada hari ... tanggal ..." sentence is it.

The rules (which rows, which types, how certain) are in rules/fields.yaml ``issue_date``.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import Any

from pipeline import dates
from pipeline.models import FieldValue
from pipeline.settings import RULES_DIR, load_yaml
from pipeline.textindex import TextIndex

# A letter's head date row whose place OCR damaged: debris or a stray colon, the place, a comma or
# full stop, a date with its month in words, nothing after ("Oo”. Karanganyar, 18 Juni 2023",
# ": Klaten, 20 April 2025", ': " Brebes, 29 Januari 2024'), or the date alone ("21 April 2026").
# A numeric date ("Tegalgunung. 20-08-2023": a janda's handwritten-style permohonan) only after its
# place: a bare "dd-mm-yyyy" row may be any table cell.
HEAD_DATE = re.compile(
    r"^\W{0,5}(?:[A-Za-z]{1,2}\W{1,3})?(?P<place>[A-Z][A-Za-z'-]{2,20}(?: [A-Z][A-Za-z'-]{2,20})?[,.]\s*)?"
    r"(?P<d>[0-9OoIl]{1,2}\s+[A-Za-z][^\s\d]{2,11}\s+[12][0-9]{3}"
    r"|(?(place)[0-9OoIl]{1,2}\s*[-/.]\s*[0-9OoIl]{1,2}\s*[-/.]\s*[12][0-9]{3}|(?!)))\s*\.?$"
)
# "Dikeluarkan Tanggal 08-11-2023 KEPALA KELUARGA ...": the label as on the KK, the date after it.
KK_ISSUED = re.compile(r"dikeluarkan\s+tanggal\s*[:;]?\s*", re.I)
# "No. 3327062006192948" under the title; the colon and full stop as OCR leaves them.
KK_NUMBER = re.compile(r"\bNo\s*[.,]?\s*:?\s*(?P<n>[0-9]{16})(?![0-9])")


@functools.cache
def issue_date_rules() -> dict[str, Any]:
    """rules/fields.yaml ``issue_date``."""
    return load_yaml(RULES_DIR / "fields.yaml")["issue_date"]


def head_letter_date(index: TextIndex, doc_type: str) -> FieldValue | None:
    """The date row at the head of a letter, its place damaged or lost, among the page's first
    rows (a birth-date row whose label OCR lost stands lower, in the body); a numeric date after
    its place ("Tegalgunung. 20-08-2023", the comma read as a full stop) on the very first rows
    only, above any Nama / Tempat, Tgl. Lahir rows."""
    rules = issue_date_rules()["head_letter"]
    if doc_type not in rules["doc_types"]:
        return None
    for n, (span, row) in enumerate(index.row_texts()[: rules["rows"]]):
        m = HEAD_DATE.match(row)
        worded = m is not None and re.search(r"[A-Za-z]{3}", m["d"]) is not None
        if m is None or not (worded or n < rules["numeric_rows"]):
            continue
        found = dates.find_dates(m["d"])
        if found:
            d = found[0]
            start = span.start + m.start("d") + d.start
            certainty = rules["certainty"] if worded else rules["numeric_certainty"]
            return index.field_value(start, start + len(d.raw), dates.iso(d.value), certainty * d.certainty)
    return None


def kk_issue_date(index: TextIndex) -> FieldValue | None:
    """A Kartu Keluarga's issue date: its "Dikeluarkan Tanggal" row as printed, else the date its
    number encodes (digits 7 to 12, DDMMYY), when that is a real day not after today."""
    rules = issue_date_rules()["kk"]
    numbered = _kk_number_date(index)
    for m in KK_ISSUED.finditer(index.text):
        found = dates.find_dates(index.text[m.end() : m.end() + 24])
        if found and found[0].start == 0:
            d = found[0]
            start = m.end() + d.start
            return index.field_value(
                start, start + len(d.raw), dates.iso(d.value), rules["label_certainty"] * d.certainty
            )
    if numbered is None:
        return None
    issued, s, e = numbered
    return index.field_value(s, e, issued.isoformat(), rules["number_certainty"])


def _kk_number_date(index: TextIndex) -> tuple[date, int, int] | None:
    """(the day a KK's number says it was printed, the number's span), when that is a real day not
    after today."""
    m = KK_NUMBER.search(index.text)
    if m is None:
        return None
    digits = m["n"]
    issued = dates._make_date(2000 + int(digits[10:12]), int(digits[8:10]), int(digits[6:8]))
    if issued is None or issued > date.today():
        return None
    return issued, m.start("n"), m.end("n")


def kk_number_checked(values: dict[str, FieldValue], indexes: list[TextIndex]) -> None:
    """A KK's issue date as read ("Dikeluarkan Tanggal : 09-08-2017") put right by the date its
    number encodes where the two are one digit apart (No. 3329130905174366: 09-05-2017), a misread
    digit, with less certainty (fields.yaml issue_date.kk one_digit_certainty). A date further off
    is kept as printed: a KK reissued later keeps its number."""
    fv = values.get("tanggal_dokumen")
    read = dates.from_iso(fv.value) if fv is not None else None
    if read is None:
        return
    for index in indexes:
        numbered = _kk_number_date(index)
        if numbered is not None and _one_digit_apart(read, numbered[0]):
            certainty = issue_date_rules()["kk"]["one_digit_certainty"]
            values["tanggal_dokumen"] = FieldValue(
                numbered[0].isoformat(), fv.page, round(fv.confidence * certainty, 3), fv.bbox
            )
            return


def _one_digit_apart(a: date, b: date) -> bool:
    """Whether two dates' ISO forms differ in exactly one digit."""
    return sum(x != y for x, y in zip(a.isoformat(), b.isoformat(), strict=True)) == 1


def issue_date_from_event(values: dict[str, FieldValue], doc_type: str) -> FieldValue | None:
    """The issue date a document type shares with the event it records (the kutipan akta nikah's
    "Dicatat ... tanggal" with its marriage date), where only the event's date was read."""
    source = issue_date_rules()["same_as"].get(doc_type)
    fv = values.get(source) if source else None
    if fv is None:
        return None
    certainty = issue_date_rules()["same_as_certainty"]
    return FieldValue(fv.value, fv.page, round(fv.confidence * certainty, 3), fv.bbox)


def opening_date(index: TextIndex, doc_type: str) -> FieldValue | None:
    """The date an akta opens with as the day it is drawn up ("Panitera Pengadilan Agama ...
    menerangkan bahwa pada hari ini Selasa tanggal 10 September 1991, berdasarkan Putusan ..."):
    the first date within a few words of the phrase (the day's name, "tanggal", a row break)."""
    rules = issue_date_rules()["opening"]
    if doc_type not in rules["doc_types"]:
        return None
    for phrase in rules["phrases"]:
        m = re.search(r"\s+".join(map(re.escape, phrase.split())), index.text, re.I)
        if m is None:
            continue
        found = dates.find_dates(index.text[m.end() : m.end() + rules["window"] + 40])
        if found and found[0].start <= rules["window"]:
            d = found[0]
            start = m.end() + d.start
            return index.field_value(start, start + len(d.raw), dates.iso(d.value), rules["certainty"] * d.certainty)
    return None


def fallback_issue_date(values: dict[str, FieldValue], doc_type: str, indexes: list[TextIndex]) -> FieldValue | None:
    """The document's issue date by where its type prints it, when no labelled or letter row gave
    one: a letter's head row, a KK's issue row or number, an akta's opening sentence, the event an
    akta records."""
    for index in indexes:
        kk = doc_type in issue_date_rules()["kk"]["doc_types"]
        fv = head_letter_date(index, doc_type) or (kk_issue_date(index) if kk else None)
        fv = fv or opening_date(index, doc_type)
        if fv is not None:
            return fv
    return issue_date_from_event(values, doc_type)
