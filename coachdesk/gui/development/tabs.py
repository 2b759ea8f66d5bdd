"""One tab of the development view: a table of records with Add, Edit and Delete."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from coachdesk.domain.enums import Competence
from coachdesk.gui.development.formdialog import hours_text
from coachdesk.gui.models.table import Column
from coachdesk.gui.widgets.record_table import RecordTable

COMPETENCE_SHORT = {
    Competence.UNDERSTANDING_SELF.value: "Self",
    Competence.SELF_DEVELOPMENT.value: "Self-development",
    Competence.MANAGING_CONTRACT.value: "Contract",
    Competence.BUILDING_RELATIONSHIP.value: "Relationship",
    Competence.ENABLING_INSIGHT.value: "Insight",
    Competence.OUTCOME_ACTION.value: "Outcomes",
    Competence.MODELS_TECHNIQUES.value: "Models",
    Competence.EVALUATION.value: "Evaluation",
}

CPD_COLUMNS = (
    Column("Date", lambda r: r.date),
    Column("Title", lambda r: r.title),
    Column("Kind", lambda r: r.kind),
    Column("Hours", lambda r: hours_text(r.hours), sort=lambda r: r.hours, align_right=True),
    Column("Provider", lambda r: r.provider),
    Column("Evidence", lambda r: r.evidence_filename or ""),
)
SUPERVISION_COLUMNS = (
    Column("Date", lambda r: r.date),
    Column("Supervisor", lambda r: r.supervisor),
    Column("Format", lambda r: r.format),
    Column("Hours", lambda r: hours_text(r.hours), sort=lambda r: r.hours, align_right=True),
    Column("Qualification", lambda r: r.supervisor_qualification),
    Column("Themes", lambda r: " ".join(r.themes.split())[:80]),
)
LEARNING_COLUMNS = (
    Column("Date", lambda r: r.date),
    Column("Title", lambda r: r.title),
    Column("Client", lambda r: r.relationship_client or ""),
    Column(
        "EMCC competences",
        lambda r: ", ".join(COMPETENCE_SHORT.get(c, c) for c in r.competences),
        tooltip=lambda r: "\n".join(r.competences) or None,
    ),
)


class RecordTab(QWidget):
    """A table of one kind of record (newest first) and the buttons that act on it."""

    add_requested = Signal()
    edit_requested = Signal(object)  # the row
    delete_requested = Signal(object)

    def __init__(
        self,
        noun: str,
        columns: Sequence[Column],
        extra_buttons: Sequence[QPushButton] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.noun = noun
        #: A record to select once the rows being read arrive.
        self._wanted: str | None = None
        self.table = RecordTable(
            columns,
            f"{noun[0].upper()}{noun[1:]} records",
            lambda _row: self._edit(),
            object_name=f"{noun.split()[0].lower()}Table",
            sort=(0, Qt.SortOrder.DescendingOrder),
        )
        self.model = self.table.model_
        self.table.installEventFilter(self)
        self.add_button = QPushButton(f"&Add {noun}…")
        self.edit_button = QPushButton("Ed&it…")
        self.delete_button = QPushButton("De&lete…")
        self.add_button.setAccessibleName(f"Add {noun}")
        self.edit_button.setAccessibleName(f"Edit the selected {noun}")
        self.delete_button.setAccessibleName(f"Delete the selected {noun}")
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(self._edit)
        self.delete_button.clicked.connect(self._delete)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button, *extra_buttons):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.table.selectionModel().selectionChanged.connect(self.update_buttons)
        self.model.modelReset.connect(self.update_buttons)
        self.update_buttons()

    def set_rows(self, rows: Sequence[Any]) -> None:
        keep = self.selected()
        wanted, self._wanted = self._wanted, None
        self.table.set_rows(rows)
        if wanted is not None and self.select(wanted):
            return
        if keep is not None:
            self.select(keep.id)

    def selected(self) -> Any | None:
        return self.table.current_row()

    def select(self, ident: str) -> bool:
        """Select the record ``ident``; one not listed yet (its rows still being read) is
        selected when they arrive."""
        found = self.table.select_id(ident)
        self._wanted = None if found else ident
        return found

    def update_buttons(self, *_: Any) -> None:
        has = self.selected() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def set_enabled(self, enabled: bool) -> None:
        self.add_button.setEnabled(enabled)
        if not enabled:
            self.model.set_rows([])

    def eventFilter(self, watched: Any, event: Any) -> bool:
        """Delete on the table deletes the selected record (after asking)."""
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Delete
        ):
            self._delete()
            return True
        return super().eventFilter(watched, event)

    def _edit(self) -> None:
        row = self.selected()
        if row is not None:
            self.edit_requested.emit(row)

    def _delete(self) -> None:
        row = self.selected()
        if row is not None:
            self.delete_requested.emit(row)

    def save_state(self, settings: QSettings, key: str) -> None:
        settings.setValue(key, self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings, key: str) -> None:
        state = settings.value(key)
        if state is not None:
            self.table.horizontalHeader().restoreState(state)
