"""The lead's words on screen: one date style (7 Dec 2026) in lists and pages, counts that agree."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtCore import Qt

from coachdesk.gui.insight.view import InsightView
from coachdesk.gui.privacy.audit_log import AuditLogDialog
from coachdesk.services.dto import PersonInput
from coachdesk.services.register import add_person
from tests.helpers.views import shown

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

LEFT = Qt.MouseButton.LeftButton
#: "7 Dec 2026": the day without a leading zero, the month's short English name, the year.
ONE_STYLE = re.compile(r"^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}")


def test_the_audit_log_shows_when_in_the_one_date_style(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    dialog = shown(qtbot, AuditLogDialog(ctx))
    when = dialog.model.data(dialog.model.index(0, 0))
    assert ONE_STYLE.match(when), when
    assert re.search(r" \d\d:\d\d:\d\d$", when)


def test_culture_and_headcount_lists_use_the_one_date_style(empty_ctx: Any, qtbot: Any) -> None:
    ctx, answers = empty_ctx
    data = PersonInput("Ada Lovelace", "ada.lovelace@fenland.nhs.uk", organisation="Fenland Trust")
    ctx.write(None, add_person, data).run()
    view = shown(qtbot, InsightView(ctx), (1200, 800))
    tab = view.culture
    dialog = tab.add()
    qtbot.waitExposed(dialog)
    dialog.assessed_on.selectAll()
    qtbot.keyClicks(dialog.assessed_on, "07/03/2025")  # typing stays dd/mm/yyyy
    dialog.stage.setCurrentIndex(0)
    dialog.evidence[0].setPlainText("Ten coaches trained.")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert answers.refusals == []
    assert tab.table.item(0, 0).text() == "7 Mar 2025"

    view.tabs.setCurrentWidget(view.headcounts)
    heads = view.headcounts
    heads.organisation.setEditText("Fenland Trust")
    heads.cell("sex", "female").setText("5000")
    qtbot.mouseClick(heads.save_button, LEFT)
    assert answers.refusals == []
    assert "1 Nov 2025 – 31 Oct 2026" in heads.periods.item(0).text()
