"""Raster: turn a page reference into a grey image, or into its PDF text layer.

A PDF page with a real text layer is read from the layer (no OCR) and rendered only small, for
the report's preview; a scanned PDF page is rendered at the resolution of its embedded scan;
TIFF frames and JPEG/PNG pages are decoded with Pillow. Images stay numpy arrays from here on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps

from pipeline import pdf
from pipeline.models import PageRef, PageText
from pipeline.settings import Settings

A4_WIDTH_INCH = 8.27


class RasterError(RuntimeError):
    """A page that cannot be turned into an image; the message is the reason."""


@dataclass
class RasterPage:
    image: np.ndarray  # grey uint8, as scanned (not yet upright)
    dpi: float
    text: PageText | None = None  # the PDF text layer, when the page has one


def load(ref: PageRef, settings: Settings) -> RasterPage:
    Image.MAX_IMAGE_PIXELS = settings.max_image_pixels
    try:
        if ref.kind == "pdf":
            return _load_pdf(ref, settings)
        return _load_image(ref, settings)
    except (pdf.PdfError, RasterError):
        raise
    except Image.DecompressionBombError as exc:
        raise RasterError("image has too many pixels (decompression bomb limit)") from exc
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise RasterError(f"cannot decode page ({type(exc).__name__}: {exc})") from exc


def _load_pdf(ref: PageRef, settings: Settings) -> RasterPage:
    info = pdf.page_info(ref.path, ref.source_page)
    if info.width_pt * info.height_pt * (settings.max_dpi / 72) ** 2 > settings.max_image_pixels:
        raise RasterError("PDF page too large to rasterise")
    if info.text_chars >= settings.text_layer_min_chars:
        dpi = settings.preview_width / max(info.width_pt / 72.0, 1.0)
        text = pdf.text_layer(ref.path, ref.source_page, dpi)
        return RasterPage(image=pdf.render(ref.path, ref.source_page, dpi), dpi=dpi, text=text)
    dpi = float(info.image_dpi or settings.pdf_default_dpi)
    if not settings.min_dpi <= dpi <= settings.max_dpi:
        # A coarse (or needlessly fine) scan is rendered straight at 300 dpi: PDFium's resampling
        # replaces a second resize, and 150-dpi text rendered at 190 dpi was measured unreadable.
        dpi = float(settings.pdf_default_dpi)
    return RasterPage(image=pdf.render(ref.path, ref.source_page, dpi), dpi=dpi)


def _load_image(ref: PageRef, settings: Settings) -> RasterPage:
    with Image.open(ref.path) as im:
        if ref.source_page > 1 or getattr(im, "n_frames", 1) > 1:
            im.seek(ref.source_page - 1)
        dpi_info = im.info.get("dpi")
        frame = ImageOps.exif_transpose(im) if ref.kind == "image" else im
        grey = np.asarray(frame.convert("L"), dtype=np.uint8).copy()
    dpi = float(dpi_info[0]) if dpi_info and dpi_info[0] and dpi_info[0] > 30 else 0.0
    if not dpi:
        # No resolution recorded: assume an A4 page across the short side.
        dpi = min(grey.shape[:2]) / A4_WIDTH_INCH
    return RasterPage(image=grey, dpi=dpi)
