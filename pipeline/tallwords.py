"""Words whose box reaches into the next row: read again clipped to their own row.

A speck or a stroke of the row below (a form's "•" between label and colon, an underline, a
stamp's edge) sometimes joins a word's ink in Tesseract's layout: the word's box then spans one
and a half rows, the LSTM reads the squashed line as noise, and the word comes back garbled at
confidence 0-30. Seed 71413 berkas-0016's e-KTP read its NIK, printed cleanly, as
"231NOSSLALN" (box 79 pixels tall on a row of 37) because of the dot under it; clipped to its row
and read alone it reads "3311105512720758". Names and dates go the same way ("NOCEMAT" for
ROCHMAT, "Endekasereo." for EKO PRASETYO,).

On one corpus seed (71413, 828 pages) 65 words were that tall and that unsure; of the first 36
read again this way, 12 came back at confidence 60 or more and 20 surer, each the printed word or
nearer it. A word read again replaces the old reading only where the new one is that sure and surer
by :data:`MIN_GAIN`: a title set larger than its row or a signature stays as read. (The same second
reading of unsure words of ordinary height gave 4 such readings of 43, mostly noise: only the tall
ones are read again.)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from pipeline.models import PageText, Word

TALL = 1.6  # of the row's median word height: a box this tall reaches into another row
UNSURE = 30.0  # a tall word read below this confidence is read again
NEIGHBOUR_UNSURE = 50.0  # an unsure word beside it on the row is read with it (the number's other half)
NEIGHBOUR_GAP = 2.0  # row heights between the tall word and such a neighbour at most
MIN_LETTERS = 4  # letters or digits in the tall word: a speck read as "|" or "1" is not worth a reading
MIN_CONF = 60.0  # the second reading's mean confidence to be taken ...
MIN_GAIN = 20.0  # ... and its gain over the words it replaces
MIN_ROW_WORDS = 2  # other words on the row that give its height and band


def read_tall_words(image: np.ndarray, text: PageText, read: Callable[[np.ndarray], PageText]) -> PageText:
    """``text`` with each run of tall, unsure words read again by ``read`` (one line of print)
    inside its row's band, where that reading is clearly better (see the module)."""
    rows: dict[int, list[Word]] = defaultdict(list)
    for word in text.words:
        rows[word.line].append(word)
    replaced: dict[int, list[Word]] = {}  # id of a run's first word -> its new words
    dropped: set[int] = set()
    for line, row in rows.items():
        row.sort(key=lambda w: w.bbox[0])
        for run, band in _tall_runs(row):
            if any(id(w) in dropped for w in run):
                continue
            again = _read_clipped(image, run, band, line, read)
            if again is not None:
                replaced[id(run[0])] = again
                dropped.update(id(w) for w in run)
    if not replaced:
        return text
    words: list[Word] = []
    for word in text.words:
        if id(word) in replaced:
            words.extend(replaced[id(word)])
        elif id(word) not in dropped:
            words.append(word)
    return replace(text, words=words)


def _tall_runs(row: list[Word]) -> list[tuple[list[Word], tuple[int, int]]]:
    """The runs of a row (sorted left to right) to read again, each with the row's band (top,
    bottom): a tall unsure word and the unsure words next to it."""
    tall = [w for w in row if _is_tall(w, row)]
    if not tall:
        return []
    others = [w for w in row if w not in tall]
    if len(others) < MIN_ROW_WORDS:
        return []
    height = float(np.median([w.bbox[3] - w.bbox[1] for w in others]))
    band = (int(np.median([w.bbox[1] for w in others])), int(np.median([w.bbox[3] for w in others])))
    runs = []
    for word in tall:
        at = row.index(word)
        lo = hi = at
        while lo > 0 and _beside(row[lo - 1], row[lo], height):
            lo -= 1
        while hi < len(row) - 1 and _beside(row[hi + 1], row[hi], height):
            hi += 1
        runs.append((row[lo : hi + 1], band))
    return runs


def _is_tall(word: Word, row: list[Word]) -> bool:
    others = [w.bbox[3] - w.bbox[1] for w in row if w is not word]
    if len(others) < MIN_ROW_WORDS or word.conf >= UNSURE or sum(ch.isalnum() for ch in word.text) < MIN_LETTERS:
        return False
    return word.bbox[3] - word.bbox[1] > TALL * float(np.median(others))


def _beside(word: Word, neighbour: Word, height: float) -> bool:
    """Whether ``word`` is unsure and within :data:`NEIGHBOUR_GAP` row heights of ``neighbour``."""
    gap = max(word.bbox[0], neighbour.bbox[0]) - min(word.bbox[2], neighbour.bbox[2])
    return word.conf < NEIGHBOUR_UNSURE and gap <= NEIGHBOUR_GAP * height


def _read_clipped(
    image: np.ndarray, run: list[Word], band: tuple[int, int], line: int, read: Callable[[np.ndarray], PageText]
) -> list[Word] | None:
    """The run's words read again inside the row's band, in page pixels; None unless clearly better."""
    top, bottom = band
    pad = max(2, (bottom - top) // 4)
    x0 = max(0, min(w.bbox[0] for w in run) - pad)
    x1 = min(image.shape[1], max(w.bbox[2] for w in run) + pad)
    y0, y1 = max(0, top - pad), min(image.shape[0], bottom + pad)
    if x1 <= x0 or y1 <= y0:
        return None
    again = read(np.ascontiguousarray(image[y0:y1, x0:x1])).words
    if not again:
        return None
    new_conf = float(np.mean([w.conf for w in again]))
    old_conf = float(np.mean([w.conf for w in run]))
    if new_conf < MIN_CONF or new_conf < old_conf + MIN_GAIN:
        return None
    return [replace(w, bbox=(w.bbox[0] + x0, w.bbox[1] + y0, w.bbox[2] + x0, w.bbox[3] + y0), line=line) for w in again]
