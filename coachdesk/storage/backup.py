"""Backups of SQLite databases through SQLite's online backup API, checked before use."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine

from coachdesk.errors import UserError
from coachdesk.storage import encryption


def _key(engine: Engine) -> bytes | None:
    """The SQLCipher key of an encrypted database (its backups keep it), else None."""
    return encryption.engine_key(engine) if encryption.is_sqlcipher(engine) else None


def check_sqlite_file(path: Path, key: bytes | None = None) -> list[str]:
    """Problems found by integrity_check and foreign_key_check (empty when healthy)."""
    try:
        conn = encryption.connect_file(path, readonly=True, key=key)
    except encryption.db_errors() as exc:
        return [f"cannot open: {exc}"]
    except UserError as exc:  # encrypted, and the key is missing or wrong
        return [str(exc)]
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        problems = [] if rows == ["ok"] else rows
        for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
            problems.append(f"{table} row {rowid} refers to a missing {parent} record")
        return problems
    except encryption.db_errors() as exc:
        return [f"not a readable database: {exc}"]
    finally:
        conn.close()


def backup_sqlite(engine: Engine, dest: Path) -> Path:
    """Copy the live database into ``dest`` via a checked temporary file, then rename."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    if tmp.exists():
        tmp.unlink()
    raw = engine.raw_connection()
    try:
        target = encryption.connect_file(tmp, key=_key(engine))
        try:
            raw.driver_connection.backup(target)
        finally:
            target.close()
    except encryption.db_errors() as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"The backup to {dest} failed: {exc}. Your database is unchanged.") from exc
    finally:
        raw.close()
    problems = check_sqlite_file(tmp, _key(engine))
    if problems:
        tmp.unlink(missing_ok=True)
        raise UserError(f"The backup failed its check ({problems[0]}); nothing was replaced.")
    os.chmod(tmp, 0o600)
    os.replace(tmp, dest)
    return dest


def restore_sqlite(engine: Engine, source: Path, live: Path, aside: Path) -> None:
    """Replace the live database with ``source`` after checking it; the current one goes aside."""
    source = Path(source)
    if not source.is_file():
        raise UserError(f"{source} is not a file.")
    problems = check_sqlite_file(source, _key(engine))
    if problems:
        raise UserError(
            f"{source} is not a healthy coachdesk backup: {problems[0]}. Nothing was changed."
        )
    conn = encryption.connect_file(source, readonly=True, key=_key(engine))
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()
    if not {"alembic_version", "people"} <= tables:
        raise UserError(
            f"{source} is an SQLite file but not a coachdesk database. Nothing was changed."
        )
    backup_sqlite(engine, aside)
    src = encryption.connect_file(source, readonly=True, key=_key(engine))
    raw = engine.raw_connection()
    try:
        src.backup(raw.driver_connection)
    finally:
        raw.close()
        src.close()
