"""Page scale-out on Dask for real: a LocalCluster of two single-threaded worker processes, and
`berkas process --dask-address` against it, compared with the default thread-pool run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.intake import PAGES_PER_TASK, page_groups

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "fixtures" / "samples" / "berkas-0003"
PAGES = ("page1.jpg", "page4.jpg", "page14.jpg")  # a surat pengantar, an SK CPNS, a KTP: real OCR

pytestmark = pytest.mark.slow


def small_bundle(root: Path) -> Path:
    """Three scanned pages of the JPEG sample as a bundle folder of their own, with a manifest."""
    folder = root / "drop" / "kecil"
    folder.mkdir(parents=True)
    for name in PAGES:
        shutil.copy2(SAMPLE / name, folder / name)
    (folder / "manifest.json").write_text(json.dumps({"jenis": "BUP"}))
    return folder


def essentials(report: dict) -> dict:
    """What must not depend on where pages were read."""
    return {
        "status": report["status"],
        "case_type": report["case_type"],
        "pages": [(p["index"], p["doc_type"], p["rotation"]) for p in report["pages"]],
        "findings": sorted((f["code"], f["severity"], f["message"]) for f in report["findings"]),
    }


def snapshot(tmp_path: Path) -> Path:
    """A copy of the source that both runs and the Dask workers use: the test compares two runs,
    so an edit of a shared working tree between them must not be what it measures."""
    code = tmp_path / "code"
    if not code.is_dir():
        for package in ("flows", "pipeline", "classifiers"):
            shutil.copytree(ROOT / package, code / package, ignore=shutil.ignore_patterns("__pycache__"))
    return code


def berkas(tmp_path: Path, *args: str) -> tuple[subprocess.Popen, str]:
    code = snapshot(tmp_path)
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "PYTHONPATH": str(code)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "process", *args],
        cwd=code,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    out, _ = proc.communicate(timeout=900)
    assert proc.returncode == 0, out[-3000:]
    return proc, out


@pytest.fixture
def cluster(tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    # The worker processes inherit this environment: a Prefect home of their own, no analytics.
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect"))
    monkeypatch.setenv("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # ... and the snapshot first on sys.path, which spawned worker processes take over: page tasks
    # are shipped by reference (flows.tasks.pages) and imported there.
    monkeypatch.syspath_prepend(str(snapshot(tmp_path)))
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c,
        distributed.Client(c) as client,
    ):
        yield c, client


def test_page_tasks_run_on_dask_workers_and_give_the_same_reports(tmp_path, cluster):
    c, client = cluster
    bundle = small_bundle(tmp_path)

    t0 = time.perf_counter()
    berkas(tmp_path, str(bundle), "--out", str(tmp_path / "threads"))
    t1 = time.perf_counter()
    proc, log = berkas(tmp_path, str(bundle), "--out", str(tmp_path / "dask"), "--dask-address", c.scheduler_address)
    t2 = time.perf_counter()
    print(f"thread pool run {t1 - t0:.1f} s, Dask run {t2 - t1:.1f} s")

    threads = json.loads((tmp_path / "threads" / "kecil" / "report.json").read_text())
    dask = json.loads((tmp_path / "dask" / "kecil" / "report.json").read_text())
    assert essentials(dask) == essentials(threads)
    # Real readings on both sides (how well they classify is the end-to-end tests' business).
    assert all(p["method"] == "ocr" and (p["ocr_confidence"] or 0) > 50 for p in dask["pages"]), dask["pages"]

    # Every page was read in a worker process of the cluster, none in the flow's own process.
    summary = json.loads((tmp_path / "dask" / "summary.json").read_text())
    worker_pids = set(client.run(os.getpid).values())
    ran_in = {int(where.rsplit(":", 1)[1]): n for where, n in summary["page_workers"].items()}
    assert sum(ran_in.values()) == len(PAGES)
    assert set(ran_in) <= worker_pids and proc.pid not in ran_in
    assert "Dask tcp://" in log
    # The workers that read pages ran the snapshot's code, like both CLI runs.
    loaded = client.run(lambda: getattr(sys.modules.get("pipeline.page"), "__file__", None))
    loaded = {addr: f for addr, f in loaded.items() if f is not None}
    assert loaded and all(f.startswith(str(snapshot(tmp_path))) for f in loaded.values()), loaded
    # Tesseract on the workers runs single-threaded, as on the flow's machine.
    assert set(client.run(lambda: os.environ.get("OMP_THREAD_LIMIT")).values()) == {"1"}
    # What came back per page is words with boxes, not images: the persisted results are small.
    sizes = [p.stat().st_size for p in (tmp_path / "dask" / ".berkas" / "cache").iterdir()]
    print(f"page results persisted: {sizes} bytes")
    assert len(sizes) == len(page_groups(list(PAGES))) and max(sizes) < 300_000 * PAGES_PER_TASK


def test_what_crosses_to_a_worker_is_small(tmp_path):
    """A pages task's arguments: PageRefs (path + page number) and the Settings, not pixels."""
    import cloudpickle

    from pipeline import ingest
    from pipeline.settings import load_settings

    settings = load_settings()
    bundle = ingest.list_pages(ingest.discover([small_bundle(tmp_path)]).bundles[0], settings)
    groups = page_groups(bundle.pages)
    sizes = [len(cloudpickle.dumps((refs, settings, tmp_path / "pages"))) for refs in groups]
    assert sum(len(g) for g in groups) == len(PAGES) and max(sizes) < 2_000 + 500 * PAGES_PER_TASK
