"""The embedded Prefect API of one ``berkas`` command, started first thing.

Without PREFECT_API_URL, Prefect runs a flow against a temporary API server it starts in a
subprocess when the flow begins (``SubprocessASGIServer``): the flow process first imports
Prefect's whole server package only to find that class (6 s of CPU, measured with cProfile on
an empty ``berkas process``), then starts the subprocess and waits for it (7 s). An empty run
took 15-16 s on a warm PREFECT_HOME, with the second core idle most of the time.

This module starts the very same server command (uvicorn on Prefect's ``create_app`` factory,
ephemeral mode, UI off, on 127.0.0.1) before the command imports its flows and looks at its
inputs, and names it in PREFECT_API_URL: the server's start runs on the other core while this
process imports Prefect and discovers bundles, and the server package is never imported here.
It is stopped when the command ends, as Prefect stops its own. An API URL the user set wins
(a deployment's server), and then nothing is started.
"""

from __future__ import annotations

import atexit
import ctypes
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import IO

API_ENV = "PREFECT_API_URL"
PR_SET_PDEATHSIG = 1  # linux/prctl.h
STARTUP_TIMEOUT_ENV = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"


class ApiStartError(RuntimeError):
    """The embedded Prefect API did not come up."""


def server_command(fd: int) -> list[str]:
    """What Prefect's SubprocessASGIServer runs (prefect 3.9), without importing Prefect."""
    spec = importlib.util.find_spec("prefect")
    if spec is None or spec.origin is None:
        raise ApiStartError("Prefect is not installed in this environment")
    app_dir = Path(spec.origin).resolve().parent.parent
    return [
        sys.executable,
        "-m",
        "uvicorn",
        "--app-dir",
        str(app_dir),
        "--factory",
        "prefect.server.api.server:create_app",
        "--fd",
        str(fd),
        "--log-level",
        "error",
        "--lifespan",
        "on",
    ]


_PRCTL = ctypes.CDLL(None).prctl if sys.platform.startswith("linux") else None  # looked up before any fork


def _end_with_parent() -> None:
    """In the server process, before it runs: have Linux send it SIGTERM when berkas dies, even by
    SIGKILL (a batch killed half-way is simply run again), so no server is left behind."""
    if _PRCTL is not None:
        _PRCTL(PR_SET_PDEATHSIG, signal.SIGTERM)


def _spawn(errors: IO[bytes]) -> tuple[subprocess.Popen[bytes], str]:
    """Start the server on a loopback socket bound here and handed over open, so no other
    program can take its port between choosing and binding it."""
    env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
    env.pop(API_ENV, None)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        cmd = server_command(sock.fileno())
        proc = subprocess.Popen(
            cmd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            pass_fds=(sock.fileno(),),
            preexec_fn=_end_with_parent,  # noqa: PLW1509 - started before this process has threads
        )
    return proc, f"http://127.0.0.1:{port}/api"


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as r:  # noqa: S310 - loopback only
            return r.status == 200
    except (OSError, urllib.error.URLError):
        return False


class EmbeddedApi:
    """One temporary API server process; :meth:`ready` blocks until it answers."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        # its stderr, read when it fails to start: a pipe could fill up over a long watch
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        self.proc, self.url = _spawn(self.errors)
        self._ready = False

    def ready(self) -> None:
        deadline = time.monotonic() + self.timeout
        while not self._ready:
            code = self.proc.poll()
            if code is not None:
                self.errors.seek(0)
                err = self.errors.read()[-2000:].decode(errors="replace").strip()
                raise ApiStartError(f"embedded Prefect API exited with status {code}: {err}")
            if _healthy(self.url):
                self._ready = True
            elif time.monotonic() > deadline:
                raise ApiStartError(f"embedded Prefect API not up after {self.timeout:.0f} s ({STARTUP_TIMEOUT_ENV})")
            else:
                time.sleep(0.1)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.errors.close()


def start_embedded_api() -> Callable[[], None]:
    """Start the embedded API now and name it in PREFECT_API_URL, which Prefect reads when it is
    imported; returns the function that waits until it answers (call it before the first flow).

    Nothing is started when PREFECT_API_URL is set, or when Prefect is already imported (it would
    not see the URL; it then starts its own server as before). The server is stopped at exit, as
    Prefect stops its own: after Prefect's log and event workers have sent what they hold (they
    drain before ``atexit`` handlers run), so no task-run event is lost.
    """
    if os.environ.get(API_ENV) or "prefect" in sys.modules:
        return lambda: None
    api = EmbeddedApi(float(os.environ.get(STARTUP_TIMEOUT_ENV, "180")))
    os.environ[API_ENV] = api.url
    atexit.register(api.stop)
    return api.ready
