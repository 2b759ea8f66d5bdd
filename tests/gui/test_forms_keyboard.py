"""The forms by keyboard alone: Tab order by their labels, Alt+letters, typed and saved."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLabel, QWidget

from coachdesk.gui.development.learning import LearningDialog
from coachdesk.gui.development.records import SupervisionDialog
from coachdesk.gui.mainwindow import MainWindow
from coachdesk.gui.relationships.dialogs import NewRelationshipDialog, SessionDialog
from coachdesk.gui.shell import build_shell
from coachdesk.services.development import list_cpd
from coachdesk.services.meetings import list_meetings
from coachdesk.services.register import list_people, list_registrations
from coachdesk.services.relationships import get_relationship, list_relationships
from tests.helpers.keys import clashes, mnemonics_not_working, tab_walk
from tests.helpers.views import shown

#: Qt's offscreen platform cannot raise a window, nor grab the keyboard for a completer's list.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier

#: Each form's fields in the order Tab reaches them (their labels), before Save and Cancel.
PERSON = [
    "Full name",
    "E-mail",
    "Organisation",
    "Job title",
    "AfC band",
    "Region",
    "On the leadership programme, or an alumnus",
    "Line manager",
    "Manager's e-mail",
    "Manager agreed on",
    "Development areas",
    "Notes",
]
COACH_REGISTRATION = [
    "Kind",
    "Status",
    "Registered on",
    "Approved on",
    "Profile reviewed on",
    "Accreditation programme",
    "Date achieved",
    "Certificate",
    "Specialisms",
    "EMCC Global Code of Ethics agreed",
    "Org. support confirmed on",
    "Pro-bono practice confirmed",
    "Hours for ICF",
    "Capacity",
]
RELATIONSHIP = [
    "Client",
    "Kind",
    "Include practitioners from the client's own organisation",
    "Practitioner",
    "Started on",
    "Planned end",
    "Planned sessions",
]
SESSION = ["Date", "Type", "Minutes", "Mode", "Status", "Recorded on"]
CPD = ["Date", "Title", "Provider", "Kind", "Hours", "Reflection", "Evidence"]
SUPERVISION = ["Date", "Supervisor", "Qualification", "Format", "Hours", "Themes", "Reflection"]
LEARNING = [
    "Date",
    "Title",
    "Relationship",
    "What happened",
    "What I learned",
    "What I will do differently",
    "EMCC competences",  # the first competence, which the caption's Alt+C reaches
    "Commitment to Self-Development",
    "Managing the Contract",
    "Building the Relationship",
    "Enabling Insight and Learning",
    "Outcome and Action Orientation",
    "Use of Models and Techniques",
    "Evaluation",
]


@pytest.fixture
def window(demo_ctx: Any, qtbot: Any) -> Iterator[tuple[MainWindow, Any]]:
    ctx, answers = demo_ctx
    win = shown(qtbot, build_shell(ctx), (1280, 720), active=True)
    yield win, ctx
    assert answers.bugs == 0
    assert answers.refusals == []


def _press(qtbot: Any, widget: QWidget, key: Qt.Key, modifier: Any = CTRL) -> None:
    qtbot.keyClick(QApplication.focusWidget() or widget, key, modifier)


def _active(qtbot: Any, dialog: QDialog | None) -> QDialog:
    """The form the key opened, made the active window (as the window manager does)."""
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _shown(qtbot: Any, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return _active(qtbot, dialog)


def name_of(widget: QWidget) -> str:
    """A field as the lead knows it: the label beside it, else its own text or name."""
    for label in widget.window().findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None and widget in (buddy, buddy.focusProxy()) and label.text().strip():
            return label.text().replace("&", "").rstrip(":")
    if isinstance(widget, QAbstractButton) and widget.text():
        return widget.text().replace("&", "").removeprefix("EMCC competence: ")
    return widget.accessibleName().removeprefix("EMCC competence: ")


def tab_order(qtbot: Any, dialog: QDialog) -> list[str]:
    """The names Tab stops on, from the field the form opens on."""
    first = QApplication.focusWidget()
    assert first is not None and first.window() is dialog, "the form opens without the focus"
    return [name_of(w) for w in tab_walk(qtbot, first)]


def buttons(dialog: Any) -> list[str]:
    return ["Save"] * dialog.save_button.isEnabled() + ["Cancel"]


def _check_keys(qtbot: Any, dialog: QDialog, fields: list[str]) -> None:
    assert tab_order(qtbot, dialog) == fields + buttons(dialog)
    assert clashes(dialog) == []
    assert mnemonics_not_working(qtbot, dialog) == []
    assert dialog.save_button.text() == "&Save" or dialog.save_button.text().count("&") == 0


# --- forms opened from their views, typed and saved ----------------------------------------


def test_a_new_person_typed_with_the_keyboard_alone(
    window: tuple[MainWindow, Any], qtbot: Any
) -> None:
    win, ctx = window
    _press(qtbot, win, Qt.Key.Key_2)
    view = win.current_view()
    _press(qtbot, win, Qt.Key.Key_N)
    dialog = _active(qtbot, view.dialog)
    _check_keys(qtbot, dialog, PERSON)
    dialog.full_name.setFocus()
    for text in ("Priya Raman", "priya.raman@fenland-acute.nhs.uk", "Fenland Acute", "Ward sister"):
        qtbot.keyClicks(QApplication.focusWidget(), text)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "6")  # AfC band
    _press(qtbot, dialog, Qt.Key.Key_S, ALT)  # Save, by its underlined letter
    qtbot.waitUntil(lambda: not dialog.isVisible())
    person = next(p for p in ctx.read(list_people) if p.full_name == "Priya Raman")
    assert (person.email, person.organisation, person.job_title, person.band) == (
        "priya.raman@fenland-acute.nhs.uk",
        "Fenland Acute",
        "Ward sister",
        "6",
    )
    assert view.page.person_id == person.id  # the register shows the new person


def test_registration_form_from_the_keyboard(window: tuple[MainWindow, Any], qtbot: Any) -> None:
    """Register › a person › Registrations tab (arrow key) › Alt+A opens the form."""
    win, ctx = window
    _press(qtbot, win, Qt.Key.Key_2)
    view = win.current_view()
    person = next(p for p in view.people if not {"coach", "mentor"} & set(p.roles))
    view.show_person(person)
    bar = view.page.tabs.tabBar()
    bar.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(bar, Qt.Key.Key_Right)
    assert view.page.tabs.currentWidget() is view.page.registrations
    _press(qtbot, win, Qt.Key.Key_A, ALT)  # Add registration… (pressed as a click is shown)
    qtbot.waitUntil(lambda: view.page.registrations.dialog is not None)
    dialog = _active(qtbot, view.page.registrations.dialog)
    _check_keys(qtbot, dialog, COACH_REGISTRATION)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_cpd_typed_and_saved_with_alt_s(window: tuple[MainWindow, Any], qtbot: Any) -> None:
    win, ctx = window
    reg = next(r for r in ctx.read(list_registrations) if r.status == "active")
    email = next(p.email for p in ctx.read(list_people) if p.id == reg.person_id)
    _press(qtbot, win, Qt.Key.Key_5)
    view = win.current_view()
    assert view.choose(email)
    _press(qtbot, win, Qt.Key.Key_N)  # Ctrl+N: a CPD record (the tab shown)
    dialog = _active(qtbot, view.dialog)
    _check_keys(qtbot, dialog, CPD)
    date = QApplication.focusWidget()
    date.selectAll()
    qtbot.keyClicks(date, "02/11/2026")
    qtbot.keyClick(date, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "Compassionate leadership masterclass")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "East of England Leadership Academy")
    _press(qtbot, dialog, Qt.Key.Key_H, ALT)  # to Hours by its letter
    hours = QApplication.focusWidget()
    hours.selectAll()
    qtbot.keyClicks(hours, "3")
    _press(qtbot, dialog, Qt.Key.Key_S, ALT)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    kept = [
        c for c in ctx.read(list_cpd, email) if c.title == "Compassionate leadership masterclass"
    ]
    assert len(kept) == 1 and kept[0].provider == "East of England Leadership Academy"


# --- forms shown on their own --------------------------------------------------------------


def _session(win: MainWindow, ctx: Any) -> tuple[SessionDialog, Any]:
    rel = next(
        r
        for r in ctx.read(list_relationships)
        if r.status == "active" and ctx.read(get_relationship, r.id).sessions
    )
    meeting = ctx.read(get_relationship, rel.id).sessions[0]
    return SessionDialog(ctx, win, meeting), meeting


def test_session_form_minutes_changed_by_keyboard(
    window: tuple[MainWindow, Any], qtbot: Any
) -> None:
    win, ctx = window
    dialog, meeting = _session(win, ctx)
    _shown(qtbot, dialog)
    _check_keys(qtbot, dialog, SESSION)
    _press(qtbot, dialog, Qt.Key.Key_M, ALT)  # Minutes
    minutes = QApplication.focusWidget()
    assert minutes is dialog.minutes
    minutes.selectAll()
    qtbot.keyClicks(minutes, str(meeting.minutes + 15))
    _press(qtbot, dialog, Qt.Key.Key_S, ALT)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = next(m for m in ctx.read(list_meetings, meeting.relationship_id) if m.id == meeting.id)
    assert saved.minutes == meeting.minutes + 15


Builder = Callable[[MainWindow, Any], QDialog]


def _practitioner_email(ctx: Any) -> str:
    reg = next(r for r in ctx.read(list_registrations) if r.status == "active")
    return next(p.email for p in ctx.read(list_people) if p.id == reg.person_id)


FORMS: dict[str, tuple[Builder, list[str]]] = {
    "relationship": (lambda win, ctx: NewRelationshipDialog(ctx, win), RELATIONSHIP),
    "session": (lambda win, ctx: _session(win, ctx)[0], SESSION),
    "supervision": (
        lambda win, ctx: SupervisionDialog(ctx, _practitioner_email(ctx), parent=win),
        SUPERVISION,
    ),
    "learning log": (
        lambda win, ctx: LearningDialog(ctx, _practitioner_email(ctx), [], parent=win),
        LEARNING,
    ),
}


@pytest.mark.parametrize("form", FORMS)
def test_tab_order_and_letters_of_each_form(
    window: tuple[MainWindow, Any], qtbot: Any, form: str
) -> None:
    win, ctx = window
    build, fields = FORMS[form]
    dialog = _shown(qtbot, build(win, ctx))
    _check_keys(qtbot, dialog, fields)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def _other_dialogs(win: MainWindow, ctx: Any) -> list[QDialog]:
    from coachdesk.gui.insight.culture_dialog import CultureDialog
    from coachdesk.gui.privacy.audit_log import AuditLogDialog
    from coachdesk.gui.relationships.dialogs import CloseDialog
    from coachdesk.gui.requests.new_request import NewRequestDialog

    rel = next(r for r in ctx.read(list_relationships) if r.status == "active")
    return [
        NewRequestDialog(ctx, win),
        CloseDialog(ctx, win, rel, "end"),
        CloseDialog(ctx, win, rel, "withdraw"),
        CultureDialog(ctx, None, organisations=["Fenland Acute"], parent=win),
        AuditLogDialog(ctx, win),
    ]


def test_underlined_letters_of_the_other_dialogs(
    window: tuple[MainWindow, Any], qtbot: Any
) -> None:
    win, ctx = window
    for dialog in _other_dialogs(win, ctx):
        _shown(qtbot, dialog)
        assert clashes(dialog) == [], dialog.windowTitle()
        assert mnemonics_not_working(qtbot, dialog) == [], dialog.windowTitle()
        dialog.close()


def test_evaluation_form_opened_with_enter(window: tuple[MainWindow, Any], qtbot: Any) -> None:
    """Evaluations › a due form › Enter: the paper form is keyed in by keyboard (its letters
    clash with nothing, Alt+S saves)."""
    win, ctx = window
    _press(qtbot, win, Qt.Key.Key_6)
    view = win.current_view()
    view.table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    dialog = _active(qtbot, view.dialog)
    assert clashes(dialog) == []
    assert mnemonics_not_working(qtbot, dialog) == []
    assert "&Save" in [b.text() for b in dialog.findChildren(QAbstractButton)]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
