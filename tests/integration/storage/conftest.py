"""Storage-safety fixtures: a demo database file and another coachdesk process holding one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

HOLDER = """
import sys
from coachdesk.app import open_db
db = open_db(sys.argv[1], backup=False)
print("holding", flush=True)
sys.stdin.read()
db.dispose()
"""


@pytest.fixture
def hubfile(tmp_path: Path, _template_sqlite: Path) -> Path:
    """An empty, migrated database file in a private tmp folder."""
    path = tmp_path / "hub" / "hub.sqlite"
    path.parent.mkdir()
    shutil.copyfile(_template_sqlite, path)
    return path


@pytest.fixture
def other_process() -> Iterator[Callable[[Path], subprocess.Popen[str]]]:
    """Start a second coachdesk process that opens a database and holds it until the end."""
    started: list[subprocess.Popen[str]] = []

    def start(path: Path) -> subprocess.Popen[str]:
        proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )
        started.append(proc)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
        return proc

    yield start
    for proc in started:
        if proc.poll() is None:
            assert proc.stdin is not None
            proc.stdin.close()
            proc.wait(timeout=30)


def dead_pid() -> int:
    """The id of a process that has just ended (so nothing runs under it)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid
