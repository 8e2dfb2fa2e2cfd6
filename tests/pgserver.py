"""A throw-away PostgreSQL cluster for the tests and benchmarks: Debian's server binaries, a
data folder of its own under a temporary directory, a Unix socket there and no TCP port.

PostgreSQL refuses to run as root; when the tests run as root (CI does) the cluster belongs to
Debian's ``postgres`` system user, started through ``runuser``. Authentication is ``trust`` on
the socket only, so nothing outside this machine's temporary directory can reach it.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg

__all__ = ["ThrowawayCluster", "binaries"]


def binaries() -> Path:
    """The newest ``/usr/lib/postgresql/N/bin`` (Debian's layout); ``make test`` installs it."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    if not found:
        raise RuntimeError(
            "PostgreSQL's server is not installed: run `make setup` (it installs `postgresql`)"
        )
    return Path(found[-1]).parent


def _version(path: str) -> int:
    return int(Path(path).parent.parent.name)


class ThrowawayCluster:
    """``with ThrowawayCluster() as pg: pg.url("mithaq")`` — a new database per call of
    ``create_database``; everything is deleted on exit."""

    def __init__(self, *, durable: bool = False) -> None:
        """``durable``: fsync on, as a real server (benchmarks); the tests leave it off."""
        self.durable = durable
        self.root = Path(tempfile.mkdtemp(prefix="mithaq-pg-"))
        self.data = self.root / "data"
        self.socket = self.root / "socket"
        self._as_root = os.geteuid() == 0
        self.user = "postgres" if self._as_root else os.environ.get("USER", "postgres")

    # --- life ----------------------------------------------------------------------------------

    def start(self) -> ThrowawayCluster:
        bin_ = binaries()
        self.socket.mkdir()
        if self._as_root:
            shutil.chown(self.root, "postgres")
            shutil.chown(self.socket, "postgres")
            self.root.chmod(0o755)
        self._run(
            str(bin_ / "initdb"), "-D", str(self.data), "-U", self.user, "--auth=trust",
            "--no-sync", "-E", "UTF8", "--locale=C.UTF-8",
        )  # fmt: skip
        fsync = "on" if self.durable else "off"
        options = (
            f"-c listen_addresses='' -c unix_socket_directories={self.socket} -c fsync={fsync} "
            "-c max_connections=100"
        )
        self._run(
            str(bin_ / "pg_ctl"), "-D", str(self.data), "-o", options, "-w", "-t", "30",
            "-l", str(self.root / "server.log"), "start",
        )  # fmt: skip
        return self

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run(str(binaries() / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> ThrowawayCluster:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # --- use -----------------------------------------------------------------------------------

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@/{database}?host={self.socket}"

    def create_database(self, name: str) -> str:
        """A new empty database; returns its URL."""
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def _run(self, *argv: str) -> None:
        if self._as_root:
            argv = ("runuser", "-u", "postgres", "--", *argv)
        done = subprocess.run(argv, capture_output=True, text=True, cwd=self.root, check=False)
        if done.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(argv)} failed:\n{done.stdout}{done.stderr}{tail}")
