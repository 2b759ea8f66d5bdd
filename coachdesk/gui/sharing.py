"""The main window on a shared hub: a viewer's banner, and whether the server can be reached."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from coachdesk.gui.context import AppContext
from coachdesk.gui.help import SHARING_SECTION, show_user_guide
from coachdesk.gui.readonly import viewer_banner

UNREACHABLE = "The database server cannot be reached: changes cannot be saved until it is back."
BACK = "The database server is back: what you see is up to date."


class SharingStatus(QLabel):
    """A permanent status-bar message while the server is unreachable (the listener says)."""

    def __init__(self, ctx: AppContext, window: QMainWindow) -> None:
        super().__init__(UNREACHABLE)
        self.ctx = ctx
        self.window_ = window
        self.setObjectName("serverStatus")
        self.setStyleSheet("color: #a4262c; font-weight: bold;")
        self.setVisible(False)
        window.statusBar().addPermanentWidget(self)
        ctx.connection_changed.connect(self.show_state)

    def show_state(self, reached: bool) -> None:
        was_hidden = self.isHidden()
        self.setVisible(not reached)
        if reached and not was_hidden:
            self.window_.statusBar().showMessage(BACK, 8000)


def install_sharing(window: QMainWindow, ctx: AppContext) -> SharingStatus:
    """The status message about the server, and a viewer's banner above everything else."""
    status = SharingStatus(ctx, window)
    if ctx.read_only:
        central = window.takeCentralWidget()
        assert central is not None  # the window's views, set before this is called
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        banner = viewer_banner(ctx.db.user)
        banner.linkActivated.connect(lambda _link: show_user_guide(window, SHARING_SECTION))
        column.addWidget(banner)
        column.addWidget(central, 1)
        window.setCentralWidget(box)
    return status
