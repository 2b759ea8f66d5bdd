"""In the app the dashboard judges the rules off the UI thread; the window never waits."""

from __future__ import annotations

from typing import Any

from coachdesk.gui.dashboard.view import DashboardView


def test_background_reload_fills_the_dashboard_when_the_rules_are_judged(
    qtbot: Any, demo_ctx: Any
) -> None:
    ctx, answers = demo_ctx
    ctx.background = True
    view = DashboardView(ctx)
    qtbot.addWidget(view)
    view.reload()
    assert view.data is None  # returned at once, before the rules were judged
    assert "checking" in view.today_label.text()
    qtbot.waitUntil(lambda: view.data is not None)
    assert len(view.data.alerts) == 18
    assert "checking" not in view.today_label.text()
    assert answers.bugs == 0
