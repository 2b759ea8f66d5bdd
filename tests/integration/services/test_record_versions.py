"""Versions on every editable record (SPEC 12): a save or delete based on a stale read is
refused with who changed the record and when; nothing is overwritten. SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, select, text

from coachdesk.errors import StaleRecord
from coachdesk.services import development, evaluations, meetings, register, relationships
from coachdesk.services.dto import CpdInput, MeetingInput
from coachdesk.storage.migrate import alembic_config, open_database
from coachdesk.storage.models import AuditEntry, Person
from coachdesk.storage.uow import Database
from tests.helpers.builders import Hub
from tests.helpers.olddb import PERSON_ID, database_at_revision
from tests.helpers.sqlitefile import sqlite_file


def _expected_user(db: Database) -> str:
    return "coachdesk" if db.backend == "postgresql" else ""


def test_rows_carry_a_version_that_each_save_moves_on(db: Database) -> None:
    jo = Hub(db).person("Jo Bloggs")
    assert jo.version == 1

    changed = replace(jo.as_input(), job_title="Matron")
    saved = register.update_person(db, jo.email, changed, expected_version=1).value

    assert saved.version == 2
    assert register.get_person(db, jo.email).person.version == 2
    assert register.list_people(db)[0].version == 2


def test_a_save_on_a_record_changed_meanwhile_is_refused_naming_who_and_when(
    db: Database, snapshot
) -> None:  # noqa: ANN001
    jo = Hub(db).person("Jo Bloggs")
    opened = register.get_person(db, jo.email).person  # lead A opens the form
    other = open_database(db.url)  # lead B, another connection
    try:
        register.record_manager_agreement(other, jo.email, date(2026, 11, 2))
    finally:
        other.dispose()
    before = snapshot(db)

    with pytest.raises(StaleRecord) as refused:
        register.update_person(db, jo.email, opened.as_input(), expected_version=opened.version)

    error = refused.value
    assert error.kind == "person" and error.record_id == jo.id
    assert error.changed_by == (_expected_user(db) or None)
    assert error.changed_at is not None
    local = error.changed_at.astimezone()
    assert error.message.startswith("Jo Bloggs's record was changed")
    assert f"at {local:%H:%M} on {local.day} {local:%b %Y} since you opened it" in error.message
    assert "Nothing was saved." in error.message
    if db.backend == "postgresql":
        assert "changed by coachdesk at" in error.message
    assert snapshot(db) == before  # B's agreement date stands; nothing of A's form written
    assert register.get_person(db, jo.email).person.manager_agreement_on == date(2026, 11, 2)


def test_without_an_expected_version_the_save_is_unchecked(db: Database) -> None:
    jo = Hub(db).person("Jo Bloggs")
    register.record_manager_agreement(db, jo.email, date(2026, 11, 2))

    row = register.update_person(db, jo.email, jo.as_input()).value  # the CLI and imports

    assert row.version == 3


def test_deleting_a_record_changed_meanwhile_is_refused(db: Database) -> None:
    hub = Hub(db)
    coach = hub.coach("Ann Coach")
    client = hub.person("Bo Client")
    rel = hub.relationship("coaching", coach, client, status="active")
    session = meetings.add_meeting(
        db, rel.id, MeetingInput("regular", date(2026, 12, 1), 60, "video")
    ).value
    meetings.update_meeting(db, session.id, MeetingInput("regular", date(2026, 12, 2), 60, "video"))

    with pytest.raises(StaleRecord) as refused:
        meetings.delete_meeting(db, session.id, expected_version=session.version)

    assert refused.value.kind == "session"
    assert refused.value.message.startswith("The session on 2 Dec 2026 was changed")
    assert "Nothing was deleted." in refused.value.message
    assert [m.id for m in relationships.get_relationship(db, rel.id).sessions] == [session.id]

    meetings.delete_meeting(db, session.id, expected_version=session.version + 1)
    assert relationships.get_relationship(db, rel.id).sessions == ()


def test_marking_a_session_changed_meanwhile_is_refused(db: Database) -> None:
    hub = Hub(db)
    rel = hub.relationship("coaching", hub.coach("Ann Coach"), hub.person("Bo Client"))
    session = meetings.add_meeting(
        db, rel.id, MeetingInput("regular", date(2026, 12, 1), 60, "video")
    ).value
    meetings.update_meeting(db, session.id, MeetingInput("regular", date(2026, 12, 2), 45, "video"))

    with pytest.raises(StaleRecord, match="The session on 2 Dec 2026 was changed"):
        meetings.mark_meeting(db, session.id, "cancelled", expected_version=session.version)

    assert meetings.get_meeting(db, session.id).status == "scheduled"


def test_saving_a_template_changed_meanwhile_is_refused(db: Database) -> None:
    opened = evaluations.list_templates(db)[0]
    edit = opened.as_input()
    evaluations.save_template(db, replace(edit, title="Renamed by the other lead"))

    with pytest.raises(StaleRecord, match="was changed"):
        evaluations.save_template(db, replace(edit, title="Mine"), expected_version=opened.version)

    assert evaluations.get_template(db, opened.key).title == "Renamed by the other lead"


def test_saving_a_record_someone_deleted_meanwhile_says_it_was_deleted(db: Database) -> None:
    jo = Hub(db).person("Jo Bloggs")
    cpd = development.add_cpd(
        db, jo.email, CpdInput(date(2026, 11, 3), "Supervision skills", "course", 6.0)
    ).value
    development.delete_cpd(db, cpd.id)

    with pytest.raises(StaleRecord) as refused:
        development.update_cpd(db, cpd.id, cpd.as_input(), expected_version=cpd.version)

    assert "was deleted" in refused.value.message
    assert refused.value.message.endswith("Nothing was saved.")


def test_a_change_committed_between_read_and_write_is_caught_by_the_version_counter(
    db: Database,
) -> None:
    """The race the service's own check cannot see: SQLAlchemy's UPDATE … WHERE version = ?
    matches nothing and the unit of work refuses with the same StaleRecord."""
    jo = Hub(db).person("Jo Bloggs")
    with db.uow() as uow:
        mine = uow.session.get(Person, jo.id)
        assert mine is not None
        uow.session.commit()  # the read is over; the object keeps version 1
        register.record_manager_agreement(db, jo.email, date(2026, 11, 2))  # someone else
        mine.notes = "Prefers mornings"
        with pytest.raises(StaleRecord) as refused:
            uow.commit()

    assert refused.value.record_id == jo.id
    assert refused.value.message.startswith("Jo Bloggs's record was changed")
    assert register.get_person(db, jo.email).person.notes == ""


def test_the_audit_log_records_the_database_user_of_each_change(db: Database) -> None:
    Hub(db).person("Jo Bloggs")
    with db.uow() as uow:
        users = set(uow.session.scalars(select(AuditEntry.db_user)))
    assert users == {_expected_user(db)}
    assert db.user == (None if db.backend == "sqlite" else "coachdesk")
    assert db.read_only is False


def test_migration_0007_gives_existing_records_version_1(tmp_path: Path) -> None:
    path = tmp_path / "hub.sqlite"
    database_at_revision(path, "0006")  # as the landed app left it (0004-0006 released empty)
    with sqlite_file(path) as conn:  # 0006 is the schema that app made: none of what follows
        assert "version" not in {row[1] for row in conn.execute("pragma table_info(people)")}
        assert not conn.execute("select 1 from sqlite_master where name = 'reminders'").fetchall()

    upgraded = open_database(f"sqlite:///{path}")
    upgraded.dispose()

    with sqlite_file(path) as conn:
        assert conn.execute("select version from people where id = ?", (PERSON_ID,)).fetchone() == (
            1,
        )
        columns = {row[1] for row in conn.execute("pragma table_info(audit_log)")}
        assert "db_user" in columns
        # The app that landed before these changes released 0004-0006 empty and stamped its
        # databases 0006: they still get the reminders table and the registrations' ICF hours.
        tables = {row[0] for row in conn.execute("select name from sqlite_master")}
        assert "reminders" in tables
        assert "icf_hours" in {row[1] for row in conn.execute("pragma table_info(registrations)")}
        assert conn.execute("select version_num from alembic_version").fetchone() == ("0009",)


def test_migration_0007_up_and_down_on_postgresql(postgres_server) -> None:  # noqa: ANN001
    url = postgres_server.create_database("coachdesk_versions_migration")
    engine = create_engine(url)
    cfg = alembic_config()
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0006")
            conn.execute(
                text(
                    "insert into people (id, email, full_name, organisation, job_title, region,"
                    " manager_name, manager_email, leadership_programme, development_areas,"
                    " notes, created_at, updated_at) values (:id, 'ann@example.nhs.uk',"
                    " 'Ann Example', '', '', 'East', '', '', false, '[]', '', now(), now())"
                ),
                {"id": PERSON_ID},
            )
            command.upgrade(cfg, "0007")
        with engine.connect() as conn:
            assert conn.execute(text("select version from people")).scalar() == 1
            assert "db_user" in {c["name"] for c in inspect(conn).get_columns("audit_log")}
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0006")
        with engine.connect() as conn:
            assert "version" not in {c["name"] for c in inspect(conn).get_columns("people")}
    finally:
        engine.dispose()
