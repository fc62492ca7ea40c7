"""Drop-folder intake: take complete bundles, report them once, archive the originals.

``berkas watch DROP --out OUT`` polls the folder; the ``drop-folder`` deployment runs one poll
per schedule tick (``once=True``). What is complete, what was seen, and how archiving works are
in pipeline/dropfolder.py; this flow only sequences them around the intake flow.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger

from flows.intake import process_batch
from pipeline.dropfolder import Ledger, Watcher, archive, bundle_sha256, keep_previous_report
from pipeline.privacy import mask
from pipeline.report import safe_dirname


def take(watcher: Watcher, out_dir: Path, archive_dir: Path, ledger: Ledger) -> dict[str, Any]:
    """One look at the drop folder: process what is complete and new, archive what was handled."""
    logger = get_run_logger()
    ready = watcher.ready()
    fresh, repeats = [], []
    for entry in ready:
        sha = bundle_sha256(entry)
        (repeats if ledger.seen(sha) else fresh).append((entry, sha))
    for entry, _ in repeats:
        logger.info("%s: sudah pernah diproses (sha256 sama), langsung diarsipkan", mask(entry.name))
        archive(entry, archive_dir)
    summary: dict[str, Any] = {"processed": [], "repeats": [mask(e.name) for e, _ in repeats]}
    if fresh:
        for entry, _ in fresh:
            name = safe_dirname(entry.stem if entry.is_file() else entry.name)
            if keep_previous_report(out_dir, name):
                logger.info("%s: isi berubah, laporan lama disimpan di .versions/", mask(name))
        result = process_batch(inputs=[str(e) for e, _ in fresh], out=str(out_dir))
        for entry, sha in fresh:
            ledger.add(sha, entry.stem if entry.is_file() else entry.name, entry.name)
            archive(entry, archive_dir)
        summary["processed"] = [b["bundle_id"] for b in result["bundles"]]
    return summary


@flow(name="berkas-watch")
def watch_drop(
    drop: str,
    out: str,
    archive_dir: str | None = None,
    settle_seconds: float = 10.0,
    interval: float = 15.0,
    once: bool = True,
) -> dict[str, Any]:
    """Poll ``drop``; with ``once`` a single round (two looks ``settle_seconds`` apart)."""
    drop_path, out_dir = Path(drop), Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    arch = Path(archive_dir) if archive_dir else drop_path.parent / f"{drop_path.name}-arsip"
    watcher, ledger = Watcher(drop_path, settle_seconds), Ledger(out_dir)
    totals: dict[str, Any] = {"processed": [], "repeats": []}
    watcher.ready()  # first look: remember sizes and times
    while True:
        time.sleep(settle_seconds if once else interval)
        result = take(watcher, out_dir, arch, ledger)
        totals["processed"] += result["processed"]
        totals["repeats"] += result["repeats"]
        if once:
            return totals
