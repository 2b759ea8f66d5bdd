"""Merging a bundle from another machine: by id, the newer change wins, nothing is lost."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select, update

from coachdesk.services.exchange import Conflict, KindCounts, export_bundle, import_bundle
from coachdesk.storage.models import (
    Meeting,
    MergeConflict,
    QuestionnaireTemplate,
    Registration,
    Relationship,
    Setting,
    SupervisionRecord,
)
from tests.helpers.clock import FROZEN_NOW

ELLIS_REL = "c7e2a9b4-6d13-4f58-9e0a-b1c2d3e40004"
SESSION = "e1d2c3b4-a5f6-4789-8abc-def012340006"
COACH_REG = "0b6e4f3a-5c1d-4f0e-9a53-3f2a9d1c7e01"
MENTOR_REG = "5d2c7b9e-8f41-4a6b-b0c2-1e9f3a7d4c02"
SAM = "sam.okafor@example-trust.nhs.uk"
LATER = FROZEN_NOW + timedelta(minutes=1)  # the databases' clocks are frozen at FROZEN_NOW
LATEST = LATER + timedelta(minutes=1)


def _change(db: Any, model: type, key: str, **values: Any) -> None:
    with db.uow() as uow:
        uow.session.execute(update(model).where(model.id == key).values(**values))
        uow.commit()


def _conflict_rows(db: Any) -> list[Any]:
    table = MergeConflict.__table__
    with db.uow() as uow:
        return list(
            uow.session.execute(select(table).order_by(table.c.record_kind)).mappings().all()
        )


def _laptop_copy(db: Any, laptop: Any, example: dict[str, Any]) -> None:
    """The desktop's data, copied to the laptop the way a lead would: export, import."""
    import_bundle(db, example)
    import_bundle(laptop, export_bundle(db))


def test_changed_on_both_sides_newer_wins_and_the_other_is_kept(db, other_db, example) -> None:
    laptop = other_db
    _laptop_copy(db, laptop, example)
    _change(laptop, Relationship, ELLIS_REL, end_reason="moved on", updated_at=LATEST)
    _change(db, Relationship, ELLIS_REL, end_reason="completed (desktop)", updated_at=LATER)
    _change(laptop, Meeting, SESSION, notes="laptop", minutes=45, updated_at=LATER)
    _change(db, Meeting, SESSION, notes="desktop", updated_at=LATEST)
    new_cpd = {
        "id": "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3bffff",
        "person": SAM,
        "date": "2026-11-02",
        "title": "Offline course",
        "kind": "course",
        "hours": 1,
    }
    import_bundle(laptop, {"format": "coachdesk/1", "cpd": [new_cpd]})
    only_here = {
        "id": "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4cffff",
        "person": SAM,
        "date": "2026-11-03",
        "supervisor": "Desk Only",
        "format": "peer",
        "hours": 1,
    }
    import_bundle(db, {"format": "coachdesk/1", "supervision": [only_here]})

    report = import_bundle(db, export_bundle(laptop), source="laptop.json")

    assert set(report.conflicts) == {
        Conflict("relationship", ELLIS_REL, ("end_reason",), "theirs"),
        Conflict("session", SESSION, ("minutes", "notes"), "mine"),
    }
    assert report.count("relationship").updated == 1
    assert report.count("session").kept == 1
    assert report.count("cpd").added == 1
    lines = "\n".join(report.summary_lines())
    assert "2 conflicts" in lines and f"session {SESSION}: kept this database's version" in lines
    with db.uow() as uow:
        s = uow.session
        assert s.get(Relationship, ELLIS_REL).end_reason == "moved on"
        assert (s.get(Meeting, SESSION).notes, s.get(Meeting, SESSION).minutes) == ("desktop", 90)
        assert s.get(SupervisionRecord, only_here["id"]) is not None  # merge never deletes
    rows = _conflict_rows(db)
    assert [(r["record_kind"], r["kept"], r["fields"], r["source"]) for r in rows] == [
        ("relationship", "theirs", ["end_reason"], "laptop.json"),
        ("session", "mine", ["minutes", "notes"], "laptop.json"),
    ]
    assert rows[0]["other_version"]["end_reason"] == "completed (desktop)"  # the loser, kept
    assert rows[1]["other_version"]["notes"] == "laptop"
    assert rows[1]["other_version"]["relationship"] == ELLIS_REL

    again = import_bundle(db, export_bundle(laptop), source="laptop.json")
    assert again.conflicts == (Conflict("session", SESSION, ("minutes", "notes"), "mine"),)
    assert len(_conflict_rows(db)) == 2  # the same losing version is not stored twice


def test_a_record_without_updated_at_is_older_than_ours(db, example) -> None:
    import_bundle(db, example)
    example["relationships"][0]["end_reason"] = "edited by hand"
    report = import_bundle(db, example)
    assert report.conflicts == (Conflict("relationship", ELLIS_REL, ("end_reason",), "mine"),)
    with db.uow() as uow:
        assert uow.session.get(Relationship, ELLIS_REL).end_reason == "completed"
    assert _conflict_rows(db)[0]["other_version"]["end_reason"] == "edited by hand"


def test_second_registration_of_a_kind_is_a_conflict_keeping_ours(db, example) -> None:
    import_bundle(db, example)
    other = dict(example["registrations"][0], id="0b6e4f3a-5c1d-4f0e-9a53-3f2a9d1cffff")
    other["capacity"] = 5
    report = import_bundle(db, {"format": "coachdesk/1", "registrations": [other]})

    assert report.conflicts == (Conflict("registration", COACH_REG, ("id", "capacity"), "mine"),)
    assert report.count("registration").kept == 1
    with db.uow() as uow:
        assert uow.session.get(Registration, other["id"]) is None
    (row,) = _conflict_rows(db)
    assert row["other_version"]["id"] == other["id"] and row["other_version"]["capacity"] == 5


def test_newer_change_that_would_clash_with_another_registration_keeps_ours(db, example) -> None:
    import_bundle(db, example)
    mentor = dict(example["registrations"][1], kind="coach", updated_at="2099-01-01T00:00:00Z")
    report = import_bundle(db, {"format": "coachdesk/1", "registrations": [mentor]})
    assert report.conflicts == (Conflict("registration", MENTOR_REG, ("kind",), "mine"),)
    with db.uow() as uow:
        assert uow.session.get(Registration, MENTOR_REG).kind == "mentor"


def test_a_registration_moving_away_frees_its_place_for_a_new_one(db, example) -> None:
    import_bundle(db, example)
    kai = "kai.brennan@example-trust.nhs.uk"
    moved = dict(example["registrations"][0], person=kai, updated_at="2099-01-01T00:00:00Z")
    new = dict(example["registrations"][0], id="0b6e4f3a-5c1d-4f0e-9a53-3f2a9d1cffff")
    report = import_bundle(db, {"format": "coachdesk/1", "registrations": [moved, new]})
    assert report.count("registration") == KindCounts(added=1, updated=1)
    with db.uow() as uow:
        assert uow.session.get(Registration, new["id"]).kind == "coach"
        assert uow.session.get(Registration, COACH_REG).person.email == kai


def test_settings_never_set_are_taken_and_differences_kept(db, example) -> None:
    import_bundle(db, example)  # sets hub_name
    settings = dict(example["settings"], hub_name="Laptop Hub", response_days=20)
    report = import_bundle(db, {"format": "coachdesk/1", "settings": settings})

    assert report.conflicts == (Conflict("setting", "hub_name", ("value",), "mine"),)
    assert report.count("setting").added == 1
    with db.uow() as uow:
        assert uow.session.get(Setting, "hub_name").value == "Example Coaching and Mentoring Hub"
        assert uow.session.get(Setting, "response_days").value == 20
    assert _conflict_rows(db)[0]["other_version"] == {"key": "hub_name", "value": "Laptop Hub"}


def test_an_edited_template_replaces_an_untouched_default(db, example) -> None:
    template = example["templates"][0]
    template["items"].append({"key": "team", "text": "My team works well"})
    template["updated_at"] = "2020-01-01T00:00:00Z"  # older than this database's seeding
    report = import_bundle(db, {"format": "coachdesk/1", "templates": [template]})
    assert report.conflicts == (Conflict("template", "client-default", ("items",), "theirs"),)
    with db.uow() as uow:
        assert len(uow.session.get(QuestionnaireTemplate, "client-default").items) == 8

    del template["updated_at"]
    template["title"] = "Yet another edit"
    again = import_bundle(db, {"format": "coachdesk/1", "templates": [template]})
    assert again.conflicts == (Conflict("template", "client-default", ("title",), "mine"),)


def test_identical_record_keeps_the_earlier_timestamp(db, other_db, example, strip) -> None:
    import_bundle(other_db, example)
    first = export_bundle(other_db)
    import_bundle(db, example)  # the same content, stamped later here
    report = import_bundle(db, first)
    assert report.added == report.updated == 0 and not report.conflicts
    assert strip(export_bundle(db)) == strip(first)
