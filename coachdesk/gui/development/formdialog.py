"""The record dialog the development and evaluation forms share: checked as you type, Ctrl+S."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.durations import EXAMPLES
from coachdesk.domain.durations import parse_hours as parse_hours
from coachdesk.gui.context import AppContext
from coachdesk.gui.operations import Op
from coachdesk.gui.widgets.forms import (
    HINT_STYLE,
    PROBLEM_STYLE,
    BaseFormDialog,
    field_box,
    set_problem,
)
from coachdesk.gui.widgets.limits import within_limit
from coachdesk.gui.widgets.sizing import lines_high


def hours_text(value: float) -> str:
    """Hours as the lead reads them: ``1.5``, ``16``, ``0.25``."""
    return f"{round(value, 2):g}"


class HoursField(QLineEdit):
    """Hours typed as ``1.5``, ``1:30``, ``1h30`` or ``90 min`` (one parser: domain.durations);
    ``problem()`` says what is wrong (more than 0, ≤ max)."""

    def __init__(self, maximum: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.maximum = maximum
        self.setPlaceholderText("e.g. 1.5 or 90 min")
        self.setMaximumWidth(140)

    def value(self) -> float | None:
        try:
            return parse_hours(self.text())
        except ValueError:
            return None

    def set_value(self, value: float | None) -> None:
        self.setText("" if value is None else hours_text(value))

    def problem(self) -> str | None:
        try:
            value = parse_hours(self.text())
        except ValueError:
            return f"{self.text().strip()!r} is not a number of hours (type e.g. {EXAMPLES})"
        if value is None:
            return "the number of hours is required"
        if value <= 0:
            return "the hours must be more than 0"
        if value > self.maximum:
            return f"at most {hours_text(self.maximum)} hours in one record"
        return None


def plain_text() -> QPlainTextEdit:
    """A multi-line field where Tab moves on (so the form can be filled by keyboard)."""
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(lines_high(edit, 3))
    edit.setMaximumHeight(lines_high(edit, 7))
    return edit


class RecordDialog(BaseFormDialog):
    """Fields with the problem beside each; Save (Ctrl+S) only when valid and changed.

    Subclasses add fields with ``add_field(label, widget, check)``, implement ``save()`` (one
    service call handed to ``finish(op)``) and call ``ready()`` once loaded. Changes, the save in
    flight, drafts and the question before closing are ``BaseFormDialog``'s.
    """

    combo_index = True
    spin_text = False

    saved = Signal(object)  # the row the service returned

    def __init__(
        self, ctx: AppContext, title: str, parent: QWidget | None = None, *, new: bool = True
    ) -> None:
        super().__init__(ctx, title, parent)
        self.new = new
        self.result_row: Any = None
        self.setObjectName("recordDialog")
        self._checks: list[tuple[Callable[[], str | None], QLabel, QWidget]] = []
        self._chain: list[QWidget] = []
        self._ready = False
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.standard_buttons(cancel_tip="Close without saving (Esc)")
        self.save_button.setAutoDefault(False)
        self.cancel_button.setAutoDefault(False)

    # --- building ------------------------------------------------------------------------

    def finish_layout(self, body: QWidget | None = None) -> None:
        """Put the form (or ``body``) above the buttons."""
        if body is None:
            self.layout_.addLayout(self.form)
        else:
            self.layout_.addWidget(body, 1)
        self.layout_.addWidget(self.buttons)

    def add_field(
        self,
        label: str,
        widget: QWidget,
        check: Callable[[], str | None] | None = None,
        *,
        hint: str = "",
        shown: QWidget | None = None,
        form: QFormLayout | None = None,
    ) -> QLabel:
        """A form row: caption, the field (or ``shown`` holding it), a hint and its problem."""
        name = label.replace("&", "").rstrip(":").strip()
        notes: list[QWidget] = []
        if hint:
            note = QLabel(hint)
            note.setStyleSheet(HINT_STYLE)
            note.setWordWrap(True)
            notes.append(note)
        problem = QLabel()
        problem.setObjectName("problem")
        problem.setStyleSheet(PROBLEM_STYLE)
        problem.setWordWrap(True)
        problem.setAccessibleName(f"Problem with {name.lower()}")
        problem.hide()
        box = field_box(shown or widget, *notes, problem)
        caption = QLabel(label)
        caption.setBuddy(widget)
        (form or self.form).addRow(caption, box)
        if not widget.accessibleName():
            widget.setAccessibleName(name)
        self.watch(widget)
        self._chain.append(widget)
        check = within_limit(widget, check)  # a length limit set on the widget, as one types
        if check is not None:
            self._checks.append((check, problem, widget))
        return problem

    def add_check(self, check: Callable[[], str | None], problem: QLabel, widget: QWidget) -> None:
        """A further check whose problem shows in ``problem`` (next to ``widget``)."""
        self._checks.append((check, problem, widget))

    def watch(self, widget: QWidget, *, chain: bool = False) -> None:
        """Check the form again (and track changes) whenever ``widget`` changes."""
        self.track(widget)
        if chain:
            self._chain.append(widget)
        for signal in ("valueChanged", "textChanged", "currentIndexChanged", "toggled"):
            if hasattr(widget, signal):
                getattr(widget, signal).connect(self.validate)
                return

    def ready(self) -> None:
        """Call once loaded: remembers the form as unchanged, checks it, sets the Tab order."""
        self.mark_clean()
        self._ready = True
        self.validate()
        self.set_tab_chain(w.focusProxy() or w for w in self._chain)

    # --- checking ------------------------------------------------------------------------

    def problems(self) -> list[str]:
        """Every problem now shown (empty when the form can be saved)."""
        return [label.text() for _, label, _ in self._checks if label.text()]

    def validate(self, *_: Any) -> bool:
        if not self._ready:
            return False
        shown: dict[int, list[str]] = {}
        labels: dict[int, QLabel] = {}
        for check, label, widget in self._checks:
            text = check()
            labels[id(label)] = label
            bucket = shown.setdefault(id(label), [])
            if text:
                bucket.append(text)
            widget.setAccessibleDescription(text or "")
        for key, label in labels.items():
            set_problem(label, "; ".join(shown[key]))
        ok = not any(shown.values())
        self.save_button.setEnabled(ok and (self.new or self.is_dirty()) and not self.saving)
        self.after_validate(ok)
        self.edited()
        return ok

    def after_validate(self, ok: bool) -> None:
        """Hook for subclasses (e.g. a summary line)."""

    # --- saving ------------------------------------------------------------------------

    def is_dirty(self) -> bool:
        return self._ready and super().is_dirty()

    def finish(self, op: Op[Any]) -> None:
        """Run the save's write: on success ``saved`` says which row and the dialog closes."""
        self.submit(op, self._finished)

    def _finished(self, row: object) -> None:
        self.result_row = row
        self.saved.emit(row)
