"""The intake flow: bundles in, kelengkapan reports out.

Pages of every bundle are submitted at once so all cores stay busy; each bundle is reported as
soon as its own pages are in. Tesseract runs as one process per page with OMP_THREAD_LIMIT=1
(set in pipeline.tesseract), so a thread pool as wide as the machine's cores is the parallelism.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner

from flows import tasks
from pipeline import ingest
from pipeline.export_csv import write_findings_csv
from pipeline.privacy import mask
from pipeline.report import bundle_dir, summarise, write_summary
from pipeline.report_index import write_index
from pipeline.settings import load_settings

WORKERS = int(os.environ.get("BERKAS_WORKERS", os.cpu_count() or 2))


@flow(name="berkas-process", task_runner=ThreadPoolTaskRunner(max_workers=WORKERS), log_prints=False)
def process_batch(
    inputs: list[str], out: str, jenis: str | None = None, folder_is_bundle: bool = False
) -> dict[str, Any]:
    """Process every bundle named by or inside ``inputs``; write reports and summary.json to ``out``."""
    logger = get_run_logger()
    start = time.perf_counter()
    settings = load_settings()
    out_dir = Path(out).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    batch = ingest.discover([Path(p) for p in inputs], folder_is_bundle)
    for r in batch.rejected:
        logger.warning("ditolak: %s (%s)", mask(r.source), r.reason)
    bundles = [tasks.list_pages(b, settings) for b in batch.bundles]
    total = sum(len(b.pages) for b in bundles)
    logger.info("%d bundel, %d halaman, %d proses paralel", len(bundles), total, WORKERS)
    submitted = [
        [tasks.page.submit(ref, settings, bundle_dir(out_dir, b.bundle_id) / "pages") for ref in b.pages]
        for b in bundles
    ]
    reports, done = [], 0
    for bundle, futures in zip(bundles, submitted, strict=True):
        results = []
        for fut in as_completed(futures):
            res = fut.result()
            results.append(res)
            done += 1
            elapsed = time.perf_counter() - start
            rate = done / elapsed * 60 if elapsed else 0.0
            eta = (total - done) / (done / elapsed) if done else 0.0
            logger.info(
                "[%d/%d] %s hlm %d: %s (%.1f s) | %.1f hlm/menit, sisa ~%.0f s",
                done,
                total,
                mask(bundle.bundle_id),
                res.ref.index,
                res.classification.doc_type,
                res.seconds,
                rate,
                eta,
            )
        reports.append(tasks.report(bundle, results, out_dir, jenis))
    rejected = [{"source": r.source, "reason": r.reason} for r in batch.rejected]
    summary = summarise(reports, rejected, time.perf_counter() - start)
    path = write_summary(out_dir, summary)
    write_findings_csv(out_dir, reports)
    index = write_index(out_dir, summary, reports, csv_href="findings.csv")
    tasks.publish_summary(summary, str(out_dir))
    logger.info("selesai: %d bundel, %d halaman; ringkasan di %s, halaman %s", len(reports), total, path, index)
    return summary
