"""The practitioner rules of SPEC 5: one alert per registration (coach or mentor)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from coachdesk.domain.dates import add_days, add_months, format_date
from coachdesk.domain.enums import (
    CLOSED_REGISTRATION,
    RELATIONSHIP_KIND_FOR,
    RegistrationKind,
    RegistrationStatus,
)
from coachdesk.domain.hub_facts import PersonFacts, RegistrationFacts
from coachdesk.domain.rules_index import Finding, HubIndex, plural
from coachdesk.domain.settings import HubSettings

_DAY = timedelta(days=1)
_ACTIVE = RegistrationStatus.ACTIVE.value
_COACH = RegistrationKind.COACH.value
_MENTOR = RegistrationKind.MENTOR.value
_CLOSED = frozenset(s.value for s in CLOSED_REGISTRATION)
_RELATIONSHIP_KIND = {k.value: v.value for k, v in RELATIONSHIP_KIND_FOR.items()}
_FIXED_MENTOR_YEAR = 12  # months: "approved more than 12 months ago", "the 12 months up to today"


def _registrations(
    ix: HubIndex, *, active: bool, kind: str | None = None
) -> Iterator[tuple[RegistrationFacts, PersonFacts]]:
    for reg in ix.registrations:
        if reg.status in _CLOSED or (active and reg.status != _ACTIVE):
            continue
        if kind is not None and reg.kind != kind:
            continue
        person = ix.people.get(reg.person_id)
        if person is not None:
            yield reg, person


def _every(
    rule: str,
    reg: RegistrationFacts,
    person: PersonFacts,
    base: date,
    months: int,
    what: str,
    since_what: str,
    due_what: str,
    due_wording: bool,
) -> Finding:
    due = add_months(base, months)
    return Finding(
        rule,
        person,
        None,
        due + _DAY,
        "registration",
        reg.id,
        f"{due_what} for {person.full_name} ({reg.kind}) due by {format_date(due)}"
        if due_wording
        else f"{person.full_name} ({reg.kind}) has {what} {since_what} {format_date(base)}; "
        f"it is needed at least every {plural(months, 'month')} and was due by "
        f"{format_date(due)}.",
    )


def supervision_overdue(ix: HubIndex, s: HubSettings, today: date) -> Iterator[Finding]:
    """An active coach with no supervision for more than ``supervision_months``."""
    for reg, person in _registrations(ix, active=True, kind=_COACH):
        latest = ix.latest_supervision.get(reg.person_id)
        base = latest or reg.registered_on or reg.approved_on
        if base is not None and ix.wanted(add_months(base, s.supervision_months) + _DAY):
            since_what = "since" if latest else "since registering on"
            yield _every(
                "supervision-overdue",
                reg,
                person,
                base,
                s.supervision_months,
                "had no supervision",
                since_what,
                "Supervision",
                ix.due_wording,
            )


def cpd_overdue(ix: HubIndex, s: HubSettings, today: date) -> Iterator[Finding]:
    """An active practitioner with no CPD for more than ``cpd_months`` (per registration)."""
    for reg, person in _registrations(ix, active=True):
        latest = ix.latest_cpd.get(reg.person_id)
        base = latest or reg.registered_on or reg.approved_on
        if base is not None and ix.wanted(add_months(base, s.cpd_months) + _DAY):
            since_what = "since" if latest else "since registering on"
            yield _every(
                "cpd-overdue",
                reg,
                person,
                base,
                s.cpd_months,
                "recorded no CPD",
                since_what,
                "CPD",
                ix.due_wording,
            )


def profile_stale(ix: HubIndex, s: HubSettings, today: date) -> Iterator[Finding]:
    """An active practitioner whose profile was last reviewed (or registered) too long ago."""
    for reg, person in _registrations(ix, active=True):
        base = reg.profile_reviewed_on or reg.registered_on or reg.approved_on
        if base is not None and ix.wanted(add_months(base, s.profile_review_months) + _DAY):
            since_what = "since" if reg.profile_reviewed_on else "since registering on"
            yield _every(
                "profile-stale",
                reg,
                person,
                base,
                s.profile_review_months,
                "had no profile review",
                since_what,
                "Profile review",
                ix.due_wording,
            )


def mentor_training_lapsed(ix: HubIndex, s: HubSettings, today: date) -> Iterator[Finding]:
    """A trained mentor who is practitioner in no (non-withdrawn) mentoring relationship."""
    for reg, person in _registrations(ix, active=False, kind=_MENTOR):
        if reg.training_on is None or reg.person_id in ix.mentoring_practitioners:
            continue
        due = add_months(reg.training_on, s.mentor_training_months)
        if not ix.wanted(due + _DAY):
            continue
        yield Finding(
            "mentor-training-lapsed",
            person,
            None,
            due + _DAY,
            "registration",
            reg.id,
            f"A mentee for {person.full_name} (trained {format_date(reg.training_on)}) "
            f"due by {format_date(due)}"
            if ix.due_wording
            else f"{person.full_name} trained as a mentor on {format_date(reg.training_on)} "
            f"and has had no mentee for more than {plural(s.mentor_training_months, 'month')}; "
            f"offer a match or refresher training.",
        )


def mentor_hours_below_commitment(ix: HubIndex, s: HubSettings, today: date) -> Iterator[Finding]:
    """An active mentor approved over 12 months ago who held fewer hours than committed."""
    if not ix.wanted(today):
        return
    for reg, person in _registrations(ix, active=True, kind=_MENTOR):
        if reg.approved_on is None or today <= add_months(reg.approved_on, _FIXED_MENTOR_YEAR):
            continue
        committed = reg.hours_committed
        if committed is None:
            committed = s.mentor_minimum_hours
        hours = ix.mentoring_minutes.get(reg.person_id, 0) / 60
        if hours >= committed:
            continue
        start = add_days(add_months(today, -_FIXED_MENTOR_YEAR), 1)
        yield Finding(
            "mentor-hours-below-commitment",
            person,
            None,
            today,
            "registration",
            reg.id,
            f"{person.full_name} held {plural(round(hours, 1), 'hour')} of mentoring from "
            f"{format_date(start)} to {format_date(today)}, below the "
            f"{plural(committed, 'hour')} a year committed.",
        )


def accreditation_evidence_missing(ix: HubIndex, s: HubSettings, today: date) -> Iterator[Finding]:
    """A coach registration (not withdrawn/rejected) with no certificate file."""
    for reg, person in _registrations(ix, active=False, kind=_COACH):
        since = reg.registered_on or reg.approved_on or today
        if reg.has_certificate or not ix.wanted(since):
            continue
        yield Finding(
            "accreditation-evidence-missing",
            person,
            None,
            since,
            "registration",
            reg.id,
            f"{person.full_name}'s coach registration has no accreditation certificate on "
            f"file; attach the certificate (PDF or image).",
        )


def org_support_missing(ix: HubIndex, s: HubSettings, today: date) -> Iterator[Finding]:
    """An active practitioner with no organisational-support date."""
    for reg, person in _registrations(ix, active=True):
        since = reg.registered_on or reg.approved_on or today
        if reg.org_support_on is not None or not ix.wanted(since):
            continue
        yield Finding(
            "org-support-missing",
            person,
            None,
            since,
            "registration",
            reg.id,
            f"{person.full_name} is an active {reg.kind} with no organisational support for "
            f"practice in work hours confirmed; record the date it was confirmed.",
        )


def capacity_exceeded(ix: HubIndex, s: HubSettings, today: date) -> Iterator[Finding]:
    """More contracting + active relationships of the registration's kind than its capacity."""
    if not ix.wanted(today):
        return
    for reg, person in _registrations(ix, active=False):
        rel_kind = _RELATIONSHIP_KIND.get(reg.kind)
        if rel_kind is None:
            continue
        load = ix.open_load.get((reg.person_id, rel_kind), 0)
        if load <= reg.capacity:
            continue
        yield Finding(
            "capacity-exceeded",
            person,
            None,
            today,
            "registration",
            reg.id,
            f"{person.full_name} has {load} current {rel_kind} relationships as a "
            f"{reg.kind}, more than their capacity of {reg.capacity}; raise the capacity or "
            f"hold new requests.",
        )
