"""prefect.yaml for real: a local `prefect server start`, a process work pool, `prefect deploy --all`, a worker,
and `prefect deployment run` of the drop-folder and nightly deployments, checking the reports they write."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.serverutil import free_port, wait_healthy

ROOT = Path(__file__).resolve().parents[1]
PREFECT = str(Path(sys.executable).with_name("prefect"))

pytestmark = pytest.mark.slow


@pytest.fixture
def server(tmp_path):
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_API_URL": api,
        "PREFECT_UI_ENABLED": "false",
    }
    env.pop("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", None)
    procs = [
        subprocess.Popen(
            [PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    ]
    try:
        wait_healthy(api)
        yield env, procs
    finally:
        for p in procs:
            os.killpg(p.pid, signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)


def run(env, *args, timeout=600):
    proc = subprocess.run([PREFECT, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return proc.stdout


def test_deploy_and_run_drop_folder_and_nightly(server, tmp_path):
    env, procs = server
    drop, out, arsip = tmp_path / "drop", tmp_path / "laporan", tmp_path / "arsip"
    drop.mkdir()
    shutil.copy2(ROOT / "fixtures" / "samples" / "berkas-0004.pdf", drop / "berkas-0004.pdf")
    (drop / "berkas-0004.pdf.done").write_text("")
    env = {
        **env,
        "BERKAS_HOME": str(ROOT),
        "BERKAS_DROP": str(drop),
        "BERKAS_OUT": str(out),
        "BERKAS_ARCHIVE": str(arsip),
    }
    run(env, "work-pool", "create", "berkas-pool", "--type", "process")
    run(env, "--no-prompt", "deploy", "--all")
    procs.append(
        subprocess.Popen(
            [PREFECT, "worker", "start", "--pool", "berkas-pool"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    )

    run(env, "deployment", "run", "berkas-watch/drop-folder", "--watch", timeout=900)
    report = json.loads((out / "berkas-0004" / "report.json").read_text())
    assert report["status"] == "PERLU_VERIFIKASI"
    assert not list(drop.iterdir()) and list(arsip.rglob("berkas-0004.pdf"))

    (out / "berkas-0004" / "report.json").unlink()
    run(env, "deployment", "run", "berkas-nightly-reprocess/nightly-reprocess", "--watch", timeout=900)
    assert json.loads((out / "berkas-0004" / "report.json").read_text())["bundle_id"] == "berkas-0004"
