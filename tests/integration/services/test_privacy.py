"""Right to erasure: everything about a person goes; relationships stay as anonymous figures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coachdesk.errors import NotFound, UserError
from coachdesk.services import audit, development, evaluations, meetings, register
from coachdesk.services.compliance import alerts
from coachdesk.services.demo import load_demo
from coachdesk.services.dto import (
    CpdInput,
    EvaluationInput,
    FileInput,
    LearningInput,
    MeetingInput,
    PersonInput,
    SupervisionInput,
)
from coachdesk.services.privacy import erase_person, erasure_preview
from coachdesk.services.reporting import person_choices, programme_data
from coachdesk.services.spreadsheet.export import register_csv_bytes
from coachdesk.services.summary import hub_summary
from coachdesk.storage.engine import sqlite_path
from coachdesk.storage.models import Base, Meeting, Person, Relationship, Reminder
from tests.helpers.builders import client_with_an_ended_relationship

TODAY = date(2026, 11, 20)
NAME, EMAIL = "Imogen Thistlewood", "imogen.thistlewood@fenland.nhs.uk"


def _every_value(db) -> str:  # noqa: ANN001
    """Every value in every table, as one lower-case text to search."""
    parts = []
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            for row in conn.execute(select(table)).all():
                parts.extend(repr(v) for v in row)
    return "\n".join(parts).lower()


@pytest.fixture
def coach_with_history(hub):
    """A coach with a certificate, CPD evidence, supervision, a learning log, an ended and an
    active relationship with sessions, evaluations — and a colleague whose record names her."""
    coach = hub.coach(NAME, email=EMAIL)
    db = hub.db
    ended = hub.relationship("coaching", coach, hub.person("Olu Bankole"), status="ended")
    active = hub.relationship("coaching", coach, hub.person("Rhys Penrose"), status="active")
    for rel in (ended, active):
        meetings.add_meeting(
            db,
            rel.id,
            MeetingInput(
                "regular", date(2026, 5, 1), 60, "video", "held", notes=f"{NAME} covered delegation"
            ),
        )
    evaluations.add_evaluation(db, ended.id, EvaluationInput("practitioner-post", TODAY))
    evaluations.add_evaluation(
        db, ended.id, EvaluationInput("post", TODAY, comments=f"Thanks to {NAME.upper()}")
    )
    pdf = FileInput("evidence.pdf", b"%PDF-1.4\n%%EOF\n")
    development.add_cpd(
        db, EMAIL, CpdInput(date(2026, 4, 1), "Team coaching", "course", 6, evidence=pdf)
    )
    development.add_supervision(
        db, EMAIL, SupervisionInput(date(2026, 4, 2), "Dr A Supervisor", "one-to-one", 1.5)
    )
    development.add_learning(
        db, EMAIL, LearningInput(date(2026, 5, 2), "Silence", relationship=ended.id)
    )
    hub.person("Priya Colleague", manager_name=NAME, manager_email=EMAIL, notes=f"see {EMAIL}")
    return coach, ended, active


def test_preview_lists_everything_that_will_go_and_writes_nothing(
    db, coach_with_history, snapshot
) -> None:
    before = snapshot(db)
    preview = erasure_preview(db, EMAIL.upper())
    assert snapshot(db) == before
    removed = dict(preview.removed)
    assert removed["registrations"] == 1
    assert removed["certificates and evidence files"] == 2
    assert (removed["CPD records"], removed["supervision records"]) == (1, 1)
    assert removed["learning-log entries"] == 1
    assert removed["evaluations they completed"] == 1
    assert sorted(r.other_party for r in preview.relationships) == ["Olu Bankole", "Rhys Penrose"]
    assert preview.closing == 1
    assert preview.mentions >= 3  # two session notes, a comment, the colleague's fields
    assert any("Backups taken before now" in line for line in preview.lines())


def test_reminders_drafted_to_the_person_are_listed_and_go_with_them(
    db, coach_with_history
) -> None:
    coach, _ended, _active = coach_with_history
    other = register.add_person(db, PersonInput("Olu Other", "olu.other@nhs.example")).value
    with db.uow() as uow:
        for pid in (coach.id, coach.id, other.id):
            alert = {"rule": "cpd-below-minimum", "subject": None}
            uow.session.add(Reminder(person_id=pid, drafted_on=TODAY, alerts=[alert]))
        uow.commit()
    preview = erasure_preview(db, EMAIL)
    assert dict(preview.removed)["reminders drafted to them"] == 2
    assert "  - reminders drafted to them: 2" in preview.lines()
    erase_person(db, EMAIL, today=TODAY)
    with db.uow() as uow:
        left = list(uow.session.scalars(select(Reminder.person_id)))
    assert left == [other.id]  # only the other person's


def test_erasure_removes_every_trace_and_keeps_anonymous_figures(db, coach_with_history) -> None:
    coach, ended, active = coach_with_history
    minutes_before = _minutes(db)
    outcome = erase_person(db, EMAIL, today=TODAY)
    assert outcome.value.anonymised == 2
    assert outcome.changes.touches("person", "relationship")
    text = _every_value(db)
    for trace in (NAME.lower(), EMAIL.lower(), "imogen", "thistlewood"):
        assert trace not in text, trace
    with pytest.raises(NotFound):
        register.get_person(db, EMAIL)
    # The relationships stay, with an anonymous stand-in; dates and minutes are unchanged.
    with db.uow() as uow:
        rels = {r.id: r for r in uow.session.scalars(select(Relationship))}
        stand_in = uow.session.get(Person, rels[ended.id].practitioner_id)
        assert stand_in.full_name == "Erased person" and stand_in.organisation == ""
        assert rels[ended.id].status == "ended" and rels[ended.id].ended_on == ended.ended_on
        assert rels[ended.id].individual_objectives == []
        assert rels[active.id].status == "withdrawn" and rels[active.id].ended_on == TODAY
        assert all(m.notes == "" for m in uow.session.scalars(select(Meeting)))
    assert _minutes(db) == minutes_before
    # The client's own evaluation stays (its comment goes); the coach's is removed.
    kept = evaluations.list_evaluations(db, ended.id)
    assert [(e.kind, e.comments) for e in kept] == [("post", "")]
    # The colleague's record no longer names her.
    colleague = register.get_person(db, "priya.colleague@example.nhs.uk").person
    assert (colleague.manager_name, colleague.notes) == ("[erased]", "see [erased]")
    # The stand-in is nobody the lead can pick, list or be alerted about.
    assert all("Erased person" not in label for label, _ in person_choices(db))
    assert all(p.full_name != "Erased person" for p in register.list_people(db))
    assert not [a for a in alerts(db, TODAY) if "Erased person" in a.message]
    assert b"Erased person" not in register_csv_bytes(db)[0]
    assert hub_summary(db, TODAY).people == 3  # the two clients and the colleague
    # One audit row says it happened, by id only.
    rows = audit.entries(db, audit.AuditFilter(action="erase"))
    assert [(r.record_kind, r.record_id) for r in rows] == [("person", coach.id)]
    assert not audit.entries(db, audit.AuditFilter(action="create", record_id=coach.id))


def _minutes(db) -> tuple[int, int]:  # noqa: ANN001
    with db.uow() as uow:
        n, total = uow.session.execute(select(func.count(), func.sum(Meeting.minutes))).one()
    return int(n), int(total or 0)


def test_unknown_email_and_stand_ins_are_refused(db, hub) -> None:
    with pytest.raises(NotFound, match="No person has the e-mail 'nobody@example.nhs.uk'"):
        erasure_preview(db, "nobody@example.nhs.uk")
    person = register.add_person(db, PersonInput(full_name="Tom Reed", email="t@x.nhs.uk")).value
    hub.relationship("coaching", client=person, status="ended")
    erase_person(db, "t@x.nhs.uk")
    with db.uow() as uow:
        stand_in = uow.session.scalar(
            select(Person.email).where(Person.full_name == "Erased person")
        )
    with pytest.raises(UserError, match="already an erased person"):
        erase_person(db, stand_in)


def _raw_files(db) -> bytes:  # noqa: ANN001
    path = sqlite_path(db.url)
    assert path is not None
    out = b""
    for f in (path, Path(f"{path}-wal"), Path(f"{path}-journal")):
        if f.exists():
            out += f.read_bytes()
    return out


def test_no_trace_in_the_sqlite_file_or_its_wal_and_programme_totals_hold(sqlite_db) -> None:
    """The raw bytes of the database file and its WAL hold neither the name nor the e-mail."""
    load_demo(sqlite_db, seed=1, today=TODAY)
    _, name, email = client_with_an_ended_relationship(sqlite_db)  # with sessions
    period = {"date_from": date(2025, 1, 1), "date_to": TODAY, "today": TODAY}
    before = programme_data(sqlite_db, **period)
    raw = _raw_files(sqlite_db)
    assert name.encode() in raw and email.encode() in raw  # the test would see them
    erase_person(sqlite_db, email, today=TODAY)
    raw = _raw_files(sqlite_db)
    # (a first name alone may well belong to someone else too, so whole names are searched)
    variants = {name, email, name.upper(), name.lower(), email.upper(), email.split("@")[0]}
    for text in variants:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert text.encode(encoding) not in raw, (text, encoding)
    after = programme_data(sqlite_db, **period)
    assert after.months == before.months
    assert after.requests == before.requests
    assert sum(m.sessions for m in after.months) > 0


def test_equality_answers_go_with_the_person(db, coach_with_history) -> None:
    from coachdesk.services import equality
    from coachdesk.services.equality import EqualityFields
    from coachdesk.services.settings import update_settings

    update_settings(db, {"equality_monitoring": True})
    equality.set_equality(db, EMAIL, EqualityFields("black_african", "female", "yes"))
    with db.uow() as uow:
        held = uow.session.scalars(
            select(Person.ethnic_group).where(Person.ethnic_group.is_not(None))
        )
        assert list(held) == ["black_african"]
    erase_person(db, EMAIL, today=TODAY)
    with db.uow() as uow:
        answers = uow.session.execute(
            select(Person.ethnic_group, Person.sex, Person.disability).where(
                (Person.ethnic_group.is_not(None))
                | (Person.sex.is_not(None))
                | (Person.disability.is_not(None))
            )
        ).all()
    assert answers == []  # nobody, the stand-in included, carries her answers
