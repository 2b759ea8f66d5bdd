"""A throwaway PostgreSQL cluster for the tests: apt's binaries, a loopback port, a temp dir."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PgBinaries:
    initdb: str
    pg_ctl: str


def find_postgres() -> PgBinaries | None:
    """The newest installed server's initdb and pg_ctl, or None."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    path = candidates[0] if candidates else shutil.which("initdb")
    if not path:
        return None
    bindir = Path(path).parent
    return PgBinaries(str(bindir / "initdb"), str(bindir / "pg_ctl"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """initdb + pg_ctl in a temporary folder; as root it runs as the ``postgres`` user."""

    def __init__(self, binaries: PgBinaries) -> None:
        self.binaries = binaries
        # Not under pytest's private tmp: the postgres user must be able to reach it.
        self.root = Path(tempfile.mkdtemp(prefix="coachdesk-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.user = "coachdesk"
        self._as_root = os.geteuid() == 0

    def _run(self, args: list[str]) -> subprocess.CompletedProcess[str]:
        if self._as_root:
            args = ["runuser", "-u", "postgres", "--", *args]
        return subprocess.run(args, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        if self._as_root:
            shutil.chown(self.root, "postgres")
        result = self._run(
            [
                self.binaries.initdb,
                "-D",
                str(self.data),
                "-U",
                self.user,
                "-A",
                "trust",
                "-E",
                "UTF8",
            ]
        )
        if result.returncode:
            raise RuntimeError(result.stderr.strip() or result.stdout.strip())
        self.resume()

    def resume(self) -> None:
        """Start the (initialised) server again on the same port and data."""
        opts = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync=off"
        result = self._run(
            [
                self.binaries.pg_ctl,
                "-D",
                str(self.data),
                "-o",
                opts,
                "-l",
                str(self.root / "log"),
                "-w",
                "start",
            ]
        )
        if result.returncode:
            raise RuntimeError(result.stderr.strip() or result.stdout.strip())
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("the server did not accept connections within 30 s")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        conninfo = f"host=127.0.0.1 port={self.port} user={self.user} dbname=postgres"
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def halt(self) -> None:
        """Stop the server as an administrator would (connections are cut), keeping its data
        for ``resume``: what a lead's app sees when the server goes away mid-session."""
        result = self._run([self.binaries.pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop"])
        if result.returncode:
            raise RuntimeError(result.stderr.strip() or result.stdout.strip())

    def conninfo(self, database: str = "postgres", user: str | None = None) -> str:
        """A libpq connection string, for psycopg used directly (LISTEN, a raw INSERT)."""
        return f"host=127.0.0.1 port={self.port} user={user or self.user} dbname={database}"

    def url_as(self, user: str, database: str) -> str:
        return f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{database}"

    def stop(self) -> None:
        self._run([self.binaries.pg_ctl, "-D", str(self.data), "-m", "immediate", "stop"])
        shutil.rmtree(self.root, ignore_errors=True)
