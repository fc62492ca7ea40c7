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

PAS_FOTO_MAX_LETTERS = 300


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
            text = tesseract.recognise(
                prepared.ocr, settings.lang, settings.psm, settings.oem, settings.timeout_seconds
            )
            text.rotation = prepared.rotation
            classification = classify_text(text)
            dpi = page.dpi * prepared.scale
            if classification.doc_type == UNKNOWN:
                classification = _pas_foto_or_not(upright, dpi, text, classification)
    result = PageResult(ref=ref, text=text, classification=classification)
    result.sha256 = hashlib.sha256(np.ascontiguousarray(upright).tobytes()).hexdigest()
    if preview_dir is not None:
        result.preview, result.preview_scale = write_preview(upright, ref.index, preview_dir, settings)
    return result


def _pas_foto_or_not(
    image: np.ndarray, dpi: float, text: PageText, fallback: Classification
) -> Classification:
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
