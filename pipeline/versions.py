"""Versions of everything that shapes a report, recorded in it so nightly reruns know what is stale."""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata

from classifiers.profiles import profiles_version
from pipeline import tesseract
from pipeline.settings import RULES_DIR, digest_files, load_settings


@functools.cache
def _rules_version() -> str:
    return digest_files(list(RULES_DIR.rglob("*.yaml")), RULES_DIR)


@functools.cache
def _langdata_version(lang: str) -> str | None:
    folder = tesseract.tessdata_dir()
    path = folder / f"{lang}.traineddata" if folder else None
    if path is None or not path.is_file():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def _package_version() -> str:
    try:
        return metadata.version("berkas")
    except metadata.PackageNotFoundError:
        return "0+unknown"


@functools.cache
def pipeline_versions() -> dict[str, str | int | None]:
    settings = load_settings()
    try:
        tess = tesseract.version()
    except Exception:  # Tesseract missing: the report still says so
        tess = None
    return {
        "berkas": _package_version(),
        "tesseract": tess,
        "tesseract_lang": settings.lang,
        "tesseract_langdata": _langdata_version(settings.lang),
        "profiles": profiles_version(),
        "rules": _rules_version(),
        "settings": settings.version,
    }
