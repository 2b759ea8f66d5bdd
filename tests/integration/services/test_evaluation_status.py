"""Evaluations due, overdue and done per relationship, with dates from the settings."""

from __future__ import annotations

from datetime import date

from coachdesk.services import evaluations, meetings, relationships, settings
from coachdesk.services.dto import EvaluationInput, MeetingInput
from coachdesk.services.evaluation_status import evaluation_status, status_counts

ENDED = date(2026, 9, 18)  # the hub fixture ends relationships on this day


def _by_kind(rows, rel_id):
    return {r.kind: r for r in rows if r.relationship_id == rel_id}


def test_pre_is_due_by_the_first_regular_session_and_overdue_once_one_is_held(db, hub) -> None:
    rel = hub.relationship(status="active")
    rows = _by_kind(evaluation_status(db, date(2026, 3, 25)), rel.id)
    assert list(rows) == ["pre"]
    assert (rows["pre"].status, rows["pre"].due_on) == ("due", date(2026, 3, 20))  # start date
    assert rows["pre"].overdue_from is None
    meetings.add_meeting(
        db, rel.id, MeetingInput("regular", date(2026, 4, 2), 60, "video", "scheduled")
    )
    pre = _by_kind(evaluation_status(db, date(2026, 3, 25)), rel.id)["pre"]
    assert (pre.status, pre.due_on, pre.overdue_from) == ("due", date(2026, 4, 2), date(2026, 4, 2))
    assert _by_kind(evaluation_status(db, date(2026, 4, 2)), rel.id)["pre"].status == "overdue"
    assert pre.by == "client" and pre.label == "client pre-evaluation"


def test_an_ended_relationship_needs_post_practitioner_post_and_follow_up(db, hub) -> None:
    rel = hub.relationship(status="ended")
    evaluations.add_evaluation(
        db, rel.id, EvaluationInput("pre", date(2026, 3, 18), {"confidence": 2})
    )
    rows = _by_kind(evaluation_status(db, date(2026, 10, 2)), rel.id)
    assert rows["pre"].status == "done" and rows["pre"].completed_on == date(2026, 3, 18)
    assert rows["post"].due_on == ENDED
    assert rows["post"].overdue_from == date(2026, 10, 3)  # ended + 14 days grace + 1
    assert rows["post"].status == "due"
    assert rows["practitioner-post"].by == "practitioner"
    assert rows["practitioner-post"].by_name == rel.practitioner_name
    assert rows["follow-up"].due_on == date(2027, 3, 18)
    late = _by_kind(evaluation_status(db, date(2026, 10, 3)), rel.id)
    assert (late["post"].status, late["follow-up"].status) == ("overdue", "due")

    settings.update_settings(db, {"followup_months": 3, "evaluation_grace_days": 0})
    rows = _by_kind(evaluation_status(db, date(2026, 10, 2)), rel.id)
    assert rows["follow-up"].due_on == date(2026, 12, 18)
    assert rows["post"].overdue_from == date(2026, 9, 19)


def test_saving_moves_an_evaluation_to_done_and_withdrawn_needs_nothing(db, hub) -> None:
    rel = hub.relationship(status="ended")
    gone = hub.relationship(status="active")
    relationships.withdraw_relationship(db, gone.id, on=date(2026, 4, 1))
    today = date(2026, 10, 2)
    before = status_counts(evaluation_status(db, today))
    assert before == {"due": 4, "overdue": 0, "done": 0}
    saved = evaluations.add_evaluation(
        db, rel.id, EvaluationInput("post", date(2026, 9, 25), {"confidence": 4})
    ).value
    rows = evaluation_status(db, today)
    assert status_counts(rows) == {"due": 3, "overdue": 0, "done": 1}
    done = [r for r in rows if r.status == "done"]
    assert (done[0].id, done[0].evaluation_id, done[0].kind) == (saved.id, saved.id, "post")
    assert not [r for r in rows if r.relationship_id == gone.id]
    only = evaluation_status(db, today, relationship_id=rel.id)
    assert {r.relationship_id for r in only} == {rel.id}
