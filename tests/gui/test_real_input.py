"""The main window as a lead drives it: every menu action by key and through the menus."""

# Every view by its shortcut too; nothing may end in "Something went wrong". A failure reaches
# the test two ways: the context's ``bug`` (every operation's unexpected error) is counted by the
# GUI conftest and checked after each key, and an exception in a slot (what the app's exception
# hook would show) fails the test through pytest-qt's exception capture.

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QMessageBox, QWidget

from coachdesk.gui.help import GuideWindow
from coachdesk.gui.mainwindow import MainWindow
from coachdesk.gui.navigation import VIEWS
from coachdesk.gui.shell import build_shell
from tests.helpers.views import shown

#: Qt's offscreen platform cannot raise a window or grab the keyboard for an open menu.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


@dataclass
class Seen:
    """What one key press led to: windows opened (and closed again), files asked for, what
    the status bar said."""

    windows: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)


class Answerer:
    """Answers what an action opens: a modal dialog as soon as its event loop runs (a message
    box with Discard is answered Discard, any other dialog is closed), and, once the key has
    been handled, every other window it left open. File pickers are the context's: Export is
    given a file in ``folder``, every other picker is cancelled."""

    def __init__(self, qtbot: Any, main: QWidget, ctx: Any, folder: Path) -> None:
        self.qtbot = qtbot
        self.main = main
        self.seen = Seen()
        self._armed = False
        ctx.ask_open_file = self._open_file
        ctx.ask_save_file = self._save_file
        ctx.status_message.connect(lambda text: self.seen.status.append(text))
        self.folder = folder

    def _open_file(self, parent: Any, title: str, filters: str) -> Path | None:
        self.seen.files.append(title)
        return None

    def _save_file(self, parent: Any, title: str, suggested: str, filters: str) -> Path | None:
        self.seen.files.append(title)
        return self.folder / "export.xlsx" if title == "Export" else None

    def press(self, do: Callable[[], object]) -> Seen:
        """Run ``do`` (a key press) with modal dialogs answered; what it led to."""
        self.seen = Seen()
        self._armed = True
        QTimer.singleShot(0, self._answer_modal)
        try:
            do()
        finally:
            self._armed = False
        for widget in QApplication.topLevelWidgets():
            if widget is not self.main and widget.isVisible() and not isinstance(widget, QMenu):
                self._close(widget)
        if self.main.isVisible() and not self.main.isActiveWindow():
            self.main.activateWindow()  # as the window manager does when a dialog closes
            self.qtbot.waitUntil(self.main.isActiveWindow)
        return self.seen

    def _answer_modal(self) -> None:
        if not self._armed:
            return
        modal = QApplication.activeModalWidget()
        if modal is not None and modal is not self.main:
            self._close(modal)
        QTimer.singleShot(0, self._answer_modal)

    def _close(self, widget: QWidget) -> None:
        self.seen.windows.append(widget.windowTitle())
        if isinstance(widget, QMessageBox):
            discard = widget.button(QMessageBox.StandardButton.Discard)
            if discard is not None:
                discard.click()
                return
        if isinstance(widget, QDialog):
            widget.reject()
        else:
            widget.close()


@pytest.fixture
def window(demo_ctx: Any, qtbot: Any, tmp_path: Path) -> tuple[MainWindow, Any, Answerer]:
    ctx, answers = demo_ctx
    win = shown(qtbot, build_shell(ctx), (1280, 720), active=True)
    return win, answers, Answerer(qtbot, win, ctx, tmp_path)


def _actions(win: MainWindow) -> list[tuple[QMenu, QAction]]:
    found = []
    for top in win.menuBar().actions():
        menu = top.menu()
        assert isinstance(menu, QMenu)
        found += [(menu, a) for a in menu.actions() if not a.isSeparator()]
    return found


def _press_shortcut(qtbot: Any, win: MainWindow, sequence: QKeySequence) -> None:
    """Press ``sequence`` (one key combination) on the window, as the keyboard would."""
    combo = sequence[0]
    qtbot.keyClick(win, combo.key(), combo.keyboardModifiers())


def _text(action: QAction) -> str:
    return action.text().replace("&", "")


def _view_of(win: MainWindow) -> str:
    view = win.current_view()
    assert view is not None
    return view.objectName().removeprefix("view-")


#: What each action visibly does (checked after its key): the view it shows, the window it
#: opens, the file it asks for, or what the lead is told. Every menu action must be listed.
Check = Callable[[MainWindow, Any, Seen], object]


def _shows(key: str) -> Check:
    def check(win: MainWindow, answers: Any, seen: Seen) -> None:
        assert _view_of(win) == key
        assert win.nav.currentRow() == [s.key for s in VIEWS].index(key)

    return check


def _asks_for_a_file(title: str) -> Check:
    def check(win: MainWindow, answers: Any, seen: Seen) -> None:
        assert seen.files == [title]

    return check


def _opens(title: str) -> Check:
    def check(win: MainWindow, answers: Any, seen: Seen) -> None:
        assert title in seen.windows

    return check


def _backed_up(win: MainWindow, answers: Any, seen: Seen) -> None:
    assert answers.informed and answers.informed[-1].startswith("Backup written and checked")


def _exported(win: MainWindow, answers: Any, seen: Seen) -> None:
    assert seen.files == ["Export"]
    assert answers.informed and "export.xlsx" in answers.informed[-1]


def _guide_open(win: MainWindow, answers: Any, seen: Seen) -> None:
    assert win.findChild(GuideWindow, "userGuide") is not None
    assert "coachdesk user guide" in seen.windows


def _nothing_visible(win: MainWindow, answers: Any, seen: Seen) -> None:
    """The action works on the current view (checked per view in its own test)."""


EXPECTED: dict[str, Check] = {
    "New database…": _asks_for_a_file("New coachdesk database"),
    "Open database…": _asks_for_a_file("Open a coachdesk database"),
    "Backup now": _backed_up,
    "Restore from backup…": _asks_for_a_file("Restore from a backup"),
    "Import register spreadsheet…": _opens("Import a register spreadsheet"),
    "Import bundle (.json)…": _asks_for_a_file("Import"),
    "Export…": _exported,
    "Review merge conflicts…": _opens("Merge conflicts"),
    "Quit": _nothing_visible,  # pressed last of all, in its own test
    "New…": _nothing_visible,
    "Find": _nothing_visible,
    "Settings…": _shows("settings"),
    **{spec.title: _shows(spec.key) for spec in VIEWS},
    "Audit log…": _opens("Audit log"),
    "Refresh": _nothing_visible,
    "User guide": _guide_open,
    "About coachdesk": _opens("About coachdesk"),
}


def test_every_action_is_expected(window: tuple[MainWindow, Any, Answerer]) -> None:
    win, _, _ = window
    assert sorted(_text(a) for _, a in _actions(win)) == sorted(EXPECTED)


def _check(win: MainWindow, answers: Any, action: QAction, seen: Seen, how: str) -> None:
    assert answers.bugs == 0, f"{how} {_text(action)!r} showed 'Something went wrong'"
    assert answers.refusals == [], f"{how} {_text(action)!r} was refused: {answers.refusals}"
    EXPECTED[_text(action)](win, answers, seen)


def test_every_shortcut_does_its_action(
    window: tuple[MainWindow, Any, Answerer], qtbot: Any
) -> None:
    win, answers, answerer = window
    pressed = []
    for _menu, action in _actions(win):
        if action.shortcut().isEmpty() or _text(action) == "Quit":
            continue
        seen = answerer.press(lambda a=action: _press_shortcut(qtbot, win, a.shortcut()))
        _check(win, answers, action, seen, f"{action.shortcut().toString()} for")
        pressed.append(action.shortcut().toString())
    assert {f"Ctrl+{n}" for n in range(1, 10)} <= set(pressed)
    assert {"Ctrl+N", "Ctrl+F", "F5", "F1", "Ctrl+B", "Ctrl+E", "Ctrl+I", "Ctrl+O"} <= set(pressed)


def _open_menu_and_choose(qtbot: Any, win: MainWindow, menu: QMenu, action: QAction) -> None:
    """Alt+<the menu's letter>, Down until ``action`` is highlighted, then Enter."""
    title = menu.title()
    letter = title[title.index("&") + 1]
    qtbot.keyClick(win, letter, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(menu.isVisible)
    for _ in range(len(menu.actions())):
        if menu.activeAction() is action:
            break
        qtbot.keyClick(menu, Qt.Key.Key_Down)
    assert menu.activeAction() is action, f"{_text(action)} cannot be reached in {title}"
    qtbot.keyClick(menu, Qt.Key.Key_Return)


def test_every_action_through_the_menus_by_keyboard(
    window: tuple[MainWindow, Any, Answerer], qtbot: Any
) -> None:
    win, answers, answerer = window
    chosen = 0
    for menu, action in _actions(win):
        if _text(action) == "Quit":
            continue
        seen = answerer.press(lambda m=menu, a=action: _open_menu_and_choose(qtbot, win, m, a))
        assert not menu.isVisible()
        _check(win, answers, action, seen, "The menu item")
        chosen += 1
    assert chosen == len(EXPECTED) - 1


def test_edit_menu_on_every_view(window: tuple[MainWindow, Any, Answerer], qtbot: Any) -> None:
    """Ctrl+F, F5 and Ctrl+N on each view: Find puts the keyboard in the view's search box,
    New opens the view's form (or starts a new template in Settings)."""
    win, answers, answerer = window
    for spec in VIEWS:
        answerer.press(lambda s=spec: _press_shortcut(qtbot, win, QKeySequence(s.shortcut)))
        view = win.current_view()
        assert _view_of(win) == spec.key
        if callable(getattr(view, "focus_search", None)):
            answerer.press(lambda: _press_shortcut(qtbot, win, QKeySequence("Ctrl+F")))
            focus = QApplication.focusWidget()
            assert focus is not None and view.isAncestorOf(focus), spec.title
            assert "search" in (focus.accessibleName() + focus.objectName()).lower(), spec.title
        answerer.press(lambda: _press_shortcut(qtbot, win, QKeySequence("F5")))
        if callable(getattr(view, "new_record", None)):
            seen = answerer.press(lambda: _press_shortcut(qtbot, win, QKeySequence("Ctrl+N")))
            if spec.key == "settings":
                assert view.templates.isVisible()
            else:  # a form, or what to do first ("Choose a coach or mentor first.")
                assert seen.windows or seen.status, f"Ctrl+N on {spec.title} did nothing"
        assert answers.bugs == 0, spec.title
        assert answers.refusals == [], spec.title


def test_every_view_by_its_shortcut(window: tuple[MainWindow, Any, Answerer], qtbot: Any) -> None:
    win, answers, answerer = window
    for spec in [*VIEWS, *reversed(VIEWS)]:
        answerer.press(lambda s=spec: _press_shortcut(qtbot, win, QKeySequence(s.shortcut)))
        assert _view_of(win) == spec.key
        assert win.view(spec.key).isVisible()
        assert win.nav.currentItem().text() == spec.title
    assert answers.bugs == 0


def test_ctrl_q_quits(window: tuple[MainWindow, Any, Answerer], qtbot: Any) -> None:
    win, answers, answerer = window
    answerer.press(lambda: _press_shortcut(qtbot, win, QKeySequence("Ctrl+2")))
    answerer.press(lambda: _press_shortcut(qtbot, win, QKeySequence("Ctrl+Q")))
    assert not win.isVisible()
    assert answers.bugs == 0
