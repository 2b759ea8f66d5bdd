"""Choosing people: a searchable client combo and the ranked practitioner suggestions (SPEC 2)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QTreeWidget, QTreeWidgetItem, QWidget

from coachdesk.domain.matching import Suggestion
from coachdesk.gui.requests.forms import GREEN, GREY, RED, plural
from coachdesk.services.dto import PersonRow

EMAIL_ROLE = Qt.ItemDataRole.UserRole + 10


def person_label(p: PersonRow) -> str:
    where = f" — {p.organisation}" if p.organisation else ""
    return f"{p.full_name}{where} ({p.email})"


class PersonPicker(QComboBox):
    """Type any part of a name, organisation or e-mail; the one person it matches is picked."""

    picked = Signal(object)  # PersonRow | None

    def __init__(self, people: Sequence[PersonRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self.setMinimumContentsLength(40)
        edit = self.lineEdit()
        assert edit is not None  # an editable combo box has one
        edit.setPlaceholderText("Type a name, organisation or e-mail")
        self._people = {p.email: p for p in people}
        self._labels = [(person_label(p).casefold(), p) for p in people]
        model = QStandardItemModel(self)
        for p in people:
            item = QStandardItem(person_label(p))
            item.setData(p.email, EMAIL_ROLE)
            model.appendRow(item)
        self.setModel(model)
        completer = QCompleter(model, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.setCurrentIndex(-1)
        self.setEditText("")
        self._current: PersonRow | None = None
        self.editTextChanged.connect(self._resolve)

    def person(self) -> PersonRow | None:
        return self._current

    def set_person(self, email: str) -> None:
        person = self._people.get(email)
        self.setEditText(person_label(person) if person else "")

    def problem(self) -> str | None:
        text = self.currentText().strip()
        if self._current is not None:
            return None
        if not text:
            return "choose the client"
        n = len(self._matches(text))
        if n == 0:
            return f"nobody on the register matches {text!r}"
        return f"{plural(n, 'person', 'people')} match {text!r}; type more of the name"

    def _matches(self, text: str) -> list[PersonRow]:
        folded = text.casefold()
        exact = [p for label, p in self._labels if label == folded]
        if exact:
            return exact
        words = folded.split()
        return [p for label, p in self._labels if all(w in label for w in words)]

    def _resolve(self, text: str) -> None:
        matches = self._matches(text.strip()) if text.strip() else []
        person = matches[0] if len(matches) == 1 else None
        if person is not self._current:
            self._current = person
            self.picked.emit(person)


class SuggestionList(QTreeWidget):
    """Every candidate, best first, each with every reason on its own ✓ / ✗ line."""

    chosen = Signal(object)  # Suggestion | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setUniformRowHeights(True)
        self.setAccessibleName("Suggested practitioners")
        self.setAccessibleDescription(
            "Practitioners ranked for this client; under each, every reason met (tick) or not "
            "(cross). Use the arrow keys to choose one."
        )
        self._suggestions: list[Suggestion] = []
        self.currentItemChanged.connect(self._current_changed)

    def show_suggestions(
        self,
        suggestions: Sequence[Suggestion],
        client_areas: Sequence[str],
        notes: Mapping[str, str] | None = None,
    ) -> None:
        """``notes`` adds a ✗ line under a practitioner (by e-mail), e.g. a request pending."""
        self.clear()
        self._suggestions = list(suggestions)
        bold = QFont(self.font())
        bold.setBold(True)
        has_areas = any(a.strip() for a in client_areas)
        for s in suggestions:
            note = (notes or {}).get(s.email)
            title = self._title(s)
            if note:
                title = title.rsplit("   (", 1)[0] + "   (already asked: see ✗ below)"
            top = QTreeWidgetItem([title])
            top.setData(0, EMAIL_ROLE, s.email)
            top.setFont(0, bold)
            if not s.suitable or note:
                top.setForeground(0, QBrush(GREY))
            top.setToolTip(0, "\n".join(s.reasons))
            for i, reason in enumerate(s.reasons):
                mark, colour = self._mark(s, i, reason, has_areas)
                child = QTreeWidgetItem([f"    {mark}  {reason}"])
                child.setToolTip(0, reason)
                child.setForeground(0, QBrush(colour))
                child.setData(0, EMAIL_ROLE, s.email)
                top.addChild(child)
            if note:
                child = QTreeWidgetItem([f"    ✗  {note}"])
                child.setToolTip(0, note)
                child.setForeground(0, QBrush(RED))
                child.setData(0, EMAIL_ROLE, s.email)
                top.addChild(child)
            self.addTopLevelItem(top)
        self.expandAll()

    @staticmethod
    def _title(s: Suggestion) -> str:
        org = f" — {s.organisation}" if s.organisation else ""
        verdict = "suitable" if s.suitable else "not suitable: see ✗ below"
        return f"{s.rank}. {s.full_name}{org}   ({verdict})"

    @staticmethod
    def _mark(s: Suggestion, i: int, reason: str, has_areas: bool) -> tuple[str, object]:
        """✓ met, ✗ not met; the last two lines (specialisms, current clients) rank rather
        than rule out: specialisms ✓/✗ by whether any area is met, clients shown as •."""
        if reason in s.blockers:
            return "✗", RED
        n = len(s.reasons)
        if i == n - 1:
            return "•", GREY
        if i == n - 2:
            if not has_areas:
                return "•", GREY
            return ("✓", GREEN) if s.matched_areas else ("✗", RED)
        return "✓", GREEN

    def suggestion(self) -> Suggestion | None:
        item = self.currentItem()
        if item is None:
            return None
        email = item.data(0, EMAIL_ROLE)
        return next((s for s in self._suggestions if s.email == email), None)

    def select_email(self, email: str) -> bool:
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            if item is not None and item.data(0, EMAIL_ROLE) == email:
                self.setCurrentItem(item)
                return True
        return False

    def _current_changed(
        self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None
    ) -> None:
        # Choosing a reason line chooses its practitioner, shown by selecting the name.
        above = current.parent() if current is not None else None
        if above is not None:
            self.blockSignals(True)
            above.setSelected(True)
            self.blockSignals(False)
        self.chosen.emit(self.suggestion())
