"""A viewer's window: edit controls kept disabled, the banner, the refusal of a write."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QWidget

#: The tooltip of every edit control a viewer sees disabled.
VIEWER_TIP = "Your database role is a viewer: you can look but not change."


def viewer_words(user: str | None) -> str:
    who = f" ({user})" if user else ""
    return f"your database role{who} is a viewer"


def viewer_refusal(user: str | None) -> str:
    """The refusal of a write a viewer attempted anyway."""
    return (
        f"Nothing was saved: {viewer_words(user)}, so you can look but not change. "
        "Ask a lead of the hub to give you the lead role if you need to make changes."
    )


def banner_text(user: str | None) -> str:
    return (
        f"You can look but not change: {viewer_words(user)}. Editing is switched off; "
        "ask a lead of the hub for the lead role if you need to make changes."
    )


#: The banner's link to the guide's section on sharing a hub.
GUIDE_LINK = "guide"


class EditGate(QObject):
    """Keeps the controls it guards disabled, whatever their view's own enabling says."""

    def guard(self, *controls: QWidget | QAction) -> None:
        for control in controls:
            control.setEnabled(False)
            control.setToolTip(VIEWER_TIP)
            if isinstance(control, QAction):
                control.changed.connect(lambda c=control: _keep_off(c))
            else:
                control.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.EnabledChange and isinstance(watched, QWidget):
            _keep_off(watched)
        return False


def _keep_off(control: QWidget | QAction) -> None:
    if control.isEnabled():
        control.setEnabled(False)


def viewer_banner(user: str | None) -> QLabel:
    """The banner across the top of a viewer's window."""
    banner = QLabel(f'{escape(banner_text(user))} <a href="{GUIDE_LINK}">What a viewer sees</a>')
    banner.setTextFormat(Qt.TextFormat.RichText)
    banner.setObjectName("viewerBanner")
    banner.setWordWrap(True)
    banner.setAccessibleName("Viewer")
    banner.setStyleSheet(
        "QLabel#viewerBanner { background: #fff9c4; color: #212b32; padding: 6px 10px;"
        " border-bottom: 1px solid #ffb81c; }"
    )
    return banner
