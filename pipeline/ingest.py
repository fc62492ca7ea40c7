"""Ingest: find the bundles in the inputs and list their pages, rejecting what cannot be read.

A bundle (contract, "Input: a bundle") is a single PDF/TIFF/JPEG/PNG file, or a folder of page
files; a manifest may lie beside it as ``<bundle-id>.json`` or inside a folder as
``manifest.json``. An INPUT on the command line is a bundle or a drop folder holding bundles.

Nothing here opens a file for writing. A file that cannot be read becomes a :class:`Rejection`
with a reason, and the rest of the bundle and of the batch goes on.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError

from pipeline import pdf
from pipeline.models import Bundle, PageRef, Rejection, relative_source
from pipeline.settings import Settings

PDF_EXT = {".pdf"}
TIFF_EXT = {".tif", ".tiff"}
IMAGE_EXT = {".jpg", ".jpeg", ".png"}
PAGE_EXT = PDF_EXT | TIFF_EXT | IMAGE_EXT
CASE_TYPES = ("BUP", "APS", "JANDA_DUDA", "ANUMERTA", "UZUR", "PERAMPINGAN", "MPP", "UNKNOWN")


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
    as a drop folder.
    """
    batch = Batch()
    for raw in inputs:
        path = Path(raw)
        if not path.exists():
            batch.rejected.append(Rejection(str(raw), "input does not exist"))
        elif path.is_file():
            _add_file_bundle(batch, path, root=path.parent)
        elif folder_is_bundle or is_bundle_folder(path):
            batch.bundles.append(_folder_bundle(path, root=path.parent))
        else:
            _scan_drop_folder(batch, path)
    return batch


def _scan_drop_folder(batch: Batch, folder: Path) -> None:
    entries = sorted((p for p in folder.iterdir() if not _is_hidden(p)), key=lambda p: natural_key(p.name))
    stems = {p.stem for p in entries if p.is_file() and p.suffix.lower() in PAGE_EXT}
    stems |= {p.name for p in entries if p.is_dir()}
    for p in entries:
        if p.is_symlink() and not _inside(p, folder):
            batch.rejected.append(Rejection(relative_source(p, folder), "link points outside the drop folder"))
        elif p.is_dir():
            batch.bundles.append(_folder_bundle(p, root=folder))
        elif p.suffix.lower() == ".json":
            if p.stem not in stems:
                batch.rejected.append(Rejection(relative_source(p, folder), "manifest without a bundle"))
        elif p.suffix == ".done" and p.with_suffix("").exists():
            continue  # the scanner's "bundle complete" marker (pipeline/dropfolder.py), not a page
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
        bundle.manifest, bundle.manifest_problems = read_manifest(manifest)
    batch.bundles.append(bundle)


def _folder_bundle(folder: Path, root: Path) -> Bundle:
    files, rejected = [], []
    for p in sorted(folder.iterdir(), key=lambda p: natural_key(p.name)):
        if _is_hidden(p) or p.name == "manifest.json":
            continue
        if p.is_symlink() and not _inside(p, folder):
            rejected.append(Rejection(relative_source(p, root), "link points outside the bundle folder"))
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
            bundle.manifest, bundle.manifest_problems = read_manifest(manifest)
            break
    return bundle


def read_manifest(path: Path) -> tuple[dict[str, Any], list[str]]:
    """Read a manifest; keep the valid keys and say what was wrong with the others."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return {}, [f"manifest {path.name} is not valid JSON ({type(exc).__name__})"]
    if not isinstance(data, dict):
        return {}, [f"manifest {path.name} is not a JSON object"]
    good: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in data.items():
        if key == "jenis":
            if isinstance(value, str) and value.strip().upper() in CASE_TYPES:
                good[key] = value.strip().upper()
            else:
                problems.append("manifest 'jenis' is not a known case type")
        elif key == "nip":
            digits = re.sub(r"\s", "", value) if isinstance(value, str) else ""
            if digits.isdigit() and len(digits) in (9, 18):
                good[key] = digits
            else:
                problems.append("manifest 'nip' is not a 9- or 18-digit number")
        elif isinstance(value, str | int | float | bool) or value is None:
            good[key] = value
        else:
            problems.append(f"manifest key '{key}' has an unsupported type")
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
            kind, count = _count(path, settings)
        except _Reject as exc:
            bundle.rejected.append(Rejection(source, str(exc)))
            continue
        if len(pages) + count > settings.max_pages_per_bundle:
            bundle.rejected.append(Rejection(source, f"too many pages (bundle limit {settings.max_pages_per_bundle})"))
            continue
        for n in range(1, count + 1):
            pages.append(PageRef(bundle.bundle_id, len(pages) + 1, path.resolve(), source, n, kind))
    bundle.pages = pages
    bundle.sha256 = digest.hexdigest()
    return bundle


class _Reject(Exception):
    pass


def _count(path: Path, settings: Settings) -> tuple[str, int]:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _Reject(f"cannot read file ({exc.strerror})") from exc
    if size == 0:
        raise _Reject("empty file (0 bytes)")
    if size > settings.max_file_bytes:
        raise _Reject(f"file too large ({size} bytes)")
    ext = path.suffix.lower()
    if ext in PDF_EXT:
        if not _starts_with(path, b"%PDF"):
            raise _Reject("not a PDF (no %PDF header)")
        try:
            return "pdf", pdf.count_pages(path)
        except pdf.PdfError as exc:
            raise _Reject(str(exc)) from exc
    try:
        with Image.open(path) as im:
            if ext in TIFF_EXT or getattr(im, "n_frames", 1) > 1:
                return "tiff", int(getattr(im, "n_frames", 1))
            im.load()  # a truncated JPEG/PNG fails here rather than mid-batch
            return "image", 1
    except Image.DecompressionBombError as exc:
        raise _Reject("image has too many pixels (decompression bomb limit)") from exc
    except UnidentifiedImageError as exc:
        raise _Reject("not a readable image") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise _Reject(f"damaged image ({exc})") from exc


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
