"""The frozen dataclasses each report is built from (plain data: no SQLAlchemy, no Qt)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date

from coachdesk.domain.equality import AccessRow

#: EMCC's expectations and the accreditation thresholds the learning-log summary measures.
EMCC_CPD_HOURS_PER_YEAR = 16
EMCC_PRACTICE_PER_SUPERVISION_HOUR = 35


def hours(minutes: int) -> float:
    """Minutes as hours: 60 minutes are one hour and part hours count (45 min = 0.75 h)."""
    return minutes / 60


@dataclass(frozen=True)
class ReportHeader:
    """What the page template prints on every report."""

    title: str
    hub_name: str
    period: str  # e.g. "1 Dec 2025 – 23 Nov 2026", "On 23 Nov 2026"
    generated_on: date
    subject: str = ""  # e.g. the practitioner's name


# ---------------------------------------------------------------------------------------------
# Learning-log summary


@dataclass(frozen=True)
class PracticeSession:
    """One held session (never its private notes)."""

    date: date
    client: str  # a code or initials, or the full name when asked for
    kind: str  # coaching / mentoring
    type: str  # contracting / regular
    mode: str
    minutes: int


@dataclass(frozen=True)
class MonthTotal:
    month: date  # the first day of the month
    sessions: int
    minutes: int


@dataclass(frozen=True)
class ClientLogRow:
    """One client in the ICF-style client log (hours in the period)."""

    client: str
    kind: str  # coaching, mentoring, or both
    individual_or_group: str
    started_on: date | None
    ended_on: date | None  # None while any relationship with the client goes on
    sessions: int
    paid_minutes: int
    pro_bono_minutes: int
    group_size: int = 1  # every hub relationship is one practitioner with one client
    contact: str = ""  # the client's e-mail, only when full names are asked for


@dataclass(frozen=True)
class CpdLogRow:
    date: date
    title: str
    provider: str
    kind: str
    hours: float
    reflection: str


@dataclass(frozen=True)
class SupervisionLogRow:
    date: date
    supervisor: str
    qualification: str
    format: str
    hours: float
    themes: str


@dataclass(frozen=True)
class Reflection:
    date: date
    title: str
    client: str  # the linked relationship's client (code or name), or ""
    what_happened: str
    learning: str
    next_time: str
    competences: tuple[str, ...] = ()  # every EMCC competence it is tagged with
    number: int = 0  # its place in the period's reflections (1, 2, …), for cross-references


@dataclass(frozen=True)
class CompetenceGroup:
    """The reflections filed under one competence: each reflection is printed once, under the
    first competence it is tagged with (``entries``); ``also`` are those printed under an
    earlier competence that evidence this one too."""

    competence: str  # an EMCC competence category, or "Not tagged"
    entries: tuple[Reflection, ...]
    also: tuple[Reflection, ...] = ()

    @property
    def count(self) -> int:
        return len(self.entries) + len(self.also)


@dataclass(frozen=True)
class EvidenceCount:
    """Progress towards a count of evidence an accreditation asks for (e.g. 5 reflections)."""

    what: str
    needed: int
    held: int

    @property
    def met(self) -> bool:
        return self.held >= self.needed


@dataclass(frozen=True)
class QuarterSupervision:
    label: str  # "2026 Q3"
    sessions: int
    hours: float


@dataclass(frozen=True)
class Threshold:
    """Progress towards one accreditation threshold (hours of practice and clients)."""

    name: str
    hours_required: float
    clients_required: int
    hours: float
    clients: int
    counts: str  # what counts, e.g. "coaching and mentoring" / "coaching only"

    @property
    def met(self) -> bool:
        return self.hours >= self.hours_required and self.clients >= self.clients_required


@dataclass(frozen=True)
class LearningSummaryPanel:
    clients_period: int
    clients_all: int
    sessions_period: int
    minutes_period: int
    minutes_all: int  # every held session up to the period's end
    minutes_last_12: int
    minutes_last_18: int
    paid_minutes_all: int
    coaching_minutes_last_18: int
    cpd_hours_last_12: float
    cpd_expected: int
    supervision_quarters: tuple[QuarterSupervision, ...]
    supervision_hours_period: float
    practice_per_supervision_hour: float | None  # None when there was no supervision
    ratio_expected: int
    thresholds: tuple[Threshold, ...]
    #: The earliest current registration: no supervision or CPD is expected before it.
    registered_on: date | None = None
    #: The first day of the 12 months the CPD hours count.
    cpd_since: date = date.min
    #: EMCC EIA Foundation's evidence from the last 12 months (client feedback, reflections).
    foundation_evidence: tuple[EvidenceCount, ...] = ()
    paid_coaching_minutes_all: int = 0

    @property
    def cpd_first_year(self) -> bool:
        """Registered within the 12 months to the period's end: the year's CPD is not owed yet."""
        return self.registered_on is not None and self.registered_on > self.cpd_since


@dataclass(frozen=True)
class LearningLogData:
    header: ReportHeader
    name: str
    email: str
    organisation: str  # the practitioner's employer (the hub is the header's hub_name)
    registrations: tuple[str, ...]  # "Coach (active): EMCC Coach Practitioner, 2021-05-01"
    date_from: date | None
    date_to: date
    names_shown: bool
    sessions: tuple[PracticeSession, ...]
    months: tuple[MonthTotal, ...]
    clients: tuple[ClientLogRow, ...]
    cpd: tuple[CpdLogRow, ...]
    supervision: tuple[SupervisionLogRow, ...]
    competences: tuple[CompetenceGroup, ...]
    summary: LearningSummaryPanel
    job_title: str = ""
    #: The latest supervisor and their qualification, to fill the sign-off block ("" if none).
    supervisor: str = ""
    supervisor_qualification: str = ""

    @property
    def total_minutes(self) -> int:
        return sum(s.minutes for s in self.sessions)


# ---------------------------------------------------------------------------------------------
# Programme report


@dataclass(frozen=True)
class RegisterCount:
    kind: str  # coach / mentor
    by_status: tuple[tuple[str, int], ...]  # (status, count) in the register's status order

    @property
    def total(self) -> int:
        return sum(n for _, n in self.by_status)


@dataclass(frozen=True)
class RequestStats:
    sent: int
    by_status: tuple[tuple[str, int], ...]
    answered: int  # accepted or declined, with a response date
    median_days: float | None
    within_days: int  # the hub's response period (14 by default)
    answered_within: int
    pending_overdue: int  # still pending more than ``within_days`` after sending

    @property
    def share_within(self) -> float | None:
        return self.answered_within / self.answered if self.answered else None


@dataclass(frozen=True)
class MonthActivity:
    month: date  # the first day of the month
    started: int
    ended: int
    withdrawn: int
    sessions: int
    coaching_minutes: int
    mentoring_minutes: int


@dataclass(frozen=True)
class CompletionRate:
    kind: str  # pre / post / practitioner-post / follow-up
    label: str
    due: int  # relationships for which it fell due in the period
    completed: int
    basis: str  # which relationships count

    @property
    def rate(self) -> float | None:
        return self.completed / self.due if self.due else None


@dataclass(frozen=True)
class ImpactLine:
    item: str
    post_change: float | None
    post_pairs: int
    follow_up_change: float | None
    follow_up_pairs: int


@dataclass(frozen=True)
class AlertCount:
    rule: str
    title: str
    severity: str
    count: int


@dataclass(frozen=True)
class OrganisationActivity:
    organisation: str
    clients: int
    sessions: int
    minutes: int


@dataclass(frozen=True)
class CultureLine:
    """One organisation's stage over time beside its coaching activity in the period."""

    organisation: str
    history: tuple[tuple[date, int], ...]  # (assessed on, stage) up to the period's end
    stage: int  # the latest stage by the period's end
    assessed_on: date
    next_step: str
    practitioners: int  # active coaches and mentors from the organisation now
    relationships: int  # started in the period with a client from the organisation
    clients: int  # clients from the organisation with a session held in the period
    minutes: int  # held sessions in the period with those clients


@dataclass(frozen=True)
class ProgrammeData:
    header: ReportHeader
    date_from: date
    date_to: date
    people: int
    register: tuple[RegisterCount, ...]
    statuses: tuple[str, ...]
    requests: RequestStats
    months: tuple[MonthActivity, ...]
    completion: tuple[CompletionRate, ...]
    impact: tuple[ImpactLine, ...]
    impact_template: str
    impact_scale: tuple[int, int]
    impact_pairs: tuple[int, int]  # relationships with pre and post, with pre and follow-up
    attainment: tuple[tuple[str, int, float | None], ...]  # (at, evaluations, mean 0-10)
    organisations: tuple[OrganisationActivity, ...]
    alerts_on: date
    alerts: tuple[AlertCount, ...]
    culture: tuple[CultureLine, ...] = ()
    past_note: str = ""  # the period ends on a past day: how the hub then was found (SPEC 5)

    @property
    def total_minutes(self) -> int:
        return sum(m.coaching_minutes + m.mentoring_minutes for m in self.months)


# ---------------------------------------------------------------------------------------------
# Compliance report and register directory


@dataclass(frozen=True)
class ComplianceLine:
    since: date
    days: int
    message: str
    relationship: str | None


@dataclass(frozen=True)
class PersonAlerts:
    name: str
    email: str
    alerts: tuple[ComplianceLine, ...]


@dataclass(frozen=True)
class RuleAlerts:
    rule: str
    title: str
    severity: str
    people: tuple[PersonAlerts, ...]

    @property
    def count(self) -> int:
        return sum(len(p.alerts) for p in self.people)


@dataclass(frozen=True)
class ComplianceData:
    header: ReportHeader
    today: date
    rules: tuple[RuleAlerts, ...]
    past_note: str = ""  # a past day: how the hub as it stood then was found (SPEC 5)

    @property
    def total(self) -> int:
        return sum(r.count for r in self.rules)


@dataclass(frozen=True)
class DirectoryEntry:
    name: str
    email: str
    organisation: str
    job_title: str
    kind: str  # coach / mentor
    accreditation: str
    specialisms: tuple[str, ...]
    capacity: int
    load: int  # contracting + active relationships of the registration's kind


@dataclass(frozen=True)
class DirectoryData:
    header: ReportHeader
    entries: tuple[DirectoryEntry, ...]


# ---------------------------------------------------------------------------------------------
# Person record and relationship record


@dataclass(frozen=True)
class RecordSection:
    """One kind of record held about a person, as a table (or as field/value cards)."""

    title: str
    table: str  # the database table it comes from
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""
    cards: bool = False  # print each row as its own field/value block (many columns)
    source_columns: tuple[str, ...] = ()  # the table's columns the section prints


@dataclass(frozen=True)
class PersonRecordData:
    header: ReportHeader
    name: str
    email: str
    sections: tuple[RecordSection, ...]

    def section(self, table: str) -> tuple[RecordSection, ...]:
        return tuple(s for s in self.sections if s.table == table)


@dataclass(frozen=True)
class SessionLine:
    """A session as the relationship record prints it: never its private notes."""

    date: dt.date
    type: str
    mode: str
    minutes: int
    status: str
    recorded_on: dt.date | None  # dt.date: ``date`` is the field above in this class


@dataclass(frozen=True)
class EvaluationRecord:
    kind: str
    label: str
    completed_on: date | None
    template: str
    answers: tuple[tuple[str, str], ...]  # (item wording, answer)
    objectives: tuple[tuple[str, str], ...]  # (objective, rating 0-10)
    comments: str


@dataclass(frozen=True)
class RelationshipRecordData:
    header: ReportHeader
    id: str
    fields: tuple[tuple[str, str], ...]  # (label, value): kind, status, people, dates
    contracting: tuple[SessionLine, ...]
    individual_objectives: tuple[str, ...]
    organisational_objectives: tuple[str, ...]
    sessions: tuple[SessionLine, ...]
    evaluations: tuple[EvaluationRecord, ...]
    missing_evaluations: tuple[str, ...]  # "client post-evaluation (due 3 Dec 2026)"

    @property
    def held_minutes(self) -> int:
        return sum(s.minutes for s in self.sessions if s.status == "held")


# ---------------------------------------------------------------------------------------------
# Equality of access (SPEC 10)


@dataclass(frozen=True)
class HeadcountUsed:
    """The headcount one organisation contributes to a dimension's table."""

    organisation: str
    period_start: date
    period_end: date
    staff: str  # shown (``*`` for 1–7)


@dataclass(frozen=True)
class EqualityTable:
    dimension: str
    title: str
    reference: str  # the reference group's label
    rows: tuple[AccessRow, ...]
    total: AccessRow
    headcounts: tuple[HeadcountUsed, ...]
    excluded_clients: str  # clients of organisations without a headcount (shown)
    excluded_organisations: tuple[str, ...]


@dataclass(frozen=True)
class EqualityData:
    header: ReportHeader
    date_from: date
    date_to: date
    clients: str  # every client who started in the period (shown)
    tables: tuple[EqualityTable, ...]


#: The data of any one report (each dataclass says which report it is).
ReportData = (
    LearningLogData
    | ProgrammeData
    | ComplianceData
    | DirectoryData
    | PersonRecordData
    | RelationshipRecordData
    | EqualityData
)
