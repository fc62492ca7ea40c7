"""Run a real ``berkas process`` as the README's command does, for the slow end-to-end tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def berkas_process(drop: Path, out: Path, prefect_home: Path, timeout: float = 1800) -> subprocess.CompletedProcess:
    """``python -m flows.cli process DROP --out OUT`` with its own Prefect home; output captured."""
    env = {**os.environ, "PREFECT_HOME": str(prefect_home)}
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", "process", str(drop), "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
