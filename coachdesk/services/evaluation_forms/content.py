"""What one fillable form shows, gathered from the database as plain data (a few queries for many)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import aliased

from coachdesk.domain.enums import EvaluationKind, RelationshipKind
from coachdesk.domain.templates import TEMPLATE_FOR_KIND
from coachdesk.services.evaluation_forms.identity import FormIdentity, field_value, fingerprint
from coachdesk.services.evaluation_status import BY, LABEL
from coachdesk.services.settings import load_in
from coachdesk.storage.models import Evaluation, Person, QuestionnaireTemplate, Relationship
from coachdesk.storage.uow import UnitOfWork

E = EvaluationKind
#: Kinds that rate each objective 0–10 for attainment (SPEC 4).
RATES_OBJECTIVES = frozenset({E.POST, E.FOLLOW_UP})
OBJECTIVE_SCALE = (0, 10)


@dataclass(frozen=True)
class FormItem:
    key: str
    text: str


@dataclass(frozen=True)
class FormContent:
    """Everything drawn on one form (no database objects: the drawing needs only this)."""

    hub_name: str
    kind: EvaluationKind
    title: str  # "Client post-evaluation"
    relationship_kind: RelationshipKind
    client_name: str
    practitioner_name: str
    respondent_name: str
    respondent_role: str  # client / practitioner
    started_on: date | None
    ended_on: date | None
    due_on: date | None
    template_title: str
    scale: tuple[int, int]
    items: tuple[FormItem, ...]
    objectives: tuple[str, ...]  # empty for kinds that do not rate objectives
    identity: str  # the read-only coachdesk.form field's value
    relationship_id: str

    @property
    def practitioner_role(self) -> str:
        return "coach" if self.relationship_kind == RelationshipKind.COACHING else "mentor"


@dataclass(frozen=True)
class FormRequest:
    """One evaluation to draw a form for, and the day it falls due (None when not known)."""

    relationship_id: str
    kind: EvaluationKind
    due_on: date | None = None


def title_of(kind: EvaluationKind) -> str:
    text = LABEL.get(kind.value, f"{kind.value} evaluation")
    return text[0].upper() + text[1:]


def gather(
    uow: UnitOfWork, wanted: Sequence[FormRequest], secret: str, *, skip_done: bool = True
) -> list[FormContent]:
    """The content of a form per request, in order; relationships that are gone, or (with
    ``skip_done``) evaluations already recorded, are left out."""
    if not wanted:
        return []
    settings = load_in(uow)
    database = fingerprint(secret)
    ids = sorted({w.relationship_id for w in wanted})
    rels = _relationships(uow, ids)
    done = _done(uow, ids) if skip_done else set()
    keys = {TEMPLATE_FOR_KIND[w.kind.value] for w in wanted}
    templates = {
        t.key: t
        for t in uow.session.scalars(
            select(QuestionnaireTemplate).where(QuestionnaireTemplate.key.in_(keys))
        )
    }
    out: list[FormContent] = []
    for w in wanted:
        rel = rels.get(w.relationship_id)
        tpl = templates.get(TEMPLATE_FOR_KIND[w.kind.value])
        if rel is None or tpl is None or (w.relationship_id, w.kind.value) in done:
            continue
        role = BY.get(w.kind.value, "client")
        respondent_id, respondent_name = (
            (rel.client_id, rel.client_name) if role == "client" else
            (rel.practitioner_id, rel.practitioner_name)
        )  # fmt: skip
        identity = FormIdentity(database, rel.id, w.kind, respondent_id, tpl.key)
        objectives = (
            tuple(rel.individual_objectives or ()) + tuple(rel.organisational_objectives or ())
            if w.kind in RATES_OBJECTIVES
            else ()
        )
        out.append(
            FormContent(
                hub_name=settings.hub_name,
                kind=w.kind,
                title=title_of(w.kind),
                relationship_kind=RelationshipKind(rel.kind),
                client_name=rel.client_name,
                practitioner_name=rel.practitioner_name,
                respondent_name=respondent_name,
                respondent_role=role,
                started_on=rel.started_on,
                ended_on=rel.ended_on,
                due_on=w.due_on,
                template_title=tpl.title,
                scale=(tpl.scale_min, tpl.scale_max),
                items=tuple(FormItem(i["key"], i["text"]) for i in tpl.items),
                objectives=objectives,
                identity=field_value(identity, secret),
                relationship_id=rel.id,
            )
        )
    return out


@dataclass(frozen=True)
class _Rel:
    id: str
    kind: str
    started_on: date | None
    ended_on: date | None
    individual_objectives: list[str] | None
    organisational_objectives: list[str] | None
    client_id: str
    client_name: str
    practitioner_id: str
    practitioner_name: str


def _chunks(ids: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _relationships(uow: UnitOfWork, ids: Sequence[str]) -> dict[str, _Rel]:
    client, practitioner = aliased(Person), aliased(Person)
    r = Relationship
    out: dict[str, _Rel] = {}
    for chunk in _chunks(ids):
        stmt = (
            select(r.id, r.kind, r.started_on, r.ended_on, r.individual_objectives,
                   r.organisational_objectives, client.id, client.full_name, practitioner.id,
                   practitioner.full_name)
            .join(client, client.id == r.client_id)
            .join(practitioner, practitioner.id == r.practitioner_id)
            .where(r.id.in_(chunk))
        )  # fmt: skip
        for (
            rel_id,
            kind,
            started,
            ended,
            mine,
            theirs,
            c_id,
            c_name,
            p_id,
            p_name,
        ) in uow.session.execute(stmt):
            out[rel_id] = _Rel(rel_id, kind, started, ended, mine, theirs, c_id, c_name, p_id,
                               p_name)  # fmt: skip
    return out


def _done(uow: UnitOfWork, ids: Sequence[str]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for chunk in _chunks(ids):
        out.update(
            (rel_id, kind)
            for rel_id, kind in uow.session.execute(
                select(Evaluation.relationship_id, Evaluation.kind).where(
                    Evaluation.relationship_id.in_(chunk)
                )
            )
        )
    return out
