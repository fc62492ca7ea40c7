"""Throughput benchmark: berkas end to end vs. bare Tesseract on the same pages.

Prints figures, asserts nothing (speed is measured here, never in a timed unit test).

    .venv/bin/python bench/bench.py [--copies 2] [--workers N]

Workload (deterministic): the committed scanned samples (fixtures/samples: scanned PDF, TIFF,
folder of JPEG/PNG pages) copied ``--copies`` times under new bundle ids. Measured in one run:
(a) ``berkas process`` end to end, Prefect start, OCR, classification, extraction, cross-checks
and reports included; (b) the bare baseline: the ``tesseract`` command with ``-l ind`` on the same
page images (rasterised beforehand, untimed), OMP_THREAD_LIMIT=1, as many processes as cores;
(c) the born-digital (text-layer) sample against a scanned one, per page.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "fixtures" / "samples"
SCANNED = ["berkas-0001.pdf", "berkas-0001.json", "berkas-0002.tif", "berkas-0003"]
BERKAS = [sys.executable, "-m", "flows.cli", "process"]


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


def run_berkas(inputs: list[Path], out: Path, workers: int) -> tuple[float, dict]:
    env = {**os.environ, "BERKAS_WORKERS": str(workers), "PREFECT_HOME": str(out.parent / "prefect")}
    start = time.perf_counter()
    subprocess.run([*BERKAS, *map(str, inputs), "--out", str(out)], cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - start, json.loads((out / "summary.json").read_text())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=2)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="berkas-bench-") as tmp:
        tmp_path = Path(tmp)
        drop, images = tmp_path / "drop", tmp_path / "images"
        drop.mkdir()
        images.mkdir()
        make_workload(drop, args.copies)
        pages = rasterise(drop, images)
        bare = bare_tesseract(pages, args.workers)
        seconds, summary = run_berkas([drop], tmp_path / "out", args.workers)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        n = summary["pages"]
        scanned_one, s1 = run_berkas([SAMPLES / "berkas-0001.pdf"], tmp_path / "out-scan", args.workers)
        text_one, s2 = run_berkas([SAMPLES / "berkas-0004.pdf"], tmp_path / "out-text", args.workers)
    e2e_ppm, bare_ppm = n / seconds * 60, len(pages) / bare * 60
    print(f"workload: {n} scanned pages in {len(summary['bundles'])} dossiers, {args.workers} workers")
    print(f"(a) berkas process end to end : {seconds:7.1f} s  {e2e_ppm:6.1f} pages/min")
    print(f"(b) bare tesseract -l ind     : {bare:7.1f} s  {bare_ppm:6.1f} pages/min ({len(pages)} pages)")
    print(f"ratio (a)/(b)                 : {e2e_ppm / bare_ppm:.2f}")
    print(f"peak resident memory (largest process): {peak_mb:.0f} MB")
    per_scan, per_text = scanned_one / s1["pages"], text_one / s2["pages"]
    print(
        f"(c) scanned PDF {s1['pages']} pages: {per_scan:.2f} s/page; text-layer PDF {s2['pages']} pages: "
        f"{per_text:.2f} s/page (both incl. ~10 s Prefect start); ratio {per_scan / per_text:.1f}x"
    )


if __name__ == "__main__":
    main()
