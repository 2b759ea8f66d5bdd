"""Which forms to send (evaluation alerts and what falls due soon) and writing them out."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Protocol

from coachdesk.domain.enums import EvaluationKind
from coachdesk.domain.hub_facts import DUE_HORIZON_DAYS
from coachdesk.domain.validation import normalise_email
from coachdesk.domain.words import plural
from coachdesk.errors import UserError
from coachdesk.services.evaluation_forms.content import FormContent, FormRequest, gather
from coachdesk.services.evaluation_forms.drawing import draw_form
from coachdesk.services.evaluation_forms.identity import form_secret
from coachdesk.storage.uow import Database

E = EvaluationKind
#: The rules of SPEC 5 whose alert a returned form clears, and the evaluation each wants.
EVALUATION_RULES: dict[str, EvaluationKind] = {
    "pre-evaluation-missing": E.PRE,
    "post-evaluation-missing": E.POST,
    "practitioner-evaluation-missing": E.PRACTITIONER_POST,
    "followup-evaluation-overdue": E.FOLLOW_UP,
}
#: Forms are written for evaluations falling due within this many days, as the dashboard lists.
HORIZON_DAYS = DUE_HORIZON_DAYS
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]+')


@dataclass(frozen=True)
class FormFile:
    """A fillable evaluation form: the file name a lead understands, and the PDF."""

    filename: str
    data: bytes


class AlertLike(Protocol):
    """An alert or a due item: its rule and relationship say which evaluation it wants."""

    @property
    def rule(self) -> str: ...

    @property
    def relationship(self) -> str | None: ...

    @property
    def person(self) -> str: ...


def filename_for(content: FormContent) -> str:
    """E.g. ``Jane Smith - Client post-evaluation - coaching with Tom Jones.pdf``."""
    kind = content.relationship_kind.value
    if content.respondent_role == "client":
        about = f"{kind} with {content.practitioner_name}"
    else:
        about = f"{kind} of {content.client_name}"
    name = f"{content.respondent_name} - {content.title} - {about}"
    name = _UNSAFE.sub(" ", name)
    name = re.sub(r"\s+", " ", name).strip(" .")[:150].strip(" .")
    return f"{name or 'Evaluation form'}.pdf"


def _request(item: AlertLike, due_on: date | None) -> FormRequest | None:
    kind = EVALUATION_RULES.get(item.rule)
    if kind is None or not item.relationship:
        return None
    return FormRequest(item.relationship, kind, due_on)


def _due_on(item: AlertLike) -> date | None:
    due = getattr(item, "due_on", None)
    if isinstance(due, date):
        return due
    since = getattr(item, "since", None)
    return since - timedelta(days=1) if isinstance(since, date) else None


def render(contents: Sequence[FormContent]) -> list[FormFile]:
    return [FormFile(filename_for(c), draw_form(c)) for c in contents]


def form_for_alert(db: Database, alert: AlertLike) -> FormFile | None:
    """The fillable form that answers an evaluation alert (or due item); None for any other
    alert, and when the evaluation has been recorded since."""
    request = _request(alert, _due_on(alert))
    if request is None:
        return None
    files = render(_contents(db, [request]))
    return files[0] if files else None


def _contents(db: Database, requests: Sequence[FormRequest]) -> list[FormContent]:
    if not requests:
        return []
    secret = form_secret(db)
    with db.uow() as uow:
        return gather(uow, requests, secret)


def due_requests(db: Database, today: date, person: str | None = None) -> list[FormRequest]:
    """One request per evaluation whose alert holds on ``today`` or that falls due within
    HORIZON_DAYS; only ``person``'s (as respondent) when an e-mail is given."""
    from coachdesk.services.compliance import alerts_and_due

    alerts, due = alerts_and_due(db, today, HORIZON_DAYS)
    wanted = normalise_email(person) if person else None
    seen: set[tuple[str, EvaluationKind]] = set()
    out: list[FormRequest] = []
    items: list[AlertLike] = [*alerts, *due]
    for item in items:
        if wanted is not None and item.person != wanted:
            continue
        request = _request(item, _due_on(item))
        if request is None or (request.relationship_id, request.kind) in seen:
            continue
        seen.add((request.relationship_id, request.kind))
        out.append(request)
    return out


def due_contents(db: Database, today: date, person: str | None = None) -> list[FormContent]:
    """The content of every form to send on ``today`` (evaluations already recorded left out)."""
    if person is not None:
        from coachdesk.services.validate import person_or_404

        with db.uow() as uow:
            person_or_404(uow, person)
    return _contents(db, due_requests(db, today, person))


@dataclass(frozen=True)
class FormsWritten:
    """What ``forms`` wrote: the folder and each file with whom it is for."""

    folder: Path
    files: tuple[tuple[Path, FormContent], ...]
    person: str | None

    def summary_lines(self) -> list[str]:
        who = f" for {self.person}" if self.person else ""
        if not self.files:
            return [f"No evaluation is due or missing{who}: no forms written."]
        lines = [f"{plural(len(self.files), 'evaluation form')} written to {self.folder}{who}:"]
        lines += [f"  {path.name}" for path, _ in self.files]
        return lines


def unique_names(names: Sequence[str]) -> list[str]:
    """The names, a " (2)", " (3)"… added to repeats so no file overwrites another."""
    taken: set[str] = set()
    out: list[str] = []
    for name in names:
        stem, suffix = name[:-4], name[-4:]
        candidate, n = name, 2
        while candidate.casefold() in taken:
            candidate = f"{stem} ({n}){suffix}"
            n += 1
        taken.add(candidate.casefold())
        out.append(candidate)
    return out


def write_forms(
    db: Database, folder: Path, *, person: str | None = None, today: date | None = None
) -> FormsWritten:
    """Write a form per evaluation due or missing (``person``'s only, if given) to ``folder``.

    A form already in the folder under the same name is replaced (it is the same form)."""
    today = today or db.clock.today()
    written = _write(Path(folder), due_contents(db, today, person))
    return FormsWritten(Path(folder), written, normalise_email(person) if person else None)


def write_form_for(
    db: Database,
    folder: Path,
    relationship_id: str,
    kind: EvaluationKind,
    due_on: date | None = None,
) -> FormsWritten:
    """Write the form for one evaluation (the one selected in the app) to ``folder``; none
    when that evaluation has been recorded since or the relationship is gone."""
    contents = _contents(db, [FormRequest(relationship_id, EvaluationKind(kind), due_on)])
    return FormsWritten(Path(folder), _write(Path(folder), contents), None)


def _write(folder: Path, contents: Sequence[FormContent]) -> tuple[tuple[Path, FormContent], ...]:
    from coachdesk.services.exchange.export import write_atomic

    if contents:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"Cannot write the forms to {folder}: {exc.strerror or exc}.") from exc
    names = unique_names([filename_for(c) for c in contents])
    written: list[tuple[Path, FormContent]] = []
    for name, content in zip(names, contents, strict=True):
        path = folder / name
        write_atomic(path, draw_form(content))
        written.append((path, content))
    return tuple(written)
