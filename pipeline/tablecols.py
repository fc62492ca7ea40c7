"""The columns of a table found by its header words, so a cell is read from the words under it.

A usul pensiun pengantar lists the employee in a table ("NO | NAMA / NIP | PANGKAT / GOL. RUANG |
JABATAN | TMT PENSIUN"; other agencies print "Nama | NIP | Pangkat/Gol.Ruang | Unit Kerja", or
"Pangkat / Golongan"). Its cells wrap over several lines, so Tesseract's rows mix columns: the name's
second line, the rank's "Tingkat I /" and the jabatan's last word share one row, and a golongan
sits on a row of its own. Reading by rows cannot take them apart; reading by column can:

- the header is the row whose words are almost all column headings (rules/fields.yaml
  ``table_headers``), with the heading rows just above and below it (a heading wrapped in its cell,
  "PANGKAT /" over "GOL. RUANG"); its words, grouped by position, are the columns;
- the body is every row below the header down to the first row of running text (many words
  spread evenly over the table's width; a table row leaves gaps between its cells) or a wide
  vertical gap (the signature);
- body words are taken in runs, words spaced as one text is (a cell's line), and each run goes to
  the column it overlaps most. A column ends where no run crosses between its heading and the
  next (the space between two columns' texts), else half-way, and never right of where the next
  column's lines start (cells are left-aligned, headings centred: a narrow NO column beside a wide
  NAMA / NIP one); a run that two cells' texts made by coming closer than a word space is cut
  where the next column's lines start.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from pipeline.models import Word
from pipeline.settings import RULES_DIR, load_yaml
from pipeline.textindex import Span, TextIndex

HEADER_SHARE = 0.6  # of a header row's words that are headings (OCR adds a stray word or two)
MIN_HEADER_KINDS = 2  # a "Nama / NIP :" form row names one column only: no table
HEADER_ROWS = 4  # rows from the first header-like row within which the best one is the core
FUZZY_HEADING = 80  # rapidfuzz ratio for headings of four letters or more ("JABATAN" read "YABATAN")
SAME_CELL_GAP = 1.2  # x word height: header words this close on a row are one heading ("NAMA / NIP")
PROSE_WORDS = 5  # a row of running text below the table: this many words or more, ...
PROSE_GAP = 2.0  # x word height: ... no space between them wider (justified text stretches its spaces) ...
PROSE_WIDTH = 0.6  # x the header's width: ... over at least this much of the table
EDGE_SLACK = 0.5  # x word height: a column starts this far left of where its text starts
RUN_GAP = 1.0  # x word height: the widest space inside one cell's run of words (cells lie further apart)
BODY_GAP = 2.5  # x word height: a vertical gap this wide ends the table (signature, next section)


@dataclass(frozen=True)
class Column:
    """One column: the kinds of its heading words (``table_headers``), its horizontal extent."""

    kinds: frozenset[str]
    left: float
    right: float


@dataclass(frozen=True)
class Table:
    """The columns of a table, the rows of its body (indexes into TextIndex.rows) and its words."""

    columns: tuple[Column, ...]
    body_rows: tuple[int, ...]
    words: tuple[tuple[int, int, Word, Span], ...]  # body words: (page row, column index, word, span)


@functools.cache
def header_words() -> dict[str, str]:
    """{heading word: column kind} from rules/fields.yaml ``table_headers``."""
    data = load_yaml(RULES_DIR / "fields.yaml")["table_headers"]
    return {str(word).upper(): kind for kind, words in data.items() for word in words}


def heading_kinds(text: str) -> set[str]:
    """The column kinds a word of a header names: "GOL.RUANG" -> {pangkat_golongan}, "NAMA/" ->
    {nama_nip}. Short headings (NO, NIP, GOL, TMT) must read exactly, longer ones fuzzily."""
    vocab = header_words()
    kinds: set[str] = set()
    for token in re.findall(r"[A-Za-z]+", text):
        token = token.upper()
        if token in vocab:
            kinds.add(vocab[token])
        elif len(token) >= 4:
            best = max(((fuzz.ratio(token, w), w) for w in vocab if len(w) >= 4), default=(0.0, ""))
            if best[0] >= FUZZY_HEADING:
                kinds.add(vocab[best[1]])
    return kinds


def _row_words(index: TextIndex, row: Span) -> list[tuple[Word, Span]]:
    return [(w, s) for w, s in zip(index.words, index.spans, strict=True) if row.start <= s.start < row.end]


def _has_letters(word: Word) -> bool:
    return re.search(r"[A-Za-z]", word.text) is not None


def _header_share(words: list[Word]) -> tuple[int, int, set[str]]:
    """(heading words, words with letters, kinds named) of one row."""
    lettered = [w for w in words if _has_letters(w)]
    kinds_per_word = [heading_kinds(w.text) for w in lettered]
    return sum(1 for k in kinds_per_word if k), len(lettered), set().union(*kinds_per_word)


def _is_core_header(words: list[Word]) -> bool:
    hits, n, kinds = _header_share(words)
    return len(kinds) >= MIN_HEADER_KINDS and hits >= HEADER_SHARE * n


def _is_header_part(words: list[Word]) -> bool:
    """A heading row next to the core one: "PANGKAT /", "GOL.RUANG pensiun", "TMT"; at most one
    stray word per two headings ("Po PANGKAT (Tn" is not), or half of it headings when there are
    two or more ("no HAMA/ NIP YABAIAN": NAMA and JABATAN misread). "atas nama:" ending the
    sentence above the table is not."""
    hits, n, _ = _header_share(words)
    return (hits >= 1 and n - hits <= max(0, hits - 1)) or (hits >= 2 and hits >= 0.5 * n)


def _height(words: list[Word]) -> float:
    heights = sorted(w.bbox[3] - w.bbox[1] for w in words)
    return float(heights[len(heights) // 2]) if heights else 1.0


def _header_rows(index: TextIndex) -> list[int] | None:
    """Indexes of the header's rows: its core row and the heading rows right above and below it.
    The core is the row with the most headings among the first that qualify and the few after it
    (a header of three rows whose first row OCR half lost still has a good second one)."""
    rows = [[w for w, _ in _row_words(index, r)] for r in index.rows]
    first = next((i for i, words in enumerate(rows) if words and _is_core_header(words)), None)
    if first is None:
        return None
    near = [i for i in range(first, min(first + HEADER_ROWS, len(rows))) if rows[i] and _is_core_header(rows[i])]
    core = max(near, key=lambda i: (_header_share(rows[i])[0], -i))
    band = [core]
    h = _height(rows[core])
    for step in (-1, 1):
        i = core + step
        while 0 <= i < len(rows) and rows[i] and _is_header_part(rows[i]):
            edge = rows[band[-1] if step > 0 else band[0]]
            if step > 0:
                gap = min(w.bbox[1] for w in rows[i]) - max(w.bbox[3] for w in edge)
            else:
                gap = min(w.bbox[1] for w in edge) - max(w.bbox[3] for w in rows[i])
            if gap > h:
                break
            band = [*band, i] if step > 0 else [i, *band]
            i += step
    return band


def _cells(words: list[Word]) -> list[tuple[float, float, frozenset[str]]]:
    """Header words grouped into headings by position: words overlapping in x (a heading wrapped over
    rows) or close on a row ("NAMA / NIP"). Headings of one kind apart ("Nama" and "NIP" in columns
    of their own) stay apart; a reader asking for the kind gets both (column_lines)."""
    lettered = sorted((w for w in words if _has_letters(w)), key=lambda w: w.bbox[0])
    gap = SAME_CELL_GAP * _height(lettered)
    cells: list[list] = []
    for w in lettered:
        kinds = frozenset(heading_kinds(w.text))
        if cells and w.bbox[0] <= cells[-1][1] + gap:
            cells[-1][1] = max(cells[-1][1], w.bbox[2])
            cells[-1][2] |= kinds
        else:
            cells.append([w.bbox[0], w.bbox[2], set(kinds)])
    return [(float(a), float(b), frozenset(k)) for a, b, k in cells]


def _phrases(words: list[tuple[Word, Span]], gap: float) -> list[list[tuple[Word, Span]]]:
    """One page row's words in runs spaced as words of one text are (gap: the widest space between
    two words of a run). A cell's text is one run; two cells are never closer than their padding."""
    runs: list[list[tuple[Word, Span]]] = []
    for w, s in sorted(words, key=lambda ws: ws[0].bbox[0]):
        if runs and w.bbox[0] - max(x.bbox[2] for x, _ in runs[-1]) <= gap:
            runs[-1].append((w, s))
        else:
            runs.append([(w, s)])
    return runs


def _extent(run: list[tuple[Word, Span]]) -> tuple[float, float]:
    return min(w.bbox[0] for w, _ in run), max(w.bbox[2] for w, _ in run)


def _is_prose(words: list[Word], width: float, h: float) -> bool:
    """Running text below the table: at least PROSE_WORDS words spread evenly (no space wider than
    PROSE_GAP word heights, as in a justified line) over most of the table's width. A table row
    leaves the padding of its cells and its empty columns between its words."""
    xs = sorted((w.bbox[0], w.bbox[2]) for w in words)
    if len(xs) < PROSE_WORDS:
        return False
    widest = max(b[0] - a[1] for a, b in zip(xs, xs[1:], strict=False))
    return widest <= PROSE_GAP * h and max(x1 for _, x1 in xs) - xs[0][0] >= PROSE_WIDTH * width


def _text_start(starts: list[float], tol: float) -> float | None:
    """Where a column's text starts: the x shared (within ``tol``) by most of its runs' starts, the
    left edge its lines are aligned on; of equally common ones the leftmost."""
    if not starts:
        return None
    groups = [[x for x in starts if abs(x - s) <= tol] for s in starts]
    return min(max(groups, key=lambda g: (len(g), -min(g))))


def _river(left: float, right: float, runs: list[tuple[float, float]]) -> float | None:
    """The middle of the widest stretch between two headings that no run of the body covers: the
    space between two columns' texts. None when the runs leave no such stretch."""
    covered = sorted((max(left, x0), min(right, x1)) for x0, x1 in runs if x1 > left and x0 < right)
    free: list[tuple[float, float]] = []
    pos = left
    for x0, x1 in covered:
        if x0 > pos:
            free.append((pos, x0))
        pos = max(pos, x1)
    if pos < right:
        free.append((pos, right))
    if not free:
        return None
    x0, x1 = max(free, key=lambda f: f[1] - f[0])
    return (x0 + x1) / 2


def _place(runs: list[tuple[float, float]], lefts: list[float], rights: list[float]) -> list[int]:
    """The column of each run: the one it overlaps most."""
    return [
        max(range(len(lefts)), key=lambda c, x0=x0, x1=x1: min(x1, rights[c]) - max(x0, lefts[c])) for x0, x1 in runs
    ]


def _split(run: list[tuple[Word, Span]], starts: list[float], tol: float) -> list[list[tuple[Word, Span]]]:
    """A run cut before a word that starts on a column's text start while the word before it ends
    short of it: two cells whose texts came closer than a word space ("Penata Muda /" and
    "Pengadministrasi" of the next column)."""
    parts = [[run[0]]]
    for prev, cur in zip(run, run[1:], strict=False):
        if any(abs(cur[0].bbox[0] - x) <= tol and prev[0].bbox[2] <= x + tol for x in starts):
            parts.append([])
        parts[-1].append(cur)
    return parts


def _body(index: TextIndex, band: list[int], width: float, h: float) -> list[int]:
    """The rows under the header down to running text or a wide vertical gap."""
    body: list[int] = []
    last_bottom = max(w.bbox[3] for i in band for w, _ in _row_words(index, index.rows[i]))
    for i in range(band[-1] + 1, len(index.rows)):
        words = [w for w, _ in _row_words(index, index.rows[i])]
        if not words:
            continue
        if min(w.bbox[1] for w in words) - last_bottom > BODY_GAP * h or _is_prose(words, width, h):
            break
        body.append(i)
        last_bottom = max(last_bottom, max(w.bbox[3] for w in words))
    return body


def find_table(index: TextIndex) -> Table | None:
    """The first table on the page whose header names at least two kinds of column, or None.

    Body words are taken in runs (a cell's text) and each run goes to the column it overlaps most.
    Between two headings a column ends in the widest vertical stretch no run covers (the space
    between two columns' texts), else half-way; and where the next column's lines start further
    left than that (a narrow NO column beside a wide NAMA / NIP one: headings centred, cells
    left-aligned) just short of where they start."""
    band = _header_rows(index)
    if band is None:
        return None
    header = [w for i in band for w, _ in _row_words(index, index.rows[i])]
    cells = _cells(header)
    if len(cells) < 2:
        return None
    h = _height(header)
    body = _body(index, band, cells[-1][1] - cells[0][0], h)
    row_of = {s.start: i for i in body for _, s in _row_words(index, index.rows[i])}
    runs = [run for i in body for run in _phrases(_row_words(index, index.rows[i]), RUN_GAP * h)]
    extents = [_extent(r) for r in runs]
    gaps = list(zip(cells, cells[1:], strict=False))
    rivers = [_river(a[1], b[0], extents) for a, b in gaps]
    edges = [(a[1] + b[0]) / 2 if r is None else r for (a, b), r in zip(gaps, rivers, strict=True)]
    lefts = [float("-inf"), *edges]
    first = _place(extents, lefts, [*edges, float("inf")])
    slack = EDGE_SLACK * h
    starts = [
        _text_start([x0 for (x0, _), k in zip(extents, first, strict=True) if k == c and x0 >= lefts[c]], slack)
        for c in range(len(cells))
    ]
    edges = [
        edge if start is None else max(a[1], min(edge, start - slack))
        for (a, _), edge, start in zip(gaps, edges, starts[1:], strict=True)
    ]
    lefts, rights = [float("-inf"), *edges], [*edges, float("inf")]
    aligned = [x for x in starts[1:] if x is not None]
    runs = [part for run in runs for part in _split(run, aligned, slack)]
    placed = _place([_extent(r) for r in runs], lefts, rights)
    columns = tuple(Column(c[2], lo, hi) for c, lo, hi in zip(cells, lefts, rights, strict=True))
    words = tuple((row_of[s.start], c, w, s) for c, run in zip(placed, runs, strict=True) for w, s in run)
    return Table(columns, tuple(body), words)


def column_lines(table: Table, kind: str | None = None, column: int | None = None) -> list[list[tuple[Word, Span]]]:
    """The body words under the column(s) headed by ``kind`` (or the column numbered ``column``), one
    line per page row that has any, each left to right: a cell's own lines, without the words of
    the other columns that OCR put on the same rows."""
    wanted = {i for i, c in enumerate(table.columns) if (kind in c.kinds if kind else i == column)}
    lines: dict[int, list[tuple[Word, Span]]] = {}
    for row, c, w, s in table.words:
        if c in wanted:
            lines.setdefault(row, []).append((w, s))
    return [sorted(lines[row], key=lambda ws: ws[0].bbox[0]) for row in sorted(lines)]
