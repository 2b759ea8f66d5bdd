"""Sessions: minutes, mode/type/status, recorded on (default today), private notes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from coachdesk.errors import NotFound, UserError
from coachdesk.services import meetings
from coachdesk.services.dto import MeetingInput
from tests.helpers.clock import FROZEN_TODAY

HELD = MeetingInput("regular", date(2026, 4, 10), 90, "in person", "held", notes="Quiet today")


def test_a_held_session_is_recorded_today_unless_told_otherwise(db, hub) -> None:
    rel = hub.relationship(status="active")
    out = meetings.add_meeting(db, rel.id, HELD)
    assert out.value.recorded_on == db.clock.today()
    assert out.value.notes == "Quiet today"
    assert out.changes.touches("meeting", "relationship")
    from_paper = meetings.add_meeting(
        db, rel.id, replace(HELD, recorded_on=date(2026, 4, 10))
    ).value
    assert from_paper.recorded_on == date(2026, 4, 10)
    assert [m.id for m in meetings.list_meetings(db, rel.id)] == [out.value.id, from_paper.id]


def test_every_session_problem_is_reported_and_nothing_written(db, hub, snapshot) -> None:
    rel = hub.relationship(status="active")
    before = snapshot(db)
    bad = MeetingInput("catch-up", None, 0, "zoom", "done")  # type: ignore[arg-type]
    with pytest.raises(UserError) as err:
        meetings.add_meeting(db, rel.id, bad)
    assert err.value.message == "The session cannot be saved:"
    assert err.value.problems == [
        "Type: 'catch-up' is not one of contracting, regular",
        "Date is required",
        "Minutes must be more than 0",
        "Mode: 'zoom' is not one of in person, video, phone",
        "Status: 'done' is not one of scheduled, held, cancelled, did not attend",
    ]
    assert snapshot(db) == before


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"minutes": -5}, "Minutes must be more than 0"),
        ({"minutes": 1.5}, "Minutes must be a whole number"),
        ({"minutes": 2000}, "Minutes must be at most 1440"),
        (
            {"recorded_on": date(2026, 4, 9)},
            "Recorded on cannot be before the session date, 10 Apr 2026",
        ),
        (
            {"date": FROZEN_TODAY + timedelta(days=3)},
            "is after today, so the session cannot be held yet",
        ),
    ],
)
def test_session_rules(db, hub, change, problem) -> None:
    rel = hub.relationship(status="active")
    with pytest.raises(UserError) as err:
        meetings.add_meeting(db, rel.id, replace(HELD, **change))
    assert problem in str(err.value)


def test_scheduled_sessions_may_lie_ahead_and_are_recorded_when_marked(db, hub) -> None:
    rel = hub.relationship(status="active")
    ahead = db.clock.today() + timedelta(days=7)
    planned = MeetingInput("regular", ahead, 60, "video", recorded_on=date(2026, 1, 2))
    row = meetings.add_meeting(db, rel.id, planned).value
    assert (row.status, row.recorded_on) == ("scheduled", date(2026, 1, 2))
    # A dialog reads the row back; turning it to "cancelled" records it today.
    cancelled = meetings.update_meeting(
        db, row.id, replace(row.as_input(), status="cancelled")
    ).value
    assert (cancelled.status, cancelled.recorded_on) == ("cancelled", db.clock.today())
    # Editing the notes later keeps the recorded date.
    noted = meetings.update_meeting(
        db, row.id, replace(cancelled.as_input(), notes="Client ill")
    ).value
    assert (noted.recorded_on, noted.notes) == (db.clock.today(), "Client ill")


def test_mark_held(db, hub) -> None:
    rel = hub.relationship(status="active")
    row = meetings.add_meeting(db, rel.id, replace(HELD, status="scheduled")).value
    held = meetings.mark_meeting(db, row.id, "held", recorded_on=date(2026, 4, 11)).value
    assert (held.status, held.recorded_on) == ("held", date(2026, 4, 11))
    assert meetings.mark_meeting(db, row.id, "did not attend").value.recorded_on == db.clock.today()
    with pytest.raises(UserError, match="Status: 'postponed' is not one of"):
        meetings.mark_meeting(db, row.id, "postponed")


def test_delete_and_not_found(db, hub) -> None:
    rel = hub.relationship(status="active")
    row = meetings.add_meeting(db, rel.id, HELD).value
    meetings.delete_meeting(db, row.id)
    with pytest.raises(NotFound, match=row.id):
        meetings.get_meeting(db, row.id)
    with pytest.raises(NotFound, match="no-such-relationship"):
        meetings.add_meeting(db, "no-such-relationship", HELD)
    with pytest.raises(NotFound, match="missing-id"):
        meetings.update_meeting(db, "missing-id", HELD)
