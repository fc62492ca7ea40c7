"""Raster: turn a page reference into a grey image, or into its PDF text layer.

A PDF page with a real text layer is read from the layer (no OCR) and rendered only small, for
the report's preview; a scanned PDF page is rendered at the resolution of its embedded scan;
TIFF frames and JPEG/PNG pages are decoded with Pillow. Images stay numpy arrays from here on.

Every page is bounded in pixels (settings.yaml ``limits.max_image_pixels``) before anything big
is allocated: a decoded frame, a PDF page at its render resolution, an image embedded in a PDF
page (PDFium decodes it whole), and the page after preprocessing resamples it to 300 dpi (a
thin strip with no resolution recorded would otherwise grow to billions of pixels).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps

from pipeline import pdf
from pipeline.models import PageRef, PageText
from pipeline.preprocess import resolution_scale
from pipeline.settings import Settings

A4_WIDTH_INCH = 8.27
RASTER_FORMATS = ("JPEG", "PNG", "TIFF")  # as pipeline/ingest.py: no other decoder may open


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
        page = _load_pdf(ref, settings) if ref.kind == "pdf" else _load_image(ref, settings)
    except (pdf.PdfError, RasterError):
        raise
    except Image.DecompressionBombError as exc:
        raise RasterError(_too_many(0, settings)) from exc
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise RasterError(f"cannot decode page ({type(exc).__name__}: {exc})") from exc
    if page.text is None:
        _check_resampled(page, settings)
    return page


def _too_many(pixels: float, settings: Settings, what: str = "image") -> str:
    size = f"{pixels / 1e6:.0f} million; " if pixels else ""
    return (
        f"{what} has too many pixels ({size}limit {settings.max_image_pixels / 1e6:.0f} million, "
        "settings.yaml limits.max_image_pixels)"
    )


def _check_resampled(page: RasterPage, settings: Settings) -> None:
    """Preprocessing brings a scan outside min_dpi..max_dpi to ocr_dpi: refuse a page that would
    then exceed the pixel limit, before OpenCV allocates it."""
    scale = resolution_scale(page.dpi, settings)
    pixels = page.image.shape[0] * page.image.shape[1] * scale * scale
    if pixels > settings.max_image_pixels:
        raise RasterError(_too_many(pixels, settings, f"page at {settings.ocr_dpi} dpi ({page.dpi:.0f} dpi scan)"))


def _load_pdf(ref: PageRef, settings: Settings) -> RasterPage:
    image, dpi, text = pdf.read_page(ref.path, ref.source_page, lambda info: _pdf_plan(info, settings))
    return RasterPage(image=image, dpi=dpi, text=text)


def _pdf_plan(info: pdf.PdfPageInfo, settings: Settings) -> tuple[float, bool]:
    """(render dpi, read the text layer) for a PDF page, or RasterError for one too big to render."""
    if info.image_pixels > settings.max_image_pixels:
        raise RasterError(_too_many(info.image_pixels, settings, "image embedded in the PDF page"))
    with_text = info.text_chars >= settings.text_layer_min_chars
    if with_text:
        dpi = settings.preview_width / max(info.width_pt / 72.0, 1.0)
    else:
        dpi = float(info.image_dpi or settings.pdf_default_dpi)
        if not settings.min_dpi <= dpi <= settings.max_dpi:
            # A coarse (or needlessly fine) scan is rendered straight at 300 dpi: PDFium's resampling
            # replaces a second resize, and 150-dpi text rendered at 190 dpi was measured unreadable.
            dpi = float(settings.pdf_default_dpi)
    pixels = info.width_pt * info.height_pt * (dpi / 72) ** 2
    if pixels > settings.max_image_pixels:
        inches = f"{info.width_pt / 72:.0f}×{info.height_pt / 72:.0f} in"
        raise RasterError(_too_many(pixels, settings, f"PDF page ({inches} at {dpi:.0f} dpi)"))
    if pixels < 1:
        raise RasterError(f"PDF page has no area ({info.width_pt:.1f}×{info.height_pt:.1f} pt)")
    return dpi, with_text


def _load_image(ref: PageRef, settings: Settings) -> RasterPage:
    with Image.open(ref.path, formats=RASTER_FORMATS) as im:
        if ref.source_page > 1 or getattr(im, "n_frames", 1) > 1:
            im.seek(ref.source_page - 1)
        if im.width * im.height > settings.max_image_pixels:  # Pillow checks only the first frame
            raise RasterError(_too_many(im.width * im.height, settings))
        dpi_info = im.info.get("dpi")
        frame = ImageOps.exif_transpose(im) if ref.kind == "image" else im
        grey = np.asarray(frame.convert("L"), dtype=np.uint8).copy()
    dpi = float(dpi_info[0]) if dpi_info and dpi_info[0] and dpi_info[0] > 30 else 0.0
    if not dpi:
        # No resolution recorded: assume an A4 page across the short side.
        dpi = min(grey.shape[:2]) / A4_WIDTH_INCH
    return RasterPage(image=grey, dpi=dpi)
