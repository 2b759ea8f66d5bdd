"""What every form dialog shares: problem lines, Save/Cancel, Ctrl+S, Esc asks, Tab order.

The register, development/evaluation and request/relationship dialogs build on ``BaseFormDialog``
and differ only where their behaviour really does (how a field is checked and when problems show).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.gui.context import AppContext

PROBLEM_STYLE = "color: #a4262c;"
HINT_STYLE = "color: #4c6272;"
DISCARD_TITLE = "Discard changes?"
DISCARD_TEXT = "You have changed this form. Close it without saving?"


def set_problem(label: QLabel, text: str | None) -> None:
    """Show ``text`` in a problem line, or hide the line when there is none."""
    label.setText(text or "")
    label.setVisible(bool(text))


def field_value(widget: QWidget, *, combo_index: bool = False, spin_text: bool = True) -> Any:
    """What a field holds, to tell whether the form changed.

    A widget's own ``form_value()`` wins; a combo box counts by its text (or its index when
    ``combo_index``); a spin box by its text unless ``spin_text`` is False.
    """
    getter = getattr(widget, "form_value", None)
    if callable(getter):
        return getter()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentIndex() if combo_index else widget.currentText()
    if spin_text and isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    return None


def field_box(widget: QWidget, *extras: QWidget) -> QWidget:
    """A form row's field column: ``widget`` then the lines under it (hint, problem)."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(widget)
    for extra in extras:
        column.addWidget(extra)
    return box


class BaseFormDialog(QDialog):
    """A dialog with Save and Cancel: Ctrl+S tries to save, Esc/Cancel/close ask first when
    something changed (``ctx.confirm``), and ``set_tab_chain`` orders Tab through the fields
    and then the buttons. Subclasses implement ``try_save`` and ``has_changes``."""

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)

    # --- buttons -------------------------------------------------------------------------

    def standard_buttons(self, *, cancel_tip: str = "Cancel (Esc)") -> QDialogButtonBox:
        """Save and Cancel as standard buttons, wired to ``try_save`` and ``reject``."""
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        # The same on every platform (some themes show "&Cancel", clashing with a field's Alt+C):
        # Alt+S saves, Esc cancels.
        self.save_button.setText("&Save")
        self.save_button.setToolTip("Save (Ctrl+S)")
        self.save_button.setAccessibleName("Save")
        self.cancel_button: QPushButton = self.buttons.button(
            QDialogButtonBox.StandardButton.Cancel
        )
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip(cancel_tip)
        self.cancel_button.setAccessibleName("Cancel")
        self.connect_buttons()
        return self.buttons

    def connect_buttons(self) -> None:
        """``buttons`` accepted → ``try_save``, rejected → ``reject``; Ctrl+S → ``try_save``."""
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.try_save)

    def set_tab_chain(self, widgets: Iterable[QWidget]) -> None:
        """Tab through ``widgets`` that take focus, then Save and Cancel; focus the first."""
        chain = [w for w in widgets if w.focusPolicy() != Qt.FocusPolicy.NoFocus]
        chain += [self.save_button, self.cancel_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        chain[0].setFocus()

    # --- for subclasses ------------------------------------------------------------------

    def try_save(self) -> None:
        """Save when the form allows it (subclasses)."""

    def has_changes(self) -> bool:
        """Whether closing now would lose what the lead entered (subclasses)."""
        return False

    def discard_question(self) -> tuple[str, str]:
        """The title and question asked before closing a changed form."""
        return DISCARD_TITLE, DISCARD_TEXT

    # --- closing -------------------------------------------------------------------------

    def reject(self) -> None:
        """Esc, Cancel or the window's close button: ask first when something changed."""
        if self.has_changes() and not self.ctx.confirm(self, *self.discard_question()):
            return
        super().reject()
