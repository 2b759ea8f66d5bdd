"""Headline counts of the hub: the status bar, the dashboard tiles and the CLI's summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from coachdesk.domain.enums import (
    MeetingStatus,
    RegistrationKind,
    RegistrationStatus,
)
from coachdesk.domain.privacy import ERASED_DOMAIN
from coachdesk.services.settings import load_in
from coachdesk.storage.models import Meeting, Person, Registration, Relationship
from coachdesk.storage.uow import Database


@dataclass(frozen=True)
class HubSummary:
    hub_name: str
    people: int
    active_coaches: int
    active_mentors: int
    relationships_by_status: dict[str, int]  # by RelationshipStatus value
    sessions_held: int
    hours_this_year: float


def hub_is_empty(db: Database) -> bool:
    """True while the hub holds nobody (erased people aside): one indexed look, not the counts."""
    with db.uow() as uow:
        anyone = uow.session.scalar(
            select(Person.id).where(Person.email.not_like(f"%@{ERASED_DOMAIN}")).limit(1)
        )
    return anyone is None


def hub_summary(db: Database, today: date | None = None) -> HubSummary:
    """Counts for the whole hub; hours are held sessions dated in ``today``'s calendar year."""
    today = today or db.clock.today()
    with db.uow() as uow:
        s = uow.session
        people = (
            s.scalar(
                select(func.count())
                .select_from(Person)
                .where(Person.email.not_like(f"%@{ERASED_DOMAIN}"))
            )
            or 0
        )
        active = dict(
            s.execute(
                select(Registration.kind, func.count())
                .where(Registration.status == RegistrationStatus.ACTIVE.value)
                .group_by(Registration.kind)
            ).all()
        )
        by_status = dict(
            s.execute(select(Relationship.status, func.count()).group_by(Relationship.status)).all()
        )
        held = (
            s.scalar(
                select(func.count())
                .select_from(Meeting)
                .where(Meeting.status == MeetingStatus.HELD.value)
            )
            or 0
        )
        minutes = s.scalar(
            select(func.coalesce(func.sum(Meeting.minutes), 0)).where(
                Meeting.status == MeetingStatus.HELD.value,
                Meeting.date >= date(today.year, 1, 1),
                Meeting.date <= today,
            )
        )
        settings = load_in(uow)
    return HubSummary(
        hub_name=settings.hub_name,
        people=int(people),
        active_coaches=int(active.get(RegistrationKind.COACH, 0)),
        active_mentors=int(active.get(RegistrationKind.MENTOR, 0)),
        relationships_by_status={k: int(v) for k, v in by_status.items()},
        sessions_held=int(held),
        hours_this_year=round(float(minutes or 0) / 60, 1),
    )
