"""RecordTable: the one read-only table of service rows (sortable, Enter or double-click opens)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from coachdesk.gui.models.table import Column, RowTableModel

#: The widest a column grows when sized to its contents.
MAX_FIT_WIDTH = 260


class RecordTable(QTableView):
    """A sortable, read-only table of rows, one selected at a time.

    Enter or double-click calls ``on_open(row)``. Columns are sized to their contents when rows
    arrive unless ``widths`` fixes them, or ``stretch_all`` shares the width among them;
    ``stretch`` is the column that takes the spare width (the last by default). ``sort`` gives
    the initial order; without it rows keep the service's order until a header is clicked.
    The model is ``self.model_`` (a :class:`RowTableModel`).
    """

    def __init__(
        self,
        columns: Sequence[Column],
        name: str,
        on_open: Callable[[Any], object] | None = None,
        *,
        object_name: str | None = None,
        widths: Sequence[int] | None = None,
        stretch: int | None = None,
        stretch_all: bool = False,
        sort: tuple[int, Qt.SortOrder] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model_ = RowTableModel(columns, self)
        self.setModel(self.model_)
        self.setObjectName(object_name or name)
        self.setAccessibleName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        if stretch_all:
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        elif stretch is None:
            header.setStretchLastSection(True)
        else:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self._fit = widths is None and not stretch_all
        for col, width in enumerate(widths or ()):
            self.setColumnWidth(col, width)
        if sort is None:
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            self.setSortingEnabled(True)
        else:
            self.setSortingEnabled(True)
            self.sortByColumn(*sort)
        self.on_open = on_open
        self.activated.connect(self._activated)

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show these rows (in the current sort order); keeps fixed widths, else fits columns."""
        self.model_.set_rows(rows)
        if self._fit:
            self.fit_columns()

    def fit_columns(self) -> None:
        """Size each column (but the stretching last one) to its contents, up to a limit."""
        self.resizeColumnsToContents()
        header = self.horizontalHeader()
        for i in range(self.model_.columnCount() - 1):
            header.resizeSection(i, min(header.sectionSize(i) + 12, MAX_FIT_WIDTH))

    def current_row(self) -> Any:
        """The selected row, or None when no row is selected."""
        index = self.currentIndex()
        if not index.isValid() or not self.selectionModel().isRowSelected(index.row()):
            return None
        return self.model_.row_at(index.row())

    def select_id(self, ident: str) -> bool:
        """Select (and scroll to) the row with this id; False when it is not shown."""
        row = self.model_.row_of_id(ident)
        if row is None:
            return False
        self.selectRow(row)
        self.scrollTo(self.model_.index(row, 0))
        return True

    def _activated(self, index: QModelIndex) -> None:
        if self.on_open is not None and index.isValid():
            self.on_open(self.model_.row_at(index.row()))
