"""The Evaluations view's fillable forms: written to a folder, returned ones dropped or chosen."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from reportlab.pdfgen.canvas import Canvas

from coachdesk.gui.evaluations.view import EvaluationsView
from coachdesk.services.evaluation_forms import write_forms
from tests.helpers.forms import answer_all, field_values, fill
from tests.helpers.views import shown

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _view(qtbot: Any, ctx: Any) -> EvaluationsView:
    return shown(qtbot, EvaluationsView(ctx), (1280, 720), active=True)


def _alt(qtbot: Any, view: EvaluationsView, key: Qt.Key) -> None:
    """Alt+letter where the keyboard is, as the lead presses it."""
    target = QApplication.focusWidget() or view
    qtbot.keyClick(target, key, Qt.KeyboardModifier.AltModifier)


def _status(view: EvaluationsView, rel_id: str, kind: str) -> str:
    return next(r.status for r in view.rows if r.relationship_id == rel_id and r.kind == kind)


def test_fillable_forms_writes_a_form_per_due_or_missing_evaluation_from_the_keyboard(
    qtbot, demo_ctx, tmp_path: Path, monkeypatch
) -> None:
    ctx, answers = demo_ctx
    view = _view(qtbot, ctx)
    folder = tmp_path / "to send"
    monkeypatch.setattr(view, "ask_forms_folder", lambda: folder)
    _alt(qtbot, view, Qt.Key.Key_A)  # Fill&able forms…
    qtbot.waitUntil(lambda: bool(answers.informed))
    written = sorted(folder.glob("*.pdf"))
    todo = [r for r in view.model.all_rows() if r.status == "overdue"]
    assert len(written) >= len(todo) > 0
    summary = answers.informed[-1]
    assert summary.startswith(f"{len(written)} evaluation forms written to {folder}:")
    assert all(p.name in summary for p in written)
    assert "drop it on this view" in summary
    assert not answers.refusals


def test_form_for_the_selected_writes_just_that_evaluations_form(
    qtbot, demo_ctx, tmp_path: Path, monkeypatch
) -> None:
    ctx, answers = demo_ctx
    view = _view(qtbot, ctx)
    qtbot.waitUntil(lambda: bool(view.rows))
    done = next(r for r in view.rows if r.status == "done")
    view.show_filter("all")
    assert view.select(done.id)
    assert not view.one_form_button.isEnabled()  # a recorded evaluation needs no form
    row = next(r for r in view.rows if r.status == "overdue" and r.kind == "post")
    assert view.select(row.id)
    assert view.one_form_button.isEnabled()
    folder = tmp_path / "one"
    monkeypatch.setattr(view, "ask_forms_folder", lambda: folder)
    view.table.setFocus()
    _alt(qtbot, view, Qt.Key.Key_C)  # Form for the sele&cted…
    qtbot.waitUntil(lambda: bool(answers.informed))
    [written] = folder.glob("*.pdf")
    assert written.name.startswith(f"{row.client_name} - Client post-evaluation")
    assert f"rel={row.relationship_id} kind=post" in str(
        field_values(written.read_bytes())["coachdesk.form"]
    )
    assert answers.informed[-1].startswith(f"1 evaluation form written to {folder}:")
    assert not answers.refusals


def _mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def _drop(view: EvaluationsView, mime: QMimeData) -> bool:
    """Drag ``mime`` over the list and drop it there, where a lead drops files (Qt passes the
    events up to the view, which takes drops); whether the drag was accepted."""
    target = view.table.viewport()
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(QPoint(50, 50), actions, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(50, 50), actions, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(target, drop)
    return drop.isAccepted()


def _not_a_form(path: Path) -> Path:
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(72, 720, "Minutes of the hub meeting")
    canvas.save()
    path.write_bytes(out.getvalue())
    return path


def _returned(ctx: Any, tmp_path: Path) -> tuple[Path, str, str]:
    """A post-evaluation form filled by a PDF reader: (file, relationship id, kind)."""
    written = write_forms(ctx.db, tmp_path / "sent", today=ctx.today())
    path, content = next((p, c) for p, c in written.files if c.kind == "post")
    pdf = path.read_bytes()
    back = tmp_path / "Returned post evaluation.pdf"
    back.write_bytes(fill(pdf, answer_all(pdf), completed_on="20/11/2026", comments="Thank you"))
    assert f"rel={content.relationship_id}" in str(field_values(pdf)["coachdesk.form"])
    return back, content.relationship_id, "post"


def test_dropped_pdfs_are_recorded_or_refused_with_a_line_per_file(
    qtbot, demo_ctx, tmp_path: Path
) -> None:
    ctx, answers = demo_ctx
    back, rel_id, kind = _returned(ctx, tmp_path)
    minutes = _not_a_form(tmp_path / "minutes.pdf")
    view = _view(qtbot, ctx)
    assert _status(view, rel_id, kind) == "overdue"
    note = tmp_path / "note.txt"
    note.write_text("not a form")
    assert not _drop(view, _mime(note))  # only PDFs are taken
    assert _drop(view, _mime(back, minutes, note))
    qtbot.waitUntil(lambda: bool(answers.informed))
    summary = answers.informed[-1].splitlines()
    assert summary == [
        "Returned post evaluation.pdf: recorded the client post-evaluation, completed 20 Nov 2026",
        "minutes.pdf: refused: it is not a coachdesk evaluation form (it has no form reference)",
        "2 forms: 1 recorded, 1 refused.",
    ]
    qtbot.waitUntil(lambda: _status(view, rel_id, kind) == "done")


def test_import_returned_forms_button_asks_for_files_and_a_second_import_changes_nothing(
    qtbot, demo_ctx, tmp_path: Path, monkeypatch
) -> None:
    ctx, answers = demo_ctx
    back, rel_id, kind = _returned(ctx, tmp_path)
    view = _view(qtbot, ctx)
    monkeypatch.setattr(view, "ask_returned_forms", lambda: [back])
    for expected in ("1 form: 1 recorded.", "1 form: 1 already recorded."):
        _alt(qtbot, view, Qt.Key.Key_P)  # Im&port returned forms…
        qtbot.waitUntil(
            lambda e=expected: bool(answers.informed) and answers.informed[-1].endswith(e)
        )
    assert _status(view, rel_id, kind) == "done"
    monkeypatch.setattr(view, "ask_returned_forms", lambda: [])  # cancelled: nothing happens
    count = len(answers.informed)
    view.returned_button.click()
    assert len(answers.informed) == count and not answers.refusals


def test_the_summary_of_many_dropped_forms_lists_only_those_refused_and_fits_a_screen() -> None:
    from coachdesk.gui.evaluations.paper import imported_text
    from coachdesk.services.evaluation_forms import FormOutcome, FormsImport

    recorded = [FormOutcome(f"form {n}.pdf", "recorded", "recorded the client post-evaluation")
                for n in range(40)]  # fmt: skip
    refused = [FormOutcome(f"bad {n}.pdf", "refused", "refused: it is not a PDF")
               for n in range(20)]  # fmt: skip
    text = imported_text(FormsImport(tuple(recorded + refused)), 60).splitlines()
    assert text[:3] == [
        "60 forms: 40 recorded, 20 refused.",
        "Refused:",
        "bad 0.pdf: refused: it is not a PDF",
    ]
    assert text[-1] == "… and 5 more refused."
    assert len(text) == 18 and not [line for line in text if line.startswith("form ")]


def test_the_summary_of_many_forms_written_names_a_few_and_says_how_many_more(
    demo_ctx, tmp_path: Path
) -> None:
    from coachdesk.gui.evaluations.paper import written_text
    from coachdesk.services.evaluation_forms import FormsWritten

    ctx, _answers = demo_ctx
    one = write_forms(ctx.db, tmp_path, today=ctx.today()).files[0]
    many = FormsWritten(tmp_path, tuple([one] * 30), None)
    text = written_text(many).splitlines()
    assert text[0] == f"30 evaluation forms written to {tmp_path}:"
    assert text[11] == "  … and 20 more."
    assert len(text) < 20
