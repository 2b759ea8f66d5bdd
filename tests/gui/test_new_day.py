"""A window left open past midnight uses the new day, not the one it was opened on."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from coachdesk.gui.mainwindow import MainWindow
from coachdesk.gui.requests.view import RequestsView
from tests.gui.conftest import TODAY


def test_answered_on_follows_a_new_day_unless_the_lead_typed_one(
    qtbot: Any, demo_ctx: Any, monkeypatch: Any
) -> None:
    ctx, _ = demo_ctx
    day = {"today": TODAY}
    monkeypatch.setattr(ctx, "today", lambda: day["today"])
    view = RequestsView(ctx)
    qtbot.addWidget(view)
    view.show()
    assert view.responded.date() == TODAY
    view.hide()
    day["today"] = TODAY + timedelta(days=3)
    view.show()
    assert view.responded.date() == TODAY + timedelta(days=3)
    view.responded.setText("01/12/2026")
    view.hide()
    day["today"] = TODAY + timedelta(days=5)
    view.show()
    assert view.responded.text() == "01/12/2026"


def test_status_bar_counts_read_as_english(qtbot: Any, demo_ctx: Any) -> None:
    ctx, _ = demo_ctx
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    text = win.status_counts.text()
    assert text.startswith("60 people · 13 coaches · 7 mentors")


def test_requests_load_in_the_background_and_open_a_request_asked_for_meanwhile(
    qtbot: Any, demo_ctx: Any
) -> None:
    from coachdesk.services.requests import list_requests

    ctx, answers = demo_ctx
    ctx.background = True
    wanted = next(r for r in ctx.read(list_requests) if r.status == "pending")
    view = RequestsView(ctx)
    qtbot.addWidget(view)
    view.show()
    assert view.counts.text() == "Loading…"
    view.open_record("request", wanted.id)
    qtbot.waitUntil(lambda: view.counts.text() != "Loading…")
    assert view.current() is not None and view.current().id == wanted.id
    assert answers.bugs == 0


def test_in_the_app_templates_are_read_when_their_tab_is_first_opened(
    qtbot: Any, demo_ctx: Any
) -> None:
    from coachdesk.gui.settings.view import SettingsView

    ctx, _ = demo_ctx
    ctx.background = True
    view = SettingsView(ctx)
    qtbot.addWidget(view)
    assert view.templates.templates == []
    view.tabs.setCurrentWidget(view.templates)
    qtbot.waitUntil(lambda: bool(view.templates.templates))  # read off the UI thread
    assert {t.key for t in view.templates.templates} >= {"client-default", "practitioner-default"}


def test_a_dashboard_left_open_past_midnight_moves_on_to_the_new_day(
    qtbot: Any, demo_ctx: Any, monkeypatch: Any
) -> None:
    from coachdesk.domain.clock import Clock
    from coachdesk.gui.dashboard.view import DashboardView
    from coachdesk.services.compliance import alerts_and_due

    ctx, _ = demo_ctx
    ctx.check_new_day()  # the fixture's context was made on another "today"
    view = DashboardView(ctx)
    qtbot.addWidget(view)
    view.show()
    before, _ = ctx.read(alerts_and_due, TODAY)
    assert view.alerts_label.text() == f"&Alerts ({len(before)})"
    assert ctx.check_new_day() is False  # same day: nothing reloads

    later = TODAY + timedelta(days=40)
    after, _ = ctx.read(alerts_and_due, later)
    assert len(after) != len(before)  # 40 days on, more is overdue
    ctx.db.clock = Clock(today=later)  # the clock moves past midnight
    assert ctx.check_new_day() is True
    assert view.alerts_label.text() == f"&Alerts ({len(after)})"
