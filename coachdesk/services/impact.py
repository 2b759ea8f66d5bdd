"""Impact (SPEC 4): mean change per item pre → post and pre → follow-up, from one query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, select

from coachdesk.domain.enums import EvaluationKind, RelationshipKind
from coachdesk.domain.impact import Attainment, ItemImpact, attainment, item_impacts, paired
from coachdesk.domain.templates import CLIENT_TEMPLATE_KEY
from coachdesk.errors import NotFound
from coachdesk.services.validate import Problems, a_date, choice, not_before
from coachdesk.storage.models import Evaluation, QuestionnaireTemplate, Relationship
from coachdesk.storage.uow import Database

E = EvaluationKind


@dataclass(frozen=True)
class ImpactReport:
    """The impact of the programme on one questionnaire template's items.

    A pair is one relationship with a ``pre`` and a later evaluation (``post`` or
    ``follow-up``) of the same template; the period, when given, selects pairs by the date the
    later evaluation was completed on. Each item counts only the pairs that answer it twice.
    """

    template: str
    title: str
    scale_min: int
    scale_max: int
    kind: RelationshipKind | None  # None for both
    start: date | None
    end: date | None
    items: tuple[ItemImpact, ...]
    pairs_post: int  # relationships with both a pre and a post evaluation
    pairs_follow_up: int  # relationships with both a pre and a follow-up evaluation
    attainment_post: Attainment  # objectives rated 0–10 at post
    attainment_follow_up: Attainment  # and at follow-up

    @property
    def empty(self) -> bool:
        return not (self.pairs_post or self.pairs_follow_up)


def _in_period(day: date | None, start: date | None, end: date | None) -> bool:
    if day is None:
        return start is None and end is None
    return (start is None or day >= start) and (end is None or day <= end)


def impact(
    db: Database,
    *,
    start: date | None = None,
    end: date | None = None,
    kind: str | None = None,
    template: str = CLIENT_TEMPLATE_KEY,
) -> ImpactReport:
    """The mean change per item of ``template`` over the relationships that have both forms.

    ``start``/``end`` (inclusive) select pairs by the completion date of the later form;
    ``kind`` keeps only coaching or only mentoring relationships.
    """
    p = Problems()
    start = a_date(p, "start", start)
    end = a_date(p, "end", end)
    not_before(p, "end", end, start, "the start date")
    rel_kind = choice(p, "kind", kind, RelationshipKind) if kind is not None else None
    p.raise_if_any("The impact", "worked out")
    with db.uow() as uow:
        tpl = (
            uow.session.get(QuestionnaireTemplate, template) if isinstance(template, str) else None
        )
        if tpl is None:
            raise NotFound(f"No questionnaire template has the key {template!r}.")
        where: list[ColumnElement[bool]] = [
            Evaluation.template_key == tpl.key,
            Evaluation.kind.in_([E.PRE.value, E.POST.value, E.FOLLOW_UP.value]),
        ]
        if rel_kind is not None:
            where.append(Relationship.kind == rel_kind)
        stmt = (
            select(
                Evaluation.relationship_id,
                Evaluation.kind,
                Evaluation.completed_on,
                Evaluation.answers,
                Evaluation.objective_ratings,
            )
            .join(Relationship, Relationship.id == Evaluation.relationship_id)
            .where(*where)
        )
        rows = uow.session.execute(stmt).all()
        items = [(i["key"], i["text"]) for i in tpl.items]
        key, title, low, high = tpl.key, tpl.title, tpl.scale_min, tpl.scale_max

    by_kind: dict[str, dict[str, dict[str, object]]] = {k.value: {} for k in E}
    ratings: dict[str, list[list[object]]] = {E.POST.value: [], E.FOLLOW_UP.value: []}
    for rel_id, ev_kind, completed_on, answers, objective_ratings in rows:
        if ev_kind != E.PRE and not _in_period(completed_on, start, end):
            continue
        by_kind[ev_kind][rel_id] = dict(answers or {})
        if ev_kind in ratings:
            ratings[ev_kind].append(list(objective_ratings or ()))
    pre, post, follow = by_kind[E.PRE], by_kind[E.POST], by_kind[E.FOLLOW_UP]
    return ImpactReport(
        template=key,
        title=title,
        scale_min=low,
        scale_max=high,
        kind=rel_kind,
        start=start,
        end=end,
        items=item_impacts(items, pre, post, follow),
        pairs_post=paired(pre, post),
        pairs_follow_up=paired(pre, follow),
        attainment_post=attainment(ratings[E.POST]),
        attainment_follow_up=attainment(ratings[E.FOLLOW_UP]),
    )
