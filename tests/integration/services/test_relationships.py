"""Relationships: who may practise, dates in order, start/end/withdraw, evaluations now due."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from coachdesk.errors import NotFound, UserError
from coachdesk.services import evaluations, meetings, register, relationships
from coachdesk.services.dto import EvaluationInput, MeetingInput, RelationshipInput
from coachdesk.services.settings import update_settings


def test_a_relationship_opens_in_contracting(db, hub) -> None:
    coach, client = hub.coach("Sam Okafor"), hub.person("Ellis Grant")
    data = RelationshipInput(
        "coaching",
        coach.email.upper(),
        client.email,
        started_on=date(2026, 3, 20),
        planned_end_on=date(2026, 9, 30),
        planned_sessions=6,
        individual_objectives=("Lead the ward move", "  "),
        organisational_objectives=("Retain nursing staff",),
    )
    rel = relationships.add_relationship(db, data).value
    assert (rel.status, rel.practitioner_name, rel.client_name) == (
        "contracting",
        "Sam Okafor",
        "Ellis Grant",
    )
    assert rel.individual_objectives == ("Lead the ward move",)
    assert rel.organisational_objectives == ("Retain nursing staff",)


def test_practitioner_must_hold_an_open_registration_of_the_right_kind(db, hub, snapshot) -> None:
    coach, mentor, client = (
        hub.coach("Sam Okafor"),
        hub.mentor("Ria Chen"),
        hub.person("Ellis Grant"),
    )
    before = snapshot(db)
    cases = [
        (
            RelationshipInput("mentoring", coach.email, client.email),
            "Practitioner: Sam Okafor holds no mentor registration",
        ),
        (
            RelationshipInput("coaching", mentor.email, client.email),
            "Practitioner: Ria Chen holds no coach registration",
        ),
        (
            RelationshipInput("coaching", coach.email, coach.email),
            "Client cannot be the same person as the practitioner",
        ),
        (
            RelationshipInput(
                "coaching", coach.email, client.email, date(2026, 3, 20), date(2026, 3, 1), 0
            ),
            "Planned end cannot be before the start date, 20 Mar 2026",
        ),
    ]
    for data, problem in cases:
        with pytest.raises(UserError) as err:
            relationships.add_relationship(db, data)
        assert problem in err.value.problems
    reg = register.get_person(db, mentor.email).registrations[0]
    register.set_registration_status(db, reg.id, "rejected")
    with pytest.raises(UserError, match="Ria Chen's mentor registration is rejected"):
        relationships.add_relationship(
            db, RelationshipInput("mentoring", mentor.email, client.email)
        )
    before.pop("registrations")
    before.pop("audit_log")  # the status change above is audited
    after = snapshot(db)
    after.pop("registrations")
    after.pop("audit_log")
    assert after == before


def test_start_end_and_the_evaluations_now_due(db, hub) -> None:
    update_settings(db, {"evaluation_grace_days": 7, "followup_months": 3})
    rel = hub.relationship(started_on=None)
    started = relationships.start_relationship(db, rel.id, on=date(2026, 3, 20)).value
    assert (started.status, started.started_on) == ("active", date(2026, 3, 20))
    evaluations.add_evaluation(db, rel.id, EvaluationInput("practitioner-post", date(2026, 8, 31)))
    out = relationships.end_relationship(db, rel.id, ended_on=date(2026, 8, 31), reason="completed")
    ended = out.value.relationship
    assert (ended.status, ended.ended_on, ended.end_reason) == (
        "ended",
        date(2026, 8, 31),
        "completed",
    )
    due = {d.kind: d for d in out.value.due}
    assert set(due) == {"post", "follow-up"}  # the practitioner's is already in
    assert (due["post"].email, due["post"].due_on, due["post"].overdue_from) == (
        ended.client,
        date(2026, 8, 31),
        date(2026, 9, 8),
    )
    assert (due["follow-up"].due_on, due["follow-up"].overdue_from) == (
        date(2026, 11, 30),
        date(2026, 12, 8),
    )
    assert relationships.get_relationship(db, rel.id).due_evaluations == out.value.due


def test_an_end_before_the_start_is_refused(db, hub, snapshot) -> None:
    rel = hub.relationship(status="active")
    before = snapshot(db)
    with pytest.raises(UserError) as err:
        relationships.end_relationship(db, rel.id, ended_on=date(2026, 3, 1))
    assert err.value.problems == ["Ended on cannot be before the start date, 20 Mar 2026"]
    assert snapshot(db) == before


def test_status_changes_that_are_refused(db, hub) -> None:
    rel = hub.relationship()
    with pytest.raises(UserError, match="still contracting. Start it first, or withdraw it"):
        relationships.end_relationship(db, rel.id)
    relationships.start_relationship(db, rel.id)
    with pytest.raises(
        UserError, match="it is active, and only a contracting relationship can be started"
    ):
        relationships.start_relationship(db, rel.id)
    relationships.end_relationship(db, rel.id, ended_on=date(2026, 9, 1))
    with pytest.raises(
        UserError, match="it is ended, and only a contracting or active relationship"
    ):
        relationships.withdraw_relationship(db, rel.id)
    with pytest.raises(UserError, match="only a active relationship can be ended"):
        relationships.end_relationship(db, rel.id)


def test_withdraw_sets_the_date_and_reason(db, hub) -> None:
    rel = hub.relationship()
    out = relationships.withdraw_relationship(db, rel.id, on=date(2026, 4, 1), reason="Moved trust")
    assert (out.value.status, out.value.ended_on, out.value.end_reason) == (
        "withdrawn",
        date(2026, 4, 1),
        "Moved trust",
    )
    assert relationships.get_relationship(db, rel.id).due_evaluations == ()


def test_objectives_cannot_drop_below_those_already_rated(db, hub) -> None:
    rel = hub.relationship(status="ended")
    evaluations.add_evaluation(
        db, rel.id, EvaluationInput("post", date(2026, 9, 25), objective_ratings=(8, 6))
    )
    with pytest.raises(UserError, match="an evaluation already rates 2 objectives"):
        relationships.set_objectives(db, rel.id, ["Only one"])
    changed = relationships.set_objectives(db, rel.id, ["One"], ["Two", "Three"]).value
    assert changed.organisational_objectives == ("Two", "Three")


def test_editing_a_relationship(db, hub) -> None:
    rel = hub.relationship(status="ended")
    edited = relationships.update_relationship(
        db, rel.id, replace(rel.as_input(), planned_sessions=8)
    ).value
    assert (edited.planned_sessions, edited.status) == (8, "ended")
    with pytest.raises(UserError, match="Started on cannot be after the end date, 18 Sep 2026"):
        relationships.update_relationship(
            db, rel.id, replace(rel.as_input(), started_on=date(2026, 10, 1))
        )


def test_lists_details_and_delete(db, hub) -> None:
    coach = hub.coach("Sam Okafor")
    a = hub.relationship("coaching", coach, hub.person("Ellis Grant"), started_on=date(2026, 1, 5))
    b = hub.relationship(
        "mentoring", hub.mentor("Ria Chen"), hub.person("Kai Brennan"), status="active"
    )
    meetings.add_meeting(
        db,
        a.id,
        MeetingInput("contracting", date(2026, 1, 5), 60, "video", "held", notes="Private"),
    )
    meetings.add_meeting(db, a.id, MeetingInput("regular", date(2026, 2, 5), 90, "video", "held"))
    meetings.add_meeting(db, a.id, MeetingInput("regular", date(2027, 1, 5), 90, "phone"))
    ids = lambda rows: [r.id for r in rows]  # noqa: E731
    assert ids(relationships.list_relationships(db)) == [b.id, a.id]  # newest start first
    assert ids(relationships.list_relationships(db, kind="coaching")) == [a.id]
    assert ids(relationships.list_relationships(db, status="active")) == [b.id]
    assert ids(relationships.list_relationships(db, practitioner="SAM.OKAFOR@example.nhs.uk")) == [
        a.id
    ]
    assert ids(relationships.list_relationships(db, client="kai.brennan@example.nhs.uk")) == [b.id]
    row = relationships.list_relationships(db, kind="coaching")[0]
    assert (row.sessions_held, row.minutes_held) == (2, 150)
    assert (row.last_session_on, row.next_session_on) == (date(2026, 2, 5), date(2027, 1, 5))
    detail = relationships.get_relationship(db, a.id)
    assert [s.date for s in detail.sessions] == [
        date(2026, 1, 5),
        date(2026, 2, 5),
        date(2027, 1, 5),
    ]
    assert detail.sessions[0].notes == "Private"
    with pytest.raises(UserError, match="Status: 'finished' is not one of contracting, active"):
        relationships.list_relationships(db, status="finished")
    assert relationships.list_relationships(db, status=" Ended") == []  # case and spaces forgiven
    relationships.delete_relationship(db, a.id)
    with pytest.raises(NotFound, match=a.id):
        relationships.get_relationship(db, a.id)
    assert ids(relationships.list_relationships(db)) == [b.id]


def test_a_coaching_relationship_needs_a_planned_end_or_a_number_of_sessions(
    db, hub, snapshot
) -> None:
    coach, mentor, client = (
        hub.coach("Sam Okafor"),
        hub.mentor("Ria Chen"),
        hub.person("Ellis Grant"),
    )
    before = snapshot(db)
    with pytest.raises(UserError) as err:
        relationships.add_relationship(
            db, RelationshipInput("coaching", coach.email, client.email, date(2026, 3, 20))
        )
    assert err.value.problems == [
        "Planned end or Planned sessions is required: a coaching relationship has a set "
        "duration (a mentoring one may be open-ended)"
    ]
    assert snapshot(db) == before
    by_end = relationships.add_relationship(
        db,
        RelationshipInput(
            "coaching", coach.email, client.email, date(2026, 3, 20), date(2026, 9, 30)
        ),
    ).value
    assert by_end.kind == "coaching"
    by_sessions = RelationshipInput("coaching", coach.email, client.email, planned_sessions=6)
    assert relationships.add_relationship(db, by_sessions).value.kind == "coaching"
    open_mentoring = RelationshipInput("mentoring", mentor.email, client.email)
    assert relationships.add_relationship(db, open_mentoring).value.kind == "mentoring"
    cleared = RelationshipInput("coaching", coach.email, client.email, date(2026, 3, 20))
    with pytest.raises(UserError, match="Planned end or Planned sessions is required"):
        relationships.update_relationship(db, by_end.id, cleared)
