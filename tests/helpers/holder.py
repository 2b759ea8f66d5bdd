"""Another coachdesk process holding a database open (the one-writer lock) until told to stop."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

HOLDER = """
import sys
from coachdesk.app import open_db
db = open_db(sys.argv[1], backup=False)
print("holding", flush=True)
sys.stdin.read()
db.dispose()
"""


def start_holder(path: Path) -> subprocess.Popen[str]:
    """Start a process that opens ``path`` the way the app does; returns once it holds it."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    assert proc.stdout is not None
    said = proc.stdout.readline().strip()
    if said != "holding":
        stop_holder(proc)
        raise AssertionError(f"the holding process did not start (it said {said!r})")
    return proc


def stop_holder(proc: subprocess.Popen[str]) -> None:
    """Let it close the database and end; its pipes are closed (no file left open)."""
    assert proc.stdin is not None and proc.stdout is not None
    try:
        proc.stdin.close()  # end of input: the holder disposes and exits
        proc.wait(timeout=60)
    finally:
        proc.stdout.close()


@contextmanager
def holding(path: Path) -> Iterator[subprocess.Popen[str]]:
    """``with holding(path) as proc:`` another coachdesk process has ``path`` open."""
    proc = start_holder(path)
    try:
        yield proc
    finally:
        stop_holder(proc)
