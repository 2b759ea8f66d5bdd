"""A template's items in order: add, reword, move up or down, and remove them."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.words import plural
from coachdesk.services.dto import TemplateItem

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
ANSWERED_ROLE = Qt.ItemDataRole.UserRole + 2


class ItemsEditor(QWidget):
    """The list of items, the wording of the chosen one, and the buttons that change the list."""

    #: The items, their order or a wording changed.
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items = QListWidget()
        self.items.setAccessibleName("Items")
        self.items.setMinimumHeight(160)
        self.items.setWordWrap(True)
        self.items.setAlternatingRowColors(True)
        self.items.setSpacing(2)
        self.wording = QLineEdit()
        self.wording.setAccessibleName("Wording of the selected item")
        self.wording.setMaxLength(500)
        self.wording.setPlaceholderText("Type the wording of the chosen item")
        self.add_button = QPushButton("&Add item")
        self.up_button = QPushButton("Move &up")
        self.down_button = QPushButton("Move do&wn")
        self.remove_button = QPushButton("&Remove item")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #425563;")

        buttons = QVBoxLayout()
        for b in (self.add_button, self.up_button, self.down_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        list_row = QHBoxLayout()
        list_row.addWidget(self.items, 1)
        list_row.addLayout(buttons)
        label = QLabel("&Items, in the order the form asks them:")
        label.setBuddy(self.items)
        wording_label = QLabel("W&ording:")
        wording_label.setBuddy(self.wording)
        wording_row = QHBoxLayout()
        wording_row.addWidget(wording_label)
        wording_row.addWidget(self.wording, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addLayout(list_row, 1)
        layout.addLayout(wording_row)
        layout.addWidget(self.note)
        self.setTabOrder(self.items, self.wording)
        self.setTabOrder(self.wording, self.add_button)

        self.items.currentRowChanged.connect(self._chosen)
        self.items.itemActivated.connect(lambda _item: self.wording.setFocus())  # Enter: reword
        self.wording.textEdited.connect(self._reword)
        self.add_button.clicked.connect(self.add_item)
        self.up_button.clicked.connect(lambda: self.move_item(-1))
        self.down_button.clicked.connect(lambda: self.move_item(1))
        self.remove_button.clicked.connect(self.remove_item)

    def load(self, items: Iterable[TemplateItem]) -> None:
        """Show a saved template's items (no signal: nothing was edited)."""
        self.items.blockSignals(True)
        try:
            self.items.clear()
            for item in items:
                self._add(item.text, item.key, item.answered)
            if self.items.count():
                self.items.setCurrentRow(0)
        finally:
            self.items.blockSignals(False)
        self._chosen(self.items.currentRow())

    def entries(self) -> tuple[tuple[str, str], ...]:
        """(key, wording) of every item in order; a new item's key is blank."""
        rows = [self.items.item(i) for i in range(self.items.count())]
        return tuple((r.data(KEY_ROLE), r.text().strip()) for r in rows)

    def _add(self, text: str, key: str = "", answered: int = 0) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(KEY_ROLE, key)
        item.setData(ANSWERED_ROLE, answered)
        if answered:
            item.setToolTip(
                f"Answered in {plural(answered, 'evaluation')}: may be reworded, not removed"
            )
        self.items.addItem(item)
        return item

    def _chosen(self, row: int) -> None:
        item = self.items.item(row) if 0 <= row < self.items.count() else None
        self.wording.setEnabled(item is not None)
        self.wording.setText(item.text() if item is not None else "")
        answered = item.data(ANSWERED_ROLE) if item is not None else 0
        self.note.setText(
            f"This item has answers in {plural(answered, 'evaluation')}: reword it if you need to, "
            "but it cannot be removed."
            if answered
            else ""
        )
        self.note.setVisible(bool(answered))
        self.up_button.setEnabled(item is not None and row > 0)
        self.down_button.setEnabled(item is not None and row < self.items.count() - 1)
        self.remove_button.setEnabled(item is not None)

    def _reword(self, text: str) -> None:
        row = self.items.currentRow()
        if 0 <= row < self.items.count():
            self.items.item(row).setText(text)
            self.edited.emit()

    def add_item(self) -> None:
        """A new item at the end, with the cursor in its wording."""
        item = self._add("")
        self.items.setCurrentItem(item)
        self.wording.setFocus()
        self.edited.emit()

    def move_item(self, step: int) -> None:
        row = self.items.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.items.count():
            return
        item = self.items.takeItem(row)
        self.items.insertItem(target, item)
        self.items.setCurrentRow(target)
        self.edited.emit()

    def remove_item(self) -> None:
        """Take the chosen item out; one that has answers is refused when the template is saved."""
        row = self.items.currentRow()
        if row < 0:
            return
        self.items.takeItem(row)
        self.items.setCurrentRow(min(row, self.items.count() - 1))
        self._chosen(self.items.currentRow())
        self.edited.emit()
