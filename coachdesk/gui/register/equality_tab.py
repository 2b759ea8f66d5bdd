"""The person page's Equality tab: ethnic group, sex and disability, only while monitoring is on."""

from __future__ import annotations

from collections.abc import Callable

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
from coachdesk.errors import StaleRecord
from coachdesk.gui.context import AppContext
from coachdesk.gui.loading import Reader
from coachdesk.gui.widgets.elided import narrow_combo
from coachdesk.gui.widgets.scroll import PageScroll
from coachdesk.gui.widgets.stale import StaleBar
from coachdesk.services.equality import (
    EqualityAnswers,
    EqualityFields,
    equality_answers,
    set_equality,
)

NOTE = (
    "Special-category data, asked only to check that coaching and mentoring reach all staff "
    "fairly. Anyone may answer “Prefer not to say” or leave a question blank. These answers "
    "never appear in a list, on screen elsewhere or in a report about this person (the person "
    "record prints them only when you tick “Include equality monitoring”); the equality-of-"
    "access report uses them only in aggregate."
)

#: What Cancel on the bar does here (a tab, not a form that closes).
CANCEL_DOES = "puts back the answers as they are saved now, forgetting your choices"


class EqualityTab(PageScroll):
    """Loads one person's answers; Save makes one set_equality call with all three, against the
    person's version they were read at (the tab scrolls when the window is short)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        page = QWidget()
        super().__init__(page, parent)
        self.ctx = ctx
        self._read = Reader(ctx, self)
        self.email: str | None = None
        self.name = ""
        self._saved = EqualityFields()
        self.version: int | None = None
        self.stale: StaleRecord | None = None
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
        ctx.guard_edits(self.save_button, *self.boxes.values())
        self.save_button.setAccessibleName("Save equality answers")
        self.save_button.clicked.connect(lambda: self.save())
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        self.stale_bar = StaleBar()
        self.stale_bar.reload_requested.connect(self.reload_after_stale)
        self.stale_bar.cancel_requested.connect(self.discard_unsaved)
        layout = QVBoxLayout(page)
        layout.addWidget(self.stale_bar)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def load(self, email: str, name: str = "") -> None:
        """Show ``email``'s answers (``name``: the person's, for questions about them); for the
        person already shown with answers being changed, the changes stay (see ``_arrived``)."""
        self.name = name
        if email != self.email:
            self.email, self.version, self.stale = email, None, None
            self.stale_bar.hide()
        self._read.read(self._arrived, equality_answers, email)

    def off(self) -> None:
        """Monitoring was switched off: the tab is hidden and holds nothing (no answers to ask
        about, none to read)."""
        self.email, self.version, self.stale = None, None, None
        self.stale_bar.hide()
        self._saved = self.read()
        self._edited()

    def _arrived(self, answers: EqualityAnswers) -> None:
        if not self.is_dirty() or answers.fields == self.read():
            self._show(answers)  # nothing chosen, or what is saved now is what was chosen
        elif answers.fields == self._saved:
            # Another change to the person (theirs or this lead's details): the answers being
            # chosen still rest on what is saved, so they are kept and saved against it.
            self.version = answers.version
        # Otherwise the answers themselves changed meanwhile: the choices stay as they are and
        # Save, still based on the older version, is refused naming who changed them.

    def _show(self, answers: EqualityAnswers) -> None:
        self._saved, self.version = answers.fields, answers.version
        for dimension, box in self.boxes.items():
            box.blockSignals(True)
            box.setCurrentIndex(max(0, box.findData(answers.fields.of(dimension))))
            box.blockSignals(False)
        self._edited()

    def read(self) -> EqualityFields:
        values = {d: self.boxes[d].currentData() for d in DIMENSIONS}
        return EqualityFields(values["ethnicity"], values["sex"], values["disability"])

    def is_dirty(self) -> bool:
        return self.email is not None and self.read() != self._saved

    def _edited(self, *_: object) -> None:
        self.save_button.setEnabled(self.read() != self._saved)
        self.ctx.unsaved_changed.emit()  # the window's title shows "*" while answers are unsaved

    def save(self, done: Callable[[bool], None] | None = None) -> None:
        """Save the answers chosen; Save waits, and the answers saved are shown when it reports.

        The person's version is read again first: a change to their other details meanwhile
        (this lead's own, just saved, or another lead's) does not block the answers, while a
        change to the answers themselves is refused naming who made it."""
        email = self.email
        if email is None or self.read() == self._saved or not self.save_button.isEnabled():
            if done is not None:
                done(not self.is_dirty())
            return
        self.save_button.setEnabled(False)

        def based_on(answers: EqualityAnswers) -> None:
            if email != self.email:  # another person shown meanwhile: nothing to save here
                self._not_saved(None, done)
                return
            if answers.fields == self._saved:
                self.version = answers.version
            op = self.ctx.write(
                self, set_equality, email, self.read(), expected_version=self.version
            )
            op.success(lambda saved: self._saved_now(saved, done))
            op.failure(lambda exc: self._not_saved(exc, done)).handles(StaleRecord).run()

        query = self.ctx.query(self, equality_answers, email).success(based_on)
        query.failure(lambda exc: self._not_saved(exc, done)).run()

    def _saved_now(self, saved: EqualityFields, done: Callable[[bool], None] | None) -> None:
        self._saved = saved
        self._edited()
        self.stale_bar.hide()
        self.ctx.status_message.emit("Equality answers saved.")
        if self.email is not None:  # the person's new version, to save against next time
            self._read.read(self._arrived, equality_answers, self.email)
        if done is not None:
            done(True)

    def _not_saved(self, exc: BaseException | None, done: Callable[[bool], None] | None) -> None:
        self._edited()
        if isinstance(exc, StaleRecord):
            self.stale = exc
            self.stale_bar.refused(exc.message, cancel_does=CANCEL_DOES)
            self.ensureWidgetVisible(self.stale_bar)
        if done is not None:
            done(False)

    def reload_after_stale(self) -> None:
        """Show the answers as saved now; what the lead had chosen, where it differs, below."""
        if self.email is None:
            return
        mine = self.read()
        who = (self.stale.changed_by if self.stale is not None else None) or "another lead"

        def show(answers: EqualityAnswers) -> None:
            self.stale = None
            self._show(answers)
            differs = [
                (DIMENSION_LABELS[d], self._label(d, mine.of(d)))
                for d in DIMENSIONS
                if mine.of(d) != answers.fields.of(d)
            ]
            self.stale_bar.reloaded(who, differs)

        self._read.read(show, equality_answers, self.email)

    def _label(self, dimension: str, code: str | None) -> str:
        box = self.boxes[dimension]
        return box.itemText(max(0, box.findData(code)))

    # --- unsaved answers (asked about before another person or view is shown) -------------

    def unsaved_what(self) -> str | None:
        if not self.is_dirty():
            return None
        return (
            f"the equality answers chosen for {self.name}"
            if self.name
            else "the equality answers chosen"
        )

    def save_unsaved(self, done: Callable[[bool], None]) -> None:
        self.save(done)

    def discard_unsaved(self) -> None:
        """Forget the choices: the answers as saved now are shown."""
        was_dirty = self.is_dirty() or self.stale is not None
        self.stale = None
        self.stale_bar.hide()
        self._saved = self.read()  # nothing unsaved from now on; the saved answers follow
        if was_dirty and self.email is not None:
            self._read.read(self._show, equality_answers, self.email)
