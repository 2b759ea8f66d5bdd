"""Recording returned forms: each checked in full, then saved as keyed entry saves it, or refused.

A form is all or nothing: every check passes and the evaluation is recorded in one transaction
(``evaluations.add_evaluation``, the keyed entry's own validation), or nothing is written and
the reason is given with the file's name. The same form imported twice changes nothing the
second time ("already recorded").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from coachdesk.domain.dates import format_date
from coachdesk.domain.words import plural
from coachdesk.errors import UserError
from coachdesk.services import evaluations
from coachdesk.services.dto import EvaluationInput
from coachdesk.services.evaluation_forms.content import OBJECTIVE_SCALE, RATES_OBJECTIVES
from coachdesk.services.evaluation_forms.formdates import parse_form_date
from coachdesk.services.evaluation_forms.identity import (
    FormIdentity,
    NotAForm,
    fingerprint,
    is_genuine,
    parse_field,
    secret_in,
)
from coachdesk.services.evaluation_forms.reading import (
    FormRefused,
    ReturnedForm,
    read_bytes,
    read_form,
)
from coachdesk.services.evaluation_status import BY, LABEL
from coachdesk.storage.models import Evaluation, QuestionnaireTemplate, Relationship
from coachdesk.storage.uow import Database

RECORDED, ALREADY, REFUSED = "recorded", "already recorded", "refused"
_OBJECTIVE = re.compile(r"^objective\.([1-9][0-9]{0,2})$")


@dataclass(frozen=True)
class FormOutcome:
    """What became of one returned form."""

    source: str  # the file's name
    status: str  # recorded / already recorded / refused
    message: str  # one sentence for the lead
    relationship_id: str | None = None
    evaluation_id: str | None = None

    def line(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass(frozen=True)
class FormsImport:
    """Every file's outcome, in the order given."""

    outcomes: tuple[FormOutcome, ...]

    @property
    def recorded(self) -> int:
        return sum(1 for o in self.outcomes if o.status == RECORDED)

    @property
    def refused(self) -> tuple[FormOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status == REFUSED)

    def summary_lines(self) -> list[str]:
        """One line per file, then the count of each outcome."""
        lines = [o.line() for o in self.outcomes]
        counts = [
            f"{n} {status}"
            for status in (RECORDED, ALREADY, REFUSED)
            if (n := sum(1 for o in self.outcomes if o.status == status))
        ]
        total = plural(len(self.outcomes), "form")
        lines.append(f"{total}: {', '.join(counts) or 'none'}.")
        return lines


@dataclass(frozen=True)
class _Recorded:
    """The evaluation of that kind already on file."""

    id: str
    completed_on: date | None
    answers: dict[str, int]
    objective_ratings: tuple[int, ...]
    comments: str


@dataclass(frozen=True)
class _Expected:
    """What this database knows about the evaluation a form names."""

    label: str
    items: dict[str, str]  # key -> wording, the template's
    scale: tuple[int, int]
    objectives: int
    recorded: _Recorded | None


def _whole(value: str | None) -> int | None:
    if value is None or not re.fullmatch(r"-?\d{1,4}", value.strip()):
        return None
    return int(value)


def _check_identity(db: Database, form: ReturnedForm) -> FormIdentity:
    if form.reference is None:
        raise FormRefused("is not a coachdesk evaluation form (it has no form reference)")
    try:
        identity, check = parse_field(form.reference)
    except NotAForm as exc:
        raise FormRefused(f"is not a coachdesk evaluation form: {exc}") from exc
    with db.uow() as uow:
        secret = secret_in(uow)
    if secret is None or fingerprint(secret) != identity.database:
        raise FormRefused(
            "is a form of another hub or another coachdesk database, not this one; send it to "
            "the hub that wrote it"
        )
    if not is_genuine(identity, check, secret):
        raise FormRefused(
            "has a form reference that was changed after coachdesk wrote it (its check value "
            "does not match), so it cannot be credited to any evaluation"
        )
    return identity


def _expected(db: Database, identity: FormIdentity) -> _Expected:
    label = LABEL.get(identity.kind.value, f"{identity.kind.value} evaluation")
    with db.uow() as uow:
        rel = uow.session.get(Relationship, identity.relationship_id)
        if rel is None:
            raise FormRefused(f"is a {label} for a relationship that is no longer in the database")
        respondent = rel.client_id if BY[identity.kind.value] == "client" else rel.practitioner_id
        if respondent != identity.respondent_id:
            raise FormRefused(
                f"is a {label} for someone who is no longer this relationship's "
                f"{BY[identity.kind.value]}"
            )
        tpl = uow.session.get(QuestionnaireTemplate, identity.template)
        if tpl is None:
            raise FormRefused(
                f"uses the questionnaire {identity.template!r}, which is no longer in the database"
            )
        found = uow.session.scalars(
            select(Evaluation).where(
                Evaluation.relationship_id == rel.id, Evaluation.kind == identity.kind.value
            )
        ).first()
        recorded = (
            None
            if found is None
            else _Recorded(
                found.id,
                found.completed_on,
                dict(found.answers or {}),
                tuple(found.objective_ratings or ()),
                found.comments or "",
            )
        )
        objectives = len(rel.individual_objectives or ()) + len(rel.organisational_objectives or ())
        return _Expected(
            label=label,
            items={i["key"]: i["text"] for i in tpl.items},
            scale=(tpl.scale_min, tpl.scale_max),
            objectives=objectives if identity.kind in RATES_OBJECTIVES else 0,
            recorded=recorded,
        )


def _answers(form: ReturnedForm, expected: _Expected, problems: list[str]) -> dict[str, int]:
    low, high = expected.scale
    order = list(expected.items)
    answers: dict[str, int] = {}
    unanswered: list[str] = []
    for name, raw in form.choices.items():
        if not name.startswith("item."):
            continue
        key = name.removeprefix("item.")
        if key not in expected.items:
            problems.append(f"the statement {key!r} is not in the questionnaire any more")
            continue
        number = order.index(key) + 1
        if raw is None:
            unanswered.append(str(number))
            continue
        value = _whole(raw)
        if value is None or not low <= value <= high:
            problems.append(
                f"statement {number} ({expected.items[key]!r}) has the answer {raw!r}; the "
                f"answers are {low} to {high}"
            )
            continue
        answers[key] = value
    if not any(n.startswith("item.") for n in form.choices):
        problems.append("it has no statements to answer (is it a coachdesk evaluation form?)")
    if unanswered:
        problems.append(
            f"{'statement' if len(unanswered) == 1 else 'statements'} {', '.join(unanswered)} "
            f"{'is' if len(unanswered) == 1 else 'are'} not answered; every statement needs "
            "an answer"
        )
    return answers


def _ratings(form: ReturnedForm, expected: _Expected, problems: list[str]) -> tuple[int, ...]:
    low, high = OBJECTIVE_SCALE
    given: dict[int, int | None] = {}
    for name, raw in form.choices.items():
        match = _OBJECTIVE.match(name)
        if match is None:
            continue
        n = int(match.group(1))
        if n > expected.objectives:
            problems.append(f"objective {n} is not one of this relationship's objectives")
            continue
        value = _whole(raw)
        if raw is not None and (value is None or not low <= value <= high):
            problems.append(f"objective {n} has the rating {raw!r}; ratings are {low} to {high}")
            continue
        given[n] = value
    rated = [n for n, v in given.items() if v is not None]
    last = max(rated, default=0)
    gaps = [str(n) for n in range(1, last + 1) if given.get(n) is None]
    if gaps:
        problems.append(
            f"objective {', '.join(gaps)} is not rated but a later one is; rate each objective "
            "in turn"
        )
    return tuple(v for n in range(1, last + 1) if (v := given.get(n)) is not None)


def _completed_on(form: ReturnedForm, today: date, problems: list[str]) -> date | None:
    raw = form.texts.get("completed_on")
    if raw is None:
        problems.append("the date completed is not filled in")
        return None
    try:
        day = parse_form_date(raw)
    except ValueError as exc:
        problems.append(f"the date completed: {exc}")
        return None
    if day > today:
        problems.append(f"the date completed, {format_date(day)}, is after today")
        return None
    return day


def _same(recorded: _Recorded, data: EvaluationInput) -> bool:
    return (
        recorded.completed_on == data.completed_on
        and recorded.answers == dict(data.answers)
        and recorded.objective_ratings == tuple(data.objective_ratings)
        and recorded.comments.strip() == data.comments.strip()
    )


def _record(db: Database, source: str, data: bytes) -> FormOutcome:
    form = read_form(data)
    identity = _check_identity(db, form)
    expected = _expected(db, identity)
    problems: list[str] = []
    answers = _answers(form, expected, problems)
    ratings = _ratings(form, expected, problems)
    completed_on = _completed_on(form, db.clock.today(), problems)
    comments = (form.texts.get("comments") or "").strip()
    if problems:
        raise UserError("", problems=problems)
    entry = EvaluationInput(
        kind=identity.kind,
        completed_on=completed_on,
        answers=answers,
        objective_ratings=ratings,
        comments=comments,
        template=identity.template,
    )
    if expected.recorded is not None:
        when = expected.recorded.completed_on
        on = f" (completed {format_date(when)})" if when else ""
        if _same(expected.recorded, entry):
            return FormOutcome(
                source, ALREADY, f"already recorded: the {expected.label}{on}; nothing changed",
                identity.relationship_id, expected.recorded.id,
            )  # fmt: skip
        raise FormRefused(
            f"a different {expected.label} is already recorded{on}; nothing was changed (to "
            "replace it, edit that evaluation in coachdesk)"
        )
    saved = evaluations.add_evaluation(db, identity.relationship_id, entry).value
    return FormOutcome(
        source, RECORDED,
        f"recorded the {expected.label}, completed {format_date(completed_on or date.min)}",
        identity.relationship_id, saved.id,
    )  # fmt: skip


def import_form(db: Database, source: str, data: bytes) -> FormOutcome:
    """Record one returned form (``data``, from the file named ``source``), or say why not."""
    try:
        return _record(db, source, data)
    except FormRefused as exc:
        return FormOutcome(source, REFUSED, f"refused: it {exc.reason}")
    except UserError as exc:
        reasons = "; ".join(exc.problems) or exc.message
        return FormOutcome(source, REFUSED, f"refused: {reasons}")


def import_form_file(db: Database, path: Path) -> FormOutcome:
    """Record the returned form in the file ``path``, or say why not."""
    path = Path(path)
    try:
        data = read_bytes(path)
    except FormRefused as exc:
        return FormOutcome(path.name, REFUSED, f"refused: it {exc.reason}")
    return import_form(db, path.name, data)


def import_form_files(
    db: Database,
    paths: Sequence[Path],
    progress: Callable[[int, int], bool] | None = None,
) -> FormsImport:
    """Record each returned form in ``paths``, each on its own (one refused stops no other),
    after a backup of the database. ``progress(done, total)`` is told after each file; when
    it returns False the rest are left (the forms recorded so far stay recorded)."""
    from coachdesk.services.safekeeping import backup_before

    outcomes: list[FormOutcome] = []
    if paths:
        backup_before(db, "import")
    for path in paths:
        outcomes.append(import_form_file(db, path))
        if progress is not None and not progress(len(outcomes), len(paths)):
            break
    return FormsImport(tuple(outcomes))
