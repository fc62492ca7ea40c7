"""The embedded Prefect API started by the command line before it imports its flows
(flows/local_api.py): a real server process, a real flow run against it, and a clear error when it
cannot start."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from flows import local_api

ROOT = Path(__file__).resolve().parents[1]

RUN = """
import sys
from flows.local_api import start_embedded_api
ready = start_embedded_api()
from prefect import flow, task
from prefect.client.orchestration import get_client

@task
def double(x):
    return 2 * x

@flow
def small():
    return sum(double.map([1, 2, 3]).result())

ready()
print(small())
with get_client(sync_client=True) as client:
    runs = client.read_task_runs()
print(len(runs), sorted(r.state_name for r in runs)[0])
import os
print(os.environ["PREFECT_API_URL"])
"""


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1")
    env.update(extra)
    return env


def _listening(url: str) -> bool:
    address = urlparse(url)
    with socket.socket() as s:
        return s.connect_ex((address.hostname, address.port)) == 0


def test_flow_runs_against_the_embedded_api_and_it_stops_at_exit(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", RUN], cwd=ROOT, env=_env(tmp_path), capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    total, count_state, url = done.stdout.strip().splitlines()[-3:]
    assert total == "12" and count_state == "3 Completed"  # the task runs are recorded by that server
    assert url.startswith("http://127.0.0.1:") and not _listening(url)  # stopped with the command
    # The log and event workers sent everything before the server went away.
    assert "Unable to connect" not in done.stderr and "failed with" not in done.stderr


KILLED = """
import os, signal
from flows.local_api import start_embedded_api
start_embedded_api()()
print(os.environ["PREFECT_API_URL"], flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_no_server_is_left_behind_when_berkas_is_killed(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", KILLED], cwd=ROOT, env=_env(tmp_path), capture_output=True, text=True, timeout=300
    )
    assert done.returncode == -signal.SIGKILL
    url = done.stdout.strip().splitlines()[-1]
    deadline = time.monotonic() + 30
    while _listening(url) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not _listening(url)


def test_a_server_that_cannot_start_is_a_clear_error(tmp_path, monkeypatch):
    bad = f"sqlite+aiosqlite:///{tmp_path}/no/such/folder/prefect.db"
    for key, value in _env(tmp_path, PREFECT_API_DATABASE_CONNECTION_URL=bad).items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    api = local_api.EmbeddedApi(timeout=120)
    try:
        with pytest.raises(local_api.ApiStartError, match="exited with status"):
            api.ready()
    finally:
        api.stop()


def test_nothing_is_started_when_an_api_is_named(monkeypatch):
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")
    monkeypatch.setattr(local_api, "EmbeddedApi", None)  # would fail if called
    local_api.start_embedded_api()()
    assert os.environ["PREFECT_API_URL"] == "http://127.0.0.1:4200/api"
