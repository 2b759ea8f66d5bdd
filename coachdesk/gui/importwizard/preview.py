"""The preview table: the first rows as they will be stored, every problem in its cell, and
the status each registration will have."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from coachdesk.services.spreadsheet import FIELDS, ParsedRow, display
from coachdesk.services.spreadsheet.normalise import clean_text
from coachdesk.services.spreadsheet.statuses import PlannedStatus

Index = QModelIndex | QPersistentModelIndex
PROBLEM = QColor("#f8d7da")
#: A registration the lead wanted active that the rules keep at applied.
NOT_ACTIVE = QColor("#8a5300")
STATUS_HEADER = "Registration on import"
_LABEL = {f.key: f.label for f in FIELDS}
#: Shown from the cell itself, not from a stored value (they make up the full name).
_RAW = frozenset({"first_name", "last_name"})
#: The first sheet column's position (after the row number and the status on import).
FIRST = 2


class PreviewModel(QAbstractTableModel):
    """Rows of ParsedRow: the row number, the registrations' status on import, then a column
    per mapped sheet column."""

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
        #: Each good row's registrations and their status (row number → plans), once known.
        self.statuses: dict[int, tuple[PlannedStatus, ...]] = {}

    def set_statuses(self, statuses: dict[int, tuple[PlannedStatus, ...]]) -> None:
        """Show the status each row's registrations will have (the lead's choice applied)."""
        self.statuses = statuses
        if self._rows:
            self.dataChanged.emit(self.index(0, 1), self.index(len(self._rows) - 1, 1))

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
        return 0 if parent.isValid() else len(self.columns) + FIRST

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if section == 0:
            return "Row" if role == Qt.ItemDataRole.DisplayRole else None
        if section == 1:
            if role == Qt.ItemDataRole.DisplayRole:
                return STATUS_HEADER
            if role == Qt.ItemDataRole.ToolTipRole:
                return "The status each coach or mentor registration will have"
            return None
        _index, key, header = self.columns[section - FIRST]
        if role == Qt.ItemDataRole.DisplayRole:
            return _LABEL.get(key, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"From the column {header!r}"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < self.columnCount():
            return None
        row = self._rows[index.row()]
        problems = self._shown_problems[index.row()]
        if index.column() == 1:
            return self._status_data(row, role)
        if index.column() == 0:
            reasons = problems.get(-1, [])
            value = str(row.row)
        else:
            cell_index, key, _header = self.columns[index.column() - FIRST]
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

    def _status_data(self, row: ParsedRow, role: int) -> Any:
        """``coach: active; mentor: applied``; why in the tooltip; amber when not active."""
        if not row.ok:
            if role == Qt.ItemDataRole.DisplayRole:
                return "not imported"
            return None
        plans = self.statuses.get(row.row)
        if plans is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return "; ".join(p.short for p in plans) or "no registration"
        if role == Qt.ItemDataRole.ToolTipRole and plans:
            return "\n".join(p.why for p in plans)
        if role == Qt.ItemDataRole.ForegroundRole and any(p.missing for p in plans):
            return NOT_ACTIVE
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and plans:
            return "; ".join(p.why for p in plans)
        return None
