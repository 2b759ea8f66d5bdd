"""A date field a lead types into (``23/11/2026``, ``23 Nov 2026`` or ISO), blank allowed."""

from __future__ import annotations

import datetime as dt
from datetime import date

from dateutil import parser as dateparser
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget


def parse_uk_date(text: str) -> date | None:
    """UK day-first or ISO; raises ValueError for text that is not a date."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dateparser.parse(text, dayfirst=True).date()
    except (ValueError, OverflowError, TypeError) as exc:
        raise ValueError(f"{text!r} is not a date") from exc


def format_uk_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


class DateField(QLineEdit):
    """A line edit holding an optional date; ``valid`` tells whether the text reads as one."""

    dateChanged = Signal(object)  # date | None

    def __init__(self, parent: QWidget | None = None, *, required: bool = False) -> None:
        super().__init__(parent)
        self.required = required
        self.setPlaceholderText("dd/mm/yyyy")
        self.setMaximumWidth(140)
        self.textChanged.connect(self._changed)

    def _changed(self, _text: str) -> None:
        ok = self.valid
        self.setStyleSheet("" if ok else "background: #fde8e8;")
        if ok:
            self.dateChanged.emit(self.date())

    @property
    def valid(self) -> bool:
        try:
            value = parse_uk_date(self.text())
        except ValueError:
            return False
        return value is not None or not self.required

    def problem(self) -> str | None:
        """Why the field is not acceptable, or None."""
        try:
            value = parse_uk_date(self.text())
        except ValueError:
            return f"{self.text().strip()!r} is not a date (type dd/mm/yyyy)"
        if value is None and self.required:
            return "a date is required"
        return None

    def date(self) -> date | None:
        try:
            return parse_uk_date(self.text())
        except ValueError:
            return None

    def set_date(self, value: dt.date | None) -> None:
        self.setText(format_uk_date(value))
