"""The learning-log dialog: reflections tagged with EMCC competences, optionally one relationship."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLineEdit, QWidget

from coachdesk.domain.enums import Competence
from coachdesk.gui.context import AppContext
from coachdesk.gui.development.formdialog import RecordDialog, plain_text
from coachdesk.gui.development.records import required_text
from coachdesk.gui.models.table import display
from coachdesk.gui.operations import Op
from coachdesk.gui.widgets.dates import DateField
from coachdesk.gui.widgets.limits import limit
from coachdesk.services import development
from coachdesk.services.changes import RecordKind
from coachdesk.services.drafts import new_record_id
from coachdesk.services.dto import LearningInput, LearningRow, RelationshipRow


class CompetenceBoxes(QWidget):
    """One checkbox per EMCC competence category, in two columns."""

    valueChanged = Signal()

    def __init__(self, chosen: tuple[str, ...] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for n, competence in enumerate(Competence):
            box = QCheckBox(competence.value)
            box.setAccessibleName(f"EMCC competence: {competence.value}")
            box.setChecked(competence.value in chosen)
            box.toggled.connect(self.valueChanged)
            grid.addWidget(box, n // 2, n % 2)
            self.boxes[competence.value] = box
        self.setFocusProxy(self.boxes[Competence.UNDERSTANDING_SELF.value])

    def chosen(self) -> tuple[str, ...]:
        return tuple(name for name, box in self.boxes.items() if box.isChecked())

    def form_value(self) -> Any:
        return self.chosen()


def relationship_label(rel: RelationshipRow) -> str:
    start = f", from {display(rel.started_on)}" if rel.started_on else ""
    return f"{rel.client_name} ({rel.kind}, {rel.status}{start})"


class LearningDialog(RecordDialog):
    """Add or edit a learning-log entry."""

    def __init__(
        self,
        ctx: AppContext,
        email: str,
        relationships: list[RelationshipRow],
        row: LearningRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = "Edit learning-log entry" if row else "Add learning-log entry"
        super().__init__(ctx, title, parent, new=row is None)
        self.email, self.row = email, row
        self.date = DateField(required=True)
        self.date.set_date(row.date if row else ctx.today())
        self.title = limit(QLineEdit(row.title if row else ""), "title")
        self.relationship = QComboBox()
        self.relationship.addItem("No particular relationship", None)
        for rel in relationships:
            self.relationship.addItem(relationship_label(rel), rel.id)
        if row and row.relationship:
            at = self.relationship.findData(row.relationship)
            if at < 0:  # e.g. no longer listed: keep the link
                label = row.relationship_client or "Linked relationship"
                self.relationship.addItem(label, row.relationship)
                at = self.relationship.count() - 1
            self.relationship.setCurrentIndex(at)
        self.what_happened = plain_text()
        self.learning = plain_text()
        self.next_time = plain_text()
        if row:
            self.what_happened.setPlainText(row.what_happened)
            self.learning.setPlainText(row.learning)
            self.next_time.setPlainText(row.next_time)
        self.competences = CompetenceBoxes(row.competences if row else ())
        self.add_field("&Date:", self.date, self.date.problem)
        self.add_field("&Title:", self.title, lambda: required_text(self.title, "a title"))
        self.add_field(
            "&Relationship:", self.relationship, hint="Optional: the client it is about."
        )
        self.add_field("What &happened:", self.what_happened)
        self.add_field("What I &learned:", self.learning)
        self.add_field("What I will do di&fferently:", self.next_time)
        self.add_field("EMCC &competences:", self.competences)
        for box in list(self.competences.boxes.values())[1:]:
            self._chain.append(box)
        self.finish_layout()
        self.resize(640, self.sizeHint().height())
        self.ready()
        self.keep_text_drafts(
            RecordKind.LEARNING,
            row.id if row else new_record_id(email),
            f"the learning-log entry “{row.title}”" if row else "a new learning-log entry",
            {
                "what_happened": (self.what_happened, "what happened"),
                "learning": (self.learning, "what you learned"),
                "next_time": (self.next_time, "what you will do differently"),
            },
        )

    def read(self) -> LearningInput:
        return LearningInput(
            date=self.date.date(),  # type: ignore[arg-type]
            title=self.title.text().strip(),
            relationship=self.relationship.currentData(),
            what_happened=self.what_happened.toPlainText().strip(),
            learning=self.learning.toPlainText().strip(),
            next_time=self.next_time.toPlainText().strip(),
            competences=self.competences.chosen(),
        )

    def save(self) -> None:
        data = self.read()
        if self.row is None:
            op = self.ctx.write(self, development.add_learning, self.email, data)
        else:
            op = self.ctx.write(
                self,
                development.update_learning,
                self.row.id,
                data,
                expected_version=self.row.version,
            )
        self.finish(op)

    def current_record(self) -> Op[LearningRow] | None:
        if self.row is None:
            return None
        return self.ctx.query(self, development.get_learning, self.row.id)

    def show_record(self, row: LearningRow) -> None:
        self.row = row  # later saves are checked against this version
        self.date.set_date(row.date)
        self.title.setText(row.title)
        at = self.relationship.findData(row.relationship)
        self.relationship.setCurrentIndex(max(at, 0))
        self.what_happened.setPlainText(row.what_happened)
        self.learning.setPlainText(row.learning)
        self.next_time.setPlainText(row.next_time)
        for name, box in self.competences.boxes.items():
            box.setChecked(name in row.competences)
