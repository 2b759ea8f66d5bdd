"""How the person record prints each table's columns: labels, readable values, field lists."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, Protocol, TypeVar

from sqlalchemy import Table

from coachdesk.domain.dates import format_date
from coachdesk.domain.enums import EvaluationKind
from coachdesk.services.reporting.types import RecordSection

#: A row of some table (contravariant: a field that reads any object reads any row).
R = TypeVar("R", contravariant=True)
T = TypeVar("T")


class RelationshipLinks(Protocol):
    """Who a relationship (or a request) links, and the request it came from."""

    client_id: str
    practitioner_id: str
    request_id: str | None


class EvaluationFacts(Protocol):
    relationship_id: str
    kind: str
    template_key: str
    answers: Mapping[str, object] | None  # JSON: item key -> a number, a text or null
    objective_ratings: Sequence[object] | None  # JSON: numbers or nulls
    comments: str | None


class TemplateFacts(Protocol):
    title: str
    items: list[dict[str, str]]  # key, text


class CertificateLink(Protocol):
    certificate_id: str | None
    icf_hours: str


class MeetingNotes(Protocol):
    notes: str | None


class ConflictFacts(Protocol):
    record_kind: str
    other_version: Mapping[str, object] | None


def show(value: object) -> str:
    """Any stored value as text a lead can read."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.strftime("%d %b %Y %H:%M UTC").lstrip("0")
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list | tuple):
        return "; ".join(show(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {show(v)}" for k, v in value.items())
    return str(value)


@dataclass(frozen=True)
class Field(Generic[R]):
    """One printed column: its label, the stored columns it shows, and how to read it."""

    label: str
    columns: tuple[str, ...]
    get: Callable[[R], str]


def f(label: str, column: str) -> Field[object]:
    return Field(label, (column,), lambda row: show(getattr(row, column)))


def section(
    title: str,
    table: Table,
    fields: Sequence[Field[T]],
    rows: Iterable[T],
    *,
    note: str = "",
    cards: bool = False,
) -> RecordSection:
    return RecordSection(
        title=title,
        table=table.name,
        columns=tuple(x.label for x in fields),
        rows=tuple(tuple(x.get(r) for x in fields) for r in rows),
        note=note,
        cards=cards,
        source_columns=tuple(c for x in fields for c in x.columns),
    )


def person_fields() -> list[Field[object]]:
    return [
        f("Full name", "full_name"),
        f("E-mail", "email"),
        f("Organisation", "organisation"),
        f("Job title", "job_title"),
        f("Agenda for Change band", "band"),
        f("Region", "region"),
        f("Line manager", "manager_name"),
        f("Line manager's e-mail", "manager_email"),
        f("Leadership programme", "leadership_programme"),
        f("Line manager's agreement on", "manager_agreement_on"),
        f("Eligibility override", "override_reason"),
        f("Override recorded on", "override_on"),
        f("Development areas", "development_areas"),
        f("Notes", "notes"),
        f("Record created", "created_at"),
        f("Last changed", "updated_at"),
    ]


def equality_fields() -> list[Field[object]]:
    """The equality-monitoring answers, as labels (never in any other report)."""
    from coachdesk.domain.equality import COLUMN_DIMENSIONS

    return [_equality_field(column, dimension) for column, dimension in COLUMN_DIMENSIONS.items()]


def _equality_field(column: str, dimension: str) -> Field[object]:
    from coachdesk.domain.equality import DIMENSION_LABELS, value_label

    return Field(
        DIMENSION_LABELS[dimension],
        (column,),
        lambda row: value_label(dimension, getattr(row, column)),
    )


def registration_fields(file_label: Callable[[str | None], str]) -> list[Field[CertificateLink]]:
    return [
        f("Kind", "kind"),
        f("Status", "status"),
        f("Registered on", "registered_on"),
        f("Approved on", "approved_on"),
        f("Profile reviewed on", "profile_reviewed_on"),
        f("Capacity (clients)", "capacity"),
        f("Specialisms", "specialisms"),
        f("EMCC Global Code of Ethics agreed", "ethics_agreed"),
        f("Organisational support confirmed on", "org_support_on"),
        f("Pro bono", "pro_bono"),
        Field(
            "Hours count for ICF as",
            ("icf_hours",),
            lambda r: "pro bono" if r.icf_hours == "pro-bono" else "paid",
        ),
        f("Accreditation", "accreditation"),
        f("Accreditation achieved on", "accreditation_on"),
        Field("Certificate file", ("certificate_id",), lambda r: file_label(r.certificate_id)),
        f("Mentor training completed on", "training_on"),
        f("Relevant experience", "experience"),
        f("Hours committed a year", "hours_committed"),
    ]


def relationship_fields(
    pid: str, other: Callable[[RelationshipLinks], str], sent: Mapping[str, date]
) -> list[Field[RelationshipLinks]]:
    return [
        f("Relationship id", "id"),
        Field("Role", ("client_id",), lambda r: "client" if r.client_id == pid else "practitioner"),
        Field("With", ("practitioner_id",), other),
        f("Kind", "kind"),
        f("Status", "status"),
        Field(
            "Opened from the request sent on",
            ("request_id",),
            lambda r: show(sent.get(r.request_id)) if r.request_id else "",
        ),
        f("Started on", "started_on"),
        f("Planned end", "planned_end_on"),
        f("Planned sessions", "planned_sessions"),
        f("Ended on", "ended_on"),
        f("End reason", "end_reason"),
        f("Individual objectives", "individual_objectives"),
        f("Organisational objectives", "organisational_objectives"),
    ]


def evaluation_fields(
    pid: str,
    rel_by_id: Mapping[str, RelationshipLinks],
    rel_label: Callable[[str], str],
    templates: Mapping[str, TemplateFacts],
) -> list[Field[EvaluationFacts]]:
    def theirs(e: EvaluationFacts) -> bool:
        rel = rel_by_id[e.relationship_id]
        return rel.practitioner_id == pid and e.kind != EvaluationKind.PRACTITIONER_POST

    def answers(e: EvaluationFacts) -> str:
        if theirs(e):
            return "(the client's answers)"
        tpl = templates.get(e.template_key)
        wording = {i["key"]: i["text"] for i in (tpl.items if tpl else ())}
        return "; ".join(f"{wording.get(k, k)}: {v}" for k, v in (e.answers or {}).items())

    return [
        Field("Relationship", ("relationship_id",), lambda e: rel_label(e.relationship_id)),
        f("Kind", "kind"),
        f("Completed on", "completed_on"),
        Field(
            "Questionnaire",
            ("template_key",),
            lambda e: (
                templates[e.template_key].title if e.template_key in templates else e.template_key
            ),
        ),
        Field("Answers", ("answers",), answers),
        Field(
            "Objective ratings (0–10)",
            ("objective_ratings",),
            lambda e: "" if theirs(e) else show(e.objective_ratings),
        ),
        Field("Comments", ("comments",), lambda e: "" if theirs(e) else e.comments or ""),
    ]


def notes_note(meetings: Sequence[MeetingNotes]) -> str:
    noted = sum(1 for m in meetings if (m.notes or "").strip())
    if not noted:
        return ""
    return (
        f"The practitioner's private notes are held for {noted} of these sessions; they are "
        "never printed in any report."
    )


def other_version(conflict: ConflictFacts) -> str:
    version = dict(conflict.other_version or {})
    if conflict.record_kind == "session":
        version.pop("notes", None)  # a session's private notes are never printed
    return json.dumps(version, ensure_ascii=False, default=str)
