"""Minutes and hours fields read "90 min", "1h30", "1:30" and "1.5" as the lead types them."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from coachdesk.gui.development.view import DevelopmentView
from coachdesk.gui.relationships.view import RelationshipsView
from coachdesk.gui.widgets.hours import HoursBox, MinutesBox
from coachdesk.services import development
from coachdesk.services.meetings import list_meetings
from coachdesk.services.relationships import list_relationships
from tests.helpers.builders import Hub
from tests.helpers.views import shown

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

SAVE = (Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def _typed(qtbot: Any, box: Any, text: str) -> None:
    """Select what the box holds and type over it, as after Tab."""
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)


@pytest.mark.parametrize(
    ("text", "minutes"), [("90 min", 90), ("1h30", 90), ("1:30", 90), ("1.5", 90), ("45", 45)]
)
def test_a_minutes_box_reads_what_is_typed(qtbot: Any, text: str, minutes: int) -> None:
    box = shown(qtbot, MinutesBox(), (200, 40))
    box.setValue(60)
    _typed(qtbot, box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert box.value() == minutes


@pytest.mark.parametrize(("text", "hours"), [("90 min", 1.5), ("1h30", 1.5), ("1:30", 1.5)])
def test_an_hours_box_reads_what_is_typed(qtbot: Any, text: str, hours: float) -> None:
    box = shown(qtbot, HoursBox(), (200, 40))
    box.setRange(0, 2000)
    _typed(qtbot, box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert box.value() == hours


def test_a_session_of_1h30_is_added_by_keyboard(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    view = shown(qtbot, RelationshipsView(ctx), (1280, 800), active=True)
    row = next(
        r
        for r in ctx.read(list_relationships)
        if r.client_name == "Sean Arnold" and r.practitioner_name == "Mark Lowe"
    )
    view.open_record("relationship", row.id)
    quick = view.page.sessions.quick
    assert QApplication.focusWidget() is quick.date
    qtbot.keyClick(quick.date, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(quick.date, "20/11/2026")
    qtbot.keyClick(quick.date, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is quick.minutes
    qtbot.keyClicks(quick.minutes, "1h30")
    qtbot.keyClick(quick.minutes, Qt.Key.Key_Return)
    assert answers.refusals == []
    (added,) = [m for m in ctx.read(list_meetings, row.id) if m.date == date(2026, 11, 20)]
    assert added.minutes == 90


def test_cpd_hours_typed_as_90_min(empty_ctx: Any, qtbot: Any) -> None:
    ctx, answers = empty_ctx
    sam = Hub(ctx.db).coach("Sam Okafor")
    view = shown(qtbot, DevelopmentView(ctx), (1200, 700))
    assert view.choose(sam.email)
    qtbot.mouseClick(view.tab["cpd"].add_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClicks(dialog.title, "Working with resistance")
    qtbot.keyClicks(dialog.hours, "90 min")
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(ctx.changed):
        qtbot.keyClick(dialog, *SAVE)
    assert answers.refusals == []
    (cpd,) = ctx.read(development.list_cpd, sam.email)
    assert cpd.hours == 1.5
