"""Reviewing a merge's conflicts: list against the record now, accept theirs, keep mine."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, update

from coachdesk.errors import NotFound, UserError
from coachdesk.services import register
from coachdesk.services.conflicts import accept_theirs, keep_mine, list_conflicts
from coachdesk.services.dto import FileInput
from coachdesk.services.exchange import export_bundle, import_bundle
from coachdesk.storage.models import Attachment, Meeting, Registration, Relationship, Setting
from tests.helpers.clock import FROZEN_NOW

ELLIS_REL = "c7e2a9b4-6d13-4f58-9e0a-b1c2d3e40004"
SESSION = "e1d2c3b4-a5f6-4789-8abc-def012340006"
COACH_REG = "0b6e4f3a-5c1d-4f0e-9a53-3f2a9d1c7e01"
LATER = FROZEN_NOW + timedelta(minutes=1)  # the databases' clocks are frozen at FROZEN_NOW
LATEST = LATER + timedelta(minutes=1)
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _change(db: Any, model: type, key: str, **values: Any) -> None:
    with db.uow() as uow:
        uow.session.execute(update(model).where(model.id == key).values(**values))
        uow.commit()


@pytest.fixture
def merged(db: Any, other_db: Any, example: dict[str, Any]) -> Any:
    """The desktop after merging the laptop's bundle: the relationship's end reason was
    newer on the laptop (theirs kept), the session newer here (mine kept)."""
    laptop = other_db
    import_bundle(db, example)
    import_bundle(laptop, export_bundle(db))
    _change(laptop, Relationship, ELLIS_REL, end_reason="moved on", updated_at=LATEST)
    _change(db, Relationship, ELLIS_REL, end_reason="completed (desktop)", updated_at=LATER)
    _change(laptop, Meeting, SESSION, notes="laptop", minutes=45, updated_at=LATER)
    _change(db, Meeting, SESSION, notes="desktop", updated_at=LATEST)
    import_bundle(db, export_bundle(laptop), source="laptop.json")
    return db


def _by_kind(db: Any, **kw: Any) -> dict[str, Any]:
    return {c.kind: c for c in list_conflicts(db, **kw)}


def test_conflicts_list_the_other_versions_values_against_the_current_ones(merged) -> None:
    rows = _by_kind(merged)
    session = rows["session"]
    assert (session.record_id, session.kept, session.fields) == (
        SESSION,
        "mine",
        ("minutes", "notes"),
    )
    assert session.source == "laptop.json" and session.exists and not session.resolved
    assert session.label.startswith("session on ")
    assert {(d.field, d.theirs, d.current) for d in session.differences} == {
        ("minutes", 45, 90),
        ("notes", "laptop", "desktop"),
    }
    rel = rows["relationship"]
    assert rel.kept == "theirs"
    assert [(d.field, d.theirs, d.current) for d in rel.differences] == [
        ("end_reason", "completed (desktop)", "moved on")
    ]


def test_accept_theirs_applies_the_version_and_keeps_the_one_it_replaced(merged) -> None:
    conflict = _by_kind(merged)["session"]
    outcome = accept_theirs(merged, conflict.id)
    with merged.uow() as uow:
        meeting = uow.session.get(Meeting, SESSION)
        assert (meeting.minutes, meeting.notes) == (45, "laptop")
    assert outcome.changes.touches("conflict", "meeting")
    kept = outcome.value
    assert (kept.kind, kept.record_id, kept.kept, kept.resolved) == (
        "session",
        SESSION,
        "theirs",
        True,
    )
    assert set(kept.fields) == {"minutes", "notes"}
    assert {(d.field, d.theirs, d.current) for d in kept.differences} == {
        ("minutes", 90, 45),
        ("notes", "desktop", "laptop"),
    }  # the replaced desktop version, against the record as it now is
    assert [c.kind for c in list_conflicts(merged)] == ["relationship"]
    everything = list_conflicts(merged, include_resolved=True)
    assert len(everything) == 3
    # Nothing is lost: accepting the replaced version puts the desktop's values back.
    accept_theirs(merged, kept.id)
    with merged.uow() as uow:
        assert uow.session.get(Meeting, SESSION).notes == "desktop"


def test_keep_mine_resolves_and_changes_nothing(merged, snapshot) -> None:
    conflict = _by_kind(merged)["relationship"]
    outcome = keep_mine(merged, conflict.id)
    assert outcome.changes.touches("conflict")
    with merged.uow() as uow:
        assert uow.session.get(Relationship, ELLIS_REL).end_reason == "moved on"
    assert [c.kind for c in list_conflicts(merged)] == ["session"]
    assert _by_kind(merged, include_resolved=True)["relationship"].resolved


def test_a_setting_conflict_can_be_accepted(db, example) -> None:
    import_bundle(db, example)
    settings = dict(example["settings"], hub_name="Laptop Hub")
    import_bundle(db, {"format": "coachdesk/1", "settings": settings})
    (conflict,) = list_conflicts(db)
    assert conflict.kind == "setting" and conflict.label == "setting hub_name"
    assert [(d.field, d.theirs) for d in conflict.differences] == [("value", "Laptop Hub")]
    accept_theirs(db, conflict.id)
    with db.uow() as uow:
        assert uow.session.get(Setting, "hub_name").value == "Laptop Hub"
    # The version accepting replaced is kept as a conflict of its own (recorded at the same
    # moment on the frozen clock as the first, so found by what it kept, not by its place).
    (replaced,) = [c for c in list_conflicts(db, include_resolved=True) if c.kept == "theirs"]
    assert replaced.differences[0].theirs == "Example Coaching and Mentoring Hub"


def test_a_certificate_travels_with_the_version_and_the_replaced_file_is_kept(db, example) -> None:
    import_bundle(db, example)
    before = export_bundle(db)
    register.attach_certificate(db, COACH_REG, FileInput("new.pdf", PDF))
    _change(db, Registration, COACH_REG, updated_at=LATEST)
    laptop = {"format": "coachdesk/1", "registrations": before["registrations"]}
    laptop["registrations"][0]["capacity"] = 4
    import_bundle(db, laptop, source="laptop.json")
    conflict = _by_kind(db)["registration"]
    assert ("certificate", "file " + before["registrations"][0]["certificate"]["filename"]) in {
        (d.field, d.theirs) for d in conflict.differences
    }
    accept_theirs(db, conflict.id)
    row = register.get_registration(db, COACH_REG)
    assert row.capacity == 4
    assert row.certificate_filename == before["registrations"][0]["certificate"]["filename"]
    with db.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Attachment)) == 1
    replaced = [c for c in list_conflicts(db, include_resolved=True) if c.kept == "theirs"][0]
    assert ("certificate", "file new.pdf") in {(d.field, d.theirs) for d in replaced.differences}


def test_a_version_of_a_deleted_record_cannot_be_applied(merged, snapshot) -> None:
    conflict = _by_kind(merged)["session"]
    with merged.uow() as uow:
        uow.session.delete(uow.session.get(Meeting, SESSION))
        uow.commit()
    row = _by_kind(merged)["session"]
    assert not row.exists and {d.current for d in row.differences} == {None}
    before = snapshot(merged)
    with pytest.raises(UserError, match="no longer exists"):
        accept_theirs(merged, conflict.id)
    assert snapshot(merged) == before
    with pytest.raises(NotFound):
        keep_mine(merged, "no-such-conflict")
