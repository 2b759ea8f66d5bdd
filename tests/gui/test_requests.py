"""The Requests view and the New request dialog, driven through real widgets."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox

from coachdesk.gui.requests.forms import AMBER, RED
from coachdesk.gui.requests.new_request import NewRequestDialog
from coachdesk.gui.requests.view import RequestsView
from coachdesk.services.dto import RequestInput
from coachdesk.services.matching import suggest_practitioners
from coachdesk.services.register import list_registrations, set_registration_status
from coachdesk.services.relationships import list_relationships
from coachdesk.services.requests import add_request, list_requests
from tests.gui.conftest import TODAY
from tests.helpers.views import shown

DAYS = 6  # the "Days waiting" column

# The offscreen platform warns when windows and popups are shown; nothing to do with the app.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def make_view(qtbot: Any, ctx: Any) -> RequestsView:
    return shown(qtbot, RequestsView(ctx), (1100, 700))


def pending(ctx: Any, client: str, practitioner: str) -> Any:
    return next(
        r
        for r in ctx.read(list_requests, status="pending")
        if r.client_name == client and r.practitioner_name == practitioner
    )


def select(qtbot: Any, view: RequestsView, request_id: str) -> None:
    view.open_record("request", request_id)
    assert view.current() is not None and view.current().id == request_id


def test_days_waiting_turns_amber_at_10_and_red_past_14(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    client = "charlotte.davis"
    person = next(r for r in ctx.read(list_requests) if r.client.startswith(client))
    found = [
        s
        for s in ctx.read(suggest_practitioners, person.client, "coaching")
        if s.email != person.practitioner
    ]
    ages = (9, 10, 14, 15)
    ids = {}
    for age, s in zip(ages, found, strict=False):
        data = RequestInput(person.client, s.email, "coaching", TODAY - timedelta(days=age))
        added: list[Any] = []
        ctx.write(None, add_request, data).success(added.append).run()  # inline in widget tests
        ids[age] = added[0].id
    view = make_view(qtbot, ctx)
    colours = {}
    for age, ident in ids.items():
        row = view.model.row_of_id(ident)
        index = view.model.index(row, DAYS)
        assert index.data() == str(age)
        colours[age] = index.data(Qt.ItemDataRole.ForegroundRole)
    assert colours == {9: None, 10: AMBER, 14: AMBER, 15: RED}
    late = view.model.index(view.model.row_of_id(ids[15]), DAYS)
    assert "past the hub's 14-day response period" in late.data(Qt.ItemDataRole.ToolTipRole)
    answered = next(r for r in ctx.read(list_requests) if r.status == "accepted")
    index = view.model.index(view.model.row_of_id(answered.id), DAYS)
    assert index.data() == "" and index.data(Qt.ItemDataRole.ForegroundRole) is None


def test_filter_by_status_and_search(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = make_view(qtbot, ctx)
    everything = view.model.matching()
    view.status.setFocus()
    qtbot.keyClicks(view.status, "P")  # a combo picks the item starting with the letter
    assert view.status.currentText() == "Pending"
    statuses = {r.status for r in view.model.all_rows()}
    assert statuses == {"pending"} and view.model.matching() == 2
    assert "showing 2 of" in view.counts.text()
    qtbot.keyClick(view.status, Qt.Key.Key_Down)
    assert view.status.currentText() == "Accepted"
    qtbot.keyClicks(view.search, "mark lowe")
    rows = view.model.all_rows()
    assert rows and all(r.status == "accepted" and r.practitioner_name == "Mark Lowe" for r in rows)
    view.search.clear()
    view.status.setCurrentIndex(0)
    assert view.model.matching() == everything


def _drive_new_request(qtbot: Any, view: RequestsView, seen: dict) -> None:
    dialog = view.findChild(NewRequestDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.isActiveWindow)  # as it is for the lead
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.match.client.lineEdit(), "Jane Richards")
    tree = dialog.match.suggestions
    seen["top"] = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    first = tree.topLevelItem(0)
    seen["reasons"] = [" ".join(first.child(i).text(0).split()) for i in range(first.childCount())]
    seen["enabled_before_choice"] = dialog.save_button.isEnabled()
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    # Jane has already asked Mark Lowe (pending since 30 Oct): that choice cannot be sent.
    seen["asked"] = dialog.match.chosen().full_name, dialog.save_button.isEnabled()
    seen["asked_problem"] = dialog.match.practitioner_problem.text()
    seen["asked_title"] = tree.topLevelItem(0).text(0)
    for _ in range(first.childCount() + 2):  # down past Mark Lowe's reasons to the next one
        qtbot.keyClick(tree, Qt.Key.Key_Down)
    seen["chosen"] = dialog.match.chosen()
    seen["summary"] = dialog.chosen_label.text()
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    seen["closed_by_ctrl_s"] = not dialog.isVisible()
    if dialog.isVisible():  # never leave the test hanging on a modal dialog
        dialog.done(0)


def test_new_request_shows_every_reason_and_saves(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    view = make_view(qtbot, ctx)
    before = len(ctx.read(list_requests))
    seen: dict = {}
    QTimer.singleShot(0, lambda: _drive_new_request(qtbot, view, seen))
    view.new_record()  # modal: the timer drives the dialog, Ctrl+S sends the request

    assert seen["closed_by_ctrl_s"]
    assert seen["top"][0].startswith("1. Mark Lowe") and seen["top"][1].startswith("2. ")
    assert "(suitable)" in seen["top"][1]
    reasons = seen["reasons"]
    assert len(reasons) == 7 and reasons[0].startswith("✓ is an active coach")
    assert reasons[1].startswith("✓ has") and "free place" in reasons[1]
    assert reasons[2] == "✓ is not Jane's line manager"
    assert "not Jane's organisation" in reasons[3]
    assert "development areas" in reasons[4] and reasons[4][0] in "✓✗•"
    assert reasons[5].startswith("•") and "client" in reasons[5]
    assert reasons[6].startswith("✗ Jane Richards already has a pending coaching request")
    assert seen["enabled_before_choice"] is False
    assert seen["asked"] == ("Mark Lowe", False)
    assert "already has a pending coaching request to Mark Lowe" in seen["asked_problem"]
    assert "already asked" in seen["asked_title"]
    chosen = seen["chosen"]
    assert chosen is not None and chosen.rank == 2
    assert seen["summary"] == f"The request: Jane Richards asks {chosen.full_name} for coaching."
    assert answers.refusals == [] and len(ctx.read(list_requests)) == before + 1
    saved = view.current()
    assert saved is not None and saved.client_name == "Jane Richards"
    assert (saved.practitioner, saved.status, saved.sent_on) == (chosen.email, "pending", TODAY)


def test_new_request_dialog_validates_as_you_type(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    dialog = NewRequestDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.match.client.lineEdit(), "zzz nobody")
    assert dialog.match.client_problem.isVisible()
    assert "Nobody on the register matches" in dialog.match.client_problem.text()
    dialog.match.client.lineEdit().clear()
    qtbot.keyClicks(dialog.match.client.lineEdit(), "Jane Richards")
    assert not dialog.match.client_problem.isVisible()
    dialog.match.suggestions.setCurrentItem(dialog.match.suggestions.topLevelItem(1))
    assert dialog.save_button.isEnabled()
    dialog.sent_on.clear()
    qtbot.keyClicks(dialog.sent_on, "31/02/2026")
    assert not dialog.save_button.isEnabled() and dialog.sent_problem.isVisible()
    dialog.sent_on.clear()
    qtbot.keyClicks(dialog.sent_on, (TODAY + timedelta(days=1)).strftime("%d/%m/%Y"))
    assert "cannot be after today" in dialog.sent_problem.text()
    # Closing a changed form asks first; Cancel keeps it open, Discard closes it.
    answers.unsaved_with = "cancel"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and answers.unsaved
    answers.unsaved_with = "discard"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_unsuitable_practitioner_asks_before_sending(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    dialog = NewRequestDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.match.client.lineEdit(), "Jane Richards")
    tree = dialog.match.suggestions
    unsuitable = next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if "not suitable" in tree.topLevelItem(i).text(0)
    )
    tree.setCurrentItem(unsuitable.child(0))  # a reason line chooses its practitioner
    assert dialog.match.chosen() is not None and not dialog.match.chosen().suitable
    before = len(ctx.read(list_requests))
    answers.confirm_with = False
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "not a suitable match" in answers.confirmations[-1]
    assert dialog.isVisible() and len(ctx.read(list_requests)) == before


def test_accept_opens_a_relationship_in_contracting(demo_ctx: Any, qtbot: Any) -> None:
    from coachdesk.gui.relationships.view import RelationshipsView

    ctx, answers = demo_ctx
    view = make_view(qtbot, ctx)
    rels = RelationshipsView(ctx)
    qtbot.addWidget(rels)
    rels.show()
    request = pending(ctx, "Jane Richards", "Mark Lowe")
    select(qtbot, view, request.id)
    assert view.accept_button.isEnabled()
    with qtbot.waitSignal(ctx.open_record) as opened:
        qtbot.mouseClick(view.accept_button, Qt.MouseButton.LeftButton)
    assert "opens a coaching relationship in contracting" in answers.confirmations[0]
    assert "Open it now?" in answers.confirmations[1]
    kind, ident = opened.args
    assert kind == "relationship"
    row = view.current()
    assert row.status == "accepted" and row.responded_on == TODAY
    assert row.relationship_id == ident
    shown = rels.model.all_rows()
    new = next(r for r in shown if r.id == ident)
    assert (new.client_name, new.practitioner_name, new.status) == (
        "Jane Richards",
        "Mark Lowe",
        "contracting",
    )
    assert view.open_button.isEnabled() and not view.accept_button.isEnabled()


def test_decline_and_withdraw_ask_first(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    view = make_view(qtbot, ctx)
    request = pending(ctx, "Charlotte Davis", "Caetana Neves")
    select(qtbot, view, request.id)
    answers.confirm_with = False
    qtbot.mouseClick(view.decline_button, Qt.MouseButton.LeftButton)
    assert "declined" in answers.confirmations[-1]
    assert pending(ctx, "Charlotte Davis", "Caetana Neves").status == "pending"
    answers.confirm_with = True
    view.responded.clear()
    qtbot.keyClicks(view.responded, "20/11/2026")
    qtbot.mouseClick(view.withdraw_button, Qt.MouseButton.LeftButton)
    assert "Charlotte Davis withdrew" in answers.confirmations[-1]
    row = view.current()
    assert (row.status, row.responded_on.isoformat()) == ("withdrawn", "2026-11-20")


def test_answered_on_is_checked_as_you_type(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = make_view(qtbot, ctx)
    request = pending(ctx, "Charlotte Davis", "Caetana Neves")  # sent 17 Nov 2026
    select(qtbot, view, request.id)
    view.responded.clear()
    qtbot.keyClicks(view.responded, "16/11/2026")
    assert not view.accept_button.isEnabled()
    assert "before the request was sent (17 Nov 2026)" in view.responded_problem.text()
    view.responded.clear()
    qtbot.keyClicks(view.responded, "17/11/2026")
    assert view.accept_button.isEnabled() and not view.responded_problem.isVisible()


def test_a_refused_accept_changes_nothing(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    view = make_view(qtbot, ctx)
    request = pending(ctx, "Jane Richards", "Mark Lowe")
    reg = next(
        r for r in ctx.read(list_registrations, kind="coach") if r.email == request.practitioner
    )
    ctx.write(None, set_registration_status, reg.id, "withdrawn").run()
    relationships = len(ctx.read(list_relationships))
    select(qtbot, view, request.id)
    qtbot.mouseClick(view.accept_button, Qt.MouseButton.LeftButton)
    assert len(answers.refusals) == 1
    assert "registration is withdrawn" in answers.refusals[0].message
    assert pending(ctx, "Jane Richards", "Mark Lowe").status == "pending"
    assert len(ctx.read(list_relationships)) == relationships


def test_delete_names_what_goes(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    view = make_view(qtbot, ctx)
    request = pending(ctx, "Charlotte Davis", "Caetana Neves")
    select(qtbot, view, request.id)
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert "Only the request goes" in answers.confirmations[-1]
    assert all(r.id != request.id for r in ctx.read(list_requests))
    accepted = next(r for r in view.model.all_rows() if r.relationship_id)
    select(qtbot, view, accepted.id)
    assert not view.delete_button.isEnabled()  # it opened a relationship: part of the record


def test_open_record_clears_filters_that_hide_it(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = make_view(qtbot, ctx)
    view.status.setCurrentIndex(view.status.findData("pending"))
    accepted = next(r for r in ctx.read(list_requests) if r.status == "accepted")
    view.open_record("request", accepted.id)
    assert view.current().id == accepted.id and view.status.currentIndex() == 0


def test_reloads_when_shown_after_a_change_while_hidden(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = make_view(qtbot, ctx)
    view.hide()
    request = pending(ctx, "Charlotte Davis", "Caetana Neves")
    from coachdesk.services.requests import decline_request

    ctx.write(None, decline_request, request.id, on=TODAY).run()
    assert any(r.status == "pending" and r.id == request.id for r in view.model.all_rows())
    view.show()
    row = next(r for r in view.model.all_rows() if r.id == request.id)
    assert row.status == "declined"


@pytest.mark.parametrize("status", [None, "pending"])
def test_model_passes_qtmodeltester(
    demo_ctx: Any, qtbot: Any, qtmodeltester: Any, status: str | None
) -> None:
    ctx, _ = demo_ctx
    view = make_view(qtbot, ctx)
    if status:
        view.status.setCurrentIndex(view.status.findData(status))
    qtmodeltester.check(view.model)


def test_keyboard_focus_and_names(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = make_view(qtbot, ctx)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.table.setFocus()
    view.focus_search()
    assert QApplication.focusWidget() is view.search
    for widget in (view.search, view.status, view.table, view.responded):
        assert widget.accessibleName()
    assert isinstance(view.status, QComboBox)
