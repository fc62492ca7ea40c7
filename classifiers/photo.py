"""Find photo-like regions on a page: the cheap image statistic that recognises a pas foto sheet.

A pas foto sheet has almost no text for keywords to match, but it has what text pages do not:
large, densely inked rectangles. Text strokes, even in bold titles and tables, leave most of
their surroundings blank.
"""

from __future__ import annotations

import cv2
import numpy as np

WORK_DPI = 50.0
MIN_PHOTO_CM = (2.0, 2.5)  # smaller than a 3x4 photo, larger than any stamp or letter block
MIN_DENSITY = 0.55
# A photo lies inside the page: a dense region touching the image's edge (within this many pixels at
# WORK_DPI, ~1 mm) is the scanner's shadow or the fill of a deskewed page (a blank page read as a pas
# foto on corpus seeds 13907 and 16233).
EDGE_PX = 2
# ... and is inked over most of its box: the median grey of the pas foto on generated sheets is
# 120-185; a KK's shaded column headers, dense enough in places at 150 dpi, have 225 (seed 16233).
PHOTO_MAX_MEDIAN = 200
# Both greys are for paper lighter than they are. A dark copy greys the paper itself below them
# (188-199 on two pas foto sheets of seeds 57193 and 59107, read BLANK and UNKNOWN: every pixel
# counted as ink, the page one dense region along its edges), so on such a page each is taken this
# far below the paper's grey (the page's 90th percentile: paper, however many photos a sheet holds).
# Only there: on a KK copied at paper 217, a grey under it (177) split the shaded header row into
# four cells of one size, read as a pas foto sheet (seed 65213).
PAPER_MARGIN = 40
# "Such a page" is one where the fixed grey takes more than this share of the page for ink: no page
# is inked over half its area (twelve 3x4 photos cover a quarter of A4). Its paper's 90th percentile
# may still lie above the grey: a sheet whose paper shades from 185 to 205 (seed 71413 berkas-0001
# page 16: 90th percentile 203, median 194) merged all but three of its twelve photos into the paper.
MAX_INKED = 0.5


def photo_regions(image: np.ndarray, dpi: float = 300.0) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1, in the given image's pixels) of dense, photo-sized regions."""
    scale = WORK_DPI / max(dpi, 1.0)
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    smooth = cv2.GaussianBlur(small, (3, 3), 0)
    darkest = PHOTO_MAX_MEDIAN
    if np.mean(smooth < darkest) > MAX_INKED:
        darkest = float(np.percentile(small, 90)) - PAPER_MARGIN
    inked = (smooth < darkest).astype(np.float32)
    k = max(3, int(WORK_DPI * 0.2))  # ~5 mm window
    density = cv2.blur(inked, (k, k))
    mask = (density > MIN_DENSITY).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    min_w = MIN_PHOTO_CM[0] / 2.54 * WORK_DPI
    min_h = MIN_PHOTO_CM[1] / 2.54 * WORK_DPI
    boxes = []
    height, width = small.shape[:2]
    for i in range(1, n):
        x, y, w, h, area = stats[i]
        if not (w >= min_w and h >= min_h and area >= 0.5 * w * h and w < width * 0.9):
            continue
        if min(x, y) < EDGE_PX or x + w > width - EDGE_PX or y + h > height - EDGE_PX:
            continue  # a scanner's shadow or the dark fill of a turned page runs along its edge
        if np.median(small[y : y + h, x : x + w]) >= darkest:
            continue  # a shaded table header: a photo is inked over most of its box
        boxes.append(tuple(int(v / scale) for v in (x, y, x + w, y + h)))
    return boxes


SAME_SIZE = 0.05  # photos printed from one negative differ in size by a few percent at most
MIN_SAME_PHOTOS = 4


def is_photo_sheet(image: np.ndarray, dpi: float = 300.0) -> bool:
    """A pas foto sheet, told before any OCR: at least four photo regions of one size (copies of one
    print). Measured on the sample and corpus-5301 pages: every pas foto sheet has 5-12 regions of
    which at least 4 agree within 2-3 %; KK, SKP, SK and DPCP pages with dense areas have at most 3
    that agree. A sheet with fewer copies is still recognised after OCR (few letters, photos)."""
    boxes = photo_regions(image, dpi)
    if len(boxes) < MIN_SAME_PHOTOS:
        return False
    sizes = [(x1 - x0, y1 - y0) for x0, y0, x1, y1 in boxes]
    for w, h in sizes:
        same = sum(abs(w2 - w) <= SAME_SIZE * w and abs(h2 - h) <= SAME_SIZE * h for w2, h2 in sizes)
        if same >= MIN_SAME_PHOTOS:
            return True
    return False
