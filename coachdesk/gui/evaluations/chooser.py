"""Choose which evaluation to enter when it is not in the due list: relationship, then kind."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.enums import EvaluationKind
from coachdesk.gui.evaluations.form import title_of
from coachdesk.services.dto import RelationshipRow


def relationship_text(rel: RelationshipRow) -> str:
    return f"{rel.client_name} with {rel.practitioner_name} ({rel.kind}, {rel.status})"


class EvaluationChooser(QDialog):
    """A searchable relationship and the kinds of evaluation it does not have yet."""

    def __init__(
        self,
        relationships: list[RelationshipRow],
        done: dict[str, set[str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Enter an evaluation")
        self.done_kinds = done
        self.relationship = QComboBox()
        self.relationship.setEditable(True)
        self.relationship.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.relationship.setAccessibleName("Relationship")
        for rel in sorted(relationships, key=lambda r: (r.status == "withdrawn", r.client_name)):
            self.relationship.addItem(relationship_text(rel), rel.id)
        completer = self.relationship.completer()
        line = self.relationship.lineEdit()
        assert completer is not None and line is not None  # an editable combo has both
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        line.setPlaceholderText("Type a client's or practitioner's name")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Evaluation")
        self.note = QLabel()
        self.note.setStyleSheet("color: #4c6272;")
        form = QFormLayout()
        caption = QLabel("&Relationship:")
        caption.setBuddy(self.relationship)
        form.addRow(caption, self.relationship)
        caption = QLabel("&Evaluation:")
        caption.setBuddy(self.kind)
        form.addRow(caption, self.kind)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Open the form")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.relationship.currentIndexChanged.connect(self._kinds)
        self._kinds()
        self.resize(560, self.sizeHint().height())

    def _kinds(self, *_: object) -> None:
        self.kind.clear()
        rel_id = self.relationship.currentData()
        have = self.done_kinds.get(rel_id, set()) if rel_id else set()
        for kind in EvaluationKind:
            if kind.value not in have:
                self.kind.addItem(title_of(kind.value), kind.value)
        self.note.setText(
            "This relationship has every evaluation; open one from the list to change it."
            if rel_id and not self.kind.count()
            else ""
        )
        self.ok.setEnabled(bool(rel_id) and self.kind.count() > 0)

    def choice(self) -> tuple[str, str] | None:
        rel_id, kind = self.relationship.currentData(), self.kind.currentData()
        return (rel_id, kind) if rel_id and kind else None
