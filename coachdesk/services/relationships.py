"""Relationships: open, edit, objectives, start, end (with the evaluations now due), withdraw."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import ColumnElement, select

from coachdesk.domain.dates import add_months, format_date
from coachdesk.domain.enums import EvaluationKind, RelationshipKind, RelationshipStatus
from coachdesk.domain.settings import HubSettings
from coachdesk.domain.words import plural
from coachdesk.errors import UserError
from coachdesk.services import queries
from coachdesk.services.changes import Changes, Outcome, RecordKind
from coachdesk.services.dto import (
    DueEvaluation,
    EndedRelationship,
    RelationshipDetail,
    RelationshipInput,
    RelationshipRow,
)
from coachdesk.services.labels import label
from coachdesk.services.settings import load_in
from coachdesk.services.validate import (
    Problems,
    a_date,
    choice,
    lines,
    not_before,
    person_ref,
    row_or_404,
    text,
    whole_number,
)
from coachdesk.services.versions import versioned_or_404
from coachdesk.storage.models import Evaluation, Meeting, Person, Relationship
from coachdesk.storage.uow import Database, UnitOfWork

R = RelationshipStatus


def _row(uow: UnitOfWork, relationship_id: str) -> RelationshipRow:
    return queries.relationship_rows(uow, Relationship.id == relationship_id)[0]


def _label(uow: UnitOfWork, rel: Relationship) -> str:
    names = dict(
        uow.session.execute(
            select(Person.id, Person.full_name).where(
                Person.id.in_([rel.practitioner_id, rel.client_id])
            )
        ).all()
    )
    return (
        f"The {rel.kind} relationship of {names.get(rel.client_id, '?')} with "
        f"{names.get(rel.practitioner_id, '?')}"
    )


def rated_objectives(uow: UnitOfWork, relationship_id: str) -> int:
    """The most objectives any of the relationship's evaluations rates."""
    ratings = uow.session.scalars(
        select(Evaluation.objective_ratings).where(Evaluation.relationship_id == relationship_id)
    )
    return max((len(r or ()) for r in ratings), default=0)


def _check_objectives(
    p: Problems,
    uow: UnitOfWork,
    relationship_id: str | None,
    individual: list[str],
    organisational: list[str],
) -> None:
    if relationship_id is None:
        return
    rated = rated_objectives(uow, relationship_id)
    if len(individual) + len(organisational) < rated:
        p.add(
            "individual_objectives",
            f"an evaluation already rates {plural(rated, 'objective')}; keep at least "
            f"{plural(rated, 'objective')}",
        )


def _has_problem(p: Problems, field: str) -> bool:
    return any(item.startswith(label(field)) for item in p.items)


def _clean(
    p: Problems, uow: UnitOfWork, data: RelationshipInput, current: Relationship | None
) -> dict[str, object]:
    if not isinstance(data, RelationshipInput):
        raise UserError(
            "The relationship cannot be saved:", problems=["the input is not a relationship"]
        )
    values: dict[str, object] = {}
    kind = choice(p, "kind", data.kind, RelationshipKind)
    practitioner = person_ref(p, "practitioner", uow, data.practitioner)
    client = person_ref(p, "client", uow, data.client)
    if practitioner is not None and client is not None and practitioner.id == client.id:
        p.add("client", "cannot be the same person as the practitioner")
    changed = current is None or (
        kind != current.kind
        or (practitioner is not None and practitioner.id != current.practitioner_id)
    )
    if kind and practitioner is not None and changed:
        why = queries.practitioner_problem(uow, practitioner, kind)
        if why:
            p.add("practitioner", why)
    values["kind"] = kind
    values["practitioner_id"] = practitioner.id if practitioner else None
    values["client_id"] = client.id if client else None
    started = a_date(p, "started_on", data.started_on)
    planned_end = a_date(p, "planned_end_on", data.planned_end_on)
    not_before(p, "planned_end_on", planned_end, started, "the start date")
    ended = current.ended_on if current is not None else None
    if ended is not None and started is not None and started > ended:
        p.add("started_on", f"cannot be after the end date, {format_date(ended)}")
    values["started_on"] = started
    values["planned_end_on"] = planned_end
    values["planned_sessions"] = whole_number(
        p, "planned_sessions", data.planned_sessions, minimum=1, maximum=500, required=False
    )
    open_ended = planned_end is None and values["planned_sessions"] is None
    unread = _has_problem(p, "planned_sessions") or _has_problem(p, "planned_end_on")
    if kind == RelationshipKind.COACHING.value and open_ended and not unread:
        p.items.append(
            f"{label('planned_end_on')} or {label('planned_sessions')} is required: a "
            "coaching relationship has a set duration (a mentoring one may be open-ended)"
        )
    individual = lines(p, "individual_objectives", data.individual_objectives)
    organisational = lines(p, "organisational_objectives", data.organisational_objectives)
    _check_objectives(p, uow, current.id if current else None, individual, organisational)
    values["individual_objectives"] = individual
    values["organisational_objectives"] = organisational
    return values


def add_relationship(db: Database, data: RelationshipInput) -> Outcome[RelationshipRow]:
    """Open a relationship (in contracting) without a request, e.g. one agreed in person."""
    with db.uow() as uow:
        p = Problems()
        values = _clean(p, uow, data, None)
        p.raise_if_any("The relationship")
        rel = Relationship(status=R.CONTRACTING.value, **values)
        uow.session.add(rel)
        uow.commit()
        return Outcome(_row(uow, rel.id), Changes.of(RecordKind.RELATIONSHIP, rel.id))


def update_relationship(
    db: Database,
    relationship_id: str,
    data: RelationshipInput,
    *,
    expected_version: int | None = None,
) -> Outcome[RelationshipRow]:
    """Replace a relationship's details (its status changes through start/end/withdraw)."""
    with db.uow() as uow:
        rel = versioned_or_404(uow, Relationship, relationship_id, "relationship", expected_version)
        p = Problems()
        values = _clean(p, uow, data, rel)
        p.raise_if_any("The relationship")
        for key, value in values.items():
            setattr(rel, key, value)
        uow.commit()
        return Outcome(_row(uow, rel.id), Changes.of(RecordKind.RELATIONSHIP, rel.id))


def set_objectives(
    db: Database,
    relationship_id: str,
    individual: tuple[str, ...] | list[str],
    organisational: tuple[str, ...] | list[str] = (),
    *,
    expected_version: int | None = None,
) -> Outcome[RelationshipRow]:
    """Record the individual and organisational objectives agreed at contracting."""
    with db.uow() as uow:
        rel = versioned_or_404(uow, Relationship, relationship_id, "relationship", expected_version)
        p = Problems()
        ind = lines(p, "individual_objectives", individual)
        org = lines(p, "organisational_objectives", organisational)
        _check_objectives(p, uow, rel.id, ind, org)
        p.raise_if_any("The objectives")
        rel.individual_objectives = ind
        rel.organisational_objectives = org
        uow.commit()
        return Outcome(_row(uow, rel.id), Changes.of(RecordKind.RELATIONSHIP, rel.id))


def _refuse_status(
    uow: UnitOfWork, rel: Relationship, action: str, allowed: tuple[str, ...]
) -> None:
    if rel.status not in allowed:
        raise UserError(
            f"{_label(uow, rel)} cannot be {action}: it is {rel.status}, and only a "
            f"{' or '.join(allowed)} relationship can be {action}."
        )


def start_relationship(
    db: Database, relationship_id: str, *, on: date | None = None
) -> Outcome[RelationshipRow]:
    """Contracting → active. ``on`` sets the start date; without it an empty one becomes today."""
    with db.uow() as uow:
        rel = row_or_404(uow, Relationship, relationship_id, "relationship")
        _refuse_status(uow, rel, "started", (R.CONTRACTING,))
        p = Problems()
        on = a_date(p, "started_on", on)
        p.raise_if_any("The relationship")
        if on is not None or rel.started_on is None:
            rel.started_on = on or db.clock.today()
        rel.status = R.ACTIVE.value
        uow.commit()
        return Outcome(_row(uow, rel.id), Changes.of(RecordKind.RELATIONSHIP, rel.id))


def _close(
    uow: UnitOfWork, rel: Relationship, status: str, on: date | None, reason: str, today: date
) -> None:
    p = Problems()
    ended = a_date(p, "ended_on", on) or today
    not_before(p, "ended_on", ended, rel.started_on, "the start date")
    why = text(p, "end_reason", reason)
    p.raise_if_any(_label(uow, rel), "ended" if status == R.ENDED else "withdrawn")
    rel.status = status
    rel.ended_on = ended
    rel.end_reason = why or None


def due_evaluations(
    rel: RelationshipRow, done: set[str], settings: HubSettings
) -> tuple[DueEvaluation, ...]:
    """The evaluations an ended relationship still needs, with due dates from the settings."""
    if rel.status != R.ENDED or rel.ended_on is None:
        return ()
    grace = timedelta(days=settings.evaluation_grace_days + 1)
    follow_up = add_months(rel.ended_on, settings.followup_months)
    wanted = (
        (EvaluationKind.POST, "client post-evaluation", rel.client, rel.ended_on),
        (
            EvaluationKind.PRACTITIONER_POST,
            "practitioner post-evaluation",
            rel.practitioner,
            rel.ended_on,
        ),
        (EvaluationKind.FOLLOW_UP, "client follow-up evaluation", rel.client, follow_up),
    )
    return tuple(
        DueEvaluation(kind, label, email, due, due + grace)
        for kind, label, email, due in wanted
        if kind.value not in done
    )


def _done_kinds(uow: UnitOfWork, relationship_id: str) -> set[str]:
    return set(
        uow.session.scalars(
            select(Evaluation.kind).where(Evaluation.relationship_id == relationship_id)
        )
    )


def end_relationship(
    db: Database,
    relationship_id: str,
    *,
    ended_on: date | None = None,
    reason: str = "",
    expected_version: int | None = None,
) -> Outcome[EndedRelationship]:
    """Active → ended (``ended_on`` default today); returns the evaluations now due."""
    with db.uow() as uow:
        rel = versioned_or_404(uow, Relationship, relationship_id, "relationship", expected_version)
        if rel.status == R.CONTRACTING:
            raise UserError(
                f"{_label(uow, rel)} cannot be ended: it is still contracting. Start it first, "
                "or withdraw it if it will not go ahead."
            )
        _refuse_status(uow, rel, "ended", (R.ACTIVE,))
        _close(uow, rel, R.ENDED.value, ended_on, reason, db.clock.today())
        uow.commit()
        row = _row(uow, rel.id)
        due = due_evaluations(row, _done_kinds(uow, rel.id), load_in(uow))
        return Outcome(EndedRelationship(row, due), Changes.of(RecordKind.RELATIONSHIP, rel.id))


def withdraw_relationship(
    db: Database,
    relationship_id: str,
    *,
    on: date | None = None,
    reason: str = "",
    expected_version: int | None = None,
) -> Outcome[RelationshipRow]:
    """Contracting or active → withdrawn (it will not go on; no evaluations fall due)."""
    with db.uow() as uow:
        rel = versioned_or_404(uow, Relationship, relationship_id, "relationship", expected_version)
        _refuse_status(uow, rel, "withdrawn", (R.CONTRACTING, R.ACTIVE))
        _close(uow, rel, R.WITHDRAWN.value, on, reason, db.clock.today())
        uow.commit()
        return Outcome(_row(uow, rel.id), Changes.of(RecordKind.RELATIONSHIP, rel.id))


def delete_relationship(
    db: Database, relationship_id: str, *, expected_version: int | None = None
) -> Outcome[None]:
    """Delete a relationship entered by mistake, with its sessions and evaluations."""
    with db.uow() as uow:
        rel = versioned_or_404(
            uow, Relationship, relationship_id, "relationship", expected_version, deleting=True
        )
        meetings, evaluations = queries.table_of(Meeting), queries.table_of(Evaluation)
        uow.session.execute(meetings.delete().where(meetings.c.relationship_id == rel.id))
        uow.session.execute(evaluations.delete().where(evaluations.c.relationship_id == rel.id))
        uow.session.delete(rel)
        uow.commit()
        return Outcome(None, Changes.of(RecordKind.RELATIONSHIP, relationship_id))


def list_relationships(
    db: Database,
    kind: str | None = None,
    status: str | None = None,
    practitioner: str | None = None,
    client: str | None = None,
) -> list[RelationshipRow]:
    """Relationships, newest first; filter by kind, status, practitioner or client e-mail."""
    p = Problems()
    where: list[ColumnElement[bool]] = []
    if kind is not None:
        where.append(Relationship.kind == choice(p, "kind", kind, RelationshipKind))
    if status is not None:
        where.append(Relationship.status == choice(p, "status", status, RelationshipStatus))
    p.raise_if_any("The relationships", "listed")
    with db.uow() as uow:
        for email, column in (
            (practitioner, Relationship.practitioner_id),
            (client, Relationship.client_id),
        ):
            if email is not None:
                ids = select(Person.id).where(Person.email == email.strip().lower())
                where.append(column.in_(ids))
        return queries.relationship_rows(uow, *where)


def get_relationship(db: Database, relationship_id: str) -> RelationshipDetail:
    """A relationship with its objectives, sessions (notes included) and evaluations."""
    with db.uow() as uow:
        rel = row_or_404(uow, Relationship, relationship_id, "relationship")
        row = _row(uow, rel.id)
        meetings = uow.session.scalars(
            select(Meeting)
            .where(Meeting.relationship_id == rel.id)
            .order_by(Meeting.date, Meeting.created_at)
        )
        evaluations = list(
            uow.session.scalars(
                select(Evaluation)
                .where(Evaluation.relationship_id == rel.id)
                .order_by(Evaluation.completed_on, Evaluation.kind)
            )
        )
        due = due_evaluations(row, {e.kind for e in evaluations}, load_in(uow))
        return RelationshipDetail(
            relationship=row,
            sessions=tuple(queries.meeting_row(m) for m in meetings),
            evaluations=tuple(queries.evaluation_row(e) for e in evaluations),
            due_evaluations=due,
        )
