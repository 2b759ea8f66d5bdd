"""Spin boxes for minutes and hours that read "90 min", "1h30", "1:30" and "1.5" as typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QDoubleSpinBox, QSpinBox, QWidget

from coachdesk.domain.durations import EXAMPLES, TYPING, parse_hours, parse_minutes

State = QValidator.State


def _core(box: QAbstractSpinBox, text: str, prefix: str, suffix: str) -> str:
    """What the lead typed, without the box's own prefix and suffix ("90 min" → "90")."""
    core = text.strip()
    if prefix.strip() and core.startswith(prefix.strip()):
        core = core[len(prefix.strip()) :]
    if suffix.strip() and core.endswith(suffix.strip()):
        core = core[: -len(suffix.strip())]
    return core.strip()


def _check(
    core: str,
    special: str,
    parse: Callable[[str], float | None],
    low: float,
    high: float,
) -> State:
    if special and core == special:
        return State.Acceptable
    try:
        value = parse(core)
    except ValueError:
        return State.Intermediate if TYPING.match(core) else State.Invalid
    if value is None or not low <= value <= high:
        return State.Intermediate
    return State.Acceptable


class MinutesBox(QSpinBox):
    """Whole minutes (1 to a day by default); hours may be typed: ``1h30`` is 90 minutes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(1, 24 * 60)
        self.setSuffix(" min")
        self.setToolTip(f"Minutes, or hours and minutes: {EXAMPLES}")

    def _typed(self, text: str) -> str:
        return _core(self, text, self.prefix(), self.suffix())

    def validate(self, text: str, pos: int) -> object:  # type: ignore[override]
        state = _check(
            self._typed(text),
            self.specialValueText(),
            parse_minutes,
            self.minimum(),
            self.maximum(),
        )
        return state, text, pos

    def valueFromText(self, text: str) -> int:
        typed = self._typed(text)
        if self.specialValueText() and typed == self.specialValueText():
            return self.minimum()
        try:
            value = parse_minutes(typed)
        except ValueError:
            return self.value()
        return self.value() if value is None else value


class HoursBox(QDoubleSpinBox):
    """Hours (one decimal place by default); ``90 min``, ``1h30`` and ``1:30`` are 1.5."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(1)
        self.setToolTip(f"Hours: {EXAMPLES}")

    def _typed(self, text: str) -> str:
        return _core(self, text, self.prefix(), self.suffix())

    def validate(self, text: str, pos: int) -> object:  # type: ignore[override]
        state = _check(
            self._typed(text),
            self.specialValueText(),
            parse_hours,
            self.minimum(),
            self.maximum(),
        )
        return state, text, pos

    def valueFromText(self, text: str) -> float:
        typed = self._typed(text)
        if self.specialValueText() and typed == self.specialValueText():
            return self.minimum()
        try:
            value = parse_hours(typed)
        except ValueError:
            return self.value()
        return self.value() if value is None else round(value, self.decimals())
