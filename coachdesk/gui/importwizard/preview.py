"""The preview table: the first rows as they will be stored, every problem in its cell."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from coachdesk.services.spreadsheet import FIELDS, ParsedRow, display
from coachdesk.services.spreadsheet.normalise import clean_text

Index = QModelIndex | QPersistentModelIndex
PROBLEM = QColor("#f8d7da")
_LABEL = {f.key: f.label for f in FIELDS}
#: Shown from the cell itself, not from a stored value (they make up the full name).
_RAW = frozenset({"first_name", "last_name"})


class PreviewModel(QAbstractTableModel):
    """Rows of ParsedRow; a column per mapped sheet column, plus the row number first."""

    def __init__(
        self,
        rows: Sequence[ParsedRow],
        headers: Sequence[str],
        mapping: Sequence[str | None],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._all = list(rows)
        self._rows = list(rows)
        self.columns = [(i, key, headers[i]) for i, key in enumerate(mapping) if key is not None]
        self._problems = [self._index(r) for r in self._all]
        self._shown_problems = list(self._problems)

    @staticmethod
    def _index(row: ParsedRow) -> dict[int, list[str]]:
        found: dict[int, list[str]] = {}
        for p in row.problems:
            found.setdefault(p.index, []).append(p.reason)
        return found

    def only_problems(self, on: bool) -> None:
        self.beginResetModel()
        pairs = list(zip(self._all, self._problems, strict=True))
        if on:
            pairs = [(r, p) for r, p in pairs if p]
        self._rows = [r for r, _p in pairs]
        self._shown_problems = [p for _r, p in pairs]
        self.endResetModel()

    def problem_rows(self) -> int:
        return sum(1 for p in self._problems if p)

    # -- Qt ------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns) + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section <= len(self.columns):
            return None
        if section == 0:
            return "Row" if role == Qt.ItemDataRole.DisplayRole else None
        _index, key, header = self.columns[section - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return _LABEL.get(key, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"From the column {header!r}"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() <= len(self.columns):
            return None
        row = self._rows[index.row()]
        problems = self._shown_problems[index.row()]
        if index.column() == 0:
            reasons = problems.get(-1, [])
            value = str(row.row)
        else:
            cell_index, key, _header = self.columns[index.column() - 1]
            reasons = problems.get(cell_index, [])
            raw = row.cells[cell_index] if cell_index < len(row.cells) else None
            value = clean_text(raw) if reasons or key in _RAW else display(key, row.values.get(key))
        if role == Qt.ItemDataRole.DisplayRole:
            return value
        if role == Qt.ItemDataRole.BackgroundRole and reasons:
            return PROBLEM
        if role == Qt.ItemDataRole.ToolTipRole and reasons:
            return "\n".join(reasons)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and reasons:
            return "Problem: " + "; ".join(reasons)
        return None
