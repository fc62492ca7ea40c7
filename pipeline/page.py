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
from classifiers.photo import is_photo_sheet, photo_regions
from pipeline import datewords, glyphs, inkmap, lostlines, nik, pdf, preprocess, raster, tallwords, tesseract
from pipeline.models import Classification, PageRef, PageResult, PageText
from pipeline.settings import Settings

PAS_FOTO_MAX_LETTERS = 80  # pas foto sheets in the samples carry 1-30 letters; an SK page 2, 120+


def process_page(
    ref: PageRef, settings: Settings, preview_dir: Path | None = None, raise_transient: bool = False
) -> PageResult:
    """Read and classify one page. A page that cannot be read becomes a result with ``error`` set
    (reported as LOW_CONFIDENCE_PAGE), so its dossier is still reported.

    ``raise_transient``: a failure that may not recur on a second try (Tesseract failed or ran
    over the page's OCR time budget, memory ran out) is raised instead, for the scheduler to run
    the page again (the Prefect page task does so on all but its last try). A defect of the page
    itself (undecodable, absurd size, a case the image code cannot handle) would fail again: it
    becomes an error page at once, whatever its exception type, so no page can stop a batch.
    """
    start = time.perf_counter()
    error: str | None = None
    try:
        with tesseract.page_budget(settings.timeout_seconds):
            result = _process(ref, settings, preview_dir)
    except (tesseract.OcrError, MemoryError) as exc:
        if raise_transient:
            raise
        error = str(exc) or type(exc).__name__
    except (raster.RasterError, pdf.PdfError) as exc:
        error = str(exc)
    except Exception as exc:  # cv2.error and the like: first line only (OpenCV's run over many)
        first = (str(exc).strip().splitlines() or [""])[0][:200]
        error = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    if error is not None:
        empty = PageText(words=[], width=0, height=0, method="none")
        result = PageResult(
            ref=ref,
            text=empty,
            classification=Classification(UNKNOWN, 0.0, ["halaman tidak terbaca"]),
            error=error,
        )
    result.seconds = round(time.perf_counter() - start, 3)
    return result


def _process(ref: PageRef, settings: Settings, preview_dir: Path | None) -> PageResult:
    page = raster.load(ref, settings)
    if page.text is not None:
        upright, text = page.image, page.text
        classification = classify_text(text)
    elif is_photo_sheet(page.image, page.dpi):
        # Photos carry no text to read: no cleaning, no OCR, and the page is shown as it was scanned
        # (told from the scan itself, so the cleaning's ~0.2 s is not spent first).
        upright = page.image
        text = PageText([], upright.shape[1], upright.shape[0], "none", None, 0)
        classification = Classification("PAS_FOTO", 0.85, ["lembar pas foto (>= 4 foto sama ukuran)"], True)
    else:
        prepared = preprocess.prepare(page.image, page.dpi, settings)
        upright = prepared.image
        if prepared.blank:
            # Too little ink for a page of text, yet a line may be on it: a letter's tembusan
            # spilling onto a page of its own ("2. Arsip."). Read once as scanned (0.1-0.3 s): its
            # words let the grouping join it to its letter; a blank page stays BLANK either way.
            text = ocr(prepared.ocr, settings)
            classification = Classification(BLANK, 0.95, ["halaman kosong (tanpa tinta)"])
        else:
            text, turn = read_upright(prepared.ocr, settings, (270,) if prepared.rotation == 90 else ())
            if turn in (90, 270):
                # The sideways guess was wrong: the skew was measured and the rules were found on
                # the page lying the wrong way (text running down a page has no rows to level; on a
                # janda letter left 4 degrees off, label and value columns drifted a row apart and
                # the title's underline, taken out tilted, cut its letters). Clean it again as OCR
                # found it, and read it again.
                prepared = preprocess.prepare(page.image, page.dpi, settings, (prepared.rotation + turn) % 360)
                text, turn, upright = ocr(prepared.ocr, settings), 0, prepared.image
            turned = preprocess.rotate_clockwise(prepared.ocr, turn)
            if _letters(text) < FEW_LETTERS:
                text, turn, turned = _read_enlarged(prepared, text, turn, turned, settings)
            upright = preprocess.rotate_clockwise(upright, turn)
            text = tesseract.read_set_aside(
                turned, text, settings.lang, settings.oem, settings.timeout_seconds, settings.ocr_variables
            )
            text = lostlines.read_lost_lines(turned, text, lambda crop: ocr(crop, settings, tesseract.PSM_SINGLE_BLOCK))
            text = tallwords.read_tall_words(turned, text, lambda crop: ocr(crop, settings, tesseract.PSM_SINGLE_LINE))
            text.words = datewords.reread_dates(
                turned,
                text.words,
                lambda crop: tesseract.read_line(
                    crop, settings.lang, settings.oem, settings.timeout_seconds, datewords.DATE_CHARACTERS
                ),
            )
            # after the dates are read again: a NIK's glyph conflict is settled by the birth date
            # the card prints beside it
            text.words = glyphs.agree_digit_runs(
                turned,
                text.words,
                lambda crop: tesseract.read_digits(crop, settings.lang, settings.oem, settings.timeout_seconds),
                nik.plausible_reading,
                nik.date_gap_by(text.text),
                nik.nik_shaped,
            )
            text.rotation = (prepared.rotation + turn) % 360
            classification = classify_text(text)
            if classification.doc_type == UNKNOWN:
                classification = _pas_foto_or_not(upright, page.dpi, text, classification)
            if classification.doc_type in (BLANK, "PAS_FOTO") and text.rotation:
                # No text to tell which way is up: report the page as it was scanned.
                upright = preprocess.rotate_clockwise(upright, (360 - text.rotation) % 360)
                text = PageText([], upright.shape[1], upright.shape[0], text.method, text.ocr_confidence, 0)
    result = PageResult(ref=ref, text=text, classification=classification)
    result.sha256 = hashlib.sha256(np.ascontiguousarray(upright).tobytes()).hexdigest()
    result.layout = inkmap.thumbnail(upright)
    if preview_dir is not None:
        result.preview, scale = write_preview(upright, ref.index, preview_dir, settings)
        # Word boxes are in the OCR image's pixels, which may be finer than the page image's.
        result.preview_scale = scale * upright.shape[1] / text.width if text.width else scale
    return result


def read_upright(image: np.ndarray, settings: Settings, always: tuple[int, ...] = ()) -> tuple[PageText, int]:
    """OCR the page; when the reading is poor, find out whether the page reads better turned (180,
    then 90 and 270 degrees, in case the text-direction guess was wrong). Returns (text, extra turn).

    An upside-down page reads at a mean word confidence of 20-50, an upright one at 75-95 even
    on degraded copies (measured on the sample dossiers), so only poor readings pay more, and
    they pay little: each turn, in that order, is first tried on one band of the page (the quarter
    with the most ink, see :func:`preprocess.ink_band`) and read in full only when its band reads
    clearly better. Readings are compared by :func:`reading_score`, which sees through
    Tesseract's confident reading of a sideways page as vertical text.
    ``always``: turns compared whatever the first reading gave, in full and without a margin (a
    page guessed to lie sideways is also read as it was scanned: the guess fails on pages with
    little text).
    """

    first = ocr(image, settings)
    if not first.words:
        # Tesseract's page layout found no text block, yet the page has ink (a blank one is not
        # read here): read it as one block, kept where it reads as text does (a photo read so gives
        # a few marks at low confidence). A closing page of an SK (seed 63211 berkas-0038 page 13)
        # read no word laid out and 31 words at 60 as a block; its turn upside down had read junk
        # at 21 and, against nothing, was taken.
        block = ocr(image, settings, tesseract.PSM_SINGLE_BLOCK)
        first = block if reading_score(block) >= BLOCK_MIN_SCORE else first
    best, best_turn = first, 0
    bands: dict[int, float] = {}

    def band(turn: int) -> float:
        if turn not in bands:
            bands[turn] = reading_score(ocr(preprocess.ink_band(preprocess.rotate_clockwise(image, turn)), settings))
        return bands[turn]

    for turn in dict.fromkeys((*always, 180, 90, 270)):
        score = reading_score(best)
        if score >= settings.flip_below and turn not in always:
            break
        margin = 0.0 if turn in always else settings.flip_margin
        # a turn to be compared is read in full: the inkiest quarter of a page with little text is
        # often its stamp or signature, which reads no word either way (seed 55117 berkas-0015 page
        # 9) or less than the sideways guess's junk (seed 61129 berkas-0002 page 7: band 0 as
        # scanned against 4.6 guessed, the page read 29.6 as scanned and 6.0 guessed)
        if turn not in always and band(turn) <= band(best_turn) + margin:
            continue
        text = ocr(preprocess.rotate_clockwise(image, turn), settings)
        if reading_score(text) > score + margin:
            best, best_turn = text, turn
    return best, best_turn


BLOCK_MIN_SCORE = 50.0  # a page read as one block is kept from this reading score (reading_score)


def ocr(image: np.ndarray, settings: Settings, psm: int | None = None) -> PageText:
    """One reading of an upright page image with the settings' OCR parameters (``psm``: another
    page segmentation mode than the settings', such as one block)."""
    return tesseract.recognise(
        image,
        settings.lang,
        settings.psm if psm is None else psm,
        settings.oem,
        settings.timeout_seconds,
        settings.ocr_variables,
    )


def reading_score(text: PageText) -> float:
    """How well a reading went: the mean word confidence, discounted by the share of words whose
    box stands upright. Tesseract reads a page lying sideways as vertical text, word by word, at
    75-90 confidence; its words are then taller than wide (measured on three such sample pages:
    96-100% of words of three letters or more, against 0-2% in an upright reading)."""
    words = [w for w in text.words if len(w.text) >= 3]
    if not words:
        return text.ocr_confidence or 0.0
    tall = sum((w.bbox[3] - w.bbox[1]) > (w.bbox[2] - w.bbox[0]) for w in words) / len(words)
    return (text.ocr_confidence or 0.0) * (1.0 - tall)


FEW_LETTERS = 10  # a page read with fewer letters is BLANK (or a photo) unless read better enlarged
ENLARGE = 1.5  # ... by this factor


def _letters(text: PageText) -> int:
    return sum(ch.isalpha() for ch in text.text)


def _read_enlarged(
    prepared: preprocess.Prepared, text: PageText, turn: int, turned: np.ndarray, settings: Settings
) -> tuple[PageText, int, np.ndarray]:
    """A page that read (almost) no letters, read again enlarged: a 200-dpi copy holding only a short
    tembusan block among specks read nothing at its size and whole at 1.5x (seeds 17683, 21433).
    Tried as it lies and, when the cleaning guessed it sideways, as scanned too (a scanner's dark
    edge makes that guess, and a page with so little text gives OCR nothing to overturn it by).
    Returns the reading (boxes in the enlarged image's pixels), its turn and the image it was read on;
    the first reading when no enlarged one reads more letters."""
    best = (text, turn, turned)
    turns = [turn] + ([(turn + 270) % 360] if prepared.rotation == 90 and turn == 0 else [])
    for candidate in turns:
        image = preprocess.rotate_clockwise(prepared.ocr, candidate)
        image = cv2.resize(image, None, fx=ENLARGE, fy=ENLARGE, interpolation=cv2.INTER_CUBIC)
        again = ocr(image, settings)
        if _letters(again) > _letters(best[0]) and reading_score(again) > reading_score(best[0]):
            best = (again, candidate, image)
    return best


def _pas_foto_or_not(image: np.ndarray, dpi: float, text: PageText, fallback: Classification) -> Classification:
    letters = _letters(text)
    if letters > PAS_FOTO_MAX_LETTERS:
        return fallback
    photos = photo_regions(image, dpi)
    if photos:
        return Classification("PAS_FOTO", 0.8, [f"{len(photos)} area foto, {letters} huruf"], True)
    if preprocess.is_dark(image):
        return Classification(UNKNOWN, 0.0, [f"halaman terlalu gelap, {letters} huruf terbaca"])
    if letters < FEW_LETTERS:
        return Classification(BLANK, 0.7, [f"hanya {letters} huruf, tanpa foto"])
    return fallback


def write_preview(image: np.ndarray, index: int, preview_dir: Path, settings: Settings) -> tuple[str, float]:
    """A small upright JPEG for the report; returns (path relative to the bundle dir, scale)."""
    preview_dir.mkdir(parents=True, exist_ok=True)
    scale = min(1.0, settings.preview_width / max(image.shape[1], 1))
    if image.shape[1] <= settings.preview_width + 1:
        # A text-layer page is rendered at the preview's width, and PDFium's rounding makes it a
        # pixel wider (1001 for 1000): resizing that costs ~13 ms a page and blurs it for nothing.
        scale = 1.0
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else image
    name = f"p{index:03d}.jpg"
    tmp = preview_dir / f".{name}.tmp.jpg"
    cv2.imwrite(str(tmp), small, [cv2.IMWRITE_JPEG_QUALITY, 70])
    tmp.replace(preview_dir / name)
    return f"{preview_dir.name}/{name}", scale
