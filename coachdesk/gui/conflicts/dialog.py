"""The merge conflicts dialog: versions a bundle import set aside, accepted or dismissed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coachdesk.gui.context import AppContext
from coachdesk.gui.loading import Reader
from coachdesk.gui.models.table import Column, RowTableModel
from coachdesk.services.changes import Changes, RecordKind
from coachdesk.services.conflicts import ConflictRow, accept_theirs, keep_mine, list_conflicts


def _kept(row: ConflictRow) -> str:
    return "this database's" if row.kept == "mine" else "the bundle's"


def _value(value: Any) -> str:
    if value is None:
        return "(blank)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return "; ".join(_value(v) for v in value) or "(none)"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_value(v)}" for k, v in value.items()) or "(none)"
    return str(value)


COLUMNS = [
    Column("Merged", lambda r: r.recorded_at.date(), sort=lambda r: r.recorded_at),
    Column("Record", lambda r: r.label),
    Column("Kept", _kept),
    Column("Fields that differed", lambda r: ", ".join(r.fields)),
    Column("From", lambda r: r.source),
    Column("State", lambda r: "resolved" if r.resolved else "to review"),
]


class ConflictsDialog(QDialog):
    """A list of set-aside versions; the selected one field by field against the record now."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictsDialog")
        self.setWindowTitle("Merge conflicts")
        self.ctx = ctx
        self._read = Reader(ctx, self)
        intro = QLabel(
            "When a bundle from another computer was merged, a record changed on both sides "
            "kept the newer change; the other version is set aside here. Accept theirs puts "
            "the set-aside values in place (the values they replace are kept, so nothing is "
            "lost); Keep mine leaves the record as it is."
        )
        intro.setWordWrap(True)
        self.show_resolved = QCheckBox("Show resolved conflicts too")
        self.show_resolved.toggled.connect(self.reload)
        self.model = RowTableModel(COLUMNS, self)
        self.table = QTableView()
        self.table.setObjectName("conflicts")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.details = QTableWidget(0, 3)
        self.details.setObjectName("conflictDetails")
        self.details.setHorizontalHeaderLabels(["Field", "Set-aside version", "Now"])
        self.details.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.details.verticalHeader().setVisible(False)
        self.details.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.status = QLabel()
        self.accept_button = QPushButton("Accept theirs")
        self.accept_button.setToolTip("Put the set-aside values in place of the current ones")
        self.accept_button.clicked.connect(self.accept_selected)
        self.keep_button = QPushButton("Keep mine")
        ctx.guard_edits(self.accept_button, self.keep_button)
        self.keep_button.setToolTip("Leave the record as it is and mark this conflict resolved")
        self.keep_button.clicked.connect(self.keep_selected)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.details)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.keep_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.show_resolved)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(960, 620)
        ctx.changed.connect(self._changed)
        self.reload()

    def _changed(self, changes: Changes) -> None:
        if changes.touches(RecordKind.CONFLICT):
            self.reload()

    def reload(self) -> None:
        self._read.read(self._show, list_conflicts, self.show_resolved.isChecked())

    def _show(self, rows: list[ConflictRow]) -> None:
        self.model.set_rows(rows)
        n = sum(1 for r in rows if not r.resolved)
        self.status.setText(
            f"{n} conflict{'s' if n != 1 else ''} to review." if n else "Nothing to review."
        )
        if rows:
            self.table.selectRow(0)
        self._selected()

    def selected(self) -> ConflictRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selected(self, *_args: Any) -> None:
        row = self.selected()
        differences = row.differences if row else ()
        self.details.setRowCount(len(differences))
        for i, d in enumerate(differences):
            for j, text in enumerate(
                (d.field.replace("_", " "), _value(d.theirs), _value(d.current))
            ):
                self.details.setItem(i, j, QTableWidgetItem(text))
        self.accept_button.setEnabled(row is not None and row.exists)
        self.keep_button.setEnabled(row is not None and not row.resolved)

    def accept_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        question = (
            f"Put the set-aside values of {row.label} in place?\n\nThe values they replace "
            "are kept as a resolved conflict, so you can go back."
        )
        if not self.ctx.confirm(self, "Accept theirs", question):
            return
        self.ctx.write(self, accept_theirs, row.id).run()

    def keep_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.ctx.write(self, keep_mine, row.id).run()


def open_conflicts(ctx: AppContext, parent: QWidget | None = None) -> ConflictsDialog:
    """File › Merge conflicts…: show the review dialog (modal to ``parent``); returns it."""
    dialog = ConflictsDialog(ctx, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.show()
    return dialog
