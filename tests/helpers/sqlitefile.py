"""A plain sqlite3 connection for tests that read, or plant bytes in, a database file."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


@contextmanager
def sqlite_file(path: str | Path, **kwargs: Any) -> Iterator[sqlite3.Connection]:
    """``with sqlite_file(path) as conn:`` commits on success, rolls back on an error and always
    closes. sqlite3's own ``with`` only commits: the connection stays open until collected,
    which Python 3.13 warns of, and on Windows the file cannot be replaced or deleted while
    it is open."""
    conn = sqlite3.connect(path, **kwargs)
    try:
        with conn:
            yield conn
    finally:
        conn.close()
