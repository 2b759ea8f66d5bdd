"""How each kind of record maps between its database row and its exchange (bundle) form."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import Any, Protocol, TypeGuard

from sqlalchemy import JSON, Table, Text, select, type_coerce, union
from sqlalchemy.orm import Session

from coachdesk.services.exchange.fields import format_timestamp
from coachdesk.services.exchange.types import AttachmentRecord, ExchangeRecord, OverrideRecord
from coachdesk.storage.models import (
    Attachment,
    Base,
    CpdRecord,
    CultureAssessment,
    Evaluation,
    LearningEntry,
    Meeting,
    Person,
    QuestionnaireTemplate,
    Registration,
    Relationship,
    Reminder,
    Request,
    SupervisionRecord,
    WorkforceHeadcount,
)


def table_of(model: type[Base]) -> Table:
    """The table a model is mapped to (SQLAlchemy types ``__table__`` as any FROM clause)."""
    table = model.__table__
    if not isinstance(table, Table):  # every coachdesk model maps one plain table
        raise TypeError(f"{model.__name__} is not mapped to a table")
    return table


# How a field converts between row and record.
SAME = "same"  # the value as it is (text, numbers, booleans)
LIST = "list"  # a JSON list (null in the row reads as [])
DICT = "dict"  # a JSON object (null in the row reads as {})
DATE = "date"  # a date <-> "YYYY-MM-DD"
FLOAT = "float"  # hours
PERSON = "person"  # a person id <-> their e-mail
ATTACHMENT = "attachment"  # an attachment id <-> {filename, media_type, data}
OVERRIDE = "override"  # override_reason/override_on <-> eligibility_override
SCALE = "scale"  # scale_min/scale_max <-> [min, max]
PARENT = "parent"  # the relationship a nested session or evaluation belongs to


class ColumnValues(Protocol):
    """A database row read by column name (a RowMapping, or a dict made from one).

    Its values are whatever the column holds (text, numbers, dates, JSON); each field's
    conversion below knows which."""

    def __getitem__(self, column: str, /) -> Any: ...


@dataclass(frozen=True)
class Kind:
    """One kind of record: its name in reports, its place in a bundle, its model and fields."""

    name: str
    list_name: str
    model: type[Base]
    key: str
    fields: tuple[tuple[str, str, str], ...]  # (exchange name, column, conversion)

    @property
    def table(self) -> Table:
        return table_of(self.model)

    @property
    def names(self) -> tuple[str, ...]:
        """The exchange fields compared in a merge (every field but updated_at)."""
        return tuple(name for name, _column, _conv in self.fields)

    @property
    def pk(self) -> str:
        return "key" if self.key == "key" else "id"


def _k(name: str, list_name: str, model: type[Base], key: str, spec: str) -> Kind:
    """Fields written ``exchange[:column][/conversion]``, separated by spaces."""
    fields = []
    for word in spec.split():
        head, _, conv = word.partition("/")
        name_, _, column = head.partition(":")
        fields.append((name_, column or name_, conv or SAME))
    return Kind(name, list_name, model, key, tuple(fields))


PERSON_KIND = _k(
    "person",
    "people",
    Person,
    "email",
    "email full_name organisation job_title band region manager_name manager_email"
    " leadership_programme manager_agreement_on/date eligibility_override:-/override notes"
    " development_areas/list ethnic_group sex disability",
)
REGISTRATION_KIND = _k(
    "registration",
    "registrations",
    Registration,
    "id",
    "id person:person_id/person kind status registered_on/date approved_on/date"
    " profile_reviewed_on/date capacity specialisms/list ethics_agreed org_support_on/date"
    " pro_bono accreditation accreditation_on/date certificate:certificate_id/attachment"
    " training_on/date experience hours_committed/float icf_hours",
)
REQUEST_KIND = _k(
    "request",
    "requests",
    Request,
    "id",
    "id client:client_id/person practitioner:practitioner_id/person kind sent_on/date status"
    " responded_on/date",
)
RELATIONSHIP_KIND = _k(
    "relationship",
    "relationships",
    Relationship,
    "id",
    "id kind practitioner:practitioner_id/person client:client_id/person request:request_id"
    " status started_on/date planned_end_on/date planned_sessions ended_on/date end_reason"
    " individual_objectives/list organisational_objectives/list",
)
SESSION_KIND = _k(
    "session",
    "sessions",
    Meeting,
    "id",
    "id type date/date minutes mode status recorded_on/date notes"
    " relationship:relationship_id/parent",
)
EVALUATION_KIND = _k(
    "evaluation",
    "evaluations",
    Evaluation,
    "id",
    "id kind completed_on/date template:template_key answers/dict objective_ratings/list"
    " comments relationship:relationship_id/parent",
)
CPD_KIND = _k(
    "cpd",
    "cpd",
    CpdRecord,
    "id",
    "id person:person_id/person date/date title provider kind hours/float reflection"
    " evidence:evidence_id/attachment",
)
SUPERVISION_KIND = _k(
    "supervision",
    "supervision",
    SupervisionRecord,
    "id",
    "id person:person_id/person date/date supervisor supervisor_qualification format"
    " hours/float themes reflection",
)
LEARNING_KIND = _k(
    "learning_log",
    "learning_log",
    LearningEntry,
    "id",
    "id person:person_id/person date/date relationship:relationship_id title what_happened"
    " learning next_time competences/list",
)
TEMPLATE_KIND = _k(
    "template",
    "templates",
    QuestionnaireTemplate,
    "key",
    "key title scale:-/scale items/list",
)

HEADCOUNT_KIND = _k(
    "workforce_headcount",
    "workforce_headcounts",
    WorkforceHeadcount,
    "id",
    "id organisation period_start/date period_end/date dimension staff_group headcount",
)
CULTURE_KIND = _k(
    "culture_assessment",
    "culture_assessments",
    CultureAssessment,
    "id",
    "id organisation assessed_on/date stage evidence/dict next_step",
)

REMINDER_KIND = _k(
    "reminder",
    "reminders",
    Reminder,
    "id",
    "id person:person_id/person drafted_on/date alerts/list",
)

KINDS: tuple[Kind, ...] = (
    PERSON_KIND,
    TEMPLATE_KIND,
    REGISTRATION_KIND,
    REQUEST_KIND,
    RELATIONSHIP_KIND,
    SESSION_KIND,
    EVALUATION_KIND,
    CPD_KIND,
    SUPERVISION_KIND,
    LEARNING_KIND,
    HEADCOUNT_KIND,
    CULTURE_KIND,
    REMINDER_KIND,
)
KIND_BY_NAME = {k.name: k for k in KINDS}


@dataclass
class Context:
    """What converting needs beyond the row: who is who, and the files kept in the database."""

    email_of: dict[str, str] = field(default_factory=dict)  # person id -> e-mail
    id_of: dict[str, str] = field(default_factory=dict)  # e-mail -> person id
    attachments: dict[str, AttachmentRecord] = field(default_factory=dict)  # by attachment id

    def add_person(self, person_id: str, email: str) -> None:
        self.email_of[person_id] = email
        self.id_of[email] = person_id


def attachment_record(row: ColumnValues) -> AttachmentRecord:
    return {
        "filename": row["filename"],
        "media_type": row["media_type"],
        "data": base64.b64encode(row["data"]).decode("ascii"),
    }


def fetch_rows(session: Session, model: type[Base]) -> Sequence[ColumnValues]:
    """Every row of ``model``'s table as a mapping of column values.

    On SQLite the JSON columns are read as text and decoded in one call per table, which is
    several times faster than decoding each value on its own (150,000 rows and more).
    """
    table = table_of(model)
    json_columns = [c.name for c in table.c if isinstance(c.type, JSON)]
    if not json_columns or session.get_bind().dialect.name != "sqlite":
        return list(session.execute(select(table)).mappings())
    columns = [type_coerce(c, Text).label(c.name) if c.name in json_columns else c for c in table.c]
    rows: list[dict[str, Any]] = [dict(row) for row in session.execute(select(*columns)).mappings()]
    texts = [row[name] for row in rows for name in json_columns]
    values = iter(json.loads("[" + ",".join("null" if t is None else t for t in texts) + "]"))
    for row in rows:
        for name in json_columns:
            row[name] = next(values)
    return rows


def load_attachments(session: Session) -> dict[str, AttachmentRecord]:
    """Every certificate and piece of evidence in exchange form, by attachment id."""
    used = union(
        select(Registration.certificate_id).where(Registration.certificate_id.is_not(None)),
        select(CpdRecord.evidence_id).where(CpdRecord.evidence_id.is_not(None)),
    ).subquery()
    rows = session.execute(
        select(table_of(Attachment)).where(Attachment.id.in_(select(used.c[0])))
    ).mappings()
    return {row["id"]: attachment_record(row) for row in rows}


def _getter(column: str, conv: str, ctx: Context) -> Callable[[ColumnValues], object]:
    """How one exchange field is read from a row."""
    if conv in (SAME, PARENT):
        return itemgetter(column)
    if conv == DATE:
        return lambda row: None if (value := row[column]) is None else value.isoformat()
    if conv == LIST:
        return lambda row: list(row[column] or ())
    if conv == DICT:
        return lambda row: dict(row[column] or {})
    if conv == FLOAT:
        return lambda row: None if (value := row[column]) is None else float(value)
    if conv == PERSON:
        return lambda row: ctx.email_of[row[column]]
    if conv == ATTACHMENT:
        return lambda row: None if (value := row[column]) is None else ctx.attachments.get(value)
    if conv == OVERRIDE:
        return _override
    if conv == SCALE:
        return lambda row: [row["scale_min"], row["scale_max"]]
    raise ValueError(f"unknown conversion {conv!r}")  # a bug in the tables above


def _override(row: ColumnValues) -> OverrideRecord | None:
    reason, on = row["override_reason"], row["override_on"]
    if reason is None and on is None:
        return None
    return {"reason": reason or "", "on": None if on is None else on.isoformat()}


def _stamp(row: ColumnValues) -> str | None:
    value = row["updated_at"]
    return None if value is None else format_timestamp(value)


def record_maker(kind: Kind, ctx: Context) -> Callable[[ColumnValues], ExchangeRecord]:
    """A function turning a row of ``kind`` into its exchange form (``updated_at`` last)."""
    getters = [(name, _getter(column, conv, ctx)) for name, column, conv in kind.fields]
    getters.append(("updated_at", _stamp))

    def make(row: ColumnValues) -> ExchangeRecord:
        return {name: get(row) for name, get in getters}

    return make


def to_record(kind: Kind, row: ColumnValues, ctx: Context) -> ExchangeRecord:
    """One row in exchange form (for many rows, make a record_maker once)."""
    return record_maker(kind, ctx)(row)


def to_columns(kind: Kind, record: Mapping[str, object], ctx: Context) -> dict[str, object]:
    """A canonical record as column values (attachments are left to the caller)."""
    row: dict[str, object] = {}
    for name, column, conv in kind.fields:
        value = record[name]
        if conv == DATE:
            row[column] = None if value is None else date.fromisoformat(as_text(value))
        elif conv == PERSON:
            row[column] = ctx.id_of[as_text(value)]
        elif conv == OVERRIDE:
            reason, on = (None, None) if value is None else _override_parts(value)
            row["override_reason"] = reason
            row["override_on"] = None if on is None else date.fromisoformat(as_text(on))
        elif conv == SCALE:
            row["scale_min"], row["scale_max"] = _scale_parts(value)
        elif conv != ATTACHMENT:
            row[column] = value
    return row


# A canonical record holds what the schema made of it; these read it back as such (a value of
# another type is a bug in the caller, not a bad bundle).


def as_text(value: object) -> str:
    """A canonical record's text value (an id, an e-mail, an ISO date) as ``str``."""
    if not isinstance(value, str):
        raise TypeError(f"expected text, not {value!r}")
    return value


def is_attachment(value: object) -> TypeGuard[AttachmentRecord]:
    """Whether ``value`` is a file in exchange form (as the schema leaves it)."""
    return isinstance(value, dict) and value.keys() == _ATTACHMENT_FIELDS


_ATTACHMENT_FIELDS = frozenset(AttachmentRecord.__annotations__)


def _override_parts(value: object) -> tuple[object, object]:
    if not isinstance(value, dict):
        raise TypeError(f"expected an eligibility override, not {value!r}")
    return value["reason"], value["on"]


def _scale_parts(value: object) -> tuple[object, object]:
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise TypeError(f"expected a scale [lowest, highest], not {value!r}")
    return value[0], value[1]
