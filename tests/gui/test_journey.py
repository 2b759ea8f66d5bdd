"""A lead's journey through the real main window, from an empty hub to an ended relationship.

Every step the lead takes goes through the widgets (keys and clicks); services are called
only to check what was saved. The day moves on between visits, as it does for a real hub.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from coachdesk.gui.dashboard.view import DashboardView
from coachdesk.gui.evaluations.form import EvaluationDialog
from coachdesk.gui.evaluations.view import EvaluationsView
from coachdesk.gui.mainwindow import MainWindow
from coachdesk.gui.register.view import RegisterView
from coachdesk.gui.relationships.dialogs import CloseDialog
from coachdesk.gui.relationships.view import RelationshipsView
from coachdesk.gui.requests.new_request import NewRequestDialog
from coachdesk.gui.requests.view import RequestsView
from coachdesk.gui.shell import build_shell
from coachdesk.services.evaluations import list_evaluations
from coachdesk.services.register import get_person, list_registrations
from coachdesk.services.relationships import get_relationship, list_relationships
from coachdesk.services.requests import list_requests
from tests.gui.conftest import TODAY

# The offscreen platform warns when windows and popups are shown; nothing to do with the app.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

TINY_PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
SAVE = (Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
NO_ALERTS = "No alerts today: the hub's rules find nothing overdue."
NOTHING_DUE = "Nothing falls due in the next 14 days."

COACH = "Daniel Mensah"
COACH_EMAIL = "daniel.mensah@cuh.nhs.uk"
CLIENT = "Grace Okafor"
CLIENT_EMAIL = "grace.okafor@nchc.nhs.uk"


class Clock:
    """The app's "today", moved on by the test between the lead's visits."""

    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


# --- what the lead does ------------------------------------------------------------------


def click(qtbot: Any, widget: Any) -> None:
    """Click a button the lead can see and use."""
    assert widget.isVisible() and widget.isEnabled(), widget.text()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def retype(qtbot: Any, field: Any, text: str) -> None:
    """Select what a field holds and type over it."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def type_keys(qtbot: Any, keys: str) -> None:
    """Type each key into whichever widget has the keyboard focus, as a lead would."""
    for key in keys:
        widget = QApplication.focusWidget()
        assert widget is not None
        qtbot.keyClicks(widget, key)


def go(qtbot: Any, win: MainWindow, title: str) -> Any:
    """Click a view's name in the navigation; returns the view shown."""
    item = win.nav.findItems(title, Qt.MatchFlag.MatchExactly)[0]
    rect = win.nav.visualItemRect(item)
    qtbot.mouseClick(win.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    view = win.current_view()
    assert view is not None and view.isVisible()
    return view


def activate(qtbot: Any, window: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def drive_modal(qtbot: Any, cls: type, steps: Callable[[Any], None], seen: dict) -> None:
    """Run ``steps(dialog)`` on the modal dialog once it is open; never leave it hanging."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        seen["dialog"] = type(dialog).__name__
        if isinstance(dialog, cls):
            activate(qtbot, dialog)
            steps(dialog)
        if dialog is not None and dialog.isVisible():
            seen["left_open"] = True
            dialog.done(0)

    QTimer.singleShot(0, run)


# --- what the lead sees ------------------------------------------------------------------


def dashboard(qtbot: Any, win: MainWindow) -> DashboardView:
    view = go(qtbot, win, "Dashboard")
    assert isinstance(view, DashboardView)
    return view


def alert_groups(view: DashboardView) -> dict[str, list[str]]:
    """Each heading of the alerts tree with the alert sentences under it."""
    tree = view.alerts
    out: dict[str, list[str]] = {}
    for row in range(tree.rows.rowCount()):
        heading = tree.rows.index(row, 0)
        out[heading.data()] = [
            tree.rows.index(r, 0, heading).data() for r in range(tree.rows.rowCount(heading))
        ]
    return out


def due_rows(view: DashboardView) -> list[str]:
    return view.due.top_texts()


def table_texts(model: Any) -> list[tuple[str, ...]]:
    """The rows of a table as the lead reads them (every column's text)."""
    return [
        tuple(str(model.index(r, c).data() or "") for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def show_tab(qtbot: Any, tabs: Any, tab: QWidget) -> None:
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tabs.indexOf(tab)).center())
    assert tabs.currentWidget() is tab


def click_row(qtbot: Any, table: Any, index: QModelIndex) -> None:
    table.scrollTo(index)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def open_listed_form(qtbot: Any, view: EvaluationsView, evaluation: str) -> EvaluationDialog:
    """Click the evaluation's row in the list and press Enter: its form opens, active."""
    rows = [r for r in range(view.model.rowCount()) if view.model.index(r, 1).data() == evaluation]
    assert len(rows) == 1, table_texts(view.model)
    click_row(qtbot, view.table, view.model.index(rows[0], 1))
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    form = view.dialog
    assert isinstance(form, EvaluationDialog) and form.isVisible()
    activate(qtbot, form)
    return form


# --- the journey -------------------------------------------------------------------------


def test_a_coaching_relationship_from_an_empty_hub_to_its_evaluations(
    empty_ctx: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx, answers = empty_ctx
    clock = Clock(TODAY)  # Monday 23 Nov 2026
    monkeypatch.setattr(ctx, "today", clock)

    win = build_shell(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    activate(qtbot, win)

    # --- first run: name the hub and start empty -------------------------------------------
    welcome = win.welcome
    assert welcome is not None and welcome.isVisible()
    retype(qtbot, welcome.hub_name, "Norfolk and Waveney Coaching Hub")
    click(qtbot, welcome.empty_button)
    assert win.welcome is None
    # [*]: where Qt shows "*" while something is unsaved
    assert win.windowTitle() == "coachdesk — Norfolk and Waveney Coaching Hub[*]"
    board = win.current_view()
    assert isinstance(board, DashboardView)
    assert list(alert_groups(board)) == [NO_ALERTS] and due_rows(board) == [NOTHING_DUE]

    # --- the coach: on the register, then a coach registration with a certificate ----------
    register = go(qtbot, win, "Register")
    assert isinstance(register, RegisterView)
    click(qtbot, register.new_button)
    person = register.dialog
    assert person is not None and person.isVisible() and not person.save_button.isEnabled()
    qtbot.keyClicks(person.full_name, COACH)
    qtbot.keyClicks(person.email, COACH_EMAIL)
    qtbot.keyClicks(person.organisation, "Cambridge University Hospitals NHS Foundation Trust")
    qtbot.keyClicks(person.job_title, "Consultant Physiotherapist")
    qtbot.keyClicks(person.band.lineEdit(), "8a")
    click(qtbot, person.save_button)
    assert not person.isVisible() and answers.refusals == []
    page = register.page
    assert page.name.text() == COACH and register.count.text().startswith("1 ")
    assert table_texts(register.model)[0][0] == COACH

    tab = page.registrations
    show_tab(qtbot, page.tabs, tab)
    click(qtbot, tab.add_button)
    reg = tab.dialog
    assert reg is not None and reg.kind.currentData() == "coach" and reg.coach_box.isVisible()
    reg.accreditation.setFocus()
    qtbot.keyClicks(reg.accreditation.lineEdit(), "EMCC Coach Practitioner")
    qtbot.keyClicks(reg.accreditation_on, "14/03/2025")
    qtbot.keyClicks(reg.specialisms, "leading change, clinical leadership")
    pdf = tmp_path / "emcc-certificate.pdf"
    pdf.write_bytes(TINY_PDF)
    answers.open_file = pdf  # the file the lead picks
    click(qtbot, reg.certificate.upload)
    assert "emcc-certificate.pdf" in reg.certificate.name.text()
    readiness = reg.readiness.text().lower()
    assert "ethics" in readiness and "organisational support" in readiness
    assert "certificate" not in readiness
    click(qtbot, reg.save_button)
    assert not reg.isVisible() and answers.refusals == []
    assert tab.selected().status == "applied"
    assert tab.selected().certificate_filename == "emcc-certificate.pdf"
    assert "organisational support" in tab.missing.text().lower()

    # Approval is refused while anything is missing, and every missing item is listed.
    click(qtbot, tab.status_buttons["approved"])
    assert len(answers.refusals) == 1
    refused = answers.refusals[0]
    assert "cannot be approved" in refused.message
    missing = " ".join(refused.problems)
    assert "Ethics" in missing and "organisational support" in missing
    assert "certificate" not in missing and "accreditation:" not in missing
    assert tab.selected().status == "applied"

    # Completed, then approved and activated.
    click(qtbot, tab.edit_button)
    reg = tab.dialog
    click(qtbot, reg.ethics)
    assert reg.ethics.isChecked()
    qtbot.keyClicks(reg.org_support, "01/11/2026")
    assert "ready for approval" in reg.readiness.text()
    click(qtbot, reg.save_button)
    assert not reg.isVisible()
    assert "complete for approval" in tab.missing.text()
    click(qtbot, tab.status_buttons["approved"])
    assert len(answers.refusals) == 1  # no new refusal
    assert tab.selected().status == "approved" and tab.selected().approved_on == TODAY
    click(qtbot, tab.status_buttons["active"])
    assert tab.selected().status == "active"
    assert "coach (active)" in page.subtitle.text()

    # --- the client -------------------------------------------------------------------------
    click(qtbot, register.new_button)
    person = register.dialog
    qtbot.keyClicks(person.full_name, CLIENT)
    qtbot.keyClicks(person.email, CLIENT_EMAIL)
    qtbot.keyClicks(person.organisation, "Norfolk Community Health and Care NHS Trust")
    qtbot.keyClicks(person.job_title, "Ward Sister")
    qtbot.keyClicks(person.band.lineEdit(), "6")
    qtbot.keyClicks(person.manager_name, "Helen Price")
    qtbot.keyClicks(person.manager_email, "helen.price@nchc.nhs.uk")
    qtbot.keyClicks(person.agreement, "16/11/2026")
    qtbot.keyClicks(person.development, "leading change, resilience")
    click(qtbot, person.save_button)
    assert not person.isVisible() and len(answers.refusals) == 1
    assert page.name.text() == CLIENT and page.details.values["email"].text() == CLIENT_EMAIL
    assert register.count.text() == "2 people"
    assert win.status_counts.text().startswith("2 people · 1 coach")

    # An eligible client with her manager's agreement, an active coach: nothing to flag.
    board = dashboard(qtbot, win)
    assert list(alert_groups(board)) == [NO_ALERTS] and due_rows(board) == [NOTHING_DUE]

    # --- New request: the coach among the ranked suggestions, with every reason ---------
    requests = go(qtbot, win, "Requests")
    assert isinstance(requests, RequestsView)
    seen: dict[str, Any] = {}

    def new_request(dialog: NewRequestDialog) -> None:
        seen["enabled_at_first"] = dialog.save_button.isEnabled()
        qtbot.keyClicks(dialog.match.client.lineEdit(), "Grace Oka")
        seen["client_info"] = dialog.match.client_info.text()
        tree = dialog.match.suggestions
        seen["titles"] = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
        first = tree.topLevelItem(0)
        seen["reasons"] = [
            " ".join(first.child(i).text(0).split()) for i in range(first.childCount())
        ]
        tree.setFocus()
        qtbot.keyClick(tree, Qt.Key.Key_Down)  # the arrow keys choose
        seen["chosen"] = dialog.chosen_label.text()
        qtbot.keyClick(dialog, *SAVE)

    drive_modal(qtbot, NewRequestDialog, new_request, seen)
    click(qtbot, requests.new_button)
    assert seen["dialog"] == "NewRequestDialog" and "left_open" not in seen
    assert seen["enabled_at_first"] is False
    assert "Development areas: leading change, resilience" in seen["client_info"]
    assert seen["titles"] == [
        f"1. {COACH} — Cambridge University Hospitals NHS Foundation Trust   (suitable)"
    ]
    assert seen["reasons"][0] == "✓ is an active coach"
    assert "✓ has 2 free places" in seen["reasons"][1]
    meets = "✓ specialisms meet 1 of Grace's 2 development areas: leading change"
    assert meets in seen["reasons"]
    assert seen["chosen"] == f"The request: {CLIENT} asks {COACH} for coaching."
    assert len(answers.refusals) == 1
    assert table_texts(requests.model) == [
        (CLIENT, COACH, "coaching", "23 Nov 2026", "pending", "", "0")
    ]

    # The answer is now expected within the response period.
    board = dashboard(qtbot, win)
    assert list(alert_groups(board)) == [NO_ALERTS]
    assert due_rows(board) == [
        f"Answer from {COACH} to the coaching request from {CLIENT} (sent 23 Nov 2026) "
        "due by 7 Dec 2026"
    ]

    # --- Accept: the relationship opens in contracting -------------------------------------
    requests = go(qtbot, win, "Requests")
    assert requests.current() is not None and requests.current().client_name == CLIENT
    click(qtbot, requests.accept_button)
    assert "opens a coaching relationship in contracting" in answers.confirmations[-2]
    assert "Open it now?" in answers.confirmations[-1]
    rels = win.current_view()
    assert isinstance(rels, RelationshipsView)
    rel_page = rels.page
    details, sessions = rel_page.details, rel_page.sessions
    assert rels.stack.currentWidget() is rel_page
    assert rel_page.title.text() == f"Coaching: {CLIENT} with {COACH} (coach)"
    assert details.status_label.text() == "<b>contracting</b>"
    assert "no contracting session held yet" in details.contracting_label.text()
    assert rel_page.start_button.isVisible() and not rel_page.end_button.isEnabled()
    assert rel_page.evaluations.texts() == [
        f"• Client pre-evaluation ({CLIENT})\n    not done yet: needed before the first "
        "regular session"
    ]

    # --- contracting: six sessions and an objective agreed, the session added -------------
    activate(qtbot, win)  # back from the dialogs
    details.planned_sessions.setFocus()
    qtbot.keyClick(details.planned_sessions, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(details.planned_sessions, "6")
    assert details.planned_sessions.value() == 6
    qtbot.keyClicks(details.individual.entry, "Lead the ward through the move to the new unit")
    qtbot.keyClick(details.individual.entry, Qt.Key.Key_Return)
    assert details.save_button.isEnabled()
    qtbot.keyClick(details.individual.entry, *SAVE)
    assert not details.save_button.isEnabled() and len(answers.refusals) == 1
    quick = sessions.quick
    assert quick.type.currentData() == "contracting" and quick.status.currentData() == "held"
    retype(qtbot, quick.date, "23/11/2026")
    qtbot.keyClick(quick.date, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is quick.minutes
    qtbot.keyClicks(quick.minutes, "90")
    qtbot.keyClick(quick.minutes, Qt.Key.Key_Return)
    assert table_texts(sessions.model) == [
        ("23 Nov 2026", "contracting", "90", "in person", "held", "23 Nov 2026", "")
    ]
    assert details.contracting_label.text() == "contracting session held on 23 Nov 2026"
    assert quick.type.currentData() == "regular"  # what the relationship needs next

    # --- start the relationship ------------------------------------------------------------
    click(qtbot, rel_page.start_button)
    assert "started on 23 Nov 2026" in answers.confirmations[-1]
    assert details.status_label.text() == "<b>active</b>"
    assert not rel_page.start_button.isVisible() and rel_page.end_button.isEnabled()
    assert "1 active relationship" in win.status_counts.text()

    # --- two weeks on: the first regular session, with no pre evaluation on file -----------
    clock.day = date(2026, 12, 7)
    retype(qtbot, quick.date, "07/12/2026")
    qtbot.keyClick(quick.date, Qt.Key.Key_Tab)
    qtbot.keyClicks(quick.minutes, "60")
    qtbot.keyClick(quick.minutes, Qt.Key.Key_Return)
    assert table_texts(sessions.model)[1] == (
        "7 Dec 2026",
        "regular",
        "60",
        "in person",
        "held",
        "7 Dec 2026",
        "",
    )
    board = dashboard(qtbot, win)
    assert alert_groups(board) == {
        "Pre evaluations missing (1)": [
            f"{CLIENT} completed no pre evaluation before the first regular session "
            f"(7 Dec 2026) of the coaching relationship between {COACH} and {CLIENT}; "
            "enter the form if there is one."
        ]
    }

    # --- the pre evaluation, keyed from the paper form the client filled in on 4 Dec -----
    evals = go(qtbot, win, "Evaluations")
    assert isinstance(evals, EvaluationsView)
    assert table_texts(evals.model) == [
        (
            "overdue",
            "Client pre-evaluation",
            f"{CLIENT} (client)",
            CLIENT,
            COACH,
            "coaching, active",
            "7 Dec 2026",
            "7 Dec 2026",
            "",
        )
    ]
    form = open_listed_form(qtbot, evals, "Client pre-evaluation")
    assert form.windowTitle() == f"Client pre-evaluation — {CLIENT}"
    assert QApplication.focusWidget() is form.completed_on
    type_keys(qtbot, "04/12/2026")  # the date is selected on opening: typing replaces it
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    type_keys(qtbot, "2323232")  # one digit per statement; each moves to the next
    assert QApplication.focusWidget() is form.comments
    assert form.answered.text() == "7 of 7 statements answered"
    assert not form.date_note.isVisible()  # completed before the first regular session
    type_keys(qtbot, "Keyed from paper")
    qtbot.keyClick(QApplication.focusWidget(), *SAVE)
    assert not form.isVisible() and len(answers.refusals) == 1
    assert table_texts(evals.model) == []  # nothing left to do
    board = dashboard(qtbot, win)
    assert list(alert_groups(board)) == [NO_ALERTS] and due_rows(board) == [NOTHING_DUE]

    # --- mid January: the relationship ends ------------------------------------------------
    clock.day = date(2027, 1, 15)
    rels = go(qtbot, win, "Relationships")
    assert rels.stack.currentWidget() is rel_page  # the page the lead left
    activate(qtbot, win)

    def end(dialog: CloseDialog) -> None:
        seen["ended_on"] = dialog.when.text()
        qtbot.keyClick(dialog.when, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.reason, "Objective met; the ward moved in January")
        click(qtbot, dialog.save_button)

    seen.clear()
    drive_modal(qtbot, CloseDialog, end, seen)
    click(qtbot, rel_page.end_button)
    assert seen == {"dialog": "CloseDialog", "ended_on": "15/01/2027"}
    told = answers.informed[-1]
    assert "ended on 15 Jan 2027" in told and "Now due:" in told
    assert f"Client post-evaluation ({CLIENT}): due 15 Jan 2027, overdue from 30 Jan 2027" in told
    assert f"Practitioner post-evaluation ({COACH}): due 15 Jan 2027" in told
    assert details.status_label.text() == "<b>ended</b>"
    assert details.ended_label.text() == "15 Jan 2027 — Objective met; the ward moved in January"
    assert not rel_page.end_button.isEnabled()
    assert rel_page.evaluations.texts()[0] == "✓ Client pre-evaluation: completed 4 Dec 2026"

    # Both post evaluations now fall due within the grace period.
    board = dashboard(qtbot, win)
    assert list(alert_groups(board)) == [NO_ALERTS]
    ended = f"(coaching relationship between {COACH} and {CLIENT}, ended 15 Jan 2027)"
    assert due_rows(board) == [
        f"Post evaluation from {CLIENT} due by 29 Jan 2027 {ended}",
        f"Practitioner post evaluation from {COACH} due by 29 Jan 2027 {ended}",
    ]

    # --- the client's post evaluation, rating the objective too ---------------------------
    evals = go(qtbot, win, "Evaluations")
    assert [row[:2] for row in table_texts(evals.model)] == [
        ("due", "Client post-evaluation"),
        ("due", "Practitioner post-evaluation"),
        ("due", "Client follow-up evaluation"),
    ]
    form = open_listed_form(qtbot, evals, "Client post-evaluation")
    assert [o.text for o in form.objectives] == [
        "Individual: Lead the ward through the move to the new unit"
    ]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # completed today
    type_keys(qtbot, "4544444")
    assert QApplication.focusWidget() is form.objectives[0]
    type_keys(qtbot, "8")
    qtbot.keyClick(QApplication.focusWidget(), *SAVE)
    assert not form.isVisible() and len(answers.refusals) == 1
    assert [row[1] for row in table_texts(evals.model)] == [
        "Practitioner post-evaluation",
        "Client follow-up evaluation",
    ]
    board = dashboard(qtbot, win)
    assert list(alert_groups(board)) == [NO_ALERTS]
    assert due_rows(board) == [
        f"Practitioner post evaluation from {COACH} due by 29 Jan 2027 {ended}"
    ]

    # --- February: the coach's evaluation is late -----------------------------------------
    clock.day = date(2027, 2, 1)
    activate(qtbot, win)
    qtbot.keyClick(board, Qt.Key.Key_F5)  # the dashboard was left open: Refresh
    assert alert_groups(board) == {
        "Practitioner evaluations missing (1)": [
            f"{COACH} has not completed the practitioner post evaluation for the coaching "
            f"relationship between {COACH} and {CLIENT}, which ended on 15 Jan 2027; it was "
            "due by 29 Jan 2027."
        ]
    }  # the client's post evaluation is in: no "Post evaluations missing"
    assert due_rows(board) == [NOTHING_DUE]

    # Enter on the alert opens the relationship, where it shows overdue.
    group = board.alerts.rows.index(0, 0)
    board.alerts.setFocus()
    board.alerts.setCurrentIndex(board.alerts.rows.index(0, 0, group))
    qtbot.keyClick(board.alerts, Qt.Key.Key_Return)
    assert win.current_view() is rels and rels.stack.currentWidget() is rel_page
    late = "due 15 Jan 2027, overdue since 30 Jan 2027"
    assert f"• Practitioner post-evaluation ({COACH})\n    {late}" in rel_page.evaluations.texts()

    evals = go(qtbot, win, "Evaluations")
    activate(qtbot, win)
    qtbot.keyClick(evals.table, Qt.Key.Key_F5)  # not re-read when the day changed: Refresh
    assert [row[:2] for row in table_texts(evals.model)] == [
        ("overdue", "Practitioner post-evaluation"),
        ("due", "Client follow-up evaluation"),
    ]
    form = open_listed_form(qtbot, evals, "Practitioner post-evaluation")
    assert form.windowTitle() == f"Practitioner post-evaluation — {COACH}"
    assert not form.objectives  # the practitioner's form rates no objectives
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    type_keys(qtbot, "545455")
    assert QApplication.focusWidget() is form.comments
    qtbot.keyClick(QApplication.focusWidget(), *SAVE)
    assert not form.isVisible() and len(answers.refusals) == 1
    evals.show_filter("done")
    assert [(row[1], row[-1]) for row in table_texts(evals.model)] == [
        ("Practitioner post-evaluation", "1 Feb 2027"),
        ("Client post-evaluation", "15 Jan 2027"),
        ("Client pre-evaluation", "4 Dec 2026"),
    ]

    board = dashboard(qtbot, win)
    assert list(alert_groups(board)) == [NO_ALERTS] and due_rows(board) == [NOTHING_DUE]

    # --- what was saved ----------------------------------------------------------------------
    (registration,) = ctx.read(list_registrations)
    assert (registration.status, registration.certificate_filename) == (
        "active",
        "emcc-certificate.pdf",
    )
    (request,) = ctx.read(list_requests)
    (rel,) = ctx.read(list_relationships)
    assert (request.status, request.responded_on, request.relationship_id) == (
        "accepted",
        TODAY,
        rel.id,
    )
    saved = ctx.read(get_relationship, rel.id).relationship
    assert (saved.status, saved.started_on, saved.ended_on) == (
        "ended",
        TODAY,
        date(2027, 1, 15),
    )
    assert saved.individual_objectives == ("Lead the ward through the move to the new unit",)
    done = {e.kind: e for e in ctx.read(list_evaluations, rel.id)}
    assert set(done) == {"pre", "post", "practitioner-post"}
    assert done["pre"].completed_on == date(2026, 12, 4)
    assert dict(done["pre"].answers)["confidence"] == 2
    assert done["post"].objective_ratings == (8,)
    assert dict(done["practitioner-post"].answers)["own_learning"] == 5
    assert ctx.read(get_person, CLIENT_EMAIL).person.manager_agreement_on == date(2026, 11, 16)
    assert answers.bugs == 0
