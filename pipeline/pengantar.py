"""The surat pengantar usul pensiun: the employee's row of its table, read column by column.

"Bersama ini kami sampaikan usul pemberhentian dengan hak pensiun ... atas nama:" is followed by a
table, one row per employee: NO | NAMA / NIP | PANGKAT / GOL. RUANG | JABATAN | TMT PENSIUN (other
agencies: "Nama | NIP | Pangkat/Gol.Ruang | Unit Kerja", "Gol./Ruang", "Pangkat / Golongan"). Its
cells wrap ("Penata" / "Tingkat I /" / "III/d"; the NIP broken after "200801 1"), and OCR rows run
across the columns, so the cells are read from the words under their heading (pipeline/tablecols.py):

- NIP: the first valid NIP in the NAMA / NIP column (else in any column: its heading lost to
  OCR), its digits joined over the cell's lines;
- nama: the capitals on or above the NIP's line in the name's column(s) (gelar and specks aside);
- pangkat / golongan: the rank name in the PANGKAT / GOL. RUANG column (rules/pangkat.yaml) and
  the golongan printed after it, reconciled as on every other document (ranks.reconcile).

A widow's or widower's pengantar names the couple in its closing sentence (narrative.read_heir);
its table is the late employee's, whose NIP and golongan it still gives. Without a header to go
by, the name is read above the NIP by the NIP's own position (narrative.read_table_name).
"""

from __future__ import annotations

import re

from pipeline import names, nip
from pipeline.models import FieldValue, Word
from pipeline.narrative import TABLE_NAME_CERTAINTY, read_heir, read_table_name
from pipeline.ranks import find_rank, printed_golongan, reconcile
from pipeline.tablecols import Table, column_lines, find_table, header_words
from pipeline.textindex import Span, TextIndex

Line = list[tuple[Word, Span]]
NIP_CERTAINTY = 0.9  # digits joined over a cell's lines by position: confirmed by the NIP's structure
RANK_CERTAINTY = 0.9  # a golongan that rests on the rank's name (as extract.golongan_of_pangkat)
NAME_LINES = 2  # a long name with its gelar wraps to a second line in a narrow column
MIN_NAME_LETTERS = 5  # a shorter reading is a name's remnant ("ke LARI," of ISTI LESTARI), not a name
NOT_A_NAME = {"NAMA", "NIP", "NO"}  # the column's own labels ("NIP." beside the number)


def read_pengantar(index: TextIndex) -> dict[str, FieldValue]:
    """nama (or the couple's names), nip, pangkat and golongan of a pengantar page."""
    heir = read_heir(index)
    table = find_table(index)
    row = _employee_row(index, table) if table is not None else read_table_name(index)
    if heir:  # the table's NIP, read down its column, before one found near "Almarhum"
        return {**heir, **{k: v for k, v in row.items() if k != "nama"}}
    return row


def read_table_rank(index: TextIndex) -> dict[str, FieldValue]:
    """pangkat and golongan of the first employee of a table with a PANGKAT / GOL. RUANG column:
    the pengantar's, and a decree's Lampiran ("NO | NAMA / NIP | PANGKAT / GOL. RUANG | JABATAN |
    UNIT KERJA" of a keputusan pengangkatan dalam jabatan for several employees)."""
    table = find_table(index)
    if table is None:
        return {}
    return _rank_cell(index, column_lines(table, "pangkat_golongan"))


def _employee_row(index: TextIndex, table: Table) -> dict[str, FieldValue]:
    """The first employee of the table: their NIP (in the NAMA / NIP column, else in any column: a
    heading OCR lost), the name on or above the NIP's line in the name's column(s), the rank cell."""
    out: dict[str, FieldValue] = {}
    names_pool = column_lines(table, "nama_nip")
    order = sorted(range(len(table.columns)), key=lambda c: "nama_nip" not in table.columns[c].kinds)
    for c in order:
        lines = column_lines(table, column=c)
        found = _column_nip(index, lines)
        if found is not None:
            out["nip"], nip_line = found
            pool = names_pool if "nama_nip" in table.columns[c].kinds else lines
            own = {s.start for _, s in lines[nip_line]}  # the NIP's line of its own column: no name on it
            above = [[(w, s) for w, s in line if s.start not in own] for line in pool]
            name = _name_above(index, [line for line in above if line and _top(line) <= _top(lines[nip_line])])
            break
    else:
        name = _name_above(index, names_pool[:NAME_LINES])
    if name is None:  # the NIP's column is not the name's (its NAMA / NIP heading lost to OCR)
        name = read_table_name(index).get("nama")
    if name is not None:
        out["nama"] = name
    out.update(_rank_cell(index, column_lines(table, "pangkat_golongan")))
    return out


def _top(line: Line) -> float:
    return min(w.bbox[1] for w, _ in line)


def _joined(lines: list[Line]) -> tuple[str, list[tuple[Span, Span]]]:
    """The lines' words as one text (a newline between lines) and, per word, (its span in that text,
    its span in the page's TextIndex), so a match in the text maps back to the page."""
    parts: list[str] = []
    spans: list[tuple[Span, Span]] = []
    pos = 0
    for line in lines:
        for i, (word, span) in enumerate(line):
            if i:
                parts.append(" ")
                pos += 1
            spans.append((Span(pos, pos + len(word.text)), span))
            parts.append(word.text)
            pos += len(word.text)
        parts.append("\n")
        pos += 1
    return "".join(parts), spans


def _field(
    index: TextIndex, spans: list[tuple[Span, Span]], start: int, end: int, value, certainty: float
) -> FieldValue:
    """A value found at [start, end) of a _joined text, with the box and confidence of its words."""
    page = [p for own, p in spans if own.start < end and own.end > start]
    boxes = [index.bbox(p.start, p.end) for p in page]
    boxes = [b for b in boxes if b is not None]
    bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    conf = sum(index.confidence(p.start, p.end) for p in page) / max(len(page), 1)
    return FieldValue(value, index.page, round(conf * certainty, 3), bbox if boxes else None)


def _column_nip(index: TextIndex, lines: list[Line]) -> tuple[FieldValue, int] | None:
    """The first valid NIP in the NAMA / NIP column and the line it starts on. Only the column's words
    are joined, so a cell's "19680827 200803 2" / "340" is one NIP even when other columns' words
    stand between them on the page's rows."""
    text, spans = _joined(lines)
    for value, start, end in nip.find_nips(text, wrapped=True):
        if nip.decode_nip(value).is_valid:
            return _field(index, spans, start, end, value, NIP_CERTAINTY), text.count("\n", 0, start)
    return None


def _name_tokens(line: Line) -> Line:
    """A name line without OCR debris: marks alone (":", "/", "|"), lower-case specks ("g",
    "bing.") that are no gelar (the name itself is printed in capitals), numbers and labels."""
    kept = []
    for word, span in line:
        letters = re.sub(r"[^A-Za-z]", "", word.text)
        if not letters or (letters.islower() and not names.is_gelar(word.text)) or re.search(r"\d", word.text):
            continue  # the NIP and its label beside the name (NAMA and NIP columns apart) go too
        if letters.upper() in NOT_A_NAME:
            continue
        kept.append((word, span))
    return kept


def _is_name(tokens: Line) -> bool:
    """Capitals (gelar aside: "S.Sos." is not in capitals), no digits run, no column label."""
    plain = [w.text for w, _ in tokens if not names.is_gelar(w.text)]
    letters = re.sub(r"[^A-Za-z]", "", " ".join(plain))
    if len(letters) < 3 or re.search(r"\d{3}", " ".join(plain)):
        return False
    # a heading of the table ("GOL.RUANG" where the NAMA / NIP heading was lost) is no name either
    labels = NOT_A_NAME | header_words().keys()
    if any(re.sub(r"[^A-Z]", "", t.upper()) in labels for t in plain):
        return False
    return sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _gelar_only(tokens: Line) -> bool:
    return bool(tokens) and all(names.is_gelar(w.text) for w, _ in tokens)


def _name_above(index: TextIndex, lines: list[Line]) -> FieldValue | None:
    """The name: the name-like lines just above the NIP's line, read bottom up (up to NAME_LINES
    lines of name, "ROCHMAT" over "WIDODO, S.T.", plus a line of gelar alone, "S.Sos."); lines of
    debris between the name and the NIP are passed over."""
    picked: list[Line] = []
    for line in reversed(lines[-(NAME_LINES + 2) :]):
        tokens = _name_tokens(line)
        if _gelar_only(tokens) and not picked:
            picked.insert(0, tokens)
        elif tokens and _is_name(tokens):
            picked.insert(0, tokens)
            if sum(not _gelar_only(p) for p in picked) >= NAME_LINES:
                break
        elif any(not _gelar_only(p) for p in picked):
            break
    if not any(not _gelar_only(p) for p in picked):
        return None
    while _gelar_only(picked[0]):
        picked.pop(0)
    text, spans = _joined(picked)
    value = names.clean_name_value(" ".join(text.split()))
    if len(re.sub(r"[^A-Za-z]", "", names.strip_gelar(value))) < MIN_NAME_LETTERS:
        return None
    return _field(index, spans, 0, len(text), value, TABLE_NAME_CERTAINTY)


def _rank_cell(index: TextIndex, lines: list[Line]) -> dict[str, FieldValue]:
    """pangkat and golongan from the PANGKAT / GOL. RUANG cell: the first rank name in it and the
    golongan printed after it (or before it, where the column prints "III/d Penata Tk. I")."""
    text, spans = _joined(lines)
    flat = text.replace("\n", " ")
    rank = find_rank(flat)
    out: dict[str, FieldValue] = {}
    if rank is not None:
        name, rank_gol, start, end = rank
        out["pangkat"] = _field(index, spans, start, end, _title(name), 1.0)
        printed = printed_golongan(flat[end:], cell=True)
        offset = end
        if printed is None:
            printed, offset = printed_golongan(flat[:start], cell=True), 0
    else:
        rank_gol, offset = None, 0  # with no rank to confirm it, only a golongan printed whole ("III/d")
        printed = printed_golongan(flat, loose=False)
    value = reconcile(printed[0] if printed else None, rank_gol)
    if value is None:
        # a rank cut short ("Penata" over a lost "Tingkat I", beside "TI/d"; ranks.reconcile) is no
        # rank to report either: the document's golongan would be taken from it
        return out if printed is None or rank_gol is None else {}
    if printed is not None and printed[0][-1:] == value[-1:]:
        certainty = 1.0 if printed[0] == value else RANK_CERTAINTY
        out["golongan"] = _field(index, spans, offset + printed[1], offset + printed[2], value, certainty)
    else:
        out["golongan"] = FieldValue(
            value, index.page, round(out["pangkat"].confidence * RANK_CERTAINTY, 3), out["pangkat"].bbox
        )
    return out


def _title(rank: str) -> str:
    """'PENATA TINGKAT I' -> 'Penata Tingkat I', as rules/pangkat.yaml writes it."""
    return " ".join(w if w == "I" else w.capitalize() for w in rank.split())
