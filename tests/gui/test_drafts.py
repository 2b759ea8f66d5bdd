"""Drafts: long text is kept in the database a few seconds after typing starts; after a crash it
is offered back (at start-up, or when its editor opens) and restored; saving or discarding it
leaves no draft."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from coachdesk.gui.development.records import CpdDialog
from coachdesk.gui.mainwindow import MainWindow
from coachdesk.gui.relationships.view import RelationshipsView
from coachdesk.gui.shell import build_shell
from coachdesk.services.drafts import list_drafts
from coachdesk.services.meetings import list_meetings
from coachdesk.services.relationships import list_relationships
from tests.gui.conftest import Answers, _context
from tests.helpers.views import shown

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

NOTES = "Talked through the rota dispute; she will raise it at the ward meeting."
REFLECTION = "Contracting first made the later sessions far easier."


@pytest.fixture
def restarted(demo_ctx: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """``restarted()``: a new context on the same database, as after coachdesk is started
    again (its questions answered like the first's)."""
    made: list[Any] = []

    def start() -> tuple[Any, Answers]:
        ctx, answers = _context(demo_ctx[0].db_label, monkeypatch)
        made.append(ctx)
        return ctx, answers

    yield start
    for ctx in made:
        ctx.db.dispose()


def meeting(ctx: Any) -> Any:
    rel = next(
        r
        for r in ctx.read(list_relationships)
        if (r.client_name, r.practitioner_name) == ("Mary Morley", "Mandy Hope")
    )
    return ctx.read(list_meetings, rel.id)[0]


def open_notes(ctx: Any, win: MainWindow, first: Any) -> Any:
    ctx.open_record.emit("meeting", first.id)
    view = win.current_view()
    assert isinstance(view, RelationshipsView) and view.stack.currentWidget() is view.page
    return view.page.sessions


def crashed(qtbot: Any, widget: QWidget) -> None:
    """The widget goes as in a crash: no close event, nothing asked, nothing saved."""
    with qtbot.waitSignal(widget.destroyed):
        widget.deleteLater()


def unmanaged_window(ctx: Any, qtbot: Any) -> MainWindow:
    """A main window that the test destroys itself (so qtbot must not close it afterwards)."""
    win = build_shell(ctx)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    return win


def type_notes(qtbot: Any, sessions: Any) -> None:
    sessions.notes.setFocus()
    qtbot.keyClicks(sessions.notes, NOTES)
    keeper = sessions.notes_draft
    assert keeper.timer.isActive()  # a draft is due a few seconds after typing starts
    keeper.timer.timeout.emit()  # ... and here it is, without waiting for it


def test_notes_typed_before_a_crash_are_offered_back_at_start_up(
    demo_ctx: Any, qtbot: Any, restarted: Any
) -> None:
    ctx, _ = demo_ctx
    first = meeting(ctx)
    win = unmanaged_window(ctx, qtbot)
    type_notes(qtbot, open_notes(ctx, win, first))
    (draft,) = ctx.read(list_drafts)
    assert draft.text == NOTES
    crashed(qtbot, win)

    ctx2, answers2 = restarted()
    win2 = shown(qtbot, build_shell(ctx2), (1280, 720))
    (question,) = answers2.confirmations  # asked once: it opens where it was, restored
    assert question.startswith(
        f"You have unsaved private notes for the held {first.type} session of "
    )
    assert "(Mary Morley with Mandy Hope)" in question and "Open it now" in question
    sessions = win2.current_view().page.sessions
    assert sessions.current().id == first.id
    assert sessions.notes.toPlainText() == NOTES and sessions.notes_changed()
    assert win2.isWindowModified()


def test_declined_at_start_up_the_notes_are_offered_when_the_session_is_opened(
    demo_ctx: Any, qtbot: Any, restarted: Any
) -> None:
    ctx, _ = demo_ctx
    first = meeting(ctx)
    win = unmanaged_window(ctx, qtbot)
    type_notes(qtbot, open_notes(ctx, win, first))
    crashed(qtbot, win)

    ctx2, answers2 = restarted()
    answers2.confirm_with = False
    win2 = shown(qtbot, build_shell(ctx2), (1280, 720))
    assert len(answers2.confirmations) == 1 and win2.current_view() is win2.view("dashboard")
    assert len(ctx2.read(list_drafts)) == 1  # kept for later
    answers2.confirm_with = True
    sessions = open_notes(ctx2, win2, first)
    assert "Restore them?" in answers2.confirmations[-1]
    assert sessions.notes.toPlainText() == NOTES


def test_saved_notes_leave_no_draft(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    first = meeting(ctx)
    win = shown(qtbot, build_shell(ctx), (1280, 720))
    sessions = open_notes(ctx, win, first)
    type_notes(qtbot, sessions)
    assert len(ctx.read(list_drafts)) == 1
    qtbot.mouseClick(sessions.save_notes_button, Qt.MouseButton.LeftButton)
    assert ctx.read(list_drafts) == []


def test_discarded_notes_leave_no_draft(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    first = meeting(ctx)
    win = shown(qtbot, build_shell(ctx), (1280, 720))
    type_notes(qtbot, open_notes(ctx, win, first))
    answers.unsaved_with = "discard"
    assert win.close()
    assert ctx.read(list_drafts) == []


def test_a_reflection_typed_in_a_dialog_is_offered_back_and_saving_it_leaves_no_draft(
    demo_ctx: Any, qtbot: Any
) -> None:
    ctx, answers = demo_ctx
    coach = meeting(ctx)  # any practitioner will do: Mandy Hope's
    email = next(
        r.practitioner for r in ctx.read(list_relationships) if r.id == coach.relationship_id
    )
    parent = shown(qtbot, QWidget())
    dialog = CpdDialog(ctx, email, parent=parent)
    dialog.open()
    dialog.reflection.setFocus()
    qtbot.keyClicks(dialog.reflection, REFLECTION)
    (keeper,) = dialog.drafts
    keeper.timer.timeout.emit()
    (draft,) = ctx.read(list_drafts)
    assert draft.label == "reflection in a new CPD record"
    crashed(qtbot, dialog)

    again = CpdDialog(ctx, email, parent=parent)
    again.open()
    assert "You have unsaved reflection in a new CPD record from" in answers.confirmations[-1]
    assert again.reflection.toPlainText() == REFLECTION and again.has_changes()
    qtbot.keyClicks(again.title, "Coaching supervision masterclass")
    qtbot.keyClicks(again.hours, "3")
    again.activateWindow()
    qtbot.waitUntil(again.isActiveWindow)
    qtbot.keyClick(again.hours, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not again.isVisible()
    assert ctx.read(list_drafts) == []


def test_moving_between_relationships_keeps_no_draft_of_what_was_never_typed(
    demo_ctx: Any, qtbot: Any
) -> None:
    ctx, answers = demo_ctx
    with_objectives = [r for r in ctx.read(list_relationships) if r.individual_objectives][:2]
    assert len(with_objectives) == 2
    a, b = with_objectives
    win = shown(qtbot, build_shell(ctx), (1280, 720))
    for rel in (a, b, a, b):
        ctx.open_record.emit("relationship", rel.id)
        details = win.current_view().page.details
        for keeper in details.drafts.values():
            keeper.timer.timeout.emit()  # any draft due is kept now, without waiting
    assert ctx.read(list_drafts) == []
    assert not [q for q in answers.confirmations if "unsaved" in q]


COMMENTS = "The sessions helped me say no to extra shifts without feeling guilty."


def test_evaluation_comments_typed_before_a_crash_are_offered_back_and_saving_clears_them(
    demo_ctx: Any, qtbot: Any
) -> None:
    from coachdesk.gui.evaluations.view import EvaluationsView
    from coachdesk.services import evaluations

    ctx, answers = demo_ctx
    view = shown(qtbot, EvaluationsView(ctx), (1200, 700))
    ended = next(r for r in ctx.read(list_relationships) if r.status == "ended")
    dialog = view.open_form(ended.id, "practitioner-post")  # the coach's own, already recorded
    assert dialog.row is not None and dialog.comments.toPlainText() != COMMENTS
    dialog.comments.setFocus()
    qtbot.keyClick(dialog.comments, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.comments, COMMENTS)
    (keeper,) = dialog.drafts
    keeper.timer.timeout.emit()  # kept now, without waiting the few seconds
    (draft,) = ctx.read(list_drafts)
    assert draft.label == (
        f"comments in the practitioner post-evaluation of {ended.practitioner_name}"
    )
    dialog.deleteLater()  # gone as in a crash: no close event, nothing asked or saved
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))

    again = view.open_form(ended.id, "practitioner-post")
    assert (
        "You have unsaved comments in the practitioner post-evaluation"
        in (answers.confirmations[-1])
    )
    assert again.comments.toPlainText() == COMMENTS and again.has_changes()
    again.activateWindow()
    qtbot.waitUntil(again.isActiveWindow)
    qtbot.keyClick(again.comments, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not again.isVisible() and answers.refusals == []
    assert ctx.read(list_drafts) == []
    saved = ctx.read(evaluations.get_evaluation, again.row.id)
    assert saved.comments == COMMENTS
