"""The line under a relationship's sessions that adds one in a few keystrokes; sessions in words."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from coachdesk.domain.enums import MeetingMode, MeetingStatus, MeetingType
from coachdesk.gui.context import AppContext
from coachdesk.gui.requests.forms import buddy, day, problem_label, set_problem
from coachdesk.gui.widgets.dates import DateField
from coachdesk.gui.widgets.flow import FlowLayout
from coachdesk.gui.widgets.hours import MinutesBox
from coachdesk.services.dto import MeetingInput, MeetingRow

HELD = MeetingStatus.HELD.value
SCHEDULED = MeetingStatus.SCHEDULED.value


def describe(m: MeetingRow) -> str:
    """A session in words: "the held regular session of 3 Nov 2026"."""
    return f"the {m.status} {m.type} session of {day(m.date)}"


def combo(name: str, values: Sequence[str]) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    box.setAccessibleName(name.capitalize())
    for v in values:
        box.addItem(v, v)
    return box


class QuickAdd(QWidget):
    """Date, minutes, mode, status, type and Add on one line; Enter anywhere on it adds."""

    submitted = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Add a session")
        self.date = DateField(required=True)
        self.date.setObjectName("quickDate")
        self.date.setAccessibleName("Session date")
        self.minutes = MinutesBox()  # also reads 1h30, 1:30, 1.5 (hours)
        self.minutes.setObjectName("quickMinutes")
        self.minutes.setAccessibleName("Minutes")
        self.minutes.setRange(1, 24 * 60)
        self.minutes.setSuffix(" min")
        self.minutes.setValue(60)
        self.mode = combo("mode", [m.value for m in MeetingMode])
        self.status = combo("status", [s.value for s in MeetingStatus])
        self.type = combo("type", [t.value for t in MeetingType])
        self.add_button = QPushButton("&Add session")
        self.add_button.setObjectName("addSession")
        ctx.guard_edits(self.add_button)
        self.add_button.setToolTip("Add the session (Enter in any of these fields)")
        self.problem = problem_label("session")
        # The fields wrap onto a second line when the panel is narrow (never squeezed).
        dated = QWidget()
        row = QHBoxLayout(dated)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(buddy("New session: &date", self.date))
        row.addWidget(self.date)
        fields = FlowLayout()
        fields.addWidget(dated)
        for widget in (self.minutes, self.mode, self.status, self.type, self.add_button):
            fields.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(fields)
        layout.addWidget(self.problem)
        chain = [self.date, self.minutes, self.mode, self.status, self.type, self.add_button]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)
        self._status_chosen = False
        self._type_chosen = False
        self.status.activated.connect(lambda _i: setattr(self, "_status_chosen", True))
        self.type.activated.connect(lambda _i: setattr(self, "_type_chosen", True))
        self.date.textChanged.connect(lambda _t: self._date_changed())
        self.status.currentIndexChanged.connect(lambda _i: self.problems())
        self.add_button.clicked.connect(self.submitted)
        self.reset(contracting_held=False, mode=MeetingMode.IN_PERSON.value)

    def reset(self, *, contracting_held: bool, mode: str | None = None) -> None:
        """Ready for the next session: today, the type the relationship needs next."""
        self._status_chosen = self._type_chosen = False
        self.date.set_date(self.ctx.today())
        if mode:
            self.mode.setCurrentIndex(max(self.mode.findData(mode), 0))
        self.suggest_type(contracting_held)
        self._date_changed()

    def suggest_type(self, contracting_held: bool) -> None:
        if not self._type_chosen:
            wanted = MeetingType.REGULAR if contracting_held else MeetingType.CONTRACTING
            self.type.setCurrentIndex(self.type.findData(wanted.value))

    def _date_changed(self) -> None:
        when = self.date.date()
        if not self._status_chosen and when is not None:
            wanted = SCHEDULED if when > self.ctx.today() else HELD
            self.status.setCurrentIndex(self.status.findData(wanted))
        self.problems()

    def problems(self) -> list[str]:
        problem = self.date.problem()
        when, status = self.date.date(), self.status.currentData()
        future = when is not None and when > self.ctx.today()
        if problem is None and future and status != SCHEDULED:
            problem = f"{day(when)} is after today, so the session can only be scheduled"
        set_problem(self.problem, problem and f"Date: {problem}.")
        self.add_button.setEnabled(problem is None)
        return [problem] if problem else []

    def read(self) -> MeetingInput | None:
        when = self.date.date()
        if self.problems() or when is None:
            return None
        return MeetingInput(
            type=str(self.type.currentData()),
            date=when,
            minutes=self.minutes.value(),
            mode=str(self.mode.currentData()),
            status=str(self.status.currentData()),
            recorded_on=self.ctx.today(),  # recorded today, as the app counts days
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.submitted.emit()
            return
        super().keyPressEvent(event)
