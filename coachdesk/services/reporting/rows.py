"""The shapes of the rows the report queries read: what each report uses of a row, typed.

Core rows (``Row``) and ORM objects both fit these protocols; a query selecting the named
columns (or a whole table) gives rows of the shape.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol


class RegistrationFacts(Protocol):
    """A registration as the learning-log summary and the person record describe it."""

    kind: str
    status: str
    accreditation: str | None
    accreditation_on: dt.date | None
    training_on: dt.date | None
    experience: str | None
    hours_committed: float | None
    pro_bono: bool
    icf_hours: str


class HeldSession(Protocol):
    """A held session of the practitioner's (never its notes)."""

    date: dt.date
    minutes: int
    type: str
    mode: str
    relationship_id: str


class ClientRelationship(Protocol):
    """One of the practitioner's relationships, with the client's name."""

    id: str
    kind: str
    client_id: str
    status: str
    started_on: dt.date | None
    ended_on: dt.date | None
    full_name: str
    email: str


class CpdFacts(Protocol):
    date: dt.date
    title: str
    provider: str
    kind: str
    hours: float
    reflection: str


class SupervisionFacts(Protocol):
    date: dt.date
    supervisor: str
    supervisor_qualification: str
    format: str
    hours: float
    themes: str


class LearningFacts(Protocol):
    date: dt.date
    title: str
    relationship_id: str | None
    what_happened: str
    learning: str
    next_time: str
    competences: list[str]


class RequestFacts(Protocol):
    """A request as the programme report counts it."""

    status: str
    sent_on: dt.date
    responded_on: dt.date | None


class RelationshipSpan(Protocol):
    """A relationship's status and dates (programme report)."""

    id: str
    status: str
    started_on: dt.date | None
    ended_on: dt.date | None


class HeldActivity(Protocol):
    """A held session with its kind and the client's organisation (programme report)."""

    date: dt.date
    minutes: int
    kind: str
    organisation: str
    client_id: str
