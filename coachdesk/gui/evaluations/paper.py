"""Fillable forms out and returned forms in, for the Evaluations view (SPEC 11)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QFileDialog, QWidget

from coachdesk.domain.hub_facts import DUE_HORIZON_DAYS
from coachdesk.gui.context import AppContext
from coachdesk.gui.operations import Task
from coachdesk.services.changes import Changes, Outcome, RecordKind
from coachdesk.services.evaluation_status import EvaluationStatusRow
from coachdesk.services.handle import Database

if TYPE_CHECKING:  # pypdf and reportlab load with the first form, not with the view
    from coachdesk.services.evaluation_forms import FormsImport, FormsWritten

WRITE_LABEL = "Writing evaluation forms…"
ALL_DUE_TIP = (
    "A fillable PDF form for every evaluation overdue or missing, or falling due within the "
    f"next {DUE_HORIZON_DAYS} days (as the dashboard lists them), written to a folder you choose. "
    "For one further ahead, select it and use Form for the selected…"
)
READ_LABEL = "Reading returned forms…"


#: More files than this and a message lists only some (a laptop's screen holds ~20 lines).
LIST_EVERY_FILE_UP_TO = 12
LIST_REFUSED_UP_TO = 15


def pdf_paths(mime: QMimeData) -> list[Path]:
    """The local .pdf files among dragged URLs (anything else is not a returned form)."""
    if not mime.hasUrls():
        return []
    paths = (Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile())
    return [p for p in paths if p.suffix.lower() == ".pdf"]


def ask_folder(parent: QWidget) -> Path | None:
    name = QFileDialog.getExistingDirectory(
        parent, "Write fillable evaluation forms to", str(Path.home())
    )
    return Path(name) if name else None


def ask_pdfs(parent: QWidget) -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(
        parent, "Import returned evaluation forms", str(Path.home()), "PDF forms (*.pdf)"
    )
    return [Path(n) for n in names]


def written_text(result: FormsWritten) -> str:
    """What was written where; for many forms, the first few names (the folder has them all)."""
    lines = result.summary_lines()
    if len(result.files) > LIST_EVERY_FILE_UP_TO:
        shown = LIST_EVERY_FILE_UP_TO - 2
        lines = [*lines[: 1 + shown], f"  … and {len(result.files) - shown} more."]
    if result.files:
        lines.append(
            "\nSend each form to the person it names (the file name says who). When one comes "
            "back, drop it on this view or use Import returned forms…"
        )
    return "\n".join(lines)


def imported_text(result: FormsImport, asked: int) -> str:
    """A line per file, then the counts; for many files, only the refused ones (the forms to
    chase again), so the message still fits on a laptop's screen."""
    lines = result.summary_lines()
    if len(result.outcomes) > LIST_EVERY_FILE_UP_TO:
        refused = [o.line() for o in result.refused]
        more = len(refused) - LIST_REFUSED_UP_TO
        lines = lines[-1:] + (["Refused:"] if refused else []) + refused[:LIST_REFUSED_UP_TO]
        if more > 0:
            lines.append(f"… and {more} more refused.")
    if len(result.outcomes) < asked:
        lines.append(f"Stopped after {len(result.outcomes)} of {asked}: the rest were not read.")
    return "\n".join(lines)


def write_all_due(
    ctx: AppContext, parent: QWidget, folder: Path, done: Callable[[FormsWritten], object]
) -> None:
    """Write a form per evaluation due or missing to ``folder`` (off the UI thread)."""

    def work(db: Database, _task: Task) -> Outcome[FormsWritten]:
        from coachdesk.services.evaluation_forms import write_forms

        return Outcome(write_forms(db, folder, today=db.clock.today()))

    ctx.task(parent, WRITE_LABEL, work, cancellable=False).success(done).run()


def write_one(
    ctx: AppContext,
    parent: QWidget,
    folder: Path,
    row: EvaluationStatusRow,
    done: Callable[[FormsWritten], object],
) -> None:
    """Write the form for the evaluation ``row`` (due or overdue) to ``folder``."""

    def work(db: Database, _task: Task) -> Outcome[FormsWritten]:
        from coachdesk.services.evaluation_forms import write_form_for

        return Outcome(write_form_for(db, folder, row.relationship_id, row.kind, row.due_on))

    ctx.task(parent, WRITE_LABEL, work, cancellable=False).success(done).run()


def import_returned(
    ctx: AppContext,
    parent: QWidget,
    paths: Iterable[Path],
    done: Callable[[FormsImport, int], object],
) -> None:
    """Record each returned form (each all or nothing), reporting progress per file."""
    wanted = list(paths)

    def work(db: Database, task: Task) -> Outcome[FormsImport]:
        from coachdesk.services.evaluation_forms import import_form_files

        def progress(n: int, total: int) -> bool:
            task.progress(n, total)
            return not task.cancelled()

        result = import_form_files(db, wanted, progress)
        saved = [o for o in result.outcomes if o.evaluation_id and o.status == "recorded"]
        changes = (
            Changes.of(RecordKind.EVALUATION, *(o.evaluation_id or "" for o in saved))
            | Changes.of(RecordKind.RELATIONSHIP, *(o.relationship_id or "" for o in saved))
            if saved
            else Changes()
        )
        return Outcome(result, changes)

    ctx.task(parent, READ_LABEL, work).success(lambda r: done(r, len(wanted))).run()
