"""Builds the main window, with the welcome page in front when the database is empty."""

from __future__ import annotations

from coachdesk.gui.context import AppContext
from coachdesk.gui.file_actions import Switcher
from coachdesk.gui.mainwindow import MainWindow
from coachdesk.gui.welcome import WelcomePage, database_is_empty


def build_shell(ctx: AppContext, launcher: Switcher | None = None) -> MainWindow:
    win = MainWindow(ctx, launcher)
    if database_is_empty(ctx):
        win.show_welcome(WelcomePage(ctx, win))
    return win
