"""The hub's facts indexed once (by relationship, person and kind) for the rules, and a Finding."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from coachdesk.domain.dates import add_months
from coachdesk.domain.enums import (
    EvaluationKind,
    MeetingStatus,
    MeetingType,
    RelationshipKind,
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

_HELD = MeetingStatus.HELD.value
_SCHEDULED = MeetingStatus.SCHEDULED.value
_REGULAR = MeetingType.REGULAR.value
_CONTRACTING_MEETING = MeetingType.CONTRACTING.value
_MENTORING = RelationshipKind.MENTORING.value
_OPEN = frozenset({RelationshipStatus.CONTRACTING.value, RelationshipStatus.ACTIVE.value})
_WITHDRAWN = RelationshipStatus.WITHDRAWN.value
_PENDING = RequestStatus.PENDING.value


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule's subject with the first day it holds and the words for the lead."""

    rule: str
    person: PersonFacts
    relationship: str | None
    since: date
    subject_kind: str
    subject_id: str
    message: str  # the alert's sentence, or the due item's when the index is for falling_due


def plural(count: float, word: str) -> str:
    """``1 day``, ``3 days``, ``1.5 hours``."""
    return f"{count:g} {word}" if count == 1 else f"{count:g} {word}s"


def _latest_on_or_before(
    dates_by_person: Mapping[str, Sequence[date]], today: date
) -> dict[str, date]:
    latest: dict[str, date] = {}
    for person_id, dates in dates_by_person.items():
        best = None
        for d in dates:
            if d <= today and (best is None or d > best):
                best = d
        if best is not None:
            latest[person_id] = best
    return latest


@dataclass
class HubIndex:
    """One pass over each list of facts; every rule then reads dicts, never rescans."""

    people: dict[str, PersonFacts]
    registrations: list[RegistrationFacts]
    relationships: dict[str, RelationshipFacts]  # withdrawn ones left out
    scheduled: list[MeetingFacts]  # still "scheduled", in live relationships
    held_late: list[MeetingFacts]  # "held" and recorded after the recording period
    first_regular: dict[str, date]  # relationship id -> first held regular session
    first_contracting: dict[str, date]  # relationship id -> first held contracting session
    completed: dict[tuple[str, str], date]  # (relationship id, kind) -> first completed on
    open_load: dict[tuple[str, str], int]  # (practitioner id, relationship kind) -> count
    mentoring_practitioners: set[str]  # practitioners of any live mentoring relationship
    mentoring_minutes: dict[str, int]  # practitioner id -> held minutes in the last 12 months
    client_since: dict[str, date | None]  # client id -> earliest pending request / open start
    latest_cpd: dict[str, date]
    latest_supervision: dict[str, date]
    requests: list[RequestFacts]
    since_from: date = date.min  # rules build findings only for ``since`` in this window
    since_to: date = date.max
    due_wording: bool = False  # word findings as what falls due, not as alerts
    _described: dict[str, str] = field(default_factory=dict)

    def wanted(self, since: date) -> bool:
        """Whether a finding starting on ``since`` is asked for (saves wording the rest)."""
        return self.since_from <= since <= self.since_to

    def name(self, person_id: str) -> str:
        person = self.people.get(person_id)
        return person.full_name if person is not None else "an unknown person"

    def describe(self, rel: RelationshipFacts) -> str:
        """``coaching relationship between A and B`` (worded once per relationship)."""
        text = self._described.get(rel.id)
        if text is None:
            text = (
                f"{rel.kind} relationship between {self.name(rel.practitioner_id)} "
                f"and {self.name(rel.client_id)}"
            )
            self._described[rel.id] = text
        return text


def build_index(
    facts: HubFacts,
    today: date,
    recording_days: int,
    since_from: date = date.min,
    since_to: date = date.max,
) -> HubIndex:
    """Index ``facts`` as they stand on ``today`` (evidence dated after today does not count).

    Rules reading the index word findings only when ``since`` lies in [since_from, since_to].
    """
    relationships = {r.id: r for r in facts.relationships if r.status != _WITHDRAWN}

    open_load: dict[tuple[str, str], int] = defaultdict(int)
    mentoring_practitioners: set[str] = set()
    client_since: dict[str, date | None] = {}

    def note_client(client_id: str, d: date | None) -> None:
        current = client_since.get(client_id)
        if client_id not in client_since or (d is not None and (current is None or d < current)):
            client_since[client_id] = d

    for rel in relationships.values():
        if rel.kind == _MENTORING:
            mentoring_practitioners.add(rel.practitioner_id)
        if rel.status in _OPEN:
            open_load[(rel.practitioner_id, rel.kind)] += 1
            note_client(rel.client_id, rel.started_on)
    for req in facts.requests:
        if req.status == _PENDING:
            note_client(req.client_id, req.sent_on)

    scheduled: list[MeetingFacts] = []
    held_late: list[MeetingFacts] = []
    first_regular: dict[str, date] = {}
    first_contracting: dict[str, date] = {}
    mentoring_minutes: dict[str, int] = defaultdict(int)
    window_start = add_months(today, -12)
    for m in facts.meetings:
        held_in = relationships.get(m.relationship_id)
        if held_in is None:
            continue
        if m.status == _HELD:
            d = m.date
            if m.recorded_on is not None and (m.recorded_on - d).days > recording_days:
                held_late.append(m)
            firsts = first_regular if m.type == _REGULAR else first_contracting
            if m.type in (_REGULAR, _CONTRACTING_MEETING):
                known = firsts.get(m.relationship_id)
                if known is None or d < known:
                    firsts[m.relationship_id] = d
            if held_in.kind == _MENTORING and window_start < d <= today:
                mentoring_minutes[held_in.practitioner_id] += m.minutes
        elif m.status == _SCHEDULED:
            scheduled.append(m)

    return HubIndex(
        people=dict(facts.people),
        registrations=list(facts.registrations),
        relationships=relationships,
        scheduled=scheduled,
        held_late=held_late,
        first_regular=first_regular,
        first_contracting=first_contracting,
        completed=_completed(facts.evaluations, relationships, today),
        open_load=dict(open_load),
        mentoring_practitioners=mentoring_practitioners,
        mentoring_minutes=dict(mentoring_minutes),
        client_since=client_since,
        latest_cpd=_latest_on_or_before(facts.cpd_dates, today),
        latest_supervision=_latest_on_or_before(facts.supervision_dates, today),
        requests=list(facts.requests),
        since_from=since_from,
        since_to=since_to,
    )


def _completed(
    evaluations: Sequence[EvaluationFacts],
    relationships: Mapping[str, RelationshipFacts],
    today: date,
) -> dict[tuple[str, str], date]:
    """The first completion date of each kind of evaluation per live relationship."""
    kinds = {k.value for k in EvaluationKind}
    completed: dict[tuple[str, str], date] = {}
    for ev in evaluations:
        done = ev.completed_on
        if done is None or done > today or ev.kind not in kinds:
            continue
        if ev.relationship_id not in relationships:
            continue
        key = (ev.relationship_id, ev.kind)
        known = completed.get(key)
        if known is None or done < known:
            completed[key] = done
    return completed
