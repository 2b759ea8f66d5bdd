"""The relationship record's data: contracting, objectives, sessions (no notes), evaluations."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from coachdesk.domain.dates import format_date
from coachdesk.domain.enums import EvaluationKind
from coachdesk.services.relationships import get_relationship
from coachdesk.services.reporting.types import (
    EvaluationRecord,
    RelationshipRecordData,
    ReportHeader,
    SessionLine,
    hours,
)
from coachdesk.services.settings import load_in
from coachdesk.storage.models import Person, QuestionnaireTemplate, Request
from coachdesk.storage.uow import Database

EVALUATION_LABELS = {
    EvaluationKind.PRE.value: "Client pre-evaluation",
    EvaluationKind.POST.value: "Client post-evaluation",
    EvaluationKind.FOLLOW_UP.value: "Client follow-up evaluation",
    EvaluationKind.PRACTITIONER_POST.value: "Practitioner post-evaluation",
}
_ORDER = list(EVALUATION_LABELS)


def relationship_record_data(
    db: Database, relationship_id: str, *, today: date | None = None
) -> RelationshipRecordData:
    """One relationship's record for the lead's file; session notes are never read into it."""
    today = today or db.clock.today()
    detail = get_relationship(db, relationship_id)  # NotFound for an unknown id
    rel = detail.relationship
    with db.uow() as uow:
        settings = load_in(uow)
        orgs = dict(
            uow.session.execute(
                select(Person.id, Person.organisation).where(
                    Person.id.in_([rel.practitioner_id, rel.client_id])
                )
            ).all()
        )
        request = (
            uow.session.execute(
                select(Request.sent_on, Request.responded_on).where(Request.id == rel.request)
            ).one_or_none()
            if rel.request
            else None
        )
        templates = {
            t.key: (
                f"{t.title}, rated {t.scale_min}–{t.scale_max}",
                {i["key"]: i["text"] for i in t.items or ()},
            )
            for t in uow.session.execute(
                select(
                    QuestionnaireTemplate.key,
                    QuestionnaireTemplate.title,
                    QuestionnaireTemplate.items,
                    QuestionnaireTemplate.scale_min,
                    QuestionnaireTemplate.scale_max,
                )
            )
        }
    sessions = tuple(
        SessionLine(s.date, s.type, s.mode, s.minutes, s.status, s.recorded_on)
        for s in sorted(detail.sessions, key=lambda s: (s.date, s.id))
    )
    held = [s for s in sessions if s.status == "held"]

    def person(name: str, email: str, person_id: str) -> str:
        org = orgs.get(person_id) or ""
        return f"{name} ({email})" + (f", {org}" if org else "")

    fields: list[tuple[str, str]] = [
        ("Kind", rel.kind),
        ("Status", rel.status),
        ("Practitioner", person(rel.practitioner_name, rel.practitioner, rel.practitioner_id)),
        ("Client", person(rel.client_name, rel.client, rel.client_id)),
    ]
    if request is not None:
        answered = f", answered {format_date(request[1])}" if request[1] else ""
        fields.append(("Request", f"sent {format_date(request[0])}{answered}"))
    fields += [
        ("Started on", _day(rel.started_on)),
        ("Planned end", _day(rel.planned_end_on)),
        ("Planned sessions", str(rel.planned_sessions or "—")),
        ("Ended on", _day(rel.ended_on)),
    ]
    if rel.end_reason:
        fields.append(("End reason", rel.end_reason))
    fields.append(
        (
            "Sessions held",
            f"{len(held)}, {hours(sum(s.minutes for s in held)):.2f} hours "
            f"({sum(s.minutes for s in held)} minutes)",
        )
    )
    objectives = [*rel.individual_objectives, *rel.organisational_objectives]
    evaluations = []
    for e in sorted(
        detail.evaluations, key=lambda e: _ORDER.index(e.kind) if e.kind in _ORDER else 9
    ):
        title, wording = templates.get(e.template, (e.template, {}))
        items = list(wording)
        answers = sorted(
            e.answers.items(), key=lambda kv: items.index(kv[0]) if kv[0] in items else 99
        )
        evaluations.append(
            EvaluationRecord(
                kind=e.kind,
                label=EVALUATION_LABELS.get(e.kind, e.kind),
                completed_on=e.completed_on,
                template=title,
                answers=tuple((wording.get(k, k), str(v)) for k, v in answers),
                objectives=tuple(
                    (objectives[i] if i < len(objectives) else f"Objective {i + 1}", str(r))
                    for i, r in enumerate(e.objective_ratings)
                ),
                comments=e.comments,
            )
        )
    done = {e.kind for e in detail.evaluations}
    missing = []
    if EvaluationKind.PRE.value not in done and rel.status != "withdrawn":
        missing.append("client pre-evaluation (due before the first regular session)")
    missing += [
        f"{d.label} (due {format_date(d.due_on)}, overdue from {format_date(d.overdue_from)})"
        for d in detail.due_evaluations
    ]
    return RelationshipRecordData(
        header=ReportHeader(
            "Relationship record",
            settings.hub_name,
            f"{_day(rel.started_on, 'not started')} – {_day(rel.ended_on, 'ongoing')}",
            today,
            f"{rel.kind.capitalize()}: {rel.client_name} with {rel.practitioner_name}",
        ),
        id=rel.id,
        fields=tuple(fields),
        contracting=tuple(s for s in sessions if s.type == "contracting"),
        individual_objectives=rel.individual_objectives,
        organisational_objectives=rel.organisational_objectives,
        sessions=sessions,
        evaluations=tuple(evaluations),
        missing_evaluations=tuple(missing),
    )


def _day(d: date | None, blank: str = "—") -> str:
    return format_date(d) if d is not None else blank
