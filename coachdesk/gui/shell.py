"""Builds the main window, with the welcome page in front when the database is empty."""

from __future__ import annotations

import shiboken6

from coachdesk.gui.context import AppContext
from coachdesk.gui.file_actions import Switcher
from coachdesk.gui.mainwindow import MainWindow
from coachdesk.gui.welcome import FirstRun, WelcomePage, first_run


def build_shell(ctx: AppContext, launcher: Switcher | None = None) -> MainWindow:
    """The main window; the welcome page comes in front once an empty database is found (read
    off the UI thread, like every read)."""
    win = MainWindow(ctx, launcher)

    def answered(first: FirstRun | None) -> None:
        if first is not None and shiboken6.isValid(win):
            win.show_welcome(WelcomePage(ctx, win, first))

    ctx.query(win, first_run).success(answered).run()
    return win
