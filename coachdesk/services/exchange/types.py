"""The coachdesk/1 exchange format as types: each kind of record, its nested objects, a bundle.

These describe a record in its canonical form (SPEC 7; docs/exchange-format.md): what
``validate_bundle`` returns and what the demo writes. ``updated_at`` may be left out of a
record (it reads as null), and so may a person's equality answers. Dates are ISO text,
people are named by e-mail, files travel as base64 inside the record.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NotRequired, TypeAlias, TypedDict

from coachdesk.domain.settings import SettingValue

#: Any JSON value (what a free-form field, such as a template item's extra keys, may hold).
JsonValue: TypeAlias = "str | int | float | bool | None | list[JsonValue] | dict[str, JsonValue]"

#: A record of any kind in exchange form: its JSON-ready values by field name.
ExchangeRecord: TypeAlias = dict[str, object]

#: An evaluation's answer to one questionnaire item: a number, a text, or null (not answered).
Answer: TypeAlias = int | float | str | None


class AttachmentRecord(TypedDict):
    """A certificate or a piece of CPD evidence, carried inside its record."""

    filename: str
    media_type: str
    data: str  # base64


class OverrideRecord(TypedDict):
    """A person's eligibility override: why, and when it was recorded."""

    reason: str
    on: str | None


class PersonRecord(TypedDict):
    email: str
    full_name: str
    organisation: str
    job_title: str
    band: str | None
    region: str | None  # null: the hub's region
    manager_name: str
    manager_email: str
    leadership_programme: bool
    manager_agreement_on: str | None
    eligibility_override: OverrideRecord | None
    notes: str
    development_areas: list[str]
    ethnic_group: NotRequired[str | None]
    sex: NotRequired[str | None]
    disability: NotRequired[str | None]
    updated_at: NotRequired[str | None]


class RegistrationRecord(TypedDict):
    id: str
    person: str
    kind: str
    status: str
    registered_on: str | None
    approved_on: str | None
    profile_reviewed_on: str | None
    capacity: int
    specialisms: list[str]
    ethics_agreed: bool
    org_support_on: str | None
    pro_bono: bool
    accreditation: str | None
    accreditation_on: str | None
    certificate: AttachmentRecord | None
    training_on: str | None
    experience: str | None
    hours_committed: float | None
    icf_hours: NotRequired[str]
    updated_at: NotRequired[str | None]


class RequestRecord(TypedDict):
    id: str
    client: str
    practitioner: str
    kind: str
    sent_on: str
    status: str
    responded_on: str | None
    updated_at: NotRequired[str | None]


class SessionRecord(TypedDict):
    """A session, nested in its relationship (``relationship`` only while merged on its own)."""

    id: str
    type: str
    date: str
    minutes: int
    mode: str
    status: str
    recorded_on: str | None
    notes: str
    updated_at: NotRequired[str | None]
    relationship: NotRequired[str]


class EvaluationRecord(TypedDict):
    """An evaluation, nested in its relationship (``relationship`` as for a session)."""

    id: str
    kind: str
    completed_on: str | None
    template: str
    answers: Mapping[str, Answer]
    objective_ratings: Sequence[int | float | None]
    comments: str
    updated_at: NotRequired[str | None]
    relationship: NotRequired[str]


class RelationshipRecord(TypedDict):
    id: str
    kind: str
    practitioner: str
    client: str
    request: str | None
    status: str
    started_on: str | None
    planned_end_on: str | None
    planned_sessions: int | None
    ended_on: str | None
    end_reason: str | None
    individual_objectives: list[str]
    organisational_objectives: list[str]
    updated_at: NotRequired[str | None]
    sessions: NotRequired[list[SessionRecord]]
    evaluations: NotRequired[list[EvaluationRecord]]


class CpdRecord(TypedDict):
    id: str
    person: str
    date: str
    title: str
    provider: str
    kind: str
    hours: float
    reflection: str
    evidence: AttachmentRecord | None
    updated_at: NotRequired[str | None]


class SupervisionRecord(TypedDict):
    id: str
    person: str
    date: str
    supervisor: str
    supervisor_qualification: str
    format: str
    hours: float
    themes: str
    reflection: str
    updated_at: NotRequired[str | None]


class LearningRecord(TypedDict):
    id: str
    person: str
    date: str
    relationship: str | None
    title: str
    what_happened: str
    learning: str
    next_time: str
    competences: list[str]
    updated_at: NotRequired[str | None]


class TemplateRecord(TypedDict):
    key: str
    title: str
    scale: list[int]  # [lowest, highest]
    items: list[dict[str, JsonValue]]  # each a "key" and a "text", any other fields kept
    updated_at: NotRequired[str | None]


class HeadcountRecord(TypedDict):
    id: str
    organisation: str
    period_start: str
    period_end: str
    dimension: str
    staff_group: str
    headcount: int
    updated_at: NotRequired[str | None]


class CultureRecord(TypedDict):
    id: str
    organisation: str
    assessed_on: str
    stage: int
    evidence: dict[str, str]  # "1".."5" -> text
    next_step: str
    updated_at: NotRequired[str | None]


class ReminderAlert(TypedDict):
    """One alert a reminder listed: its rule, and its subject's id (null: the person)."""

    rule: str
    subject: str | None


class ReminderRecord(TypedDict):
    id: str
    person: str
    drafted_on: str
    alerts: list[ReminderAlert]
    updated_at: NotRequired[str | None]


class BundleDocument(TypedDict):
    """A whole bundle as it is written: the settings and every list, records in exchange form.

    The headcount and culture lists are written only when there are any (SPEC 10)."""

    format: str
    exported_at: str
    settings: Mapping[str, SettingValue]
    people: Sequence[Mapping[str, object]]
    registrations: Sequence[Mapping[str, object]]
    requests: Sequence[Mapping[str, object]]
    relationships: Sequence[Mapping[str, object]]  # each with its sessions and evaluations
    cpd: Sequence[Mapping[str, object]]
    supervision: Sequence[Mapping[str, object]]
    learning_log: Sequence[Mapping[str, object]]
    templates: NotRequired[Sequence[Mapping[str, object]]]
    workforce_headcounts: NotRequired[Sequence[Mapping[str, object]]]
    culture_assessments: NotRequired[Sequence[Mapping[str, object]]]
    reminders: NotRequired[Sequence[Mapping[str, object]]]
