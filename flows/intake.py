"""The intake flow: bundles in, kelengkapan reports out.

Pages of every bundle are submitted at once so all cores stay busy; each bundle is reported as
soon as its own pages are in. Tesseract reads one page per thread with OMP_THREAD_LIMIT=1 (set
in pipeline.tesseract), so a thread pool as wide as the machine's cores is the parallelism, a
task holding a few consecutive pages of one bundle (flows/tasks.pages says why);
with a Dask scheduler address (flows/scaleout.py) the page tasks run on the cluster's workers
instead, and only analysis and report writing stay here.

Page readings are cached under ``OUTDIR/.berkas/cache`` (flows/caching.py, pipeline/pagecache.py):
a page read before for the same report, with the same Tesseract, language data, settings and
reading code, is not read again; if the classifier profiles changed since, its cached text is
classified again here, in the flow, so the classification always matches the profile version the
report records.
"""

from __future__ import annotations

import dataclasses
import time
from collections import Counter
from pathlib import Path
from typing import Any

from prefect import Task, flow, get_run_logger
from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture, as_completed
from prefect.utilities.annotations import quote

from flows import progress, scaleout, tasks
from flows.caching import PAGE_CACHE, cache_dir
from pipeline import ingest, layout, resume
from pipeline.export_csv import write_findings_csv
from pipeline.models import PageRef, PageResult
from pipeline.pagecache import PageRun, classifier_version, reclassify
from pipeline.privacy import mask
from pipeline.report import bundle_dir, summarise, write_summary
from pipeline.report_index import write_index
from pipeline.settings import Settings, load_settings


@flow(name="berkas-process", task_runner=scaleout.task_runner(), log_prints=False)
def process_batch(
    inputs: list[str],
    out: str,
    jenis: str | None = None,
    folder_is_bundle: bool = False,
    bundle_ids: dict[str, str] | None = None,
    force: bool = False,
) -> dict[str, Any]:
    """Process every bundle named by or inside ``inputs``; write reports and summary.json to ``out``.

    ``bundle_ids`` (input path -> bundle id) names bundles whose file name is not their id: the
    nightly rerun reads ``x.2.pdf`` from the archive, which the drop folder had as ``x.pdf``.
    A bundle whose report of the very same input is already in ``out`` (a rerun after a killed
    batch) keeps it and is not processed again (pipeline/resume.py), unless ``force``.
    """
    logger = get_run_logger()
    start = time.perf_counter()
    settings = load_settings()
    out_dir = Path(out).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    batch = discover(inputs, folder_is_bundle, bundle_ids or {})
    for r in batch.rejected:
        logger.warning("ditolak: %s (%s)", mask(r.source), mask(r.reason))
    listed = [tasks.list_pages(b, settings) for b in batch.bundles]
    keys = {b.bundle_id: resume.input_key(b, jenis, settings) for b in listed}
    kept = {} if force else {b.bundle_id: resume.previous_report(out_dir, b, keys[b.bundle_id]) for b in listed}
    kept = {k: v for k, v in kept.items() if v is not None}
    for bundle_id in kept:
        logger.info("%s: laporan untuk isi yang sama sudah ada, tidak diproses ulang", mask(bundle_id))
    reused = list(kept)
    bundles = [b for b in listed if b.bundle_id not in kept]
    total = sum(len(b.pages) for b in bundles)
    context = FlowRunContext.get()
    runner = scaleout.describe(context.task_runner) if context and context.task_runner else ""
    logger.info("%d bundel, %d halaman, %s", len(bundles), total, runner)
    page_task = tasks.pages.with_options(
        cache_policy=PAGE_CACHE,
        result_storage=cache_dir(out_dir),
        persist_result=True,
        retries=settings.page_retries,
    )
    submitted = [
        [
            (refs, page_task.submit(refs, settings, bundle_dir(out_dir, b.bundle_id) / "pages"))
            for refs in page_groups(b.pages)
        ]
        for b in bundles
    ]
    reports, done = [], 0
    second_look: list[tuple[ingest.Bundle, list[PageResult]]] = []
    how_counts: Counter[str] = Counter()
    where: Counter[str] = Counter()
    for bundle, pairs in zip(bundles, submitted, strict=True):
        preview_dir = bundle_dir(out_dir, bundle.bundle_id) / "pages"
        refs_of = {fut.task_run_id: refs for refs, fut in pairs}
        results = []
        for fut in as_completed([fut for _, fut in pairs]):
            for res, run, how in settle(fut, refs_of[fut.task_run_id], page_task, settings, preview_dir):
                results.append(res)
                how_counts.update(how)
                if "cache" not in how:
                    where[f"{run.host}:{run.pid}"] += 1
                done += 1
                elapsed = time.perf_counter() - start
                rate = done / elapsed * 60 if elapsed else 0.0
                eta = (total - done) / (done / elapsed) if done else 0.0
                logger.info(
                    "[%d/%d] %s hlm %d: %s (%s) | %.1f hlm/menit, sisa ~%.0f s",
                    done,
                    total,
                    mask(bundle.bundle_id),
                    res.ref.index,
                    res.classification.doc_type,
                    ", ".join(how) if how != ["baru"] else f"{res.seconds:.1f} s",
                    rate,
                    eta,
                )
            progress.update(done, total, elapsed, how_counts["cache"])
        results.sort(key=lambda r: r.ref.index)
        # quote: Prefect would otherwise walk every word box of every page looking for futures
        kept[bundle.bundle_id] = tasks.report(quote(bundle), quote(results), out_dir, jenis, keys[bundle.bundle_id])
        if layout.unmatched(results, kept[bundle.bundle_id]["pages"]):
            second_look.append((bundle, results))
    for bundle, results in second_look:
        # The dossiers read after it are references now (pipeline/layout.py): its unreadable pages
        # are compared with the whole batch.
        kept[bundle.bundle_id] = tasks.report(quote(bundle), quote(results), out_dir, jenis, keys[bundle.bundle_id])
    reports = [kept[b.bundle_id] for b in listed]  # input order, reused reports in their place
    rejected = [{"source": r.source, "reason": r.reason} for r in batch.rejected]
    summary = summarise(reports, rejected, time.perf_counter() - start, reused=reused)
    summary["page_cache"] = {
        "read": how_counts["baru"] + how_counts["baca ulang"],
        "from_cache": how_counts["cache"],
        "reclassified": how_counts["klasifikasi ulang"],
        "read_again": how_counts["baca ulang"],
    }
    summary["page_workers"] = dict(where)
    path = write_summary(out_dir, summary)
    write_findings_csv(out_dir, reports)
    index = write_index(out_dir, summary, reports, csv_href="findings.csv")
    tasks.publish_summary(summary, str(out_dir))
    logger.info(
        "selesai: %d bundel, %d halaman (%d dari cache, %d diklasifikasi ulang); ringkasan di %s, halaman %s",
        len(reports),
        total,
        how_counts["cache"],
        how_counts["klasifikasi ulang"],
        mask(str(path)),
        mask(str(index)),
    )
    return summary


def discover(inputs: list[str], folder_is_bundle: bool, bundle_ids: dict[str, str]) -> ingest.Batch:
    """ingest.discover, then the bundle ids the caller knows better (see process_batch)."""
    if not bundle_ids:
        return ingest.discover([Path(p) for p in inputs], folder_is_bundle)
    batch = ingest.Batch()
    for p in inputs:
        found = ingest.discover([Path(p)], folder_is_bundle)
        for b in found.bundles:
            b.bundle_id = bundle_ids.get(p, b.bundle_id)
        batch.bundles += found.bundles
        batch.rejected += found.rejected
    return batch


PAGES_PER_TASK = 4  # see flows/tasks.pages; 4 keeps both cores busy to the end of a 20-page bundle


def page_groups(refs: list[PageRef], size: int = PAGES_PER_TASK) -> list[list[PageRef]]:
    """A bundle's pages in consecutive groups, the same on every run (the cache key is per group)."""
    return [refs[i : i + size] for i in range(0, len(refs), size)]


def settle(
    fut: PrefectFuture[list[PageRun]], refs: list[PageRef], page_task: Task, settings: Settings, preview_dir: Path
) -> list[tuple[PageResult, PageRun, list[str]]]:
    """A pages task's outcome as this report needs it, per page, with how it was obtained (for the
    log and the summary): "baru" (read now), "cache" (reused), "klasifikasi ulang" (reused text
    classified with the current profiles), "baca ulang" (a reused result that could not serve:
    read again).

    A reused result is a pickle from an earlier run: its PageRefs are replaced by this run's (the
    bundle may have moved from the drop folder to the archive). The group is read again when a
    page of it records an error (a Tesseract timeout on a busy night should not stick), when a
    page's preview image is gone (a changed bundle's old report folder was moved to .versions/),
    or when re-classifying a page would need its image.
    """
    runs = fut.result()
    how = ["baru"] if all(run.task_run_id == str(fut.task_run_id) for run in runs) else ["cache"]

    def current(runs: list[PageRun]) -> tuple[list[PageResult], list[PageResult | None]]:
        """Each page with this run's PageRef, and as the current profiles classify it (None: they
        would need its image)."""
        results = [dataclasses.replace(run.result, ref=ref) for run, ref in zip(runs, refs, strict=True)]
        fresh = classifier_version()
        classified = [r if run.classifier == fresh else reclassify(r) for r, run in zip(results, runs, strict=True)]
        return results, classified

    def unusable(result: PageResult, classified: PageResult | None) -> bool:
        gone = result.preview and not (preview_dir.parent / result.preview).is_file()
        return bool(result.error or gone or classified is None)

    results, classified = current(runs)
    if how == ["cache"] and any(unusable(r, c) for r, c in zip(results, classified, strict=True)):
        how.append("baca ulang")
        runs = page_task.with_options(refresh_cache=True).submit(refs, settings, preview_dir).result()
        results, classified = current(runs)
    settled = []
    for result, new, run in zip(results, classified, runs, strict=True):
        if new is not None and new is not result:
            settled.append((new, run, [*how, "klasifikasi ulang"]))
        else:
            settled.append((result, run, list(how)))
    return settled
