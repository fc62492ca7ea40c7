"""Preprocess: make a scanned page upright, straight and of a size Tesseract reads well.

Each step is a small function on a grey numpy array so it can be measured on its own. The
order matters: resolution first (deskew and rule thresholds assume ~300 dpi), then blank
detection (skip OCR on separator sheets), then text direction, deskew, and for OCR only:
background flattening and table-rule removal.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from pipeline.settings import Settings

TARGET_DPI = 300.0  # the resolution the pixel thresholds below are stated at
# One OpenCV thread per page: pages already run one per core, and OpenCV's own pool on top of that
# only oversubscribes the cores.
cv2.setNumThreads(1)


@dataclass
class Prepared:
    image: np.ndarray  # upright, deskewed grey page at the scan's resolution (what the verifier sees)
    ocr: np.ndarray  # the same cleaned, without table rules, at the OCR resolution (what Tesseract reads)
    rotation: int  # degrees turned clockwise to make it upright
    skew: float  # degrees of deskew applied
    blank: bool
    scale: float  # OCR-image pixels per source (and ``image``) pixel


def resolution_scale(dpi: float, settings: Settings) -> float:
    """How much a scan is resampled for OCR: 1 inside min_dpi..max_dpi, else to ``ocr_dpi``."""
    if settings.min_dpi <= dpi <= settings.max_dpi:
        return 1.0
    return settings.ocr_dpi / max(dpi, 1.0)


def ink_fraction(image: np.ndarray) -> float:
    """Share of the page covered by dark marks, ignoring speckle and paper texture."""
    small = cv2.resize(image, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (3, 3), 0)
    binary = cv2.adaptiveThreshold(small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 25)
    binary = cv2.morphologyEx(binary, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    return float(np.count_nonzero(binary)) / binary.size


def is_dark(image: np.ndarray) -> bool:
    """Most of the page is dark: no paper shows. Such a page is never taken for a blank sheet (an
    empty page is light); it is read, and if nothing can be read it is reported unreadable."""
    small = image[::8, ::8]
    return float(np.median(small)) < DARK_MEDIAN


DARK_MEDIAN = 110  # grey level; photocopier-grey paper stays above 150, a ruined black scan below 60


def is_faint(image: np.ndarray, max_ink: float) -> bool:
    """A page of text copied so light that its strokes stand too little above the paper to count as
    ink (:func:`ink_fraction`'s local contrast), yet whose darkest marks lie well below the paper's
    grey: with its greys stretched from those marks to the paper it has the ink of a page of text.
    Seed 57193 berkas-0039 page 7, an SK's tembusan page printed at grey 145-196 on paper at 226,
    was taken for a blank sheet (ink 0.0016, 0.0150 stretched); the blank sheets of three seeds'
    corpora have their darkest marks within 10 greys of the paper, or ink enough to be read anyway."""
    sample = image[::2, ::2]
    darkest, paper = (float(v) for v in np.percentile(sample, [0.1, 50]))
    if paper - darkest < FAINT_GAP:
        return False
    stretched = np.clip((image.astype(np.float32) - darkest) * (255.0 / (paper - darkest)), 0, 255)
    return ink_fraction(stretched.astype(np.uint8)) >= max_ink


FAINT_GAP = 40  # greys between a page's paper (median) and its darkest marks (0.1 percentile)


def rotate_clockwise(image: np.ndarray, degrees: int) -> np.ndarray:
    turns = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    return cv2.rotate(image, turns[degrees]) if degrees in turns else image


def _profile_score(binary: np.ndarray) -> float:
    """How sharply ink rows alternate with blank rows: high when text lines run horizontally."""
    profile = binary.sum(axis=1, dtype=np.float64)
    return float(np.sum(np.diff(profile) ** 2)) / max(binary.shape[0], 1)


def text_is_sideways(image: np.ndarray) -> bool:
    """True when the text lines run vertically (a page scanned turned by 90 or 270 degrees).

    Projection profiles of a small binary image: rows of text give a sharply alternating ink
    histogram along the direction across the lines. Which of the two sideways turns (or 0 vs 180)
    is right is decided by OCR confidence in the page stage: Tesseract's OSD was measured wrong
    on 3 of 19 degraded sample pages for 0 vs 180, while the OCR confidence of the two readings
    differed by 40+ points on every one.
    """
    scale = 800.0 / max(image.shape)
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    small = remove_rules(small)  # borders and table rules would read as lines the other way
    binary = cv2.adaptiveThreshold(small, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 15, 15)
    return _profile_score(binary.T) > 1.3 * _profile_score(binary)


def ink_band(image: np.ndarray, fraction: float = 0.25, min_rows: int = 300) -> np.ndarray:
    """The full-width band of ``fraction`` of the page height holding the most ink: a sample of
    the page's text that is cheap to OCR in several orientations."""
    h = image.shape[0]
    rows = min(h, max(min_rows, int(h * fraction)))
    if rows >= h:
        return image
    ink = (image < 128).sum(axis=1, dtype=np.int64)
    window = np.convolve(ink, np.ones(rows, dtype=np.int64), mode="valid")
    top = int(np.argmax(window))
    return image[top : top + rows]


def estimate_skew(image: np.ndarray, max_angle: float = 5.0, step: float = 0.2) -> float:
    """Skew angle (degrees, counter-clockwise positive) that makes text rows horizontal.

    Projection profile: rows of text give the sharpest horizontal ink histogram when level.
    Computed on a downscaled binary image, coarse (1 degree) then fine (``step``) around the best
    coarse angle: 20 trial rotations instead of 51, the same angle within one fine step.
    """
    scale = 800.0 / max(image.shape)
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    binary = cv2.adaptiveThreshold(small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 15, 15)
    h, w = binary.shape
    centre = (w / 2, h / 2)

    def score(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, float(angle), 1.0)
        rotated = cv2.warpAffine(binary, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
        return float(np.sum(np.diff(rotated.sum(axis=1, dtype=np.float64)) ** 2))

    coarse = max(np.arange(-max_angle, max_angle + 1e-9, 1.0), key=score)
    fine = np.arange(coarse - 1.0 + step, coarse + 1.0 - step / 2, step)
    best = max((a for a in fine if abs(a) <= max_angle + 1e-9), key=score)
    return round(float(best), 2)


MIN_SKEW = 0.1  # degrees: a page tilted less is left as it is


def deskew(image: np.ndarray, angle: float) -> np.ndarray:
    if abs(angle) < MIN_SKEW:
        return image
    h, w = image.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(image, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def flatten_background(image: np.ndarray, dpi: float = TARGET_DPI) -> np.ndarray:
    """Divide the page by its own background: uneven lighting, photocopier grey and tinted card
    backgrounds (a KTP photocopy) become white paper, and faint or blurred text gains contrast.

    The background is a wide median (about 4 mm), estimated on a ~75 dpi copy of the page (paper
    shading has no detail finer than that) to keep it near 20 ms a page. Measured on a blurred
    150-dpi photocopy: mean word confidence 66 -> 85.
    """
    h, w = image.shape
    factor = max(1, round(dpi / BACKGROUND_DPI))
    small = cv2.resize(image, (max(1, w // factor), max(1, h // factor)), interpolation=cv2.INTER_AREA)
    background = cv2.resize(cv2.medianBlur(small, BACKGROUND_KERNEL), (w, h), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(image, np.maximum(background, 1), scale=255)


BACKGROUND_DPI = 75.0
BACKGROUND_KERNEL = 13  # pixels at BACKGROUND_DPI: 4.4 mm, wider than any stroke of text


MAX_RULE_THICKNESS = 10  # pixels at ~300 dpi; a printed rule is 1-5, a blurred column of letters wider


def _thin_only(mask: np.ndarray, across: tuple[int, int]) -> np.ndarray:
    """Keep the long runs that are thin: rules. A column of labels smeared together by blur (seen
    on heavy photocopies) also leaves long runs after the opening, but as a thick strip: an opening
    across the line direction finds such strips, and they are given back to the text."""
    thick = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, across))
    return cv2.bitwise_and(mask, cv2.bitwise_not(thick))


def _outside_text(horizontal: np.ndarray, binary: np.ndarray, letter_height: int, rule_length: int) -> np.ndarray:
    """Drop the "rules" that are a line of bold text: on a heavy photocopy the letters of a bold
    line fuse into runs long and thin enough for the opening to take them for rules, and painting
    them white cut every word of the line (a decree's tembusan page read as 8 letters, then BLANK).
    Letter-tall ink stands on such a run in many of its columns (the stems: 4-50 % on such pages),
    on a printed rule only where a column rule crosses it or a letter touches it (at most 5 % on the
    seeds' KK, DPCP, SKP and pengantar tables). A title's underline has its letters standing on it
    too, but runs the title's length: a run longer than ``3 * rule_length`` stays a rule (text fused
    into one run is one word or two, 66-130 px at 200 dpi, where the opening asks for 66)."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(horizontal, connectivity=8)
    if count == 1:
        return horizontal  # no rule on the page: the page-wide opening below is not needed
    tall = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, letter_height)))
    keep = horizontal.copy()
    for i in range(1, count):
        x, y, w, h = stats[i, :4]
        if w > 3 * rule_length:
            continue
        on_rule = labels[y : y + h, x : x + w] == i
        stems = (on_rule & (tall[y : y + h, x : x + w] > 0)).any(axis=0).mean()
        if stems > RULE_MAX_STEMS:
            keep[y : y + h, x : x + w][on_rule] = 0
    return keep


RULE_MAX_STEMS = 0.1  # fraction of a rule's columns crossed by letter-tall ink (see _outside_text)


def remove_rules(
    image: np.ndarray, min_fraction: float = 1 / 25, max_thickness: int = MAX_RULE_THICKNESS
) -> np.ndarray:
    """Paint table rules (long thin horizontal and vertical lines) white.

    Tesseract reads the ruled cells of a KK member table, an SKP or a DPCP family table as '|',
    'I', 'J' and garbage glued to the values; without the rules the cell texts read cleanly.
    Lines are found by morphological opening with long thin kernels, so letters are untouched.
    """
    h, w = image.shape
    binary = cv2.threshold(image, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    long_h = cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, int(w * min_fraction)), 1))
    long_v = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(20, int(h * min_fraction))))
    wide = max_thickness + 1
    horizontal = _thin_only(cv2.morphologyEx(binary, cv2.MORPH_OPEN, long_h), (1, wide))
    horizontal = _outside_text(horizontal, binary, 2 * max_thickness + 1, long_h.shape[1])
    vertical = _thin_only(cv2.morphologyEx(binary, cv2.MORPH_OPEN, long_v), (wide, 1))
    rules = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((3, 3), np.uint8))
    if not rules.any():
        return image
    out = image.copy()
    out[rules > 0] = 255
    return out


def prepare(image: np.ndarray, dpi: float, settings: Settings, rotation: int | None = None) -> Prepared:
    """The whole chain for a scanned page; 0 vs 180 is settled later by OCR confidence.
    ``rotation``: the clockwise turn that puts the page's text in rows, when OCR has told it
    (None: guessed from the ink, see :func:`text_is_sideways`).

    Cleaning runs at the scan's own resolution and only the result is resampled to 300 dpi: a
    150-dpi photocopy reads far better at 300 dpi (three degraded sample pages: classified only at
    300), but flattening, rule removal and deskewing need not pay for four times the pixels.
    """
    scale = resolution_scale(dpi, settings)
    max_ink, dark = settings.blank_max_ink_fraction, is_dark(image)
    if ink_fraction(image) < max_ink and not dark and not is_faint(image, max_ink):
        return Prepared(image=image, ocr=image, rotation=0, skew=0.0, blank=True, scale=1.0)
    if dark:
        # A copy so dark that its paper is near black carries the toner's speckle at almost the
        # contrast of its text, and flattening multiplies both (paper at grey 50: fivefold): a 3x3
        # median takes the speckle out first. On the four dark pages of seeds 61129 and 63211 the
        # passbook read UNKNOWN is then classified by its title, the three letters read as before
        # or better (mean word confidence 83 -> 82, 81 -> 87, 91 -> 94).
        image = cv2.medianBlur(image, 3)
    flat = flatten_background(image, dpi)
    if rotation is None:
        rotation = 90 if text_is_sideways(flat) else 0
    image, flat = rotate_clockwise(image, rotation), rotate_clockwise(flat, rotation)
    angle = estimate_skew(flat)
    image = deskew(image, angle)
    ocr = remove_rules(deskew(flat, angle), max_thickness=max(3, round(MAX_RULE_THICKNESS * dpi / TARGET_DPI)))
    if scale != 1.0:  # the page image stays as scanned: previews and hashes do not need more pixels
        interp = cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA
        ocr = cv2.resize(ocr, None, fx=scale, fy=scale, interpolation=interp)
    return Prepared(image=image, ocr=ocr, rotation=rotation, skew=angle, blank=False, scale=scale)
