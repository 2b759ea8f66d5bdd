"""An editable, numbered list of objectives: type and press Enter to add, F2 to edit, Delete."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


class _List(QTableWidget):
    """One column; the row numbers are the objectives' numbers."""

    removeRequested = Signal()

    def __init__(self) -> None:
        super().__init__(0, 1)
        self.horizontalHeader().setVisible(False)
        self.horizontalHeader().setStretchLastSection(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)  # Tab leaves the list; arrows move within it

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and self.currentRow() >= 0:
            self.removeRequested.emit()
            return
        super().keyPressEvent(event)


class ObjectiveList(QWidget):
    """The objectives in order (evaluations rate them by position, so order is kept)."""

    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.items = _List()
        self.items.setObjectName("items")
        self.items.setAccessibleName(name)
        self.items.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        # Three rows show (more scroll), in the rows' own height at any scale.
        rows = 3 * self.items.verticalHeader().defaultSectionSize()
        self.items.setMaximumHeight(rows + 2 * self.items.frameWidth())
        self.items.setToolTip("Double-click or F2 to reword an objective; Delete removes it")
        self.entry = QLineEdit()
        self.entry.setObjectName("newObjective")
        self.entry.setAccessibleName(f"New {name.lower().rstrip('s')}")
        self.entry.setPlaceholderText("Type an objective and press Enter to add it")
        self.add_button = QPushButton("Add")
        self.add_button.setObjectName("addObjective")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setObjectName("removeObjective")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.entry, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.items)
        layout.addLayout(row)
        self.entry.returnPressed.connect(self.add_typed)
        self.add_button.clicked.connect(self.add_typed)
        self.remove_button.clicked.connect(self.remove_current)
        self.items.removeRequested.connect(self.remove_current)
        self.items.itemChanged.connect(lambda _i: QTimer.singleShot(0, self._tidy))
        self.items.currentCellChanged.connect(lambda *_: self._update_buttons())
        self.entry.textChanged.connect(lambda _t: self._update_buttons())
        self._update_buttons()

    def set_values(self, values: Sequence[str]) -> None:
        self.items.blockSignals(True)
        self.items.setRowCount(0)
        for text in values:
            self._append(text)
        self.items.blockSignals(False)
        self._update_buttons()

    def values(self) -> tuple[str, ...]:
        texts = (self.items.item(i, 0) for i in range(self.items.rowCount()))
        return tuple(t.text().strip() for t in texts if t is not None and t.text().strip())

    def add_typed(self) -> None:
        text = self.entry.text().strip()
        if not text:
            return
        self._append(text)
        self.entry.clear()
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.items.currentRow()
        if row >= 0:
            self.items.removeRow(row)
            self._update_buttons()
            self.changed.emit()

    def _append(self, text: str) -> None:
        row = self.items.rowCount()
        self.items.insertRow(row)
        self.items.setItem(row, 0, QTableWidgetItem(text))

    def _tidy(self) -> None:
        """An objective reworded to nothing goes."""
        for row in reversed(range(self.items.rowCount())):
            item = self.items.item(row, 0)
            if item is None or not item.text().strip():
                self.items.removeRow(row)
        self._update_buttons()
        self.changed.emit()

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(bool(self.entry.text().strip()))
        self.remove_button.setEnabled(self.items.currentRow() >= 0)
