"""The frozen dataclasses the write and read services take and return (never ORM objects)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from coachdesk.domain.enums import (
    Band,
    Competence,
    CpdKind,
    EvaluationKind,
    IcfHours,
    MeetingMode,
    MeetingStatus,
    MeetingType,
    RegistrationKind,
    RegistrationStatus,
    RelationshipKind,
    RelationshipStatus,
    RequestStatus,
    SupervisionFormat,
)

# ---------------------------------------------------------------------------------------------
# Shared


@dataclass(frozen=True)
class FileInput:
    """A file the lead picked: a coach's certificate or a piece of CPD evidence."""

    filename: str
    data: bytes
    media_type: str | None = None  # checked against the contents when given


@dataclass(frozen=True)
class AttachmentFile:
    """A file kept in the database; unpacks as ``filename, media_type, data``."""

    id: str
    filename: str
    media_type: str
    data: bytes

    def __iter__(self) -> Iterator[object]:
        return iter((self.filename, self.media_type, self.data))


@dataclass(frozen=True)
class EligibilityOverride:
    reason: str
    on: date | None


# ---------------------------------------------------------------------------------------------
# People and registrations


@dataclass(frozen=True)
class PersonInput:
    """A person as the lead enters them; ``region`` None or blank means the hub's region."""

    full_name: str
    email: str
    organisation: str = ""
    job_title: str = ""
    band: Band | str | None = None  # "8A", "band 6"...: the service normalises it
    region: str | None = None
    manager_name: str = ""
    manager_email: str = ""
    leadership_programme: bool = False
    manager_agreement_on: date | None = None
    development_areas: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class PersonRow:
    id: str
    email: str
    full_name: str
    organisation: str
    job_title: str
    band: Band | None
    region: str
    manager_name: str
    manager_email: str
    leadership_programme: bool
    manager_agreement_on: date | None
    eligibility_override: EligibilityOverride | None
    development_areas: tuple[str, ...]
    notes: str
    roles: tuple[str, ...] = ()  # "coach", "mentor", "coachee", "mentee"
    roles_summary: str = ""  # e.g. "coach (active), coachee"
    #: The record's version when read: pass it back as ``expected_version`` when saving or
    #: deleting, and a change someone made meanwhile is refused (StaleRecord), not overwritten.
    version: int = 1

    def as_input(self) -> PersonInput:
        return PersonInput(
            full_name=self.full_name,
            email=self.email,
            organisation=self.organisation,
            job_title=self.job_title,
            band=self.band,
            region=self.region,
            manager_name=self.manager_name,
            manager_email=self.manager_email,
            leadership_programme=self.leadership_programme,
            manager_agreement_on=self.manager_agreement_on,
            development_areas=self.development_areas,
            notes=self.notes,
        )


@dataclass(frozen=True)
class RegistrationInput:
    """A registration on the practitioner register.

    ``registered_on`` None means today. ``certificate`` None keeps the file already held
    (remove it with ``register.remove_certificate``).
    """

    kind: RegistrationKind | str
    status: RegistrationStatus | str = RegistrationStatus.APPLIED
    registered_on: date | None = None
    approved_on: date | None = None
    profile_reviewed_on: date | None = None
    capacity: int = 2
    specialisms: tuple[str, ...] = ()
    ethics_agreed: bool = False
    org_support_on: date | None = None
    pro_bono: bool = False
    #: How the hours count for ICF (``paid`` / ``pro-bono``); None keeps what is held (``paid``
    #: for a new registration).
    icf_hours: IcfHours | str | None = None
    accreditation: str | None = None
    accreditation_on: date | None = None
    training_on: date | None = None
    experience: str | None = None
    hours_committed: float | None = None
    certificate: FileInput | None = None


@dataclass(frozen=True)
class RegistrationRow:
    id: str
    person_id: str
    email: str
    full_name: str
    organisation: str
    kind: RegistrationKind
    status: RegistrationStatus
    registered_on: date | None
    approved_on: date | None
    profile_reviewed_on: date | None
    capacity: int
    specialisms: tuple[str, ...]
    ethics_agreed: bool
    org_support_on: date | None
    pro_bono: bool
    accreditation: str | None
    accreditation_on: date | None
    certificate_id: str | None
    certificate_filename: str | None
    training_on: date | None
    experience: str | None
    hours_committed: float | None
    current_clients: int  # contracting + active relationships of this registration's kind
    approval_missing: tuple[str, ...]  # what approval would still need; empty when complete
    icf_hours: IcfHours = IcfHours.PAID  # how the hours count in an ICF client log
    #: The record's version when read: pass it back as ``expected_version`` when saving or
    #: deleting, and a change someone made meanwhile is refused (StaleRecord), not overwritten.
    version: int = 1

    def as_input(self) -> RegistrationInput:
        return RegistrationInput(
            kind=self.kind,
            status=self.status,
            registered_on=self.registered_on,
            approved_on=self.approved_on,
            profile_reviewed_on=self.profile_reviewed_on,
            capacity=self.capacity,
            specialisms=self.specialisms,
            ethics_agreed=self.ethics_agreed,
            org_support_on=self.org_support_on,
            pro_bono=self.pro_bono,
            icf_hours=self.icf_hours,
            accreditation=self.accreditation,
            accreditation_on=self.accreditation_on,
            training_on=self.training_on,
            experience=self.experience,
            hours_committed=self.hours_committed,
        )


# ---------------------------------------------------------------------------------------------
# Requests and relationships


@dataclass(frozen=True)
class RequestInput:
    """A client's request to a practitioner; ``sent_on`` None means today."""

    client: str
    practitioner: str
    kind: RelationshipKind | str
    sent_on: date | None = None


@dataclass(frozen=True)
class RequestRow:
    id: str
    kind: RelationshipKind
    status: RequestStatus
    sent_on: date
    responded_on: date | None
    client: str  # e-mail
    client_id: str
    client_name: str
    practitioner: str  # e-mail
    practitioner_id: str
    practitioner_name: str
    relationship_id: str | None  # the relationship an accepted request opened
    #: The record's version when read: pass it back as ``expected_version`` when saving or
    #: deleting, and a change someone made meanwhile is refused (StaleRecord), not overwritten.
    version: int = 1


@dataclass(frozen=True)
class RelationshipInput:
    kind: RelationshipKind | str
    practitioner: str  # e-mail
    client: str  # e-mail
    started_on: date | None = None
    planned_end_on: date | None = None
    planned_sessions: int | None = None
    individual_objectives: tuple[str, ...] = ()
    organisational_objectives: tuple[str, ...] = ()


@dataclass(frozen=True)
class RelationshipRow:
    id: str
    kind: RelationshipKind
    status: RelationshipStatus
    practitioner: str  # e-mail
    practitioner_id: str
    practitioner_name: str
    client: str  # e-mail
    client_id: str
    client_name: str
    request: str | None  # the request's id, when it opened from one
    started_on: date | None
    planned_end_on: date | None
    planned_sessions: int | None
    ended_on: date | None
    end_reason: str | None
    individual_objectives: tuple[str, ...]
    organisational_objectives: tuple[str, ...]
    sessions_held: int = 0
    minutes_held: int = 0
    last_session_on: date | None = None  # the latest held session
    next_session_on: date | None = None  # the earliest scheduled session
    #: The record's version when read: pass it back as ``expected_version`` when saving or
    #: deleting, and a change someone made meanwhile is refused (StaleRecord), not overwritten.
    version: int = 1

    def as_input(self) -> RelationshipInput:
        return RelationshipInput(
            kind=self.kind,
            practitioner=self.practitioner,
            client=self.client,
            started_on=self.started_on,
            planned_end_on=self.planned_end_on,
            planned_sessions=self.planned_sessions,
            individual_objectives=self.individual_objectives,
            organisational_objectives=self.organisational_objectives,
        )


@dataclass(frozen=True)
class AcceptedRequest:
    """An accepted request and the relationship (in ``contracting``) it opened."""

    request: RequestRow
    relationship: RelationshipRow


@dataclass(frozen=True)
class DueEvaluation:
    """An evaluation a relationship now needs, and from when it is overdue."""

    kind: EvaluationKind  # post / practitioner-post / follow-up
    label: str  # "client post-evaluation"
    email: str  # who completes it
    due_on: date
    overdue_from: date  # the first day the hub's rules raise an alert


@dataclass(frozen=True)
class EndedRelationship:
    relationship: RelationshipRow
    due: tuple[DueEvaluation, ...]


# ---------------------------------------------------------------------------------------------
# Sessions and evaluations


@dataclass(frozen=True)
class MeetingInput:
    """A session. ``recorded_on`` None means today when added; on an update it keeps the date
    already held, unless the session stops being ``scheduled`` (then it becomes today)."""

    type: MeetingType | str
    date: dt.date
    minutes: int
    mode: MeetingMode | str
    status: MeetingStatus | str = MeetingStatus.SCHEDULED
    recorded_on: dt.date | None = None
    notes: str = ""


@dataclass(frozen=True)
class MeetingRow:
    id: str
    relationship_id: str
    type: MeetingType
    date: dt.date
    minutes: int
    mode: MeetingMode
    status: MeetingStatus
    recorded_on: dt.date | None
    notes: str  # private: shown on screen only, never printed
    #: The record's version when read: pass it back as ``expected_version`` when saving or
    #: deleting, and a change someone made meanwhile is refused (StaleRecord), not overwritten.
    version: int = 1

    def as_input(self) -> MeetingInput:
        scheduled = self.status == MeetingStatus.SCHEDULED
        return MeetingInput(
            type=self.type,
            date=self.date,
            minutes=self.minutes,
            mode=self.mode,
            status=self.status,
            recorded_on=None if scheduled else self.recorded_on,
            notes=self.notes,
        )


@dataclass(frozen=True)
class EvaluationInput:
    """A completed questionnaire; ``template`` None means the default for the kind."""

    kind: EvaluationKind | str
    completed_on: date | None
    answers: Mapping[str, int] = field(default_factory=dict, hash=False)
    objective_ratings: tuple[int, ...] = ()
    comments: str = ""
    template: str | None = None


@dataclass(frozen=True)
class EvaluationRow:
    id: str
    relationship_id: str
    kind: EvaluationKind
    completed_on: date | None
    template: str
    answers: Mapping[str, int] = field(hash=False)
    objective_ratings: tuple[int, ...]
    comments: str
    #: The record's version when read: pass it back as ``expected_version`` when saving or
    #: deleting, and a change someone made meanwhile is refused (StaleRecord), not overwritten.
    version: int = 1

    def as_input(self) -> EvaluationInput:
        return EvaluationInput(
            kind=self.kind,
            completed_on=self.completed_on,
            answers=dict(self.answers),
            objective_ratings=self.objective_ratings,
            comments=self.comments,
            template=self.template,
        )


@dataclass(frozen=True)
class RelationshipDetail:
    relationship: RelationshipRow
    sessions: tuple[MeetingRow, ...]
    evaluations: tuple[EvaluationRow, ...]
    due_evaluations: tuple[DueEvaluation, ...]  # for an ended relationship, still missing


@dataclass(frozen=True)
class TemplateItemInput:
    """One item; leave ``key`` blank on a new item and one is made from the text."""

    text: str
    key: str = ""


@dataclass(frozen=True)
class TemplateInput:
    key: str
    title: str
    items: tuple[TemplateItemInput, ...]
    scale: tuple[int, int] = (1, 5)


@dataclass(frozen=True)
class TemplateItem:
    key: str
    text: str
    answered: int  # how many evaluations answer it: such an item may be reworded, not removed


@dataclass(frozen=True)
class TemplateRow:
    key: str
    title: str
    scale_min: int
    scale_max: int
    items: tuple[TemplateItem, ...]
    evaluations: int  # how many evaluations use the template
    #: The record's version when read: pass it back as ``expected_version`` when saving or
    #: deleting, and a change someone made meanwhile is refused (StaleRecord), not overwritten.
    version: int = 1

    def as_input(self) -> TemplateInput:
        return TemplateInput(
            key=self.key,
            title=self.title,
            items=tuple(TemplateItemInput(i.text, i.key) for i in self.items),
            scale=(self.scale_min, self.scale_max),
        )


# ---------------------------------------------------------------------------------------------
# Practitioner development


@dataclass(frozen=True)
class CpdInput:
    """A CPD record; ``evidence`` None keeps the file already held (if any)."""

    date: dt.date
    title: str
    kind: CpdKind | str
    hours: float
    provider: str = ""
    reflection: str = ""
    evidence: FileInput | None = None


@dataclass(frozen=True)
class CpdRow:
    id: str
    person_id: str
    email: str
    date: dt.date
    title: str
    provider: str
    kind: CpdKind
    hours: float
    reflection: str
    evidence_id: str | None
    evidence_filename: str | None
    #: The record's version when read: pass it back as ``expected_version`` when saving or
    #: deleting, and a change someone made meanwhile is refused (StaleRecord), not overwritten.
    version: int = 1

    def as_input(self) -> CpdInput:
        return CpdInput(
            date=self.date,
            title=self.title,
            kind=self.kind,
            hours=self.hours,
            provider=self.provider,
            reflection=self.reflection,
        )


@dataclass(frozen=True)
class SupervisionInput:
    date: dt.date
    supervisor: str
    format: SupervisionFormat | str
    hours: float
    supervisor_qualification: str = ""
    themes: str = ""
    reflection: str = ""


@dataclass(frozen=True)
class SupervisionRow:
    id: str
    person_id: str
    email: str
    date: dt.date
    supervisor: str
    supervisor_qualification: str
    format: SupervisionFormat
    hours: float
    themes: str
    reflection: str
    #: The record's version when read: pass it back as ``expected_version`` when saving or
    #: deleting, and a change someone made meanwhile is refused (StaleRecord), not overwritten.
    version: int = 1

    def as_input(self) -> SupervisionInput:
        return SupervisionInput(
            date=self.date,
            supervisor=self.supervisor,
            format=self.format,
            hours=self.hours,
            supervisor_qualification=self.supervisor_qualification,
            themes=self.themes,
            reflection=self.reflection,
        )


@dataclass(frozen=True)
class LearningInput:
    date: dt.date
    title: str
    relationship: str | None = None  # a relationship id in which the person is practitioner
    what_happened: str = ""
    learning: str = ""
    next_time: str = ""
    competences: tuple[Competence | str, ...] = ()


@dataclass(frozen=True)
class LearningRow:
    id: str
    person_id: str
    email: str
    date: dt.date
    relationship: str | None
    relationship_client: str | None  # the client's name, to show beside the link
    title: str
    what_happened: str
    learning: str
    next_time: str
    competences: tuple[Competence, ...]
    #: The record's version when read: pass it back as ``expected_version`` when saving or
    #: deleting, and a change someone made meanwhile is refused (StaleRecord), not overwritten.
    version: int = 1

    def as_input(self) -> LearningInput:
        return LearningInput(
            date=self.date,
            title=self.title,
            relationship=self.relationship,
            what_happened=self.what_happened,
            learning=self.learning,
            next_time=self.next_time,
            competences=self.competences,
        )


# ---------------------------------------------------------------------------------------------
# A person in full


@dataclass(frozen=True)
class PersonDetail:
    person: PersonRow
    registrations: tuple[RegistrationRow, ...]
    as_practitioner: tuple[RelationshipRow, ...]
    as_client: tuple[RelationshipRow, ...]
    requests: tuple[RequestRow, ...]  # sent or received
    eligible: bool
    eligibility_reasons: tuple[str, ...]
    cpd_count: int
    cpd_hours: float
    supervision_count: int
    supervision_hours: float
    learning_count: int
