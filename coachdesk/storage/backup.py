"""Backups of SQLite databases through SQLite's online backup API, checked before use."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.pool import PoolProxiedConnection

from coachdesk.errors import UserError
from coachdesk.storage import encryption
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


def _failures() -> tuple[type[Exception], ...]:
    """What copying a database file can fail with: the database drivers' errors, OSError."""
    return (*encryption.db_errors(), OSError)


def _driver(raw: PoolProxiedConnection) -> encryption.FileConnection:
    """The sqlite3 (or SQLCipher) connection inside a pooled one, for its backup API."""
    driver: encryption.FileConnection | None = raw.driver_connection
    if driver is None:  # pragma: no cover - only a pooled connection already closed
        raise RuntimeError("the pooled connection has been closed")
    return driver


def _key(engine: Engine) -> bytes | None:
    """The SQLCipher key of an encrypted database (its backups keep it), else None."""
    return encryption.engine_key(engine) if encryption.is_sqlcipher(engine) else None


def _check(
    path: Path,
    pragma: str,
    *,
    read_only: bool,
    references: bool = True,
    key: bytes | None = None,
    key_problems: bool = True,
) -> list[str]:
    """Problems found by ``pragma``; an encrypted file is opened with its key. A missing or
    wrong key is a problem, or (``key_problems`` False) the refusal itself."""
    try:
        conn = encryption.connect_file(path, readonly=read_only, key=key)
    except encryption.db_errors() as exc:
        return [f"cannot open: {exc}"]
    except UserError as exc:
        if not key_problems:
            raise
        return [str(exc)]
    try:
        rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}")]
        problems = [] if rows == ["ok"] else rows
        if not references:
            return problems
        for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
            problems.append(f"{table} row {rowid} refers to a missing {parent} record")
        return problems
    except encryption.db_errors() as exc:
        return [f"not a readable database: {exc}"]
    finally:
        conn.close()


def check_sqlite_file(path: Path, key: bytes | None = None) -> list[str]:
    """Problems found by integrity_check and foreign_key_check (empty when healthy)."""
    return _check(path, "integrity_check", read_only=True, key=key)


def quick_check_file(path: Path) -> list[str]:
    """The check on every open (quick_check); reads a crashed writer's WAL back in first.

    An encrypted database whose key is missing or wrong is refused (KeyNeeded, UserError),
    never taken for a damaged one."""
    return _check(path, "quick_check", read_only=False, references=False, key_problems=False)


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
            target = encryption.connect_file(tmp, key=_key(engine))
            try:
                _driver(raw).backup(target)
                _single_file(target)
            finally:
                target.close()
        finally:
            raw.close()
        problems = check_sqlite_file(tmp, _key(engine))
        if problems:
            raise UserError(f"The backup failed its check ({problems[0]}); nothing was replaced.")
        make_private(tmp)
        os.replace(tmp, dest)
    except UserError:
        _discard(tmp)
        raise
    except _failures() as exc:
        _discard(tmp)
        refusal = backup_error(exc, dest)
        if refusal is not None:
            raise refusal from exc
        raise UserError(f"The backup to {dest} failed: {exc}. Your database is unchanged.") from exc
    return dest


def _single_file(conn: encryption.FileConnection) -> None:
    """A backup is one self-contained file: no WAL beside it to lose when it is copied."""
    conn.execute("PRAGMA journal_mode=DELETE").fetchall()


def _discard(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        tmp.unlink(missing_ok=True)


def copy_sqlite_file(source: Path, dest: Path, key: bytes | None = None) -> Path:
    """A checked copy of a database file that is not open (for a copy off a network share).

    An encrypted file is copied encrypted with its key (``key``, or the one known for
    ``source``), and the copy's key is kept like the original's."""
    key = (key or encryption.known_key(source)) if encryption.is_encrypted(source) else None
    src = encryption.connect_file(source, readonly=True, key=key)
    tmp = dest.with_name(dest.name + ".part")
    try:
        private_folder(dest.parent)
        target = encryption.connect_file(tmp, key=key)
        try:
            src.backup(target)
            _single_file(target)
        finally:
            target.close()
        problems = check_sqlite_file(tmp, key)
        if problems:
            raise UserError(f"The copy of {source} failed its check ({problems[0]}).")
        make_private(tmp)
        os.replace(tmp, dest)
        if key is not None:
            encryption.remember(dest, key)
            encryption.store_key(dest, key)
    except _failures() as exc:
        _discard(tmp)
        refusal = backup_error(exc, dest)
        raise refusal or UserError(f"{source} could not be copied to {dest}: {exc}") from exc
    finally:
        src.close()
    return dest


def is_coachdesk_file(source: Path, key: bytes | None = None) -> bool:
    conn = encryption.connect_file(source, readonly=True, key=key)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()
    return {"alembic_version", "people"} <= tables


def check_backup_file(source: Path, key: bytes | None = None) -> None:
    """Refuse a file that is missing, damaged or not a coachdesk database (``key``: the
    database's, for a backup of an encrypted one)."""
    source = Path(source)
    if not source.is_file():
        raise UserError(f"{source} is not a file.")
    encryption.refuse_foreign(source, "a coachdesk backup")
    problems = check_sqlite_file(source, key)
    if problems:
        raise UserError(
            f"{source} is not a healthy coachdesk backup: {problems[0]}. Nothing was changed."
        )
    if not is_coachdesk_file(source, key):
        raise UserError(
            f"{source} is an SQLite file but not a coachdesk database. Nothing was changed."
        )


def restore_sqlite(engine: Engine, source: Path, live: Path, aside: Path) -> None:
    """Replace the live database with ``source`` after checking it; the current one goes aside."""
    source = Path(source)
    check_backup_file(source, _key(engine))
    backup_sqlite(engine, aside)
    src = encryption.connect_file(source, readonly=True, key=_key(engine))
    raw = engine.raw_connection()
    try:
        src.backup(_driver(raw))
    except _failures() as exc:
        refusal = backup_error(exc, live)
        raise refusal or UserError(f"The restore failed: {exc}") from exc
    finally:
        raw.close()
        src.close()
