"""Nightly reprocessing: only stale dossiers are reported again, their OCR comes from the page cache,
and the change summary says what changed.

The end-to-end test drives the real CLI (`berkas watch --once`, then `berkas nightly` twice) in
subprocesses started through a small launcher that counts calls of pipeline.tesseract.recognise
(the one way into Tesseract) and, for the second night, points the classifier at a copy of its
profiles with the SK CPNS profile removed: an agency's profile change, planted where the real
loader reads profiles from. The pure parts (staleness, re-classification, change summary) are
tested as tables below it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.progress import format_line
from pipeline import changes, staleness, versions
from pipeline.dropfolder import Ledger, bundle_sha256
from pipeline.models import Classification, PageText
from pipeline.pagecache import reclassify
from tests.textpage import page_result

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "fixtures" / "samples"
PAGES = ("page1.jpg", "page4.jpg", "page14.jpg")  # a surat pengantar, an SK CPNS, a KTP: real OCR

LAUNCHER = """
import atexit, os, sys, threading
from pathlib import Path

alt = os.environ.get("ALT_CLASSIFIERS")
if alt:  # the profiles of this run: a modified copy of classifiers/ (profiles/*.yaml, thresholds)
    import classifiers.profiles as profiles
    profiles.load_profiles.__wrapped__.__defaults__ = (Path(alt) / "profiles",)
    profiles.PROFILE_DIR, profiles.DATA_DIR = Path(alt) / "profiles", Path(alt)

from pipeline import tesseract

calls, lock, real = [0], threading.Lock(), tesseract.recognise

def counted(*args, **kwargs):
    with lock:
        calls[0] += 1
    return real(*args, **kwargs)

tesseract.recognise = counted
atexit.register(lambda: Path(os.environ["OCR_COUNT"]).write_text(str(calls[0])))

from flows.cli import main

sys.exit(main(sys.argv[1:]))
"""


def snapshot(tmp_path: Path) -> Path:
    """A copy of the source the runs of one test all use. The page cache key includes a digest of
    the reading code (pipeline/pagecache.py), so an edit of the working tree between two runs
    would rightly make every cached reading stale; on a shared checkout that is being edited, the
    test would then measure the edit, not the nightly run."""
    code = tmp_path / "code"
    if not code.is_dir():
        for package in ("flows", "pipeline", "classifiers"):
            shutil.copytree(ROOT / package, code / package, ignore=shutil.ignore_patterns("__pycache__"))
    return code


def berkas(tmp_path: Path, *args: str, alt: Path | None = None) -> tuple[str, int, float]:
    """Run the CLI; returns (output, Tesseract calls, seconds)."""
    code = snapshot(tmp_path)
    launcher = tmp_path / "launch.py"
    launcher.write_text(LAUNCHER)
    count = tmp_path / "ocr-count"
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PYTHONPATH": str(code),
        "OCR_COUNT": str(count),
    }
    env.pop("ALT_CLASSIFIERS", None)
    if alt:
        env["ALT_CLASSIFIERS"] = str(alt)
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(launcher), *args], cwd=code, env=env, capture_output=True, text=True, timeout=900
    )
    seconds = time.perf_counter() - start
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    return proc.stdout + proc.stderr, int(count.read_text()), seconds


def latest_summary(out: Path) -> dict:
    newest = max((out / "nightly").glob("nightly-*.json"), key=lambda p: p.stat().st_mtime_ns)
    return json.loads(newest.read_text())


@pytest.mark.slow
def test_nightly_reruns_only_stale_dossiers_from_cached_ocr(tmp_path):
    drop, out, arsip = tmp_path / "drop", tmp_path / "laporan", tmp_path / "arsip"
    (drop / "kecil").mkdir(parents=True)
    for name in PAGES:
        shutil.copy2(SAMPLES / "berkas-0003" / name, drop / "kecil" / name)
    (drop / "kecil" / "manifest.json").write_text(json.dumps({"jenis": "BUP"}))
    (drop / "kecil.done").write_text("")
    shutil.copy2(SAMPLES / "berkas-0004.pdf", drop / "berkas-0004.pdf")  # text layer + one scanned page
    (drop / "berkas-0004.pdf.done").write_text("")

    log, intake_ocr, intake_s = berkas(
        tmp_path, "watch", str(drop), "--out", str(out), "--archive", str(arsip), "--once", "--settle", "1"
    )
    assert "diproses: 2" in log and intake_ocr >= len(PAGES) + 1
    assert "berkas: 21/21 halaman (100%)" in log  # the CLI's progress line (pipes get it too)
    reports = {b: out / b / "report.json" for b in ("kecil", "berkas-0004")}
    first = {b: json.loads(p.read_text()) for b, p in reports.items()}
    mtimes = {b: p.stat().st_mtime_ns for b, p in reports.items()}

    # Night 1, nothing changed: nothing is reported again, nothing is read.
    log, ocr, quiet_s = berkas(tmp_path, "nightly", "--archive", str(arsip), "--out", str(out))
    night = latest_summary(out)
    assert (night["checked"], night["up_to_date"], night["reprocessed"]) == (2, 2, 0)
    assert ocr == 0
    assert {b: p.stat().st_mtime_ns for b, p in reports.items()} == mtimes

    # Night 2, the profiles changed (SK CPNS profile removed): every dossier is reported again,
    # from the cached readings, and the summary shows what the change did.
    alt = tmp_path / "classifiers"
    alt.mkdir()
    shutil.copytree(snapshot(tmp_path) / "classifiers" / "profiles", alt / "profiles")
    for f in (snapshot(tmp_path) / "classifiers").glob("*.yaml"):
        shutil.copy2(f, alt / f.name)
    (alt / "profiles" / "SK_CPNS.yaml").unlink()
    log, ocr, changed_s = berkas(tmp_path, "nightly", "--archive", str(arsip), "--out", str(out), alt=alt)
    print(
        f"intake {intake_s:.1f} s ({intake_ocr} OCR passes), quiet night {quiet_s:.1f} s, "
        f"night after a profile change {changed_s:.1f} s"
    )
    night = latest_summary(out)
    assert (night["checked"], night["reprocessed"]) == (2, 2)
    assert night["stale_reasons"] == {"profiles": 2}
    assert ocr == 0, "a profile change must not run Tesseract again"
    assert night["page_cache"]["from_cache"] == len(PAGES) + 18 and night["page_cache"]["read"] == 0
    by_id = {d["bundle_id"]: d for d in night["dossiers"]}
    assert set(by_id) == {"kecil", "berkas-0004"}
    for bundle_id, d in by_id.items():
        assert any(p["before"] == "SK_CPNS" and p["after"] != "SK_CPNS" for p in d["pages_retyped"]), d
        assert any(f["code"] == "MISSING_DOCUMENT" for f in d["new_findings"]), d
        after = json.loads(reports[bundle_id].read_text())
        assert after["pipeline"]["profiles"] != first[bundle_id]["pipeline"]["profiles"]
        assert any(c["item"] == "SK_CPNS" and c["status"] == "missing" for c in after["checklist"])
        kept = list((out / ".versions" / bundle_id).glob("*-nightly/report.json"))
        assert [json.loads(k.read_text())["pipeline"] for k in kept] == [first[bundle_id]["pipeline"]]
    assert by_id["berkas-0004"]["status_before"] == "PERLU_VERIFIKASI"
    assert by_id["berkas-0004"]["status_after"] == "TIDAK_LENGKAP"
    assert night["new_findings_by_code"]["MISSING_DOCUMENT"] >= 2
    text = max((out / "nightly").glob("nightly-*.txt"), key=lambda p: p.stat().st_mtime_ns).read_text()
    assert "berkas-0004 | PERLU_VERIFIKASI -> TIDAK_LENGKAP | baru: MISSING_DOCUMENT x1" in text
    assert "SK_CPNS ->" in text
    assert not re.search(r"(?<!\d)\d{16}(?!\d)|(?<!\d)\d{18}(?!\d)", log + text)


# --- the pure parts -------------------------------------------------------------------------------


def test_changed_versions_names_what_differs():
    now = {"berkas": "0.1.0", "tesseract": "5.3.0", "profiles": "b", "rules": "r", "settings": 1}
    assert staleness.changed_versions(dict(now), now) == []
    assert staleness.changed_versions({**now, "profiles": "a", "tesseract": "5.5.0"}, now) == ["tesseract", "profiles"]
    assert staleness.changed_versions(None, now) == [k for k in staleness.VERSION_KEYS if k in now]


def test_a_code_change_makes_reports_stale():
    """Reports record a hash of the analysis code: a deployed fix is re-run at night even when the
    release number stayed the same."""
    now = versions.pipeline_versions()
    assert re.fullmatch(r"[0-9a-f]{12}", str(now["code"]))
    assert staleness.changed_versions({**now, "code": "000000000000"}, now) == ["code"]


def test_plan_maps_archive_names_to_dossiers_through_the_ledger(tmp_path):
    """A repeat drop (same bytes, other name) is not a dossier; x.2.pdf is dossier x; the newest
    reported version of a bundle id is the one that counts."""
    arsip, out = tmp_path / "arsip", tmp_path / "out"
    day1, day2 = arsip / "2026-11-01", arsip / "2026-11-02"
    day1.mkdir(parents=True)
    day2.mkdir()
    (day1 / "x.pdf").write_bytes(b"%PDF old")
    (day1 / "ulang.pdf").write_bytes(b"%PDF old")  # the same bytes dropped again under another name
    (day2 / "x.pdf").write_bytes(b"%PDF new")  # a corrected x, archived the next day
    (day2 / "y.pdf").write_bytes(b"%PDF y")
    (day2 / "x.pdf.done").write_text("")
    ledger = Ledger(out)
    ledger.entries = {
        bundle_sha256(day1 / "x.pdf"): {"bundle_id": "x", "source": "x.pdf", "at": "2026-11-01T10:00:00"},
        bundle_sha256(day2 / "x.pdf"): {"bundle_id": "x", "source": "x.pdf", "at": "2026-11-02T10:00:00"},
        bundle_sha256(day2 / "y.pdf"): {"bundle_id": "y", "source": "y.pdf", "at": "2026-11-02T10:00:01"},
    }
    ledger.add(bundle_sha256(day2 / "y.pdf"), "y", "y.pdf")
    now = {"berkas": "1", "profiles": "new"}
    (out / "x").mkdir()
    (out / "x" / "report.json").write_text(json.dumps({"pipeline": {"berkas": "1", "profiles": "old"}}))
    plan = {d.bundle_id: d for d in staleness.plan(arsip, out, now)}
    assert set(plan) == {"x", "y"}
    assert plan["x"].entry == day2 / "x.pdf" and "profiles" in plan["x"].stale
    assert plan["y"].stale == [staleness.NO_REPORT]
    assert (out / ".berkas" / "archive-sha.json").is_file()  # tomorrow's look hashes nothing again
    assert all(d.stale == [staleness.FORCED] for d in staleness.plan(arsip, out, now, force=True))


def _report(status: str, findings: list[tuple[str, str]], types: list[str]) -> dict:
    return {
        "bundle_id": "199001012015011001",  # operators may name a bundle after the NIP
        "status": status,
        "findings": [{"code": c, "severity": "error", "message": m} for c, m in findings],
        "pages": [{"index": i, "doc_type": t} for i, t in enumerate(types, 1)],
    }


def test_change_summary_lists_flips_new_and_resolved_findings():
    before = _report("LENGKAP", [("NAME_MISMATCH", "nama beda")], ["SK_CPNS", "KTP"])
    after = _report("TIDAK_LENGKAP", [("MISSING_DOCUMENT", "SK CPNS tidak ada")], ["UNKNOWN", "KTP"])
    d = changes.diff_reports(before, after)
    assert (d["status_before"], d["status_after"], d["status_changed"]) == ("LENGKAP", "TIDAK_LENGKAP", True)
    assert [f["code"] for f in d["new_findings"]] == ["MISSING_DOCUMENT"]
    assert [f["code"] for f in d["resolved_findings"]] == ["NAME_MISMATCH"]
    assert d["pages_retyped"] == [{"page": 1, "before": "SK_CPNS", "after": "UNKNOWN"}]
    same = changes.diff_reports(before, before)
    summary = changes.summarise([d, same], checked=5, stale_reasons={"rules": 2}, versions={}, when="w", seconds=1)
    assert (summary["reprocessed"], summary["up_to_date"], len(summary["dossiers"])) == (2, 3, 1)
    assert summary["status_changes"] == {"LENGKAP -> TIDAK_LENGKAP": 1}
    assert summary["new_findings_by_code"] == {"MISSING_DOCUMENT": 1}
    text = changes.render_text(summary)
    assert "LENGKAP -> TIDAK_LENGKAP | baru: MISSING_DOCUMENT x1 | selesai: NAME_MISMATCH x1" in text
    assert "199001012015011001" not in text and "nama beda" not in text  # ids masked, no messages


SK_CPNS = [
    "PETIKAN",
    "KEPUTUSAN BUPATI BLORA",
    "NOMOR 813/123/2015",
    "TENTANG",
    "PENGANGKATAN CALON PEGAWAI NEGERI SIPIL",
    "DENGAN RAHMAT TUHAN YANG MAHA ESA",
    "Menetapkan mengangkat sebagai calon pegawai negeri sipil dengan masa percobaan",
]


def test_reclassify_follows_what_the_page_stage_would_decide():
    typed = page_result(1, SK_CPNS, "SK_PNS")
    again = reclassify(typed)
    assert again is not None and again.classification.doc_type != "SK_PNS"  # text classified anew
    # Blank by ink, unreadable: nothing a profile decides.
    blank = page_result(2, [], "BLANK")
    blank.text = PageText([], 100, 100, "none")
    assert reclassify(blank) is blank
    broken = page_result(3, ["x"], "UNKNOWN")
    broken.error = "Tesseract timed out"
    assert reclassify(broken) is broken
    # A pas foto decided from the image keeps that decision when the text still says nothing.
    foto = page_result(4, ["FOTO"], "PAS_FOTO")
    assert reclassify(foto) is foto
    # A typed page that would now be UNKNOWN with few letters needs the image: read again.
    short = page_result(5, ["SURAT", "KET"], "KTP")
    assert reclassify(short) is None
    # Text-layer pages are classified from text only.
    layer = page_result(6, SK_CPNS, "KTP")
    layer.text.method = "text_layer"
    again = reclassify(layer)
    assert again is not None and isinstance(again.classification, Classification)
    assert again.classification.doc_type != "KTP"


def test_progress_line_counts_only():
    assert (
        format_line(12, 70, 17.5, cached=3) == "berkas: 12/70 halaman (17%), 41.1 hlm/menit, sisa ~1m25s, 3 dari cache"
    )
    assert format_line(70, 70, 3725) == "berkas: 70/70 halaman (100%), 1.1 hlm/menit, selesai dalam 1j02m"
