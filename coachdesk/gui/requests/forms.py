"""Form helpers shared by the request and relationship views: problem labels and a form dialog."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.words import plural as plural  # the views of this package count with it
from coachdesk.gui.context import AppContext
from coachdesk.gui.models.table import display
from coachdesk.gui.widgets.forms import BaseFormDialog, set_problem

AMBER = QColor("#b35c00")
RED = QColor("#b3261e")
GREEN = QColor("#1e6b32")
GREY = QColor("#6b7075")


def problem_label(name: str) -> QLabel:
    """A red line under a field saying what is wrong with it; hidden while nothing is."""
    label = QLabel()
    label.setProperty("role", "problem")
    label.setObjectName(f"problem-{name}")
    label.setWordWrap(True)
    label.setAccessibleName(f"Problem with {name.replace('_', ' ')}")
    label.setVisible(False)
    return label


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "heading")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def buddy(text: str, widget: QWidget) -> QLabel:
    """A label whose underlined letter (``&``) moves to ``widget``."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def day(value: date | None) -> str:
    """A date as the lead reads it (``3 Mar 2026``); blank for None."""
    return display(value)


def sentence(text: str | None) -> str | None:
    """``text`` with a capital first letter and a full stop; None stays None."""
    if not text:
        return None
    return text[:1].upper() + text[1:].rstrip(".") + "."


class FormDialog(BaseFormDialog):
    """A dialog with Save and Cancel: Save enabled only when ``problems()`` is empty, Ctrl+S
    saves, Esc or closing asks before dropping changes. Subclasses call ``revalidate()`` when
    a field changes and implement ``problems``, ``changed`` and ``save`` (one service call,
    ``return self.submit(op)``: the dialog closes once it succeeds)."""

    def __init__(
        self, ctx: AppContext, parent: QWidget | None, title: str, save_text: str = "Save"
    ) -> None:
        super().__init__(ctx, title, parent)
        self.setAccessibleName(title)
        self.body = QVBoxLayout(self)
        self.buttons = QDialogButtonBox(self)
        self.save_button: QPushButton = self.buttons.addButton(
            save_text, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("save")
        if save_text == "Save":
            self.save_button.setText("&Save")  # Alt+S saves, as in every form
        self.save_button.setToolTip(f"{save_text} (Ctrl+S)")
        self.save_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.setText("Cancel")  # not the theme's "&Cancel": Esc cancels
        self.connect_buttons()
        self.problem_summary = problem_label("form")

    def finish_layout(self) -> None:
        """Add the summary line and the buttons under the subclass's fields."""
        self.body.addWidget(self.problem_summary)
        self.body.addWidget(self.buttons)
        self.revalidate()

    # --- for subclasses ------------------------------------------------------------------

    def problems(self) -> list[str]:
        return []

    def changed(self) -> bool:
        return False

    def save(self) -> bool:
        """Save: True closes at once; ``return self.submit(op)`` closes once the write succeeds
        (``BaseFormDialog.submit``: Save and Esc wait meanwhile)."""
        return True

    # --- behaviour -----------------------------------------------------------------------

    def revalidate(self) -> None:
        problems = self.problems()
        self.save_button.setEnabled(not problems)
        set_problem(
            self.problem_summary,
            None if not problems else f"Still needed: {'; '.join(problems)}.",
        )
        self.edited()

    def validate(self, *_args: object) -> bool:
        self.revalidate()
        return self.save_button.isEnabled()

    def try_save(self) -> None:
        if self.saving:
            return
        self.revalidate()
        if not self.save_button.isEnabled():
            return
        if self.save():
            self.accept()

    def has_changes(self) -> bool:
        return self.changed()
