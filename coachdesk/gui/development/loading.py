"""What the development view shows of one practitioner, read in one go off the UI thread."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from coachdesk.services import development, meetings, relationships
from coachdesk.services.dto import CpdRow, LearningRow, RelationshipRow, SupervisionRow
from coachdesk.services.handle import Database


@dataclass(frozen=True)
class PractitionerRecords:
    email: str
    cpd: list[CpdRow]
    supervision: list[SupervisionRow]
    learning: list[LearningRow]
    relationships: list[RelationshipRow]
    #: (date, minutes) of each session held with their clients.
    practice: list[tuple[date, int]]


def practitioner_records(db: Database, email: str) -> PractitionerRecords:
    """``email``'s CPD, supervision, learning log, relationships and practice hours."""
    rels = relationships.list_relationships(db, practitioner=email)
    practice = [
        (m.date, m.minutes)
        for rel in rels
        if rel.sessions_held
        for m in meetings.list_meetings(db, rel.id)
        if m.status == "held"
    ]
    return PractitionerRecords(
        email,
        development.list_cpd(db, email),
        development.list_supervision(db, email),
        development.list_learning(db, email),
        rels,
        practice,
    )


def record_owner(db: Database, kind: str, ident: str) -> str:
    """The e-mail of the practitioner whose CPD, supervision or learning record ``ident`` is."""
    if kind == "cpd":
        return development.get_cpd(db, ident).email
    if kind == "supervision":
        return development.get_supervision(db, ident).email
    return development.get_learning(db, ident).email
