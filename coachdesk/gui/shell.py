"""Builds the main window, with the welcome page in front when the database is empty."""

from __future__ import annotations

from typing import Any

from coachdesk.gui.context import AppContext
from coachdesk.gui.mainwindow import MainWindow


def database_is_empty(ctx: AppContext) -> bool:
    from coachdesk.services.summary import hub_summary

    return ctx.read(hub_summary, ctx.today()).people == 0


def build_shell(ctx: AppContext, launcher: Any = None) -> MainWindow:
    win = MainWindow(ctx, launcher)
    if database_is_empty(ctx):
        from coachdesk.gui.welcome import WelcomePage

        win.show_welcome(WelcomePage(ctx, win))
    return win
