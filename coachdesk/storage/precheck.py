"""The open-time quick_check, started early in a thread while the desktop app's modules load."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"

_lock = threading.Lock()
_threads: dict[Path, threading.Thread] = {}
_passed: dict[Path, tuple[object, ...]] = {}


def _stamp(path: Path) -> tuple[object, ...]:
    """What would change if anything wrote to the database or its WAL."""
    parts: list[object] = []
    for p in (path, path.with_name(path.name + "-wal")):
        try:
            st = p.stat()
            parts.append((st.st_mtime_ns, st.st_size, st.st_ino))
        except FileNotFoundError:
            parts.append(None)
    return tuple(parts)


def _plain_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _work(path: Path) -> None:
    try:
        conn = sqlite3.connect(path)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check")]
        finally:
            conn.close()
    except sqlite3.Error:
        return  # the open's own check runs and names the problem
    if rows == ["ok"]:
        with _lock:
            _passed[path] = _stamp(path)


def start(path: Path) -> threading.Thread | None:
    """Begin checking ``path`` (an unencrypted SQLite file) off the main thread."""
    path = path.resolve()
    if not _plain_sqlite(path):
        return None  # missing, empty or encrypted: the open checks it itself
    thread = threading.Thread(target=_work, args=(path,), name="coachdesk-precheck", daemon=True)
    with _lock:
        _threads[path] = thread
    thread.start()
    return thread


def passed(path: Path) -> bool:
    """True when an early check of ``path`` passed and nothing has written to it since."""
    path = path.resolve()
    with _lock:
        thread = _threads.pop(path, None)
    if thread is None:
        return False
    thread.join()
    with _lock:
        stamp = _passed.pop(path, None)
    return stamp is not None and stamp == _stamp(path)
