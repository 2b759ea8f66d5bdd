"""The coachdesk/1 schema: validate a bundle (pure Python over dicts) into canonical records."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol, TypeVar

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
    values,
)
from coachdesk.domain.equality import (
    DIMENSIONS,
    DISABILITY,
    ETHNICITY,
    SEX,
    choices,
    staff_group_problem,
)
from coachdesk.domain.settings import SETTINGS_BY_KEY, SettingValue, validate_setting
from coachdesk.domain.templates import TEMPLATE_FOR_KIND
from coachdesk.errors import UserError
from coachdesk.services.exchange import fields as f
from coachdesk.services.exchange.fields import Bad, Check, Spec
from coachdesk.services.exchange.types import (
    AttachmentRecord,
    CpdRecord,
    CultureRecord,
    EvaluationRecord,
    HeadcountRecord,
    LearningRecord,
    OverrideRecord,
    PersonRecord,
    RegistrationRecord,
    RelationshipRecord,
    ReminderRecord,
    RequestRecord,
    SessionRecord,
    SupervisionRecord,
    TemplateRecord,
)

R = TypeVar("R", bound=Mapping[str, object])

FORMAT = "coachdesk/1"

#: The top-level lists of a bundle, in the order export writes them.
LISTS = (
    "people",
    "registrations",
    "requests",
    "relationships",
    "cpd",
    "supervision",
    "learning_log",
    "templates",
    "workforce_headcounts",
    "culture_assessments",
    "reminders",
)

_ATTACHMENT: dict[str, Check] = {
    "filename": f.text(255, blank=False),
    "media_type": f.text(100, blank=False),
    "data": f.base64_data,
}
_OVERRIDE: dict[str, Check] = {"reason": f.text(4000), "on": f.iso_date()}
_ATTACHMENT_SPEC: Spec[AttachmentRecord] = Spec(_ATTACHMENT, frozenset(_ATTACHMENT))
_OVERRIDE_SPEC: Spec[OverrideRecord] = Spec(_OVERRIDE, frozenset({"reason"}))


def _template_default(record: EvaluationRecord) -> None:
    if record["template"] is None:  # null in the bundle: the kind's default template
        record["template"] = TEMPLATE_FOR_KIND[record["kind"]]


def _distinct_people(first: str, second: str) -> Callable[[Mapping[str, object]], None]:
    def finish(record: Mapping[str, object]) -> None:
        if record[first] == record[second]:
            raise Bad(f"is the same person as the {first}", second)

    return finish


def _spec(required: str, finish: Callable[[R], None] | None = None, **fields: Check) -> Spec[R]:
    return Spec(dict(fields), frozenset(required.split()), finish)


def _codes(dimension: str) -> list[str]:
    return [code for code, _ in choices(dimension)]


def _headcount_group(record: HeadcountRecord) -> None:
    why = staff_group_problem(record["dimension"], record["staff_group"])
    if why:
        raise Bad(why, "staff_group")
    if record["period_end"] < record["period_start"]:
        raise Bad("is before period_start", "period_end")


_ID, _PERSON, _STAMP = f.uuid(), f.email(), f.timestamp
_DATE, _REQUIRED_DATE = f.iso_date(), f.iso_date(nullable=False)

PERSON: Spec[PersonRecord] = _spec(
    "email full_name",
    email=_PERSON,
    full_name=f.text(200, blank=False),
    organisation=f.text(200),
    job_title=f.text(200),
    band=f.choice(values(Band), nullable=True),
    region=f.text(100, nullable=True),  # null: the hub's region
    manager_name=f.text(200),
    manager_email=f.email(blank=True),
    leadership_programme=f.boolean,
    manager_agreement_on=_DATE,
    eligibility_override=f.nullable_object(_OVERRIDE_SPEC),
    notes=f.text(),
    development_areas=f.text_list(200),
    ethnic_group=f.choice(_codes(ETHNICITY), nullable=True),
    sex=f.choice(_codes(SEX), nullable=True),
    disability=f.choice(_codes(DISABILITY), nullable=True),
    updated_at=_STAMP,
)

REGISTRATION: Spec[RegistrationRecord] = _spec(
    "id person kind",
    id=_ID,
    person=_PERSON,
    kind=f.choice(values(RegistrationKind)),
    status=f.choice(values(RegistrationStatus), default="applied"),
    registered_on=_DATE,
    approved_on=_DATE,
    profile_reviewed_on=_DATE,
    capacity=f.whole(0, 1000, default=2),
    specialisms=f.text_list(200),
    ethics_agreed=f.boolean,
    org_support_on=_DATE,
    pro_bono=f.boolean,
    accreditation=f.text(200, nullable=True),
    accreditation_on=_DATE,
    certificate=f.nullable_object(_ATTACHMENT_SPEC),
    training_on=_DATE,
    experience=f.text(nullable=True),
    hours_committed=f.positive(nullable=True, maximum=10_000),
    icf_hours=f.choice(values(IcfHours), default=IcfHours.PAID.value),  # added: absent is paid
    updated_at=_STAMP,
)

REQUEST: Spec[RequestRecord] = _spec(
    "id client practitioner kind sent_on",
    _distinct_people("client", "practitioner"),
    id=_ID,
    client=_PERSON,
    practitioner=_PERSON,
    kind=f.choice(values(RelationshipKind)),
    sent_on=_REQUIRED_DATE,
    status=f.choice(values(RequestStatus), default="pending"),
    responded_on=_DATE,
    updated_at=_STAMP,
)

SESSION: Spec[SessionRecord] = _spec(
    "id type date minutes mode",
    id=_ID,
    type=f.choice(values(MeetingType)),
    date=_REQUIRED_DATE,
    minutes=f.whole(1, 1440),
    mode=f.choice(values(MeetingMode)),
    status=f.choice(values(MeetingStatus), default="scheduled"),
    recorded_on=_DATE,
    notes=f.text(),
    updated_at=_STAMP,
)

EVALUATION: Spec[EvaluationRecord] = _spec(
    "id kind",
    _template_default,
    id=_ID,
    kind=f.choice(values(EvaluationKind)),
    completed_on=_DATE,
    template=f.text(100, nullable=True),  # null: the default template for the kind
    answers=f.answers,
    objective_ratings=f.ratings,
    comments=f.text(),
    updated_at=_STAMP,
)

CPD: Spec[CpdRecord] = _spec(
    "id person date title kind hours",
    id=_ID,
    person=_PERSON,
    date=_REQUIRED_DATE,
    title=f.text(300, blank=False),
    provider=f.text(200),
    kind=f.choice(values(CpdKind)),
    hours=f.positive(maximum=10_000),
    reflection=f.text(),
    evidence=f.nullable_object(_ATTACHMENT_SPEC),
    updated_at=_STAMP,
)

SUPERVISION: Spec[SupervisionRecord] = _spec(
    "id person date supervisor format hours",
    id=_ID,
    person=_PERSON,
    date=_REQUIRED_DATE,
    supervisor=f.text(200, blank=False),
    supervisor_qualification=f.text(200),
    format=f.choice(values(SupervisionFormat)),
    hours=f.positive(maximum=10_000),
    themes=f.text(),
    reflection=f.text(),
    updated_at=_STAMP,
)

LEARNING: Spec[LearningRecord] = _spec(
    "id person date title",
    id=_ID,
    person=_PERSON,
    date=_REQUIRED_DATE,
    relationship=f.uuid(nullable=True),
    title=f.text(300, blank=False),
    what_happened=f.text(),
    learning=f.text(),
    next_time=f.text(),
    competences=f.text_list(choices=values(Competence)),
    updated_at=_STAMP,
)

HEADCOUNT: Spec[HeadcountRecord] = _spec(
    "id organisation period_start period_end dimension staff_group headcount",
    _headcount_group,
    id=f.uuid(),
    organisation=f.text(200, blank=False),
    period_start=f.iso_date(nullable=False),
    period_end=f.iso_date(nullable=False),
    dimension=f.choice(DIMENSIONS),
    staff_group=f.text(60, blank=False),
    headcount=f.whole(0, 2_000_000),
    updated_at=_STAMP,
)

CULTURE: Spec[CultureRecord] = _spec(
    "id organisation assessed_on stage",
    id=f.uuid(),
    organisation=f.text(200, blank=False),
    assessed_on=f.iso_date(nullable=False),
    stage=f.whole(1, 5),
    evidence=f.stage_texts,
    next_step=f.text(2000),
    updated_at=_STAMP,
)

REMINDER: Spec[ReminderRecord] = _spec(
    "id person drafted_on",
    id=_ID,
    person=_PERSON,
    drafted_on=_REQUIRED_DATE,
    alerts=f.reminder_alerts,
    updated_at=_STAMP,
)

TEMPLATE: Spec[TemplateRecord] = _spec(
    "key title",
    key=f.text(100, blank=False),
    title=f.text(200, blank=False),
    scale=f.scale,
    items=f.items,
    updated_at=_STAMP,
)


@dataclass(frozen=True)
class Bundle:
    """A validated bundle: canonical records (e-mails lower-cased, defaults filled in)."""

    exported_at: str | None
    settings: dict[str, SettingValue] | None  # None: the bundle has no settings object
    ignored_settings: tuple[str, ...]
    order: tuple[str, ...]  # the top-level lists present, in document order
    people: tuple[PersonRecord, ...] = ()
    registrations: tuple[RegistrationRecord, ...] = ()
    requests: tuple[RequestRecord, ...] = ()
    relationships: tuple[RelationshipRecord, ...] = ()  # each with "sessions" and "evaluations"
    cpd: tuple[CpdRecord, ...] = ()
    supervision: tuple[SupervisionRecord, ...] = ()
    learning_log: tuple[LearningRecord, ...] = ()
    templates: tuple[TemplateRecord, ...] = ()
    workforce_headcounts: tuple[HeadcountRecord, ...] = ()
    culture_assessments: tuple[CultureRecord, ...] = ()
    reminders: tuple[ReminderRecord, ...] = ()

    def records(self, name: str) -> tuple[Mapping[str, object], ...]:
        """The records of the top-level list ``name`` (one of LISTS)."""
        lists: dict[str, tuple[Mapping[str, object], ...]] = {
            "people": self.people,
            "registrations": self.registrations,
            "requests": self.requests,
            "relationships": self.relationships,
            "cpd": self.cpd,
            "supervision": self.supervision,
            "learning_log": self.learning_log,
            "templates": self.templates,
            "workforce_headcounts": self.workforce_headcounts,
            "culture_assessments": self.culture_assessments,
            "reminders": self.reminders,
        }
        return lists[name]

    @property
    def session_count(self) -> int:
        return sum(len(r["sessions"]) for r in self.relationships)

    @property
    def evaluation_count(self) -> int:
        return sum(len(r["evaluations"]) for r in self.relationships)


class _Fields(Protocol):
    """What a Spec of any record type shows of itself: its checkers by field name."""

    @property
    def fields(self) -> dict[str, Check]: ...


class _Scan:
    """One pass over a bundle in document order; remembers ids to refuse duplicates."""

    def __init__(self) -> None:
        self.seen: dict[str, set[object]] = {}
        nested = {
            "sessions": self._nested(SESSION, "sessions"),
            "evaluations": self._nested(EVALUATION, "evaluations"),
        }
        self.relationship: Spec[RelationshipRecord] = _spec(
            "id kind practitioner client",
            _distinct_people("practitioner", "client"),
            id=_ID,
            kind=f.choice(values(RelationshipKind)),
            practitioner=_PERSON,
            client=_PERSON,
            request=f.uuid(nullable=True),
            status=f.choice(values(RelationshipStatus), default="contracting"),
            started_on=_DATE,
            planned_end_on=_DATE,
            planned_sessions=f.whole(1, 1000, nullable=True),
            ended_on=_DATE,
            end_reason=f.text(nullable=True),
            individual_objectives=f.text_list(2000),
            organisational_objectives=f.text_list(2000),
            updated_at=_STAMP,
            **nested,
        )

    @property
    def specs(self) -> dict[str, tuple[_Fields, str]]:
        """Each top-level list's record spec and key field (what ``bundle`` checks it with)."""
        return {
            "people": (PERSON, "email"),
            "registrations": (REGISTRATION, "id"),
            "requests": (REQUEST, "id"),
            "relationships": (self.relationship, "id"),
            "cpd": (CPD, "id"),
            "supervision": (SUPERVISION, "id"),
            "learning_log": (LEARNING, "id"),
            "templates": (TEMPLATE, "key"),
            "workforce_headcounts": (HEADCOUNT, "id"),
            "culture_assessments": (CULTURE, "id"),
            "reminders": (REMINDER, "id"),
        }

    def _unique(self, name: str, key: str, value: object) -> None:
        seen = self.seen.setdefault(name, set())
        if value in seen:
            raise Bad(f"{value!r} appears twice in the bundle", key)
        seen.add(value)

    def _nested(self, spec: Spec[R], name: str) -> Callable[[object], list[R]]:
        def check(value: object) -> list[R]:
            if value is None:
                return []
            if not isinstance(value, list):
                raise Bad("must be a list")
            out = []
            for index, raw in enumerate(value):
                try:
                    record = spec.validate(raw)
                    self._unique(name, "id", record["id"])
                except Bad as bad:
                    raise bad.at(index) from None
                out.append(record)
            return out

        return check

    def records(self, name: str, value: object, spec: Spec[R], key: str) -> tuple[R, ...]:
        if not isinstance(value, list):
            raise Bad("must be a list", name)
        out = []
        registered: set[tuple[object, ...]] = set()
        for index, raw in enumerate(value):
            try:
                record = spec.validate(raw)
                self._unique(name, key, record[key])
                if name == "registrations":
                    pair = (record["person"], record["kind"])
                    if pair in registered:
                        raise Bad(
                            f"{pair[0]} already has a {pair[1]} registration in the bundle", "kind"
                        )
                    registered.add(pair)
                if name == "workforce_headcounts":
                    group = tuple(
                        record[k]
                        for k in ("organisation", "period_start", "period_end", "dimension")
                    ) + (record["staff_group"],)
                    if group in registered:
                        raise Bad(
                            "the same organisation, period and group appears twice in the bundle",
                            "staff_group",
                        )
                    registered.add(group)
            except Bad as bad:
                raise bad.at(index).at(name) from None
            out.append(record)
        return tuple(out)

    def bundle(self, data: object) -> Bundle:
        if not isinstance(data, dict):
            raise Bad("must be a JSON object")
        if data.get("format") != FORMAT:
            raise Bad(f'must be "{FORMAT}"', "format")
        order: list[str] = []
        people: tuple[PersonRecord, ...] = ()
        registrations: tuple[RegistrationRecord, ...] = ()
        requests: tuple[RequestRecord, ...] = ()
        relationships: tuple[RelationshipRecord, ...] = ()
        cpd: tuple[CpdRecord, ...] = ()
        supervision: tuple[SupervisionRecord, ...] = ()
        learning_log: tuple[LearningRecord, ...] = ()
        templates: tuple[TemplateRecord, ...] = ()
        headcounts: tuple[HeadcountRecord, ...] = ()
        culture: tuple[CultureRecord, ...] = ()
        reminders: tuple[ReminderRecord, ...] = ()
        settings: dict[str, SettingValue] | None = None
        ignored: list[str] = []
        exported_at = None
        for key, value in data.items():
            match key:
                case "people":
                    people = self.records(key, value, PERSON, "email")
                case "registrations":
                    registrations = self.records(key, value, REGISTRATION, "id")
                case "requests":
                    requests = self.records(key, value, REQUEST, "id")
                case "relationships":
                    relationships = self.records(key, value, self.relationship, "id")
                case "cpd":
                    cpd = self.records(key, value, CPD, "id")
                case "supervision":
                    supervision = self.records(key, value, SUPERVISION, "id")
                case "learning_log":
                    learning_log = self.records(key, value, LEARNING, "id")
                case "templates":
                    templates = self.records(key, value, TEMPLATE, "key")
                case "workforce_headcounts":
                    headcounts = self.records(key, value, HEADCOUNT, "id")
                case "culture_assessments":
                    culture = self.records(key, value, CULTURE, "id")
                case "reminders":
                    reminders = self.records(key, value, REMINDER, "id")
                case "settings":
                    settings, ignored = _settings(value)
                    continue
                case "exported_at":
                    try:
                        exported_at = f.timestamp(value)
                    except Bad as bad:
                        raise bad.at(key) from None
                    continue
                case _:
                    continue
            order.append(key)
        return Bundle(
            exported_at=exported_at,
            settings=settings,
            ignored_settings=tuple(ignored),
            order=tuple(order),
            people=people,
            registrations=registrations,
            requests=requests,
            relationships=relationships,
            cpd=cpd,
            supervision=supervision,
            learning_log=learning_log,
            templates=templates,
            workforce_headcounts=headcounts,
            culture_assessments=culture,
            reminders=reminders,
        )


def _settings(value: object) -> tuple[dict[str, SettingValue], list[str]]:
    if value is None:
        return {}, []
    if not isinstance(value, dict):
        raise Bad("must be an object (setting: value)", "settings")
    out: dict[str, SettingValue] = {}
    ignored: list[str] = []
    for key, item in value.items():
        if key not in SETTINGS_BY_KEY:
            ignored.append(key)
            continue
        why = validate_setting(key, item)
        if why:
            raise Bad(why, "settings", key)
        if isinstance(item, str):
            try:
                f.text(SETTINGS_BY_KEY[key].max_length)(item)
            except Bad as bad:
                raise bad.at(key).at("settings") from None
        out[key] = list(item) if isinstance(item, list) else item
    return out, ignored


def validate_bundle(data: object) -> Bundle:
    """Check a parsed bundle; UserError("<path>: <reason>") names the first bad value."""
    try:
        return _Scan().bundle(data)
    except Bad as bad:
        raise UserError(f"{bad.path}: {bad.reason}") from None
