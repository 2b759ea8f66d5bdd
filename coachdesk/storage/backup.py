"""Backups of SQLite databases through SQLite's online backup API, checked before use."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from sqlalchemy import Engine

from coachdesk.errors import UserError
from coachdesk.storage.diskerrors import backup_error

PRIVATE_FILE, PRIVATE_DIR = 0o600, 0o700


def make_private(path: Path, mode: int = PRIVATE_FILE) -> None:
    """Owner-only permissions (POSIX) on a file or folder of ours; others' files are left."""
    if os.name != "posix":  # pragma: no cover - Windows: the user profile is already private
        return
    try:
        if path.stat().st_uid == os.getuid():
            os.chmod(path, mode)
    except FileNotFoundError:
        pass


def private_folder(path: Path) -> Path:
    """Create ``path`` (0700) if needed and return it."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    make_private(path, PRIVATE_DIR)
    return path


def _check(path: Path, pragma: str, *, read_only: bool, references: bool = True) -> list[str]:
    try:
        if read_only:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        else:
            conn = sqlite3.connect(path)
    except sqlite3.Error as exc:
        return [f"cannot open: {exc}"]
    try:
        rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}")]
        problems = [] if rows == ["ok"] else rows
        if not references:
            return problems
        for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
            problems.append(f"{table} row {rowid} refers to a missing {parent} record")
        return problems
    except sqlite3.DatabaseError as exc:
        return [f"not a readable database: {exc}"]
    finally:
        conn.close()


def check_sqlite_file(path: Path) -> list[str]:
    """Problems found by integrity_check and foreign_key_check (empty when healthy)."""
    return _check(path, "integrity_check", read_only=True)


def quick_check_file(path: Path) -> list[str]:
    """The check on every open (quick_check); reads a crashed writer's WAL back in first."""
    return _check(path, "quick_check", read_only=False, references=False)


def backup_sqlite(engine: Engine, dest: Path) -> Path:
    """Copy the live database into ``dest`` via a checked temporary file, then rename.

    A failure (a full disk, an I/O error) leaves the live database and every existing
    backup as they were, ``dest`` included.
    """
    dest = Path(dest)
    tmp = dest.with_name(dest.name + ".part")
    try:
        private_folder(dest.parent)
        tmp.unlink(missing_ok=True)
        raw = engine.raw_connection()
        try:
            target = sqlite3.connect(tmp)
            try:
                raw.driver_connection.backup(target)
                _single_file(target)
            finally:
                target.close()
        finally:
            raw.close()
        problems = check_sqlite_file(tmp)
        if problems:
            raise UserError(f"The backup failed its check ({problems[0]}); nothing was replaced.")
        make_private(tmp)
        os.replace(tmp, dest)
    except UserError:
        _discard(tmp)
        raise
    except (sqlite3.Error, OSError) as exc:
        _discard(tmp)
        refusal = backup_error(exc, dest)
        if refusal is not None:
            raise refusal from exc
        raise UserError(f"The backup to {dest} failed: {exc}. Your database is unchanged.") from exc
    return dest


def _single_file(conn: sqlite3.Connection) -> None:
    """A backup is one self-contained file: no WAL beside it to lose when it is copied."""
    conn.execute("PRAGMA journal_mode=DELETE").fetchall()


def _discard(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        tmp.unlink(missing_ok=True)


def copy_sqlite_file(source: Path, dest: Path) -> Path:
    """A checked copy of a database file that is not open (for a copy off a network share)."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    tmp = dest.with_name(dest.name + ".part")
    try:
        private_folder(dest.parent)
        target = sqlite3.connect(tmp)
        try:
            src.backup(target)
            _single_file(target)
        finally:
            target.close()
        problems = check_sqlite_file(tmp)
        if problems:
            raise UserError(f"The copy of {source} failed its check ({problems[0]}).")
        make_private(tmp)
        os.replace(tmp, dest)
    except (sqlite3.Error, OSError) as exc:
        _discard(tmp)
        refusal = backup_error(exc, dest)
        raise refusal or UserError(f"{source} could not be copied to {dest}: {exc}") from exc
    finally:
        src.close()
    return dest


def is_coachdesk_file(source: Path) -> bool:
    conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()
    return {"alembic_version", "people"} <= tables


def check_backup_file(source: Path) -> None:
    """Refuse a file that is missing, damaged or not a coachdesk database."""
    source = Path(source)
    if not source.is_file():
        raise UserError(f"{source} is not a file.")
    problems = check_sqlite_file(source)
    if problems:
        raise UserError(
            f"{source} is not a healthy coachdesk backup: {problems[0]}. Nothing was changed."
        )
    if not is_coachdesk_file(source):
        raise UserError(
            f"{source} is an SQLite file but not a coachdesk database. Nothing was changed."
        )


def restore_sqlite(engine: Engine, source: Path, live: Path, aside: Path) -> None:
    """Replace the live database with ``source`` after checking it; the current one goes aside."""
    source = Path(source)
    check_backup_file(source)
    backup_sqlite(engine, aside)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    raw = engine.raw_connection()
    try:
        src.backup(raw.driver_connection)
    except (sqlite3.Error, OSError) as exc:
        refusal = backup_error(exc, live)
        raise refusal or UserError(f"The restore failed: {exc}") from exc
    finally:
        raw.close()
        src.close()
