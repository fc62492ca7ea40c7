"""Ink map: a page's layout in a few thousand bytes, kept with its reading for pipeline/layout.py.

Made where the page is read (pipeline/page.py), from the upright image that stage holds anyway,
so the page cache keeps it and a report made again from cached readings has it.
"""

from __future__ import annotations

import cv2
import numpy as np

SIDE = 64  # pixels on the thumbnail's longer side: a cell of ~4 mm on A4, finer than the grid
STEP_SIDE = 200  # area-averaged through this size first (the percentiles are taken there)
PAPER_PERCENTILE = 90  # the paper's grey: most of a page is paper
INK_PERCENTILE = 1  # the darkest ink
MIN_CONTRAST = 8.0  # grey levels: a page with less between paper and ink is taken as flat


def thumbnail(image: np.ndarray) -> np.ndarray:
    """The page's ink relative to its own paper (0 paper .. 255 darkest ink), SIDE pixels on
    its longer side. Relative, so a page photocopied far too dark (text a shade darker
    than grey-black paper) shows its layout like a clean one."""
    h, w = image.shape[:2]
    f = min(1.0, STEP_SIDE / max(h, w, 1))
    small = cv2.resize(image, (max(1, round(w * f)), max(1, round(h * f))), interpolation=cv2.INTER_AREA)
    grey = small.astype(np.float32)
    paper = float(np.percentile(grey, PAPER_PERCENTILE))
    ink = float(np.percentile(grey, INK_PERCENTILE))
    inked = np.clip((paper - grey) / max(paper - ink, MIN_CONTRAST), 0.0, 1.0)
    g = SIDE / max(h, w, 1)
    size = (max(1, round(w * g)), max(1, round(h * g)))
    return np.round(cv2.resize(inked, size, interpolation=cv2.INTER_AREA) * 255).astype(np.uint8)
