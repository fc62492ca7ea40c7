"""Faults: a batch killed with SIGKILL half-way and run again; Tesseract failing or timing out on a
page; the analysis of one dossier crashing.

What must hold: every bundle ends with exactly one complete report, no half-written file is ever
left, nothing is lost, a bundle reported before the kill is not processed again, and the scanner's
files are byte for byte the same. A failed or timed-out page is retried by Prefect (the page task's
``retries``), then reported unread (LOW_CONFIDENCE_PAGE) and its dossier still reported.

The slow tests run the real ``berkas`` command (embedded Prefect, real Tesseract). Faults inside
Tesseract are injected by a wrapper that starts the same CLI with ``pipeline.tesseract.recognise``
patched to call the real Tesseract wrongly (a 1 ms timeout, a language that does not exist), so
the real failure paths of the wrapper and Prefect's real retry path are what is tested.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from flows.tasks import final_attempt
from pipeline import tesseract
from pipeline.models import PageRef
from pipeline.page import process_page
from pipeline.report import safe_dirname
from pipeline.settings import load_settings
from tests import badfiles as bf

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = load_settings()
IDENTITY_NUMBER = re.compile(r"(?<!\d)\d{16}(?!\d)|(?<!\d)\d{18}(?!\d)")
CONTRACT_KEYS = {"schema_version", "bundle_id", "source", "sha256", "case_type", "case_type_source", "status"}
CONTRACT_KEYS |= {"pages", "documents", "checklist", "findings", "rejected"}
TEMP_NAME = re.compile(r"^\..+\.tmp(\.jpg)?$")


def small_page(path: Path, title: str, landscape: bool = False) -> Path:
    """A few lines at 200 dpi (no resampling): about a second of OCR."""
    lines = [title, "Nomor 800/123/2024", "Yang bertanda tangan di bawah ini", "Nama : SITI AMINAH"]
    return bf.text_image(path, lines, size=(1000, 700) if landscape else (800, 1000), dpi=200)


def complete(report_dir: Path) -> dict:
    """The report in report_dir, asserting that it is whole: JSON parses, contract keys, HTML."""
    report = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    assert set(report) >= CONTRACT_KEYS, sorted(CONTRACT_KEYS - set(report))
    assert (report_dir / "report.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    return report


def temp_leftovers(out: Path) -> list[str]:
    """Our temporary files (write_atomic's, the page previews') anywhere under OUTDIR."""
    return [str(p.relative_to(out)) for p in out.rglob(".*") if TEMP_NAME.match(p.name)]


def berkas(args: list[str], home: Path, **kw) -> subprocess.Popen:
    env = {**os.environ, "PREFECT_HOME": str(home), **kw.pop("env", {})}
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: the kill takes Prefect's server and workers too
        **kw,
    )


# --- fast: the page's OCR budget and the last-try rule, real Tesseract, no Prefect ----------------


def test_page_ocr_budget_is_configurable_and_turns_into_an_error_page(tmp_path):
    page = small_page(tmp_path / "p.png", "SURAT PERNYATAAN")
    ref = PageRef("b", 1, page, "p.png", 1, "image")
    tight = dataclasses.replace(SETTINGS, timeout_seconds=0.001)
    result = process_page(ref, tight, tmp_path / "pages")
    assert result.error and ("timed out" in result.error or "OCR time limit" in result.error), result.error
    assert result.classification.doc_type == "UNKNOWN"
    with pytest.raises(tesseract.OcrError):  # on a try Prefect may repeat, the failure is raised
        process_page(ref, tight, tmp_path / "pages", raise_transient=True)
    ok = process_page(ref, SETTINGS, tmp_path / "pages", raise_transient=True)
    assert ok.error is None and ok.text.ocr_confidence


def test_budget_is_shared_by_all_readings_of_a_page():
    with tesseract.page_budget(0.0), pytest.raises(tesseract.OcrError, match="OCR time limit of the page"):
        tesseract.recognise(np.full((50, 50), 255, np.uint8), "ind", 3, 1, 60.0)


def test_outside_prefect_every_try_is_the_last():
    assert final_attempt() is True


# --- slow: Tesseract failure, timeout and an analysis crash through Prefect's retries -----------

WRAPPER = r"""
import hashlib, json, os, sys, threading
from flows.cli import main, prefect_environment

prefect_environment()  # before Prefect is imported: it reads its settings then
from pipeline import tesseract
import flows.tasks as tasks

real_recognise, real_analyse = tesseract.recognise, tasks.analyse_bundle
seen, lock = set(), threading.Lock()
log = open(os.environ["FAULT_LOG"], "a", buffering=1)


def faulty(image, lang, psm, oem, timeout, variables=()):
    # a landscape page always fails: a timeout on the first try, then Tesseract failing;
    # a portrait page fails on its first reading only (a passing fault)
    landscape = image.shape[1] > image.shape[0]
    key = hashlib.sha256(image.tobytes()).hexdigest()
    with lock:
        first = key not in seen
        seen.add(key)
    action = ("timeout" if first else "fail") if landscape else ("fail" if first else "real")
    log.write(json.dumps({"page": "landscape" if landscape else "portrait", "action": action}) + "\n")
    if action == "timeout":
        return real_recognise(image, lang, psm, oem, 0.001, variables)
    if action == "fail":
        return real_recognise(image, "berkas_tidak_ada", psm, oem, timeout, variables)
    return real_recognise(image, lang, psm, oem, timeout, variables)


def analyse(bundle, results, jenis=None, references=()):
    if bundle.bundle_id == "meledak":
        raise ValueError("injected fault, NIP 197705152008011002")
    return real_analyse(bundle, results, jenis, references)


tesseract.recognise, tasks.analyse_bundle = faulty, analyse
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.slow
def test_tesseract_failure_and_timeout_are_retried_then_reported(tmp_path):
    drop, out = tmp_path / "drop", tmp_path / "out"
    gagal = drop / "gagal"
    small_page(gagal / "1.png", "SURAT PENGANTAR", landscape=True)
    bf.text_pdf(gagal / "2.pdf", [bf.SK_LINES])
    (gagal / "manifest.json").write_text('{"jenis": "BUP"}')
    small_page(drop / "pulih.png", "SURAT PERNYATAAN")
    bf.text_pdf(drop / "meledak.pdf", [bf.SK_LINES])
    before = bf.file_hashes(drop)
    calls = tmp_path / "calls.jsonl"
    proc = berkas(
        ["-c", WRAPPER, "process", str(drop), "--out", str(out), "--verbose"],
        tmp_path / "prefect",
        env={"FAULT_LOG": str(calls)},
    )
    log, _ = proc.communicate(timeout=600)
    assert proc.returncode == 0, log[-4000:]

    made = [json.loads(line) for line in calls.read_text().splitlines()]
    landscape = [c["action"] for c in made if c["page"] == "landscape"]
    portrait = [c["action"] for c in made if c["page"] == "portrait"]
    assert landscape == ["timeout", "fail"][: 1 + SETTINGS.page_retries]  # every try, then no more
    assert portrait[0] == "fail" and set(portrait[1:]) == {"real"}
    assert log.count("dicoba lagi") == 2 and "hlm 1 tidak terbaca" in log

    report = complete(out / "gagal")
    page1, page2 = report["pages"]
    assert "Tesseract could not load language" in page1["error"]
    assert page2["method"] == "text_layer" and "error" not in page2
    low = [f for f in report["findings"] if f["code"] == "LOW_CONFIDENCE_PAGE"]
    assert [e["page"] for f in low for e in f["evidence"]][:1] == [1]
    assert report["status"] in ("PERLU_VERIFIKASI", "TIDAK_LENGKAP")

    pulih = complete(out / "pulih")["pages"][0]
    assert "error" not in pulih and pulih["ocr_confidence"] is not None

    meledak = complete(out / "meledak")
    assert [f["code"] for f in meledak["findings"]] == ["ANALYSIS_FAILED"]
    assert meledak["status"] == "PERLU_VERIFIKASI"

    assert bf.file_hashes(drop) == before
    assert not IDENTITY_NUMBER.search(log), IDENTITY_NUMBER.findall(log)


# --- slow: SIGKILL half-way through a batch, then run again --------------------------------------


@pytest.mark.slow
def test_sigkill_mid_batch_then_rerun_gives_one_complete_report_each(tmp_path):
    drop, out, home = tmp_path / "drop", tmp_path / "out", tmp_path / "prefect"
    bundles = [f"berkas-{n:02d}" for n in range(1, 7)]
    for n, name in enumerate(bundles):
        small_page(drop / name / "1.png", f"SURAT PENGANTAR {n}")
    hashes, names = bf.file_hashes(drop), bf.all_names(drop)
    cmd = ["-m", "flows.cli", "process", str(drop), "--out", str(out), "--verbose"]

    first = berkas(cmd, home)
    deadline = time.monotonic() + 600
    while not list(out.glob("*/report.json")) and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(first.pid, signal.SIGKILL)
    first.communicate(timeout=60)
    done_before = {p.parent.name: p.stat() for p in out.glob("*/report.json")}
    assert 0 < len(done_before) < len(bundles), "the kill must land mid-batch"
    print(f"SIGKILL after {len(done_before)} of {len(bundles)} reports")
    for name in done_before:  # what the kill left is whole
        complete(out / name)

    second = berkas(cmd, home)
    log, _ = second.communicate(timeout=600)
    assert second.returncode == 0, log[-4000:]

    folders = sorted(p.name for p in out.iterdir() if p.is_dir() and not p.name.startswith("."))
    assert folders == sorted(safe_dirname(b) for b in bundles)  # exactly one report folder each
    for name in bundles:
        assert complete(out / name)["bundle_id"] == name
    summary = json.loads((out / "summary.json").read_text())
    assert sorted(b["bundle_id"] for b in summary["bundles"]) == bundles
    assert sorted(summary["reused"]) == sorted(done_before)  # not processed twice ...
    for name, st in done_before.items():  # ... nor rewritten
        now = (out / name / "report.json").stat()
        assert (now.st_ino, now.st_mtime_ns) == (st.st_ino, st.st_mtime_ns)
    assert temp_leftovers(out) == []
    assert bf.file_hashes(drop) == hashes and bf.all_names(drop) == names
    with pytest.raises(ProcessLookupError):  # nothing of the killed run lives on
        os.killpg(first.pid, 0)
