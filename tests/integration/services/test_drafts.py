"""Drafts: kept in the database, replaced as the lead types, never audited, exported or kept
after the person is erased; migration 0003 adds their table on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, inspect, text

from coachdesk.services import audit, development, meetings
from coachdesk.services.changes import RecordKind
from coachdesk.services.drafts import (
    DraftKey,
    discard_draft,
    list_drafts,
    new_record_id,
    save_draft,
    take_draft,
)
from coachdesk.services.dto import CpdInput, MeetingInput
from coachdesk.services.exchange.export import export_bundle
from coachdesk.services.privacy import erase_person
from coachdesk.storage.migrate import alembic_config
from tests.helpers.builders import Hub
from tests.helpers.olddb import database_at_revision, revision_of

EMAIL = "wren.abernethy@fenland.nhs.uk"
NOTES = "Wren spoke about the ward move and the rota; follow up on delegation."


def _session(hub: Hub) -> tuple[str, str]:
    coach = hub.coach("Wren Abernethy", email=EMAIL)
    rel = hub.relationship("coaching", coach, hub.person("Tobias Quayle"), status="active")
    row = meetings.add_meeting(
        hub.db, rel.id, MeetingInput("regular", date(2026, 11, 2), 60, "video", "held")
    ).value
    return rel.id, row.id


def test_a_draft_is_kept_replaced_and_discarded(db, hub) -> None:
    _, meeting = _session(hub)
    key = DraftKey(RecordKind.MEETING, meeting, "notes")
    assert take_draft(db, key) is None
    outcome = save_draft(db, key, "First thoughts", "notes for the session on 2 Nov 2026")
    assert outcome.changes.empty  # nothing on screen shows drafts
    save_draft(db, key, NOTES, "notes for the session on 2 Nov 2026")
    kept = take_draft(db, key)
    assert kept is not None and kept.text == NOTES
    assert kept.label == "notes for the session on 2 Nov 2026" and kept.saved_at is not None
    assert take_draft(db, key) == kept  # offering it back does not lose it
    assert [d.key for d in list_drafts(db)] == [key]
    assert discard_draft(db, key).value == 1
    assert take_draft(db, key) is None and list_drafts(db) == []
    assert discard_draft(db, key).value == 0


def test_drafts_are_not_audited_and_not_exported(db, hub) -> None:
    _, meeting = _session(hub)
    before = len(audit.entries(db))
    save_draft(db, DraftKey(RecordKind.MEETING, meeting, "notes"), NOTES)
    discard_draft(db, DraftKey(RecordKind.MEETING, meeting, "notes"))
    save_draft(db, DraftKey(RecordKind.MEETING, meeting, "notes"), NOTES)
    assert len(audit.entries(db)) == before
    bundle = json.dumps(export_bundle(db), default=str)
    assert "follow up on delegation" not in bundle and "draft" not in bundle


def test_erasing_a_person_deletes_their_drafts(db, hub) -> None:
    rel, meeting = _session(hub)
    other = hub.coach("Odile Marchetti")
    keys = [
        DraftKey(RecordKind.MEETING, meeting, "notes"),
        DraftKey(RecordKind.RELATIONSHIP, rel, "individual_objectives"),
        DraftKey(RecordKind.CPD, new_record_id(EMAIL.upper()), "reflection"),
    ]
    row = development.add_cpd(
        db, EMAIL, CpdInput(date(2026, 10, 1), "Coaching supervision", "course", 3)
    ).value
    keys.append(DraftKey(RecordKind.CPD, row.id, "reflection"))
    kept = DraftKey(RecordKind.CPD, new_record_id(other.email), "reflection")
    for key in [*keys, kept]:
        save_draft(db, key, f"{NOTES} ({key.field})")
    erase_person(db, EMAIL, today=date(2026, 11, 20))
    assert [d.key for d in list_drafts(db)] == [kept]


def test_migration_0003_adds_the_drafts_table_to_a_0002_database(tmp_path: Path) -> None:
    path = tmp_path / "hub.sqlite"
    database_at_revision(path, "0002")
    engine = create_engine(f"sqlite:///{path}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
    with engine.connect() as conn:
        columns = {c["name"] for c in inspect(conn).get_columns("drafts")}
        assert columns == {"record_kind", "record_id", "field", "text", "label", "saved_at"}
        assert conn.execute(text("select count(*) from people")).scalar() == 1
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
    with engine.connect() as conn:
        assert not inspect(conn).has_table("drafts")
    engine.dispose()
    assert revision_of(path) == "0002"


def test_migration_0003_up_and_down_on_postgresql(postgres_server) -> None:  # noqa: ANN001
    url = postgres_server.create_database("coachdesk_drafts_migration")
    engine = create_engine(url)
    cfg = alembic_config()
    try:
        for target, present in (("0002", False), ("0003", True), ("0002", False), ("head", True)):
            with engine.begin() as conn:
                cfg.attributes["connection"] = conn
                if target == "0002" and inspect(conn).has_table("drafts"):
                    command.downgrade(cfg, target)
                else:
                    command.upgrade(cfg, target)
            with engine.connect() as conn:
                assert inspect(conn).has_table("drafts") is present, target
        with engine.begin() as conn:
            conn.execute(
                text(
                    "insert into drafts (record_kind, record_id, field, text, label, saved_at)"
                    " values ('meeting', 'm-1', 'notes', :t, '', now())"
                ),
                {"t": NOTES},
            )
    finally:
        engine.dispose()
