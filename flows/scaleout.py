"""Where page tasks run: a thread pool on this machine (default) or a Dask cluster (prefect-dask).

A page is the unit of work that is worth shipping: its task receives a PageRef (a path and a
page number) and the Settings, reads the page file itself from the shared folder, and sends back
words with boxes (tens of kB), never page images. Tesseract keeps ``OMP_THREAD_LIMIT=1`` on every
worker because importing the task imports pipeline/tesseract.py, which sets it; run one
single-threaded Dask worker process per core (``--nthreads 1``) for the same reason the thread
pool is as wide as the cores: one Tesseract process per core is the fastest use of a machine.

The Dask scheduler's address comes from ``berkas process --dask-address`` or the
``BERKAS_DASK_ADDRESS`` environment variable (which a Prefect worker passes on to deployment
runs); without either, nothing of Dask is imported.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

ENV_ADDRESS = "BERKAS_DASK_ADDRESS"


def workers() -> int:
    return int(os.environ.get("BERKAS_WORKERS", os.cpu_count() or 2))


def dask_address(explicit: str | None = None) -> str | None:
    """The scheduler address to use: the explicit one, else BERKAS_DASK_ADDRESS, else None."""
    address = (explicit or os.environ.get(ENV_ADDRESS, "")).strip()
    return address or None


def task_runner(address: str | None = None) -> TaskRunner:
    """A DaskTaskRunner connected to an existing scheduler, or the local thread pool."""
    address = dask_address(address)
    if address is None:
        return ThreadPoolTaskRunner(max_workers=workers())
    from prefect_dask import DaskTaskRunner

    return DaskTaskRunner(address=address)


def describe(runner: TaskRunner) -> str:
    """For the log line that opens a batch (a scheduler address holds no personal data)."""
    address = getattr(runner, "address", None)
    return f"Dask {address}" if address else f"{workers()} proses paralel"


@contextlib.contextmanager
def api_for_workers() -> Iterator[str | None]:
    """Make sure Dask workers report their task runs to the same Prefect API as the flow.

    Task runs on a Dask worker talk to the Prefect API named in the settings the flow sends along.
    With a Prefect server (PREFECT_API_URL set, as on every machine of a multi-machine set-up)
    that is the server. Without one, the embedded run's API is a temporary server that only this
    process knows about, and each worker process would start a temporary server of its own (10-20
    s each, on the same SQLite file). So start the temporary server here and name it in the
    settings: workers on this machine use it. Workers on other machines need a real server.
    """
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if PREFECT_API_URL.value():
        yield PREFECT_API_URL.value()
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()  # the one Prefect itself would start for an embedded run
    server.start(timeout=int(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")))
    with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
        yield server.api_url
