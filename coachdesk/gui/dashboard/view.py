"""The dashboard view: alerts grouped by rule, what falls due in 14 days, the hub's figures."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from coachdesk.domain.dates import format_date
from coachdesk.domain.hub_facts import (
    DUE_HORIZON_DAYS,
    OVERDUE,
    RULE_SEVERITY,
    RULE_TITLES,
    RULES,
    Alert,
    DueItem,
)
from coachdesk.domain.words import plural
from coachdesk.gui.context import AppContext
from coachdesk.gui.dashboard.entries import ID_ROLE, KIND_ROLE, Entry, Heading, Node
from coachdesk.gui.dashboard.tiles import Tiles
from coachdesk.gui.dashboard.wraptree import WrapTree, place_of
from coachdesk.gui.privacy.retention import RetentionBar
from coachdesk.services.changes import Changes
from coachdesk.services.dashboard import DashboardData, dashboard
from coachdesk.services.reminders import last_reminded, reminded_on

#: Days ahead the "falls due" list looks.
HORIZON_DAYS = DUE_HORIZON_DAYS
OVERDUE_COLOUR = QColor("#a4262c")
WARNING_COLOUR = QColor("#8a5300")
QUIET_COLOUR = QColor("#425563")

SEVERITY_HELP = {
    OVERDUE: "Overdue: a period set in Settings has passed.",
    "warning": "Warning: something the hub's rules require is missing.",
}


def record_for(subject_kind: str, subject_id: str, relationship: str | None) -> tuple[str, str]:
    """The record (kind, id) the main window opens for an alert's or due item's subject.

    A session is shown within its relationship; the other subjects open themselves.
    """
    if subject_kind == "meeting" and relationship:
        return "relationship", relationship
    if subject_kind in {"request", "meeting", "relationship", "registration", "person"}:
        return subject_kind, subject_id
    return ("relationship", relationship) if relationship else ("person", subject_id)


def _tree(name: str, headers: list[str]) -> WrapTree:
    tree = WrapTree(name, headers)
    tree.setObjectName(name.split()[0].lower())
    tree.setExpandsOnDoubleClick(False)  # _activated toggles headings, for Enter as well
    return tree


def _entry(item: Alert | DueItem, texts: tuple[str, ...], tooltip: str) -> Entry:
    kind, ident = record_for(item.subject_kind, item.subject_id, item.relationship)
    return Entry(texts, kind=kind, ident=ident, rule=item.rule, tooltip=tooltip)


def _placeholder(text: str) -> Entry:
    """A row saying there is nothing to show; it opens nothing."""
    return Entry((text,), colour=QUIET_COLOUR)


def reminded_words(day: date, today: date) -> str:
    """ "reminded 3 Dec" (the year too when it is not this year's)."""
    shown = format_date(day)
    return f"reminded {shown.rsplit(' ', 1)[0] if day.year == today.year else shown}"


def alert_nodes(
    alerts: tuple[Alert, ...],
    reminded: Mapping[tuple[str, str], date] | None = None,
    today: date | None = None,
) -> list[Node]:
    """A heading per rule that holds, in the SPEC's order, with its alerts under it; an alert
    someone was reminded about says when (``reminded`` from services.reminders)."""
    by_rule: dict[str, list[Alert]] = {}
    for alert in alerts:
        by_rule.setdefault(alert.rule, []).append(alert)
    nodes: list[Node] = []
    for rule in RULES:
        group = by_rule.get(rule)
        if not group:
            continue
        severity = RULE_SEVERITY[rule]
        entries = []
        for alert in group:
            since = format_date(alert.since)
            tip = (
                f"Since {since} ({plural(alert.days, 'day')}). Double-click or press Enter to "
                "open it."
            )
            message = alert.message
            day = reminded_on(alert, reminded) if reminded else None
            if day is not None:
                message = f"{message} — {reminded_words(day, today or day)}"
                tip = f"An e-mail reminder was drafted on {format_date(day)}. {tip}"
            entries.append(_entry(alert, (message, since, str(alert.days)), tip))
        nodes.append(
            Heading(
                f"{RULE_TITLES[rule]} ({len(group)})",
                rule=rule,
                tooltip=f"{SEVERITY_HELP[severity]} (rule {rule})",
                colour=OVERDUE_COLOUR if severity == OVERDUE else WARNING_COLOUR,
                entries=tuple(entries),
            )
        )
    return nodes or [_placeholder("No alerts today: the hub's rules find nothing overdue.")]


def due_nodes(items: tuple[DueItem, ...], today: date) -> list[Node]:
    """One row per thing falling due, soonest first."""
    nodes: list[Node] = [
        _entry(
            due,
            (due.message, format_date(due.due_on), str((due.due_on - today).days)),
            f"Becomes the alert “{RULE_TITLES[due.rule]}” if not done in time.",
        )
        for due in items
    ]
    return nodes or [_placeholder(f"Nothing falls due in the next {HORIZON_DAYS} days.")]


def _section_label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "heading")
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    label.setBuddy(buddy)
    return label


class DashboardView(QWidget):
    """What needs the lead's attention today, and the hub at a glance."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setAccessibleName("Dashboard")
        self._stale = True
        self._loaded_on: date | None = None
        self.data: DashboardData | None = None
        self._generation = 0
        #: When each alert was last reminded about, by (rule, subject id).
        self.reminded: dict[tuple[str, str], date] = {}
        self.reminder_dialog: QWidget | None = None

        self.today_label = QLabel()
        self.today_label.setStyleSheet("color: #425563;")
        self.tiles = Tiles()
        self.retention = RetentionBar(ctx)
        self.alerts = _tree("Alerts", ["Alert", "Since", "Days"])
        self.alerts.setToolTip(
            "Every alert of the hub's rules that holds today, by rule. "
            "Double-click or press Enter to open the record."
        )
        self.due = _tree(
            "Falls due in the next 14 days", ["What needs doing", "Due by", "Days left"]
        )
        self.due.setRootIsDecorated(False)
        self.due.setToolTip(
            "What will become an alert unless it is done by the date shown. "
            "Double-click or press Enter to open the record."
        )
        self.alerts_label = _section_label("&Alerts", self.alerts)
        self.due_label = _section_label(f"Falls &due in the next {HORIZON_DAYS} days", self.due)
        self.alerts.activated.connect(self._activated)
        self.due.activated.connect(self._activated)
        self.due.laid_out.connect(self._fit_due_list)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.alerts_label)
        top_layout.addWidget(self.alerts)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.due_label)
        bottom_layout.addWidget(self.due)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("dashboardSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self._sized_by_lead = False
        self.splitter.splitterMoved.connect(self._lead_sized)

        self.remind_button = QPushButton("Draft re&minders…")
        self.remind_button.setToolTip(
            "E-mail drafts for everyone with something to do: one each, listing their alerts"
        )
        self.remind_button.clicked.connect(self.draft_reminders)
        top_row = QHBoxLayout()
        top_row.addWidget(self.today_label, 1)
        top_row.addWidget(self.remind_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(top_row)
        layout.addWidget(self.tiles)
        layout.addWidget(self.retention)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.alerts, self.due)

        ctx.changed.connect(self._on_changed)

    # --- loading ---------------------------------------------------------------------------

    def _on_changed(self, _changes: Changes) -> None:
        """Any write may change an alert: reload now if on screen, else when next shown."""
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale or self._loaded_on != self.ctx.today():
            self.reload()

    def _lead_sized(self, *_: Any) -> None:
        self._sized_by_lead = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_due_list()

    def _fit_due_list(self) -> None:
        """Give the due list the height its rows need (at most 40%), unless the lead chose."""
        total = sum(self.splitter.sizes())
        if self._sized_by_lead or total <= 0:
            return
        label = self.due_label.sizeHint().height() + self.splitter.handleWidth() + 8
        want = min(self.due.content_height() + label + 4, int(total * 0.4))
        want = max(want, label + 80)
        self.splitter.setSizes([total - want, want])

    def reload(self) -> None:
        """Read everything again (F5); in the app the rules are judged off the UI thread."""
        today = self.ctx.today()
        self._stale = False
        self._loaded_on = today
        self._generation += 1
        generation = self._generation
        self.today_label.setText(
            f"Today is {today:%A} {format_date(today)} — checking the hub's rules…"
        )
        op = self.ctx.query(self, dashboard, today, HORIZON_DAYS)
        op.success(lambda data: self._loaded(data, today, generation)).run()

    def _loaded(self, data: DashboardData, today: date, generation: int) -> None:
        if generation != self._generation:
            return  # a newer reload is under way
        self.data = data
        self.today_label.setText(f"Today is {today:%A} {format_date(today)}")
        self.tiles.show_data(self.data, today.year)
        self.retention.show_review(self.data.retention)
        self._show_alerts(self.data.alerts)
        self._show_due(self.data.due)
        self._fit_due_list()
        op = self.ctx.query(self, last_reminded)
        op.success(lambda reminded: self._reminded(reminded, generation)).run()

    def _reminded(self, reminded: dict[tuple[str, str], date], generation: int) -> None:
        """Show "reminded 3 Dec" beside the alerts someone was reminded about."""
        if generation != self._generation or self.data is None:
            return
        if reminded != self.reminded:
            self.reminded = reminded
            self._show_alerts(self.data.alerts)

    def draft_reminders(self) -> None:
        """Draft reminders…: the dialog listing who would get what."""
        from coachdesk.gui.dashboard.reminders import ReminderDialog

        self.reminder_dialog = ReminderDialog(self.ctx, self)
        self.reminder_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.reminder_dialog.open()

    def _show_alerts(self, alerts: tuple[Alert, ...]) -> None:
        self._show(self.alerts, alert_nodes(alerts, self.reminded, self.ctx.today()))
        count = len(alerts)
        self.alerts_label.setText(f"&Alerts ({count})" if count else "&Alerts")

    def _show_due(self, items: tuple[DueItem, ...]) -> None:
        self._show(self.due, due_nodes(items, self.ctx.today()))
        label = f"Falls &due in the next {HORIZON_DAYS} days"
        self.due_label.setText(f"{label} ({len(items)})" if items else label)

    @staticmethod
    def _show(tree: WrapTree, nodes: list[Node]) -> None:
        """Show ``nodes``, keeping the lead's place (the row they were on) across a reload."""
        current = tree.currentIndex()
        keep = place_of(current) if current.isValid() else None
        tree.show_nodes(nodes)
        if keep is not None:
            found = tree.find_place(keep)
            if found.isValid():
                tree.setCurrentIndex(found)
                tree.scrollTo(found)

    # --- opening records ----------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        first = index.siblingAtColumn(0)
        kind, ident = first.data(KIND_ROLE), first.data(ID_ROLE)
        if kind and ident:
            self.ctx.open_record.emit(kind, ident)
            return
        tree = self.sender()
        if isinstance(tree, WrapTree) and tree.rows.rowCount(first):
            tree.setExpanded(first, not tree.isExpanded(first))
