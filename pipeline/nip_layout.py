"""Join an NIP whose last digit groups OCR put on another line, by where the pieces stand.

:func:`pipeline.nip.join_wrapped` joins an NIP broken at a line end when its tail opens the very
next line of text. Two layouts break that:

- a narrow NAMA / NIP cell of a usul pensiun table wraps the NIP, and the cell's neighbours
  (pangkat, jabatan, TMT) print rows of their own between the head and the tail::

      1. NIP.196904172008011 TingkatI/ Database
      penduduain Pa Sta
      333 I/d

  the tail stands below the start of the cell (the "NIP." label or the head's first digits);
- Tesseract splits one visual row into two lines, the tail going to the next one after the
  left column's words ("... NIP. 19671020 200903 1" / "Kesehatan Kota Salatiga, 254,"): the
  tail stands right after the head, on the head's own visual row.

The tail is taken only when its digit groups, each taken whole, end exactly at the 18th digit
and the whole decodes as an NIP baru (birth date, TMT and gender digit all possible): the
structure confirms the join, and no digit is ever invented or copied from elsewhere.
"""

from __future__ import annotations

import re

from pipeline import nip
from pipeline.models import BBox
from pipeline.textindex import TextIndex

WRAP_ROWS = 3  # rows below the head's row the cell's tail may stand (other columns print rows between)
ALIGN = 1.5  # the tail's left edge within this many word heights of the cell's left edge
SAME_ROW_GAP = 2.0  # a tail on the head's visual row starts within this many heights after it
_GROUP = re.compile(r"\d{1,10}[,.;]?")  # a digit group as a word, trailing punctuation of the sentence


def layout_join(index: TextIndex, start: int, end: int) -> tuple[str, int] | None:
    """(NIP, end of its tail in ``index.text``) for the head of an NIP at ``start:end`` (8 to 17
    digits in groups, its birth date possible), completed by a tail found by layout; else None."""
    head = [i for i, s in enumerate(index.spans) if s.start < end and s.end > start]
    digits = re.sub(r"\D", "", index.text[start:end])
    if not head or not 8 <= len(digits) <= 17 or nip.leading_birth_date(digits) is None:
        return None
    for first in _tail_starts(index, head):
        found = _complete(index, digits, first)
        if found is not None:
            return found
    return None


# "NIP. 19671020 200903 1", "NIP.196904172008011" (label and digits read as one word): a label and
# the digit groups after it, up to the line's end or the next word
_LABELLED_HEAD = re.compile(r"\bN\s?I\s?P\b[.:;,]?\s*[.:;,]?\s*(?P<head>\d+(?: \d+)*)(?![\d])", re.I)


def find_laid_out_nips(index: TextIndex) -> list[tuple[str, int, int]]:
    """(NIP, start, end) of every labelled NIP head on the page that :func:`layout_join`
    completes: for NIPs printed in a sentence or a table cell, which no label row reads."""
    found = []
    for m in _LABELLED_HEAD.finditer(index.text):
        joined = layout_join(index, m.start("head"), m.end("head"))
        if joined is not None:
            found.append((joined[0], m.start("head"), joined[1]))
    for i, word in enumerate(index.words):
        if _LABEL_WORD.fullmatch(word.text) and (beside := _beside_label(index, i)) is not None:
            found.append(beside)
    return found


_LABEL_WORD = re.compile(r"NIP[.:;,]?", re.I)


def beside_label_before(index: TextIndex, pos: int) -> tuple[str, int, int] | None:
    """:func:`_beside_label` for the "NIP" word that ends just before text position ``pos`` (a
    label reader's value start), if that word is one."""
    before = [i for i, s in enumerate(index.spans) if s.end <= pos and pos - s.end <= 2]
    if not before or not _LABEL_WORD.fullmatch(index.words[before[-1]].text):
        return None
    return _beside_label(index, before[-1])


def _beside_label(index: TextIndex, label: int) -> tuple[str, int, int] | None:
    """(NIP, start, end) of the digit groups right of an "NIP." word on its visual row, in the
    order they stand (not the order OCR grouped them), when they make an 18-digit NIP that
    decodes. A smudged group with a taller box goes to the next text row ("NIP. 2006011015" over
    "19681103 ...") although it stands between the label and the rest."""
    box = index.words[label].bbox
    height = max(box[3] - box[1], 1)
    row = sorted(
        (index.words[i].bbox[0], i)
        for i in range(len(index.words))
        if i != label and index.words[i].bbox[0] >= box[2] and _same_row(index.words[i].bbox, box)
    )
    digits, picked, edge = "", [], box[2]
    for x0, i in row:
        if x0 - edge > SAME_ROW_GAP * height or not re.fullmatch(r"\d{1,10}", index.words[i].text):
            break
        digits += index.words[i].text
        picked.append(i)
        edge = index.words[i].bbox[2]
        if len(digits) >= 18:
            break
    info = nip.decode_nip(digits) if len(digits) == 18 else None
    if info is None or info.kind != "baru" or not info.is_valid:
        return None
    spans = [index.spans[i] for i in picked]
    return info.nip, min(s.start for s in spans), max(s.end for s in spans)


def _tail_starts(index: TextIndex, head: list[int]) -> list[int]:
    """Word numbers where a tail may start: right after the head on its visual row, then below
    the cell's left edge within WRAP_ROWS rows."""
    last = index.words[head[-1]].bbox
    height = max(last[3] - last[1], 1)
    after = head[-1] + 1
    starts = [
        i
        for i in range(after, min(after + 12, len(index.words)))
        if _same_row(index.words[i].bbox, last) and 0 <= index.words[i].bbox[0] - last[2] <= SAME_ROW_GAP * height
    ][:1]
    lefts = [index.words[head[0]].bbox[0]]
    before = head[0] - 1
    if before >= 0 and index.words[before].line == index.words[head[0]].line:
        lefts.append(index.words[before].bbox[0])  # the "NIP." label opens the cell
    head_row = _row_of(index, index.spans[head[-1]].start)
    for row in index.rows[head_row + 1 : head_row + 1 + WRAP_ROWS]:
        for i, span in enumerate(index.spans):
            if span.start >= row.start and span.end <= row.end:
                x0 = index.words[i].bbox[0]
                if any(abs(x0 - left) <= ALIGN * height for left in lefts):
                    starts.append(i)
                    break
    return starts


def _complete(index: TextIndex, digits: str, first: int) -> tuple[str, int] | None:
    """The NIP made of ``digits`` and the digit-group words from word ``first`` on (same line,
    each taken whole), when they end exactly at the 18th digit and decode; else None."""
    line = index.words[first].line
    for i in range(first, len(index.words)):
        word = index.words[i]
        if word.line != line or not _GROUP.fullmatch(word.text):
            return None
        digits += re.sub(r"\D", "", word.text)
        if len(digits) >= 18:
            info = nip.decode_nip(digits) if len(digits) == 18 else None
            if info is None or info.kind != "baru" or not info.is_valid:
                return None
            return info.nip, index.spans[i].start + len(word.text.rstrip(",.;"))
    return None


def _same_row(a: BBox, b: BBox) -> bool:
    """Boxes that overlap vertically by at least half the smaller height."""
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    return overlap >= 0.5 * min(a[3] - a[1], b[3] - b[1])


def _row_of(index: TextIndex, pos: int) -> int:
    return next((n for n, row in enumerate(index.rows) if row.start <= pos <= row.end), len(index.rows))
