"""Equality monitoring and board insight through real widgets: the switch, the person's Equality
tab, the register list that never shows it, headcount entry and culture self-assessments."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from coachdesk.gui.insight.view import InsightView
from coachdesk.gui.register.view import RegisterView
from coachdesk.gui.reports.view import ReportsView
from coachdesk.gui.settings.view import SettingsView
from coachdesk.services.culture import list_assessments
from coachdesk.services.dto import PersonInput
from coachdesk.services.equality import (
    get_equality,
    list_headcounts,
    monitoring_on,
)
from coachdesk.services.register import add_person
from coachdesk.services.settings import update_settings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

LEFT = Qt.MouseButton.LeftButton
EMAIL = "ada.lovelace@fenland.nhs.example"


def _show(widget: Any, qtbot: Any) -> Any:
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _person(ctx: Any) -> Any:
    added: list[Any] = []
    data = PersonInput("Ada Lovelace", EMAIL, organisation="Fenland Trust")
    ctx.write(None, add_person, data).success(added.append).run()  # inline in widget tests
    return added[0]


def test_the_settings_switch_turns_monitoring_on_with_its_explanation(
    empty_ctx: Any, qtbot: Any
) -> None:
    ctx, _ = empty_ctx
    form = _show(SettingsView(ctx), qtbot).form
    assert not form.equality.isChecked() and not ctx.read(monitoring_on)  # off by default
    group = form.equality.parentWidget()
    assert "special-category" in " ".join(w.text() for w in group.findChildren(type(form.note)))
    form.equality.setFocus()
    qtbot.keyClick(form.equality, Qt.Key.Key_Space)
    assert form.equality.isChecked() and form.save_button.isEnabled()
    with qtbot.waitSignal(ctx.changed) as blocker:
        qtbot.mouseClick(form.save_button, LEFT)
    assert blocker.args[0].ids == frozenset({"equality_monitoring"})
    assert ctx.read(monitoring_on)


def test_the_equality_tab_appears_and_disappears_with_the_setting(
    empty_ctx: Any, qtbot: Any
) -> None:
    ctx, _ = empty_ctx
    person = _person(ctx)
    view = _show(RegisterView(ctx), qtbot)
    view.open_record("person", person.id)
    page = view.page
    index = page.tabs.indexOf(page.equality)
    assert not page.tabs.isTabVisible(index)

    ctx.write(None, update_settings, {"equality_monitoring": True}).run()
    view.open_record("person", person.id)
    assert page.tabs.isTabVisible(index)
    page.tabs.setCurrentIndex(index)
    tab = page.equality
    assert not tab.save_button.isEnabled()
    ethnic = tab.boxes["ethnicity"]
    ethnic.setFocus()
    ethnic.setCurrentIndex(ethnic.findData("black_caribbean"))
    tab.boxes["sex"].setCurrentIndex(tab.boxes["sex"].findData("prefer_not_to_say"))
    assert tab.save_button.isEnabled()
    qtbot.mouseClick(tab.save_button, LEFT)
    saved = ctx.read(get_equality, EMAIL)
    assert (saved.ethnic_group, saved.sex, saved.disability) == (
        "black_caribbean",
        "prefer_not_to_say",
        None,
    )
    # The register list and its model never show the answers, whatever the columns.
    model = view.model
    texts = [
        str(model.index(r, c).data())
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    ]
    headers = [
        str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())
    ]
    assert not any("Caribbean" in t or "Prefer not" in t for t in texts)
    assert not any(h in ("Ethnic group", "Sex", "Disability") for h in headers)

    ctx.write(None, update_settings, {"equality_monitoring": False}).run()
    view.open_record("person", person.id)
    assert not page.tabs.isTabVisible(index)


def _type_cell(qtbot: Any, table: Any, row: int, text: str) -> None:
    """Go to the cell and type: the first key opens the editor, Return commits it."""
    table.setFocus()
    table.setCurrentCell(row, 1)
    qtbot.keyClick(table, text[0])
    editor = table.indexWidget(table.currentIndex())
    assert editor is not None, "typing opens the cell's editor"
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyPress(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(row, 1).text() == text)  # queued commit


def test_headcounts_are_typed_by_keyboard_and_saved(empty_ctx: Any, qtbot: Any) -> None:
    ctx, answers = empty_ctx
    _person(ctx)
    view = _show(InsightView(ctx), qtbot)
    view.tabs.setCurrentWidget(view.headcounts)
    tab = view.headcounts
    tab.organisation.setEditText("Fenland Trust")
    assert tab.start.date() == date(2025, 11, 1) and tab.end.date() == date(2026, 10, 31)
    table = tab.table
    assert table.editTriggers() & QAbstractItemView.EditTrigger.AnyKeyPressed
    for dimension, group, typed in (
        ("ethnicity", "white", "4000"),
        ("ethnicity", "black", "1,200"),
        ("ethnicity", "asian", "650"),
        ("sex", "female", "5000"),
    ):
        _type_cell(qtbot, table, tab.row_of(dimension, group), typed)
    qtbot.mouseClick(tab.save_button, LEFT)
    assert answers.refusals == []
    held = {(s.dimension, g): n for s in ctx.read(list_headcounts) for g, n in s.counts}
    assert held == {
        ("ethnicity", "white"): 4000,
        ("ethnicity", "black"): 1200,
        ("ethnicity", "asian"): 650,
        ("sex", "female"): 5000,
    }
    assert tab.periods.count() == 1 and "5,850 staff" in tab.periods.item(0).text()

    tab.cell("ethnicity", "mixed").setText("lots")
    assert not tab.save(), "a cell that is no number is refused"
    assert "'lots' is not a whole number" in tab.problem.text()


def test_a_headcount_sheet_is_imported(empty_ctx: Any, qtbot: Any, tmp_path: Path) -> None:
    ctx, answers = empty_ctx
    view = _show(InsightView(ctx), qtbot)
    tab = view.headcounts
    tab.organisation.setEditText("Fenland Trust")
    sheet = tmp_path / "disability.csv"
    sheet.write_text("Disability,Staff\nYes,210\nNo,3900\nNot stated,400\n", encoding="utf-8")
    answers.open_file = sheet
    tab.import_dimension.setCurrentIndex(tab.import_dimension.findData("disability"))
    qtbot.mouseClick(tab.import_button, LEFT)
    assert answers.refusals == []
    assert tab.cell("disability", "yes").text() == "210"
    assert tab.cell("disability", "not_stated").text() == "400"


def test_a_culture_assessment_is_added_and_charted(empty_ctx: Any, qtbot: Any) -> None:
    ctx, answers = empty_ctx
    _person(ctx)
    view = _show(InsightView(ctx), qtbot)
    tab = view.culture
    assert tab.organisation.currentText() == "Fenland Trust"
    assert tab.points() == []
    dialog = tab.add()
    qtbot.waitExposed(dialog)
    dialog.assessed_on.setText("01/03/2025")
    dialog.stage.setCurrentIndex(0)
    dialog.evidence[0].setPlainText("Ten coaches trained.")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert answers.refusals == []
    dialog = tab.add()
    dialog.assessed_on.setText("01/10/2026")
    dialog.stage.setCurrentIndex(2)
    dialog.next_step.setPlainText("Coaching skills for every manager.")
    qtbot.mouseClick(dialog.save_button, LEFT)
    rows = ctx.read(list_assessments, "Fenland Trust")
    assert [(r.assessed_on, r.stage) for r in rows] == [
        (date(2025, 3, 1), 1),
        (date(2026, 10, 1), 3),
    ]
    assert tab.points() == [(date(2025, 3, 1), 1), (date(2026, 10, 1), 3)]
    assert tab.table.item(0, 1).text() == "Stage 3: Embedded in performance and HR processes"

    tab.table.selectRow(1)
    dialog = tab.edit()
    dialog.stage.setCurrentIndex(1)
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert [r.stage for r in ctx.read(list_assessments, "Fenland Trust")] == [2, 3]

    dialog = tab.add()
    dialog.assessed_on.setText("01/01/2030")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert "future" in str(answers.refusals[-1])
    assert len(ctx.read(list_assessments)) == 2
    answers.confirm_with = False
    dialog.reject()


def test_the_reports_view_offers_equality_and_the_record_checkbox(
    demo_ctx: Any, qtbot: Any
) -> None:
    ctx, _ = demo_ctx
    view = _show(ReportsView(ctx), qtbot)
    view.prepare("equality", {})
    assert view.current_kind() == "equality"
    assert view.date_from.isVisible() and not view.person.isVisible()
    assert not view.include_equality.isVisible()
    assert view.params()["equality"] is False
    view.prepare("person", {"person": EMAIL})
    assert view.include_equality.isVisible() and not view.include_equality.isChecked()
