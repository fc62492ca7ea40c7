"""The page cache as Prefect sees it: a cache key function and where cached results are kept.

A pages task's result is persisted under ``OUTDIR/.berkas/cache/`` (one file per group of page
readings, named by its key) so that a later run writing to the same OUTDIR, the nightly rerun above all,
reuses the OCR instead of running Tesseract again. What the key holds and why is in
pipeline/pagecache.py. The folder may be deleted at any time: the next run reads the pages again.
With Dask workers on other machines OUTDIR is a shared folder, so the cache is shared too.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from prefect.cache_policies import CacheKeyFnPolicy
from prefect.context import TaskRunContext

from pipeline.pagecache import page_key

CACHE_DIR = Path(".berkas") / "cache"


def page_cache_key(context: TaskRunContext, parameters: dict[str, Any]) -> str:
    """Prefect's cache_key_fn for the pages task (runs where the task runs, e.g. on a Dask worker):
    the keys of its pages. The flow groups a bundle's pages the same way on every run, so a
    rerun asks for the same keys."""
    preview_dir = Path(parameters["preview_dir"])
    keys = [page_key(ref, parameters["settings"], preview_dir) for ref in parameters["refs"]]
    return "pages-" + hashlib.sha256("\n".join(keys).encode()).hexdigest()


PAGE_CACHE = CacheKeyFnPolicy(cache_key_fn=page_cache_key)


def cache_dir(out_dir: Path) -> Path:
    return out_dir / CACHE_DIR
