"""The hub as it stood on a past day (SPEC 5), from the dates it holds: one projection that the
rules, ``check``, the compliance and programme reports all read through.

Each ``*_on`` function takes a record's status and dates as they are now and returns what they
were on ``day``: None when the record did not yet exist. What no date records is kept as it is
now (``UNDATED`` says what, for the reports to name).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from coachdesk.domain.enums import (
    MeetingStatus,
    RegistrationStatus,
    RelationshipStatus,
    RequestStatus,
)
from coachdesk.domain.hub_facts import (
    EvaluationFacts,
    HubFacts,
    MeetingFacts,
    PersonFacts,
    RegistrationFacts,
    RelationshipFacts,
    RequestFacts,
)

#: What no date records, so a past day takes it as it is now (the reports say so).
UNDATED = (
    "a registration's pause, withdrawal or rejection",
    "a profile review before the latest (one dated later counts as none)",
    "a relationship's move from contracting to active",
    "a registration's capacity and certificate",
    "who is on the hub and their details (band, region, leadership programme)",
)


def undated_note(formatted: str) -> str:
    """The sentence a report prints under a past day's position."""
    return (
        f"The hub as it stood on {formatted}, from the dates it holds: anything dated later "
        "is left out, requests answered later are pending, relationships ended or withdrawn "
        "later are current, sessions recorded later are still scheduled, registrations "
        "approved later are applied. No date records "
        + "; ".join(UNDATED)
        + ": these are taken as they are now."
    )


def exists_on(dated: date | None, day: date) -> bool:
    """A record dated ``dated`` existed on ``day`` (an undated one is taken as now)."""
    return dated is None or dated <= day


def _later(d: date | None, day: date) -> bool:
    return d is not None and d > day


def _settled_later(
    status: str, dated: date, settled_on: date | None, day: date, waiting: str
) -> str | None:
    """The status on ``day`` of a record dated ``dated`` that left ``waiting`` on
    ``settled_on``: None if dated later, ``waiting`` if settled later."""
    if dated > day:
        return None
    if status != waiting and _later(settled_on, day):
        return waiting
    return status


def request_on(status: str, sent_on: date, responded_on: date | None, day: date) -> str | None:
    """A request's status on ``day``: None if sent later, ``pending`` if answered later."""
    return _settled_later(status, sent_on, responded_on, day, RequestStatus.PENDING.value)


def relationship_on(
    status: str, started_on: date | None, ended_on: date | None, day: date, *, held: bool
) -> str | None:
    """A relationship's status on ``day``: None if started later; ended or withdrawn later,
    it is current (``active`` if a session was held by then, else ``contracting``)."""
    if _later(started_on, day):
        return None
    closed = (RelationshipStatus.ENDED.value, RelationshipStatus.WITHDRAWN.value)
    if status in closed and _later(ended_on, day):
        return RelationshipStatus.ACTIVE.value if held else RelationshipStatus.CONTRACTING.value
    return status


def meeting_on(status: str, held_on: date, recorded_on: date | None, day: date) -> str | None:
    """A session's status on ``day``: None if dated later, ``scheduled`` if recorded later."""
    return _settled_later(status, held_on, recorded_on, day, MeetingStatus.SCHEDULED.value)


def registration_on(
    status: str, registered_on: date | None, approved_on: date | None, day: date
) -> str | None:
    """A registration's status on ``day``: None if registered later, ``applied`` if approved
    later (its other changes carry no date and are taken as now)."""
    if _later(registered_on, day):
        return None
    if _later(approved_on, day):
        return RegistrationStatus.APPLIED.value
    return status


def _person(p: PersonFacts, day: date) -> PersonFacts:
    override = p.has_override and not _later(p.override_on, day)
    agreed = None if _later(p.manager_agreement_on, day) else p.manager_agreement_on
    if override == p.has_override and agreed == p.manager_agreement_on:
        return p
    return replace(p, has_override=override, manager_agreement_on=agreed)


def _registration(r: RegistrationFacts, day: date) -> RegistrationFacts | None:
    status = registration_on(r.status, r.registered_on, r.approved_on, day)
    if status is None:
        return None
    return replace(
        r,
        status=status,
        approved_on=None if _later(r.approved_on, day) else r.approved_on,
        profile_reviewed_on=None if _later(r.profile_reviewed_on, day) else r.profile_reviewed_on,
        org_support_on=None if _later(r.org_support_on, day) else r.org_support_on,
        training_on=None if _later(r.training_on, day) else r.training_on,
    )


def _request(r: RequestFacts, day: date) -> RequestFacts | None:
    status = request_on(r.status, r.sent_on, r.responded_on, day)
    if status is None:
        return None
    if status == r.status:
        return r
    return replace(r, status=status, responded_on=None)


def _meeting(m: MeetingFacts, day: date) -> MeetingFacts | None:
    status = meeting_on(m.status, m.date, m.recorded_on, day)
    if status is None:
        return None
    if status == m.status:
        return m
    return replace(m, status=status, recorded_on=None)


def hub_as_of(facts: HubFacts, day: date) -> HubFacts:
    """``facts`` as the hub stood on ``day`` (SPEC 5's past day)."""
    meetings = [m for m in (_meeting(m, day) for m in facts.meetings) if m is not None]
    held = {m.relationship_id for m in meetings if m.status == MeetingStatus.HELD.value}
    relationships: list[RelationshipFacts] = []
    for rel in facts.relationships:
        status = relationship_on(rel.status, rel.started_on, rel.ended_on, day, held=rel.id in held)
        if status is None:
            continue
        relationships.append(
            rel if status == rel.status else replace(rel, status=status, ended_on=None)
        )
    live = {r.id for r in relationships}
    evaluations: list[EvaluationFacts] = [
        e for e in facts.evaluations if e.relationship_id in live and exists_on(e.completed_on, day)
    ]
    registrations = [
        r for r in (_registration(r, day) for r in facts.registrations) if r is not None
    ]
    requests = [r for r in (_request(r, day) for r in facts.requests) if r is not None]
    return HubFacts(
        people={pid: _person(p, day) for pid, p in facts.people.items()},
        registrations=registrations,
        requests=requests,
        relationships=relationships,
        meetings=[m for m in meetings if m.relationship_id in live],
        evaluations=evaluations,
        cpd_dates={pid: [d for d in ds if d <= day] for pid, ds in facts.cpd_dates.items()},
        supervision_dates={
            pid: [d for d in ds if d <= day] for pid, ds in facts.supervision_dates.items()
        },
    )
