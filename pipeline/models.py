"""Plain typed objects that flow between the pipeline's stages.

Every stage in ``pipeline/`` takes and returns these, so a stage can be tested with no Prefect,
no disk and no Tesseract. They are small and picklable on purpose: a page's result crosses
thread/process boundaries (Prefect task runners, later Dask workers), the page image does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

BBox = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels of the upright page image


@dataclass(frozen=True)
class PageRef:
    """One page of a bundle: which file, which page inside it."""

    bundle_id: str
    index: int  # 1-based across the whole bundle
    path: Path  # absolute path of the source file
    source: str  # path relative to the input root, as written in the report
    source_page: int  # 1-based page inside the source file
    kind: str  # "pdf" | "tiff" | "image"


@dataclass(frozen=True)
class Rejection:
    """A file of a bundle that could not be read; it is reported and left untouched."""

    source: str
    reason: str


@dataclass
class Bundle:
    """A bundle as found on disk: its files in page order and its optional manifest."""

    bundle_id: str
    root: Path  # the input root that `source` paths are relative to
    files: list[Path]
    manifest: dict[str, Any] = field(default_factory=dict)
    manifest_problems: list[str] = field(default_factory=list)
    pages: list[PageRef] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    notes: list[Rejection] = field(default_factory=list)  # files read with a caveat (PDF JavaScript …)
    sha256: str = ""

    @property
    def sources(self) -> list[str]:
        return [relative_source(p, self.root) for p in self.files]


def relative_source(path: Path, root: Path) -> str:
    """A file's path as the report writes it: relative to the input root, forward slashes."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


@dataclass(frozen=True)
class Word:
    """One recognised word with its box (upright page pixels) and confidence 0..100."""

    text: str
    conf: float
    bbox: BBox
    line: int  # running line number on the page (Tesseract block/par/line flattened)
    # A long number's other readings its glyphs allow, where agreement left a shape in doubt
    # (pipeline/glyphs.py allowed_readings): another document reading the same number may tell.
    choices: tuple[str, ...] = ()
    # The positions of its digits grouped by glyph shape, where its glyphs were counted one per
    # digit (pipeline/glyphs.py): one shape is one digit, so a repair must keep each group one digit.
    glyph_groups: tuple[tuple[int, ...], ...] = ()
    # Read back from a line the page's reading lost (pipeline/lostlines.py): a second scan of the
    # same sheet may lose, and read back, other lines, so comparing two scans leaves these out.
    recovered: bool = False
    # For each character of a long number's text, the other characters Tesseract's LSTM scored as
    # possible for its glyph (pipeline/tesseract.py alternatives): evidence a misread digit leaves.
    alternatives: tuple[str, ...] = ()


@dataclass
class PageText:
    """What was read from one page: words with boxes, grouped in lines."""

    words: list[Word]
    width: int
    height: int
    method: str  # "text_layer" | "ocr" | "none"
    ocr_confidence: float | None = None  # mean word confidence, None when no OCR ran
    rotation: int = 0  # degrees turned clockwise to make the page upright
    # Regions Tesseract's layout analysis set aside as no text (photos, stamps; see tesseract.py)
    set_aside: list[BBox] = field(default_factory=list)
    # Rows are read by classification, grouping, extraction and the page checks: grouped once.
    _rows: list[list[Word]] = field(default_factory=list, init=False, repr=False, compare=False)
    _rows_key: tuple[int, int] | None = field(default=None, init=False, repr=False, compare=False)

    def lines(self) -> list[list[Word]]:
        """Words grouped in visual rows, top to bottom, each row left to right.

        Rows are built from geometry, not from Tesseract's block/line numbers: on forms
        ("Nama    : AGUS MUFID") Tesseract often puts labels and values in separate blocks,
        and every extractor needs them on one row.
        """
        key = (id(self.words), len(self.words))
        if self._rows_key != key:
            self._rows, self._rows_key = self._group_rows(), key
        return self._rows

    def _group_rows(self) -> list[list[Word]]:
        if not self.words:
            return []
        heights = sorted(w.bbox[3] - w.bbox[1] for w in self.words)
        tol = max(4.0, 0.5 * heights[len(heights) // 2])
        rows: list[tuple[float, list[Word]]] = []
        for w in sorted(self.words, key=lambda w: (w.bbox[1] + w.bbox[3]) / 2):
            centre = (w.bbox[1] + w.bbox[3]) / 2
            if rows and abs(centre - rows[-1][0]) <= tol:
                c, ws = rows[-1]
                ws.append(w)
                rows[-1] = ((c * (len(ws) - 1) + centre) / len(ws), ws)
            else:
                rows.append((centre, [w]))
        return [sorted(ws, key=lambda w: w.bbox[0]) for _, ws in rows]

    def line_texts(self) -> list[str]:
        return [" ".join(w.text for w in ws) for ws in self.lines()]

    @property
    def text(self) -> str:
        return "\n".join(self.line_texts())


@dataclass
class Classification:
    """A page's document type, the classifier's confidence and why it decided so."""

    doc_type: str
    confidence: float
    reasons: list[str] = field(default_factory=list)
    title_hit: bool = False  # a title phrase of the type matched: starts a new document
    candidates: list[tuple[str, float]] = field(default_factory=list)
    by_layout: bool = False  # an unreadable page typed by the pages it looks like (pipeline/layout.py)


@dataclass
class PageResult:
    """Everything the page stage produced for one page."""

    ref: PageRef
    text: PageText
    classification: Classification
    preview: str | None = None  # path of the upright preview image, relative to the bundle's out dir
    preview_scale: float = 1.0  # preview pixels per upright-page pixel
    sha256: str = ""  # hash of the page's upright pixels, for duplicate detection
    error: str | None = None  # set when the page could not be read; the page is still reported
    seconds: float = 0.0
    layout: np.ndarray | None = None  # thumbnail of the upright page's ink (pipeline/layout.py)


@dataclass
class FieldValue:
    """An extracted field with where it was found."""

    value: Any
    page: int  # bundle page index
    confidence: float
    bbox: BBox | None = None
    # Other readings the glyphs of the value's word allow (Word.choices), and its digits grouped by
    # glyph shape (Word.glyph_groups); not in the report
    choices: tuple[str, ...] = ()
    glyph_groups: tuple[tuple[int, ...], ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "value": self.value,
            "page": self.page,
            "confidence": round(self.confidence, 3),
        }
        if self.bbox is not None:
            out["bbox"] = list(self.bbox)
        return out


@dataclass
class Document:
    """Consecutive pages of one document, with the fields read from them."""

    id: str
    doc_type: str
    pages: list[int]
    fields: dict[str, FieldValue] = field(default_factory=dict)
    persons: list[dict[str, FieldValue]] = field(default_factory=list)  # every Nama/NIP block read
    signers: list[dict[str, FieldValue]] = field(default_factory=list)  # lone NIPs under signatures
    person_match: str = ""  # how the employee's block was recognised: "nip", "nama" or "" (not)


@dataclass
class Evidence:
    document: str | None
    page: int | None
    field: str | None
    value: Any

    def to_json(self) -> dict[str, Any]:
        return {"document": self.document, "page": self.page, "field": self.field, "value": self.value}


@dataclass
class Finding:
    code: str
    severity: str  # error | warning | info
    message: str
    evidence: list[Evidence] = field(default_factory=list)
    rule: str = ""  # id of the rule (data file entry) that raised it
    unsure: bool = False  # rests on a value read with low confidence: a verifier must look

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "evidence": [e.to_json() for e in self.evidence],
        }
        if self.rule:
            out["rule"] = self.rule
        if self.unsure:
            out["unsure"] = True
        return out


@dataclass
class ChecklistItem:
    item: str
    required: bool
    status: str  # present | missing | not_applicable
    documents: list[str] = field(default_factory=list)
    label: str = ""
    source: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "item": self.item,
            "required": self.required,
            "status": self.status,
            "documents": list(self.documents),
        }
        if self.label:
            out["label"] = self.label
        if self.source:
            out["source"] = self.source
        return out
