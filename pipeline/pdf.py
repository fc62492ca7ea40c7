"""The one wrapper around PDF libraries: pdfplumber for text and words, pypdfium2 to rasterise.

pdfplumber (on pdfminer.six) gives the text layer with word boxes; pypdfium2 (which pdfplumber
already depends on) renders scanned pages straight to a numpy array, without the PNG round trip
that makes ``pdftoppm -png`` cost seconds per noisy page. PDFium is not thread-safe, so every
PDFium call goes through one lock per process.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from pipeline.models import PageText, Word

_PDFIUM_LOCK = threading.Lock()


class PdfError(RuntimeError):
    """A PDF that cannot be read; the message is the rejection reason."""


@dataclass(frozen=True)
class PdfPageInfo:
    width_pt: float
    height_pt: float
    image_dpi: float | None  # resolution of the largest embedded image, if any
    text_chars: int


def count_pages(path: Path) -> int:
    """Number of pages, or PdfError with a reason a person understands."""
    with _PDFIUM_LOCK:
        try:
            doc = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            msg = str(exc).lower()
            if "password" in msg or "security" in msg:
                raise PdfError("encrypted PDF (password required)") from exc
            raise PdfError(f"unreadable PDF ({exc})") from exc
        try:
            n = len(doc)
        finally:
            doc.close()
    if n == 0:
        raise PdfError("PDF has no pages")
    return n


def page_info(path: Path, page_no: int) -> PdfPageInfo:
    """Size, embedded image resolution and text-layer size of one page (1-based)."""
    try:
        with pdfplumber.open(str(path)) as pdf:
            page = pdf.pages[page_no - 1]
            dpi = None
            for im in page.images:
                w_pt = float(im["x1"]) - float(im["x0"])
                src_w = im.get("srcsize", (0, 0))[0]
                if w_pt > 0 and src_w:
                    cand = src_w / (w_pt / 72.0)
                    dpi = max(dpi or 0.0, cand)
            chars = sum(1 for c in page.chars if not c["text"].isspace())
            return PdfPageInfo(float(page.width), float(page.height), dpi, chars)
    except (PDFEncryptionError, PDFPasswordIncorrect) as exc:
        raise PdfError("encrypted PDF (password required)") from exc
    except Exception as exc:  # pdfminer raises many types on damaged files
        raise PdfError(f"unreadable PDF page {page_no} ({type(exc).__name__})") from exc


def text_layer(path: Path, page_no: int, dpi: float) -> PageText:
    """The page's text layer as words with boxes in pixels at ``dpi``."""
    scale = dpi / 72.0
    with pdfplumber.open(str(path)) as pdf:
        page = pdf.pages[page_no - 1]
        raw = page.extract_words(keep_blank_chars=False, use_text_flow=False)
        width, height = int(round(float(page.width) * scale)), int(round(float(page.height) * scale))
    words: list[Word] = []
    line, last_top = -1, None
    for w in sorted(raw, key=lambda w: (round(float(w["top"])), float(w["x0"]))):
        top = float(w["top"])
        if last_top is None or abs(top - last_top) > 3:
            line += 1
            last_top = top
        box = (
            int(float(w["x0"]) * scale),
            int(top * scale),
            int(float(w["x1"]) * scale),
            int(float(w["bottom"]) * scale),
        )
        words.append(Word(text=str(w["text"]), conf=100.0, bbox=box, line=line))
    return PageText(words=words, width=width, height=height, method="text_layer", ocr_confidence=None)


def render(path: Path, page_no: int, dpi: float) -> np.ndarray:
    """Rasterise one page (1-based) to a grey uint8 array at ``dpi``."""
    with _PDFIUM_LOCK:
        try:
            doc = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            raise PdfError(f"unreadable PDF ({exc})") from exc
        try:
            page = doc[page_no - 1]
            bitmap = page.render(scale=dpi / 72.0, grayscale=True)
            arr = np.array(bitmap.to_numpy(), copy=True)
            page.close()
        finally:
            doc.close()
    if arr.ndim == 3:
        arr = arr[:, :, 0]
    return arr
