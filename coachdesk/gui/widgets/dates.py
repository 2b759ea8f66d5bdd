"""A date field a lead types into (``23/11/2026``, ``23 Nov 2026`` or ISO), blank allowed."""

from __future__ import annotations

import datetime as dt
from datetime import date

from dateutil import parser as dateparser
from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QLineEdit, QSizePolicy, QStyle, QStyleOptionFrame, QWidget

#: What a date field must show whole: the longest date a lead types, and the hint.
WIDEST_DATES = ("28/09/2026", "28 Sep 2026", "dd/mm/yyyy")


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
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.textChanged.connect(self._changed)

    def sizeHint(self) -> QSize:
        """Wide enough for a whole date (or the placeholder), in any font and at any scale."""
        metrics = self.fontMetrics()
        text = max(metrics.horizontalAdvance(t) for t in (*WIDEST_DATES, self.placeholderText()))
        margins = self.textMargins()
        # QLineEdit's own sum: the text, its 2-pixel margins, the cursor, the text margins.
        width = text + 2 * 2 + 2 + margins.left() + margins.right()
        option = QStyleOptionFrame()
        self.initStyleOption(option)
        inner = QSize(width, super().sizeHint().height())
        size = self.style().sizeFromContents(QStyle.ContentsType.CT_LineEdit, option, inner, self)
        return QSize(size.width(), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

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
