"""Ingest: find the bundles in the inputs and list their pages, rejecting what cannot be read.

A bundle (contract, "Input: a bundle") is a single PDF/TIFF/JPEG/PNG file, or a folder of page
files; a manifest may lie beside it as ``<bundle-id>.json`` or inside a folder as
``manifest.json``. An INPUT on the command line is a bundle or a drop folder holding bundles.

Nothing here opens a file for writing. A file that cannot be read becomes a :class:`Rejection`
with a reason, and the rest of the bundle and of the batch goes on. Nothing is dropped silently
either: a hidden file, a link out of the drop folder, a pipe, a bad manifest key each get a
reason; only a scanner's ``.done`` marker and operating-system litter (``.DS_Store``,
``Thumbs.db`` …), which are never part of a dossier, are passed over without one.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError

from pipeline import pdf
from pipeline.models import Bundle, PageRef, Rejection, relative_source
from pipeline.privacy import mask
from pipeline.report import safe_dirname
from pipeline.settings import Settings

PDF_EXT = {".pdf"}
TIFF_EXT = {".tif", ".tiff"}
IMAGE_EXT = {".jpg", ".jpeg", ".png"}
PAGE_EXT = PDF_EXT | TIFF_EXT | IMAGE_EXT
# Pillow picks a decoder by content, not by name: only these may open, so an EPS or PSD renamed
# .png never reaches Ghostscript or a rarely used decoder.
RASTER_FORMATS = ("JPEG", "PNG", "TIFF")
CASE_TYPES = ("BUP", "APS", "JANDA_DUDA", "ANUMERTA", "UZUR", "PERAMPINGAN", "MPP", "UNKNOWN")
MARKER = ".done"  # the scanner's "bundle complete" marker (pipeline/dropfolder.py)
OS_LITTER = frozenset({".ds_store", "thumbs.db", "ehthumbs.db", "desktop.ini", ".directory"})
MAX_MANIFEST_BYTES = 1 << 20  # manifests are a few hundred bytes; a bigger one is not a manifest


@dataclass
class Batch:
    """What ingest found in the inputs: bundles, and stray files that belong to none."""

    bundles: list[Bundle] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)


def natural_key(name: str) -> list[Any]:
    """Sort key that puts page2 before page10."""
    return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", name)]


def _is_hidden(path: Path) -> bool:
    return path.name.startswith(".")


def _is_litter(path: Path) -> bool:
    """Files an operating system leaves beside real ones (Finder, Explorer, AppleDouble ``._x``)."""
    name = path.name.lower()
    return name in OS_LITTER or name.startswith("._")


def _entry_source(p: Path, root: Path) -> str:
    """An entry's path as named in its folder (a link's own name, not its target's)."""
    return relative_source(p.parent, root).rstrip("/") + "/" + p.name if p.parent != root else p.name


def _odd_entry(p: Path, folder: Path, where: str) -> str | None:
    """Why an entry of ``folder`` cannot be a page or bundle whatever its name, else None."""
    if p.is_symlink() and not _inside(p, folder):
        return f"link points outside the {where}"
    if p.is_symlink() and not p.exists():
        return "broken link (its target does not exist)"
    if _is_hidden(p):
        return "hidden folder ignored" if p.is_dir() else "hidden file ignored"
    if not p.is_dir() and not p.is_file():
        return "not a regular file (pipe, socket or device)"
    return None


def is_bundle_folder(folder: Path) -> bool:
    """A folder is one bundle when it has a manifest.json or holds only single-page images.

    Otherwise (it holds sub-folders, PDFs or TIFFs) it is a drop folder whose entries are bundles.
    """
    entries = [p for p in folder.iterdir() if not _is_hidden(p)]
    if (folder / "manifest.json").is_file():
        return True
    if any(p.is_dir() for p in entries):
        return False
    files = [p for p in entries if p.suffix.lower() in PAGE_EXT]
    return bool(files) and all(p.suffix.lower() in IMAGE_EXT for p in files)


def discover(inputs: list[Path], folder_is_bundle: bool = False) -> Batch:
    """Find every bundle named by or inside the inputs.

    ``folder_is_bundle`` (CLI ``--bundle``) takes every folder INPUT as one bundle, for a bundle
    folder whose pages are PDFs or TIFFs, which the rule of :func:`is_bundle_folder` would read
    as a drop folder. Every bundle gets an output folder name of its own (:func:`_unique_ids`).
    """
    batch = Batch()
    for raw in inputs:
        path = Path(raw)
        try:
            if not path.exists():
                batch.rejected.append(Rejection(str(raw), "input does not exist"))
            elif path.is_file():
                _add_file_bundle(batch, path, root=path.parent)
            elif not path.is_dir():
                batch.rejected.append(Rejection(path.name, "not a regular file (pipe, socket or device)"))
            elif folder_is_bundle or is_bundle_folder(path):
                batch.bundles.append(_folder_bundle(path, root=path.parent))
            else:
                _scan_drop_folder(batch, path)
        except OSError as exc:  # an unreadable folder: say so, go on with the other inputs
            batch.rejected.append(Rejection(path.name, f"cannot read ({exc.strerror or type(exc).__name__})"))
    _unique_ids(batch.bundles)
    return batch


def _unique_ids(bundles: list[Bundle]) -> None:
    """Two bundles must never share an output folder, or one report would overwrite the other:
    ``a.pdf`` beside ``a.tif`` or a folder ``a``, or ids that differ only in characters
    :func:`safe_dirname` replaces. A later file bundle is renamed to its file name (``a.tif``),
    and if that is taken too, numbered (``a.tif~2``). Deterministic: the same inputs give the
    same ids on every run, so a rerun finds its earlier reports."""
    taken: set[str] = set()
    for bundle in bundles:
        candidates = [bundle.bundle_id]
        if len(bundle.files) == 1 and bundle.files[0].stem == bundle.bundle_id:
            candidates.append(bundle.files[0].name)
        candidates += [f"{candidates[-1]}~{n}" for n in range(2, len(bundles) + 2)]
        for cand in candidates:
            if safe_dirname(cand).lower() not in taken:
                bundle.bundle_id = cand
                taken.add(safe_dirname(cand).lower())
                break


def _scan_drop_folder(batch: Batch, folder: Path) -> None:
    entries = sorted(folder.iterdir(), key=lambda p: natural_key(p.name))
    visible = [p for p in entries if not _is_hidden(p)]
    stems = {p.stem for p in visible if p.is_file() and p.suffix.lower() in PAGE_EXT}
    stems |= {p.name for p in visible if p.is_dir()}
    for p in entries:
        odd = _odd_entry(p, folder, "drop folder")
        if _is_litter(p):
            continue  # Finder/Explorer litter, never part of a dossier
        elif p.suffix == MARKER and p.name != MARKER and p.with_suffix("").exists():
            continue  # the scanner's "bundle complete" marker (pipeline/dropfolder.py), not a page
        elif odd:
            batch.rejected.append(Rejection(_entry_source(p, folder), odd))
        elif p.is_dir():
            batch.bundles.append(_folder_bundle(p, root=folder))
        elif p.suffix.lower() == ".json":
            if p.stem not in stems:
                batch.rejected.append(Rejection(relative_source(p, folder), "manifest without a bundle"))
        elif p.suffix.lower() in PAGE_EXT:
            _add_file_bundle(batch, p, root=folder)
        else:
            batch.rejected.append(
                Rejection(relative_source(p, folder), f"not a supported format ({p.suffix or 'no extension'})")
            )


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _add_file_bundle(batch: Batch, path: Path, root: Path) -> None:
    if path.suffix.lower() not in PAGE_EXT:
        batch.rejected.append(Rejection(relative_source(path, root), f"not a supported format ({path.suffix})"))
        return
    bundle = Bundle(bundle_id=path.stem, root=root, files=[path])
    manifest = path.with_suffix(".json")
    if manifest.is_file():
        _attach_manifest(bundle, manifest)
    batch.bundles.append(bundle)


def _attach_manifest(bundle: Bundle, manifest: Path) -> None:
    """Read the manifest; each of its problems is also a ``rejected`` entry of the bundle, so the
    operator sees in the report which value was not used and why."""
    bundle.manifest, bundle.manifest_problems = read_manifest(manifest)
    source = relative_source(manifest, bundle.root)
    bundle.rejected += [Rejection(source, problem) for problem in bundle.manifest_problems]


def _folder_bundle(folder: Path, root: Path) -> Bundle:
    files, rejected = [], []
    for p in sorted(folder.iterdir(), key=lambda p: natural_key(p.name)):
        if p.name in ("manifest.json", MARKER) or _is_litter(p):
            continue
        odd = _odd_entry(p, folder, "bundle folder")
        if odd:
            rejected.append(Rejection(_entry_source(p, root), odd))
        elif p.is_dir():
            rejected.append(Rejection(relative_source(p, root), "sub-folder inside a bundle folder"))
        elif p.suffix.lower() in PAGE_EXT:
            files.append(p)
        else:
            rejected.append(
                Rejection(relative_source(p, root), f"not a supported format ({p.suffix or 'no extension'})")
            )
    bundle = Bundle(bundle_id=folder.name, root=root, files=files, rejected=rejected)
    sibling = folder.parent / f"{folder.name}.json"
    for manifest in (folder / "manifest.json", sibling):
        if manifest.is_file():
            _attach_manifest(bundle, manifest)
            break
    return bundle


def _json_type(value: Any) -> str:
    names = {str: "text", bool: "true/false", int: "number", float: "number", list: "list", dict: "object"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _shown(text: str, limit: int = 40) -> str:
    """A manifest value quoted in a reason: short, and with no identity number in it."""
    text = mask(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def read_manifest(path: Path) -> tuple[dict[str, Any], list[str]]:
    """Read a manifest; keep the valid keys and say what was wrong with the others.

    The reasons name no file (the ``rejected`` entry's source does) and quote no identity number,
    as they also reach log lines. NaN/Infinity are refused: the report must stay valid JSON.
    """
    try:
        size = path.stat().st_size
        if size > MAX_MANIFEST_BYTES:
            return {}, [f"manifest too large ({size} bytes, limit {MAX_MANIFEST_BYTES}); ignored"]
        # utf-8-sig: Windows scanner software writes a byte-order mark
        data = json.loads(path.read_text(encoding="utf-8-sig"), parse_constant=_no_constants)
    except OSError as exc:
        return {}, [f"manifest cannot be read ({exc.strerror or type(exc).__name__}); ignored"]
    except UnicodeDecodeError:
        return {}, ["manifest is not valid JSON (not UTF-8 text); ignored"]
    except json.JSONDecodeError as exc:
        return {}, [f"manifest is not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno}); ignored"]
    except (ValueError, RecursionError) as exc:
        why = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        return {}, [f"manifest is not valid JSON ({why}); ignored"]
    if not isinstance(data, dict):
        return {}, [f"manifest is not a JSON object (it is a {_json_type(data)}); ignored"]
    good: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in data.items():
        if key in ("jenis", "nip") and not isinstance(value, str):
            problems.append(f"manifest '{key}' must be text, not {_json_type(value)}; ignored")
        elif key == "jenis":
            if value.strip().upper() in CASE_TYPES:
                good[key] = value.strip().upper()
            else:
                known = ", ".join(c for c in CASE_TYPES if c != "UNKNOWN")
                problems.append(f"manifest 'jenis' '{_shown(value)}' is not a known case type ({known}); ignored")
        elif key == "nip":
            digits = re.sub(r"[\s.-]", "", value)
            if digits.isascii() and digits.isdigit() and len(digits) in (9, 18):
                good[key] = digits
            else:
                problems.append("manifest 'nip' is not a 9- or 18-digit number; ignored")
        elif isinstance(value, float) and not math.isfinite(value):
            problems.append(f"manifest key '{_shown(key)}' is not a finite number; ignored")
        elif isinstance(value, str | int | float | bool) or value is None:
            good[key] = value
        else:
            problems.append(f"manifest key '{_shown(key)}' has an unsupported type ({_json_type(value)}); ignored")
    return good, problems


def list_pages(bundle: Bundle, settings: Settings) -> Bundle:
    """Fill bundle.pages (and bundle.rejected) by opening each file just enough to count pages."""
    Image.MAX_IMAGE_PIXELS = settings.max_image_pixels
    digest = hashlib.sha256()
    pages: list[PageRef] = []
    for path in bundle.files:
        source = relative_source(path, bundle.root)
        try:
            _hash_file(path, digest)
            kind, count, active = _count(path, settings)
        except _Reject as exc:
            bundle.rejected.append(Rejection(source, str(exc)))
            continue
        except Exception as exc:  # a library failing on a file no test foresaw: still only this file
            bundle.rejected.append(Rejection(source, f"cannot read file ({type(exc).__name__})"))
            continue
        if len(pages) + count > settings.max_pages_per_bundle:
            already = f", {len(pages)} already in the bundle" if pages else ""
            bundle.rejected.append(
                Rejection(
                    source,
                    f"too many pages ({count}{already}; limit {settings.max_pages_per_bundle} per bundle, "
                    "settings.yaml limits.max_pages_per_bundle): split the file",
                )
            )
            continue
        if active:
            bundle.notes.append(
                Rejection(source, f"PDF holds {', '.join(active)}: never run or extracted; its pages were read")
            )
        for n in range(1, count + 1):
            pages.append(PageRef(bundle.bundle_id, len(pages) + 1, path.resolve(), source, n, kind))
    bundle.pages = pages
    bundle.sha256 = digest.hexdigest()
    return bundle


class _Reject(Exception):
    pass


def _too_many_pixels(pixels: int, settings: Settings) -> str:
    """The reason for an image over the pixel limit (ingest and raster say it the same way)."""
    return (
        f"image has too many pixels ({pixels / 1e6:.0f} million; limit {settings.max_image_pixels / 1e6:.0f} "
        "million, settings.yaml limits.max_image_pixels): decompression bomb guard"
    )


def _count(path: Path, settings: Settings) -> tuple[str, int, list[str]]:
    """(kind, pages, active content) of a file, or _Reject with the reason."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _Reject(f"cannot read file ({exc.strerror})") from exc
    if size == 0:
        raise _Reject("empty file (0 bytes)")
    if size > settings.max_file_bytes:
        raise _Reject(f"file too large ({size} bytes; limit {settings.max_file_bytes})")
    ext = path.suffix.lower()
    if ext in PDF_EXT:
        if not _starts_with(path, b"%PDF"):
            raise _Reject("not a PDF (no %PDF header)")
        try:
            info = pdf.inspect(path)
        except pdf.PdfError as exc:
            raise _Reject(str(exc)) from exc
        return "pdf", info.pages, info.active
    try:
        with Image.open(path, formats=RASTER_FORMATS) as im:
            frames = int(getattr(im, "n_frames", 1))
            for frame in range(frames):  # Pillow checks only the first frame's size on open
                if frame:
                    im.seek(frame)
                if im.width * im.height > settings.max_image_pixels:
                    raise _Reject(_too_many_pixels(im.width * im.height, settings))
            if ext in TIFF_EXT or frames > 1:
                return "tiff", frames, []
            im.load()  # a truncated JPEG/PNG fails here rather than mid-batch
            return "image", 1, []
    except Image.DecompressionBombError as exc:
        found = re.search(r"\((\d+) pixels\)", str(exc))
        raise _Reject(_too_many_pixels(int(found.group(1)) if found else 0, settings)) from exc
    except UnidentifiedImageError as exc:
        raise _Reject("not a readable image (JPEG, PNG or TIFF)") from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise _Reject(f"damaged image ({mask(str(exc))})") from exc


def _starts_with(path: Path, magic: bytes) -> bool:
    with path.open("rb") as fh:
        return magic in fh.read(1024)


def _hash_file(path: Path, digest) -> None:
    try:
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as exc:
        raise _Reject(f"cannot read file ({exc.strerror})") from exc
