"""The hub's rules (SPEC 5): alerts and what falls due, as pure functions of facts and today."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

from coachdesk.domain.dates import add_days, add_months, format_date
from coachdesk.domain.eligibility import eligibility
from coachdesk.domain.enums import (
    EvaluationKind,
    RelationshipStatus,
    RequestStatus,
)
from coachdesk.domain.hub_facts import (
    RULE_SEVERITY,
    RULE_TITLES,
    RULES,
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
from coachdesk.domain.rules_index import Finding, HubIndex, build_index, plural
from coachdesk.domain.rules_practitioner import (
    accreditation_evidence_missing,
    capacity_exceeded,
    cpd_overdue,
    mentor_hours_below_commitment,
    mentor_training_lapsed,
    org_support_missing,
    profile_stale,
    supervision_overdue,
)
from coachdesk.domain.settings import HubSettings

__all__ = [
    "RULES",
    "RULE_TITLES",
    "RULE_SEVERITY",
    "DUE_RULES",
    "Alert",
    "DueItem",
    "EvaluationFacts",
    "HubFacts",
    "MeetingFacts",
    "PersonFacts",
    "RegistrationFacts",
    "RelationshipFacts",
    "RequestFacts",
    "evaluate",
    "falling_due",
]

_DAY = timedelta(days=1)
_ENDED = RelationshipStatus.ENDED.value
_PENDING = RequestStatus.PENDING.value

_Rule = Callable[[HubIndex, HubSettings, date], Iterator[Finding]]

#: Rules with a period that can be listed before they hold, in falling_due().
DUE_RULES: tuple[str, ...] = (
    "request-unanswered",
    "session-not-recorded",
    "post-evaluation-missing",
    "practitioner-evaluation-missing",
    "followup-evaluation-overdue",
    "supervision-overdue",
    "cpd-overdue",
    "profile-stale",
    "mentor-training-lapsed",
)


# --- requests and sessions -------------------------------------------------------------------


def request_unanswered(ix: HubIndex, s: HubSettings, today: date) -> Iterator[Finding]:
    """A request still pending more than ``response_days`` after it was sent."""
    for req in ix.requests:
        if req.status != _PENDING:
            continue
        practitioner = ix.people.get(req.practitioner_id)
        if practitioner is None:
            continue
        due = add_days(req.sent_on, s.response_days)
        if not ix.wanted(due + _DAY):
            continue
        client = ix.name(req.client_id)
        yield Finding(
            "request-unanswered",
            practitioner,
            None,
            due + _DAY,
            "request",
            req.id,
            f"Answer from {practitioner.full_name} to the {req.kind} request from {client} "
            f"(sent {format_date(req.sent_on)}) due by {format_date(due)}"
            if ix.due_wording
            else f"{practitioner.full_name} has not answered the {req.kind} request from "
            f"{client} sent on {format_date(req.sent_on)}; it needed an answer by "
            f"{format_date(due)}. Accept or decline it, or withdraw it for the client.",
        )


def session_recorded_late(ix: HubIndex, s: HubSettings, today: date) -> Iterator[Finding]:
    """A held session recorded more than ``recording_days`` after its date."""
    for m in ix.held_late:
        since = add_days(m.date, s.recording_days + 1)
        if not ix.wanted(since) or m.recorded_on is None:
            continue
        rel = ix.relationships[m.relationship_id]
        practitioner = ix.people.get(rel.practitioner_id)
        if practitioner is None:
            continue
        yield Finding(
            "session-recorded-late",
            practitioner,
            rel.id,
            since,
            "meeting",
            m.id,
            f"{practitioner.full_name} recorded the {m.type} session of {format_date(m.date)} "
            f"in the {ix.describe(rel)} on {format_date(m.recorded_on)}, more than "
            f"{plural(s.recording_days, 'day')} after it was held.",
        )


def session_not_recorded(ix: HubIndex, s: HubSettings, today: date) -> Iterator[Finding]:
    """A session still ``scheduled`` more than ``recording_days`` after its date."""
    for m in ix.scheduled:
        due = add_days(m.date, s.recording_days)
        if not ix.wanted(due + _DAY):
            continue
        rel = ix.relationships[m.relationship_id]
        practitioner = ix.people.get(rel.practitioner_id)
        if practitioner is None:
            continue
        yield Finding(
            "session-not-recorded",
            practitioner,
            rel.id,
            due + _DAY,
            "meeting",
            m.id,
            f"Record the {m.type} session of {format_date(m.date)} in the {ix.describe(rel)} "
            f"by {format_date(due)}"
            if ix.due_wording
            else f"The {m.type} session of {format_date(m.date)} in the {ix.describe(rel)} is "
            f"still scheduled; {practitioner.full_name} should record it as held, cancelled "
            f"or did not attend (it was due by {format_date(due)}).",
        )


# --- contracting and evaluations -------------------------------------------------------------


def contracting_missing(ix: HubIndex, s: HubSettings, today: date) -> Iterator[Finding]:
    """A held regular session with no held contracting session on or before the first one."""
    for rel_id, first in ix.first_regular.items():
        contracted = ix.first_contracting.get(rel_id)
        if (contracted is not None and contracted <= first) or not ix.wanted(first):
            continue
        rel = ix.relationships[rel_id]
        practitioner = ix.people.get(rel.practitioner_id)
        if practitioner is None:
            continue
        yield Finding(
            "contracting-missing",
            practitioner,
            rel.id,
            first,
            "relationship",
            rel.id,
            f"The {ix.describe(rel)} held its first regular session on {format_date(first)} "
            f"with no contracting session held before it; {practitioner.full_name} should "
            f"record the contracting session.",
        )


def pre_evaluation_missing(ix: HubIndex, s: HubSettings, today: date) -> Iterator[Finding]:
    """A held regular session with no client pre evaluation completed on or before the first."""
    pre = EvaluationKind.PRE.value
    for rel_id, first in ix.first_regular.items():
        done = ix.completed.get((rel_id, pre))
        if (done is not None and done <= first) or not ix.wanted(first):
            continue
        rel = ix.relationships[rel_id]
        client = ix.people.get(rel.client_id)
        if client is None:
            continue
        yield Finding(
            "pre-evaluation-missing",
            client,
            rel.id,
            first,
            "relationship",
            rel.id,
            f"{client.full_name} completed no pre evaluation before the first regular session "
            f"({format_date(first)}) of the {ix.describe(rel)}; enter the form if there is one.",
        )


def _ended(ix: HubIndex) -> Iterator[tuple[RelationshipFacts, date]]:
    for rel in ix.relationships.values():
        if rel.status == _ENDED and rel.ended_on is not None:
            yield rel, rel.ended_on


def _end_evaluation(
    ix: HubIndex, s: HubSettings, rule: str, kind: str, label: str, months: int
) -> Iterator[Finding]:
    by_client = kind != EvaluationKind.PRACTITIONER_POST.value
    for rel, ended in _ended(ix):
        if (rel.id, kind) in ix.completed:
            continue
        due = add_days(add_months(ended, months), s.evaluation_grace_days)
        if not ix.wanted(due + _DAY):
            continue
        who = ix.people.get(rel.client_id if by_client else rel.practitioner_id)
        if who is None:
            continue
        yield Finding(
            rule,
            who,
            rel.id,
            due + _DAY,
            "relationship",
            rel.id,
            f"{label[0].upper()}{label[1:]} from {who.full_name} due by {format_date(due)} "
            f"({ix.describe(rel)}, ended {format_date(ended)})"
            if ix.due_wording
            else f"{who.full_name} has not completed the {label} for the {ix.describe(rel)}, "
            f"which ended on {format_date(ended)}; it was due by {format_date(due)}.",
        )


def post_evaluation_missing(ix: HubIndex, s: HubSettings, today: date) -> Iterator[Finding]:
    """An ended relationship with no client post evaluation after the grace period."""
    return _end_evaluation(
        ix, s, "post-evaluation-missing", EvaluationKind.POST.value, "post evaluation", 0
    )


def practitioner_evaluation_missing(ix: HubIndex, s: HubSettings, today: date) -> Iterator[Finding]:
    """An ended relationship with no practitioner post evaluation after the grace period."""
    return _end_evaluation(
        ix,
        s,
        "practitioner-evaluation-missing",
        EvaluationKind.PRACTITIONER_POST.value,
        "practitioner post evaluation",
        0,
    )


def followup_evaluation_overdue(ix: HubIndex, s: HubSettings, today: date) -> Iterator[Finding]:
    """An ended relationship with no client follow-up after ``followup_months`` plus grace."""
    return _end_evaluation(
        ix,
        s,
        "followup-evaluation-overdue",
        EvaluationKind.FOLLOW_UP.value,
        "follow-up evaluation",
        s.followup_months,
    )


# --- clients ---------------------------------------------------------------------------------


def _clients(ix: HubIndex, today: date) -> Iterator[tuple[PersonFacts, date]]:
    for client_id, since in ix.client_since.items():
        person = ix.people.get(client_id)
        if person is not None and ix.wanted(since or today):
            yield person, since or today


def manager_agreement_missing(ix: HubIndex, s: HubSettings, today: date) -> Iterator[Finding]:
    """A client with a pending request or an open relationship and no manager agreement."""
    for person, since in _clients(ix, today):
        if person.manager_agreement_on is not None:
            continue
        yield Finding(
            "manager-agreement-missing",
            person,
            None,
            since,
            "person",
            person.id,
            f"{person.full_name} has had a request or relationship open since "
            f"{format_date(since)} with no line manager agreement recorded; record the date "
            f"the manager agreed it as part of the personal development plan.",
        )


def eligibility_unmet(ix: HubIndex, s: HubSettings, today: date) -> Iterator[Finding]:
    """A client who is not eligible (SPEC 1) and has no recorded override."""
    for person, since in _clients(ix, today):
        if person.has_override:
            continue
        result = eligibility(person, s)
        if result.eligible:
            continue
        yield Finding(
            "eligibility-unmet",
            person,
            None,
            since,
            "person",
            person.id,
            f"{person.full_name} has had a request or relationship open since "
            f"{format_date(since)} but is not eligible ({result.summary()}); record an "
            f"override with a reason, or close the request or relationship.",
        )


_RULE_FUNCTIONS: dict[str, _Rule] = {
    "request-unanswered": request_unanswered,
    "session-recorded-late": session_recorded_late,
    "session-not-recorded": session_not_recorded,
    "contracting-missing": contracting_missing,
    "pre-evaluation-missing": pre_evaluation_missing,
    "post-evaluation-missing": post_evaluation_missing,
    "practitioner-evaluation-missing": practitioner_evaluation_missing,
    "followup-evaluation-overdue": followup_evaluation_overdue,
    "supervision-overdue": supervision_overdue,
    "cpd-overdue": cpd_overdue,
    "profile-stale": profile_stale,
    "mentor-training-lapsed": mentor_training_lapsed,
    "mentor-hours-below-commitment": mentor_hours_below_commitment,
    "accreditation-evidence-missing": accreditation_evidence_missing,
    "org-support-missing": org_support_missing,
    "capacity-exceeded": capacity_exceeded,
    "manager-agreement-missing": manager_agreement_missing,
    "eligibility-unmet": eligibility_unmet,
}
assert tuple(_RULE_FUNCTIONS) == RULES
_ORDER = {rule: i for i, rule in enumerate(RULES)}


def evaluate(facts: HubFacts, settings: HubSettings, today: date) -> list[Alert]:
    """Every alert of SPEC 5 holding on ``today``: in RULES order, then since, person, subject."""
    ix = build_index(facts, today, settings.recording_days, since_to=today)
    alerts = [
        Alert(
            rule=f.rule,
            severity=RULE_SEVERITY[f.rule],
            person_id=f.person.id,
            person=f.person.email,
            relationship=f.relationship,
            since=f.since,
            days=(today - f.since).days,
            message=f.message,
            subject_kind=f.subject_kind,
            subject_id=f.subject_id,
        )
        for rule in RULES
        for f in _RULE_FUNCTIONS[rule](ix, settings, today)
        if f.since <= today
    ]
    alerts.sort(key=lambda a: (_ORDER[a.rule], a.since, a.person, a.subject_id))
    return alerts


def falling_due(
    facts: HubFacts, settings: HubSettings, today: date, horizon_days: int = 14
) -> list[DueItem]:
    """What will become an alert unless done by a day in [today, today + horizon_days].

    One item per subject of a rule in DUE_RULES that does not hold yet; ``due_on`` is the
    last day before it would hold (its ``since`` minus one day).
    """
    last = add_days(today, horizon_days)
    ix = build_index(facts, today, settings.recording_days, today + _DAY, last + _DAY)
    ix.due_wording = True
    items = [
        DueItem(
            rule=f.rule,
            person_id=f.person.id,
            person=f.person.email,
            relationship=f.relationship,
            due_on=f.since - _DAY,
            message=f.message,
            subject_kind=f.subject_kind,
            subject_id=f.subject_id,
        )
        for rule in DUE_RULES
        for f in _RULE_FUNCTIONS[rule](ix, settings, today)
        if today < f.since and f.since - _DAY <= last
    ]
    items.sort(key=lambda d: (d.due_on, _ORDER[d.rule], d.person, d.subject_id))
    return items
