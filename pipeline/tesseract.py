"""The one wrapper around Tesseract (through pytesseract).

Nothing else in the project calls Tesseract. This module sets ``OMP_THREAD_LIMIT=1`` (on a
2-core machine Tesseract's own OpenMP threading is several times slower than one process per
page), hands Tesseract a raw PGM file (PNG-encoding a noisy scan costs seconds), and maps its
failures to :class:`OcrError` so that one bad page never stops a batch.
"""

from __future__ import annotations

import functools
import os
import tempfile

import cv2
import numpy as np
import pytesseract

from pipeline.models import PageText, Word

os.environ["OMP_THREAD_LIMIT"] = "1"


class OcrError(RuntimeError):
    """Tesseract failed or timed out on a page."""


@functools.cache
def version() -> str:
    return str(pytesseract.get_tesseract_version())


def _with_pgm(image: np.ndarray, fn):
    """Write the grey image as raw PGM (cheap, lossless) and call fn(path)."""
    with tempfile.NamedTemporaryFile(suffix=".pgm", prefix="berkas-") as tmp:
        if not cv2.imwrite(tmp.name, image):
            raise OcrError("could not write page image for Tesseract")
        return fn(tmp.name)


def recognise(image: np.ndarray, lang: str, psm: int, oem: int, timeout: float) -> PageText:
    """One OCR pass over an upright grey page: words with boxes and confidences."""

    def run(path: str) -> dict:
        return pytesseract.image_to_data(
            path,
            lang=lang,
            config=f"--psm {psm} --oem {oem}",
            output_type=pytesseract.Output.DICT,
            timeout=timeout,
        )

    try:
        data = _with_pgm(image, run)
    except RuntimeError as exc:  # pytesseract raises RuntimeError on timeout
        raise OcrError(f"Tesseract timed out after {timeout:.0f} s") from exc
    except pytesseract.TesseractError as exc:
        raise OcrError(f"Tesseract failed: {exc.message}") from exc
    return words_from_data(data, width=image.shape[1], height=image.shape[0])


def words_from_data(data: dict, width: int, height: int) -> PageText:
    """Turn pytesseract's image_to_data dict into a PageText with running line numbers."""
    words: list[Word] = []
    line_ids: dict[tuple[int, int, int], int] = {}
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        line = line_ids.setdefault(key, len(line_ids))
        x, y, w, h = (int(data[k][i]) for k in ("left", "top", "width", "height"))
        words.append(Word(text=text, conf=conf, bbox=(x, y, x + w, y + h), line=line))
    mean = float(np.mean([w.conf for w in words])) if words else None
    return PageText(words=words, width=width, height=height, method="ocr", ocr_confidence=mean)
