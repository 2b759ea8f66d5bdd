"""A table model over a list of frozen service rows, shown in batches, with a sort role."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from coachdesk.domain.dates import format_date

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
ID_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex


def display(value: Any) -> str:
    """How a value reads in a table: dates as 14 Aug 2026, None as blank, lists joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


@dataclass(frozen=True)
class Column:
    """One column: its header, the value it shows, and optional sort key, colour, tooltip."""

    header: str
    value: Callable[[Any], Any]
    sort: Callable[[Any], Any] | None = None
    colour: Callable[[Any], QColor | None] | None = None
    tooltip: Callable[[Any], str | None] | None = None
    align_right: bool = False


def _sort_key(value: Any) -> tuple[int, Any]:
    """A key that never compares different types: blanks first, then numbers, dates, text."""
    if value is None or value == "":
        return (0, 0)
    if isinstance(value, (bool, int, float)):
        return (1, float(value))
    if isinstance(value, date):
        return (2, value.isoformat())
    if isinstance(value, (list, tuple)):
        return (3, ", ".join(str(v) for v in value).lower())
    return (3, str(value).lower())


class RowTableModel(QAbstractTableModel):
    """Rows are frozen dataclasses with an ``id``; shown ``batch`` at a time as the view scrolls."""

    def __init__(self, columns: Sequence[Column], parent: Any = None, batch: int = 500) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._all: list[Any] = []
        self._rows: list[Any] = []
        self._shown = 0
        self._batch = batch
        self._words: list[str] = []
        self._text_of: Callable[[Any], str] | None = None
        self._predicate: Callable[[Any], bool] | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # --- data in: the whole list is filtered and sorted here, then shown in batches ------

    def set_rows(self, rows: Sequence[Any]) -> None:
        self._all = list(rows)
        self._apply()

    def set_search(self, text: str, text_of: Callable[[Any], str] | None = None) -> None:
        """Keep rows whose text (``text_of``) contains every word typed, in any case."""
        self._words = text.lower().split()
        if text_of is not None:
            self._text_of = text_of
        self._apply()

    def set_predicate(self, fn: Callable[[Any], bool] | None) -> None:
        self._predicate = fn
        self._apply()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.columns)):
            return
        self._sort = (column, order)
        self._apply()

    def _apply(self) -> None:
        rows = self._all
        if self._predicate is not None:
            rows = [r for r in rows if self._predicate(r)]
        if self._words and self._text_of is not None:
            words, text_of = self._words, self._text_of
            rows = [r for r in rows if all(w in text_of(r).lower() for w in words)]
        if self._sort is not None:
            col = self.columns[self._sort[0]]
            key = col.sort or col.value
            rows = sorted(
                rows,
                key=lambda r: _sort_key(key(r)),
                reverse=self._sort[1] == Qt.SortOrder.DescendingOrder,
            )
        self.beginResetModel()
        self._rows = list(rows)
        self._shown = min(len(self._rows), self._batch)
        self.endResetModel()

    def total(self) -> int:
        """Rows before filtering."""
        return len(self._all)

    def matching(self) -> int:
        """Rows after filtering (all of them, not just those shown so far)."""
        return len(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def all_rows(self) -> list[Any]:
        return list(self._rows)

    def row_of_id(self, ident: str) -> int | None:
        for i, r in enumerate(self._rows):
            if getattr(r, "id", None) == ident:
                while i >= self._shown and self.canFetchMore(QModelIndex()):
                    self.fetchMore(QModelIndex())
                return i
        return None

    # --- Qt model API --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid():
            return
        more = min(self._batch, len(self._rows) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < self._shown):
            return None
        if not (0 <= index.column() < len(self.columns)):
            return None
        row = self._rows[index.row()]
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(col.value(row))
        if role == SORT_ROLE:
            return str(_sort_key((col.sort or col.value)(row))[1])
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return getattr(row, "id", None)
        if role == Qt.ItemDataRole.ForegroundRole and col.colour is not None:
            return col.colour(row)
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip is not None:
            return col.tooltip(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
