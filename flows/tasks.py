"""Prefect tasks: thin wrappers that schedule the pure steps of ``pipeline/``.

What happens is in ``pipeline/``; here is only how it is scheduled: one task per page (the unit
that runs in parallel: a few pages per task), one per bundle for analysis and report. Identity numbers never reach a
log line: bundle ids are masked (operators may name files after a NIP).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import TaskRunContext
from prefect.runtime import task_run

from pipeline import ingest, layout
from pipeline.analyse import analyse_bundle
from pipeline.models import Bundle, PageRef, PageResult
from pipeline.page import process_page
from pipeline.pagecache import PageRun
from pipeline.privacy import mask
from pipeline.report import bundle_dir, fallback_report, write_bundle_report
from pipeline.settings import Settings


@task(name="list-pages", cache_policy=NO_CACHE)
def list_pages(bundle: Bundle, settings: Settings) -> Bundle:
    bundle = ingest.list_pages(bundle, settings)
    logger = get_run_logger()
    logger.info("%s: %d halaman, %d berkas ditolak", mask(bundle.bundle_id), len(bundle.pages), len(bundle.rejected))
    for r in bundle.rejected:
        logger.warning("%s: ditolak %s (%s)", mask(bundle.bundle_id), mask(r.source), mask(r.reason))
    for n in bundle.notes:
        logger.warning("%s: %s: %s", mask(bundle.bundle_id), mask(n.source), mask(n.reason))
    return bundle


def final_attempt() -> bool:
    """True on the page task's last try (or outside Prefect): then a failed OCR is reported, not raised.

    Prefect counts runs from 1, so with ``retries`` the last run is number ``retries + 1``."""
    ctx = TaskRunContext.get()
    if ctx is None or ctx.task_run is None:
        return True
    return ctx.task_run.run_count > ctx.task.retries


@task(
    name="pages",
    cache_policy=NO_CACHE,
    retries=1,
    retry_delay_seconds=1,
    task_run_name="pages-{refs[0].index}",  # no bundle id: it may hold a NIP
)
def pages(refs: list[PageRef], settings: Settings, preview_dir: Path) -> list[PageRun]:
    """A few consecutive pages of one bundle, each wrapped with the classifier version and where
    it ran: the intake flow turns on caching for this task (flows/caching.py) and must tell a
    reused result from a fresh one.

    Several pages per task, not one: every task run costs the Prefect API a handful of state
    events, and at one page per task the API server's share of the two cores was a quarter of
    the OCR's (measured with py-spy on the sample batch). A page that fails transiently makes
    the task run again, its group's other pages with it."""
    last = final_attempt()
    runs = []
    for ref in refs:
        try:
            result = process_page(ref, settings, preview_dir, raise_transient=not last)
        except Exception as exc:  # Tesseract failed or timed out: Prefect runs the pages again
            get_run_logger().warning("hlm %d: %s; dicoba lagi", ref.index, mask(str(exc)))
            raise
        if result.error:
            get_run_logger().warning("hlm %d tidak terbaca: %s", ref.index, mask(result.error))
        runs.append(PageRun.here(result, str(task_run.id or "")))
    return runs


@task(name="report", cache_policy=NO_CACHE)
def report(
    bundle: Bundle, results: list[PageResult], out_dir: Path, jenis: str | None, input_key: str = ""
) -> dict[str, Any]:
    """Analyse and write one bundle's report. ``input_key`` (pipeline/resume.py) lets a rerun after
    a kill recognise the report as made from the same input; ``notes`` list files read with a
    caveat (a PDF's JavaScript or embedded files, never run)."""
    analysed = True
    try:
        data = analyse_bundle(bundle, results, jenis, layout.library_for(out_dir, results))
    except Exception as exc:  # a bug met unforeseen input: this bundle says so, the batch goes on
        reason = f"{type(exc).__name__}: {exc}"
        get_run_logger().error("%s: analisis gagal (%s)", mask(bundle.bundle_id), mask(reason))
        data, analysed = fallback_report(bundle, results, jenis, reason), False
    data["notes"] = [{"source": n.source, "note": n.reason} for n in bundle.notes]
    data["input_key"] = input_key
    layout.write_turned_previews(bundle_dir(out_dir, bundle.bundle_id), data["pages"])
    folder = write_bundle_report(out_dir, data)
    if analysed:
        try:
            layout.keep(out_dir, bundle.bundle_id, results, data["pages"])
        except OSError as exc:  # it only lends examples to later dossiers; the report stands
            get_run_logger().warning("%s: tata letak tidak disimpan (%s)", mask(bundle.bundle_id), mask(str(exc)))
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
