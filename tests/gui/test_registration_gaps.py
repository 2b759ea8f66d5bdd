"""CPD and supervision gaps count from the registration: a new coach owes nothing for before."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from coachdesk.gui.development import totals as t
from coachdesk.gui.development.view import MET_STYLE, DevelopmentView
from coachdesk.reports import render
from coachdesk.services.compliance import alerts
from coachdesk.services.reporting import learning_log_data
from tests.gui.conftest import TODAY
from tests.helpers.builders import Hub
from tests.helpers.views import shown

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

SIX_DAYS_AGO = TODAY - timedelta(days=6)  # 17 Nov 2026


@pytest.fixture
def new_coach(empty_ctx: Any) -> tuple[Any, Any, Any]:
    """A coach who registered six days ago, with no CPD or supervision yet."""
    ctx, answers = empty_ctx
    hub = Hub(ctx.db)
    person = hub.person("Nia Adeyemi")
    hub.registration(person, "coach", registered_on=SIX_DAYS_AGO, org_support_on=SIX_DAYS_AGO)
    return ctx, answers, person


def test_the_development_view_owes_nothing_before_the_registration(
    qtbot: Any, new_coach: tuple[Any, Any, Any]
) -> None:
    ctx, _, person = new_coach
    view = shown(qtbot, DevelopmentView(ctx), (1200, 700))
    assert view.choose(person.email)
    supervision = view.supervision_total.text()
    cpd = view.cpd_total.text()
    assert "without any" not in supervision
    assert "registered on 17 Nov 2026" in supervision
    assert "the first whole quarter since then ends on 31 Mar 2027" in supervision
    assert "Sessions per quarter: Nov 2026: 0" in supervision  # nothing shown before it
    assert "short" not in cpd
    assert cpd.endswith("registered on 17 Nov 2026, so the first year runs to 17 Nov 2027")
    assert view.totals is not None and view.totals.cpd_met and view.totals.supervision_met
    assert view.supervision_total.styleSheet() == view.cpd_total.styleSheet() == MET_STYLE


def test_the_learning_log_report_agrees(new_coach: tuple[Any, Any, Any]) -> None:
    ctx, _, person = new_coach
    data = ctx.read(learning_log_data, person.email, today=TODAY)
    summary = data.summary
    assert [q.label for q in summary.supervision_quarters] == ["2026 Q4 (from 17 Nov)"]
    assert summary.cpd_first_year
    text = render(data)
    assert b"%PDF" in text[:8]
    # check (and so the dashboard) raises no supervision or CPD alert either.
    rules = {a.rule for a in ctx.read(alerts, TODAY)}
    assert not rules & {"supervision-overdue", "cpd-overdue"}


def test_quarters_before_the_registration_are_not_counted() -> None:
    today = date(2026, 12, 7)
    totals = t.twelve_months(
        today, [], [(date(2026, 6, 1), 1.0)], [], registered_on=date(2026, 2, 10)
    )
    assert [q.label for q in totals.quarters] == [
        "Feb–Mar 2026",  # from the registration
        "Apr–Jun 2026",
        "Jul–Sep 2026",
        "Oct–Dec 2026",
    ]
    assert totals.quarters_without == 1  # Jul–Sep: the first quarter began before registering
    assert t.cpd_sentence(totals) == (
        "CPD: 0 h in the last 12 months (EMCC expects 16) — registered on 10 Feb 2026, so the "
        "first year runs to 10 Feb 2027"
    )
    long_ago = t.twelve_months(today, [], [], [], registered_on=date(2020, 1, 6))
    assert long_ago.quarters_without == 3 and not long_ago.cpd_met
    assert t.cpd_sentence(long_ago).endswith("— 16 h short")
