"""Every evaluation the hub expects, per relationship: due, overdue or done (three queries)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import aliased

from coachdesk.domain.enums import (
    EvaluationKind,
    MeetingStatus,
    MeetingType,
    RelationshipKind,
    RelationshipStatus,
)
from coachdesk.services.dto import RelationshipRow
from coachdesk.services.relationships import due_evaluations
from coachdesk.services.settings import load_in
from coachdesk.storage.models import Evaluation, Meeting, Person, Relationship
from coachdesk.storage.uow import Database, UnitOfWork

E = EvaluationKind
DUE, OVERDUE, DONE = "due", "overdue", "done"
STATUSES = (DUE, OVERDUE, DONE)

#: How each kind reads on screen, and who completes it.
LABEL = {
    E.PRE.value: "client pre-evaluation",
    E.POST.value: "client post-evaluation",
    E.FOLLOW_UP.value: "client follow-up evaluation",
    E.PRACTITIONER_POST.value: "practitioner post-evaluation",
}
BY = {
    E.PRE.value: "client",
    E.POST.value: "client",
    E.FOLLOW_UP.value: "client",
    E.PRACTITIONER_POST.value: "practitioner",
}
KIND_ORDER = {k.value: n for n, k in enumerate(E)}


@dataclass(frozen=True)
class EvaluationStatusRow:
    """One evaluation a relationship needs (``due``/``overdue``) or has (``done``)."""

    id: str  # the evaluation's id when done, else "<relationship id>/<kind>"
    status: str  # due / overdue / done
    kind: EvaluationKind
    label: str  # "client pre-evaluation"
    by: str  # who completes it: client / practitioner
    by_name: str
    relationship_id: str
    relationship_kind: RelationshipKind
    relationship_status: RelationshipStatus
    client_name: str
    client_email: str
    practitioner_name: str
    practitioner_email: str
    due_on: date | None  # None: a pre-evaluation with no session or start date yet
    overdue_from: date | None  # the first day the hub's rules raise an alert
    completed_on: date | None
    evaluation_id: str | None
    #: The evaluation's version when done (a delete based on it is refused once it has changed).
    evaluation_version: int | None = None


def _row(
    rel: RelationshipRow,
    kind: EvaluationKind,
    status: str,
    *,
    due_on: date | None = None,
    overdue_from: date | None = None,
    completed_on: date | None = None,
    evaluation_id: str | None = None,
    evaluation_version: int | None = None,
) -> EvaluationStatusRow:
    by = BY.get(kind, "client")
    return EvaluationStatusRow(
        id=evaluation_id or f"{rel.id}/{kind}",
        status=status,
        kind=kind,
        label=LABEL.get(kind, f"{kind} evaluation"),
        by=by,
        by_name=rel.client_name if by == "client" else rel.practitioner_name,
        relationship_id=rel.id,
        relationship_kind=rel.kind,
        relationship_status=rel.status,
        client_name=rel.client_name,
        client_email=rel.client,
        practitioner_name=rel.practitioner_name,
        practitioner_email=rel.practitioner,
        due_on=due_on,
        overdue_from=overdue_from,
        completed_on=completed_on,
        evaluation_id=evaluation_id,
        evaluation_version=evaluation_version,
    )


def _as_date(value: object) -> date | None:
    """A date from an aggregate (SQLite returns MIN over dates as ISO text)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _first_regular(uow: UnitOfWork) -> tuple[dict[str, date], dict[str, date]]:
    """Per relationship: the first held-or-scheduled regular session, and the first held one."""
    session = uow.session
    stmt = (
        select(Meeting.relationship_id, Meeting.status, func.min(Meeting.date))
        .where(
            Meeting.type == MeetingType.REGULAR.value,
            Meeting.status.in_([MeetingStatus.HELD.value, MeetingStatus.SCHEDULED.value]),
        )
        .group_by(Meeting.relationship_id, Meeting.status)
    )
    planned: dict[str, date] = {}
    held: dict[str, date] = {}
    for rel_id, status, earliest in session.execute(stmt):
        first = _as_date(earliest)
        if first is None:
            continue
        if status == MeetingStatus.HELD:
            held[rel_id] = first
        if rel_id not in planned or first < planned[rel_id]:
            planned[rel_id] = first
    return planned, held


def _relationships(uow: UnitOfWork, where: list[ColumnElement[bool]]) -> list[RelationshipRow]:
    """The relationships with their two people's names (only the columns this listing uses)."""
    practitioner, client = aliased(Person), aliased(Person)
    r = Relationship
    stmt = (
        select(r.id, r.kind, r.status, r.practitioner_id, r.client_id, r.started_on, r.ended_on,
               practitioner.email, practitioner.full_name, client.email, client.full_name,
               r.version)
        .join(practitioner, practitioner.id == r.practitioner_id)
        .join(client, client.id == r.client_id)
        .where(*where)
    )  # fmt: skip
    return [
        RelationshipRow(
            id=rel_id,
            kind=RelationshipKind(kind),
            status=RelationshipStatus(status),
            practitioner=p_email,
            practitioner_id=p_id,
            practitioner_name=p_name,
            client=c_email,
            client_id=c_id,
            client_name=c_name,
            request=None,
            started_on=started_on,
            planned_end_on=None,
            planned_sessions=None,
            ended_on=ended_on,
            end_reason=None,
            individual_objectives=(),
            organisational_objectives=(),
            version=version,
        )
        for (
            rel_id, kind, status, p_id, c_id, started_on, ended_on, p_email, p_name, c_email,
            c_name, version,
        ) in uow.session.execute(stmt)
    ]  # fmt: skip


def evaluation_status(
    db: Database, today: date | None = None, relationship_id: str | None = None
) -> list[EvaluationStatusRow]:
    """Every evaluation done, and every one due or overdue on ``today``.

    A client pre-evaluation is due by the first regular session (overdue from the first held
    one, as the hub's rule says); the post-evaluations from the end, the follow-up at the end
    plus the follow-up period, each overdue after the grace period. Withdrawn relationships
    need nothing more. Sorted by status (overdue, due, done), then date.
    """
    today = today or db.clock.today()
    with db.uow() as uow:
        where: list[ColumnElement[bool]] = (
            [] if relationship_id is None else [Relationship.id == relationship_id]
        )
        rels = _relationships(uow, where)
        ev_where = (
            [] if relationship_id is None else [Evaluation.relationship_id == relationship_id]
        )
        done = uow.session.execute(
            select(
                Evaluation.id,
                Evaluation.relationship_id,
                Evaluation.kind,
                Evaluation.completed_on,
                Evaluation.version,
            ).where(*ev_where)
        ).all()
        planned, held = _first_regular(uow)
        settings = load_in(uow)

    done_by_rel: dict[str, dict[EvaluationKind, tuple[str, date | None, int]]] = {}
    for ev_id, rel_id, kind, completed_on, version in done:
        done_by_rel.setdefault(rel_id, {})[EvaluationKind(kind)] = (ev_id, completed_on, version)

    out: list[EvaluationStatusRow] = []
    for rel in rels:
        have = done_by_rel.get(rel.id, {})
        for kind, (ev_id, completed_on, version) in have.items():
            out.append(
                _row(
                    rel,
                    kind,
                    DONE,
                    completed_on=completed_on,
                    evaluation_id=ev_id,
                    evaluation_version=version,
                )
            )
        if rel.status == RelationshipStatus.WITHDRAWN:
            continue
        if E.PRE not in have:
            due_on = planned.get(rel.id) or rel.started_on
            overdue_from = held.get(rel.id) or planned.get(rel.id)
            late = overdue_from is not None and today >= overdue_from
            status = OVERDUE if late else DUE
            out.append(_row(rel, E.PRE, status, due_on=due_on, overdue_from=overdue_from))
        for due in due_evaluations(rel, {k.value for k in have}, settings):
            status = OVERDUE if today >= due.overdue_from else DUE
            out.append(
                _row(rel, due.kind, status, due_on=due.due_on, overdue_from=due.overdue_from)
            )
    rank = {OVERDUE: 0, DUE: 1, DONE: 2}
    out.sort(
        key=lambda r: (
            rank[r.status],
            (r.completed_on or date.min) if r.status == DONE else (r.due_on or date.max),
            r.client_name.casefold(),
            KIND_ORDER.get(r.kind, 9),
        )
    )
    # Done: newest first.
    head = [r for r in out if r.status != DONE]
    tail = [r for r in out if r.status == DONE]
    tail.reverse()
    return head + tail


def status_counts(rows: list[EvaluationStatusRow]) -> dict[str, int]:
    """How many rows have each status (every status present, zero when none)."""
    counts = dict.fromkeys(STATUSES, 0)
    for r in rows:
        counts[r.status] += 1
    return counts
