"""The audit log dialog: who-did-what without content, filtered by action, record and dates."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.dates import format_date
from coachdesk.gui.context import AppContext
from coachdesk.gui.loading import Reader
from coachdesk.gui.models.table import Column, RowTableModel
from coachdesk.gui.widgets.dates import DateField
from coachdesk.services.audit import ACTIONS, KINDS, PAGE, AuditFilter, AuditRow, entries
from coachdesk.services.changes import Changes

ANY = "(any)"

COLUMNS = [
    Column("When", lambda r: _when(r.at), sort=lambda r: r.at),
    Column("Action", lambda r: r.action),
    Column("Record", lambda r: r.record_kind),
    Column("Record id", lambda r: r.record_id),
    Column("Fields", lambda r: ", ".join(r.fields)),
    Column("Detail", lambda r: r.detail),
]


def _combo(name: str, values: tuple[str, ...]) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    box.addItem(ANY, None)
    for value in values:
        box.addItem(value, value)
    return box


class AuditLogDialog(QDialog):
    """Every audited action, newest first; the filters narrow it (nothing here is personal)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._read = Reader(ctx, self)
        self.setWindowTitle("Audit log")
        self.setAccessibleName("Audit log")
        self.resize(1000, 600)
        self.action = _combo("Action", ACTIONS)
        self.kind = _combo("Record kind", KINDS)
        self.date_from = DateField()
        self.date_from.setAccessibleName("From")
        self.date_to = DateField()
        self.date_to.setAccessibleName("To")
        self.record_id = QLineEdit()
        self.record_id.setAccessibleName("Record id")
        self.record_id.setPlaceholderText("a record's id")
        apply = QPushButton("&Show")
        apply.setDefault(True)
        apply.clicked.connect(self.reload)
        for box in (self.action, self.kind):
            box.currentIndexChanged.connect(self.reload)

        filters = QHBoxLayout()
        for label, widget in (
            ("&Action", self.action),
            ("&Record", self.kind),
            ("&From", self.date_from),
            ("&To", self.date_to),
            ("&Id", self.record_id),
        ):
            text = QLabel(label)
            text.setBuddy(widget)
            filters.addWidget(text)
            filters.addWidget(widget)
        filters.addWidget(apply)
        filters.addStretch(1)

        self.model = RowTableModel(COLUMNS, self)
        self.table = QTableView()
        self.table.setAccessibleName("Audit entries")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "Each create, change, delete, import, export, report and erasure: when, the kind "
                "of record, its id and the names of the fields changed — never their content."
            )
        )
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        ctx.changed.connect(self._on_changed)
        self.reload()

    def current_filter(self) -> AuditFilter | None:
        """The filter the fields describe, or None (with the reason shown) if a date is bad."""
        for name, field in (("From", self.date_from), ("To", self.date_to)):
            problem = field.problem()
            if problem:
                self.status.setText(f"{name}: {problem}.")
                return None
        return AuditFilter(
            action=self.action.currentData(),
            record_kind=self.kind.currentData(),
            date_from=self.date_from.date(),
            date_to=self.date_to.date(),
            record_id=self.record_id.text().strip() or None,
        )

    def reload(self) -> None:
        which = self.current_filter()
        if which is None:
            return
        self._read.read(self._show, entries, which)

    def _show(self, rows: list[AuditRow]) -> None:
        self.model.set_rows(rows)
        more = (
            f" (the newest {PAGE:,}; narrow the filter to see older ones)"
            if len(rows) >= PAGE
            else ""
        )
        self.status.setText(f"{len(rows):,} entr{'y' if len(rows) == 1 else 'ies'}{more}.")
        self.table.resizeColumnsToContents()

    def _on_changed(self, _changes: Changes) -> None:
        if self.isVisible():
            self.reload()


def open_audit_log(ctx: AppContext, parent: QWidget | None) -> AuditLogDialog:
    dialog = AuditLogDialog(ctx, parent)
    dialog.show()
    return dialog


def _when(at: datetime) -> str:
    """``7 Dec 2026 14:03:22`` in the computer's own time zone."""
    local = at.astimezone()
    return f"{format_date(local.date())} {local:%H:%M:%S}"
