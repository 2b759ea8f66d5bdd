"""The development view: CPD, supervision and learning log per practitioner, 12-month totals."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from coachdesk.gui.development import totals as t
from coachdesk.gui.development.formdialog import parse_hours
from coachdesk.gui.development.view import DevelopmentView
from coachdesk.services import development, meetings
from coachdesk.services.dto import CpdInput, LearningInput, MeetingInput, SupervisionInput
from tests.gui.conftest import TODAY
from tests.helpers.builders import PDF, Hub
from tests.helpers.ops import write_now

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
SAVE = (Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


@pytest.fixture
def hub_ctx(empty_ctx):
    """An empty hub with one active coach (Sam Okafor) holding an active relationship."""
    ctx, answers = empty_ctx
    hub = Hub(ctx.db)
    sam = hub.coach("Sam Okafor")
    rel = hub.relationship(practitioner=sam, started_on=date(2026, 3, 20), status="active")
    return ctx, answers, sam, rel


@pytest.fixture
def view(qtbot, hub_ctx) -> DevelopmentView:
    ctx, _, sam, _ = hub_ctx
    widget = DevelopmentView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.choose(sam.email)
    return widget


def _dialog(view: DevelopmentView, qtbot: Any) -> Any:
    """The dialog the view opened, made the active window (so Ctrl+S and Esc reach it)."""
    dialog = view.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_cpd_added_through_the_dialog_changes_the_12_month_total(qtbot, hub_ctx, view) -> None:
    ctx, _, sam, _ = hub_ctx
    development.add_cpd(
        ctx.db,
        sam.email,
        CpdInput(TODAY - timedelta(days=60), "Coaching supervision day", "course", 12),
    )
    development.add_cpd(  # 13 months ago: outside the 12 months
        ctx.db, sam.email, CpdInput(date(2025, 10, 20), "Old course", "course", 30)
    )
    view.reload()
    assert view.cpd_total.text().startswith("CPD: 12 h in the last 12 months (EMCC expects 16)")
    qtbot.mouseClick(view.tab["cpd"].add_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(view, qtbot)
    assert not dialog.save_button.isEnabled()  # no title yet
    qtbot.keyClicks(dialog.title, "Working with resistance")
    qtbot.keyClicks(dialog.provider, "Regional hub")
    dialog.kind.setCurrentText("hub CPD offer")
    qtbot.keyClicks(dialog.hours, "2.5")
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(ctx.changed):
        qtbot.keyClick(dialog, *SAVE)
    assert not dialog.isVisible()
    assert view.cpd_total.text() == (
        "CPD: 14.5 h in the last 12 months (EMCC expects 16) — 1.5 h short"
    )
    assert view.tabs.tabText(0) == "CPD (3)"
    assert view.tab["cpd"].selected().title == "Working with resistance"  # the saved one
    assert [r.title for r in view.tab["cpd"].model.all_rows()][0] == "Working with resistance"
    assert view.tab["cpd"].model.all_rows()[0].kind == "hub CPD offer"


def test_invalid_hours_disables_save_with_the_problem_beside_the_field(qtbot, view) -> None:
    view.tabs.setCurrentIndex(1)
    view.new_record()
    dialog = _dialog(view, qtbot)
    qtbot.keyClicks(dialog.supervisor, "Morgan Ellery")
    problem = dialog.hours.parentWidget().findChild(QLabel, "problem")
    for typed, enabled in (("abc", False), ("0", False), ("250", False), ("1:30", True)):
        dialog.hours.clear()
        qtbot.keyClicks(dialog.hours, typed)
        assert dialog.save_button.isEnabled() is enabled, typed
    dialog.hours.clear()
    qtbot.keyClicks(dialog.hours, "two")
    assert problem.isVisible() and "'two' is not a number of hours" in problem.text()
    assert "'two' is not a number of hours" in dialog.hours.accessibleDescription()
    qtbot.keyClick(dialog, *SAVE)  # refused: nothing saved, the form stays open
    assert dialog.isVisible()
    assert view.tab["supervision"].model.rowCount() == 0


def test_hours_are_read_as_decimals_or_hours_and_minutes() -> None:
    assert parse_hours("1.5") == 1.5
    assert parse_hours(" 1,25 h") == 1.25
    assert parse_hours("1:30") == 1.5
    assert parse_hours("") is None
    with pytest.raises(ValueError):
        parse_hours("1:75")


def test_learning_log_competence_tags_and_relationship_saved(qtbot, hub_ctx, view) -> None:
    ctx, _, sam, rel = hub_ctx
    view.tabs.setCurrentIndex(2)
    qtbot.mouseClick(view.tab["learning"].add_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(view, qtbot)
    qtbot.keyClicks(dialog.title, "Holding silence")
    qtbot.keyClicks(dialog.learning, "Silence gave the client room to think.")
    dialog.relationship.setCurrentIndex(dialog.relationship.findData(rel.id))
    for name in ("Building the Relationship", "Enabling Insight and Learning"):
        box = dialog.competences.boxes[name]
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    (row,) = development.list_learning(ctx.db, sam.email)
    assert row.competences == ("Building the Relationship", "Enabling Insight and Learning")
    assert (row.relationship, row.learning) == (rel.id, "Silence gave the client room to think.")
    assert view.tab["learning"].model.data(view.tab["learning"].model.index(0, 3)) == (
        "Relationship, Insight"
    )
    # Editing shows the tags ticked.
    view.tab["learning"].select(row.id)
    qtbot.keyClick(view.tab["learning"].table, Qt.Key.Key_Return)
    edit = _dialog(view, qtbot)
    assert edit.competences.chosen() == row.competences
    assert edit.relationship.currentData() == rel.id
    assert not edit.save_button.isEnabled()  # nothing changed, nothing to save
    edit.reject()


def test_closing_a_changed_form_asks_and_esc_cancels(qtbot, hub_ctx, view) -> None:
    _, answers, _, _ = hub_ctx
    view.new_record()
    dialog = _dialog(view, qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # unchanged: closes without asking
    assert not dialog.isVisible() and answers.unsaved == []
    view.new_record()
    dialog = _dialog(view, qtbot)
    qtbot.keyClicks(dialog.title, "Half typed")
    answers.unsaved_with = "cancel"
    qtbot.keyClick(dialog.title, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert answers.unsaved == ["your changes in “Add CPD”"]
    answers.unsaved_with = "discard"
    dialog.close()
    assert not dialog.isVisible()


def test_edit_and_delete_ask_and_evidence_is_kept(qtbot, hub_ctx, view, tmp_path) -> None:
    ctx, answers, sam, _ = hub_ctx
    evidence = tmp_path / "certificate.pdf"
    evidence.write_bytes(PDF)
    answers.open_file = evidence
    view.new_record()
    dialog = _dialog(view, qtbot)
    qtbot.keyClicks(dialog.title, "Team coaching webinar")
    qtbot.keyClicks(dialog.hours, "1")
    qtbot.mouseClick(dialog.evidence.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.evidence.label.text() == "certificate.pdf (new)"
    with qtbot.waitSignal(ctx.changed):
        qtbot.keyClick(dialog, *SAVE)
    (row,) = development.list_cpd(ctx.db, sam.email)
    assert row.evidence_filename == "certificate.pdf"
    tab = view.tab["cpd"]
    assert tab.select(row.id) and view.save_evidence_button.isEnabled()
    answers.save_file = tmp_path / "copy.pdf"
    qtbot.mouseClick(view.save_evidence_button, Qt.MouseButton.LeftButton)
    assert answers.save_file.read_bytes() == PDF
    answers.confirm_with = False
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert "Delete the CPD record 'Team coaching webinar'" in answers.confirmations[-1]
    assert development.list_cpd(ctx.db, sam.email)
    answers.confirm_with = True
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert development.list_cpd(ctx.db, sam.email) == []
    assert tab.model.rowCount() == 0


@pytest.mark.parametrize("kind", ["cpd", "supervision", "learning"])
def test_each_kind_is_deleted_after_asking(qtbot, hub_ctx, view, kind) -> None:
    ctx, answers, sam, _ = hub_ctx
    add, listing, data = {
        "cpd": (development.add_cpd, development.list_cpd, CpdInput(TODAY, "Book", "reading", 2)),
        "supervision": (
            development.add_supervision,
            development.list_supervision,
            SupervisionInput(TODAY, "Morgan Ellery", "peer", 1),
        ),
        "learning": (
            development.add_learning,
            development.list_learning,
            LearningInput(TODAY, "Endings", competences=("Evaluation",)),
        ),
    }[kind]
    with qtbot.waitSignal(ctx.changed):
        row = write_now(ctx, add, sam.email, data)
    tab = view.tab[kind]
    view.tabs.setCurrentWidget(tab)
    assert tab.select(row.id)
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert answers.confirmations[-1].startswith("Delete the ")
    assert listing(ctx.db, sam.email) == [] and tab.model.rowCount() == 0


def test_supervision_and_practice_totals(qtbot, hub_ctx, view) -> None:
    ctx, _, sam, rel = hub_ctx
    for day in (date(2026, 2, 10), date(2026, 5, 12), date(2026, 8, 11)):
        meetings.add_meeting(ctx.db, rel.id, MeetingInput("regular", day, 90, "video", "held"))
    with qtbot.waitSignal(ctx.changed):
        write_now(
            ctx,
            development.add_supervision,
            sam.email,
            SupervisionInput(date(2026, 8, 14), "Morgan Ellery", "group", 0.1),
        )
    assert view.totals is not None
    assert view.totals.practice_hours == pytest.approx(4.5)
    assert view.ratio_total.text().startswith(
        "Supervision to practice: 0.1 h supervision for 4.5 h practice = 1 : 45"
    )
    assert "more supervision needed" in view.ratio_total.text()
    assert "Jul–Sep 2026: 1" in view.supervision_total.text()


def test_totals_arithmetic() -> None:
    today = date(2026, 11, 23)
    totals = t.twelve_months(
        today,
        cpd=[(date(2025, 11, 24), 4.0), (date(2025, 11, 23), 10.0), (date(2026, 12, 1), 3.0)],
        supervision=[(date(2026, 1, 5), 1.5), (date(2026, 7, 1), 1.0), (date(2026, 11, 2), 1.0)],
        practice=[(date(2026, 3, 1), 60 * 70), (date(2025, 1, 1), 600)],
    )
    assert totals.start == date(2025, 11, 24)
    assert totals.cpd_hours == 4.0  # the first day counts; the day before and the future do not
    assert [q.label for q in totals.quarters] == [
        "Nov–Dec 2025",
        "Jan–Mar 2026",
        "Apr–Jun 2026",
        "Jul–Sep 2026",
        "Oct–Nov 2026",
    ]
    assert [q.sessions for q in totals.quarters] == [0, 1, 0, 1, 1]
    assert totals.quarters_without == 1  # Apr–Jun (the partial first quarter is not counted)
    assert totals.practice_hours == 70 and totals.supervision_hours == 3.5
    assert totals.ratio_met  # 70 h of practice needs 2 h of supervision
    assert t.ratio_sentence(totals) == (
        "Supervision to practice: 3.5 h supervision for 70 h practice = 1 : 20 "
        "(EMCC expects at least 1 : 35) — met"
    )
    assert t.cpd_sentence(totals) == (
        "CPD: 4 h in the last 12 months (EMCC expects 16) — 12 h short"
    )
    assert "1 quarter without any" in t.supervision_sentence(totals)


def test_models_pass_the_model_tester(qtmodeltester, view, hub_ctx) -> None:
    ctx, _, sam, _ = hub_ctx
    development.add_cpd(ctx.db, sam.email, CpdInput(TODAY, "Reading", "reading", 2))
    view.reload()
    qtmodeltester.check(view.picker.model)
    for tab in view.tab.values():
        qtmodeltester.check(tab.model)


def test_search_picks_a_practitioner_and_open_record_selects_it(qtbot, demo_ctx) -> None:
    ctx, _ = demo_ctx
    widget = DevelopmentView(ctx)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    people = widget.picker.model.all_rows()
    target = people[len(people) // 2]
    widget.focus_search()
    qtbot.keyClicks(widget.picker.search, target.id.split("@")[0].replace(".", " "))
    qtbot.keyClick(widget.picker.search, Qt.Key.Key_Return)
    assert widget.email == target.id
    assert target.name in widget.heading.text()
    assert QApplication.focusWidget() in (widget.picker.table, None)
    other = next(p for p in people if p.id != target.id and "coach" in p.registrations)
    supervision = development.list_supervision(ctx.db, other.id)
    assert supervision, "the demo gives every coach supervision"
    widget.open_record("supervision", supervision[0].id)
    assert widget.email == other.id and widget.picker.search.text() == ""
    assert widget.tabs.currentIndex() == 1
    assert widget.tab["supervision"].selected().id == supervision[0].id


def test_reload_on_changes_only_when_shown(qtbot, hub_ctx, view) -> None:
    ctx, _, sam, _ = hub_ctx
    view.hide()
    write_now(ctx, development.add_cpd, sam.email, CpdInput(TODAY, "Hidden add", "reading", 1))
    assert view.tab["cpd"].model.rowCount() == 0 and view._stale
    view.show()
    assert view.tab["cpd"].model.rowCount() == 1 and not view._stale
