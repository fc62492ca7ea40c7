"""When a page's reading can be reused, and how a reused reading is classified again.

OCR is the expensive part of a page (1-8 s of Tesseract per page on this machine); classifying the
text it produced takes milliseconds. A nightly rerun after a change of profiles or rules should
therefore not read the pages again. The page stage (pipeline/page.py) is cached as a whole, keyed
by everything that shapes the *reading* (:func:`page_key`) but not by the classifier profiles, and
a cached page classified with other profiles is classified again from its cached text
(:func:`reclassify`), exactly as pipeline/page.py would classify it, or, where that would need the
page image, reported as needing a fresh reading.

Pure: no Prefect here (flows/caching.py adapts the key to a Prefect cache policy).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from classifiers import profiles
from classifiers.classifier import BLANK, UNKNOWN, classify_text
from pipeline.models import PageRef, PageResult
from pipeline.page import PAS_FOTO_MAX_LETTERS
from pipeline.settings import Settings, digest_files
from pipeline.versions import langdata_version, tesseract_version

ROOT = Path(__file__).resolve().parents[1]
# The code a page's reading depends on: a change to any of these files makes every cached reading
# stale (an optimisation of preprocess.py may change what Tesseract sees). models.py: the cached
# objects are pickles of its classes.
READING_CODE = (
    "pipeline/page.py",
    "pipeline/glyphs.py",
    "pipeline/datewords.py",
    "pipeline/dates.py",  # datewords takes a date read again only where dates reads it as one
    "pipeline/rules/dates.yaml",  # ... with its damaged-month rules
    "pipeline/lostlines.py",
    "pipeline/tallwords.py",
    "pipeline/inkmap.py",
    "pipeline/nik.py",  # nik.plausible_reading, asked by glyphs.remapped
    "pipeline/nip.py",  # imported by nik
    "pipeline/wilayah.py",
    "pipeline/data/kode_wilayah_prov_kab_kec.csv",
    "pipeline/preprocess.py",
    "pipeline/raster.py",
    "pipeline/tesseract.py",
    "pipeline/pdf.py",
    "pipeline/models.py",
    "classifiers/photo.py",
)
# What classification depends on besides the profile data (classifiers.profiles.profiles_version).
CLASSIFIER_CODE = ("classifiers/classifier.py", "classifiers/profiles.py")
# Decided from the page image (ink, photo regions), not from the profiles: see pipeline/page.py.
IMAGE_DECIDED = (BLANK, "PAS_FOTO")


@dataclass
class PageRun:
    """A page result with how it was made: the classifier version its classification came from
    (to know when a cached result must be classified again) and where it ran (host, pid, task run),
    so a flow can tell a cached result from a fresh one and an operator can see which machine of a
    Dask cluster read a page."""

    result: PageResult
    classifier: str
    host: str
    pid: int
    task_run_id: str = ""

    @classmethod
    def here(cls, result: PageResult, task_run_id: str = "") -> PageRun:
        return cls(result, classifier_version(), socket.gethostname(), os.getpid(), task_run_id)


@functools.lru_cache(maxsize=512)
def _file_sha256(path: str, size: int, mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    """sha256 of a file's bytes, remembered per (path, size, mtime): the pages of one PDF share it."""
    st = path.stat()
    return _file_sha256(str(path), st.st_size, st.st_mtime_ns)


@functools.cache
def reading_code_version() -> str:
    return digest_files([ROOT / p for p in READING_CODE if (ROOT / p).is_file()], ROOT)


@functools.cache
def classifier_version() -> str:
    """Profile data and thresholds (the version reports record) plus the classifier's code."""
    code = digest_files([ROOT / p for p in CLASSIFIER_CODE if (ROOT / p).is_file()], ROOT)
    return f"{profiles.profiles_version()}-{code}"


def page_key_parts(ref: PageRef, settings: Settings, preview_dir: Path) -> dict[str, object]:
    """Everything a page's reading depends on. Computed where the page is read (a Dask worker has
    its own Tesseract), so a machine with another Tesseract or language data never reuses a reading
    made elsewhere.

    - the page: sha256 of its file's bytes and its page number in the file, not the path (the
      same bytes read from the drop folder at intake and from the archive at night are one page);
    - Tesseract's version and the sha256 of the language data it reads with;
    - every processing setting (resolution, OCR mode, flip thresholds, preview width, ...);
    - the code of the reading stage (:data:`READING_CODE`);
    - where the preview image goes (its folder and the page's number): a cached result points at
      its preview, so a reading is reused only by the report it belongs to.

    Not the classifier profiles or the rules: those are applied again to the cached text (save
    rules/dates.yaml, which the reading's date re-read consults: it is in READING_CODE).
    """
    return {
        "content": file_sha256(ref.path),
        "source_page": ref.source_page,
        "kind": ref.kind,
        "index": ref.index,
        "preview_dir": str(preview_dir),
        "tesseract": tesseract_version(),  # None without Tesseract: text-layer pages still read
        "langdata": langdata_version(settings.lang),
        "settings": dataclasses.asdict(settings),
        "code": reading_code_version(),
    }


def page_key(ref: PageRef, settings: Settings, preview_dir: Path) -> str:
    blob = json.dumps(page_key_parts(ref, settings, preview_dir), sort_keys=True, default=str)
    return "page-" + hashlib.sha256(blob.encode()).hexdigest()


def reclassify(result: PageResult) -> PageResult | None:
    """The page classified again with the current profiles from the text it was read with, giving
    what pipeline/page.py would give for the same reading; None when that needs the page image
    (the flow then reads the page again).

    pipeline/page.py classifies the text, and only when that says UNKNOWN looks at the image (a
    pas foto sheet, or a page with almost no letters). So: a new known type is final; an UNKNOWN on
    a page whose earlier decision was UNKNOWN or came from the image keeps that decision (same text,
    same image, same answer); an UNKNOWN on a page that had a type needs the image only when the
    page has few letters. A page with no reading (unreadable, blank by ink) has nothing to classify.
    A pas foto / blank page whose reading pipeline/page.py dropped (it was turned, and with so
    little text nothing tells which way is up) keeps its image decision.
    """
    text, old = result.text, result.classification
    if result.error or text.method == "none":
        return result
    if text.method == "text_layer":
        return dataclasses.replace(result, classification=classify_text(text))
    if not text.words and old.doc_type in IMAGE_DECIDED:
        return result
    new = classify_text(text)
    if new.doc_type != UNKNOWN:
        return dataclasses.replace(result, classification=new)
    if old.doc_type in IMAGE_DECIDED:
        return result
    if old.doc_type == UNKNOWN or sum(ch.isalpha() for ch in text.text) > PAS_FOTO_MAX_LETTERS:
        return dataclasses.replace(result, classification=new)
    return None
