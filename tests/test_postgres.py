"""The multi-machine layout's server (docs/operations.md): a Prefect server on PostgreSQL.

A throwaway PostgreSQL cluster (initdb into a temporary folder, pg_ctl on a free port), a
`prefect server start` on it, and a real `berkas process` run against that server; then the flow
run and its page task runs are read back from PostgreSQL itself. initdb refuses to run as root,
so as root the cluster runs as the ``postgres`` system user (runuser), as a Debian package would.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from flows.intake import PAGES_PER_TASK
from tests.serverutil import free_port, wait_healthy

ROOT = Path(__file__).resolve().parents[1]
PREFECT = str(Path(sys.executable).with_name("prefect"))

pytestmark = pytest.mark.slow


def pg_bin() -> Path | None:
    """The folder of initdb/pg_ctl/psql: PATH first, then Debian's /usr/lib/postgresql/<v>/bin."""
    found = shutil.which("initdb")
    if found:
        return Path(os.path.realpath(found)).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(versions[-1]).parent if versions else None


@pytest.fixture
def postgres():
    bindir = pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb) not installed")
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb: "cannot be run as root"
        if not shutil.which("runuser"):
            pytest.skip("running as root and runuser is missing: initdb cannot run as root")
        as_user = ["runuser", "-u", "postgres", "--"]
    base = Path(tempfile.mkdtemp(prefix="berkas-pg-"))
    if as_user:
        shutil.chown(base, user="postgres")
    data, port = base / "data", free_port()
    subprocess.run(
        [*as_user, str(bindir / "initdb"), "-D", str(data), "-U", "berkas", "--auth=trust", "-E", "UTF8"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *as_user,
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(base / "postgres.log"),
            "-o",
            f"-p {port} -k {base} -c listen_addresses=127.0.0.1",
            "-w",
            "start",
        ],
        check=True,
        capture_output=True,
    )
    try:
        subprocess.run(
            [str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "berkas", "prefect"], check=True
        )
        yield bindir, port
    finally:
        subprocess.run(
            [*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], capture_output=True
        )
        shutil.rmtree(base, ignore_errors=True)


def test_prefect_server_on_postgres_runs_the_intake_flow(postgres, tmp_path):
    bindir, pg_port = postgres
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_UI_ENABLED": "false",
        "PREFECT_API_DATABASE_CONNECTION_URL": f"postgresql+asyncpg://berkas@127.0.0.1:{pg_port}/prefect",
    }
    server = subprocess.Popen(
        [PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_healthy(api)
        client_env = {**env, "PREFECT_API_URL": api}
        client_env.pop("PREFECT_API_DATABASE_CONNECTION_URL")  # a client needs only the API
        out = tmp_path / "out"
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "flows.cli",
                "process",
                str(ROOT / "fixtures" / "samples" / "berkas-0004.pdf"),
                "--out",
                str(out),
            ],
            cwd=ROOT,
            env=client_env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
        assert json.loads((out / "berkas-0004" / "report.json").read_text())["status"] == "PERLU_VERIFIKASI"
        rows = subprocess.run(
            [
                str(bindir / "psql"),
                "-h",
                "127.0.0.1",
                "-p",
                str(pg_port),
                "-U",
                "berkas",
                "-d",
                "prefect",
                "-At",
                "-c",
                "select f.name, fr.state_type, (select count(*) from task_run tr "
                "where tr.flow_run_id = fr.id and tr.name like 'pages-%') "
                "from flow_run fr join flow f on f.id = fr.flow_id",
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        page_tasks = -(-18 // PAGES_PER_TASK)  # the sample's 18 pages, a task per group
        assert rows == [f"berkas-process|COMPLETED|{page_tasks}"]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
