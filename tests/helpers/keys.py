"""Keyboard checks for GUI tests: where Tab goes, and what each underlined Alt+letter reaches."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMainWindow,
    QTabBar,
    QWidget,
)

#: The most Tab presses a walk takes before it calls the chain endless.
MAX_TABS = 400


def mnemonic_of(text: str) -> str | None:
    """The letter ``text`` underlines ("&Save" → "S"; "&&" is a literal ampersand)."""
    match = re.search(r"&([^&\s])", text.replace("&&", ""))
    return match.group(1).upper() if match else None


@dataclass(frozen=True)
class Mnemonic:
    """A letter shown underlined in a window, and the widget pressing Alt+letter should reach."""

    letter: str
    widget: QWidget
    text: str

    def __str__(self) -> str:
        return f"Alt+{self.letter} {self.text.replace('&', '')!r} ({type(self.widget).__name__})"


def _in_window(widget: QWidget, window: QWidget) -> bool:
    return widget.window() is window and widget.isVisible()


def shown_mnemonics(window: QWidget) -> list[Mnemonic]:
    """Every underlined letter the lead sees in ``window`` now: buttons and check boxes, labels,
    group boxes, the tabs of visible tab bars and, in a main window, the menu bar's menus."""
    found: list[Mnemonic] = []
    for widget in window.findChildren(QWidget):
        if not _in_window(widget, window):
            continue
        texts: list[str] = []
        if isinstance(widget, QAbstractButton):
            texts = [widget.text()]
        elif isinstance(widget, QLabel) and widget.textFormat() != Qt.TextFormat.RichText:
            texts = [widget.text()] if not widget.text().lstrip().startswith("<") else []
        elif isinstance(widget, QGroupBox):
            texts = [widget.title()]
        elif isinstance(widget, QTabBar):
            texts = [widget.tabText(i) for i in range(widget.count()) if widget.isTabVisible(i)]
        for text in texts:
            letter = mnemonic_of(text)
            if letter is not None:
                found.append(Mnemonic(letter, widget, text))
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            letter = mnemonic_of(action.text())
            if letter is not None and action.isVisible():
                found.append(Mnemonic(letter, window.menuBar(), action.text()))
    return found


def clashes(window: QWidget) -> list[str]:
    """Letters underlined on more than one thing in ``window`` (Alt+letter then only cycles
    the focus between them, and presses none)."""
    by_letter: dict[str, list[Mnemonic]] = {}
    for m in shown_mnemonics(window):
        by_letter.setdefault(m.letter, []).append(m)
    return [" and ".join(str(m) for m in ms) for ms in by_letter.values() if len(ms) > 1]


class ShortcutSpy(QObject):
    """Catches the shortcut events Alt+letter sends (and stops them, so nothing is pressed):
    which widget each went to, and whether Qt found the letter ambiguous."""

    def __init__(self) -> None:
        super().__init__()
        self.caught: list[tuple[QObject, bool]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut:
            self.caught.append((watched, bool(event.isAmbiguous())))  # type: ignore[attr-defined]
            return True
        return False


def mnemonics_not_working(qtbot: Any, window: QWidget) -> list[str]:
    """Press Alt+letter for every enabled underlined letter in ``window`` (the shortcut event is
    caught, not delivered); each must reach its own widget, unambiguously."""
    app = QApplication.instance()
    assert app is not None
    spy = ShortcutSpy()
    app.installEventFilter(spy)
    problems = []
    try:
        for m in shown_mnemonics(window):
            if not m.widget.isEnabled():
                continue
            spy.caught.clear()
            target = QApplication.focusWidget() or window
            if target.window() is not window:
                target = window
            qtbot.keyClick(target, m.letter.lower(), Qt.KeyboardModifier.AltModifier)
            if not spy.caught:
                problems.append(f"{m} does nothing")
            elif any(ambiguous for _, ambiguous in spy.caught):
                problems.append(f"{m} is shared with another")
            elif spy.caught[0][0] is not m.widget:
                problems.append(f"{m} reaches {type(spy.caught[0][0]).__name__} instead")
            elif isinstance(m.widget, QLabel) and not _takes_focus(m.widget.buddy()):
                problems.append(f"{m} moves the keyboard to nothing it can use")
    finally:
        app.removeEventFilter(spy)
    return problems


def _takes_focus(buddy: QWidget | None) -> bool:
    """Whether a label's buddy (or the widget it hands its focus to) can hold the keyboard."""
    target = buddy.focusProxy() or buddy if buddy is not None else None
    return target is not None and target.focusPolicy() != Qt.FocusPolicy.NoFocus


def describe(widget: QWidget | None) -> str:
    """A widget as a test message names it: its accessible name, text or class."""
    if widget is None:
        return "nothing"
    text = getattr(widget, "text", None)
    label = widget.accessibleName() or (text() if callable(text) else "") or widget.objectName()
    return f"{type(widget).__name__} {str(label).replace('&', '')!r}"


def tab_walk(qtbot: Any, start: QWidget, limit: int = MAX_TABS) -> list[QWidget]:
    """Press Tab from ``start`` until the focus comes back to it: the widgets it stopped on.

    Fails when Tab is kept by one widget (a table moving between cells, a text box typing a
    tab) or never comes back.
    """
    start.setFocus(Qt.FocusReason.TabFocusReason)
    assert QApplication.focusWidget() is start, f"{describe(start)} cannot take the focus"
    chain: list[QWidget] = [start]
    current = start
    for _ in range(limit):
        qtbot.keyClick(current, Qt.Key.Key_Tab)
        following = QApplication.focusWidget()
        assert following is not None, f"Tab from {describe(current)} lost the focus"
        assert following is not current, f"Tab is kept by {describe(current)}"
        if following is start:
            return chain
        chain.append(following)
        current = following
    raise AssertionError(f"Tab from {describe(start)} never came back: {chain[-5:]}")
