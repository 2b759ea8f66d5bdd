"""Evaluations (answers checked against their template) and editable questionnaire templates."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TypedDict

from sqlalchemy import func, select, true

from coachdesk.domain.dates import format_date
from coachdesk.domain.enums import EvaluationKind
from coachdesk.domain.templates import DEFAULT_TEMPLATES, TEMPLATE_FOR_KIND
from coachdesk.domain.words import plural
from coachdesk.errors import NotFound, UserError
from coachdesk.services import queries
from coachdesk.services.changes import Changes, Outcome, RecordKind
from coachdesk.services.dto import (
    EvaluationInput,
    EvaluationRow,
    TemplateInput,
    TemplateItem,
    TemplateRow,
)
from coachdesk.services.validate import Problems, a_date, choice, row_or_404, text
from coachdesk.services.versions import versioned_or_404
from coachdesk.storage.models import Evaluation, QuestionnaireTemplate, Relationship
from coachdesk.storage.stale import check_version, refuse_if_gone
from coachdesk.storage.uow import Database, UnitOfWork

KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
DEFAULT_KEYS = frozenset(t["key"] for t in DEFAULT_TEMPLATES)
MAX_RATING = 10


# ---------------------------------------------------------------------------------------------
# Evaluations


def _check_answers(p: Problems, answers: object, tpl: QuestionnaireTemplate) -> dict[str, int]:
    if answers is None:
        return {}
    if not isinstance(answers, Mapping):
        p.add("answers", "must map each item's key to a rating")
        return {}
    known = {item["key"]: item["text"] for item in tpl.items}
    out: dict[str, int] = {}
    low, high = tpl.scale_min, tpl.scale_max
    for key, value in answers.items():
        if key not in known:
            p.add("answers", f"{key!r} is not an item of the template {tpl.key!r}")
            continue
        if value is None:  # an item left blank on the form
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            p.add(f"answers.{key}", f"{value!r} is not a whole number from {low} to {high}")
            continue
        out[key] = value
    return out


def _check_ratings(
    p: Problems, given: object, kind: EvaluationKind | None, objectives: int
) -> list[int]:
    if given is None:
        return []
    if isinstance(given, str | bytes) or not isinstance(given, Iterable):
        p.add("objective_ratings", "must be a list of ratings from 0 to 10")
        return []
    ratings: list[object] = list(given)
    out: list[int] = []
    for i, value in enumerate(ratings, start=1):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_RATING:
            p.add(
                "objective_ratings", f"objective {i}: {value!r} is not a whole number from 0 to 10"
            )
        else:
            out.append(value)
    if ratings and kind == EvaluationKind.PRE:
        p.add("objective_ratings", "a pre evaluation does not rate objectives")
    elif len(ratings) > objectives:
        p.add(
            "objective_ratings",
            f"{len(ratings)} ratings given but the relationship has {objectives} objectives",
        )
    return out


class EvaluationValues(TypedDict):
    """An evaluation's fields, checked and ready to store."""

    kind: EvaluationKind | None
    completed_on: date | None
    template_key: str | None
    answers: dict[str, int]
    objective_ratings: list[int]
    comments: str


def _clean_evaluation(
    uow: UnitOfWork, rel: Relationship, data: EvaluationInput, own_id: str | None
) -> EvaluationValues:
    if not isinstance(data, EvaluationInput):
        raise UserError(
            "The evaluation cannot be saved:", problems=["the input is not an evaluation"]
        )
    p = Problems()
    kind = choice(p, "kind", data.kind, EvaluationKind)
    completed_on = a_date(p, "completed_on", data.completed_on, required=True)
    key = data.template or (TEMPLATE_FOR_KIND.get(kind) if kind else None)
    tpl = uow.session.get(QuestionnaireTemplate, key) if isinstance(key, str) else None
    answers: dict[str, int] = {}
    if key and tpl is None:
        p.missing("template", f"no questionnaire template has the key {key!r}")
    elif tpl is not None:
        answers = _check_answers(p, data.answers, tpl)
    objectives = len(rel.individual_objectives or ()) + len(rel.organisational_objectives or ())
    ratings = _check_ratings(p, data.objective_ratings, kind, objectives)
    comments = text(p, "comments", data.comments)
    if kind:
        clash = uow.session.scalars(
            select(Evaluation).where(Evaluation.relationship_id == rel.id, Evaluation.kind == kind)
        ).first()
        if clash is not None and clash.id != own_id:
            when = f" (completed {format_date(clash.completed_on)})" if clash.completed_on else ""
            p.add("kind", f"this relationship already has a {kind} evaluation{when}")
    p.raise_if_any("The evaluation")
    return EvaluationValues(
        kind=kind,
        completed_on=completed_on,
        template_key=key,
        answers=answers,
        objective_ratings=ratings,
        comments=comments,
    )


def add_evaluation(
    db: Database, relationship_id: str, data: EvaluationInput
) -> Outcome[EvaluationRow]:
    """Enter a completed evaluation (one of each kind per relationship)."""
    with db.uow() as uow:
        rel = row_or_404(uow, Relationship, relationship_id, "relationship")
        evaluation = Evaluation(relationship_id=rel.id, **_clean_evaluation(uow, rel, data, None))
        uow.session.add(evaluation)
        uow.commit()
        return Outcome(
            queries.evaluation_row(evaluation),
            Changes.of(RecordKind.EVALUATION, evaluation.id)
            | Changes.of(RecordKind.RELATIONSHIP, rel.id),
        )


def update_evaluation(
    db: Database, evaluation_id: str, data: EvaluationInput, *, expected_version: int | None = None
) -> Outcome[EvaluationRow]:
    with db.uow() as uow:
        evaluation = versioned_or_404(
            uow, Evaluation, evaluation_id, "evaluation", expected_version
        )
        rel = uow.session.get(Relationship, evaluation.relationship_id)
        assert rel is not None
        for key, value in _clean_evaluation(uow, rel, data, evaluation.id).items():
            setattr(evaluation, key, value)
        uow.commit()
        return Outcome(
            queries.evaluation_row(evaluation),
            Changes.of(RecordKind.EVALUATION, evaluation.id)
            | Changes.of(RecordKind.RELATIONSHIP, rel.id),
        )


def delete_evaluation(
    db: Database, evaluation_id: str, *, expected_version: int | None = None
) -> Outcome[None]:
    with db.uow() as uow:
        evaluation = versioned_or_404(
            uow, Evaluation, evaluation_id, "evaluation", expected_version, deleting=True
        )
        rel_id = evaluation.relationship_id
        uow.session.delete(evaluation)
        uow.commit()
        return Outcome(
            None,
            Changes.of(RecordKind.EVALUATION, evaluation_id)
            | Changes.of(RecordKind.RELATIONSHIP, rel_id),
        )


def get_evaluation(db: Database, evaluation_id: str) -> EvaluationRow:
    with db.uow() as uow:
        return queries.evaluation_row(row_or_404(uow, Evaluation, evaluation_id, "evaluation"))


def list_evaluations(db: Database, relationship_id: str) -> list[EvaluationRow]:
    with db.uow() as uow:
        rel = row_or_404(uow, Relationship, relationship_id, "relationship")
        rows = uow.session.scalars(
            select(Evaluation)
            .where(Evaluation.relationship_id == rel.id)
            .order_by(Evaluation.completed_on, Evaluation.kind)
        )
        return [queries.evaluation_row(e) for e in rows]


# ---------------------------------------------------------------------------------------------
# Questionnaire templates


def _usage(uow: UnitOfWork, key: str) -> tuple[int, Counter[str], list[int]]:
    """How many evaluations use the template, how many answer each item, and every value."""
    count = 0
    answered: Counter[str] = Counter()
    values: list[int] = []
    for answers in uow.session.scalars(
        select(Evaluation.answers).where(Evaluation.template_key == key)
    ):
        count += 1
        for item, value in (answers or {}).items():
            answered[item] += 1
            if isinstance(value, int):
                values.append(value)
    return count, answered, values


def _template_row(uow: UnitOfWork, tpl: QuestionnaireTemplate) -> TemplateRow:
    count, answered, _ = _usage(uow, tpl.key)
    return TemplateRow(
        key=tpl.key,
        title=tpl.title,
        scale_min=tpl.scale_min,
        scale_max=tpl.scale_max,
        items=tuple(TemplateItem(i["key"], i["text"], answered[i["key"]]) for i in tpl.items),
        evaluations=count,
        version=tpl.version,
    )


def _slug(text_: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", text_.casefold()).strip("_")[:40].strip("_")
    return slug or "item"


def _field(item: object, name: str) -> object:
    """An item's ``key`` or ``text``, whether it is a mapping or a ``TemplateItemInput``."""
    if isinstance(item, Mapping):
        return item.get(name)
    return getattr(item, name, None)


def _clean_items(p: Problems, items: object) -> list[dict[str, str]]:
    if isinstance(items, str) or not isinstance(items, Iterable):
        p.add("items", "must be a list of items")
        return []
    cleaned: list[tuple[str, str]] = []
    for n, item in enumerate(items, start=1):
        key = _field(item, "key") or ""
        wording = text(
            p,
            f"items[{n}].text",
            _field(item, "text"),
            max_len=500,
            required=True,
        )
        if not isinstance(key, str):
            p.add(f"items[{n}].key", "must be text")
            continue
        key = key.strip()
        if key and (len(key) > 100 or not KEY.match(key)):
            p.add(f"items[{n}].key", f"{key!r} may use only a-z, 0-9, _ and -")
        cleaned.append((key, wording))
    given = Counter(k for k, _ in cleaned if k)
    for key, n in given.items():
        if n > 1:
            p.add("items", f"the key {key!r} is used by {n} items; each item needs its own")
    taken = set(given)
    out = []
    for key, wording in cleaned:
        if not key:
            base = key = _slug(wording)
            n = 2
            while key in taken:
                key = f"{base}_{n}"
                n += 1
            taken.add(key)
        out.append({"key": key, "text": wording})
    if not out and not p:
        p.add("items", "a template needs at least one item")
    return out


def save_template(
    db: Database, data: TemplateInput, *, expected_version: int | None = None
) -> Outcome[TemplateRow]:
    """Add a template, or edit one (add, reword and reorder items; change the title or scale).

    ``expected_version``: the version of the template the lead opened for editing; a template
    someone changed or deleted since is refused (StaleRecord).

    Answers are kept by item key, so an item that has answers cannot be removed, and the
    scale cannot shrink below an answer already given.
    """
    if not isinstance(data, TemplateInput):
        raise UserError("The template cannot be saved:", problems=["the input is not a template"])
    p = Problems()
    key = text(p, "key", data.key, required=True)
    if key and not KEY.match(key):
        p.add("key", f"{key!r} may use only a-z, 0-9, _ and -")
    title = text(p, "title", data.title, max_len=200, required=True)
    scale: object = data.scale
    low: int | None = None
    high: int | None = None
    if (
        not isinstance(scale, tuple | list)
        or len(scale) != 2
        or any(isinstance(v, bool) or not isinstance(v, int) for v in scale)
    ):
        p.add("scale", "must be two whole numbers, lowest and highest")
    else:
        low, high = scale
        if not 0 <= low < high <= 100:
            p.add(
                "scale",
                f"{low}–{high} is not a scale: the lowest must be below the highest (0–100)",
            )
            low = high = None
    items = _clean_items(p, data.items)
    with db.uow() as uow:
        if key:
            refuse_if_gone(uow.session, QuestionnaireTemplate, key, expected_version)
        tpl = uow.session.get(QuestionnaireTemplate, key) if key else None
        if tpl is not None:
            check_version(uow.session, tpl, expected_version)
            _, answered, values = _usage(uow, key)
            kept = {i["key"] for i in items}
            for gone in sorted(set(answered) - kept):
                p.add(
                    "items",
                    f"{gone!r} has answers in {plural(answered[gone], 'evaluation')} and cannot be "
                    "removed; reword it instead",
                )
            if low is not None and high is not None and values:
                outside = [v for v in values if not low <= v <= high]
                if outside:
                    p.add(
                        "scale",
                        f"{plural(len(outside), 'answer')} already given "
                        f"{'falls' if len(outside) == 1 else 'fall'} outside {low}–{high}",
                    )
        p.raise_if_any("The template")
        assert low is not None and high is not None  # no problems, so the scale was read
        if tpl is None:
            tpl = QuestionnaireTemplate(key=key)
            uow.session.add(tpl)
        tpl.title = title
        tpl.scale_min, tpl.scale_max = low, high
        tpl.items = items
        uow.commit()
        return Outcome(_template_row(uow, tpl), Changes.of(RecordKind.TEMPLATE, key))


def delete_template(
    db: Database, key: str, *, expected_version: int | None = None
) -> Outcome[None]:
    """Delete a template that no evaluation uses (the two defaults always stay)."""
    with db.uow() as uow:
        if isinstance(key, str) and key:
            refuse_if_gone(uow.session, QuestionnaireTemplate, key, expected_version)
        tpl = uow.session.get(QuestionnaireTemplate, key) if isinstance(key, str) else None
        if tpl is None:
            raise NotFound(f"No questionnaire template has the key {key!r}.")
        check_version(uow.session, tpl, expected_version, deleting=True)
        if key in DEFAULT_KEYS:
            raise UserError(
                f"The template {key!r} is one of the hub's defaults and cannot be deleted."
            )
        count, _, _ = _usage(uow, key)
        if count:
            raise UserError(
                f"The template {key!r} is used by {plural(count, 'evaluation')} and cannot be "
                "deleted."
            )
        uow.session.delete(tpl)
        uow.commit()
        return Outcome(None, Changes.of(RecordKind.TEMPLATE, key))


def get_template(db: Database, key: str) -> TemplateRow:
    with db.uow() as uow:
        tpl = uow.session.get(QuestionnaireTemplate, key) if isinstance(key, str) else None
        if tpl is None:
            raise NotFound(f"No questionnaire template has the key {key!r}.")
        return _template_row(uow, tpl)


def template_titles(db: Database) -> list[tuple[str, str]]:
    """Every questionnaire template's (key, title), by key: a chooser needs no usage counts."""
    with db.uow() as uow:
        return [
            (key, title)
            for key, title in uow.session.execute(
                select(QuestionnaireTemplate.key, QuestionnaireTemplate.title).order_by(
                    QuestionnaireTemplate.key
                )
            )
        ]


def list_templates(db: Database) -> list[TemplateRow]:
    """Every questionnaire template, by key, with how often each item is answered."""
    with db.uow() as uow:
        templates = list(
            uow.session.scalars(select(QuestionnaireTemplate).order_by(QuestionnaireTemplate.key))
        )
        usage: dict[str, tuple[int, Counter[str]]] = {t.key: (0, Counter()) for t in templates}
        # Counted by the database (one grouped query each) rather than by reading every
        # evaluation's answers into Python: a large hub holds tens of thousands.
        for key, count in uow.session.execute(
            select(Evaluation.template_key, func.count()).group_by(Evaluation.template_key)
        ):
            if key in usage:
                usage[key] = (count, usage[key][1])
        answer = func.json_each(Evaluation.answers).table_valued("key").alias("answer")
        for key, item, count in uow.session.execute(
            select(Evaluation.template_key, answer.c.key, func.count())
            .select_from(Evaluation)
            .join(answer, true())
            .group_by(Evaluation.template_key, answer.c.key)
        ):
            if key in usage:
                usage[key][1][item] = count
        return [
            TemplateRow(
                key=t.key,
                title=t.title,
                scale_min=t.scale_min,
                scale_max=t.scale_max,
                items=tuple(
                    TemplateItem(i["key"], i["text"], usage[t.key][1][i["key"]]) for i in t.items
                ),
                evaluations=usage[t.key][0],
                version=t.version,
            )
            for t in templates
        ]
