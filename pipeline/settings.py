"""Processing settings, read from a versioned data file (``pipeline/rules/settings.yaml``).

Thresholds live in data so that a change to them is a reviewed change to a file with a version,
not an edit buried in code; the report records the version it was made with.
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

RULES_DIR = Path(__file__).parent / "rules"
OVERRIDE_ENV = "BERKAS_SETTINGS"  # a YAML file whose keys override settings.yaml (site limits, tests)


def digest_files(paths: list[Path], root: Path) -> str:
    """A short hash over files' names (relative to root) and bytes: the version of a rule set."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@dataclass(frozen=True)
class Settings:
    """A flat, picklable view of settings.yaml that page tasks carry with them."""

    version: int = 1
    lang: str = "ind"
    psm: int = 3
    oem: int = 1
    timeout_seconds: float = 180.0  # OCR time budget of one page, all its readings together
    page_retries: int = 1  # Prefect retries of a page whose OCR failed or timed out
    flip_below: float = 65.0
    flip_margin: float = 10.0
    ocr_variables: tuple[tuple[str, str], ...] = ()  # Tesseract parameters (settings.yaml ocr.variables)
    pdf_default_dpi: int = 300
    ocr_dpi: int = 300  # resolution a scan outside min_dpi..max_dpi is resampled to for OCR
    min_dpi: int = 190
    max_dpi: int = 400
    preview_width: int = 1000
    max_image_pixels: int = 150_000_000
    max_pages_per_bundle: int = 500
    max_file_bytes: int = 2_000_000_000
    text_layer_min_chars: int = 40
    blank_max_ink_fraction: float = 0.002


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


@functools.cache
def load_settings(path: Path | None = None) -> Settings:
    """settings.yaml, with the keys of the file named by ``$BERKAS_SETTINGS`` (if any) on top.

    The override lets a site set its own limits (pages, pixels, OCR time) without editing the
    versioned rules, and lets tests shorten the OCR time budget; a report's ``input_key`` covers
    the values actually used, so a changed override also means a fresh report.
    """
    data = load_yaml(path or RULES_DIR / "settings.yaml")
    override = os.environ.get(OVERRIDE_ENV)
    if path is None and override:
        data = _merge(data, load_yaml(Path(override)) or {})
    ocr, raster, limits = data["ocr"], data["raster"], data["limits"]
    return Settings(
        version=int(data["version"]),
        lang=str(ocr["lang"]),
        psm=int(ocr["psm"]),
        oem=int(ocr["oem"]),
        timeout_seconds=float(ocr["timeout_seconds"]),
        page_retries=int(ocr.get("page_retries", 1)),
        flip_below=float(ocr["flip_below"]),
        flip_margin=float(ocr["flip_margin"]),
        ocr_variables=tuple(sorted((str(k), str(v)) for k, v in (ocr.get("variables") or {}).items())),
        pdf_default_dpi=int(raster["pdf_default_dpi"]),
        ocr_dpi=int(raster.get("ocr_dpi", 300)),
        min_dpi=int(raster["min_dpi"]),
        max_dpi=int(raster["max_dpi"]),
        preview_width=int(raster["preview_width"]),
        max_image_pixels=int(limits["max_image_pixels"]),
        max_pages_per_bundle=int(limits["max_pages_per_bundle"]),
        max_file_bytes=int(limits["max_file_bytes"]),
        text_layer_min_chars=int(data["text_layer"]["min_chars"]),
        blank_max_ink_fraction=float(data["blank"]["max_ink_fraction"]),
    )
