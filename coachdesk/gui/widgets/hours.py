"""Spin boxes for minutes and hours that read "90 min", "1h30", "1:30" and "1.5" as typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

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


class _TypedDuration:
    """What the two boxes share: the lead's text read by ``parse`` (a domain parser)."""

    parse: Callable[[str], float | None]

    def _typed(self, text: str) -> str:
        box = cast(QDoubleSpinBox, self)  # or a QSpinBox: both have a prefix and a suffix
        return _core(box, text, box.prefix(), box.suffix())

    def _validate(self, text: str, pos: int) -> object:
        box = cast(QDoubleSpinBox, self)
        state = _check(
            self._typed(text),
            box.specialValueText(),
            type(self).parse,
            box.minimum(),
            box.maximum(),
        )
        return state, text, pos

    def _value_of(self, text: str) -> float:
        box = cast(QDoubleSpinBox, self)
        typed = self._typed(text)
        if box.specialValueText() and typed == box.specialValueText():
            return box.minimum()
        try:
            value = type(self).parse(typed)
        except ValueError:
            return box.value()
        return box.value() if value is None else value


class MinutesBox(_TypedDuration, QSpinBox):
    """Whole minutes (1 to a day by default); hours may be typed: ``1h30`` is 90 minutes."""

    parse = staticmethod(parse_minutes)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(1, 24 * 60)
        self.setSuffix(" min")
        self.setToolTip(f"Minutes, or hours and minutes: {EXAMPLES}")

    def validate(self, text: str, pos: int) -> object:  # type: ignore[override]
        return self._validate(text, pos)

    def valueFromText(self, text: str) -> int:
        return int(self._value_of(text))


class HoursBox(_TypedDuration, QDoubleSpinBox):
    """Hours (one decimal place by default); ``90 min``, ``1h30`` and ``1:30`` are 1.5."""

    parse = staticmethod(parse_hours)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(1)
        self.setToolTip(f"Hours: {EXAMPLES}")

    def validate(self, text: str, pos: int) -> object:  # type: ignore[override]
        return self._validate(text, pos)

    def valueFromText(self, text: str) -> float:
        return round(self._value_of(text), self.decimals())
