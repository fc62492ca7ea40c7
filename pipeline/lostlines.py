"""Lines of print the page's reading lost: found in the ink no word covers, and read on their own.

Tesseract's layout analysis (5.5, the engine tesserocr ships) drops whole text lines without a
trace: no block, no empty word, nothing :func:`tesseract.read_set_aside` could find. Seen on
seed 39499: a widow's daftar susunan keluarga lost the one line "Janda dari almarhum:" between
the widow's block and the late employee's (two of its four such pages), so the letter's subject
was taken to be the widow; an usul pensiun letter lost its table cell "ARIF MUFID, A.Md. / NIP.
19691104 200901 1 062" under one word read at confidence 0 ("penginapan") spanning both lines.
The same pages read alone, or by Tesseract 5.3's command line, keep those lines.

So once the page is read, its ink is compared with its words: ink no word covers (a word read
at :data:`SURE_WORD` confidence or more; one below may be a garbled reading of the very lines it
hides), once rules are taken out, that clusters into a line of letter-high shapes of at least
:data:`MIN_LINE_LETTERS` letter heights is read again as one block of text (a single-line
reading of the widow's line came back empty), with the words already read painted out. A
recovered word is kept at :data:`MIN_CONF` or more, or between two such words of its line. It
replaces an unsure word only where the recovered words span it (:data:`REPLACE_COVER`); a piece of
an unsure word is dropped instead (seed 37813: a KTP's NIK read at confidence 29 but whole, put
right later by its glyphs, lost to an 8-digit piece of it read alone).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import cv2
import numpy as np

from pipeline import glyphs
from pipeline.models import BBox, PageText, Word

SURE_WORD = 40.0  # a word read at this confidence or more covers its ink; one below may hide lost lines
MIN_CONF = 50.0  # a word read in a lost line is kept at this confidence or more (as read_set_aside's)
LETTER_HEIGHT = (0.6, 1.6)  # of the page's letter height: the ink shapes a line of print is made of
MIN_FILL = 0.15  # of a shape's box its ink covers at least: a signature's loop covers less
MIN_LINE_LETTERS = 3.0  # letter heights of shapes' width a lost line holds at least (a word of 4-5 letters)
MAX_LINE_HEIGHT = 2.5  # letter heights a lost line spans at most: a taller cluster is a stamp or a drawing
LETTER_GAP = 1.5  # letter heights between two shapes of one line (a word space is well under one)
RULE_LENGTH = 4  # letter heights a straight run of ink spans at least to be a rule, not a letter
DETECT_WIDTH = 1300  # pixels across the page is searched at (about 150 dpi for A4)
REPLACE_COVER = 0.8  # of an unsure word's width the lost lines' words over it span, to replace it
TALL_WORD = 1.3  # of the median sure word's box height: a box this tall may reach into another line


def letter_height(ink: np.ndarray, words: list[Word]) -> float | None:
    """The median height of the ink shapes inside sure words' boxes: the page's letter size
    (a word's box height varies with its descenders and Tesseract's fit; its shapes' does less)."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count < 2:
        return None
    inside = np.zeros(ink.shape, bool)
    for w in words:
        if w.conf >= SURE_WORD:
            x0, y0, x1, y1 = w.bbox
            inside[y0 : y1 + 1, x0 : x1 + 1] = True
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    cy = stats[1:, cv2.CC_STAT_TOP] + heights // 2
    cx = stats[1:, cv2.CC_STAT_LEFT] + stats[1:, cv2.CC_STAT_WIDTH] // 2
    mine = inside[cy, cx] & (heights >= 4)
    return float(np.median(heights[mine])) if mine.any() else None


def lost_lines(image: np.ndarray, words: list[Word]) -> tuple[list[BBox], float]:
    """Boxes of the lines of print no sure word covers, and the page's letter height.

    Found on the page shrunk to :data:`DETECT_WIDTH` pixels across (a 300-dpi page took 0.27 s at
    full size, 16 % of the page's processing on 80 pages of seed 41231; lines of print stay lines
    at 150 dpi), the boxes given back in the page's pixels."""
    scale = min(1.0, DETECT_WIDTH / image.shape[1]) if image.shape[1] else 1.0
    if scale < 1.0:
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        words = [replace(w, bbox=tuple(int(round(v * scale)) for v in w.bbox)) for w in words]
    found, height = _found(image, words)
    return [_on_page(box, 1 / scale, image.shape) for box in found], height / scale


def _on_page(box: BBox, factor: float, shape: tuple[int, ...]) -> BBox:
    """A box of the shrunk page (of ``shape``) in the page's pixels, grown by a pixel each way."""
    rows, cols = shape[:2]
    x0, y0, x1, y1 = box
    return (
        max(0, int((x0 - 1) * factor)),
        max(0, int((y0 - 1) * factor)),
        int(min(cols, x1 + 1) * factor),
        int(min(rows, y1 + 1) * factor),
    )


def _found(image: np.ndarray, words: list[Word]) -> tuple[list[BBox], float]:
    ink = cv2.threshold(image, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    height = letter_height(ink, words)
    if height is None:
        return [], 0.0
    run = max(int(RULE_LENGTH * height), 20)
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (run, 1)))
    rules |= cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, run)))
    ink = cv2.subtract(ink, rules)
    glyphs.paint_words(ink, word_cores(ink, words), 0)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    left, top, width, tall, area = (stats[1:, k] for k in range(5))
    letters = (
        (tall >= LETTER_HEIGHT[0] * height)
        & (tall <= LETTER_HEIGHT[1] * height)
        & (area >= 0.1 * height * height)
        & (area >= MIN_FILL * width * tall)
    )
    shapes = np.zeros_like(ink)
    for x, y, w, h in zip(left[letters], top[letters], width[letters], tall[letters], strict=True):
        shapes[y : y + h, x : x + w] = 255
    joined = cv2.dilate(shapes, cv2.getStructuringElement(cv2.MORPH_RECT, (max(1, int(LETTER_GAP * height)), 1)))
    n, _, boxes, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    cx = (left + width / 2)[letters]
    cy = (top + tall / 2)[letters]
    widths = width[letters]
    found: list[BBox] = []
    for x, y, w, h, _ in boxes[1:n]:
        within = (cx >= x) & (cx <= x + w) & (cy >= y) & (cy <= y + h)
        if widths[within].sum() >= MIN_LINE_LETTERS * height and h <= MAX_LINE_HEIGHT * height:
            found.append((int(x), int(y), int(x + w), int(y + h)))
    return found, height


def read_lost_lines(image: np.ndarray, text: PageText, read: Callable[[np.ndarray], PageText]) -> PageText:
    """``text`` with the words of the lines its reading lost (see the module); ``read`` reads a
    crop as one block of text."""
    boxes, _ = lost_lines(image, text.words)
    if not boxes:
        return text
    found: list[Word] = []
    next_line = max((w.line for w in text.words), default=-1) + 1
    painted = image.copy()
    ink = cv2.threshold(image, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    glyphs.paint_words(painted, word_cores(ink, text.words), 255)
    for box in boxes:
        # the line alone on paper: a sliver of the line above's descenders in the margin made
        # Tesseract drop the widow's line again (the crop read from one row higher kept it)
        crop = glyphs.word_alone(painted, box)
        pad = glyphs.word_margin(box)
        x0, y0 = box[0] - pad, box[1] - pad
        lines: dict[int, int] = {}
        for w in _kept(read(crop).words):
            line = lines.setdefault(w.line, next_line + len(lines))
            bbox = (w.bbox[0] + x0, w.bbox[1] + y0, w.bbox[2] + x0, w.bbox[3] + y0)
            found.append(Word(text=w.text, conf=w.conf, bbox=bbox, line=line, recovered=True))
        next_line += len(lines)
    kept: list[Word] = []
    for w in text.words:
        over = [f for f in found if _overlap(w.bbox, f.bbox)] if w.conf < SURE_WORD else []
        if over and _cover(w.bbox, [f.bbox for f in over]) >= REPLACE_COVER:
            continue  # an unsure reading of what the lost lines hold ("penginapan" over two rows)
        kept.append(w)
        # the rest of a word read unsurely but whole ("3329142423630719" at 29, put right by its
        # glyphs later) is no lost line: its piece read alone ("11424021") is dropped
        found = [f for f in found if not any(f is o for o in over)]
    if not found:
        return text
    words = kept + found
    return replace(text, words=words, ocr_confidence=float(np.mean([w.conf for w in words])))


def _kept(words: list[Word]) -> list[Word]:
    """The printed words of a lost line's reading read at :data:`MIN_CONF` or more, and those
    between two such words of their line: "O1 Januari 2007." read back with Januari at 32 between
    words at 89 and 94 (a stamp's or a signature's scrawl reads unsurely throughout)."""
    printed = [w for w in words if any(ch.isalnum() for ch in w.text)]
    sure = [i for i, w in enumerate(printed) if w.conf >= MIN_CONF]
    return [
        w
        for i, w in enumerate(printed)
        if w.conf >= MIN_CONF
        or any(j < i and printed[j].line == w.line for j in sure)
        and any(j > i and printed[j].line == w.line for j in sure)
    ]


def word_cores(ink: np.ndarray, words: list[Word]) -> list[Word]:
    """The sure words, each with the box of its own ink: a box much taller than the page's words
    (:data:`TALL_WORD`) cut to its band of ink rows holding the most ink.

    Tesseract may fold the lower half of a line into the words of the line below, and drop the line
    (seed 41231 berkas-0013, an SK PNS: "menjadi Pegawai Negeri Sipil terhitung mulai tanggal 01
    Januari 2007." gone, the next line's words boxed 84 px tall where the page's are 52, reaching
    over that line's lower half). Covered whole, the line's remaining upper half is no line of
    letter-high shapes. A blank row inside the box parts the two lines' ink; with no such row (a
    title in larger type, letters touching) the box is kept whole."""
    sure = [w for w in words if w.conf >= SURE_WORD]
    if not sure:
        return []
    usual = float(np.median([w.bbox[3] - w.bbox[1] for w in sure]))
    out = []
    for w in sure:
        x0, y0, x1, y1 = w.bbox
        if y1 - y0 > TALL_WORD * usual:
            top, bottom = _main_band(ink[y0 : y1 + 1, x0 : x1 + 1])
            w = replace(w, bbox=(x0, y0 + top, x1, y0 + bottom))
        out.append(w)
    return out


def _main_band(ink: np.ndarray) -> tuple[int, int]:
    """First and last row of the run of inked rows (no blank row inside) holding the most ink."""
    counts = np.count_nonzero(ink, axis=1)
    inked = np.flatnonzero(counts)
    if inked.size == 0:
        return 0, max(0, ink.shape[0] - 1)
    breaks = np.flatnonzero(np.diff(inked) > 1)
    starts = np.concatenate(([inked[0]], inked[breaks + 1]))
    ends = np.concatenate((inked[breaks], [inked[-1]]))
    best = max(range(len(starts)), key=lambda i: int(counts[starts[i] : ends[i] + 1].sum()))
    return int(starts[best]), int(ends[best])


def _cover(box: BBox, others: list[BBox]) -> float:
    """The share of ``box``'s width the ``others`` span."""
    covered = np.zeros(max(1, box[2] - box[0]), bool)
    for x0, _, x1, _ in others:
        covered[max(0, x0 - box[0]) : max(0, x1 - box[0])] = True
    return float(covered.mean())


def _overlap(a: BBox, b: BBox) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])
