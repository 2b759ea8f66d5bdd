"""The person page's Equality tab: ethnic group, sex and disability, only while monitoring is on."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.equality import DIMENSION_LABELS, DIMENSIONS, choices
from coachdesk.gui.context import AppContext
from coachdesk.gui.loading import Reader
from coachdesk.gui.widgets.elided import narrow_combo
from coachdesk.gui.widgets.scroll import PageScroll
from coachdesk.services.equality import EqualityFields, get_equality, set_equality

NOTE = (
    "Special-category data, asked only to check that coaching and mentoring reach all staff "
    "fairly. Anyone may answer “Prefer not to say” or leave a question blank. These answers "
    "never appear in a list, on screen elsewhere or in a report about this person (the person "
    "record prints them only when you tick “Include equality monitoring”); the equality-of-"
    "access report uses them only in aggregate."
)


class EqualityTab(PageScroll):
    """Loads one person's answers; Save makes one set_equality call with all three (the tab
    scrolls when the window is short)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        page = QWidget()
        super().__init__(page, parent)
        self.ctx = ctx
        self._read = Reader(ctx, self)
        self.email: str | None = None
        self._saved = EqualityFields()
        note = QLabel(NOTE)
        note.setWordWrap(True)
        note.setStyleSheet("color: #425563;")
        form = QFormLayout()
        self.boxes: dict[str, QComboBox] = {}
        for dimension in DIMENSIONS:
            box = QComboBox()
            box.setAccessibleName(DIMENSION_LABELS[dimension])
            narrow_combo(box, 30)  # the longest answers are long: the list shows them whole
            box.addItem("(blank)", None)
            for code, label in choices(dimension):
                box.addItem(label, code)
            box.currentIndexChanged.connect(self._edited)
            self.boxes[dimension] = box
            form.addRow(f"{DIMENSION_LABELS[dimension]}:", box)
        self.save_button = QPushButton("&Save answers")
        ctx.guard_edits(self.save_button)
        self.save_button.setAccessibleName("Save equality answers")
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(page)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def load(self, email: str) -> None:
        self.email = email
        self._read.read(self._show, get_equality, email)

    def _show(self, fields: EqualityFields) -> None:
        self._saved = fields
        for dimension, box in self.boxes.items():
            box.blockSignals(True)
            box.setCurrentIndex(max(0, box.findData(fields.of(dimension))))
            box.blockSignals(False)
        self._edited()

    def read(self) -> EqualityFields:
        values = {d: self.boxes[d].currentData() for d in DIMENSIONS}
        return EqualityFields(values["ethnicity"], values["sex"], values["disability"])

    def _edited(self, *_: object) -> None:
        self.save_button.setEnabled(self.read() != self._saved)

    def save(self) -> None:
        """One write; Save waits for it, and the answers saved are shown when it reports."""
        if self.email is None or self.read() == self._saved or not self.save_button.isEnabled():
            return
        self.save_button.setEnabled(False)
        op = self.ctx.write(self, set_equality, self.email, self.read())
        op.success(self._saved_now).failure(lambda _exc: self._edited()).run()

    def _saved_now(self, saved: EqualityFields) -> None:
        self._show(saved)
        self.ctx.status_message.emit("Equality answers saved.")
