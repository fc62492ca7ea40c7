"""Prefect tasks: thin wrappers that schedule the pure steps of ``pipeline/``.

What happens is in ``pipeline/``; here is only how it is scheduled: one task per page (the unit
that runs in parallel), one per bundle for analysis and report. Identity numbers never reach a
log line: bundle ids are masked (operators may name files after a NIP).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE

from pipeline import ingest
from pipeline.analyse import analyse_bundle
from pipeline.models import Bundle, PageRef, PageResult
from pipeline.page import process_page
from pipeline.privacy import mask
from pipeline.report import write_bundle_report
from pipeline.settings import Settings


@task(name="list-pages", cache_policy=NO_CACHE)
def list_pages(bundle: Bundle, settings: Settings) -> Bundle:
    bundle = ingest.list_pages(bundle, settings)
    logger = get_run_logger()
    logger.info("%s: %d halaman, %d berkas ditolak", mask(bundle.bundle_id), len(bundle.pages), len(bundle.rejected))
    for r in bundle.rejected:
        logger.warning("%s: ditolak %s (%s)", mask(bundle.bundle_id), mask(r.source), r.reason)
    return bundle


@task(
    name="page",
    cache_policy=NO_CACHE,
    retries=1,
    retry_delay_seconds=1,
    task_run_name="page-{ref.index}",  # no bundle id: it may hold a NIP
)
def page(ref: PageRef, settings: Settings, preview_dir: Path) -> PageResult:
    return process_page(ref, settings, preview_dir)


@task(name="report", cache_policy=NO_CACHE)
def report(bundle: Bundle, results: list[PageResult], out_dir: Path, jenis: str | None) -> dict[str, Any]:
    data = analyse_bundle(bundle, results, jenis)
    folder = write_bundle_report(out_dir, data)
    get_run_logger().info(
        "%s: %s (%s), %d temuan -> %s",
        mask(bundle.bundle_id),
        data["status"],
        data["case_type"],
        len(data["findings"]),
        mask(str(folder)),
    )
    return data


@task(name="publish-summary", cache_policy=NO_CACHE)
def publish_summary(summary: dict[str, Any], out_dir: str) -> None:
    """The batch as a table artifact on the flow run, so an admin in the Prefect UI sees what a
    batch produced and where its reports are. No NIP/NIK: ids are masked, names are not shown."""
    rows = [
        {
            "bundel": mask(b["bundle_id"]),
            "status": b["status"],
            "jenis": b["case_type"],
            "halaman": b["pages"],
            "temuan": ", ".join(f"{code} x{n}" for code, n in sorted(b["findings"].items())) or "-",
            "laporan": mask(f"{out_dir}/{b['html']}"),
        }
        for b in summary["bundles"]
    ]
    create_table_artifact(
        table=rows,
        key="berkas-batch",
        description=f"{len(rows)} bundel, {summary['pages']} halaman, {summary['pages_per_minute']} hlm/menit; "
        f"status {summary['status_counts']}",
    )
