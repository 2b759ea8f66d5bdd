"""Sessions within a relationship (``Meeting`` in code): add, edit, mark held, delete, read."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from sqlalchemy import select

from coachdesk.domain.dates import format_date
from coachdesk.domain.enums import MeetingMode, MeetingStatus, MeetingType
from coachdesk.errors import UserError
from coachdesk.services import queries
from coachdesk.services.changes import Changes, Outcome, RecordKind
from coachdesk.services.dto import MeetingInput, MeetingRow
from coachdesk.services.validate import (
    Problems,
    a_date,
    choice,
    row_or_404,
    text,
    whole_number,
)
from coachdesk.services.versions import versioned_or_404
from coachdesk.storage.models import Meeting, Relationship
from coachdesk.storage.uow import Database

#: A session is at most a day long.
MAX_MINUTES = 24 * 60
#: A held session (or a non-attendance) is recorded after the date it happened.
RECORDED_AFTER = (MeetingStatus.HELD.value, MeetingStatus.DID_NOT_ATTEND.value)


class MeetingValues(TypedDict):
    """A session's fields, checked and ready to store."""

    type: MeetingType
    date: dt.date
    minutes: int
    mode: MeetingMode
    status: MeetingStatus
    notes: str
    recorded_on: dt.date


def check_meeting(
    data: object, *, today: dt.date, previous: Meeting | None = None
) -> MeetingValues:
    """The session's fields ready to store; raises one UserError listing every problem.

    ``recorded_on`` None becomes ``today`` for a new session, or for one that stops being
    scheduled; otherwise the date already held is kept.
    """
    if not isinstance(data, MeetingInput):
        raise UserError("The session cannot be saved:", problems=["the input is not a session"])
    p = Problems()
    kind = choice(p, "type", data.type, MeetingType)
    session_date = a_date(p, "date", data.date, required=True)
    minutes = whole_number(p, "minutes", data.minutes, minimum=1, maximum=MAX_MINUTES)
    mode = choice(p, "mode", data.mode, MeetingMode)
    status = choice(p, "status", data.status, MeetingStatus)
    notes = text(p, "notes", data.notes)
    recorded = a_date(p, "recorded_on", data.recorded_on)
    if recorded is None:
        being_recorded = (
            previous is not None
            and previous.status == MeetingStatus.SCHEDULED
            and status != MeetingStatus.SCHEDULED
        )
        if previous is None or being_recorded or previous.recorded_on is None:
            recorded = today
        else:
            recorded = previous.recorded_on
    if status in RECORDED_AFTER and session_date is not None and recorded < session_date:
        if data.recorded_on is None and recorded == today:
            p.add(
                "date",
                f"{format_date(session_date)} is after today, so the session cannot be {status} yet",
            )
        else:
            p.add(
                "recorded_on",
                f"cannot be before the session date, {format_date(session_date)} (a "
                f"{status} session is recorded after it)",
            )
    p.raise_if_any("The session")
    assert kind and session_date and minutes and mode and status  # each checked above
    return MeetingValues(
        type=kind,
        date=session_date,
        minutes=minutes,
        mode=mode,
        status=status,
        notes=notes,
        recorded_on=recorded,
    )


def add_meeting(db: Database, relationship_id: str, data: MeetingInput) -> Outcome[MeetingRow]:
    """Add a session to a relationship (``recorded_on`` default today)."""
    with db.uow() as uow:
        rel = row_or_404(uow, Relationship, relationship_id, "relationship")
        values = check_meeting(data, today=db.clock.today())
        meeting = Meeting(relationship_id=rel.id, **values)
        uow.session.add(meeting)
        uow.commit()
        return Outcome(
            queries.meeting_row(meeting),
            Changes.of(RecordKind.MEETING, meeting.id)
            | Changes.of(RecordKind.RELATIONSHIP, rel.id),
        )


def update_meeting(
    db: Database, meeting_id: str, data: MeetingInput, *, expected_version: int | None = None
) -> Outcome[MeetingRow]:
    """Replace a session's details (see ``check_meeting`` for ``recorded_on``)."""
    with db.uow() as uow:
        meeting = versioned_or_404(uow, Meeting, meeting_id, "session", expected_version)
        values = check_meeting(data, today=db.clock.today(), previous=meeting)
        for key, value in values.items():
            setattr(meeting, key, value)
        uow.commit()
        return Outcome(
            queries.meeting_row(meeting),
            Changes.of(RecordKind.MEETING, meeting.id)
            | Changes.of(RecordKind.RELATIONSHIP, meeting.relationship_id),
        )


def mark_meeting(
    db: Database,
    meeting_id: str,
    status: MeetingStatus | str,
    *,
    recorded_on: dt.date | None = None,
    expected_version: int | None = None,
) -> Outcome[MeetingRow]:
    """Record what became of a session (held, cancelled, did not attend), recorded today
    unless ``recorded_on`` says otherwise; refused (StaleRecord) when the session is no
    longer at ``expected_version``."""
    with db.uow() as uow:
        meeting = versioned_or_404(uow, Meeting, meeting_id, "session", expected_version)
        row = queries.meeting_row(meeting)
        data = MeetingInput(
            type=row.type,
            date=row.date,
            minutes=row.minutes,
            mode=row.mode,
            status=status,
            recorded_on=recorded_on if recorded_on is not None else db.clock.today(),
            notes=row.notes,
        )
        values = check_meeting(data, today=db.clock.today(), previous=meeting)
        for key, value in values.items():
            setattr(meeting, key, value)
        uow.commit()
        return Outcome(
            queries.meeting_row(meeting),
            Changes.of(RecordKind.MEETING, meeting.id)
            | Changes.of(RecordKind.RELATIONSHIP, meeting.relationship_id),
        )


def delete_meeting(
    db: Database, meeting_id: str, *, expected_version: int | None = None
) -> Outcome[None]:
    """Delete a session entered by mistake."""
    with db.uow() as uow:
        meeting = versioned_or_404(
            uow, Meeting, meeting_id, "session", expected_version, deleting=True
        )
        rel_id = meeting.relationship_id
        uow.session.delete(meeting)
        uow.commit()
        return Outcome(
            None,
            Changes.of(RecordKind.MEETING, meeting_id)
            | Changes.of(RecordKind.RELATIONSHIP, rel_id),
        )


def get_meeting(db: Database, meeting_id: str) -> MeetingRow:
    with db.uow() as uow:
        return queries.meeting_row(row_or_404(uow, Meeting, meeting_id, "session"))


def list_meetings(db: Database, relationship_id: str) -> list[MeetingRow]:
    """A relationship's sessions in date order, private notes included (screen only)."""
    with db.uow() as uow:
        rel = row_or_404(uow, Relationship, relationship_id, "relationship")
        meetings = uow.session.scalars(
            select(Meeting)
            .where(Meeting.relationship_id == rel.id)
            .order_by(Meeting.date, Meeting.created_at)
        )
        return [queries.meeting_row(m) for m in meetings]
