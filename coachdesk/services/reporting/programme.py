"""The programme report's data for a period: register, requests, activity, evaluations, impact."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Connection, func, select, true

from coachdesk.domain.as_of import exists_on, registration_on, request_on, undated_note
from coachdesk.domain.dates import add_months, format_date
from coachdesk.domain.enums import (
    EvaluationKind,
    RegistrationKind,
    RegistrationStatus,
    RequestStatus,
    values,
)
from coachdesk.domain.hub_facts import RULE_SEVERITY, RULE_TITLES, RULES, Alert
from coachdesk.services.compliance import alerts as hub_alerts
from coachdesk.services.impact import impact
from coachdesk.services.reporting.common import check_period, month_start, period_label
from coachdesk.services.reporting.equality import culture_lines
from coachdesk.services.reporting.rows import HeldActivity, RelationshipSpan, RequestFacts
from coachdesk.services.reporting.types import (
    AlertCount,
    CompletionRate,
    ImpactLine,
    MonthActivity,
    OrganisationActivity,
    ProgrammeData,
    RegisterCount,
    ReportHeader,
    RequestStats,
)
from coachdesk.services.settings import load_in
from coachdesk.storage.models import (
    Evaluation,
    Meeting,
    Person,
    Registration,
    Relationship,
    Request,
)
from coachdesk.storage.uow import Database

# ---------------------------------------------------------------------------------------------
# Programme report


def default_programme_start(date_to: date) -> date:
    """Twelve whole calendar months ending with ``date_to``'s month."""
    return month_start(add_months(date_to, -11))


def programme_data(
    db: Database,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    today: date | None = None,
) -> ProgrammeData:
    """The board's view of a period (default: the twelve calendar months to today)."""
    today = today or db.clock.today()
    date_to = date_to or today
    date_from = date_from or default_programme_start(date_to)
    check_period(date_from, date_to)
    alerts_on = min(date_to, today)
    past = alerts_on < today  # the period ends on a past day: the hub as it stood then
    with db.uow() as uow:
        conn = uow.session.connection()
        settings = load_in(uow)
        people = conn.scalar(select(func.count()).select_from(Person)) or 0
        reg_counts = _register_counts(conn, alerts_on if past else None)
        requests: Sequence[RequestFacts] = conn.execute(
            select(Request.status, Request.sent_on, Request.responded_on).where(
                Request.sent_on.between(date_from, date_to)
            )
        ).all()
        if past:
            requests = _requests_on(requests, alerts_on)
        rels = conn.execute(
            select(
                Relationship.id,
                Relationship.status,
                Relationship.started_on,
                Relationship.ended_on,
            ).where(
                (Relationship.started_on.between(date_from, date_to))
                | (Relationship.ended_on.is_not(None))
            )
        ).all()
        # A session recorded after a past day was still scheduled on it (SPEC 5).
        recorded = (
            Meeting.recorded_on.is_(None) | (Meeting.recorded_on <= alerts_on) if past else true()
        )
        held = conn.execute(
            select(
                Meeting.date,
                Meeting.minutes,
                Relationship.kind,
                Person.organisation,
                Relationship.client_id,
            )
            .join(Relationship, Relationship.id == Meeting.relationship_id)
            .join(Person, Person.id == Relationship.client_id)
            .where(Meeting.status == "held", Meeting.date.between(date_from, date_to), recorded)
        ).all()
        first_regular = dict(
            conn.execute(
                select(Meeting.relationship_id, func.min(Meeting.date))
                .where(Meeting.status == "held", Meeting.type == "regular", recorded)
                .group_by(Meeting.relationship_id)
            ).all()
        )
        evaluations = [
            e
            for e in conn.execute(
                select(
                    Evaluation.relationship_id,
                    Evaluation.kind,
                    Evaluation.completed_on,
                )
            ).all()
            if not past or exists_on(e.completed_on, alerts_on)
        ]
        culture = culture_lines(uow, date_from, date_to)
    found = hub_alerts(db, alerts_on, now=today)
    effect = impact(db, start=date_from, end=date_to)
    statuses = tuple(values(RegistrationStatus))
    done: dict[str, set[str]] = defaultdict(set)
    for e in evaluations:
        done[e.relationship_id].add(e.kind)
    return ProgrammeData(
        header=ReportHeader(
            "Programme report",
            settings.hub_name,
            period_label(date_from, date_to),
            today,
        ),
        date_from=date_from,
        date_to=date_to,
        people=int(people),
        register=tuple(
            RegisterCount(kind, tuple((s, int(reg_counts[(kind, s)])) for s in statuses))
            for kind in values(RegistrationKind)
        ),
        statuses=statuses,
        requests=_request_stats(requests, settings.response_days, alerts_on),
        months=_months(date_from, date_to, rels, held),
        completion=_completion(
            rels, first_regular, done, date_from, date_to, alerts_on, settings.followup_months
        ),
        impact=tuple(
            ImpactLine(i.text, i.post.mean, i.post.pairs, i.follow_up.mean, i.follow_up.pairs)
            for i in effect.items
        ),
        impact_template=effect.title,
        impact_scale=(effect.scale_min, effect.scale_max),
        impact_pairs=(effect.pairs_post, effect.pairs_follow_up),
        attainment=(
            ("Post", effect.attainment_post.evaluations, effect.attainment_post.mean),
            (
                "Follow-up",
                effect.attainment_follow_up.evaluations,
                effect.attainment_follow_up.mean,
            ),
        ),
        organisations=_organisations(held),
        alerts_on=alerts_on,
        alerts=_alert_counts(found),
        culture=culture,
        past_note=undated_note(format_date(alerts_on)) if past else "",
    )


def _register_counts(conn: Connection, day: date | None) -> Counter[tuple[str, str]]:
    """Registrations by (kind, status): now, or (``day``) as they stood on a past day."""
    if day is None:
        return Counter(
            {
                (kind, status): n
                for kind, status, n in conn.execute(
                    select(Registration.kind, Registration.status, func.count()).group_by(
                        Registration.kind, Registration.status
                    )
                )
            }
        )
    counts: Counter[tuple[str, str]] = Counter()
    for kind, status, registered_on, approved_on in conn.execute(
        select(
            Registration.kind,
            Registration.status,
            Registration.registered_on,
            Registration.approved_on,
        )
    ):
        then = registration_on(status, registered_on, approved_on, day)
        if then is not None:
            counts[(kind, then)] += 1
    return counts


@dataclass(slots=True)
class _RequestThen:
    """A request as it stood on a past day."""

    status: str
    sent_on: date
    responded_on: date | None


def _requests_on(rows: Sequence[RequestFacts], day: date) -> list[RequestFacts]:
    """The period's requests as they stood on a past day (answered later: pending)."""
    out: list[RequestFacts] = []
    for r in rows:
        status = request_on(r.status, r.sent_on, r.responded_on, day)
        if status is not None:
            answered = r.responded_on if status == r.status else None
            out.append(_RequestThen(status, r.sent_on, answered))
    return out


def _request_stats(rows: Sequence[RequestFacts], within: int, on: date) -> RequestStats:
    by_status = Counter(r.status for r in rows)
    answered = [
        (r.responded_on - r.sent_on).days
        for r in rows
        if r.status in (RequestStatus.ACCEPTED, RequestStatus.DECLINED) and r.responded_on
    ]
    return RequestStats(
        sent=len(rows),
        by_status=tuple((s, by_status[s]) for s in values(RequestStatus)),
        answered=len(answered),
        median_days=float(statistics.median(answered)) if answered else None,
        within_days=within,
        answered_within=sum(1 for d in answered if d <= within),
        pending_overdue=sum(
            1 for r in rows if r.status == RequestStatus.PENDING and (on - r.sent_on).days > within
        ),
    )


def _months(
    date_from: date,
    date_to: date,
    rels: Sequence[RelationshipSpan],
    held: Sequence[HeldActivity],
) -> tuple[MonthActivity, ...]:
    tally: dict[date, Counter[str]] = {}
    month = month_start(date_from)
    while month <= date_to:
        tally[month] = Counter()
        month = add_months(month, 1)

    def count(d: date | None, key: str, n: int = 1) -> None:
        if d is not None and date_from <= d <= date_to:
            tally[month_start(d)][key] += n

    for r in rels:
        count(r.started_on, "started")
        if r.status in ("ended", "withdrawn"):
            count(r.ended_on, r.status)
    for m in held:
        count(m.date, "sessions")
        count(m.date, m.kind, int(m.minutes))
    return tuple(
        MonthActivity(
            m,
            c["started"],
            c["ended"],
            c["withdrawn"],
            c["sessions"],
            c["coaching"],
            c["mentoring"],
        )
        for m, c in tally.items()
    )


def _completion(
    rels: Sequence[RelationshipSpan],
    first_regular: Mapping[str, date | str | None],
    done: dict[str, set[str]],
    date_from: date,
    date_to: date,
    on: date,
    followup_months: int,
) -> tuple[CompletionRate, ...]:
    def within(d: date | str | None) -> bool:
        if isinstance(d, str):  # an aggregate read back as ISO text
            d = date.fromisoformat(d[:10])
        return d is not None and date_from <= d <= min(date_to, on)

    pre_due = [rid for rid, d in first_regular.items() if within(d)]
    ended = [r.id for r in rels if r.status == "ended" and within(r.ended_on)]
    # Only ends from a few days before (period start − the follow-up months) can fall due.
    earliest = add_months(date_from, -followup_months) - timedelta(days=4)
    follow = [
        r.id
        for r in rels
        if r.status == "ended"
        and r.ended_on is not None
        and r.ended_on >= earliest
        and within(add_months(r.ended_on, followup_months))
    ]

    def rate(kind: EvaluationKind, label: str, due: list[str], basis: str) -> CompletionRate:
        return CompletionRate(
            kind.value, label, len(due), sum(1 for rid in due if kind.value in done[rid]), basis
        )

    return (
        rate(EvaluationKind.PRE, "Client pre", pre_due, "first regular session in the period"),
        rate(EvaluationKind.POST, "Client post", ended, "ended in the period"),
        rate(EvaluationKind.PRACTITIONER_POST, "Practitioner post", ended, "ended in the period"),
        rate(
            EvaluationKind.FOLLOW_UP,
            "Client follow-up",
            follow,
            f"follow-up ({followup_months} months after the end) fell due in the period",
        ),
    )


def _organisations(held: Sequence[HeldActivity]) -> tuple[OrganisationActivity, ...]:
    clients: dict[str, set[str]] = defaultdict(set)
    sessions: Counter[str] = Counter()
    minutes: Counter[str] = Counter()
    for m in held:
        org = m.organisation or "(not recorded)"
        clients[org].add(m.client_id)
        sessions[org] += 1
        minutes[org] += int(m.minutes)
    return tuple(
        OrganisationActivity(org, len(clients[org]), sessions[org], minutes[org])
        for org in sorted(clients, key=lambda o: (-minutes[o], o))
    )


def _alert_counts(found: list[Alert]) -> tuple[AlertCount, ...]:
    counts = Counter(a.rule for a in found)
    return tuple(
        AlertCount(rule, RULE_TITLES.get(rule, rule), RULE_SEVERITY.get(rule, ""), counts[rule])
        for rule in RULES
        if counts[rule]
    )
