"""Settings → Reminder e-mails, driven with keys: the placeholders beside the wording, a bad
placeholder refused with a clear message and nothing saved, and saved wording in the drafts."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from coachdesk.domain.reminder_wording import (
    DEFAULT_BODY,
    DEFAULT_SUBJECT,
    PLACEHOLDERS,
    first_name,
)
from coachdesk.gui.mainwindow import MainWindow
from coachdesk.gui.settings.reminders import ReminderSettings
from coachdesk.gui.settings.view import REMINDERS_TAB, SettingsView
from coachdesk.services.reminders import plan_reminders
from coachdesk.services.settings import get_settings
from tests.gui.conftest import TODAY
from tests.helpers.keys import clashes, mnemonics_not_working
from tests.helpers.views import shown

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier


def _key(
    qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key pressed where the keyboard is, as a person presses it."""
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def _alt(qtbot: Any, key: Qt.Key) -> None:
    _key(qtbot, key, Qt.KeyboardModifier.AltModifier)


def _type(qtbot: Any, text: str) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClicks(target, text)


def _tab(qtbot: Any, ctx: Any) -> tuple[MainWindow, SettingsView, ReminderSettings]:
    """The main window on Settings, moved to the Reminder e-mails tab with Ctrl+Tab."""
    win = shown(qtbot, MainWindow(ctx), (1280, 720), active=True)
    view = win.show_view("settings")
    assert isinstance(view, SettingsView)
    view.form.hub_name.setFocus()
    while view.tabs.currentWidget() is not view.reminders:
        _key(qtbot, Qt.Key.Key_Tab, CTRL)
    assert view.tabs.tabText(view.tabs.currentIndex()) == REMINDERS_TAB
    view.reminders.first_field().setFocus()
    return win, view, view.reminders


def test_the_tab_lists_every_placeholder_beside_the_wording(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    win, _, tab = _tab(qtbot, ctx)
    listed = [tab.placeholders.item(i).text() for i in range(tab.placeholders.count())]
    assert [t.split(" — ")[0] for t in listed] == [f"{{{name}}}" for name in PLACEHOLDERS]
    assert all(" — " in t and t.split(" — ")[1] for t in listed)  # each says what it becomes
    assert tab.subject.text() == DEFAULT_SUBJECT
    assert tab.body.toPlainText() == DEFAULT_BODY
    assert tab.quiet_days.value() == 7
    assert not tab.save_button.isEnabled()
    assert clashes(win) == []
    assert mnemonics_not_working(qtbot, win) == []


def test_an_unknown_placeholder_is_named_and_nothing_is_saved(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    _, view, tab = _tab(qtbot, ctx)
    _alt(qtbot, Qt.Key.Key_W)  # &Wording
    assert tab.body.hasFocus()
    _key(qtbot, Qt.Key.Key_End, CTRL)
    _key(qtbot, Qt.Key.Key_Return)
    _type(qtbot, "PS {firstname}")
    assert tab.problem.text() == "Reminder wording: has an unknown placeholder {firstname}."
    assert not tab.save_button.isEnabled()
    assert view.tabs.tabText(2) == f"{REMINDERS_TAB} (not saved)"
    _alt(qtbot, Qt.Key.Key_S)  # &Save does nothing while the wording is wrong
    assert ctx.read(get_settings).reminder_body == DEFAULT_BODY

    # A brace on its own is pointed out too.
    _alt(qtbot, Qt.Key.Key_W)
    _key(qtbot, Qt.Key.Key_End, CTRL)
    _key(qtbot, Qt.Key.Key_Home, Qt.KeyboardModifier.ShiftModifier)
    _type(qtbot, "PS {first_name")
    assert "has a { or } without its pair" in tab.problem.text()
    assert not tab.save_button.isEnabled()
    _type(qtbot, "}, thank you.")
    assert tab.problem.text() == ""
    with qtbot.waitSignal(ctx.changed):
        _alt(qtbot, Qt.Key.Key_S)
    assert ctx.read(get_settings).reminder_body == DEFAULT_BODY + "\nPS {first_name}, thank you."
    assert view.tabs.tabText(2) == REMINDERS_TAB
    draft = ctx.read(plan_reminders, TODAY).drafts[0]
    assert draft.body.endswith(f"PS {first_name(draft.full_name)}, thank you.")


def test_a_placeholder_inserted_from_the_list_words_the_subject(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    _, _, tab = _tab(qtbot, ctx)
    _alt(qtbot, Qt.Key.Key_U)  # S&ubject
    assert tab.subject.hasFocus()
    _key(qtbot, Qt.Key.Key_A, CTRL)  # select all
    _type(qtbot, "Reminder for ")
    _alt(qtbot, Qt.Key.Key_P)  # &Placeholders
    assert tab.placeholders.hasFocus()
    _key(qtbot, Qt.Key.Key_Home)
    _key(qtbot, Qt.Key.Key_Down)  # {full_name}
    _alt(qtbot, Qt.Key.Key_I)  # &Insert in the wording (goes where the lead last typed)
    qtbot.waitUntil(lambda: "{" in tab.subject.text())  # a button clicks once shown down
    assert tab.subject.text() == "Reminder for {full_name}"
    assert tab.subject.hasFocus()
    _type(qtbot, " from {hub}")
    with qtbot.waitSignal(ctx.changed):
        _alt(qtbot, Qt.Key.Key_S)
    saved = ctx.read(get_settings)
    assert saved.reminder_subject == "Reminder for {full_name} from {hub}"
    draft = ctx.read(plan_reminders, TODAY).drafts[0]
    assert draft.subject == f"Reminder for {draft.full_name} from {saved.hub_name}"


def test_the_list_of_items_cannot_go_in_the_subject(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    _, _, tab = _tab(qtbot, ctx)
    _alt(qtbot, Qt.Key.Key_U)
    _key(qtbot, Qt.Key.Key_End)
    _type(qtbot, " {items}")
    assert "Reminder subject: cannot hold {items}" in tab.problem.text()
    assert not tab.save_button.isEnabled()
    _alt(qtbot, Qt.Key.Key_G)  # Restore default wordin&g
    qtbot.waitUntil(lambda: tab.problem.text() == "")  # a button clicks once shown down
    assert tab.subject.text() == DEFAULT_SUBJECT
    assert tab.problem.text() == "" and not tab.save_button.isEnabled()


def test_the_sender_signature_and_quiet_period_are_saved(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    _, _, tab = _tab(qtbot, ctx)
    _alt(qtbot, Qt.Key.Key_M)  # Reminders come fro&m
    _type(qtbot, "not an address")
    assert tab.problem.text().startswith("Reminders come from (e-mail): ")
    assert not tab.save_button.isEnabled()
    _key(qtbot, Qt.Key.Key_A, CTRL)  # select all
    _type(qtbot, "hub.lead@nhs.example")
    _alt(qtbot, Qt.Key.Key_A)  # Sign reminders &as
    _type(qtbot, "Sam Lead")
    _alt(qtbot, Qt.Key.Key_D)  # Remind again after (&days)
    _key(qtbot, Qt.Key.Key_A, CTRL)  # select all
    _type(qtbot, "14")
    assert tab.problem.text() == ""
    with qtbot.waitSignal(ctx.changed):
        _alt(qtbot, Qt.Key.Key_S)
    saved = ctx.read(get_settings)
    assert (saved.reminder_from, saved.reminder_lead_name) == ("hub.lead@nhs.example", "Sam Lead")
    assert saved.reminder_quiet_days == 14
    plan = ctx.read(plan_reminders, TODAY)
    assert plan.sender == "hub.lead@nhs.example"
    assert "\nSam Lead\n" in plan.drafts[0].body


def test_revert_puts_back_what_was_saved(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    _, view, tab = _tab(qtbot, ctx)
    _alt(qtbot, Qt.Key.Key_A)
    _type(qtbot, "Someone")
    assert view.unsaved() == "the changes to the reminder e-mails"
    _alt(qtbot, Qt.Key.Key_T)  # Rever&t
    qtbot.waitUntil(lambda: not tab.dirty)  # a button clicks once shown down
    assert tab.lead_name.text() == "" and not tab.dirty
    assert view.unsaved() is None
