"""Nightly reprocessing: report again the archived dossiers whose report is stale.

Scheduled by the ``nightly-reprocess`` deployment in prefect.yaml (01:00 Asia/Jakarta) and run by
hand with ``berkas nightly --archive DIR --out OUTDIR``. Which dossiers are stale and why is in
pipeline/staleness.py: only those whose report was made with other versions of berkas, its analysis code, Tesseract,
language data, profiles, rules or settings (or that have no report) are processed again, so a night
with nothing changed does nothing. Their pages come from the page cache when the reading is still
valid (pipeline/pagecache.py): a change of profiles or rules re-classifies and re-checks without
running Tesseract again. What changed is written to ``OUTDIR/nightly/nightly-YYYYMMDD.{json,txt}``
(pipeline/changes.py) and published as a Prefect artifact; the previous report.json of every
dossier reported again is kept under ``OUTDIR/.versions/<bundle>/<time>-nightly/``.
"""

from __future__ import annotations

import shutil
import time
from collections import Counter
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from flows.intake import process_batch
from pipeline import changes, staleness
from pipeline.privacy import mask
from pipeline.versions import pipeline_versions


@flow(name="berkas-nightly-reprocess")
def reprocess(archive: str, out: str, force: bool = False) -> dict[str, Any]:
    """Report again every stale dossier of ``archive`` into ``out``; ``force``: every dossier."""
    logger = get_run_logger()
    start = time.perf_counter()
    out_dir = Path(out).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    current = dict(pipeline_versions())
    dossiers = staleness.plan(Path(archive), out_dir, current, force)
    stale = [d for d in dossiers if d.stale]
    reasons = Counter(k for d in stale for k in d.stale)
    logger.info(
        "%d berkas di arsip: %d sudah mutakhir, %d diproses ulang (%s)",
        len(dossiers),
        len(dossiers) - len(stale),
        len(stale),
        ", ".join(f"{k} {n}" for k, n in sorted(reasons.items())) or "-",
    )
    for d in stale:
        changed = {k: [d.versions.get(k), current.get(k)] for k in d.stale if k in current}
        logger.info("%s: diproses ulang, %s", mask(d.bundle_id), changed or d.stale)
    before = {d.bundle_id: staleness.read_report(d.report) for d in stale}
    page_cache: dict[str, int] = {}
    if stale:
        stamp = time.strftime("%Y%m%dT%H%M%S")
        for d in stale:
            if before[d.bundle_id] is not None:
                keep = out_dir / ".versions" / d.folder / f"{stamp}-nightly" / "report.json"
                keep.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(d.report, keep)
        result = process_batch(
            inputs=[str(d.entry) for d in stale],
            out=str(out_dir),
            folder_is_bundle=True,
            bundle_ids={str(d.entry): d.bundle_id for d in stale},
            force=force,  # else pipeline/resume.py would keep a report made from the same input
        )
        page_cache = result.get("page_cache", {})
    diffs = [changes.diff_reports(before[d.bundle_id], staleness.read_report(d.report)) for d in stale]
    summary = changes.summarise(
        diffs,
        checked=len(dossiers),
        stale_reasons=dict(reasons),
        versions=current,
        when=time.strftime("%Y-%m-%d %H:%M"),
        seconds=time.perf_counter() - start,
        page_cache=page_cache,
    )
    js, txt = changes.write(out_dir / "nightly", summary, time.strftime("%Y%m%d"))
    publish_changes(summary)
    logger.info(
        "nightly selesai: %d diproses ulang, %d berubah; ringkasan %s",
        len(stale),
        len(summary["dossiers"]),
        mask(str(txt)),
    )
    summary["files"] = {"json": str(js), "text": str(txt)}
    return summary


@task(name="publish-nightly", cache_policy=NO_CACHE)
def publish_changes(summary: dict[str, Any]) -> None:
    """The change lines as a markdown artifact, so the Prefect UI shows what the night changed."""
    lines = changes.render_text(summary).splitlines()
    create_markdown_artifact(
        key="berkas-nightly",
        markdown="\n".join(["```", *lines, "```"]),
        description=f"{summary['reprocessed']} berkas diproses ulang, {len(summary['dossiers'])} berubah",
    )
