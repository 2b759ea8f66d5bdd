"""Calendar export: every scheduled session as an all-day .ics event with a stable UID."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import aliased

from coachdesk.errors import UserError
from coachdesk.services.exchange.export import write_atomic
from coachdesk.services.settings import load_in
from coachdesk.storage.models import Meeting, Person, Relationship
from coachdesk.storage.uow import Database

PRODID = "-//coachdesk//NHS Coaching and Mentoring Hub//EN"


@dataclass(frozen=True)
class CalendarExport:
    path: Path
    events: int
    size_bytes: int

    def summary_lines(self) -> list[str]:
        n = self.events
        return [f"Exported {n} scheduled session{'s' if n != 1 else ''} to {self.path}."]


def initials(name: str) -> str:
    """``Zoë Ó Briain`` → ``ZÓB``: a client named without their name (hyphens split too)."""
    parts = name.replace("-", " ").split()
    return "".join(part[0].upper() for part in parts if part[0].isalpha()) or "?"


def calendar_bytes(db: Database, *, practitioner: str | None = None) -> tuple[bytes, int]:
    """The .ics text of every ``scheduled`` session (or one practitioner's, by e-mail); a
    withdrawn relationship's sessions will not take place and are left out.

    One all-day event per session (sessions carry a date, not a time), UID
    ``<session id>@coachdesk`` so a calendar updates rather than duplicates on re-import;
    the client appears by initials only and private notes never leave the database.
    """
    from icalendar import Calendar, Event

    coach, client = aliased(Person), aliased(Person)
    query = (
        select(
            Meeting.id,
            Meeting.date,
            Meeting.minutes,
            Meeting.mode,
            Meeting.type,
            Meeting.updated_at,
            Meeting.relationship_id,
            Relationship.kind,
            coach.full_name,
            client.full_name,
        )
        .join(Relationship, Relationship.id == Meeting.relationship_id)
        .join(coach, coach.id == Relationship.practitioner_id)
        .join(client, client.id == Relationship.client_id)
        .where(Meeting.status == "scheduled", Relationship.status != "withdrawn")
        .order_by(Meeting.date, Meeting.id)
    )
    if practitioner is not None:
        query = query.where(coach.email == practitioner.strip().lower())
    with db.uow() as uow:
        hub = load_in(uow).hub_name
        rows = uow.session.execute(query).all()
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{hub}: scheduled sessions")
    for sid, day, minutes, mode, type_, updated, rel_id, kind, coach_name, client_name in rows:
        event = Event()
        what = "Coaching" if kind == "coaching" else "Mentoring"
        event.add("uid", f"{sid}@coachdesk")
        event.add("dtstamp", _utc(updated))
        event.add("last-modified", _utc(updated))
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", f"{what} session: {coach_name} with {initials(client_name)}")
        event.add(
            "description",
            f"{type_.capitalize()} {what.lower()} session, {minutes} minutes, {mode}.\n"
            f"Relationship {rel_id}.",
        )
        event.add("categories", [what])
        event.add("transp", "OPAQUE")
        cal.add_component(event)
    return cal.to_ical(), len(rows)


def _utc(value: datetime | None) -> datetime:
    if value is None:
        return datetime(2000, 1, 1, tzinfo=UTC)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def write_calendar(db: Database, path: Path, *, practitioner: str | None = None) -> CalendarExport:
    """Write the scheduled sessions to ``path`` (.ics) atomically."""
    path = Path(path)
    if path.suffix.lower() != ".ics":
        raise UserError(f"{path.name}: a calendar export needs the .ics suffix.")
    data, n = calendar_bytes(db, practitioner=practitioner)
    write_atomic(path, data)
    from coachdesk.services.audit import person_id_for, record

    record(
        db,
        "export",
        "person" if practitioner else "database",
        person_id_for(db, practitioner),
        detail=f"calendar (.ics): sessions {n}",
    )
    return CalendarExport(path, n, len(data))
