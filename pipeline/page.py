"""The page stage: raster -> preprocess -> OCR (or text layer) -> classify, for one page.

A page's work depends on that page alone, so this is the unit the flow runs in parallel (and
later caches and ships to workers). It never raises for a bad page: the error is recorded on
the result, and the dossier is still reported.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import cv2
import numpy as np

from classifiers.classifier import BLANK, UNKNOWN, classify_text
from classifiers.photo import photo_regions
from pipeline import pdf, preprocess, raster, tesseract
from pipeline.models import Classification, PageRef, PageResult, PageText
from pipeline.settings import Settings

PAS_FOTO_MAX_LETTERS = 80  # pas foto sheets in the samples carry 1-30 letters; an SK page 2, 120+


def process_page(ref: PageRef, settings: Settings, preview_dir: Path | None = None) -> PageResult:
    start = time.perf_counter()
    try:
        result = _process(ref, settings, preview_dir)
    except (raster.RasterError, pdf.PdfError, tesseract.OcrError, cv2.error, MemoryError) as exc:
        empty = PageText(words=[], width=0, height=0, method="none")
        result = PageResult(
            ref=ref,
            text=empty,
            classification=Classification(UNKNOWN, 0.0, ["halaman tidak terbaca"]),
            error=str(exc),
        )
    result.seconds = round(time.perf_counter() - start, 3)
    return result


def _process(ref: PageRef, settings: Settings, preview_dir: Path | None) -> PageResult:
    page = raster.load(ref, settings)
    if page.text is not None:
        upright, text = page.image, page.text
        classification = classify_text(text)
    else:
        prepared = preprocess.prepare(page.image, page.dpi, settings)
        upright = prepared.image
        if prepared.blank:
            text = PageText([], upright.shape[1], upright.shape[0], "none", None, 0)
            classification = Classification(BLANK, 0.95, ["halaman kosong (tanpa tinta)"])
        else:
            text, turn = read_upright(prepared.ocr, settings, (270,) if prepared.rotation == 90 else ())
            upright = preprocess.rotate_clockwise(upright, turn)
            text.rotation = (prepared.rotation + turn) % 360
            classification = classify_text(text)
            dpi = page.dpi * prepared.scale
            if classification.doc_type == UNKNOWN:
                classification = _pas_foto_or_not(upright, dpi, text, classification)
            if classification.doc_type in (BLANK, "PAS_FOTO") and text.rotation:
                # No text to tell which way is up: report the page as it was scanned.
                upright = preprocess.rotate_clockwise(upright, (360 - text.rotation) % 360)
                text = PageText([], upright.shape[1], upright.shape[0], text.method, text.ocr_confidence, 0)
    result = PageResult(ref=ref, text=text, classification=classification)
    result.sha256 = hashlib.sha256(np.ascontiguousarray(upright).tobytes()).hexdigest()
    if preview_dir is not None:
        result.preview, result.preview_scale = write_preview(upright, ref.index, preview_dir, settings)
    return result


def read_upright(image: np.ndarray, settings: Settings, always: tuple[int, ...] = ()) -> tuple[PageText, int]:
    """OCR the page; while the reading is poor, read it turned (180, then 90 and 270 degrees, in
    case the text-direction guess was wrong) and keep the best. Returns (text, extra turn).

    An upside-down page reads at a mean word confidence of 20-50, an upright one at 75-95 even
    on degraded copies (measured on the sample dossiers), so only poor readings pay more.
    ``always``: turns read whatever the first reading gave (a page guessed to lie sideways is
    also read as it was scanned, since the guess fails on pages with little text).
    """

    def ocr(img: np.ndarray) -> PageText:
        return tesseract.recognise(img, settings.lang, settings.psm, settings.oem, settings.timeout_seconds)

    best: PageText | None = None
    best_turn = 0
    for turn in dict.fromkeys((0, *always, 180, 90, 270)):
        conf = (best.ocr_confidence or 0.0) if best else -1.0
        if conf >= settings.flip_below and turn not in always:
            break
        text = ocr(preprocess.rotate_clockwise(image, turn))
        margin = 0.0 if turn in always else settings.flip_margin
        if best is None or (text.ocr_confidence or 0.0) > conf + margin:
            best, best_turn = text, turn
    assert best is not None
    return best, best_turn


def _pas_foto_or_not(image: np.ndarray, dpi: float, text: PageText, fallback: Classification) -> Classification:
    letters = sum(ch.isalpha() for ch in text.text)
    if letters > PAS_FOTO_MAX_LETTERS:
        return fallback
    photos = photo_regions(image, dpi)
    if photos:
        return Classification("PAS_FOTO", 0.8, [f"{len(photos)} area foto, {letters} huruf"], True)
    if letters < 10:
        return Classification(BLANK, 0.7, [f"hanya {letters} huruf, tanpa foto"])
    return fallback


def write_preview(image: np.ndarray, index: int, preview_dir: Path, settings: Settings) -> tuple[str, float]:
    """A small upright JPEG for the report; returns (path relative to the bundle dir, scale)."""
    preview_dir.mkdir(parents=True, exist_ok=True)
    scale = min(1.0, settings.preview_width / max(image.shape[1], 1))
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else image
    name = f"p{index:03d}.jpg"
    tmp = preview_dir / f".{name}.tmp.jpg"
    cv2.imwrite(str(tmp), small, [cv2.IMWRITE_JPEG_QUALITY, 70])
    tmp.replace(preview_dir / name)
    return f"{preview_dir.name}/{name}", scale
