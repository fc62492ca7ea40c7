"""The one wrapper around PDF libraries: pypdfium2 (PDFium) to read text layers and rasterise,
pdfplumber/pdfminer to look inside files PDFium will not open or that carry active content.

PDFium gives a page's characters with their boxes in C (~10 ms a page; pdfplumber's word
extraction costs 100-140 ms in Python) and renders scanned pages straight to a numpy array,
without the PNG round trip that makes ``pdftoppm -png`` cost seconds per noisy page. PDFium is
not thread-safe, so every PDFium call goes through one lock per process.

Nothing in a PDF is ever run: pypdfium2 is used without a form-fill environment (PDFium runs no
JavaScript without one, and its wheels carry no JavaScript engine) and pdfplumber only parses.
JavaScript, launch actions and embedded files are counted so the report can say they were there.
"""

from __future__ import annotations

import contextlib
import ctypes
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSLiteral

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
    image_pixels: int = 0  # pixels of the largest embedded image (decoded in full to render)


@dataclass(frozen=True)
class PdfSummary:
    """What ingest needs to know of a PDF before any page is read."""

    pages: int
    active: list[str] = field(default_factory=list)  # JavaScript, actions, embedded files: never run


def count_pages(path: Path) -> int:
    """Number of pages, or PdfError with a reason a person understands."""
    return inspect(path).pages


def inspect(path: Path) -> PdfSummary:
    """Page count and active content of a PDF, or PdfError with a reason a person understands."""
    with _pdfium_doc(path) as doc:
        n = len(doc)
        scripts = int(pdfium.raw.FPDFDoc_GetJavaScriptActionCount(doc.raw))
        attachments = int(doc.count_attachments())
    if n == 0:
        raise PdfError("PDF has no pages")
    active = []
    if scripts > 0:
        active.append(f"JavaScript ({scripts})")
    active += _catalog_actions(path)
    if attachments > 0:
        active.append(f"embedded files ({attachments})")
    return PdfSummary(n, active)


def _load_failure(path: Path, exc: Exception) -> str:
    """Why PDFium could not open a file. PDFium's last-error code is not reset by every failure
    (a page-less PDF after an encrypted one was seen reported as 'password'), so encryption and
    emptiness are confirmed from the file itself."""
    try:
        with pdfplumber.open(str(path)) as doc:
            if len(doc.pages) == 0:
                return "PDF has no pages"
    except (PDFEncryptionError, PDFPasswordIncorrect):
        return "encrypted PDF (password required)"
    except Exception:  # pdfminer raises many types on damaged files
        pass
    if _mentions_encrypt(path) or "password" in str(exc).lower():
        return "encrypted PDF (password required)"
    return "unreadable PDF (damaged or truncated)"


def _mentions_encrypt(path: Path, window: int = 1 << 16) -> bool:
    """An /Encrypt entry in the trailer (at the end; at the start too in linearised files)."""
    with path.open("rb") as fh:
        head = fh.read(window)
        fh.seek(0, 2)
        fh.seek(max(fh.tell() - window, 0))
        tail = fh.read(window)
    return b"/Encrypt" in head or b"/Encrypt" in tail


def _catalog_actions(path: Path) -> list[str]:
    """Document-level actions PDFium does not count: an /OpenAction or /AA that runs JavaScript
    or launches a program, and XFA forms (which carry scripts)."""
    found: list[str] = []
    try:
        with path.open("rb") as fh:
            catalog = PDFDocument(PDFParser(fh)).catalog
            actions = [resolve1(catalog.get("OpenAction"))]
            extra = resolve1(catalog.get("AA"))
            if isinstance(extra, dict):
                actions += [resolve1(v) for v in extra.values()]
            for action in actions:
                kind = resolve1(action.get("S")) if isinstance(action, dict) else None
                name = kind.name if isinstance(kind, PSLiteral) else str(kind or "")
                if name in ("JavaScript", "Launch", "ImportData", "SubmitForm"):
                    found.append(f"{name} action")
            form = resolve1(catalog.get("AcroForm"))
            if isinstance(form, dict) and form.get("XFA") is not None:
                found.append("XFA form")
    except Exception:  # a catalog pdfminer cannot parse: PDFium already opened the file
        pass
    return found


@contextlib.contextmanager
def _pdfium_doc(path: Path) -> Iterator[pdfium.PdfDocument]:
    """The file opened in PDFium, under the PDFium lock for as long as it is open; a file PDFium
    will not open becomes PdfError with the reason from :func:`_load_failure`."""
    with _PDFIUM_LOCK:
        try:
            doc = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            raise PdfError(_load_failure(path, exc)) from exc
        try:
            yield doc
        finally:
            doc.close()


@contextlib.contextmanager
def _pdfium_page(path: Path, page_no: int, failure: str) -> Iterator[pdfium.PdfPage]:
    """One page (1-based) of the file, opened and closed under the PDFium lock; PDFium's errors
    become PdfError with ``failure`` as the reason."""
    with _pdfium_doc(path) as doc:
        try:
            page = doc[page_no - 1]
            try:
                yield page
            finally:
                page.close()
        except pdfium.PdfiumError as exc:
            raise PdfError(f"{failure} {page_no} ({exc})") from exc


def page_info(path: Path, page_no: int) -> PdfPageInfo:
    """Size, embedded image resolution and text-layer size of one page (1-based).

    Read through PDFium (C, ~5 ms a page): pdfminer would parse the whole page's content stream
    and fonts only to count characters, costing more than reading the text layer itself.
    """
    with _pdfium_page(path, page_no, "unreadable PDF page") as page:
        return _page_info(page, page.get_textpage())


def _page_info(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> PdfPageInfo:
    width_pt, height_pt = page.get_size()
    dpi, pixels = None, 0
    for obj in page.get_objects(filter=(pdfium.raw.FPDF_PAGEOBJ_IMAGE,)):
        src_w, src_h = obj.get_px_size()
        left, _, right, _ = obj.get_bounds()
        pixels = max(pixels, int(src_w) * int(src_h))
        if right - left > 0 and src_w:
            dpi = max(dpi or 0.0, src_w / ((right - left) / 72.0))
    chars = sum(1 for ch in textpage.get_text_range() if not ch.isspace())
    return PdfPageInfo(float(width_pt), float(height_pt), dpi, chars, pixels)


def text_layer(path: Path, page_no: int, dpi: float) -> PageText:
    """The page's text layer as words with boxes in pixels at ``dpi``.

    Read from PDFium's text page: characters in reading order with their boxes, PDFium's own
    spaces and line breaks between them. It costs ~10 ms a page in C, against 100-140 ms for
    pdfminer's layout analysis (pdfplumber ``extract_words``), which also holds the GIL; a
    born-digital dossier is meant to go through many times faster than a scanned one.
    """
    with _pdfium_page(path, page_no, "unreadable text layer on PDF page") as page:
        return _text_layer(page, page.get_textpage(), dpi)


def _text_layer(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, dpi: float) -> PageText:
    scale = dpi / 72.0
    width_pt, height_pt = page.get_size()
    words = [
        Word(text=text, conf=100.0, bbox=tuple(int(v * scale) for v in box), line=line)  # type: ignore[arg-type]
        for text, box, line in _words(_chars(textpage), height_pt)
    ]
    width, height = int(round(width_pt * scale)), int(round(height_pt * scale))
    return PageText(words=words, width=width, height=height, method="text_layer", ocr_confidence=None)


# How a page is to be read, decided from its facts: (render resolution, read the text layer too).
# It may raise to refuse the page (too many pixels) before anything is rendered.
ReadPlan = Callable[[PdfPageInfo], tuple[float, bool]]


def read_page(path: Path, page_no: int, plan: ReadPlan) -> tuple[np.ndarray, float, PageText | None]:
    """One page's facts, image and (when ``plan`` asks) text layer with one opening of the file:
    (grey image, its dpi, text layer or None). Opening the file and loading the page cost ~2.5 ms
    each time, three times a page when asked apart, a tenth of a text-layer page's whole time."""
    with _pdfium_page(path, page_no, "unreadable PDF page") as page:
        textpage = page.get_textpage()
        dpi, with_text = plan(_page_info(page, textpage))
        image = _render(page, dpi)
        return image, dpi, _text_layer(page, textpage, dpi) if with_text else None


# (character, left, bottom, right, top) in PDF points, origin bottom left
_Char = tuple[str, float, float, float, float]


def _chars(textpage: pdfium.PdfTextPage) -> list[_Char]:
    out: list[_Char] = []
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    for i in range(textpage.count_chars()):
        code = pdfium.raw.FPDFText_GetUnicode(textpage.raw, i)
        pdfium.raw.FPDFText_GetCharBox(textpage.raw, i, left, right, bottom, top)
        out.append((chr(code) if code else " ", left.value, bottom.value, right.value, top.value))
    return out


def _words(chars: list[_Char], page_height: float) -> list[tuple[str, tuple[float, float, float, float], int]]:
    """Characters -> (word, (x0, top, x1, bottom) from the top left, line number).

    A word ends at whitespace (PDFium inserts spaces and line breaks where the layout has them) or
    at a gap wider than half the letter height (a table cell next to another, no space drawn)."""
    words: list[tuple[str, tuple[float, float, float, float], int]] = []
    line, current, box = 0, "", [0.0, 0.0, 0.0, 0.0]

    def flush() -> None:
        nonlocal current
        if current:
            words.append((current, (box[0], page_height - box[3], box[2], page_height - box[1]), line))
        current = ""

    for ch, x0, y0, x1, y1 in chars:
        if ch == "\n":
            flush()
            line += 1
            continue
        if ch.isspace() or ord(ch) < 32:
            flush()
            continue
        if current and x0 - box[2] > 0.5 * max(y1 - y0, box[3] - box[1]):
            flush()
        box = [min(box[0], x0), min(box[1], y0), max(box[2], x1), max(box[3], y1)] if current else [x0, y0, x1, y1]
        current += ch
    flush()
    return words


def render(path: Path, page_no: int, dpi: float) -> np.ndarray:
    """Rasterise one page (1-based) to a grey uint8 array at ``dpi``."""
    with _pdfium_page(path, page_no, "cannot render PDF page") as page:
        return _render(page, dpi)


def _render(page: pdfium.PdfPage, dpi: float) -> np.ndarray:
    bitmap = page.render(scale=dpi / 72.0, grayscale=True)
    arr = np.array(bitmap.to_numpy(), copy=True)
    if arr.ndim == 3:
        arr = arr[:, :, 0]
    return arr
