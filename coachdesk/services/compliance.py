"""The hub's rules on the database: gather the facts with a few set-based queries, then judge."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select

from coachdesk.domain.as_of import hub_as_of
from coachdesk.domain.hub_facts import (
    Alert,
    DueItem,
    EvaluationFacts,
    HubFacts,
    MeetingFacts,
    PersonFacts,
    RegistrationFacts,
    RelationshipFacts,
    RequestFacts,
)
from coachdesk.domain.privacy import is_erased_email
from coachdesk.domain.rules import evaluate, falling_due
from coachdesk.domain.settings import HubSettings
from coachdesk.services.settings import load_in
from coachdesk.storage.models import (
    CpdRecord,
    Evaluation,
    Meeting,
    Person,
    Registration,
    Relationship,
    Request,
    SupervisionRecord,
)
from coachdesk.storage.uow import Database, UnitOfWork


def _dates_by_person(
    uow: UnitOfWork, model: type[CpdRecord] | type[SupervisionRecord]
) -> dict[str, list[date]]:
    out: dict[str, list[date]] = defaultdict(list)
    for person_id, day in (
        uow.session.connection().execute(select(model.person_id, model.date)).all()
    ):
        out[person_id].append(day)
    return dict(out)


def gather_facts(uow: UnitOfWork) -> HubFacts:
    """Everything the rules look at, one query per table (never a query per row).

    Runs plain Core selects on the session's connection: no ORM row loading for 150,000 rows.
    """
    s = uow.session.connection()
    people = {
        row.id: PersonFacts(
            id=row.id,
            email=row.email,
            full_name=row.full_name,
            band=row.band,
            region=row.region,
            leadership_programme=bool(row.leadership_programme),
            manager_agreement_on=row.manager_agreement_on,
            has_override=bool(row.override_reason),
            override_on=row.override_on,
        )
        for row in s.execute(
            select(
                Person.id,
                Person.email,
                Person.full_name,
                Person.band,
                Person.region,
                Person.leadership_programme,
                Person.manager_agreement_on,
                Person.override_reason,
                Person.override_on,
            )
        ).all()
    }
    registrations = [
        RegistrationFacts(
            id=r.id,
            person_id=r.person_id,
            kind=r.kind,
            status=r.status,
            registered_on=r.registered_on,
            approved_on=r.approved_on,
            profile_reviewed_on=r.profile_reviewed_on,
            capacity=r.capacity,
            has_certificate=r.certificate_id is not None,
            org_support_on=r.org_support_on,
            training_on=r.training_on,
            hours_committed=r.hours_committed,
        )
        for r in s.execute(
            select(
                Registration.id,
                Registration.person_id,
                Registration.kind,
                Registration.status,
                Registration.registered_on,
                Registration.approved_on,
                Registration.profile_reviewed_on,
                Registration.capacity,
                Registration.certificate_id,
                Registration.org_support_on,
                Registration.training_on,
                Registration.hours_committed,
            )
        ).all()
    ]
    requests = [
        RequestFacts(*row)
        for row in s.execute(
            select(
                Request.id,
                Request.client_id,
                Request.practitioner_id,
                Request.kind,
                Request.status,
                Request.sent_on,
                Request.responded_on,
            )
        ).all()
    ]
    relationships = [
        RelationshipFacts(*row)
        for row in s.execute(
            select(
                Relationship.id,
                Relationship.kind,
                Relationship.practitioner_id,
                Relationship.client_id,
                Relationship.status,
                Relationship.started_on,
                Relationship.ended_on,
            )
        ).all()
    ]
    meetings = [
        MeetingFacts(*row)
        for row in s.execute(
            select(
                Meeting.id,
                Meeting.relationship_id,
                Meeting.type,
                Meeting.date,
                Meeting.minutes,
                Meeting.status,
                Meeting.recorded_on,
            )
        ).all()
    ]
    evaluations = [
        EvaluationFacts(*row)
        for row in s.execute(
            select(
                Evaluation.id,
                Evaluation.relationship_id,
                Evaluation.kind,
                Evaluation.completed_on,
            )
        ).all()
    ]
    people, relationships, meetings, evaluations = _without_erased(
        people, relationships, meetings, evaluations
    )
    return HubFacts(
        people=people,
        registrations=registrations,
        requests=requests,
        relationships=relationships,
        meetings=meetings,
        evaluations=evaluations,
        cpd_dates=_dates_by_person(uow, CpdRecord),
        supervision_dates=_dates_by_person(uow, SupervisionRecord),
    )


def _without_erased(
    people: dict[str, PersonFacts],
    relationships: list[RelationshipFacts],
    meetings: list[MeetingFacts],
    evaluations: list[EvaluationFacts],
) -> tuple[
    dict[str, PersonFacts], list[RelationshipFacts], list[MeetingFacts], list[EvaluationFacts]
]:
    """The rules never look at an erased person's stand-in or the anonymous relationships."""
    erased = {pid for pid, p in people.items() if is_erased_email(p.email)}
    if not erased:
        return people, relationships, meetings, evaluations
    gone = {r.id for r in relationships if r.client_id in erased or r.practitioner_id in erased}
    return (
        {pid: p for pid, p in people.items() if pid not in erased},
        [r for r in relationships if r.id not in gone],
        [m for m in meetings if m.relationship_id not in gone],
        [e for e in evaluations if e.relationship_id not in gone],
    )


def is_past(db: Database, day: date, now: date | None = None) -> bool:
    """Whether ``day`` is earlier than the calendar date (``now``, default the clock's): then
    the hub is taken as it stood on that day (SPEC 5)."""
    return day < (now or db.clock.calendar_day())


def _facts_and_settings(
    db: Database, day: date, now: date | None = None
) -> tuple[HubFacts, HubSettings]:
    """The facts as they stood on ``day``: as they are, or projected onto a past day."""
    with db.uow() as uow:
        facts, settings = gather_facts(uow), load_in(uow)
    if is_past(db, day, now):
        facts = hub_as_of(facts, day)
    return facts, settings


def alerts(db: Database, today: date | None = None, *, now: date | None = None) -> list[Alert]:
    """Every alert of SPEC 5 that holds on ``today`` (the dashboard, check and reports use this);
    a day before ``now`` (default: the calendar date) judges the hub as it stood then."""
    today = today or db.clock.today()
    facts, settings = _facts_and_settings(db, today, now)
    return evaluate(facts, settings, today)


def due_soon(db: Database, today: date | None = None, horizon_days: int = 14) -> list[DueItem]:
    """What falls due in the next ``horizon_days`` days, so the lead can act in time."""
    today = today or db.clock.today()
    facts, settings = _facts_and_settings(db, today)
    return falling_due(facts, settings, today, horizon_days)


def alerts_and_due(
    db: Database, today: date | None = None, horizon_days: int = 14
) -> tuple[list[Alert], list[DueItem]]:
    """Both lists from one gathering of the facts."""
    today = today or db.clock.today()
    facts, settings = _facts_and_settings(db, today)
    return evaluate(facts, settings, today), falling_due(facts, settings, today, horizon_days)
