"""Writing the reminder drafts: one .eml per person in a folder, then the reminders recorded."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from coachdesk.errors import UserError
from coachdesk.services.changes import Changes, Outcome, RecordKind
from coachdesk.services.compliance import alerts
from coachdesk.services.evaluation_forms import EVALUATION_RULES, FormFile, form_for_alert
from coachdesk.services.exchange.export import write_atomic
from coachdesk.services.reminder_mail import file_names, message
from coachdesk.services.reminders import (
    ReminderDraft,
    ReminderItem,
    ReminderPlan,
    chosen,
    plan_in,
    record_in,
)
from coachdesk.storage.uow import Database

#: The forms to send with one item of a reminder (a missing evaluation's form), if any.
FormsFor = Callable[[Database, ReminderItem], Sequence[FormFile]]


@dataclass(frozen=True)
class WrittenDraft:
    """One .eml written: where, for whom, and what it lists."""

    path: Path
    draft: ReminderDraft
    attachments: tuple[str, ...]  # file names of the forms it carries


@dataclass(frozen=True)
class WrittenReminders:
    """What ``write_reminders`` did: the files written (one reminder recorded for each)."""

    folder: Path
    plan: ReminderPlan
    written: tuple[WrittenDraft, ...]


def evaluation_forms(db: Database, item: ReminderItem) -> Sequence[FormFile]:
    """A missing evaluation's fillable form, to go with its reminder (SPEC 11)."""
    if item.rule not in EVALUATION_RULES:
        return ()
    form = form_for_alert(db, item)
    return () if form is None else (form,)


def _folder(folder: Path) -> Path:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(
            f"Cannot write reminders to {folder}: {exc.strerror or exc}. Nothing was recorded."
        ) from exc
    if not folder.is_dir():
        raise UserError(f"Cannot write reminders to {folder}: it is not a folder.")
    return folder


def write_reminders(
    db: Database,
    folder: Path,
    today: date | None = None,
    *,
    again: bool = False,
    people: Collection[str] | None = None,
    forms: FormsFor | None = None,
) -> Outcome[WrittenReminders]:
    """Write one .eml per person with something to do on ``today`` into ``folder`` and record a
    reminder for each. All or nothing: if a file cannot be written, the ones written are removed
    and nothing is recorded. ``people`` (person ids) limits the drafts; ``forms`` gives the
    files to attach to an item (the evaluation forms)."""
    today = today or db.clock.today()
    found = alerts(db, today)
    with db.uow() as uow:
        plan = plan_in(uow, found, today, again=again)
    drafts = chosen(plan, people)
    make_forms = forms or evaluation_forms
    folder = Path(folder)
    if drafts:
        _folder(folder)
    now = db.clock.now()
    written: list[WrittenDraft] = []
    try:
        for draft, name in zip(drafts, file_names(drafts, today.isoformat()), strict=True):
            files = [f for item in draft.items for f in make_forms(db, item)]
            data = message(plan, draft, now, files).as_bytes()
            path = folder / name
            try:
                write_atomic(path, data)
            except UserError as exc:
                raise UserError(f"{exc} Nothing was recorded.") from exc
            written.append(WrittenDraft(path, draft, tuple(f.filename for f in files)))
        with db.uow() as uow:
            ids = record_in(uow, drafts, today)
            uow.commit()
    except BaseException:
        for w in written:
            with contextlib.suppress(OSError):
                w.path.unlink()
        raise
    changes = Changes.of(RecordKind.REMINDER, *ids) if ids else Changes()
    return Outcome(WrittenReminders(folder, plan, tuple(written)), changes)
