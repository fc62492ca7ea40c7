"""Throughput benchmark: berkas end to end vs. bare Tesseract on the same pages.

Prints figures, asserts nothing (speed is measured here, never in a timed unit test).

    .venv/bin/python bench/bench.py [--copies 3] [--workers N] [--big-pages 300]

Workload (deterministic): the committed scanned samples (fixtures/samples: scanned PDF, TIFF, folder
of JPEG/PNG pages, 52 pages) copied ``--copies`` times under new bundle ids. Measured in one run:
(a) ``berkas process`` end to end, Prefect start, OCR, classification, extraction, cross-checks and
reports included, on the embedded Prefect (its API server started and stopped by the run; its
database made beforehand by an untimed run on no input, as the first run after installing makes it
once: (a0) prints both); (a3) the same against a Prefect server already running, as the agency's
deployment has one (docs/operations.md): no server start in the run; (b) the bare baseline: the
``tesseract`` command with ``-l ind`` on the same page images (rasterised beforehand, untimed),
OMP_THREAD_LIMIT=1, as many processes as cores; (b2) the same command on the images berkas actually
gives Tesseract (cleaned, and resampled to 300 dpi where scanned at 150): what the OCR alone costs
at berkas's resolution, so (a)/(b2) is the pipeline's own overhead; (c) the born-digital (text-
layer) sample against the scanned PDF sample, per page, both through the intake flow in one Python
process (the embedded Prefect server's start is paid by a warm-up run first, so it does not blur a
per-page figure); (d) peak resident memory of one ``berkas process`` run on a single bundle of
``--big-pages`` scanned pages.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # pipeline/ and tests/serverutil.py, when run as bench/bench.py
SAMPLES = ROOT / "fixtures" / "samples"
SCANNED = ["berkas-0001.pdf", "berkas-0001.json", "berkas-0002.tif", "berkas-0003"]
BERKAS = [sys.executable, "-m", "flows.cli", "process"]
TEXT_LAYER = "berkas-0004.pdf"
SCANNED_PDF = "berkas-0001.pdf"


def make_workload(drop: Path, copies: int) -> None:
    for k in range(copies):
        for name in SCANNED:
            src = SAMPLES / name
            dst = drop / name.replace("berkas-", f"bench{k}-")
            if src.is_dir():
                shutil.copytree(src, dst)
            else:
                shutil.copy2(src, dst)


def rasterise(drop: Path, images: Path) -> list[Path]:
    """Every page as a grey PGM/PNG file for the bare tesseract run (not timed)."""
    from PIL import Image

    out: list[Path] = []
    for item in sorted(drop.iterdir()):
        if item.suffix == ".pdf":
            prefix = images / item.stem
            subprocess.run(["pdftoppm", "-gray", "-r", "200", str(item), str(prefix)], check=True)
            out += sorted(images.glob(f"{item.stem}*.pgm"))
        elif item.suffix in (".tif", ".tiff"):
            with Image.open(item) as im:
                for i in range(im.n_frames):
                    im.seek(i)
                    path = images / f"{item.stem}-{i:03d}.pgm"
                    im.convert("L").save(path)
                    out.append(path)
        elif item.is_dir():
            for page in sorted(item.iterdir()):
                if page.suffix in (".jpg", ".png"):
                    try:
                        with Image.open(page) as im:
                            path = images / f"{item.name}-{page.stem}.pgm"
                            im.convert("L").save(path)
                            out.append(path)
                    except OSError:
                        pass  # the deliberately unreadable page
    return out


def bare_tesseract(images: list[Path], workers: int) -> float:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(path: Path) -> None:
        subprocess.run(["tesseract", str(path), "-", "-l", "ind"], env=env, check=True, capture_output=True)

    start = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, images))
    return time.perf_counter() - start


def ocr_images(drop: Path, images: Path) -> list[Path]:
    """(b2): every scanned page as berkas's preprocessing hands it to Tesseract, as PGM (untimed)."""
    import cv2

    from pipeline import ingest, preprocess, raster
    from pipeline.settings import load_settings

    settings, out = load_settings(), []
    for bundle in ingest.discover([drop], False).bundles:
        for ref in ingest.list_pages(bundle, settings).pages:
            try:
                page = raster.load(ref, settings)
            except raster.RasterError:
                continue  # the deliberately unreadable page
            prepared = preprocess.prepare(page.image, page.dpi, settings)
            if page.text is None and not prepared.blank:
                path = images / f"{bundle.bundle_id}-{ref.index:03d}.pgm"
                cv2.imwrite(str(path), prepared.ocr)
                out.append(path)
    return out


def _env(workers: int, home: Path, api: str | None = None) -> dict[str, str]:
    env = {**os.environ, "BERKAS_WORKERS": str(workers), "PREFECT_HOME": str(home / "prefect")}
    if api:
        env["PREFECT_API_URL"] = api
    return env


@contextlib.contextmanager
def prefect_server(home: Path) -> Iterator[str]:
    """A ``prefect server start`` on the loopback interface for (a3); yields its API URL."""
    from tests.serverutil import free_port, wait_healthy

    port = free_port()
    env = {**_env(1, home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_UI_ENABLED": "false"}
    cmd = [
        str(Path(sys.executable).with_name("prefect")),
        "server",
        "start",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    (home / "prefect").mkdir(parents=True, exist_ok=True)  # the server opens its SQLite file there
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/api"
        wait_healthy(url)
        yield url
    finally:
        proc.terminate()
        proc.wait(30)


def run_berkas(inputs: list[Path], out: Path, workers: int, api: str | None = None) -> tuple[float, dict, float]:
    """One ``berkas process`` run: (seconds, summary, peak RSS in MB of its largest process)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [*BERKAS, *map(str, inputs), "--out", str(out)],
            cwd=ROOT,
            env=_env(workers, out.parent, api),
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        _, status, usage = os.wait4(proc.pid, 0)  # this run's own peak, not the bench's largest child so far
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status):
            err.seek(0)
            raise SystemExit(f"berkas process failed:\n{err.read().decode(errors='replace')[-3000:]}")
    return seconds, json.loads((out / "summary.json").read_text()), usage.ru_maxrss / 1024


PURE = """
import sys, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
t0 = time.perf_counter()
from pipeline import ingest
from pipeline.analyse import analyse_bundle
from pipeline.page import process_page
from pipeline.report import bundle_dir, write_bundle_report
from pipeline.settings import load_settings
settings, out, n = load_settings(), Path(sys.argv[2]), 0
bundles = [ingest.list_pages(b, settings) for b in ingest.discover([Path(sys.argv[1])], False).bundles]
with ThreadPoolExecutor(int(sys.argv[3])) as pool:
    futures = {b.bundle_id: [pool.submit(process_page, r, settings, bundle_dir(out, b.bundle_id) / "pages")
               for r in b.pages] for b in bundles}
    for b in bundles:
        results = [f.result() for f in futures[b.bundle_id]]
        n += len(results)
        write_bundle_report(out, analyse_bundle(b, results))
print(n, time.perf_counter() - t0)
"""


def pure_pipeline(drop: Path, out: Path, workers: int) -> tuple[int, float]:
    """(a2): the same stages without Prefect (a plain thread pool, no cache, no batch index), to show
    what the orchestration costs. Returns (pages, seconds)."""
    done = subprocess.run(
        [sys.executable, "-c", PURE, str(drop), str(out), str(workers)], cwd=ROOT, check=True, capture_output=True
    )
    pages, seconds = done.stdout.decode().split()[-2:]
    return int(pages), float(seconds)


def per_page_in_one_process(tmp: Path, workers: int) -> dict[str, float]:
    """(c): seconds per page of the text-layer and the scanned PDF sample through the intake flow,
    run one after the other in one Python process after a warm-up run that starts Prefect."""
    text = tmp / "text"
    text.mkdir()
    for k in range(4):  # 4 x 18 pages: enough pages for a stable figure at ~0.05 s a page
        shutil.copy2(SAMPLES / TEXT_LAYER, text / f"text{k}.pdf")
    code = (
        "import json, sys, time\n"
        "from flows.intake import process_batch\n"
        "out = {}\n"
        "for name, src in [('warmup', sys.argv[1]), ('text', sys.argv[2]), ('scanned', sys.argv[3])]:\n"
        "    t = time.perf_counter()\n"
        "    s = process_batch([src], sys.argv[4] + '/' + name)\n"
        "    out[name] = (time.perf_counter() - t) / max(s['pages'], 1)\n"
        "print(json.dumps(out))\n"
    )
    args = [str(SAMPLES / "berkas-0003"), str(text), str(SAMPLES / SCANNED_PDF), str(tmp / "out-c")]
    done = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, env=_env(workers, tmp), check=True, capture_output=True
    )
    return json.loads(done.stdout.decode().strip().splitlines()[-1])


def big_bundle(tmp: Path, pages: int) -> Path:
    """One PDF of ``pages`` scanned pages: the scanned PDF sample repeated (poppler's pdfunite)."""
    one = SAMPLES / SCANNED_PDF
    per = 18
    path = tmp / "big" / "besar-0001.pdf"
    path.parent.mkdir()
    subprocess.run(["pdfunite", *[str(one)] * -(-pages // per), str(path)], check=True)
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=3, help="copies of the 52 scanned sample pages")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--big-pages", type=int, default=300, help="pages of the single-bundle memory run (0: skip)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="berkas-bench-") as tmp:
        tmp_path = Path(tmp)
        drop, images, prepared = tmp_path / "drop", tmp_path / "images", tmp_path / "prepared"
        drop.mkdir()
        images.mkdir()
        prepared.mkdir()
        make_workload(drop, args.copies)
        pages = rasterise(drop, images)
        bare = bare_tesseract(pages, args.workers)
        read = ocr_images(drop, prepared)
        bare_read = bare_tesseract(read, args.workers)
        empty = tmp_path / "empty"
        empty.mkdir()
        # The project's Prefect database (PREFECT_HOME) is made by the first run ever and kept
        # (run.sh: .prefect in the project folder): time that first run apart, then run (a) as every
        # later run is, on the existing database.
        first, _, _ = run_berkas([empty], tmp_path / "out-first", args.workers)
        start_only, _, _ = run_berkas([empty], tmp_path / "out-empty", args.workers)
        seconds, summary, peak_mb = run_berkas([drop], tmp_path / "out", args.workers)
        with prefect_server(tmp_path / "server") as api:
            served, _, _ = run_berkas([drop], tmp_path / "out-served", args.workers, api)
        pure_pages, pure_seconds = pure_pipeline(drop, tmp_path / "out-pure", args.workers)
        per = per_page_in_one_process(tmp_path, args.workers)
        big = None
        if args.big_pages:
            big = run_berkas([big_bundle(tmp_path, args.big_pages)], tmp_path / "out-big", args.workers)
    n = summary["pages"]
    e2e_ppm, bare_ppm = n / seconds * 60, len(pages) / bare * 60
    print(f"workload: {n} scanned pages in {len(summary['bundles'])} dossiers, {args.workers} workers")
    print(f"(a) berkas process end to end : {seconds:7.1f} s  {e2e_ppm:6.1f} pages/min (Prefect start included)")
    print(f"(b) bare tesseract -l ind     : {bare:7.1f} s  {bare_ppm:6.1f} pages/min ({len(pages)} pages)")
    print(f"ratio (a)/(b)                 : {e2e_ppm / bare_ppm:.2f}")
    print(
        f"(a0) berkas process, no input   : {start_only:7.1f} s (start and stop of the embedded Prefect); "
        f"the first run ever, which makes the Prefect database: {first:.1f} s"
    )
    served_ppm = n / served * 60
    print(
        f"(a3) berkas, Prefect server up  : {served:7.1f} s  {served_ppm:6.1f} pages/min "
        f"(ratio to (b) {served_ppm / bare_ppm:.2f})"
    )
    read_ppm = len(read) / bare_read * 60
    print(
        f"(b2) bare tesseract, berkas's images: {bare_read:7.1f} s  {read_ppm:6.1f} pages/min "
        f"({len(read)} pages, cleaned, 150-dpi scans at 300 dpi); (a)/(b2) {e2e_ppm / read_ppm:.2f}, "
        f"(a3)/(b2) {served_ppm / read_ppm:.2f}"
    )
    pure_ppm = pure_pages / pure_seconds * 60
    print(
        f"(a2) same stages, no Prefect   : {pure_seconds:7.1f} s  {pure_ppm:6.1f} pages/min "
        f"(ratio to (b) {pure_ppm / bare_ppm:.2f}; orchestration costs the rest)"
    )
    print(f"peak resident memory, run (a) : {peak_mb:.0f} MB (largest process)")
    print(
        f"(c) per page through the flow : text-layer PDF {per['text']:.3f} s, scanned PDF {per['scanned']:.3f} s; "
        f"text-layer {per['scanned'] / per['text']:.1f}x faster"
    )
    if big:
        b_seconds, b_summary, b_peak = big
        print(
            f"(d) one bundle of {b_summary['pages']} scanned pages: {b_seconds:.0f} s "
            f"({b_summary['pages'] / b_seconds * 60:.1f} pages/min), peak resident memory {b_peak:.0f} MB"
        )


if __name__ == "__main__":
    main()
