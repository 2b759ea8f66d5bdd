"""Migration 0009: each registration says how its hours count for ICF (paid unless told)."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text

from coachdesk.services.registrations import list_registrations
from coachdesk.storage.migrate import alembic_config, open_database
from tests.helpers.olddb import PERSON_ID, database_at_revision, revision_of
from tests.helpers.sqlitefile import sqlite_file

REG_ID = "0a0a0a0a-0000-4000-8000-0000000000aa"
INSERT = (
    "insert into registrations (id, person_id, kind, status, capacity, specialisms,"
    " ethics_agreed, pro_bono, created_at, updated_at) values"
    f" ('{REG_ID}', '{PERSON_ID}', 'coach', 'applied', 2, '[]', {{false}}, {{true}},"
    " '2025-01-01 09:00:00', '2025-01-01 09:00:00')"
)


def _columns(conn) -> set[str]:  # noqa: ANN001
    return {c["name"] for c in inspect(conn).get_columns("registrations")}


def test_0009_gives_existing_sqlite_registrations_paid_icf_hours(tmp_path: Path) -> None:
    path = tmp_path / "hub.sqlite"
    database_at_revision(path, "0008")
    with sqlite_file(path) as conn:
        conn.execute(INSERT.format(false=0, true=1))
    db = open_database(f"sqlite:///{path}")  # upgrades to head
    (row,) = list_registrations(db)
    assert row.icf_hours == "paid" and row.pro_bono  # the old pro-bono flag is kept apart
    db.engine.dispose()
    engine = create_engine(f"sqlite:///{path}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0008")
    with engine.connect() as conn:
        assert "icf_hours" not in _columns(conn)
        assert conn.execute(text("select count(*) from registrations")).scalar() == 1
    engine.dispose()
    assert revision_of(path) == "0008"


@pytest.mark.postgres
def test_0009_up_and_down_on_postgresql(postgres_server) -> None:  # noqa: ANN001
    url = postgres_server.create_database("coachdesk_icf_migration")
    engine = create_engine(url)
    cfg = alembic_config()
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0008")
            conn.execute(
                text(
                    "insert into people (id, email, full_name, organisation, job_title, region,"
                    " manager_name, manager_email, leadership_programme, development_areas,"
                    " notes, created_at, updated_at) values (:id, 'ada.obi@example-trust.nhs.uk',"
                    " 'Ada Obi', 'Fenland NHS Trust', 'Ward sister', 'East', 'Ravi Shah',"
                    " 'ravi.shah@example-trust.nhs.uk', false, '[]', '', now(), now())"
                ),
                {"id": PERSON_ID},
            )
            conn.execute(text(INSERT.format(false="false", true="true")))
            command.upgrade(cfg, "0009")
        with engine.connect() as conn:
            held = conn.execute(text("select icf_hours from registrations")).scalar()
            assert held == "paid"
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0008")
        with engine.connect() as conn:
            assert "icf_hours" not in _columns(conn)
    finally:
        engine.dispose()
