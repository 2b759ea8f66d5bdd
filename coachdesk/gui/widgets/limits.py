"""Text limits shown as the lead types: "Full name is longer than 200 characters (213 typed)"."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from coachdesk.domain.words import number
from coachdesk.services.labels import LIMITS

_PROPERTY = "maxChars"
W = TypeVar("W", bound=QWidget)


def limit(widget: W, field: str | int) -> W:
    """Give ``widget`` the most characters its field holds (a field key of ``LIMITS``, or a
    number); the forms then say when it is too long. Returns the widget."""
    widget.setProperty(_PROPERTY, field if isinstance(field, int) else LIMITS[field])
    return widget


def _typed(widget: QWidget) -> str | None:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox) and widget.isEditable():
        return widget.currentText()
    return None


def too_long(widget: QWidget, name: str = "") -> str | None:
    """The problem when ``widget`` holds more than its limit (named by its label), else None."""
    most = widget.property(_PROPERTY)
    typed = _typed(widget)
    if not isinstance(most, int) or typed is None:
        return None
    length = len(typed.strip())
    if length <= most:
        return None
    label = name or widget.accessibleName() or "This field"
    return f"{label} is longer than {number(most)} characters ({number(length)} typed)."


def length_problems(widgets: Iterable[QWidget]) -> dict[QWidget, str]:
    """Every field among ``widgets`` that holds more than its limit, and the sentence why."""
    found: dict[QWidget, str] = {}
    for widget in widgets:
        problem = too_long(widget)
        if problem:
            found[widget] = problem
    return found


def within_limit(
    widget: QWidget, check: Callable[[], str | None] | None
) -> Callable[[], str | None] | None:
    """``check`` preceded by the widget's length limit (None when it has neither)."""
    if widget.property(_PROPERTY) is None:
        return check

    def checked() -> str | None:
        return too_long(widget) or (check() if check is not None else None)

    return checked
