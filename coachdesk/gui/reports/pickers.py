"""A searchable combo box: type any part of a label; the one entry it matches is the choice."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QWidget


class SearchCombo(QComboBox):
    """Entries are (label, key); ``key()`` is the chosen entry's key, or None while unclear.

    The labels live in one QStringListModel filled by a single call (tens of thousands of
    relationships load at once; the keys stay in a Python list beside them).
    """

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self.setMinimumContentsLength(28)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._edit().setPlaceholderText(placeholder)
        self._model = QStringListModel(self)
        self.setModel(self._model)
        completer = QCompleter(self._model, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self._labels: list[str] = []
        self._keys: list[str] = []
        self._folded: list[str] = []

    def _edit(self) -> QLineEdit:
        edit = self.lineEdit()
        assert edit is not None  # an editable combo box has one
        return edit

    def set_entries(self, entries: Sequence[tuple[str, str]]) -> None:
        """Replace the entries, keeping the current choice when it is still there."""
        keep = self.key()
        self._labels = [label for label, _ in entries]
        self._keys = [key for _, key in entries]
        self._folded = [label.casefold() for label in self._labels]
        self._model.setStringList(self._labels)
        self.setCurrentIndex(-1)
        self.setEditText("")
        if keep:
            self.set_key(keep)

    def set_key(self, key: str) -> None:
        """Choose the entry with this key (added, labelled by the key, if it is not listed)."""
        if key not in self._keys:
            self._labels.append(key)
            self._keys.append(key)
            self._folded.append(key.casefold())
            self._model.setStringList(self._labels)
        self.setCurrentIndex(self._keys.index(key))
        self._edit().setCursorPosition(0)  # show the name, not the end of the e-mail

    def key(self) -> str | None:
        text = self.currentText().strip()
        if not text:
            return None
        index = self.currentIndex()
        if 0 <= index < len(self._labels) and self._labels[index] == self.currentText():
            return self._keys[index]
        matches = self.matches(text)
        return matches[0] if len(matches) == 1 else None

    def matches(self, text: str) -> list[str]:
        """The keys whose label holds every word typed (or equals the text, or is the key)."""
        folded = text.strip().casefold()
        exact = [
            key
            for label, key in zip(self._folded, self._keys, strict=True)
            if label == folded or key == text.strip()
        ]
        if exact:
            return exact
        words = folded.split()
        return [
            key
            for label, key in zip(self._folded, self._keys, strict=True)
            if all(w in label for w in words)
        ]
