"""The columns of the register's tables: people, registrations, relationships and the rest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtGui import QColor

from coachdesk.domain.enums import Band
from coachdesk.domain.words import plural
from coachdesk.gui.models.table import Column

GREEN = QColor("#007f3b")
AMBER = QColor("#8a5300")
GREY = QColor("#4c6272")
RED = QColor("#a4262c")

STATUS_COLOUR = {
    "active": GREEN,
    "approved": GREEN,
    "applied": AMBER,
    "contracting": AMBER,
    "pending": AMBER,
    "paused": GREY,
    "ended": GREY,
    "withdrawn": GREY,
    "rejected": GREY,
    "declined": GREY,
}
_BAND_ORDER = {b.value: i for i, b in enumerate(Band)}


def status_colour(row: Any) -> QColor | None:
    return STATUS_COLOUR.get(getattr(row, "status", ""))


def band_key(row: Any) -> Any:
    return _BAND_ORDER.get(row.band) if row.band else None


def hours(value: float) -> str:
    return f"{value:g}"


PEOPLE = [
    Column("Name", lambda r: r.full_name),
    Column("Organisation", lambda r: r.organisation),
    Column("Band", lambda r: r.band, sort=band_key),
    Column("Roles", lambda r: r.roles_summary),
    Column("E-mail", lambda r: r.email),
]


REGISTRATIONS = [
    Column("Kind", lambda r: r.kind),
    Column("Status", lambda r: r.status, colour=status_colour),
    Column(
        "Clients",
        lambda r: f"{r.current_clients} of {r.capacity}",
        sort=lambda r: r.current_clients,
        colour=lambda r: RED if r.current_clients > r.capacity else None,
    ),
    Column(
        "Approval needs",
        lambda r: plural(len(r.approval_missing), "item") if r.approval_missing else "nothing",
        sort=lambda r: len(r.approval_missing),
        colour=lambda r: AMBER if r.approval_missing else None,
        tooltip=lambda r: "\n".join(r.approval_missing) or None,
    ),
]


def _relationship_columns(other: str, name: Any) -> list[Column]:
    return [
        Column(other, name),
        Column("Kind", lambda r: r.kind),
        Column("Status", lambda r: r.status, colour=status_colour),
        Column("Started", lambda r: r.started_on),
        Column("Ended", lambda r: r.ended_on),
        Column("Sessions held", lambda r: r.sessions_held, align_right=True),
        Column("Last session", lambda r: r.last_session_on),
    ]


AS_PRACTITIONER = _relationship_columns("Client", lambda r: r.client_name)
AS_CLIENT = _relationship_columns("Practitioner", lambda r: r.practitioner_name)

REQUESTS = [
    Column("Sent", lambda r: r.sent_on),
    Column("Kind", lambda r: r.kind),
    Column("Client", lambda r: r.client_name),
    Column("Practitioner", lambda r: r.practitioner_name),
    Column("Status", lambda r: r.status, colour=status_colour),
    Column("Answered", lambda r: r.responded_on),
]

CPD = [
    Column("Date", lambda r: r.date),
    Column("Title", lambda r: r.title),
    Column("Kind", lambda r: r.kind),
    Column("Provider", lambda r: r.provider),
    Column("Hours", lambda r: r.hours, align_right=True),
]

SUPERVISION = [
    Column("Date", lambda r: r.date),
    Column("Supervisor", lambda r: r.supervisor),
    Column("Format", lambda r: r.format),
    Column("Hours", lambda r: r.hours, align_right=True),
    Column("Themes", lambda r: r.themes),
]


@dataclass(frozen=True)
class PersonEvaluation:
    """An evaluation of one of the person's relationships, with whom it was."""

    id: str
    relationship_id: str
    kind: str
    completed_on: date | None
    role: str  # "client" / "practitioner"
    relationship: str  # e.g. "coaching with Sam Lee"


EVALUATION_LABEL = {
    "pre": "client pre",
    "post": "client post",
    "follow-up": "client follow-up",
    "practitioner-post": "practitioner post",
}

EVALUATIONS = [
    Column("Completed", lambda r: r.completed_on),
    Column("Evaluation", lambda r: EVALUATION_LABEL.get(r.kind, r.kind)),
    Column("Relationship", lambda r: r.relationship),
    Column("This person is", lambda r: r.role),
]
