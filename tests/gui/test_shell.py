"""The main window: title, navigation, status bar; the welcome page on an empty database."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from coachdesk.gui.dashboard.view import DashboardView
from coachdesk.gui.mainwindow import MainWindow
from coachdesk.gui.settings.view import SettingsView
from coachdesk.gui.shell import build_shell
from coachdesk.services.settings import get_settings
from coachdesk.services.summary import hub_summary
from tests.gui.conftest import TODAY

#: Qt's offscreen platform warns when a shown window's size hints change; nothing to fix.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

NAVIGATION = [
    "Dashboard",
    "Register",
    "Requests",
    "Relationships",
    "Development",
    "Evaluations",
    "Reports",
    "Settings",
    "Insight",
]


def _window(ctx: Any, qtbot: Any) -> MainWindow:
    win = build_shell(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_title_navigation_and_status_bar(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    win = _window(ctx, qtbot)
    hub = ctx.read(get_settings).hub_name
    assert win.windowTitle() == f"coachdesk — {hub}[*]"  # [*]: where Qt shows unsaved work
    assert [win.nav.item(i).text() for i in range(win.nav.count())] == NAVIGATION
    assert win.welcome is None  # the demo holds people: straight to the dashboard
    assert isinstance(win.current_view(), DashboardView)
    assert ctx.db_label in win.status_db.text()
    s = ctx.read(hub_summary, TODAY)
    counts = win.status_counts.text()
    assert f"{s.people} people" in counts
    assert f"{s.active_coaches} coaches" in counts and f"{s.active_mentors} mentors" in counts
    assert f"{s.relationships_by_status['active']} active relationships" in counts


def test_navigating_between_dashboard_and_settings(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    win = _window(ctx, qtbot)
    win.nav.setFocus()
    win.nav.setCurrentRow(NAVIGATION.index("Settings"))
    assert isinstance(win.current_view(), SettingsView)
    assert win.current_view().objectName() == "view-settings"
    qtbot.keyClick(win.nav, Qt.Key.Key_Home)
    assert isinstance(win.current_view(), DashboardView)


def test_open_record_of_a_template_goes_to_settings(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    win = _window(ctx, qtbot)
    ctx.open_record.emit("template", "practitioner-default")
    view = win.current_view()
    assert isinstance(view, SettingsView)
    assert view.templates.current.key == "practitioner-default"


def test_a_settings_change_reaches_the_title_and_the_dashboard(demo_ctx: Any, qtbot: Any) -> None:
    from coachdesk.services.settings import update_settings

    ctx, _ = demo_ctx
    win = _window(ctx, qtbot)
    dashboard = win.current_view()
    before = len(dashboard.alerts.top_texts())
    win.show_view("settings")  # the dashboard is hidden now
    ctx.write(win, update_settings, {"hub_name": "Broads Hub", "cpd_months": 24}).run()
    assert win.windowTitle() == "coachdesk — Broads Hub[*]"  # [*]: where Qt shows unsaved work
    win.show_view("dashboard")
    assert len(dashboard.alerts.top_texts()) == before - 1  # CPD overdue has gone


def test_welcome_page_start_empty(empty_ctx: Any, qtbot: Any) -> None:
    ctx, answers = empty_ctx
    win = _window(ctx, qtbot)
    assert win.welcome is not None
    assert win.outer.currentWidget() is win.welcome
    page = win.welcome
    page.hub_name.setFocus()
    page.hub_name.selectAll()
    qtbot.keyClick(page.hub_name, Qt.Key.Key_Delete)
    assert not page.empty_button.isEnabled()  # a hub needs a name
    qtbot.keyClicks(page.hub_name, "Wash Coast Hub")
    assert page.empty_button.isEnabled()
    qtbot.mouseClick(page.empty_button, Qt.MouseButton.LeftButton)
    assert answers.refusals == []
    assert win.welcome is None
    assert win.outer.currentWidget() is win.splitter
    assert isinstance(win.current_view(), DashboardView)
    assert ctx.read(get_settings).hub_name == "Wash Coast Hub"
    assert win.windowTitle() == "coachdesk — Wash Coast Hub[*]"  # [*]: where Qt shows unsaved work
