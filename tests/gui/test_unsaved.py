"""No lost work: every editor with unsaved changes asks Save / Discard / Cancel before its view is
left, another record chosen, a dialog closed or the window closed; the title shows "*" meanwhile."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from coachdesk.gui.development.learning import LearningDialog
from coachdesk.gui.development.records import CpdDialog, SupervisionDialog
from coachdesk.gui.insight.culture_dialog import CultureDialog
from coachdesk.gui.mainwindow import MainWindow
from coachdesk.gui.register.person_dialog import PersonDialog
from coachdesk.gui.register.registration_dialog import RegistrationDialog
from coachdesk.gui.relationships.dialogs import NewRelationshipDialog, SessionDialog
from coachdesk.gui.relationships.view import RelationshipsView
from coachdesk.gui.requests.new_request import NewRequestDialog
from coachdesk.gui.shell import build_shell
from coachdesk.gui.widgets.forms import BaseFormDialog
from coachdesk.services.development import list_cpd
from coachdesk.services.meetings import list_meetings
from coachdesk.services.register import get_person, list_people
from coachdesk.services.relationships import list_relationships
from coachdesk.services.settings import get_settings
from tests.helpers.views import shown

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

NOTES = " Agreed to try a weekly huddle with the band 6s."


def window(ctx: Any, qtbot: Any) -> MainWindow:
    win = build_shell(ctx)
    shown(qtbot, win, (1280, 720), active=True)
    return win


def relationship(ctx: Any, client: str = "Mary Morley", practitioner: str = "Mandy Hope") -> Any:
    return next(
        r
        for r in ctx.read(list_relationships)
        if r.client_name == client and r.practitioner_name == practitioner
    )


def notes_typed(ctx: Any, qtbot: Any, win: MainWindow) -> tuple[RelationshipsView, Any]:
    """The Mary Morley / Mandy Hope relationship open at its first session, notes typed."""
    first = ctx.read(list_meetings, relationship(ctx).id)[0]
    ctx.open_record.emit("meeting", first.id)
    view = win.current_view()
    assert isinstance(view, RelationshipsView) and view.stack.currentWidget() is view.page
    notes = view.page.sessions.notes
    notes.setFocus()
    notes.moveCursor(notes.textCursor().MoveOperation.End)
    qtbot.keyClicks(notes, NOTES)
    return view, first


def stored_notes(ctx: Any, meeting: Any) -> str:
    return next(
        m.notes for m in ctx.read(list_meetings, meeting.relationship_id) if m.id == meeting.id
    )


# --- the main window ---------------------------------------------------------------------------


def test_closing_with_typed_notes_asks_and_cancel_keeps_the_window_and_the_text(
    demo_ctx: Any, qtbot: Any
) -> None:
    ctx, answers = demo_ctx
    win = window(ctx, qtbot)
    view, first = notes_typed(ctx, qtbot, win)
    answers.unsaved_with = "cancel"
    assert not win.close()
    assert answers.unsaved == [
        f"the private notes for the held {first.type} session of {day(first)}"
    ]
    assert win.isVisible() and view.page.sessions.notes.toPlainText().endswith(NOTES)
    assert stored_notes(ctx, first) == first.notes
    assert win.isWindowModified()


def test_closing_with_typed_notes_and_discard_closes_without_saving(
    demo_ctx: Any, qtbot: Any
) -> None:
    ctx, answers = demo_ctx
    win = window(ctx, qtbot)
    _view, first = notes_typed(ctx, qtbot, win)
    answers.unsaved_with = "discard"
    assert win.close()
    assert len(answers.unsaved) == 1 and not win.isVisible()
    assert stored_notes(ctx, first) == first.notes


def test_closing_with_typed_notes_and_save_saves_then_closes(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    win = window(ctx, qtbot)
    _view, first = notes_typed(ctx, qtbot, win)
    answers.unsaved_with = "save"
    with qtbot.waitSignal(ctx.changed):
        win.close()
    assert not win.isVisible()
    assert stored_notes(ctx, first) == (first.notes + NOTES).strip()


def test_a_save_off_the_ui_thread_closes_the_window_when_it_reports(
    demo_ctx: Any, qtbot: Any
) -> None:
    ctx, answers = demo_ctx
    win = window(ctx, qtbot)
    _view, first = notes_typed(ctx, qtbot, win)
    ctx.background = True  # as in the app: the save runs on the write thread
    answers.unsaved_with = "save"
    assert not win.close()  # not yet: the save is under way
    qtbot.waitUntil(lambda: not win.isVisible())
    assert stored_notes(ctx, first) == (first.notes + NOTES).strip()
    assert len(answers.unsaved) == 1


def test_a_refused_save_keeps_the_window_open(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    win = window(ctx, qtbot)
    view, _first = notes_typed(ctx, qtbot, win)
    details = view.page.details
    details.started.setFocus()
    details.started.selectAll()
    qtbot.keyClicks(details.started, "31/02/2026")  # no such day: cannot be saved
    answers.unsaved_with = "save"
    win.close()
    assert win.isVisible() and details.started_problem.isVisible()
    assert "dates and objectives" in answers.unsaved[-1]


def test_quitting_with_ctrl_q_asks_too(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    win = window(ctx, qtbot)
    notes_typed(ctx, qtbot, win)
    answers.unsaved_with = "cancel"
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(win, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert answers.unsaved and win.isVisible()


def test_switching_view_with_typed_notes_asks(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    win = window(ctx, qtbot)
    view, first = notes_typed(ctx, qtbot, win)
    answers.unsaved_with = "cancel"
    win.nav.setFocus()
    qtbot.keyClick(win.nav, Qt.Key.Key_Home)  # to the Dashboard
    assert win.current_view() is view and win.nav.currentRow() == 3
    assert view.page.sessions.notes.toPlainText().endswith(NOTES)
    answers.unsaved_with = "discard"
    qtbot.keyClick(win.nav, Qt.Key.Key_Home)
    assert win.current_view() is win.view("dashboard") and win.nav.currentRow() == 0
    assert len(answers.unsaved) == 2 and not win.isWindowModified()
    assert stored_notes(ctx, first) == first.notes


def test_the_title_shows_a_star_only_while_something_is_unsaved(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    win = window(ctx, qtbot)
    assert not win.isWindowModified()
    view, first = notes_typed(ctx, qtbot, win)
    assert win.isWindowModified()
    qtbot.keyClick(view.page.sessions.notes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert stored_notes(ctx, first).endswith(NOTES.strip())
    assert not win.isWindowModified()
    # A form with changes counts while it is open.
    people = win.show_view("register")
    assert people is not None and not win.isWindowModified()
    people.new_record()
    dialog = people.dialog
    qtbot.keyClicks(dialog.full_name, "Half typed")
    assert win.isWindowModified()
    dialog.close()  # Discard (the tests' answer)
    assert not win.isWindowModified()


class Switcher:
    """Stands in for the app's launcher: records the databases it was asked to open."""

    def __init__(self) -> None:
        self.opened: list[Path] = []

    def switch_to(self, path: Path | str, *, create: bool) -> None:
        self.opened.append(Path(path))

    def reopen(self) -> None:
        raise AssertionError("not reopened in this test")

    def welcome_page(self) -> QWidget | None:
        return None


def test_opening_another_database_asks_first(demo_ctx: Any, qtbot: Any, tmp_path: Path) -> None:
    ctx, answers = demo_ctx
    launcher = Switcher()
    win = build_shell(ctx, launcher)
    shown(qtbot, win, (1280, 720), active=True)
    notes_typed(ctx, qtbot, win)
    answers.open_file = tmp_path / "other.sqlite"
    answers.unsaved_with = "cancel"
    win.file_actions.open_database()
    assert launcher.opened == [] and len(answers.unsaved) == 1
    answers.unsaved_with = "discard"
    win.file_actions.open_database()
    assert launcher.opened == [tmp_path / "other.sqlite"]


# --- another record chosen -----------------------------------------------------------------


def test_choosing_another_relationship_with_unsaved_changes_asks(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    win = window(ctx, qtbot)
    view, first = notes_typed(ctx, qtbot, win)
    other = relationship(ctx, "Kaja Ziemkiewicz", "Kelly Singh")
    answers.unsaved_with = "cancel"
    ctx.open_record.emit("relationship", other.id)
    assert view.page.relationship_id == first.relationship_id
    assert view.page.sessions.notes.toPlainText().endswith(NOTES)
    answers.unsaved_with = "save"
    ctx.open_record.emit("relationship", other.id)
    assert view.page.relationship_id == other.id
    assert stored_notes(ctx, first).endswith(NOTES.strip())


def test_choosing_another_session_with_typed_notes_and_cancel_stays(
    demo_ctx: Any, qtbot: Any
) -> None:
    ctx, answers = demo_ctx
    win = window(ctx, qtbot)
    view, first = notes_typed(ctx, qtbot, win)
    sessions = view.page.sessions
    answers.unsaved_with = "cancel"
    sessions.table.setFocus()
    qtbot.keyClick(sessions.table, Qt.Key.Key_Down)
    assert sessions.current().id == first.id and sessions.notes.toPlainText().endswith(NOTES)
    answers.unsaved_with = "save"
    qtbot.keyClick(sessions.table, Qt.Key.Key_Down)
    assert sessions.current().id != first.id
    assert stored_notes(ctx, first).endswith(NOTES.strip())


def test_choosing_another_person_with_a_typed_agreement_asks(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    win = window(ctx, qtbot)
    register = win.show_view("register")
    people = ctx.read(list_people)
    first, second = people[0], people[1]
    ctx.open_record.emit("person", first.id)
    agreement = register.page.details.agreement
    agreement.setFocus()
    agreement.selectAll()
    qtbot.keyClicks(agreement, "02/11/2026")
    assert win.isWindowModified()
    answers.unsaved_with = "cancel"
    ctx.open_record.emit("person", second.id)
    assert register.page.person_id == first.id
    assert answers.unsaved == [f"the line manager's agreement date typed for {first.full_name}"]
    answers.unsaved_with = "save"
    ctx.open_record.emit("person", second.id)
    assert register.page.person_id == second.id
    assert ctx.read(get_person, first.email).person.manager_agreement_on.isoformat() == (
        "2026-11-02"
    )


# --- settings and templates ----------------------------------------------------------------


def test_leaving_changed_settings_asks(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    win = window(ctx, qtbot)
    settings = win.show_view("settings")
    settings.form.hub_name.setFocus()
    settings.form.hub_name.selectAll()
    qtbot.keyClicks(settings.form.hub_name, "Fens Coaching Hub")
    assert win.isWindowModified()
    answers.unsaved_with = "cancel"
    assert win.show_view("dashboard") is None and win.current_view() is settings
    answers.unsaved_with = "save"
    assert win.show_view("dashboard") is win.view("dashboard")
    assert answers.unsaved == ["the changes to the hub's settings"] * 2
    assert ctx.read(get_settings).hub_name == "Fens Coaching Hub"
    assert not win.isWindowModified()


def test_a_reworded_template_item_is_not_lost_when_the_window_closes(
    demo_ctx: Any, qtbot: Any
) -> None:
    ctx, answers = demo_ctx
    win = window(ctx, qtbot)
    settings = win.show_view("settings")
    settings.tabs.setCurrentWidget(settings.templates)
    editor = settings.templates
    items = editor.item_editor
    items.items.setCurrentRow(0)
    items.wording.setFocus()
    items.wording.selectAll()
    qtbot.keyClicks(items.wording, "I feel confident in my role as a leader")
    assert settings.tabs.tabText(1).endswith("(not saved)")
    answers.unsaved_with = "cancel"
    assert not win.close()
    assert answers.unsaved == [f"the changes to the template “{editor.title.text()}”"]
    answers.unsaved_with = "save"
    assert win.close() or not win.isVisible()
    saved = next(t for t in editor.templates if t.key == editor.current.key)
    assert saved.items[0].text == "I feel confident in my role as a leader"


# --- each kind of dialog -------------------------------------------------------------------


def _person(ctx: Any, parent: QWidget) -> tuple[BaseFormDialog, QWidget]:
    dialog = PersonDialog(ctx, taken={}, organisations=[], hub_region="East", parent=parent)
    return dialog, dialog.full_name


def _registration(ctx: Any, parent: QWidget) -> tuple[BaseFormDialog, QWidget]:
    person = ctx.read(list_people)[0]
    dialog = RegistrationDialog(ctx, person, parent=parent)
    return dialog, dialog.specialisms


def _practitioner(ctx: Any) -> str:
    return relationship(ctx).practitioner


def _cpd(ctx: Any, parent: QWidget) -> tuple[BaseFormDialog, QWidget]:
    dialog = CpdDialog(ctx, _practitioner(ctx), parent=parent)
    return dialog, dialog.reflection


def _supervision(ctx: Any, parent: QWidget) -> tuple[BaseFormDialog, QWidget]:
    dialog = SupervisionDialog(ctx, _practitioner(ctx), parent=parent)
    return dialog, dialog.themes


def _learning(ctx: Any, parent: QWidget) -> tuple[BaseFormDialog, QWidget]:
    dialog = LearningDialog(ctx, _practitioner(ctx), [], parent=parent)
    return dialog, dialog.learning


def _request(ctx: Any, parent: QWidget) -> tuple[BaseFormDialog, QWidget]:
    dialog = NewRequestDialog(ctx, parent)
    return dialog, dialog.match.client.lineEdit()


def _relationship(ctx: Any, parent: QWidget) -> tuple[BaseFormDialog, QWidget]:
    dialog = NewRelationshipDialog(ctx, parent)
    return dialog, dialog.started


def _session(ctx: Any, parent: QWidget) -> tuple[BaseFormDialog, QWidget]:
    meeting = ctx.read(list_meetings, relationship(ctx).id)[0]
    dialog = SessionDialog(ctx, parent, meeting)
    return dialog, dialog.recorded


def _culture(ctx: Any, parent: QWidget) -> tuple[BaseFormDialog, QWidget]:
    dialog = CultureDialog(ctx, None, organisations=["Fenland Trust"], parent=parent)
    return dialog, dialog.next_step


DIALOGS: dict[str, Callable[[Any, QWidget], tuple[BaseFormDialog, QWidget]]] = {
    "person": _person,
    "registration": _registration,
    "cpd": _cpd,
    "supervision": _supervision,
    "learning log": _learning,
    "request": _request,
    "relationship": _relationship,
    "session": _session,
    "culture": _culture,
}


@pytest.mark.parametrize("kind", DIALOGS)
def test_each_dialog_asks_on_esc_and_on_close(demo_ctx: Any, qtbot: Any, kind: str) -> None:
    ctx, answers = demo_ctx
    parent = shown(qtbot, QWidget())
    dialog, field = DIALOGS[kind](ctx, parent)
    dialog.open()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing changed: closes without asking
    assert not dialog.isVisible() and answers.unsaved == []
    dialog.open()
    field.setFocus()
    qtbot.keyClicks(field, "1")
    answers.unsaved_with = "cancel"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and len(answers.unsaved) == 1
    assert dialog.windowTitle() in answers.unsaved[0]
    dialog.close()  # the window's close button
    assert dialog.isVisible() and len(answers.unsaved) == 2
    answers.unsaved_with = "discard"
    dialog.close()
    assert not dialog.isVisible() and len(answers.unsaved) == 3


def test_save_in_the_question_saves_the_dialog_then_closes(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    parent = shown(qtbot, QWidget())
    dialog, _ = _cpd(ctx, parent)
    dialog.open()
    before = len(ctx.read(list_cpd, _practitioner(ctx)))
    qtbot.keyClicks(dialog.title, "Team coaching webinar")
    qtbot.keyClicks(dialog.hours, "1.5")
    answers.unsaved_with = "save"
    with qtbot.waitSignal(ctx.changed):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert len(ctx.read(list_cpd, _practitioner(ctx))) == before + 1


def test_save_in_the_question_with_a_problem_keeps_the_dialog(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    parent = shown(qtbot, QWidget())
    dialog, _ = _cpd(ctx, parent)
    dialog.open()
    qtbot.keyClicks(dialog.title, "No hours given")
    answers.unsaved_with = "save"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and not dialog.save_button.isEnabled()


def day(meeting: Any) -> str:
    from coachdesk.gui.requests.forms import day as shown_day

    return shown_day(meeting.date)
