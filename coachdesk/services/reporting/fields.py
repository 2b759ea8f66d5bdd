"""How the person record prints each table's columns: labels, readable values, field lists."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table

from coachdesk.domain.dates import format_date
from coachdesk.domain.enums import EvaluationKind
from coachdesk.services.reporting.types import RecordSection


def show(value: Any) -> str:
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
class Field:
    """One printed column: its label, the stored columns it shows, and how to read it."""

    label: str
    columns: tuple[str, ...]
    get: Callable[[Any], str]


def f(label: str, column: str) -> Field:
    return Field(label, (column,), lambda row, c=column: show(getattr(row, c)))


def section(
    title: str,
    table: Table,
    fields: Sequence[Field],
    rows: Iterable[Any],
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


def person_fields() -> list[Field]:
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


def equality_fields() -> list[Field]:
    """The equality-monitoring answers, as labels (never in any other report)."""
    from coachdesk.domain.equality import COLUMN_DIMENSIONS, DIMENSION_LABELS, value_label

    return [
        Field(
            DIMENSION_LABELS[dimension],
            (column,),
            lambda row, c=column, d=dimension: value_label(d, getattr(row, c)),
        )
        for column, dimension in COLUMN_DIMENSIONS.items()
    ]


def registration_fields(file_label: Callable[[str | None], str]) -> list[Field]:
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
        f("Accreditation", "accreditation"),
        f("Accreditation achieved on", "accreditation_on"),
        Field("Certificate file", ("certificate_id",), lambda r: file_label(r.certificate_id)),
        f("Mentor training completed on", "training_on"),
        f("Relevant experience", "experience"),
        f("Hours committed a year", "hours_committed"),
    ]


def relationship_fields(
    pid: str, other: Callable[[Any], str], sent: Mapping[str, date]
) -> list[Field]:
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
    rel_by_id: Mapping[str, Any],
    rel_label: Callable[[str], str],
    templates: Mapping[str, Any],
) -> list[Field]:
    def theirs(e: Any) -> bool:
        rel = rel_by_id[e.relationship_id]
        return rel.practitioner_id == pid and e.kind != EvaluationKind.PRACTITIONER_POST

    def answers(e: Any) -> str:
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


def notes_note(meetings: Sequence[Any]) -> str:
    noted = sum(1 for m in meetings if (m.notes or "").strip())
    if not noted:
        return ""
    return (
        f"The practitioner's private notes are held for {noted} of these sessions; they are "
        "never printed in any report."
    )


def other_version(conflict: Any) -> str:
    version = dict(conflict.other_version or {})
    if conflict.record_kind == "session":
        version.pop("notes", None)  # a session's private notes are never printed
    return json.dumps(version, ensure_ascii=False, default=str)
