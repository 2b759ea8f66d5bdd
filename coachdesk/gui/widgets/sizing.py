"""Sized for the screen and the font: windows that fit a laptop, text boxes so many lines high."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

#: What a window manager's title bar and frame take of the screen's height, at most.
FRAME = 40


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Size ``window`` to ``width`` × ``height``, or less where the room its screen leaves
    (less the taskbar and a title bar) is smaller; its own least size still holds."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    room = screen.availableGeometry()
    window.resize(min(width, room.width()), min(height, room.height() - FRAME))


def lines_high(edit: QPlainTextEdit | QTextEdit, lines: int) -> int:
    """The height of a text box that shows ``lines`` lines of its font (at any scale), with
    room for its frame and the stylesheet's focus box (a border and padding of 1-2 px)."""
    margins = edit.contentsMargins()
    document = int(edit.document().documentMargin()) * 2
    spacing = edit.fontMetrics().lineSpacing()
    frame = margins.top() + margins.bottom() + 2 * edit.frameWidth() + 4
    return lines * spacing + document + frame
