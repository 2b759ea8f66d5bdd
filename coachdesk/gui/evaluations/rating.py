"""One questionnaire item as a row of choices, answered with one key (for paper forms)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

#: The focused row is outlined; the chosen answer is solid NHS blue, so a keyed form can be
#: checked against the paper at a glance.
ROW_STYLE = (
    "QFrame#rating[focused='true'] { background: #e8f1fb; border: 1px solid #005eb8; }"
    "QToolButton:checked { background: #005eb8; color: white; font-weight: bold;"
    " border: 1px solid #003087; border-radius: 3px; }"
)
BLANK = "not answered"


def key_hint(low: int, high: int) -> str:
    """What to type for a scale, e.g. ``type 1–5`` or ``type 0–9, + for 10``."""
    if high <= 9:
        return f"type {low}–{high}"
    if high == 10 and low >= 1:
        return f"type {low}–9, 0 or + for 10"
    return f"type {low}–9, + for 10"


class RatingRow(QFrame):
    """A focusable row: number, wording and one button per point of the scale.

    Keys on a focused row: a digit sets that answer and moves to the next row; ``+`` sets 10
    (where 10 is on the scale; on a 1–10 scale ``0`` does too); Space or Enter moves on
    without changing it; Backspace, Delete or ``-`` clears it; Left/Right step the answer;
    Up/Down move between rows. The keypad works the same, so a form can be keyed one-handed.
    """

    valueChanged = Signal(object)  # int | None

    def __init__(
        self,
        number: str,
        text: str,
        low: int,
        high: int,
        parent: QWidget | None = None,
        *,
        anchors: tuple[str, str] = ("", ""),
    ) -> None:
        super().__init__(parent)
        if high - low > 10:
            raise ValueError("a rating row shows at most 11 choices")
        self.setObjectName("rating")
        self.setProperty("focused", False)
        self.setStyleSheet(ROW_STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.low, self.high = low, high
        self.text = text
        self._value: int | None = None
        self.number = QLabel(number)
        self.number.setMinimumWidth(24)
        self.wording = QLabel(text)
        self.wording.setWordWrap(True)
        self.wording.setMinimumWidth(260)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 3, 6, 3)
        row.addWidget(self.number)
        row.addWidget(self.wording, 1)
        if anchors[0]:
            row.addWidget(_quiet(anchors[0]))
        self.buttons: dict[int, QToolButton] = {}
        for value in range(low, high + 1):
            button = QToolButton()
            button.setText(str(value))
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumWidth(30)
            button.setAccessibleName(f"{value}")
            button.clicked.connect(lambda _checked=False, v=value: self._clicked(v))
            row.addWidget(button)
            self.buttons[value] = button
        if anchors[1]:
            row.addWidget(_quiet(anchors[1]))
        self.setAccessibleName(text)
        self.setToolTip(f"{text}\n{key_hint(low, high)}; Space skips, Backspace clears")
        self._show()

    # --- value ---------------------------------------------------------------------------

    def value(self) -> int | None:
        return self._value

    def form_value(self) -> int | None:
        return self._value

    def set_value(self, value: int | None) -> None:
        if value is not None and not self.low <= value <= self.high:
            value = None
        if value == self._value:
            return
        self._value = value
        self._show()
        self.valueChanged.emit(value)

    def _show(self) -> None:
        for value, button in self.buttons.items():
            button.setChecked(value == self._value)
        answer = BLANK if self._value is None else f"answer {self._value}"
        self.setAccessibleDescription(f"{answer}; {key_hint(self.low, self.high)}")

    def _clicked(self, value: int) -> None:
        self.set_value(None if value == self._value else value)
        self.setFocus(Qt.FocusReason.MouseFocusReason)

    # --- keys ----------------------------------------------------------------------------

    def value_for_key(self, text: str) -> int | None:
        """The answer a typed character stands for on this scale, or None."""
        if text == "+" and self.low <= 10 <= self.high:
            return 10
        if text.isdigit() and len(text) == 1:
            digit = int(text)
            if digit == 0 and self.high == 10 and self.low >= 1:
                return 10
            if self.low <= digit <= self.high:
                return digit
        return None

    def next_row(self) -> None:
        self.focusNextPrevChild(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods & ~Qt.KeyboardModifier.ShiftModifier:  # Ctrl+S and friends go to the dialog
            super().keyPressEvent(event)
            return
        value = self.value_for_key(event.text())
        if value is not None:
            self.set_value(value)
            self.next_row()
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down):
            self.next_row()
        elif key == Qt.Key.Key_Up:
            self.focusNextPrevChild(False)
        elif key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Minus):
            self.set_value(None)
        elif key == Qt.Key.Key_Left:
            self.set_value(self.low if self._value is None else max(self.low, self._value - 1))
        elif key == Qt.Key.Key_Right:
            self.set_value(self.high if self._value is None else min(self.high, self._value + 1))
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._focused(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._focused(False)

    def _focused(self, on: bool) -> None:
        self.setProperty("focused", on)
        self.style().unpolish(self)
        self.style().polish(self)


def _quiet(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("color: #4c6272;")
    return label
