"""Databases as an older or a newer coachdesk left them, for the upgrade and refusal tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.helpers.sqlitefile import sqlite_file

PERSON_ID = "0a0a0a0a-0000-4000-8000-000000000001"
PERSON_NAME = "Imogen Pritchard"


def database_at_revision(path: Path, revision: str = "0001") -> None:
    """An SQLite file migrated only to ``revision``, holding one (made-up) person."""
    from alembic import command
    from sqlalchemy import create_engine

    from coachdesk.storage.migrate import alembic_config

    engine = create_engine(f"sqlite:///{path}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    engine.dispose()
    with sqlite_file(path) as conn:
        conn.execute(
            "insert into people (id, email, full_name, organisation, job_title, region,"
            " manager_name, manager_email, leadership_programme, development_areas, notes,"
            " created_at, updated_at) values (?, ?, ?, 'Fenland NHS Trust', 'Ward sister',"
            " 'East', 'Ravi Shah', 'ravi.shah@example-trust.nhs.uk', 0, '[]', '',"
            " '2025-01-01 09:00:00', '2025-01-01 09:00:00')",
            (PERSON_ID, "imogen.pritchard@example-trust.nhs.uk", PERSON_NAME),
        )
    conn.close()
    conn = sqlite3.connect(path, isolation_level=None)
    assert conn.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"  # as coachdesk's are
    conn.close()


def stamp_newer(path: Path, revision: str = "9999_future") -> None:
    """Mark a coachdesk database as made by a newer coachdesk (an unknown schema revision)."""
    with sqlite_file(path) as conn:
        conn.execute("update alembic_version set version_num = ?", (revision,))
    conn.close()


def revision_of(path: Path) -> str:
    with sqlite_file(f"file:{path}?mode=ro", uri=True) as conn:
        return conn.execute("select version_num from alembic_version").fetchone()[0]


def person_name(path: Path) -> str | None:
    with sqlite_file(f"file:{path}?mode=ro", uri=True) as conn:
        row = conn.execute("select full_name from people where id = ?", (PERSON_ID,)).fetchone()
    return row[0] if row else None
