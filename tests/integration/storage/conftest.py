"""Storage-safety fixtures: a demo database file and another coachdesk process holding one."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers.holder import start_holder, stop_holder


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
        proc = start_holder(path)
        started.append(proc)
        return proc

    yield start
    for proc in started:
        stop_holder(proc)


def dead_pid() -> int:
    """The id of a process that has just ended (so nothing runs under it)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid
