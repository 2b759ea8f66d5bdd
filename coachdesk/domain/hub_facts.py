"""The plain facts the hub's rules read, and the alerts and due items they return."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypedDict


@dataclass(frozen=True, slots=True)
class PersonFacts:
    id: str
    email: str
    full_name: str
    band: str | None
    region: str | None
    leadership_programme: bool
    manager_agreement_on: date | None
    has_override: bool
    override_on: date | None = None  # when the override was recorded (a past day needs it)


@dataclass(frozen=True, slots=True)
class RegistrationFacts:
    id: str
    person_id: str
    kind: str  # "coach" / "mentor"
    status: str
    registered_on: date | None
    approved_on: date | None
    profile_reviewed_on: date | None
    capacity: int
    has_certificate: bool
    org_support_on: date | None
    training_on: date | None
    hours_committed: float | None


@dataclass(frozen=True, slots=True)
class RequestFacts:
    id: str
    client_id: str
    practitioner_id: str
    kind: str
    status: str
    sent_on: date
    responded_on: date | None = None


@dataclass(frozen=True, slots=True)
class RelationshipFacts:
    id: str
    kind: str
    practitioner_id: str
    client_id: str
    status: str
    started_on: date | None
    ended_on: date | None


@dataclass(frozen=True, slots=True)
class MeetingFacts:
    id: str
    relationship_id: str
    type: str
    date: dt.date  # dt.date: in this class, after this line, a bare ``date`` is this field
    minutes: int
    status: str
    recorded_on: dt.date | None


@dataclass(frozen=True, slots=True)
class EvaluationFacts:
    id: str
    relationship_id: str
    kind: str  # pre / post / follow-up / practitioner-post
    completed_on: date | None


@dataclass(frozen=True)
class HubFacts:
    """Everything the rules need, gathered by the compliance service in a few queries."""

    people: Mapping[str, PersonFacts]  # by person id
    registrations: Sequence[RegistrationFacts] = ()
    requests: Sequence[RequestFacts] = ()
    relationships: Sequence[RelationshipFacts] = ()
    meetings: Sequence[MeetingFacts] = ()
    evaluations: Sequence[EvaluationFacts] = ()
    cpd_dates: Mapping[str, Sequence[date]] = field(default_factory=dict)  # person id -> dates
    supervision_dates: Mapping[str, Sequence[date]] = field(default_factory=dict)


class AlertJson(TypedDict):
    """One alert as ``check --json`` prints it (SPEC 8)."""

    rule: str
    severity: str
    person: str
    relationship: str | None
    since: str
    days: int
    message: str


@dataclass(frozen=True, slots=True)
class Alert:
    """One rule holding for one subject on one day."""

    rule: str  # rule id exactly as SPEC 5
    severity: str  # "overdue" | "warning"
    person_id: str
    person: str  # e-mail of the person in SPEC 5's second column
    relationship: str | None
    since: date
    days: int  # (today - since).days
    message: str
    subject_kind: str  # "request" | "meeting" | "relationship" | "registration" | "person"
    subject_id: str

    def as_json(self) -> AlertJson:
        """The alert as ``check --json`` prints it (SPEC 8)."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "person": self.person,
            "relationship": self.relationship,
            "since": self.since.isoformat(),
            "days": self.days,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class DueItem:
    """Something that will become an alert soon unless the lead acts by ``due_on``."""

    rule: str
    person_id: str
    person: str
    relationship: str | None
    due_on: date
    message: str
    subject_kind: str
    subject_id: str


#: The 18 rule ids of SPEC 5, in the order the SPEC lists them.
RULES: tuple[str, ...] = (
    "request-unanswered",
    "session-recorded-late",
    "session-not-recorded",
    "contracting-missing",
    "pre-evaluation-missing",
    "post-evaluation-missing",
    "practitioner-evaluation-missing",
    "followup-evaluation-overdue",
    "supervision-overdue",
    "cpd-overdue",
    "profile-stale",
    "mentor-training-lapsed",
    "mentor-hours-below-commitment",
    "accreditation-evidence-missing",
    "org-support-missing",
    "capacity-exceeded",
    "manager-agreement-missing",
    "eligibility-unmet",
)

#: A short heading for each rule, for the dashboard and the compliance report.
RULE_TITLES: dict[str, str] = {
    "request-unanswered": "Requests not answered in time",
    "session-recorded-late": "Sessions recorded late",
    "session-not-recorded": "Sessions not recorded",
    "contracting-missing": "Relationships without a contracting session",
    "pre-evaluation-missing": "Pre evaluations missing",
    "post-evaluation-missing": "Post evaluations missing",
    "practitioner-evaluation-missing": "Practitioner evaluations missing",
    "followup-evaluation-overdue": "Follow-up evaluations overdue",
    "supervision-overdue": "Supervision overdue",
    "cpd-overdue": "CPD overdue",
    "profile-stale": "Profiles due for review",
    "mentor-training-lapsed": "Trained mentors without a mentee",
    "mentor-hours-below-commitment": "Mentors below their committed hours",
    "accreditation-evidence-missing": "Coach certificates missing",
    "org-support-missing": "Organisational support not confirmed",
    "capacity-exceeded": "Practitioners over capacity",
    "manager-agreement-missing": "Line manager agreement missing",
    "eligibility-unmet": "Clients not eligible",
}

#: "Falls due in the next 14 days" (SPEC 6): the dashboard's list, and the fillable forms written
#: for what is due (SPEC 11).
DUE_HORIZON_DAYS = 14

OVERDUE = "overdue"
WARNING = "warning"

#: Rules whose ``since`` is a date plus a period (the day after that period ran out).
PERIOD_RULES = frozenset(
    {
        "request-unanswered",
        "session-recorded-late",
        "session-not-recorded",
        "post-evaluation-missing",
        "practitioner-evaluation-missing",
        "followup-evaluation-overdue",
        "supervision-overdue",
        "cpd-overdue",
        "profile-stale",
        "mentor-training-lapsed",
    }
)

#: Rules whose ``since`` is a date plus a period are "overdue"; the rest are "warning".
RULE_SEVERITY: dict[str, str] = {
    rule: OVERDUE if rule in PERIOD_RULES else WARNING for rule in RULES
}
