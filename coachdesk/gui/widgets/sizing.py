"""Windows sized for the screen they open on (a laptop's 1,280 × 720 included)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: What a window manager's title bar and frame take of the screen's height, at most.
FRAME = 40


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Size ``window`` to ``width`` × ``height``, or less where the room its screen leaves
    (less the taskbar and a title bar) is smaller; its own least size still holds."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    room = screen.availableGeometry()
    window.resize(min(width, room.width()), min(height, room.height() - FRAME))
