"""`berkas watch --once` end to end on the born-digital sample: real Prefect, real files."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "fixtures" / "samples" / "berkas-0004.pdf"

pytestmark = pytest.mark.slow


def watch(tmp_path: Path, drop: Path, out: Path) -> str:
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    proc = subprocess.run(
        [sys.executable, "-m", "flows.cli", "watch", str(drop), "--out", str(out), "--once", "--settle", "1"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return proc.stdout


def test_two_drops_of_the_same_bundle_give_one_report(tmp_path):
    drop, out = tmp_path / "drop", tmp_path / "out"
    drop.mkdir()
    shutil.copy2(SAMPLE, drop / "berkas-0004.pdf")
    (drop / "berkas-0004.pdf.done").write_text("")
    digest = hashlib.sha256(SAMPLE.read_bytes()).hexdigest()

    assert "diproses: 1" in watch(tmp_path, drop, out)
    assert (out / "berkas-0004" / "report.json").is_file()
    assert not list(drop.iterdir())  # taken out of the drop folder ...
    archived = [p for p in (tmp_path / "drop-arsip").rglob("*.pdf")]
    assert [hashlib.sha256(p.read_bytes()).hexdigest() for p in archived] == [digest]  # ... and kept intact

    shutil.copy2(SAMPLE, drop / "ulang.pdf")  # the same bytes again, under another name
    (drop / "ulang.pdf.done").write_text("")
    assert "diproses: 0, sudah pernah: 1" in watch(tmp_path, drop, out)
    assert not (out / "ulang").exists()
    assert len(list((tmp_path / "drop-arsip").rglob("*.pdf"))) == 2  # nothing lost
