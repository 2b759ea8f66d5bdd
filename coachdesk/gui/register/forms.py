"""Form dialogs: validated as the lead types, problems beside fields, Save only when valid."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from coachdesk.gui.context import AppContext
from coachdesk.gui.widgets.forms import (
    HINT_STYLE,
    PROBLEM_STYLE,
    BaseFormDialog,
    field_box,
    set_problem,
)
from coachdesk.gui.widgets.limits import length_problems


def split_tags(text: str) -> tuple[str, ...]:
    """``"a, b; c"`` → ``("a", "b", "c")``: blanks dropped, duplicates (any case) once."""
    seen: set[str] = set()
    out: list[str] = []
    for part in text.replace(";", ",").split(","):
        tag = " ".join(part.split())
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            out.append(tag)
    return tuple(out)


def join_tags(tags: Iterable[str]) -> str:
    return ", ".join(tags)


def problem_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setProperty("role", "problem")
    label.setStyleSheet(PROBLEM_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def hint_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(HINT_STYLE)
    label.setWordWrap(len(text) > 40)
    return label


def line_edit_of(combo: QComboBox) -> QLineEdit:
    """The text field of an editable combo box."""
    edit = combo.lineEdit()
    assert edit is not None, "the combo box is not editable"
    return edit


class FormDialog(BaseFormDialog):
    """Rows of fields with a problem line under each; Save (Ctrl+S) is enabled only when valid.

    Subclasses add rows with ``add_row``, implement ``problems()`` (field → sentence) and
    ``save()`` (one service call handed to ``submit``), and call ``start()`` once loaded. Changes,
    the save in flight and the question before closing are ``BaseFormDialog``'s.
    """

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, title, parent)
        self.setModal(True)
        self.tab_chain: list[QWidget] = []
        self._problem_of: dict[QWidget, QLabel] = {}
        self._started = False
        self._touched: set[QWidget] = set()
        self.outer = QVBoxLayout(self)
        self.form = self.new_form()
        self.outer.addLayout(self.form)
        self.standard_buttons()
        self.summary = hint_label("")
        self.summary.setObjectName("formSummary")
        self.summary.setAccessibleName("What the form still needs")

    def add_footer(self) -> None:
        """The line saying what Save waits for, then Save and Cancel (call after the rows)."""
        footer = QHBoxLayout()
        footer.addWidget(self.summary, 1)
        footer.addWidget(self.buttons)
        self.outer.addLayout(footer)

    @staticmethod
    def new_form() -> QFormLayout:
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        return form

    def add_row(
        self,
        label: str,
        widget: QWidget,
        *,
        form: QFormLayout | None = None,
        hint: str = "",
        extra: QWidget | None = None,
        name: str = "",
    ) -> QWidget:
        """Add ``widget`` under ``label`` with its problem line; returns the row's container."""
        problem = problem_label()
        problem.setAccessibleName(f"Problem with {name or label.rstrip(':').replace('&', '')}")
        box = field_box(extra or widget, *([hint_label(hint)] if hint else []), problem)
        caption = QLabel(label)
        caption.setBuddy(widget)
        (form or self.form).addRow(caption, box)
        widget.setAccessibleName(name or label.rstrip(":").replace("&", ""))
        self.watch(widget)
        self.tab_chain.append(widget)
        self._problem_of[widget] = problem
        return box

    def watch(self, widget: QWidget) -> None:
        """Validate again (and track changes) whenever ``widget`` changes."""
        self.track(widget)
        for signal in ("textChanged", "currentTextChanged", "toggled", "valueChanged"):
            if hasattr(widget, signal):
                getattr(widget, signal).connect(lambda *_a, w=widget: self._edited(w))
                break

    def _edited(self, widget: QWidget) -> None:
        if self._started:
            self._touched.add(widget)
        self.validate()

    # --- validation ------------------------------------------------------------------------

    def problems(self) -> dict[QWidget, str]:
        """Each field that is not acceptable, and why (subclasses)."""
        return {}

    def validate(self, *_args: Any) -> bool:
        if not self._started:
            return True
        found = {**length_problems(self._problem_of), **self.problems()}  # limits, as one types
        for widget, label in self._problem_of.items():
            set_problem(label, found.get(widget) if widget in self._touched else None)
        self.save_button.setEnabled(not found and not self.saving)
        waiting = [w.accessibleName() for w in found if w not in self._touched]
        self.summary.setText(f"To save, fill in: {', '.join(waiting)}." if waiting else "")
        self.after_validate()
        self.edited()
        return not found

    def after_validate(self) -> None:
        """Hook for subclasses (e.g. what approval still needs)."""

    def problem_text(self, widget: QWidget) -> str:
        """The problem shown next to ``widget`` (blank when none)."""
        label = self._problem_of.get(widget)
        return label.text() if label is not None and label.isVisible() else ""

    # --- changes ---------------------------------------------------------------------------

    def start(self, *, show_all: bool = False) -> None:
        """Call once the form is loaded: remembers it as unchanged and validates it.

        Problems show beside a field once it has been edited (all at once when ``show_all``,
        e.g. for a record loaded to edit, or after an attempt to save); Save waits for all.
        """
        self.mark_clean()
        self._started = True
        if show_all:
            self._touched.update(self._problem_of)
        self.validate()
        self.set_tab_chain(self.tab_chain)

    # --- saving ----------------------------------------------------------------------------

    def try_save(self) -> None:
        """Save: every problem now shows beside its field; nothing is saved while any remains."""
        if self.saving:
            return
        self._touched.update(self._problem_of)
        super().try_save()
