"""What falls due far ahead is not a warning: amber only within the dashboard's 14 days."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt

from coachdesk.gui.evaluations.view import STATUS_COLOUR, EvaluationsView
from coachdesk.services import relationships
from coachdesk.services.evaluation_status import DUE, OVERDUE
from tests.helpers.builders import Hub
from tests.helpers.views import shown

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_only_evaluations_due_soon_are_amber(empty_ctx: Any, qtbot: Any) -> None:
    ctx, _ = empty_ctx
    hub = Hub(ctx.db)
    hub.relationship(client=hub.person("Ann Lee"), status="ended")  # ended 18 Sep 2026
    recent = hub.relationship(client=hub.person("Bo Diaz"), status="active")
    relationships.end_relationship(ctx.db, recent.id, ended_on=date(2026, 11, 20))
    view = shown(qtbot, EvaluationsView(ctx), (1200, 700))
    model = view.model
    qtbot.waitUntil(lambda: model.rowCount() > 0)

    def colour(client: str, kind: str) -> Any:
        (n,) = [
            i for i, r in enumerate(model.all_rows()) if r.client_name == client and r.kind == kind
        ]
        return model.data(model.index(n, 0), Qt.ItemDataRole.ForegroundRole)

    rows = {(r.client_name, r.kind): r for r in model.all_rows()}
    assert rows["Ann Lee", "follow-up"].status == DUE
    assert rows["Ann Lee", "follow-up"].due_on == date(2027, 3, 18)  # four months ahead
    assert colour("Ann Lee", "follow-up") is None  # due, but not soon: no warning colour
    assert rows["Ann Lee", "post"].status == OVERDUE
    assert colour("Ann Lee", "post") == STATUS_COLOUR[OVERDUE]
    assert rows["Bo Diaz", "post"].status == DUE  # due 20 Nov, overdue from 5 Dec
    assert colour("Bo Diaz", "post") == STATUS_COLOUR[DUE]
