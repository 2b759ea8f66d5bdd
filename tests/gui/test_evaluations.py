"""The evaluations view: due/overdue/done list, the keyboard-only form, the impact chart."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from PySide6.QtCharts import QBarCategoryAxis
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from coachdesk.gui.evaluations.form import EvaluationDialog, WideScale
from coachdesk.gui.evaluations.rating import RatingRow
from coachdesk.gui.evaluations.view import EvaluationsView
from coachdesk.services import evaluations, meetings
from coachdesk.services.dto import EvaluationInput, MeetingInput
from coachdesk.services.impact import impact
from tests.helpers.builders import Hub
from tests.helpers.views import shown

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
SAVE = (Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
ITEMS = ("confidence", "motivation", "morale", "stress", "performance", "proactivity")


@pytest.fixture
def hub_ctx(empty_ctx):
    """A coaching relationship (active, a regular session held 2 Apr) with no evaluations,
    and an ended one with a pre but no post."""
    ctx, answers = empty_ctx
    hub = Hub(ctx.db)
    active = hub.relationship(status="active")
    meetings.add_meeting(
        ctx.db, active.id, MeetingInput("regular", date(2026, 4, 2), 60, "video", "held")
    )
    ended = hub.relationship(status="ended")
    evaluations.add_evaluation(
        ctx.db, ended.id, EvaluationInput("pre", date(2026, 3, 18), {"confidence": 2})
    )
    return ctx, answers, active, ended


def _view(qtbot: Any, ctx: Any) -> EvaluationsView:
    return shown(qtbot, EvaluationsView(ctx), (1200, 700))


def _active(qtbot: Any, dialog: Any) -> Any:
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def type_keys(qtbot: Any, keys: str) -> None:
    """Type each key into whichever widget has the keyboard focus, as a lead would."""
    for key in keys:
        widget = QApplication.focusWidget()
        assert widget is not None
        qtbot.keyClicks(widget, key)


def test_keying_a_whole_client_pre_form_by_keyboard_only(qtbot, hub_ctx) -> None:
    ctx, _, active, _ = hub_ctx
    view = _view(qtbot, ctx)
    pre_id = f"{active.id}/pre"
    due = {r.id: r for r in view.model.all_rows()}
    assert due[pre_id].status == "overdue"  # a regular session was held without one
    assert view.select(pre_id)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # Enter opens the form
    dialog = _active(qtbot, view.dialog)
    assert isinstance(dialog, EvaluationDialog)
    assert QApplication.focusWidget() is dialog.completed_on
    assert "type 1–5" in dialog.findChild(type(dialog.answered), "keyHint").text()
    type_keys(qtbot, "28/03/2026")  # the date is selected on opening: typing replaces it
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.items["confidence"]
    type_keys(qtbot, "2")
    assert QApplication.focusWidget() is dialog.items["motivation"]  # the digit moved on
    type_keys(qtbot, "39")  # 9 is not on the 1–5 scale: ignored, focus stays
    assert QApplication.focusWidget() is dialog.items["morale"]
    type_keys(qtbot, "1")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)  # stress: skipped
    type_keys(qtbot, "45")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)  # back to proactivity
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backspace)  # cleared
    type_keys(qtbot, "3")  # proactivity again
    type_keys(qtbot, "4")  # development plan: the last item, so on to the comments
    assert QApplication.focusWidget() is dialog.comments
    assert dialog.answered.text() == "6 of 7 statements answered"
    type_keys(qtbot, "Keyed from paper")
    with qtbot.waitSignal(ctx.changed):
        qtbot.keyClick(QApplication.focusWidget(), *SAVE)
    assert not dialog.isVisible()
    (saved,) = evaluations.list_evaluations(ctx.db, active.id)
    assert (saved.kind, saved.completed_on, saved.comments) == (
        "pre",
        date(2026, 3, 28),
        "Keyed from paper",
    )
    assert dict(saved.answers) == {
        "confidence": 2,
        "motivation": 3,
        "morale": 1,
        "performance": 4,
        "proactivity": 3,
        "development_plan": 4,
    }
    # The due pre-evaluation moved to done.
    to_do = {r.id for r in view.model.all_rows()}
    assert pre_id not in to_do and saved.id not in to_do
    view.show_filter("done")
    done = {r.id: r for r in view.model.all_rows()}
    assert done[saved.id].status == "done" and done[saved.id].completed_on == date(2026, 3, 28)


def test_objectives_take_one_key_each_with_plus_for_ten(qtbot, hub_ctx) -> None:
    ctx, _, _, ended = hub_ctx
    view = _view(qtbot, ctx)
    dialog = _active(qtbot, view.open_form(ended.id, "post"))
    assert [o.text for o in dialog.objectives] == [
        "Individual: Lead the ward move",
        "Individual: Delegate the rota",
    ]
    dialog.items["confidence"].setFocus()
    type_keys(qtbot, "4444444")
    assert QApplication.focusWidget() is dialog.objectives[0]
    type_keys(qtbot, "+")
    assert dialog.objectives[0].value() == 10
    # Rating only the second objective is a gap: Save waits until the first is rated too.
    dialog.objectives[0].setFocus()
    qtbot.keyClick(dialog.objectives[0], Qt.Key.Key_Delete)
    dialog.objectives[1].setFocus()
    type_keys(qtbot, "7")
    assert not dialog.save_button.isEnabled()
    assert "rate O1 too" in dialog.objective_problem.text()
    dialog.objectives[0].setFocus()
    type_keys(qtbot, "0")
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(ctx.changed):
        qtbot.keyClick(QApplication.focusWidget(), *SAVE)
    post = next(e for e in evaluations.list_evaluations(ctx.db, ended.id) if e.kind == "post")
    assert post.objective_ratings == (0, 7)
    assert all(post.answers[k] == 4 for k in ITEMS)


def test_a_future_date_disables_save_and_closing_a_changed_form_asks(qtbot, hub_ctx) -> None:
    ctx, answers, active, _ = hub_ctx
    view = _view(qtbot, ctx)
    dialog = _active(qtbot, view.open_form(active.id, "pre"))
    assert dialog.problems() == [
        "answer at least one statement (type its number), or close the form"
    ]
    assert not dialog.save_button.isEnabled()  # an empty form is not saved
    dialog.items["morale"].setFocus()
    type_keys(qtbot, "3")
    assert dialog.save_button.isEnabled()
    dialog.completed_on.clear()
    qtbot.keyClicks(dialog.completed_on, "1/12/2026")
    assert not dialog.save_button.isEnabled()
    assert dialog.problems() == ["cannot be after today (23 Nov 2026)"]
    dialog.completed_on.clear()
    qtbot.keyClicks(dialog.completed_on, "10/4/2026")
    assert dialog.save_button.isEnabled()
    assert "2 Apr 2026" in dialog.date_note.text()  # after the first regular session: a note
    answers.unsaved_with = "cancel"
    qtbot.keyClick(dialog.completed_on, Qt.Key.Key_Escape)
    assert dialog.isVisible() and answers.unsaved
    answers.unsaved_with = "discard"
    qtbot.keyClick(dialog.completed_on, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert evaluations.list_evaluations(ctx.db, active.id) == []


def test_open_record_opens_the_evaluation_and_delete_asks(qtbot, hub_ctx) -> None:
    ctx, answers, _, ended = hub_ctx
    view = _view(qtbot, ctx)
    (pre,) = evaluations.list_evaluations(ctx.db, ended.id)
    view.open_record("evaluation", pre.id)
    dialog = view.dialog
    assert isinstance(dialog, EvaluationDialog) and dialog.row is not None
    assert dialog.items["confidence"].value() == 2 and dialog.items["morale"].value() is None
    assert not dialog.save_button.isEnabled()  # unchanged
    dialog.reject()
    assert view.selected().id == pre.id and view.filter.currentData() == "done"
    answers.confirm_with = True
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert "Delete the client pre-evaluation" in answers.confirmations[-1]
    assert evaluations.list_evaluations(ctx.db, ended.id) == []


def test_new_evaluation_chooser_offers_the_kinds_not_done(qtbot, hub_ctx) -> None:
    ctx, _, _, ended = hub_ctx
    view = _view(qtbot, ctx)
    view.show_filter("done")
    view.select(evaluations.list_evaluations(ctx.db, ended.id)[0].id)
    view.new_record()  # a done row is selected: the chooser opens on its relationship
    chooser = view.dialog
    assert chooser.relationship.currentData() == ended.id
    kinds = [chooser.kind.itemData(i) for i in range(chooser.kind.count())]
    assert kinds == ["post", "follow-up", "practitioner-post"]
    chooser.kind.setCurrentIndex(2)
    chooser.accept()
    qtbot.waitUntil(lambda: isinstance(view.dialog, EvaluationDialog))
    dialog = view.dialog
    assert isinstance(dialog, EvaluationDialog) and dialog.kind == "practitioner-post"
    assert dialog.template.key == "practitioner-default" and not dialog.objectives
    dialog.reject()


def test_the_impact_chart_has_both_series_and_the_table_the_pairs(qtbot, demo_ctx) -> None:
    ctx, _ = demo_ctx
    view = _view(qtbot, ctx)
    view.tabs.setCurrentIndex(1)
    panel = view.impact
    report = impact(ctx.db)
    assert report.pairs_post > 0 and report.pairs_follow_up > 0
    names = panel.series_names()
    assert names == [
        f"Pre → post ({report.pairs_post} relationships)",
        f"Pre → follow-up ({report.pairs_follow_up} relationships)",
    ]
    bars = panel.bar_sets()
    post, follow = bars["Pre → post"], bars["Pre → follow-up"]
    bottom_up = list(reversed(report.items))  # horizontal bars: the first statement on top
    assert [round(post.at(i), 6) for i in range(post.count())] == [
        round(i.post.mean or 0, 6) for i in bottom_up
    ]
    assert [round(follow.at(i), 6) for i in range(follow.count())] == [
        round(i.follow_up.mean or 0, 6) for i in bottom_up
    ]
    (axis,) = [a for a in panel.chart.axes() if isinstance(a, QBarCategoryAxis)]
    assert axis.categories()[-1] == "I feel confident in my role"
    assert len(axis.categories()) == len(report.items) == 7
    pairs = [panel.model.data(panel.model.index(r, 3)) for r in range(panel.model.rowCount())]
    assert pairs == [str(i.post.pairs) for i in report.items]
    assert f"<b>{report.pairs_post}</b> relationships" in panel.summary.text()
    panel.kind.setCurrentIndex(2)  # mentoring only
    assert panel.report is not None and panel.report.kind == "mentoring"
    assert panel.series_names()[0].startswith(f"Pre → post ({panel.report.pairs_post} ")


def test_models_pass_the_model_tester(qtmodeltester, qtbot, demo_ctx) -> None:
    ctx, _ = demo_ctx
    view = _view(qtbot, ctx)
    view.show_filter("all")
    qtmodeltester.check(view.model)
    view.tabs.setCurrentIndex(1)
    qtmodeltester.check(view.impact.model)


def test_a_rating_row_reads_keys_for_its_scale(qtbot) -> None:
    five = RatingRow("1.", "I feel confident", 1, 5)
    ten = RatingRow("O1.", "Objective", 0, 10)
    one_to_ten = RatingRow("2.", "Ten point", 1, 10)
    for row in (five, ten, one_to_ten):
        qtbot.addWidget(row)
    assert [five.value_for_key(k) for k in "0156+"] == [None, 1, 5, None, None]
    assert [ten.value_for_key(k) for k in "09+x"] == [0, 9, 10, None]
    assert [one_to_ten.value_for_key(k) for k in "01+"] == [10, 1, 10]
    qtbot.mouseClick(five.buttons[4], Qt.MouseButton.LeftButton)
    assert five.value() == 4 and "answer 4" in five.accessibleDescription()
    qtbot.mouseClick(five.buttons[4], Qt.MouseButton.LeftButton)  # a second click clears
    assert five.value() is None


def test_a_template_with_a_wide_scale_uses_spin_boxes(qtbot, hub_ctx) -> None:
    ctx, _, active, _ = hub_ctx
    tpl = evaluations.get_template(ctx.db, "client-default")
    evaluations.save_template(ctx.db, replace(tpl.as_input(), scale=(0, 100)))
    view = _view(qtbot, ctx)
    dialog = _active(qtbot, view.open_form(active.id, "pre"))
    wide = dialog.items["confidence"]
    assert isinstance(wide, WideScale) and wide.value_or_none() is None
    wide.setValue(72)
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    (saved,) = evaluations.list_evaluations(ctx.db, active.id)
    assert dict(saved.answers) == {"confidence": 72}


def test_deleting_an_evaluation_another_lead_changed_meanwhile_is_refused(qtbot, hub_ctx) -> None:
    ctx, answers, _, ended = hub_ctx
    view = _view(qtbot, ctx)
    (pre,) = evaluations.list_evaluations(ctx.db, ended.id)
    view.open_record("evaluation", pre.id)
    view.dialog.reject()
    assert view.selected().id == pre.id
    # Another lead corrects the answers; this view has not heard of it yet.
    changed = EvaluationInput("pre", date(2026, 3, 18), {"confidence": 4})
    evaluations.update_evaluation(ctx.db, pre.id, changed)
    answers.confirm_with = True
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert "Delete the client pre-evaluation" in answers.confirmations[-1]
    (refusal,) = answers.refusals
    assert "changed" in str(refusal)
    (kept,) = evaluations.list_evaluations(ctx.db, ended.id)
    assert kept.answers["confidence"] == 4
