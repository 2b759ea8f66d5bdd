"""The Relationships view: list and filters, a relationship's page, sessions and the end flow."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from coachdesk.gui.relationships.dialogs import CloseDialog, NewRelationshipDialog
from coachdesk.gui.relationships.view import RelationshipsView
from coachdesk.services.meetings import list_meetings
from coachdesk.services.register import list_people
from coachdesk.services.relationships import get_relationship, list_relationships
from tests.gui.conftest import TODAY
from tests.helpers.views import shown

# The offscreen platform warns when windows and popups are shown; nothing to do with the app.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def make_view(qtbot: Any, ctx: Any) -> RelationshipsView:
    return shown(qtbot, RelationshipsView(ctx), (1280, 800), active=True)


def find(ctx: Any, client: str, practitioner: str) -> Any:
    return next(
        r
        for r in ctx.read(list_relationships)
        if r.client_name == client and r.practitioner_name == practitioner
    )


def open_page(qtbot: Any, view: RelationshipsView, client: str, practitioner: str) -> Any:
    row = find(view.ctx, client, practitioner)
    view.open_record("relationship", row.id)
    # Read off the UI thread in the app (ctx.background), at once otherwise.
    qtbot.waitUntil(lambda: view.stack.currentWidget() is view.page)
    return row


def drive_modal(qtbot: Any, cls: type, steps: Any, seen: dict) -> None:
    """Run ``steps(dialog)`` on the modal dialog once it is open; never leave it hanging."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        seen["dialog"] = type(dialog).__name__
        if isinstance(dialog, cls):
            qtbot.waitUntil(dialog.isActiveWindow)  # as it is for the lead
            steps(dialog)
        if dialog is not None and dialog.isVisible():
            seen["left_open"] = True
            dialog.done(0)

    QTimer.singleShot(0, run)


def test_the_list_filters_by_kind_status_practitioner_organisation(
    demo_ctx: Any, qtbot: Any
) -> None:
    ctx, _ = demo_ctx
    view = make_view(qtbot, ctx)
    rows = ctx.read(list_relationships)
    assert view.model.matching() == len(rows) == 45
    view.kind.setFocus()
    qtbot.keyClick(view.kind, Qt.Key.Key_End)  # the last kind: mentoring
    assert {r.kind for r in view.model.all_rows()} == {"mentoring"}
    view.kind.setCurrentIndex(0)
    view.status.setCurrentIndex(view.status.findData("current"))
    assert {r.status for r in view.model.all_rows()} == {"contracting", "active"}
    assert "showing 20 of 45" in view.counts.text()
    view.status.setCurrentIndex(0)
    view.practitioner.lineEdit().clear()
    qtbot.keyClicks(view.practitioner.lineEdit(), "Mark Lowe")
    shown = view.model.all_rows()
    assert shown and {r.practitioner_name for r in shown} == {"Mark Lowe"}
    view.clear_filters()
    assert view.model.matching() == 45
    # The organisation list is read the first time the lead reaches it.
    assert view.organisation.count() == 1
    view.organisation.setFocus()
    assert view.organisation.count() > 1
    org = view.organisation.itemText(1)
    view.organisation.setCurrentIndex(1)
    orgs = {p.email: p.organisation for p in ctx.read(list_people)}
    expected = {r.id for r in rows if org in (orgs[r.client], orgs[r.practitioner])}
    assert {r.id for r in view.model.all_rows()} == expected and expected
    view.clear_filters()
    qtbot.keyClicks(view.search, "pamela")
    assert {r.client_name for r in view.model.all_rows()} == {"Pamela Jones"}


def test_quick_add_by_keyboard_only(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    view = make_view(qtbot, ctx)
    row = open_page(qtbot, view, "Sean Arnold", "Mark Lowe")  # contracting, nothing held
    quick = view.page.sessions.quick
    assert quick.type.currentData() == "contracting" and quick.status.currentData() == "held"
    assert QApplication.focusWidget() is quick.date
    qtbot.keyClick(quick.date, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(quick.date, "20/11/2026")
    qtbot.keyClick(quick.date, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is quick.minutes
    qtbot.keyClicks(quick.minutes, "45")
    qtbot.keyClick(quick.minutes, Qt.Key.Key_Return)

    assert answers.refusals == []
    added = [m for m in ctx.read(list_meetings, row.id) if m.date == date(2026, 11, 20)]
    assert len(added) == 1
    m = added[0]
    assert (m.type, m.status, m.minutes, m.recorded_on) == ("contracting", "held", 45, TODAY)
    assert view.page.sessions.current().id == m.id  # the new session is selected
    assert quick.type.currentData() == "regular"  # contracting is held now
    assert "contracting session held on 20 Nov 2026" in view.page.details.contracting_label.text()
    assert quick.date.date() == TODAY and QApplication.focusWidget() is quick.date


def test_quick_add_checks_the_date_as_you_type(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = make_view(qtbot, ctx)
    open_page(qtbot, view, "Sean Arnold", "Mark Lowe")
    quick = view.page.sessions.quick
    quick.date.clear()
    qtbot.keyClicks(quick.date, "32/13/2026")
    assert not quick.add_button.isEnabled() and quick.problem.isVisible()
    quick.date.clear()
    qtbot.keyClicks(quick.date, "27/11/2026")  # a future date: scheduled is chosen for it
    assert quick.status.currentData() == "scheduled" and quick.add_button.isEnabled()
    quick.status.setCurrentIndex(quick.status.findData("held"))
    assert not quick.add_button.isEnabled()
    assert "can only be scheduled" in quick.problem.text()


def test_mark_a_session_held_cancelled_or_did_not_attend(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = make_view(qtbot, ctx)
    row = open_page(qtbot, view, "Ballı Yıldırım", "Alexander Banerjee")
    sessions = view.page.sessions
    overdue = next(m for m in ctx.read(list_meetings, row.id) if m.date == date(2026, 10, 31))
    index = sessions.model.index(sessions.model.row_of_id(overdue.id), 4)
    assert index.data() == "scheduled"
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None  # past and not recorded
    sessions.select(overdue.id)
    qtbot.mouseClick(sessions.held_button, Qt.MouseButton.LeftButton)
    marked = next(m for m in ctx.read(list_meetings, row.id) if m.id == overdue.id)
    assert (marked.status, marked.recorded_on) == ("held", TODAY)
    qtbot.mouseClick(sessions.dna_button, Qt.MouseButton.LeftButton)
    assert sessions.current().status == "did not attend"
    future = next(m for m in ctx.read(list_meetings, row.id) if m.date > TODAY)
    sessions.select(future.id)
    assert not sessions.held_button.isEnabled() and sessions.cancelled_button.isEnabled()
    qtbot.mouseClick(sessions.cancelled_button, Qt.MouseButton.LeftButton)
    assert sessions.current().status == "cancelled"


def test_private_notes_are_edited_below_the_table(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    view = make_view(qtbot, ctx)
    row = open_page(qtbot, view, "Mary Morley", "Mandy Hope")
    sessions = view.page.sessions
    first, second = ctx.read(list_meetings, row.id)[:2]
    sessions.select(first.id)
    assert "never printed" in sessions.notes_label.text()
    sessions.notes.setFocus()
    qtbot.keyClicks(sessions.notes, " Talked about delegation.")
    assert sessions.save_notes_button.isEnabled()
    qtbot.keyClick(sessions.notes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = next(m for m in ctx.read(list_meetings, row.id) if m.id == first.id)
    assert saved.notes.endswith("Talked about delegation.")
    # Moving to another session with unsaved notes asks whether to save them.
    qtbot.keyClicks(sessions.notes, " More.")
    answers.unsaved_with = "discard"
    sessions.select(second.id)
    assert answers.unsaved[-1].startswith("the private notes for the held")
    assert sessions.current().id == second.id
    kept = next(m for m in ctx.read(list_meetings, row.id) if m.id == first.id)
    assert kept.notes == saved.notes


def test_end_flow_lists_the_evaluations_now_due(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    view = make_view(qtbot, ctx)
    row = open_page(qtbot, view, "Mary Morley", "Mandy Hope")  # active since 14 Oct 2026
    seen: dict = {}

    def steps(dialog: CloseDialog) -> None:
        dialog.when.selectAll()
        qtbot.keyClicks(dialog.when, "13/10/2026")
        seen["early"] = dialog.save_button.isEnabled(), dialog.when_problem.text()
        dialog.when.selectAll()
        qtbot.keyClicks(dialog.when, "20/11/2026")
        qtbot.keyClick(dialog.when, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.reason, "Objectives met")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    drive_modal(qtbot, CloseDialog, steps, seen)
    qtbot.mouseClick(view.page.end_button, Qt.MouseButton.LeftButton)

    assert seen["dialog"] == "CloseDialog" and "left_open" not in seen
    assert seen["early"] == (False, "Cannot be before the start date, 14 Oct 2026.")
    text = answers.informed[-1]
    assert "ended on 20 Nov 2026" in text and "Now due:" in text
    assert "Client post-evaluation (Mary Morley): due 20 Nov 2026, overdue from 5 Dec 2026" in text
    assert "Practitioner post-evaluation (Mandy Hope): due 20 Nov 2026" in text
    assert "Client follow-up evaluation (Mary Morley): due 20 May 2027" in text
    ended = ctx.read(get_relationship, row.id).relationship
    assert (ended.status, ended.ended_on, ended.end_reason) == (
        "ended",
        date(2026, 11, 20),
        "Objectives met",
    )
    shown = view.page.evaluations.texts()
    assert any("Client follow-up evaluation" in t for t in shown)
    assert (
        not view.page.end_button.isEnabled()
        and "Objectives met" in view.page.details.ended_label.text()
    )


def test_a_refused_write_shows_and_changes_nothing(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    view = make_view(qtbot, ctx)
    row = open_page(qtbot, view, "Pamela Jones", "Mark Lowe")  # its evaluation rates 1 objective
    page = view.page
    for objectives in (page.details.individual, page.details.organisational):
        objectives.items.setCurrentCell(0, 0)
        qtbot.keyClick(objectives.items, Qt.Key.Key_Delete)
    assert page.details.individual.values() == () and page.details.save_button.isEnabled()
    qtbot.mouseClick(page.details.save_button, Qt.MouseButton.LeftButton)
    assert len(answers.refusals) == 1
    assert "already rates 1 objective;" in answers.refusals[0].problems[0]
    after = ctx.read(get_relationship, row.id).relationship
    assert after.individual_objectives == row.individual_objectives
    assert after.organisational_objectives == row.organisational_objectives


def test_details_validate_as_you_type_and_save(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    view = make_view(qtbot, ctx)
    row = open_page(qtbot, view, "Mary Morley", "Mandy Hope")
    page = view.page
    assert not page.details.save_button.isEnabled()
    page.details.planned_end.selectAll()
    qtbot.keyClicks(page.details.planned_end, "01/10/2026")
    assert not page.details.save_button.isEnabled()
    assert page.details.planned_problem.text() == "Cannot be before the start date, 14 Oct 2026."
    page.details.planned_end.selectAll()
    qtbot.keyClicks(page.details.planned_end, "31/03/2027")
    qtbot.keyClicks(page.details.individual.entry, "Lead the ward's rota review")
    qtbot.keyClick(page.details.individual.entry, Qt.Key.Key_Return)
    assert page.details.save_button.isEnabled()
    qtbot.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = ctx.read(get_relationship, row.id).relationship
    assert saved.planned_end_on == date(2027, 3, 31)
    assert saved.individual_objectives == (
        *row.individual_objectives,
        "Lead the ward's rota review",
    )
    assert not page.details.save_button.isEnabled() and answers.refusals == []


def test_leaving_a_changed_page_asks(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    view = make_view(qtbot, ctx)
    open_page(qtbot, view, "Mary Morley", "Mandy Hope")
    qtbot.keyClicks(view.page.details.organisational.entry, "Cut agency spend")
    qtbot.keyClick(view.page.details.organisational.entry, Qt.Key.Key_Return)
    answers.unsaved_with = "cancel"
    qtbot.keyClick(view.page.details.organisational.entry, Qt.Key.Key_Escape)
    assert view.stack.currentWidget() is view.page
    assert answers.unsaved[-1] == "the changes to this relationship's dates and objectives"
    answers.unsaved_with = "discard"
    qtbot.mouseClick(view.page.back_button, Qt.MouseButton.LeftButton)
    assert view.stack.currentWidget() is view.list_page


def test_start_withdraw_print_and_delete(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    view = make_view(qtbot, ctx)
    row = open_page(qtbot, view, "Kaja Ziemkiewicz", "Kelly Singh")
    page = view.page
    assert page.start_button.isVisible() and not page.end_button.isEnabled()
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert "started on 11 Nov 2026" in answers.confirmations[-1]
    assert ctx.read(get_relationship, row.id).relationship.status == "active"
    assert not page.start_button.isVisible() and page.end_button.isEnabled()
    with qtbot.waitSignal(ctx.print_report) as printed:
        qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert printed.args == ["relationship", {"id": row.id}]

    def steps(dialog: CloseDialog) -> None:
        qtbot.keyClicks(dialog.reason, "Client moved trust")
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    seen: dict = {}
    drive_modal(qtbot, CloseDialog, steps, seen)
    qtbot.mouseClick(page.withdraw_button, Qt.MouseButton.LeftButton)
    assert seen == {"dialog": "CloseDialog"}, (seen, answers)
    withdrawn = ctx.read(get_relationship, row.id).relationship
    assert (withdrawn.status, withdrawn.ended_on) == ("withdrawn", TODAY)

    detail = ctx.read(get_relationship, row.id)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    asked = answers.confirmations[-1]
    assert f"{len(detail.sessions)} sessions" in asked and "1 evaluation go with it" in asked
    assert all(r.id != row.id for r in ctx.read(list_relationships))
    assert view.stack.currentWidget() is view.list_page
    assert all(r.id != row.id for r in view.model.all_rows())


def test_open_record_of_a_meeting_selects_it(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = make_view(qtbot, ctx)
    row = find(ctx, "Laura Hobbs", "Janice Thompson")
    meeting = ctx.read(list_meetings, row.id)[2]
    view.open_record("meeting", meeting.id)
    assert view.page.relationship_id == row.id
    assert view.page.sessions.current().id == meeting.id


def test_the_list_follows_changes_made_on_the_page(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = make_view(qtbot, ctx)
    row = open_page(qtbot, view, "Sean Arnold", "Mark Lowe")
    quick = view.page.sessions.quick
    quick.date.selectAll()
    qtbot.keyClicks(quick.date, "21/11/2026")
    qtbot.keyClick(quick.date, Qt.Key.Key_Return)
    qtbot.mouseClick(view.page.back_button, Qt.MouseButton.LeftButton)
    listed = next(r for r in view.model.all_rows() if r.id == row.id)
    assert listed.sessions_held == row.sessions_held + 1
    assert view.current().id == row.id  # back on the relationship just shown


def test_new_relationship_opens_its_page(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = make_view(qtbot, ctx)
    seen: dict = {}

    def steps(dialog: NewRelationshipDialog) -> None:
        qtbot.keyClicks(dialog.match.client.lineEdit(), "Charlotte Davis")
        dialog.match.suggestions.setFocus()
        qtbot.keyClick(dialog.match.suggestions, Qt.Key.Key_Down)
        seen["chosen"] = dialog.match.chosen().full_name
        qtbot.keyClicks(dialog.started, "23/11/2026")
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    drive_modal(qtbot, NewRelationshipDialog, steps, seen)
    view.new_record()
    assert "left_open" not in seen
    r = view.page.detail.relationship
    assert (r.client_name, r.practitioner_name, r.status) == (
        "Charlotte Davis",
        seen["chosen"],
        "contracting",
    )
    assert r.kind == "mentoring"  # Charlotte is a mentee


def test_models_pass_qtmodeltester(demo_ctx: Any, qtbot: Any, qtmodeltester: Any) -> None:
    ctx, _ = demo_ctx
    view = make_view(qtbot, ctx)
    qtmodeltester.check(view.model)
    view.status.setCurrentIndex(view.status.findData("ended"))
    qtmodeltester.check(view.model)
    open_page(qtbot, view, "Kimberley Slater", "Arthur Begum")
    qtmodeltester.check(view.page.sessions.model)


def test_edit_a_session_from_paper(demo_ctx: Any, qtbot: Any) -> None:
    from coachdesk.gui.relationships.dialogs import SessionDialog

    ctx, answers = demo_ctx
    view = make_view(qtbot, ctx)
    row = open_page(qtbot, view, "Mary Morley", "Mandy Hope")
    sessions = view.page.sessions
    first = ctx.read(list_meetings, row.id)[0]
    sessions.select(first.id)
    seen: dict = {}

    def steps(dialog: SessionDialog) -> None:
        dialog.recorded.selectAll()
        qtbot.keyClicks(dialog.recorded, "01/01/2026")
        seen["early"] = dialog.save_button.isEnabled(), dialog.recorded_problem.text()
        dialog.recorded.selectAll()
        qtbot.keyClicks(dialog.recorded, "30/10/2026")
        dialog.minutes.selectAll()
        qtbot.keyClicks(dialog.minutes, "50")
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    drive_modal(qtbot, SessionDialog, steps, seen)
    qtbot.keyClick(sessions.table, Qt.Key.Key_Return)  # Enter on a session edits it
    assert seen["dialog"] == "SessionDialog" and "left_open" not in seen
    assert seen["early"][0] is False and "before the session date" in seen["early"][1]
    edited = next(m for m in ctx.read(list_meetings, row.id) if m.id == first.id)
    assert (edited.minutes, edited.recorded_on) == (50, date(2026, 10, 30))
    assert edited.notes == first.notes and answers.refusals == []


def test_in_the_app_the_list_is_read_off_the_ui_thread(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    ctx.background = True
    view = RelationshipsView(ctx)
    qtbot.addWidget(view)
    view.show()
    assert view.counts.text() == "Loading…"  # shown at once, before the list was read
    rows = ctx.read(list_relationships)
    qtbot.waitUntil(lambda: view.model.total() == len(rows))
    assert view.model.all_rows() == rows
    assert view.counts.text().endswith(f"{len(rows)} in all")
    assert answers.bugs == 0


def test_in_the_app_ending_is_saved_off_the_ui_thread(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    ctx.background = True
    view = make_view(qtbot, ctx)
    qtbot.waitUntil(lambda: view.model.total() == 45)
    row = open_page(qtbot, view, "Mary Morley", "Mandy Hope")  # active since 14 Oct 2026
    seen: dict = {}

    def steps(dialog: CloseDialog) -> None:
        dialog.when.selectAll()
        qtbot.keyClicks(dialog.when, "20/11/2026")
        dialog.try_save()
        # The write is on its way: the dialog stays open, Save and Esc wait for it.
        seen["in flight"] = dialog.isVisible(), dialog.saving, dialog.save_button.isEnabled()
        dialog.try_save()
        dialog.reject()
        qtbot.waitUntil(lambda: not dialog.isVisible())

    drive_modal(qtbot, CloseDialog, steps, seen)
    qtbot.mouseClick(view.page.end_button, Qt.MouseButton.LeftButton)

    assert seen["dialog"] == "CloseDialog" and "left_open" not in seen
    assert seen["in flight"] == (True, True, False)
    assert "ended on 20 Nov 2026" in answers.informed[-1]  # told once the write reported
    ended = ctx.read(get_relationship, row.id).relationship
    assert (ended.status, ended.ended_on) == ("ended", date(2026, 11, 20))
    qtbot.waitUntil(lambda: not view.page.end_button.isEnabled())
    assert "20 Nov 2026" in view.page.details.ended_label.text()
    assert answers.refusals == [] and answers.bugs == 0 and answers.confirmations == []
