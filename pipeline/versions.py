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
def langdata_version(lang: str) -> str | None:
    """Short sha256 of the language data Tesseract reads with, None when it is not installed."""
    folder = tesseract.tessdata_dir()
    path = folder / f"{lang}.traineddata" if folder else None
    if path is None or not path.is_file():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def tesseract_version() -> str | None:
    """Tesseract's version, None when it cannot be loaded (the report, and a cache key, say so)."""
    try:
        return tesseract.version()
    except Exception:
        return None


def _package_version() -> str:
    try:
        return metadata.version("berkas")
    except metadata.PackageNotFoundError:
        return "0+unknown"


@functools.cache
def code_version() -> str:
    """The analysis code itself (pipeline/, classifiers/, the report templates): a deployed fix
    makes every report stale, for resume and the nightly re-run, even without a release number."""
    root = RULES_DIR.parents[1]
    paths = [
        p
        for d in ("pipeline", "classifiers")
        for p in (root / d).rglob("*")
        if p.suffix in (".py", ".html", ".css", ".js")
    ]
    return digest_files(paths, root)


@functools.cache
def pipeline_versions() -> dict[str, str | int | None]:
    settings = load_settings()
    return {
        "berkas": _package_version(),
        "code": code_version(),
        "tesseract": tesseract_version(),
        "tesseract_lang": settings.lang,
        "tesseract_langdata": langdata_version(settings.lang),
        "profiles": profiles_version(),
        "rules": _rules_version(),
        "settings": settings.version,
    }
