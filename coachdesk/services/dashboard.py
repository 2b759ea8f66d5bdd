"""What the dashboard shows: headline counts, alerts, what falls due, evaluation completion."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from coachdesk.domain.dates import add_months
from coachdesk.domain.enums import EvaluationKind, RelationshipStatus
from coachdesk.domain.hub_facts import Alert, DueItem
from coachdesk.services.compliance import alerts_and_due
from coachdesk.services.retention import RetentionReview, retention_review
from coachdesk.services.settings import load_in
from coachdesk.services.summary import HubSummary, hub_summary
from coachdesk.storage.models import Evaluation, Relationship
from coachdesk.storage.uow import Database

#: The evaluations an ended relationship owes, with how the dashboard names them.
END_EVALUATIONS: tuple[tuple[EvaluationKind, str], ...] = (
    (EvaluationKind.POST, "Client post"),
    (EvaluationKind.PRACTITIONER_POST, "Practitioner post"),
    (EvaluationKind.FOLLOW_UP, "Client follow-up"),
)

COMPLETION_DEFINITION = (
    "Evaluations completed ÷ evaluations due so far, over relationships that have ended: "
    "the client post and practitioner post evaluations from the day a relationship ends, "
    "and the client follow-up once its date (the end plus the follow-up period) has passed."
)


@dataclass(frozen=True)
class KindCompletion:
    kind: EvaluationKind  # post / practitioner-post / follow-up
    label: str  # "Client post"
    completed: int
    due: int


@dataclass(frozen=True)
class EvaluationCompletion:
    """Evaluations completed out of those due so far (see COMPLETION_DEFINITION)."""

    completed: int
    due: int
    by_kind: tuple[KindCompletion, ...]

    @property
    def rate(self) -> float | None:
        """completed ÷ due, or None while nothing is due yet."""
        return self.completed / self.due if self.due else None


@dataclass(frozen=True)
class DashboardData:
    summary: HubSummary
    alerts: tuple[Alert, ...]
    due: tuple[DueItem, ...]
    completion: EvaluationCompletion
    retention: RetentionReview | None = None


def evaluation_completion(db: Database, today: date | None = None) -> EvaluationCompletion:
    """How many of the evaluations due so far for ended relationships have been completed."""
    today = today or db.clock.today()
    kinds = [k for k, _ in END_EVALUATIONS]
    with db.uow() as uow:
        conn = uow.session.connection()
        settings = load_in(uow)
        ended = conn.execute(
            select(Relationship.id, Relationship.ended_on).where(
                Relationship.status == RelationshipStatus.ENDED.value,
                Relationship.ended_on.is_not(None),
                Relationship.ended_on <= today,
            )
        ).all()
        done = set(
            conn.execute(
                select(Evaluation.relationship_id, Evaluation.kind).where(
                    Evaluation.kind.in_([k.value for k in kinds]),
                    Evaluation.completed_on.is_not(None),
                )
            ).all()
        )
    counts = {k: [0, 0] for k in kinds}
    for rel_id, ended_on in ended:
        if ended_on is None:  # not selected; the column allows it
            continue
        for kind in kinds:
            due_on = (
                add_months(ended_on, settings.followup_months)
                if kind == EvaluationKind.FOLLOW_UP
                else ended_on
            )
            if due_on > today:
                continue
            counts[kind][1] += 1
            if (rel_id, kind) in done:
                counts[kind][0] += 1
    by_kind = tuple(
        KindCompletion(kind, label, counts[kind][0], counts[kind][1])
        for kind, label in END_EVALUATIONS
    )
    return EvaluationCompletion(
        completed=sum(k.completed for k in by_kind),
        due=sum(k.due for k in by_kind),
        by_kind=by_kind,
    )


def dashboard(db: Database, today: date | None = None, horizon_days: int = 14) -> DashboardData:
    """Everything the dashboard shows on ``today``, in one call."""
    today = today or db.clock.today()
    alerts, due = alerts_and_due(db, today, horizon_days)
    return DashboardData(
        summary=hub_summary(db, today),
        alerts=tuple(alerts),
        due=tuple(due),
        completion=evaluation_completion(db, today),
        retention=retention_review(db, today),
    )
