"""The one wrapper around Tesseract (through tesserocr, its C++ API in-process).

Nothing else in the project calls Tesseract. Why the API and not the command line: the model is
loaded once per worker thread instead of once per page, the page goes over as raw bytes (no
image file is written or encoded at all), and Tesseract releases the GIL while it reads, so a
thread per core keeps every core busy. Measured on 12 sample pages, one core: 0.92 s CPU a page
through the API against 1.38 s for the ``tesseract`` command on the same images
(``bench/bench.py`` prints the end-to-end figures). ``OMP_THREAD_LIMIT=1`` is set before the
library loads: on a 2-core machine Tesseract's own OpenMP threading is several times slower than
one page per core. Failures and timeouts become :class:`OcrError`, so one bad page never stops a
batch.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

os.environ["OMP_THREAD_LIMIT"] = "1"  # before tesserocr loads libtesseract

import numpy as np  # noqa: E402
import tesserocr  # noqa: E402

from pipeline.glyphs import MIN_DIGITS, paint_words  # noqa: E402
from pipeline.models import PageText, Word  # noqa: E402

# Where Debian (tesseract-ocr-ind) and other distributions put the language data; TESSDATA_PREFIX wins.
TESSDATA_DIRS = (
    Path("/usr/share/tesseract-ocr/5/tessdata"),
    Path("/usr/share/tesseract-ocr/4.00/tessdata"),
    Path("/usr/share/tessdata"),
)
TSV_FIELDS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num")
TSV_BOX = ("left", "top", "width", "height")


class OcrError(RuntimeError):
    """Tesseract failed or timed out on a page."""


def tessdata_dir() -> Path | None:
    """The folder holding the ``*.traineddata`` files, or None when there is none."""
    env = os.environ.get("TESSDATA_PREFIX")
    candidates = ([Path(env)] if env else []) + list(TESSDATA_DIRS)
    return next((d for d in candidates if d.is_dir() and any(d.glob("*.traineddata"))), None)


@functools.cache
def version() -> str:
    return str(tesserocr.tesseract_version().split()[1])


_local = threading.local()


Variables = tuple[tuple[str, str], ...]


def _api(lang: str, psm: int, oem: int, variables: Variables = ()) -> tesserocr.PyTessBaseAPI:
    """This thread's engine for (lang, psm, oem, parameters), loaded on first use and kept."""
    engines: dict[tuple, tesserocr.PyTessBaseAPI] = _local.__dict__.setdefault("engines", {})
    key = (lang, psm, oem, variables)
    if key not in engines:
        folder = tessdata_dir()
        if folder is None:
            raise OcrError("Tesseract language data not found (install tesseract-ocr-ind or set TESSDATA_PREFIX)")
        try:
            api = tesserocr.PyTessBaseAPI(path=f"{folder}/", lang=lang, psm=psm, oem=oem)
        except RuntimeError as exc:
            raise OcrError(f"Tesseract could not load language {lang!r} from {folder}: {exc}") from exc
        for name, value in variables:
            if not api.SetVariable(name, value):
                raise OcrError(f"unknown Tesseract parameter {name!r} (settings.yaml ocr.variables)")
        engines[key] = api
    return engines[key]


_PAGE_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("berkas_page_deadline", default=None)


@contextlib.contextmanager
def page_budget(seconds: float) -> Iterator[None]:
    """Bound the OCR time of one page: a page may be read up to four times (turned), and the
    settings' ``ocr.timeout_seconds`` is what all its readings together may take."""
    token = _PAGE_DEADLINE.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _PAGE_DEADLINE.reset(token)


def _within_budget(timeout: float) -> float:
    """This reading's timeout: the caller's, cut to what is left of the page's budget."""
    deadline = _PAGE_DEADLINE.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise OcrError("OCR time limit of the page reached (settings.yaml ocr.timeout_seconds)")
    return min(timeout, left) if timeout > 0 else left


def recognise(image: np.ndarray, lang: str, psm: int, oem: int, timeout: float, variables: Variables = ()) -> PageText:
    """One OCR pass over an upright grey page: words with boxes and confidences, and the
    alternatives of each long number's characters (:func:`alternatives`)."""
    api = _recognised(image, _api(lang, psm, oem, variables), timeout)
    text = words_from_data(parse_tsv(api.GetTSVText(0)), width=image.shape[1], height=image.shape[0])
    found = alternatives(api)
    if found:
        text.words = [
            replace(w, alternatives=found[w.bbox]) if len(found.get(w.bbox, ())) == len(w.text) else w
            for w in text.words
        ]
    return text


# A character's other candidates the LSTM scored at least this (0-100) are kept. On the 146 e-KTP NIK
# words of four corpus seeds (63211-69371) read one symbol per digit, 100 of the 2121 digits read
# right had another candidate at 20 or more; a blurred 6 read as 5 (69371 berkas-0007) had 6 at 24.
ALTERNATIVE_MIN = 20.0
LONG_NUMBER = MIN_DIGITS  # digits of a word whose alternatives are kept: the numbers glyphs.py agrees


def alternatives(api: tesserocr.PyTessBaseAPI) -> dict[tuple[int, int, int, int], tuple[str, ...]]:
    """For each word of :data:`LONG_NUMBER` digits or more that ``api`` just read, keyed by its
    box: per character, the other characters the LSTM scored :data:`ALTERNATIVE_MIN` or more
    (empty where none; nothing at all unless the engine has ``lstm_choice_mode`` set).

    The LSTM reads a blurred digit in context and keeps the shape it was unsure of among its
    candidates: where a printed date then says which candidate the card holds, that is evidence,
    not a guess (pipeline/glyphs.py confirmed_by_alternatives)."""
    out: dict[tuple[int, int, int, int], tuple[str, ...]] = {}
    it = api.GetIterator()
    if it is None:
        return out
    boxes = []
    for word in tesserocr.iterate_level(it, tesserocr.RIL.WORD):
        text = _utf8(word, tesserocr.RIL.WORD)
        if sum(ch.isdigit() for ch in text) >= LONG_NUMBER:
            x0, y0, x1, y1 = word.BoundingBox(tesserocr.RIL.WORD)
            boxes.append((x0, y0, x1, y1))
    if not boxes:
        return out
    symbols: dict[tuple[int, int, int, int], list[str]] = {box: [] for box in boxes}
    it = api.GetIterator()
    for symbol in tesserocr.iterate_level(it, tesserocr.RIL.SYMBOL):
        box = symbol.BoundingBox(tesserocr.RIL.SYMBOL)
        if box is None:
            continue
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        word = next((b for b in boxes if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]), None)
        if word is None:
            continue
        read = _utf8(symbol, tesserocr.RIL.SYMBOL)
        others = set()
        for choice in symbol.GetChoiceIterator():
            alt = choice.GetUTF8Text() or ""
            if alt and alt != read and choice.Confidence() >= ALTERNATIVE_MIN:
                others.add(alt)
        symbols[word].append("".join(sorted(others)))
    return {box: tuple(chars) for box, chars in symbols.items()}


def _utf8(it: tesserocr.PyLTRResultIterator, level: int) -> str:
    """The text at the iterator's element; "" where there is none (tesserocr raises for that)."""
    try:
        return it.GetUTF8Text(level) or ""
    except RuntimeError:
        return ""


DIGITS = "0123456789"
PSM_SINGLE_LINE = 7


def read_line(image: np.ndarray, lang: str, oem: int, timeout: float, characters: str) -> tuple[str, float]:
    """One line of print (a word's crop) read with ``characters`` as the only ones allowed, and
    the reading's mean confidence (0-100).

    Used to read a number or a date a second time on its own (:mod:`pipeline.glyphs`,
    :mod:`pipeline.datewords`): without the page around it and with letters ruled out, the reading
    is a second witness."""
    api = _recognised(image, _api(lang, PSM_SINGLE_LINE, oem, (("tessedit_char_whitelist", characters),)), timeout)
    return str(api.GetUTF8Text()).strip(), float(api.MeanTextConf())


def read_digits(image: np.ndarray, lang: str, oem: int, timeout: float) -> str:
    """The digits of one line of print (a number's crop): its digit count is a second witness."""
    return "".join(ch for ch in read_line(image, lang, oem, timeout, DIGITS)[0] if ch.isdigit())


def _recognised(image: np.ndarray, api: tesserocr.PyTessBaseAPI, timeout: float) -> tesserocr.PyTessBaseAPI:
    """``api`` after recognising ``image`` within the page's OCR budget, ready to give its results."""
    timeout = _within_budget(timeout)
    if image.ndim != 2 or image.dtype != np.uint8:
        raise OcrError(f"page image must be 8-bit grey, got {image.dtype} {image.shape}")
    height, width = image.shape
    api.SetImageBytes(np.ascontiguousarray(image).tobytes(), width, height, 1, width)
    if not api.Recognize(timeout=max(1, int(timeout * 1000))):
        api.Clear()
        raise OcrError(f"Tesseract timed out after {timeout:.0f} s")
    return api


def parse_tsv(tsv: str) -> dict[str, list]:
    """Tesseract's TSV rows as columns, the shape of pytesseract's ``image_to_data`` dict."""
    data: dict[str, list] = {k: [] for k in (*TSV_FIELDS, *TSV_BOX, "conf", "text")}
    for row in tsv.splitlines():
        cells = row.split("\t")
        if len(cells) < 12 or not cells[0].isdigit():
            continue  # a header line, or a text cell broken by a stray newline
        for key, cell in zip((*TSV_FIELDS, *TSV_BOX), cells[:10], strict=True):
            data[key].append(int(cell))
        data["conf"].append(float(cells[10]))
        data["text"].append("\t".join(cells[11:]))
    return data


def words_from_data(data: dict, width: int, height: int) -> PageText:
    """Turn the TSV columns into a PageText with running line numbers, and note the blocks the
    layout analysis found but read no word in (see :func:`read_set_aside`)."""
    words: list[Word] = []
    line_ids: dict[tuple[int, int, int], int] = {}
    read_blocks: set[int] = set()
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        read_blocks.add(key[0])
        line = line_ids.setdefault(key, len(line_ids))
        x, y, w, h = (int(data[k][i]) for k in ("left", "top", "width", "height"))
        words.append(Word(text=text, conf=conf, bbox=(x, y, x + w, y + h), line=line))
    set_aside = [
        (x, y, x + w, y + h)
        for level, block, x, y, w, h in zip(
            data["level"], data["block_num"], data["left"], data["top"], data["width"], data["height"], strict=True
        )
        if level == 2 and block not in read_blocks and w >= SET_ASIDE_MIN[0] * width and h >= SET_ASIDE_MIN[1] * height
    ]
    return PageText(
        words=words, width=width, height=height, method="ocr", ocr_confidence=_mean(words), set_aside=set_aside
    )


def _inside_a_row(bbox: tuple[int, int, int, int], words: list[Word]) -> bool:
    """Whether ``bbox`` stands between words already read on its row: what is left there once
    they are painted out is their debris (a written-out date read "empat t Februari seribu 4
    sembilan 1 ratus"), while print the first reading lost lies in rows of its own or beyond a
    row's ends (a value column whose labels were read)."""
    x0, y0, x1, y1 = bbox
    row = [w for w in words if min(y1, w.bbox[3]) - max(y0, w.bbox[1]) >= 0.5 * min(y1 - y0, w.bbox[3] - w.bbox[1])]
    return bool(row) and min(w.bbox[0] for w in row) <= (x0 + x1) / 2 <= max(w.bbox[2] for w in row)


def _mean(words: list[Word]) -> float | None:
    return float(np.mean([w.conf for w in words])) if words else None


SET_ASIDE_MIN = (0.08, 0.03)  # of the page's width, height: a rule or a speck is no region to read again
SET_ASIDE_MIN_CONF = 50.0  # a word read in a set-aside region is kept at this confidence or more
PSM_SINGLE_BLOCK = 6


def read_set_aside(
    image: np.ndarray, text: PageText, lang: str, oem: int, timeout: float, variables: Variables = ()
) -> PageText:
    """``text`` with the words of the regions its layout analysis set aside, read as plain blocks.

    Tesseract's automatic layout takes a region holding a stamp and a signature for a picture,
    grows it over the print around it, and reads none of it: on a clean kutipan akta nikah it
    read 35 words, the whole wife's block lost under the registrar's stamp (with a page frame,
    the picture region spanned the page). Each such region is read again as one block of text
    (no layout analysis there), with the words already read painted out; a word is kept at
    :data:`SET_ASIDE_MIN_CONF` or more, so a photo's texture adds no letters.
    """
    if not text.set_aside:
        return text
    words = list(text.words)
    next_line = max((w.line for w in words), default=-1) + 1
    for x0, y0, x1, y1 in text.set_aside:
        crop = image[y0:y1, x0:x1].copy()
        paint_words(crop, text.words, 255, (x0, y0))
        region = recognise(crop, lang, PSM_SINGLE_BLOCK, oem, timeout, variables)
        lines: dict[int, int] = {}
        for w in region.words:
            bbox = (w.bbox[0] + x0, w.bbox[1] + y0, w.bbox[2] + x0, w.bbox[3] + y0)
            printed = any(ch.isalnum() for ch in w.text) or w.text == ":"  # a label's colon, not a photo's grain
            if w.conf < SET_ASIDE_MIN_CONF or not printed or _inside_a_row(bbox, text.words):
                continue
            line = lines.setdefault(w.line, next_line + len(lines))
            words.append(Word(text=w.text, conf=w.conf, bbox=bbox, line=line))
        next_line += len(lines)
    return PageText(
        words=words,
        width=text.width,
        height=text.height,
        method=text.method,
        ocr_confidence=_mean(words),
        rotation=text.rotation,
        set_aside=text.set_aside,
    )
