"""Layout: an unreadable page takes the type of the surely read pages it looks like.

A page scanned out of focus (the sheet lifted off the glass) or photocopied far too dark reads as
noise: no title, no keyword, so the classifier calls it UNKNOWN, and a one-page document such as a
surat keterangan alamat is then missing from the checklist although it was sent. What blur keeps
is the page's layout: where the title, the labelled rows, the table and the signature blocks sit.
An agency's forms repeat from dossier to dossier, so the pages other dossiers had read surely are
references: an unreadable page whose ink lies where theirs does, closely and clearly closer than
on the pages of any other type, takes their type at a confidence that still asks a verifier to
look (LOW_CONFIDENCE_PAGE stays, with the pages it resembled). Rules: classifiers/layout.yaml.

Every page keeps a thumbnail of its ink (PageResult.layout, pipeline/inkmap.py). Once a bundle's
report is written, its surely read pages are kept in OUTDIR/.berkas/layouts/<bundle>.npz, so
later dossiers are compared with them; flows/intake.py looks again at a batch's unreadable pages
once the whole batch is in.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import yaml

from classifiers.classifier import BLANK, UNKNOWN
from classifiers.profiles import load_grouping
from pipeline.models import PageResult
from pipeline.preprocess import rotate_clockwise
from pipeline.privacy import mask
from pipeline.report import safe_dirname, write_atomic

RULES = Path(__file__).resolve().parent.parent / "classifiers" / "layout.yaml"
LIBRARY = Path(".berkas") / "layouts"
TURNS = (0, 90, 180, 270)
TURNED_SUFFIX = "-layout"  # pages/p007.jpg turned 90 degrees: pages/p007-layout90.jpg
TURNED_PREVIEW = re.compile(re.escape(TURNED_SUFFIX) + r"(90|180|270)(\.[A-Za-z]+)$")


@functools.cache
def load_rules(path: Path = RULES) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def grid(thumb: np.ndarray, turn: int = 0) -> np.ndarray:
    """The thumbnail turned ``turn`` degrees clockwise, on the signature grid (float, 0..1)."""
    rules = load_rules()
    cells = cv2.resize(
        rotate_clockwise(thumb, turn).astype(np.float32) / 255.0,
        (int(rules["grid_columns"]), int(rules["grid_rows"])),
        interpolation=cv2.INTER_AREA,
    )
    return cv2.GaussianBlur(cells, (0, 0), float(rules["blur_cells"]))


def _unit(v: np.ndarray) -> np.ndarray:
    v = v - v.mean()
    n = float(np.linalg.norm(v))
    return v / n if n > 1e-6 else np.zeros_like(v)


def _shifted(cells: np.ndarray, reach: int) -> np.ndarray:
    """The grid moved by up to ``reach`` cells each way (emptied cells are paper), as unit rows."""
    h, w = cells.shape
    rows = []
    for dy in range(-reach, reach + 1):
        for dx in range(-reach, reach + 1):
            moved = np.zeros_like(cells)
            moved[max(dy, 0) : h + min(dy, 0), max(dx, 0) : w + min(dx, 0)] = cells[
                max(-dy, 0) : h + min(-dy, 0), max(-dx, 0) : w + min(-dx, 0)
            ]
            rows.append(_unit(moved.ravel()))
    return np.stack(rows)


@dataclass(frozen=True)
class Reference:
    """A page read surely, as unreadable pages are compared with it."""

    bundle_id: str
    index: int
    doc_type: str
    cells: np.ndarray  # its signature grid, upright (uint8 0..255)


@dataclass(frozen=True)
class Match:
    doc_type: str
    turn: int  # degrees clockwise the page, as it was turned, lies from the references
    similarity: float
    runner_up: tuple[str, float] | None  # the best other type and its similarity
    examples: tuple[tuple[str, int], ...]  # (bundle, page) of the references it matched best


def unreadable(page: PageResult) -> bool:
    """Unclassified and read as noise (grouping.yaml ``unreadable_below``)."""
    conf = page.text.ocr_confidence
    return (
        page.classification.doc_type == UNKNOWN
        and page.error is None
        and conf is not None
        and conf < float(load_grouping()["unreadable_below"])
    )


def reference_rows(references: Sequence[Reference]) -> np.ndarray:
    """The references' grids as unit rows, the matrix :func:`match` correlates a page with."""
    return np.stack([_unit(r.cells.astype(np.float32).ravel() / 255.0) for r in references])


def match(thumb: np.ndarray, references: Sequence[Reference], rows: np.ndarray | None = None) -> Match | None:
    """The type whose references the page looks like, when it does so closely and clearly.
    ``rows``: :func:`reference_rows` of ``references``, when the caller matches several pages."""
    if not references:
        return None
    rules = load_rules()
    refs = reference_rows(references) if rows is None else rows
    best = np.full(len(references), -1.0, dtype=np.float32)
    turn_of = np.zeros(len(references), dtype=int)
    for turn in TURNS:
        sims = (_shifted(grid(thumb, turn), int(rules["max_shift_cells"])) @ refs.T).max(axis=0)
        better = sims > best
        best[better], turn_of[better] = sims[better], turn
    by_type: dict[str, list[int]] = {}
    for i in np.argsort(-best):
        by_type.setdefault(references[i].doc_type, []).append(int(i))
    ranked = sorted(by_type.items(), key=lambda kv: -best[kv[1][0]])
    doc_type, members = ranked[0]
    top = float(best[members[0]])
    runner_up = (ranked[1][0], float(best[ranked[1][1][0]])) if len(ranked) > 1 else None
    close = [i for i in members if best[i] >= float(rules["min_similarity"])]
    if (
        top < float(rules["min_similarity"])
        or (runner_up is not None and top - runner_up[1] < float(rules["min_margin"]))
        or len(close) < int(rules["min_examples"])
        or len({int(turn_of[i]) for i in close[: int(rules["min_examples"])]}) > 1
    ):
        return None
    examples = tuple((references[i].bundle_id, references[i].index) for i in close[:3])
    return Match(doc_type, int(turn_of[members[0]]), top, runner_up, examples)


def classify_unreadable(pages: list[PageResult], references: Sequence[Reference]) -> list[PageResult]:
    """``pages`` with each unreadable page that matches a type typed so (see module doc)."""
    if not references or not any(unreadable(p) for p in pages):
        return pages
    rules = load_rules()
    rows = reference_rows(references)  # once for all the bundle's unreadable pages
    out = []
    for page in pages:
        found = match(page.layout, references, rows) if unreadable(page) and page.layout is not None else None
        if found is not None:
            # another dossier's id may be its employee's NIP (operators name files so): masked
            seen = ", ".join(f"{mask(b)} hlm {i}" for b, i in found.examples)
            other = ""
            if found.runner_up:
                other = f"; jenis lain paling mirip {found.runner_up[0]} {found.runner_up[1]:.2f}"
            reason = f"tata letak mirip {found.doc_type} ({found.similarity:.2f}: {seen}{other})"
            classification = replace(
                page.classification,
                doc_type=found.doc_type,
                confidence=float(rules["confidence"]),
                reasons=[reason],
                title_hit=False,
                by_layout=True,
            )
            page = replace(page, classification=classification)
            if found.turn:
                page = _turned(page, found.turn)
        out.append(page)
    return out


def _turned(page: PageResult, turn: int) -> PageResult:
    """The page turned ``turn`` degrees further clockwise: an unreadable page's text direction
    was a guess (OSD has no letters to go by), its references are upright. Its preview is shown
    turned too (:func:`write_turned_previews`); its words are noise and keep their boxes."""
    text = page.text
    width, height = (text.height, text.width) if turn in (90, 270) else (text.width, text.height)
    text = replace(text, rotation=(text.rotation + turn) % 360, width=width, height=height)
    preview = page.preview
    if preview:
        stem, dot, ext = preview.rpartition(".")
        preview = f"{stem}{TURNED_SUFFIX}{turn}{dot}{ext}"
    return replace(page, text=text, preview=preview)


def write_turned_previews(folder: Path, report_pages: list[dict[str, Any]]) -> None:
    """Write the turned previews the report's pages name (see :func:`_turned`) from the previews
    the page stage wrote; those stay as they were (a report made again from the page cache turns
    them again)."""
    for p in report_pages:
        found = TURNED_PREVIEW.search(str(p.get("preview") or ""))
        if not found:
            continue
        target = folder / str(p["preview"])
        source = target.with_name(target.name.replace(found.group(0), found.group(2)))
        if target.exists() or not source.is_file():
            continue
        turned = rotate_clockwise(cv2.imread(str(source), cv2.IMREAD_GRAYSCALE), int(found.group(1)))
        ok, data = cv2.imencode(".jpg", turned)
        if ok:
            write_atomic(target, data.tobytes())


def references(bundle_id: str, results: Iterable[PageResult], report_pages: list[dict[str, Any]]) -> list[Reference]:
    """The bundle's surely read pages, typed as its report has them (a decree's next page takes
    the decree's type there)."""
    rules = load_rules()
    thumbs = {r.ref.index: r.layout for r in results if r.layout is not None and r.error is None}
    out = []
    for p in report_pages:
        thumb = thumbs.get(p["index"])
        ocr = p.get("ocr_confidence")
        if (
            thumb is None
            or p["doc_type"] in (UNKNOWN, BLANK)
            or p["confidence"] < float(rules["reference_min_confidence"])
            or (ocr is not None and ocr < float(rules["reference_min_ocr"]))
        ):
            continue
        cells = np.round(np.clip(grid(thumb), 0.0, 1.0) * 255).astype(np.uint8)
        out.append(Reference(bundle_id, int(p["index"]), str(p["doc_type"]), cells))
    return out


def library_for(out_dir: Path, results: Iterable[PageResult]) -> list[Reference]:
    """The references a bundle's analysis needs: none unless a page of it is unreadable, so the
    library is read only for the few dossiers that need it."""
    return load_references(out_dir) if any(unreadable(r) for r in results) else []


def unmatched(results: Iterable[PageResult], report_pages: list[dict[str, Any]]) -> bool:
    """An unreadable page of the bundle is still UNKNOWN in its report."""
    unknown = {p["index"] for p in report_pages if p["doc_type"] == UNKNOWN}
    return any(unreadable(r) and r.ref.index in unknown for r in results)


def keep(out_dir: Path, bundle_id: str, results: Iterable[PageResult], report_pages: list[dict[str, Any]]) -> Path:
    """Keep a reported bundle's surely read pages as references for the dossiers after it."""
    return save_references(out_dir, bundle_id, references(bundle_id, results, report_pages))


def _library_file(out_dir: Path, bundle_id: str) -> Path:
    return out_dir / LIBRARY / f"{safe_dirname(bundle_id)}.npz"


def save_references(out_dir: Path, bundle_id: str, refs: list[Reference]) -> Path:
    """Keep a bundle's references (replacing what an earlier run of it kept)."""
    path = _library_file(out_dir, bundle_id)
    rows, cols = int(load_rules()["grid_rows"]), int(load_rules()["grid_columns"])
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        bundle_id=np.array(bundle_id),
        index=np.array([r.index for r in refs], dtype=np.int32),
        doc_type=np.array([r.doc_type for r in refs], dtype=str),
        cells=np.stack([r.cells for r in refs]) if refs else np.zeros((0, rows, cols), np.uint8),
    )
    write_atomic(path, buffer.getvalue())
    return path


def load_references(out_dir: Path) -> list[Reference]:
    """The references of the most recent ``library_bundles`` dossiers kept in ``out_dir``. A file
    that cannot be read (a disk fault, another version's format) is passed over: it only lends
    examples."""
    folder = out_dir / LIBRARY
    if not folder.is_dir():
        return []
    files = sorted(folder.glob("*.npz"), key=lambda p: p.stat().st_mtime, reverse=True)
    shape = (int(load_rules()["grid_rows"]), int(load_rules()["grid_columns"]))
    out: list[Reference] = []
    for path in files[: int(load_rules()["library_bundles"])]:
        try:
            with np.load(path, allow_pickle=False) as data:
                bundle_id = str(data["bundle_id"])
                cells, indexes, types = data["cells"], data["index"], data["doc_type"]
        except (OSError, ValueError, KeyError):
            continue
        if cells.shape[1:] != shape:
            continue  # kept under other grid rules
        out += [Reference(bundle_id, int(i), str(t), c) for i, t, c in zip(indexes, types, cells, strict=True)]
    return out
