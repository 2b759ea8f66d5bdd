"""The Requests view: every request with how long it has waited; new, accept, decline, withdraw."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.enums import RequestStatus
from coachdesk.domain.settings import HubSettings
from coachdesk.gui.context import AppContext
from coachdesk.gui.models.table import Column, RowTableModel
from coachdesk.gui.requests.forms import (
    AMBER,
    RED,
    buddy,
    day,
    heading,
    plural,
    problem_label,
    set_problem,
)
from coachdesk.gui.widgets.dates import DateField
from coachdesk.gui.widgets.flow import FlowLayout, labelled
from coachdesk.services.changes import Changes, RecordKind
from coachdesk.services.dto import AcceptedRequest, RequestRow
from coachdesk.services.requests import (
    accept_request,
    decline_request,
    delete_request,
    list_requests,
    withdraw_request,
)
from coachdesk.services.settings import get_settings

#: Amber this many days before the response period runs out (14 → amber from 10 days).
AMBER_BEFORE = 4


class RequestsView(QWidget):
    """Requests, newest first; a pending one turns amber at 10 days and red past 14."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._stale = True
        self._generation = 0
        self._pending_open: str | None = None
        self.period = 14
        self._rows: list[RequestRow] = []

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setAccessibleName("Search requests")
        self.search.setPlaceholderText("Search client or practitioner (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        self.status.setAccessibleName("Show requests with status")
        self.status.addItem("All statuses", None)
        for s in RequestStatus:
            self.status.addItem(s.value.capitalize(), s.value)
        self.new_button = QPushButton("&New request…")
        self.new_button.setObjectName("newRequest")
        self.new_button.setToolTip("Record a client's request to a practitioner (Ctrl+N)")
        top = QHBoxLayout()
        top.addWidget(heading("Requests"))
        top.addWidget(self.search, 1)
        top.addWidget(buddy("&Status:", self.status))
        top.addWidget(self.status)
        top.addWidget(self.new_button)

        self.model = RowTableModel(self._columns(), self)
        self.table = QTableView()
        self.table.setObjectName("requestsTable")
        self.table.setAccessibleName("Requests")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        for col, width in enumerate((210, 210, 90, 100, 90, 110, 110)):
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        self.responded = DateField(required=True)
        self.responded.setObjectName("respondedOn")
        self.responded.setAccessibleName("Answered on")
        self.responded.setToolTip("The day the practitioner (or the client) answered")
        self.responded.set_date(ctx.today())
        self._responded_default = ctx.today()
        self.responded_problem = problem_label("answered_on")
        self.accept_button = QPushButton("&Accept…")
        self.decline_button = QPushButton("&Decline…")
        self.withdraw_button = QPushButton("&Withdraw…")
        self.open_button = QPushButton("&Open relationship")
        self.delete_button = QPushButton("Delete…")
        ctx.guard_edits(
            self.new_button,
            self.accept_button,
            self.decline_button,
            self.withdraw_button,
            self.delete_button,
        )
        for name, button in (
            ("accept", self.accept_button),
            ("decline", self.decline_button),
            ("withdraw", self.withdraw_button),
            ("openRelationship", self.open_button),
            ("delete", self.delete_button),
        ):
            button.setObjectName(name)
        self.accept_button.setToolTip("The practitioner said yes: opens the relationship")
        self.decline_button.setToolTip("The practitioner said no")
        self.withdraw_button.setToolTip("The client no longer wants it")
        self.delete_button.setToolTip("Delete a request entered by mistake")
        actions = FlowLayout()  # wraps onto a second line in a narrow window
        actions.addWidget(labelled(buddy("Answe&red on:", self.responded), self.responded))
        for button in (
            self.accept_button,
            self.decline_button,
            self.withdraw_button,
            self.open_button,
            self.delete_button,
        ):
            actions.addWidget(button)

        self.counts = QLabel()
        self.counts.setObjectName("counts")
        self.counts.setWordWrap(True)
        self.legend = QLabel()
        self.legend.setObjectName("legend")
        self.legend.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.counts)
        layout.addLayout(actions)
        layout.addWidget(self.responded_problem)
        layout.addWidget(self.legend)
        for a, b in (
            (self.search, self.status),
            (self.status, self.new_button),
            (self.new_button, self.table),
            (self.table, self.responded),
            (self.responded, self.accept_button),
            (self.accept_button, self.decline_button),
            (self.decline_button, self.withdraw_button),
            (self.withdraw_button, self.open_button),
            (self.open_button, self.delete_button),
        ):
            QWidget.setTabOrder(a, b)

        self.search.textChanged.connect(self._filter)
        self.status.currentIndexChanged.connect(lambda _i: self._filter())
        self.new_button.clicked.connect(self.new_record)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        self.table.activated.connect(self._activated)
        self.responded.textChanged.connect(lambda _t: self._update_actions())
        self.accept_button.clicked.connect(self.accept)
        self.decline_button.clicked.connect(lambda: self._answer("decline"))
        self.withdraw_button.clicked.connect(lambda: self._answer("withdraw"))
        self.open_button.clicked.connect(self._open_relationship)
        self.delete_button.clicked.connect(self.delete)
        ctx.changed.connect(self._on_changed)
        self._restore_state()
        self.reload()

    # --- the list ------------------------------------------------------------------------

    def _columns(self) -> list[Column]:
        return [
            Column("Client", lambda r: r.client_name, tooltip=lambda r: r.client),
            Column("Practitioner", lambda r: r.practitioner_name, tooltip=lambda r: r.practitioner),
            Column("Kind", lambda r: r.kind),
            Column("Sent on", lambda r: r.sent_on),
            Column("Status", lambda r: r.status),
            Column("Answered on", lambda r: r.responded_on),
            Column(
                "Days waiting",
                self.days_waiting,
                colour=self.waiting_colour,
                tooltip=self._waiting_tip,
                align_right=True,
            ),
        ]

    def days_waiting(self, r: RequestRow) -> int | None:
        if r.status != RequestStatus.PENDING:
            return None
        return (self.ctx.today() - r.sent_on).days

    def waiting_colour(self, r: RequestRow) -> QColor | None:
        days = self.days_waiting(r)
        if days is None:
            return None
        if days > self.period:
            return RED
        if days >= max(self.period - AMBER_BEFORE, 1):
            return AMBER
        return None

    def _waiting_tip(self, r: RequestRow) -> str | None:
        days = self.days_waiting(r)
        if days is None:
            if r.responded_on is None:
                return None
            return f"Answered after {plural((r.responded_on - r.sent_on).days, 'day')}"
        if days > self.period:
            return f"Unanswered for {days} days: past the hub's {self.period}-day response period"
        left = self.period - days
        return f"Waiting {plural(days, 'day')}; {plural(left, 'day')} left to answer"

    def reload(self) -> None:
        """Read every request again (one service call) and keep the selection.

        In the app the read runs off the UI thread (a large hub has tens of thousands).
        """
        self._stale = False
        keep = self.current()
        self._generation += 1
        generation = self._generation
        if self.ctx.background:
            self.counts.setText("Loading…")
        keep_id = keep.id if keep else None

        def with_settings(settings: HubSettings) -> None:
            if generation == self._generation:
                self.ctx.query(self, list_requests).success(
                    lambda rows: self._loaded(settings.response_days, rows, keep_id, generation)
                ).run()

        self.ctx.query(self, get_settings).success(with_settings).run()

    def _loaded(
        self, period: int, rows: list[RequestRow], keep: str | None, generation: int
    ) -> None:
        if generation != self._generation:
            return  # a newer reload is under way
        self.period = period
        self._rows = rows
        if self._pending_open is not None:
            keep, self._pending_open = self._pending_open, None
        self.model.set_rows(self._rows)
        self.legend.setText(
            f"Days waiting counts a pending request from the day it was sent: amber from "
            f"{max(self.period - AMBER_BEFORE, 1)} days, red once the hub's {self.period}-day "
            "response period has passed."
        )
        self._filter(keep)

    def _filter(self, keep: str | None = None) -> None:
        if keep is None and self.current() is not None:
            keep = self.current().id  # type: ignore[union-attr]
        status = self.status.currentData()
        self.model.set_predicate((lambda r: r.status == status) if status else None)
        self.model.set_search(
            self.search.text(),
            lambda r: f"{r.client_name} {r.client} {r.practitioner_name} {r.practitioner} {r.kind}",
        )
        if keep:
            self._select(keep)
        self._update_counts()
        self._update_actions()

    def _update_counts(self) -> None:
        rows = self._rows
        pending = [r for r in rows if r.status == RequestStatus.PENDING]
        late = sum(1 for r in pending if (self.days_waiting(r) or 0) > self.period)
        shown = self.model.matching()
        text = f"{plural(len(pending), 'request')} pending"
        if late:
            text += f", {late} unanswered for more than {self.period} days"
        text += f" · showing {shown} of {len(rows)}"
        self.counts.setText(text)

    def _select(self, ident: str) -> bool:
        row = self.model.row_of_id(ident)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def current(self) -> RequestRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def _answer_date(self) -> date | None:
        row = self.current()
        problem = self.responded.problem()
        when = self.responded.date()
        if problem is None and when is not None:
            if when > self.ctx.today():
                problem = "cannot be after today"
            elif row is not None and row.status == RequestStatus.PENDING and when < row.sent_on:
                problem = f"cannot be before the request was sent ({day(row.sent_on)})"
        set_problem(self.responded_problem, problem and f"Answered on: {problem}.")
        return None if problem else when

    def _update_actions(self) -> None:
        row = self.current()
        pending = row is not None and row.status == RequestStatus.PENDING
        ok = self._answer_date() is not None
        for button in (self.accept_button, self.decline_button, self.withdraw_button):
            button.setEnabled(pending and ok)
        self.open_button.setEnabled(row is not None and row.relationship_id is not None)
        self.delete_button.setEnabled(row is not None and row.relationship_id is None)

    # --- actions -------------------------------------------------------------------------

    def _what(self, r: RequestRow) -> str:
        return f"{r.client_name}'s {r.kind} request to {r.practitioner_name}"

    def accept(self) -> None:
        row, on = self.current(), self._answer_date()
        if row is None or on is None:
            return
        if not self.ctx.confirm(
            self,
            "Accept request",
            f"Accept {self._what(row)}, answered on {day(on)}?\n\nThis opens a {row.kind} "
            "relationship in contracting.",
        ):
            return
        op = self.ctx.write(self, accept_request, row.id, on=on, expected_version=row.version)
        op.success(self._accepted).run()

    def _accepted(self, result: AcceptedRequest) -> None:
        rel = result.relationship
        if self.ctx.confirm(
            self,
            "Request accepted",
            f"The {rel.kind} relationship of {rel.client_name} with {rel.practitioner_name} is "
            "open, in contracting.\n\nOpen it now?",
        ):
            self.ctx.open_record.emit("relationship", rel.id)

    def _answer(self, how: str) -> None:
        row, on = self.current(), self._answer_date()
        if row is None or on is None:
            return
        title = "Decline request" if how == "decline" else "Withdraw request"
        text = (
            f"Record that {row.practitioner_name} declined {self._what(row)}, on {day(on)}?"
            if how == "decline"
            else f"Record that {row.client_name} withdrew {self._what(row)}, on {day(on)}?"
        )
        if not self.ctx.confirm(self, title, text):
            return
        fn = decline_request if how == "decline" else withdraw_request
        self.ctx.write(self, fn, row.id, on=on).run()

    def delete(self) -> None:
        row = self.current()
        if row is None or not self.ctx.confirm(
            self,
            "Delete request",
            f"Delete {self._what(row)} (sent {day(row.sent_on)}, {row.status})?\n\nOnly the "
            "request goes; the people stay on the register. This cannot be undone.",
        ):
            return
        self.ctx.write(self, delete_request, row.id, expected_version=row.version).run()

    def _open_relationship(self) -> None:
        row = self.current()
        if row is not None and row.relationship_id:
            self.ctx.open_record.emit("relationship", row.relationship_id)

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row.relationship_id:
            self.ctx.open_record.emit("relationship", row.relationship_id)

    # --- the view protocol ---------------------------------------------------------------

    def new_record(self) -> None:
        from coachdesk.gui.requests.new_request import NewRequestDialog

        dialog = NewRequestDialog(self.ctx, self)
        if dialog.exec() and isinstance(dialog.result_value, RequestRow):
            if self._stale:
                self.reload()
            if not self._select(dialog.result_value.id):
                self.open_record("request", dialog.result_value.id)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def open_record(self, kind: str, ident: str) -> None:
        if kind != "request":
            return
        if self._stale:
            self.reload()
        if self.ctx.background and self.counts.text() == "Loading…":
            self._pending_open = ident  # selected when the list arrives
            return
        if not self._select(ident):
            self.search.clear()
            self.status.setCurrentIndex(0)
            self._select(ident)
        self.table.setFocus()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(
            RecordKind.REQUEST, RecordKind.PERSON, RecordKind.RELATIONSHIP, RecordKind.SETTINGS
        ):
            self._stale = True
            if self.isVisible():
                self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.reload()
        today = self.ctx.today()
        if self.responded.date() == self._responded_default != today:
            # The lead left the default: a new day means today's date, not the old one.
            self.responded.set_date(today)
            self._responded_default = today
        super().showEvent(event)

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("requests/header", self.table.horizontalHeader().saveState())

    def _restore_state(self) -> None:
        state = QSettings().value("requests/header")
        if isinstance(state, QByteArray):
            self.table.horizontalHeader().restoreState(state)
