"""The current golongan from the riwayat kepangkatan table of a daftar riwayat pekerjaan.

The table lists every rank the employee held, one row each: "4. Kenaikan pangkat, Penata Tingkat I
III/d 01-04-2021 sekarang Rp3.753.200 823.3/230/2021" (URAIAN PANGKAT / JABATAN | GOL. | MULAI |
SAMPAI | GAJI POKOK | PEJABAT, NOMOR) or "4. Penata Tingkat I III/d 01-04-2018 823.3/1157/2018
19-03-2018 Bupati Brebes" (PANGKAT | GOL. | TMT | NOMOR SK | TANGGAL SK | PEJABAT). The current
rank is the row that runs to "sekarang", else the one with the latest TMT. Its rank name is read
fuzzily (ranks.find_rank) and the GOL. cell beside it must show the same ruang letter: the roman
part of that cell is what OCR loses ("Id", "md", "Jd"), the letter survives. A row of the table
below the chosen one with a later date means the current row's rank did not read: nothing is taken.
"""

from __future__ import annotations

import re

from pipeline.ranks import damaged_golongan, find_rank, printed_golongan
from pipeline.textindex import TextIndex

# The TMT of a table row: "01-04-2021" (OCR may read the 0 as O).
ROW_DATE = re.compile(r"(?<![0-9])[0-3O][0-9]\s*-\s*[01O][0-9]\s*-\s*((?:19|20)[0-9]{2})(?![0-9])")
# The GOL. cell follows the rank within this many characters ("Penata Tingkat | Id 01-04-2021").
CELL_GAP = 10
CURRENT_WORDS = ("sekarang",)  # the SAMPAI cell of the rank held now


def current_golongan(index: TextIndex) -> tuple[str, int, int] | None:
    """(golongan, start, end of its cell in the page text) of the rank held now, or None."""
    rows: list[tuple[int, int, bool, str | None, int, int]] = []  # (row, year, now, golongan, start, end)
    dated: list[tuple[int, int]] = []  # (row number, year) of every dated row
    for n, (span, row) in enumerate(index.row_texts()):
        date = ROW_DATE.search(row)
        if date is not None:
            dated.append((n, int(date.group(1))))
        found = find_rank(row)
        if found is None or date is None and not _current(row):
            continue
        _, rank_gol, _, end = found
        cell = row[end : end + CELL_GAP]
        letter = _cell_letter(cell)
        agrees = letter is not None and letter == rank_gol[-1:]
        offset = len(cell) - len(cell.lstrip())
        token = cell.split()[0] if cell.split() else ""
        start = span.start + end + offset
        year = int(date.group(1)) if date is not None else 0
        rows.append((n, year, _current(row), rank_gol if agrees else None, start, start + len(token)))
    if not rows:
        return None
    now = [r for r in rows if r[2]]
    chosen = now[0] if len(now) == 1 else max(rows, key=lambda r: r[1]) if not now else None
    if chosen is None or chosen[3] is None:
        return None
    if not chosen[2] and any(n > chosen[0] and year > chosen[1] for n, year in dated):
        return None
    if not chosen[2] and _ended(index.row_texts()[chosen[0]][1]):
        return None
    return chosen[3], chosen[4], chosen[5]


def _ended(row: str) -> bool:
    """Whether a row's rank ran out: a SAMPAI date after its MULAI ("01-04-2017 31-03-2021"), so a
    later row, unread, holds the current rank. The TANGGAL SK of the other layout comes before
    its TMT ("01-04-2018 ... 19-03-2018")."""
    found = [_ymd(m) for m in ROW_DATE.finditer(row)]
    return len(found) > 1 and max(found[1:]) > found[0]


def _ymd(m: re.Match[str]) -> tuple[int, int, int]:
    day, month, _ = re.split(r"\s*-\s*", m.group().replace("O", "0"))
    return int(m.group(1)), int(month), int(day)


def _current(row: str) -> bool:
    return any(w in row.lower() for w in CURRENT_WORDS)


def _cell_letter(cell: str) -> str | None:
    """The ruang letter of the GOL. cell after a rank ("Id", "md", "Il/b", "IWa"); its roman part
    is not read (the rank name says it)."""
    token = cell.split()[0] if cell.split() else ""
    damaged = damaged_golongan(token)
    printed = printed_golongan(token, cell=True)
    value = printed[0] if printed is not None else damaged
    return value[-1:] if value else None
