"""Person names OCR left without their label: read by where forms print them.

The labelled reader (pipeline/labels.py) takes "Nama : AGUS MUFID". When OCR loses or garbles
the label, the name is still where the document type always prints it:

- under a signature: a DPCP is signed by the employee ("Yang bersangkutan," name, "NIP. ..."),
  letters by an official (name, rank, "NIP. ..."); the name stands above the NIP in its column;
- on the kartu keluarga: the kepala keluarga is the member row whose relation is "KEPALA
  KELUARGA", and signs under the "KEPALA KELUARGA" caption at the foot.

And a value read after a damaged label that is an address ("Namat : DK. PUCUNG", the KK's
"Alamat" row) is no name: naming the wrong thing is worse than naming nothing.
Thresholds and word lists: rules/names.yaml.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from datetime import date
from typing import Any

from rapidfuzz import fuzz

from pipeline import dates, names, nip
from pipeline.kk import DATE_SHAPE, RELATION_CUTOFF, _row_name, _spouse_words, marriage_date, relation_score
from pipeline.models import FieldValue
from pipeline.ranks import find_rank
from pipeline.settings import RULES_DIR, load_yaml
from pipeline.textindex import TextIndex


@functools.cache
def recall_rules() -> dict[str, Any]:
    return load_yaml(RULES_DIR / "names.yaml")


def placed(index: TextIndex, start: int, stop: int, value: Any) -> FieldValue:
    """A name read where the form places it, not after its label: with names.yaml
    placed_name_certainty."""
    return index.field_value(start, stop, value, float(recall_rules()["placed_name_certainty"]))


# A house number, an RT/RW pair or "RT 009/004": an address's marks, never a name's.
_ADDRESS_MARKS = re.compile(r"\bNO\.?\s*\d|\bRT\W{0,2}\d|\b\d{1,3}\s*/\s*\d{1,3}\b", re.I)


def is_address(value: str) -> bool:
    """True when a value read as a name is an address: it starts with an address word ("DK.
    PUCUNG", "JALAN NUSANTARA NO. 13") or carries a house number or RT/RW."""
    words = re.findall(r"[A-Za-z]+", value.upper())
    if not words:
        return False
    return words[0] in set(recall_rules()["address_words"]) or bool(_ADDRESS_MARKS.search(value))


def is_sentence(value: str) -> bool:
    """True when a value read as a name starts, gelar aside, with a lower-case word: the sentence
    a damaged label ran into ("8. Nama sesungguhnya bahwa Pegawai Negeri"). Names are printed in
    capitals or capitalised ("Agus Mufid"); a prefix gelar may be lower case ("dr. SLAMET")."""
    for word in re.findall(r"\S+", value):
        if names.is_gelar(word) or not re.search(r"[A-Za-z]", word):
            continue
        first = re.search(r"[A-Za-z]", word)
        return first is not None and first.group().islower()
    return False


def not_a_name(value: str) -> bool:
    """An address, a sentence or a caption read where a name was expected (is_address, is_sentence,
    is_caption)."""
    return is_address(value) or is_sentence(value) or is_caption(value)


# A value on a row of its own under its label: ": DWI SANTOSO".
_VALUE_ROW = re.compile(r"^\s*[:;]\s*(?P<v>[A-Z][A-Za-z.,' ]{3,60}?)[\s,]*$")


def value_below(index: TextIndex, end: int) -> FieldValue | None:
    """The name on the row after the one ending at ``end`` when that row is nothing but a colon and
    a name (name_like): a two-column letter whose label row ran into the sentence beside it."""
    row_no = next((n for n, r in enumerate(index.rows) if r.start <= end <= r.end), None)
    if row_no is None or row_no + 1 >= len(index.rows):
        return None
    row = index.rows[row_no + 1]
    m = _VALUE_ROW.match(index.text[row.start : row.end])
    if m is None:
        return _shifted_value(index, row_no + 1)
    if not name_like(m["v"]):
        return None
    value = names.clean_name_value(m["v"])
    start, stop = row.start + m.start("v"), row.start + m.end("v")
    return placed(index, start, stop, value)


# "b. NIP : WIWIK LESTARI Negeri Sipil:": the NIP's label with, after its colon, a name in capitals
# (gelar aside) and then the sentence beside the form, no digit on the row
_SHIFTED_ROW = re.compile(r"^\W{0,3}(?:[0-9A-Za-z]{1,2}[.)]\s*)?N\s?I\s?P\s*[:;]\s*(?P<v>[^\d\n]+)$")
_NIP_DIGITS = re.compile(r"\d{6,}|\d+(?:\s\d+){2,}")  # an NIP or its digit groups


def _shifted_value(index: TextIndex, row_no: int) -> FieldValue | None:
    """The name a form printed one row above its place: a two-column letter whose labels wrap
    ("Pangkat/Gol." / "Ruang") while its values do not, so the name stands after "NIP :" and the
    NIP after the next label. Taken only when the row after holds the NIP's digits, which confirms
    the shift; the name is the row's leading capitals and gelar, placed (placed_name_certainty)."""
    row = index.rows[row_no]
    m = _SHIFTED_ROW.match(index.text[row.start : row.end])
    if m is None or row_no + 1 >= len(index.rows):
        return None
    after = index.rows[row_no + 1]
    if not _NIP_DIGITS.search(index.text[after.start : after.end]):
        return None
    kept = []
    for word in m["v"].split():
        if not (word.isupper() or "." in word):
            break  # the sentence beside the form begins
        kept.append(word)
    text = " ".join(kept).rstrip(" ,")
    if not kept or not name_like(text):
        return None
    start = row.start + m.start("v") + m["v"].find(kept[0])
    return placed(index, start, start + len(text), names.clean_name_value(text))


def other_person(a: str, b: str) -> bool:
    """True when two names read on one page are surely two people, not one name read twice with
    OCR damage ("ARE SUTRSSNO" under a signature, "ARIF SUTRISNO" in the form above): their
    similarity is below rules/names.yaml ``other_person_below`` and they share no word of five
    letters or more (a part of the name read alone, "RETNO" for RETNO SUPRAPTI, is no other person)."""
    shared = {w for w in names.strip_gelar(a).split() if len(w) >= 5} & set(names.strip_gelar(b).split())
    return not shared and names.name_similarity(a, b) < float(recall_rules()["other_person_below"])


# Capitalised words in a signature column or under a table's caption that name no person.
@functools.cache
def caption_words() -> frozenset[str]:
    """Caption, heading and office words that are no part of a name (names.yaml caption_words)."""
    return frozenset(str(w).upper() for w in recall_rules()["caption_words"])


def is_caption(value: str) -> bool:
    """True when a value read as a name is only caption words and abbreviations: the "NIP" of a
    Lampiran's "NAMA | NIP" header, "PANGKAT /", a gelar's remains ("M.Ke.")."""
    words = [re.sub(r"[^A-Z]", "", w.upper()) for w in value.split() if not _abbreviation(w)]
    return not [w for w in words if len(w) >= 2 and w not in caption_words()]


def _abbreviation(word: str) -> bool:
    """'M.Ke.', 'S.Pd.', 'Drs.': a dotted word of a few letters or with a dot inside, not a name
    whose trailing dot is a speck ('SUPARMAN.')."""
    letters = re.sub(r"[^A-Za-z]", "", word)
    return word.endswith(".") and ("." in word.rstrip(".") or len(letters) <= 3)


def name_like(text: str) -> bool:
    """Whether a cell's text is a person's name as forms print it: at least five letters, nearly all
    capitals (gelar such as "S.Sos." aside), no heading or office word, no rank ("PEMBINA UTAMA
    MUDA" under a signature) and no address."""
    bare = names.strip_gelar(text).split()  # upper-cased, gelar ("S.Sos.") dropped
    printed = set(re.findall(r"[^\W_]+", text))
    if sum(len(re.sub(r"[^A-Z]", "", w)) for w in bare) < 5 or not all(w in printed for w in bare):
        return False  # every word of the name printed in capitals
    if {re.sub(r"[^A-Z]", "", t.upper()) for t in text.split()} & caption_words():
        return False
    rank = find_rank(text)
    return (rank is None or rank[2] > 2) and not is_address(text)


def column_text(index: TextIndex, row_no: int, left: float, right: float) -> tuple[int, int] | None:
    """(start, end) of the words of a row whose centre lies between left and right."""
    row = index.rows[row_no]
    spans = [
        s
        for w, s in zip(index.words, index.spans, strict=True)
        if row.start <= s.start < row.end and left <= (w.bbox[0] + w.bbox[2]) / 2 <= right
    ]
    return (spans[0].start, spans[-1].end) if spans else None


def name_in_column(index: TextIndex, row_nos: list[int], left: float, right: float) -> FieldValue | None:
    """The first of the given rows whose words in the column [left, right] are a name (name_like);
    rows with nothing in the column are passed over, a row with other text ends the search only
    when it is a name. The value keeps recall_rules()["placed_name_certainty"]."""
    for row_no in row_nos:
        if not 0 <= row_no < len(index.rows):
            continue
        found = column_text(index, row_no, left, right)
        if found is None:
            continue
        text = index.text[found[0] : found[1]]
        if name_like(text):
            value = names.clean_name_value(text)
            if len(re.sub(r"[^A-Za-z]", "", value)) >= 5:
                return placed(index, found[0], found[1], value)
    return None


def row_of(index: TextIndex, fv: FieldValue) -> int | None:
    """The row a value's box lies on (its vertical middle)."""
    if fv.bbox is None:
        return None
    middle = (fv.bbox[1] + fv.bbox[3]) / 2
    for n, row in enumerate(index.rows):
        box = index.bbox(row.start, row.end)
        if box is not None and box[1] <= middle <= box[3]:
            return n
    return None


def signature_name(index: TextIndex, nip_fv: FieldValue) -> FieldValue | None:
    """The name printed above a signature's "NIP. ..." in its column: the employee's on a DPCP's
    "Yang bersangkutan" signature, an official's under a letter. The column runs from the NIP's
    left edge (less a tenth of its width: names are centred or flush left over it) to its right."""
    row_no = row_of(index, nip_fv)
    if row_no is None or nip_fv.bbox is None:
        return None
    left, right = nip_fv.bbox[0], nip_fv.bbox[2]
    # the "NIP." label before the digits widens the column to the left
    rows = _rows_above(index, row_no, int(recall_rules()["signature_name_rows"]))
    return name_in_column(index, rows, left - (right - left) * 0.25, right + (right - left) * 0.1)


# A row of nothing but gelar ("M.Si.", "S.Sos., M.Si."): the end of a long name wrapped under it
_GELAR_ROW = re.compile(r"^\s*(?:[A-Za-z]{1,4}\.(?:[A-Za-z]{1,4}\.?)*,?\s*)+$")


def _rows_above(index: TextIndex, row_no: int, count: int) -> list[int]:
    """The ``count`` row numbers above ``row_no``, nearest first, not counting a row of gelar alone
    ("SUGENG RIYADI, S.Sos.," / "M.Si." / "Pembina Utama Muda" / "NIP. ..."): the name it ends
    is still within reach."""
    rows: list[int] = []
    for above in range(row_no - 1, -1, -1):
        if len(rows) == count:
            break
        row = index.rows[above]
        if not _GELAR_ROW.match(index.text[row.start : row.end]):
            rows.append(above)
    return rows


# The KK's signature caption: the last "KEPALA KELUARGA" on the page that is no member row's
# relation (member rows carry WNI and the marital status).
_KK_CAPTION = re.compile(r"KEPALA\s+KELUARGA", re.I)
_MEMBER_ROW = re.compile(r"\bWN[IA]\b|KAWIN", re.I)


def kk_head(index: TextIndex, read: dict[str, FieldValue]) -> FieldValue | None:
    """The kepala keluarga of a KK whose "Nama Kepala Keluarga" row OCR lost: the one member row
    whose relation reads KEPALA KELUARGA, else the name under the "KEPALA KELUARGA" signature
    caption at the foot of the card."""
    members = read.get("anggota")
    heads = [
        m
        for m in (members.value if members is not None and isinstance(members.value, list) else [])
        if m.get("hubungan") == "KEPALA KELUARGA" and m.get("nama") and name_like(str(m["nama"]))
    ]
    if len(heads) == 1:
        head = heads[0]
        certainty = float(recall_rules()["placed_name_certainty"])
        bbox = tuple(head["bbox"]) if head.get("bbox") else None
        return FieldValue(head["nama"], index.page, float(head.get("confidence", 0.5)) * certainty, bbox)
    captions = [
        (n, m)
        for n, (span, row) in enumerate(index.row_texts())
        for m in _KK_CAPTION.finditer(row)
        if not _MEMBER_ROW.search(row)
    ]
    if not captions:
        return None
    row_no, m = captions[-1]
    row = index.rows[row_no]
    box = index.bbox(row.start + m.start(), row.start + m.end())
    if box is None:
        return None
    width = box[2] - box[0]
    rows = [row_no + k for k in range(1, int(recall_rules()["kk_signature_rows"]) + 1)]
    return name_in_column(index, rows, box[0] - width * 0.3, box[2] + width * 0.3)


# The first row of a family table: its number 1 as OCR reads it ("1.", "L", "I", "|"), or two
# look-alikes of "1." ("Il.", "Ll", "LL", "L”"), but not a section's roman "II".
_FIRST_ROW = re.compile(r"^\s*(?:1|[lLI|!]|(?!II)[lLI|!]{2})\s*[.),:;|\"“”']?\s+")
_SPOUSE_OF = {"L": "nama_isteri", "P": "nama_suami"}  # the NIP holder's gender -> their spouse's field


_GENDER_ROW = re.compile(r"k[ea]lamin\W*(?:[1l|:;]\s+)?(?P<v>[A-Za-z-]{4,})", re.I)


def _printed_gender(index: TextIndex) -> str | None:
    """L or P from the page's "Jenis Kelamin : Perempuan" row, the word as OCR may damage it
    ("Terempuan", "Laki-lakd")."""
    m = _GENDER_ROW.search(index.text)
    if m is None:
        return None
    word = m["v"].upper()
    if word.startswith("LAKI") or fuzz.ratio(word[:4], "LAKI") >= 75:
        return "L"
    return "P" if fuzz.ratio(word, "PEREMPUAN") >= 75 else None


_WIDOWED = re.compile(r"\b(janda|duda)\s+dari\b", re.I)


def _holder_spouse_field(index: TextIndex) -> str | None:
    """nama_isteri or nama_suami by the gender printed on the page, else by the gender digit of
    the first valid NIP on it: the employee's (or, on a widow's list, the late employee's), whose
    spouse the family table lists. The printed gender wins: an NIP whose gender digit disagrees
    is a defect the cross-checks report, not the person's gender."""
    widowed = _WIDOWED.search(index.text)
    if widowed is not None:  # a widow's (widower's) list: the spouse row is the one who writes it
        return "nama_isteri" if widowed.group(1).lower() == "janda" else "nama_suami"
    printed = _printed_gender(index)
    if printed is not None:
        return _SPOUSE_OF[printed]
    for value, _, _ in nip.find_nips(index.text):
        info = nip.decode_nip(value)
        if info.is_valid and info.gender in _SPOUSE_OF:
            return _SPOUSE_OF[info.gender]
    return None


def spouse_row(index: TextIndex, holder_born: date | None = None) -> dict[str, FieldValue]:
    """The spouse in a family table (DPCP keterangan keluarga, KP-4 susunan keluarga) where
    kk.read_spouse_table found no row with two dates and a relation: row 1 with a relation word
    after its one readable date ("1. RINI PURWANTI nana 1973 12-02-1906 - Isteri", "L | NUR
    SETYANINGSIH 28-03-1970 30-06- B3 Isoeri"), or row 1 with two dates (birth and marriage, a
    child's row has one) and its keterangan blank or unreadable, whose relation is then the NIP
    holder's spouse, and whose second date the marriage's (:func:`kk.marriage_date`, at the
    certainty of a value placed by position). The name ends at its first word with a digit or in
    lower case."""
    words, kept = _spouse_words()
    rows = index.row_texts()
    for k, (span, row) in enumerate(rows):
        m = _FIRST_ROW.match(row)
        unnumbered = m is None and k > 0 and _under_spouse_header(rows[k - 1][1])
        if unnumbered:
            m = _NO_NUMBER.match(row)
        shapes = list(DATE_SHAPE.finditer(row, m.end())) if m else []
        if not shapes or ":" in row[m.end() : shapes[0].start()]:
            continue  # a labelled row numbered 1 ("1. Mulai masuk PNS (TMT CPNS) : 01-01-2007") is no table row
        after = [w.upper() for w in re.findall(r"[A-Za-z]{4,}", row[shapes[0].end() :])]
        if any(fuzz.ratio(w, "ANAK") >= RELATION_CUTOFF for w in after):
            continue
        scored = [(relation_score(a, w), w) for a in after for w in words]
        best = max(scored, default=(0.0, ""))
        field = words[best[1]] if best[0] >= RELATION_CUTOFF else None
        if unnumbered and field is None:
            continue  # a row that lost its number counts only with its relation word read
        if field is None and len(shapes) >= 2:
            field = _holder_spouse_field(index)
        if field is None:
            return {}
        raw = row[m.end() : shapes[0].start()]
        out = _married_after_lost_birth(index, span.start, row, raw, shapes)
        if not out and len(shapes) >= 2:
            # both dates read, the relation cell not ("L NUR PURWANTI 15-03-1970 10-10-1994 Kuy-—w
            # Swasta kaset", seed 69371): the marriage date is the second, as on a row read whole
            married = marriage_date(index, span.start, shapes[:2], holder_born)
            if married is not None:
                certainty = float(recall_rules()["placed_name_certainty"]) * married.confidence
                out = {"tanggal_nikah": replace(married, confidence=certainty)}
        # "RINI PURWANTI nana 1973", "SUGENG HARYANTO IX Il Nibre-1007": the name ends before the
        # first word with a digit or a small letter, and a short word left before that is the
        # lost date's debris too
        cut = re.search(r"\s(?=\S*[\da-z])", raw)
        raw = raw[: cut.start()] if cut else raw
        if len(re.findall(r"[A-Z]{3,}", raw)) >= 2:
            raw = re.sub(r"(?:\s+\S{1,2})+\s*$", "", raw)
        offset, name = _row_name(raw, kept)
        if len(re.sub(r"[^A-Za-z]", "", name)) < 3 or not name_like(name):
            return {}
        start = span.start + m.end() + offset
        return {**out, field: placed(index, start, start + len(name), name)}
    return {}


# A row with no number, for the row just under the spouse table's header when OCR lost its "1."
_NO_NUMBER = re.compile(r"^\s*")


@functools.cache
def _header_columns() -> tuple[str, tuple[str, ...]]:
    data = load_yaml(RULES_DIR / "fields.yaml")["spouse_table"]
    return str(data["header_name"]).upper(), tuple(str(w).upper() for w in data["header_marriage"])


def _under_spouse_header(row: str) -> bool:
    """Whether ``row`` is the header of a family table's spouse section: a NAMA column and a marriage
    date column (TANGGAL NIKAH / TANGGAL PERKAWINAN; rules/fields.yaml spouse_table), so the row
    below it is the first spouse row even where OCR lost its number ("HERU HIDAYAT | as-2-1968
    15-03-1990 Suami")."""
    name, marriage = _header_columns()
    cells = [w.upper() for w in re.findall(r"[A-Za-z]{4,}", row)]
    has_name = any(fuzz.ratio(c, name) >= RELATION_CUTOFF for c in cells)
    return has_name and any(fuzz.ratio(c, w) >= RELATION_CUTOFF for c in cells for w in marriage)


# What a spouse row's birth-date cell leaves when OCR loses it: digits among other marks ("124 79",
# "Nibre-1007 --").
_LOST_DATE = re.compile(r"\S*\d\S*(?:\s+\S+)?\s*$")


def _married_after_lost_birth(
    index: TextIndex, row_start: int, row: str, name_cell: str, shapes: list[re.Match[str]]
) -> dict[str, FieldValue]:
    """tanggal_nikah from a spouse row whose birth date OCR lost: the row's one date is the marriage
    date when the debris of a date stands before it and the relation word ("Isteri ke-1", "Suami")
    after it (_relation_follows), the column order of the DPCP and KP-4 family tables (NAMA,
    TANGGAL LAHIR, TANGGAL NIKAH, [PEKERJAAN,] KETERANGAN). Placed by position, so below certain
    (placed_name_certainty)."""
    related = _relation_follows(row[shapes[0].end() :])
    if len(shapes) != 1 or not related or not _LOST_DATE.search(name_cell):
        return {}
    found = dates.find_dates(shapes[0].group())
    if not found:
        return {}
    d = found[0]
    s = row_start + shapes[0].start() + d.start
    certainty = float(recall_rules()["placed_name_certainty"]) * d.certainty
    return {"tanggal_nikah": index.field_value(s, s + len(d.raw), dates.iso(d.value), certainty)}


def _relation_follows(rest: str) -> bool:
    """Whether a relation word (Isteri, Suami) follows the date: as the next cell (DPCP: "12-02-1996
    Isteri ke-1"), or as the row's last cell after the PEKERJAAN cell of a KP-4 susunan keluarga
    ("04-05-1994 Pedagang Isteri")."""
    cells = [re.sub(r"[^A-Za-z]", "", w).upper() for w in rest.split()]
    candidates = [c for c in (cells[:1] + cells[-1:]) if c]
    return any(relation_score(c, w) >= RELATION_CUTOFF for c in candidates for w in _spouse_words()[0])


# A "Nama ..." row: "Nama Nasabah : X" with the second word as OCR damaged it ("Nacahah", "Matt"),
# its colon read as "!", "»" or "1".
_NAMA_ANY_ROW = re.compile(r"^\W{0,3}(?P<label>[A-Za-z]{4,5})(?:\s+[A-Za-z]{2,9})?\s*(?:[:;!»|]|\s1\s)\s*(?P<v>.+)$")


def passbook_name(index: TextIndex) -> dict[str, FieldValue]:
    """The account holder of a buku tabungan whose "Nama Nasabah" label OCR damaged past matching
    ("Nama Nacahah : JOKO HIDAYAT", "Nama Matt » ANIK PURWANTI"): the first "Nama <word>" row whose
    value is a name in capitals (name_like; the "Alamat" row read as "Namat" holds an address)."""
    for span, row in index.row_texts():
        m = _NAMA_ANY_ROW.match(row)
        if m is None or fuzz.ratio(m["label"].upper(), "NAMA") < 75:
            continue
        value = names.clean_name_value(m["v"])
        if not name_like(value):
            continue
        return {"nama": placed(index, span.start + m.start("v"), span.end, value)}
    return {}
