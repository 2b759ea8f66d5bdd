"""Relationship dialogs: end or withdraw, edit a session, open a relationship without a request."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.enums import MeetingMode, MeetingStatus, MeetingType
from coachdesk.gui.context import AppContext
from coachdesk.gui.operations import Op
from coachdesk.gui.relationships.quick_add import HELD, SCHEDULED, combo, describe
from coachdesk.gui.requests.forms import (
    FormDialog,
    buddy,
    day,
    problem_label,
    sentence,
    set_problem,
)
from coachdesk.gui.requests.new_request import MatchPanel
from coachdesk.gui.widgets.dates import DateField
from coachdesk.gui.widgets.hours import MinutesBox
from coachdesk.gui.widgets.sizing import fit_to_screen, lines_high
from coachdesk.services.dto import MeetingInput, MeetingRow, RelationshipInput, RelationshipRow
from coachdesk.services.meetings import get_meeting, update_meeting
from coachdesk.services.relationships import (
    add_relationship,
    end_relationship,
    withdraw_relationship,
)


def field_box(widget: QWidget, problem: QLabel) -> QVBoxLayout:
    box = QVBoxLayout()
    box.setContentsMargins(0, 0, 0, 0)
    box.addWidget(widget)
    box.addWidget(problem)
    return box


def relationship_title(r: RelationshipRow) -> str:
    return f"the {r.kind} relationship of {r.client_name} with {r.practitioner_name}"


class CloseDialog(FormDialog):
    """End (active → ended) or withdraw (→ withdrawn) a relationship, with a date and reason.

    ``result_value`` is the service's answer: an EndedRelationship or a RelationshipRow."""

    def __init__(
        self, ctx: AppContext, parent: QWidget | None, rel: RelationshipRow, how: str
    ) -> None:
        ending = how == "end"
        super().__init__(
            ctx,
            parent,
            "End relationship" if ending else "Withdraw relationship",
            "End relationship" if ending else "Withdraw relationship",
        )
        self.setObjectName("endDialog" if ending else "withdrawDialog")
        self.rel, self.ending = rel, ending
        intro = QLabel(
            f"End {relationship_title(rel)}. The client's post-evaluation and the practitioner's "
            "post-evaluation fall due on the end date, the follow-up six months later."
            if ending
            else f"Withdraw {relationship_title(rel)}: it will not go on, and no evaluations "
            "fall due."
        )
        intro.setWordWrap(True)
        self.when = DateField(required=True)
        self.when.setObjectName("endedOn")
        self.when.setAccessibleName("Ended on" if ending else "Withdrawn on")
        self.when.set_date(ctx.today())
        self.when_problem = problem_label("ended_on")
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setAccessibleName("Reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(lines_high(self.reason, 5))
        self.reason.setPlaceholderText(
            "e.g. objectives met; planned sessions completed"
            if ending
            else "e.g. the client changed role; practitioner unavailable"
        )
        form = QFormLayout()
        form.addRow(
            buddy("&Ended on:" if ending else "&Withdrawn on:", self.when),
            field_box(self.when, self.when_problem),
        )
        form.addRow(buddy("&Reason:", self.reason), self.reason)
        self.body.addWidget(intro)
        self.body.addLayout(form)
        QWidget.setTabOrder(self.when, self.reason)
        QWidget.setTabOrder(self.reason, self.save_button)
        self.when.textChanged.connect(lambda _t: self.revalidate())
        self.finish_layout()
        self.when.setFocus()
        self.when.selectAll()

    def problems(self) -> list[str]:
        problem = self.when.problem()
        when = self.when.date()
        if problem is None and when is not None:
            if when > self.ctx.today():
                problem = "cannot be after today"
            elif self.rel.started_on is not None and when < self.rel.started_on:
                problem = f"cannot be before the start date, {day(self.rel.started_on)}"
        word = "ended on" if self.ending else "withdrawn on"
        set_problem(self.when_problem, sentence(problem))
        return [f"{word} {problem}"] if problem else []

    def changed(self) -> bool:
        return bool(self.reason.toPlainText().strip()) or self.when.date() != self.ctx.today()

    def save(self) -> bool:
        reason, when = self.reason.toPlainText().strip(), self.when.date()
        if self.ending:
            return self.submit(
                self.ctx.write(
                    self,
                    end_relationship,
                    self.rel.id,
                    ended_on=when,
                    reason=reason,
                    expected_version=self.rel.version,
                )
            )
        return self.submit(
            self.ctx.write(
                self,
                withdraw_relationship,
                self.rel.id,
                on=when,
                reason=reason,
                expected_version=self.rel.version,
            )
        )


class SessionDialog(FormDialog):
    """Every detail of one session, including the day it was recorded (from paper records)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None, m: MeetingRow) -> None:
        super().__init__(ctx, parent, "Edit session")
        self.setObjectName("sessionDialog")
        self.m = m
        self.date = DateField(required=True)
        self.date.setObjectName("date")
        self.date.setAccessibleName("Date")
        self.date.set_date(m.date)
        self.date_problem = problem_label("date")
        self.type = combo("type", [t.value for t in MeetingType])
        self.minutes = MinutesBox()  # also reads 1h30, 1:30, 1.5 (hours)
        self.minutes.setObjectName("minutes")
        self.minutes.setAccessibleName("Minutes")
        self.minutes.setRange(1, 24 * 60)
        self.minutes.setSuffix(" min")
        self.mode = combo("mode", [x.value for x in MeetingMode])
        self.status = combo("status", [s.value for s in MeetingStatus])
        self.recorded = DateField()
        self.recorded.setObjectName("recordedOn")
        self.recorded.setAccessibleName("Recorded on")
        self.recorded.setToolTip("The day the session was recorded; blank means today")
        self.recorded_problem = problem_label("recorded_on")
        self.fill(m)
        form = QFormLayout()
        form.addRow(buddy("&Date:", self.date), field_box(self.date, self.date_problem))
        form.addRow(buddy("&Type:", self.type), self.type)
        form.addRow(buddy("&Minutes:", self.minutes), self.minutes)
        form.addRow(buddy("M&ode:", self.mode), self.mode)
        form.addRow(buddy("St&atus:", self.status), self.status)
        form.addRow(
            buddy("&Recorded on:", self.recorded), field_box(self.recorded, self.recorded_problem)
        )
        self.body.addLayout(form)
        chain = [self.date, self.type, self.minutes, self.mode, self.status, self.recorded]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)
        QWidget.setTabOrder(self.recorded, self.save_button)
        self.date.setFocus()  # the form opens on its first field (not on Save, the default)
        self.date.textChanged.connect(lambda _t: self.revalidate())
        self.recorded.textChanged.connect(lambda _t: self.revalidate())
        self.status.currentIndexChanged.connect(lambda _i: self.revalidate())
        for field in chain:
            self.track(field)  # named in what the lead typed, should another lead change it
        self._initial = self.read()
        self.finish_layout()

    def fill(self, m: MeetingRow) -> None:
        self.date.set_date(m.date)
        self.type.setCurrentIndex(self.type.findData(m.type))
        self.minutes.setValue(m.minutes)
        self.mode.setCurrentIndex(self.mode.findData(m.mode))
        self.status.setCurrentIndex(self.status.findData(m.status))
        self.recorded.set_date(m.recorded_on if m.status != SCHEDULED else None)

    def current_record(self) -> Op[MeetingRow] | None:
        return self.ctx.query(self, get_meeting, self.m.id)

    def show_record(self, row: MeetingRow) -> None:
        self.m = row  # later saves are checked against this version
        self.fill(row)
        self._initial = self.read()

    def read(self) -> MeetingInput | None:
        when = self.date.date()
        if when is None or not self.recorded.valid:
            return None
        return MeetingInput(
            type=str(self.type.currentData()),
            date=when,
            minutes=self.minutes.value(),
            mode=str(self.mode.currentData()),
            status=str(self.status.currentData()),
            recorded_on=self.recorded.date(),
            notes=self.m.notes,
        )

    def problems(self) -> list[str]:
        date_problem, recorded_problem = self.date.problem(), self.recorded.problem()
        when, status = self.date.date(), str(self.status.currentData())
        recorded = self.recorded.date() or self.ctx.today()
        after = status in (HELD, MeetingStatus.DID_NOT_ATTEND.value)
        if date_problem is None and when is not None and after:
            if when > self.ctx.today() and self.recorded.date() is None:
                date_problem = f"is after today, so the session cannot be {status} yet"
            elif recorded_problem is None and recorded < when:
                recorded_problem = f"cannot be before the session date ({day(when)})"
        set_problem(self.date_problem, sentence(date_problem))
        set_problem(self.recorded_problem, sentence(recorded_problem))
        out = [f"date {date_problem}"] if date_problem else []
        return out + ([f"recorded on {recorded_problem}"] if recorded_problem else [])

    def changed(self) -> bool:
        return self.read() != self._initial

    def save(self) -> bool:
        data = self.read()
        if data is None:
            return False
        if data == self._initial:
            return True  # nothing changed, nothing saved
        return self.submit(
            self.ctx.write(self, update_meeting, self.m.id, data, expected_version=self.m.version),
            lambda saved: self.ctx.status_message.emit(f"Saved {describe(saved)}."),
        )


class NewRelationshipDialog(FormDialog):
    """Open a relationship agreed without a request (it starts in contracting)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, "New relationship", "Open relationship")
        self.setObjectName("newRelationshipDialog")
        fit_to_screen(self, 760, 700)
        note = QLabel(
            "For a relationship agreed without a request on file. To record a client's request "
            "instead, use Requests › New request."
        )
        note.setWordWrap(True)
        self.match = MatchPanel(ctx, self)
        self.started = DateField()
        self.started.setObjectName("startedOn")
        self.started.setAccessibleName("Started on")
        self.started_problem = problem_label("started_on")
        self.planned_end = DateField()
        self.planned_end.setObjectName("plannedEnd")
        self.planned_end.setAccessibleName("Planned end")
        self.planned_problem = problem_label("planned_end")
        self.sessions = QSpinBox()
        self.sessions.setObjectName("plannedSessions")
        self.sessions.setAccessibleName("Planned sessions")
        self.sessions.setRange(0, 500)
        self.sessions.setSpecialValueText("not set")
        form = QFormLayout()
        form.addRow(
            buddy("S&tarted on:", self.started), field_box(self.started, self.started_problem)
        )
        form.addRow(
            buddy("Planned &end:", self.planned_end),
            field_box(self.planned_end, self.planned_problem),
        )
        form.addRow(buddy("Planned sess&ions:", self.sessions), self.sessions)
        self.body.addWidget(note)
        self.body.addWidget(self.match, 1)
        self.body.addLayout(form)
        chain = [self.match.suggestions, self.started, self.planned_end, self.sessions]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)
        self.match.client.editTextChanged.connect(lambda _t: self.revalidate())
        self.match.suggestions.chosen.connect(lambda _s: self.revalidate())
        self.started.textChanged.connect(lambda _t: self.revalidate())
        self.planned_end.textChanged.connect(lambda _t: self.revalidate())
        self.finish_layout()
        self.match.client.setFocus()

    def problems(self) -> list[str]:
        out = self.match.problems()
        start_problem, end_problem = self.started.problem(), self.planned_end.problem()
        start, end = self.started.date(), self.planned_end.date()
        if end_problem is None and start is not None and end is not None and end < start:
            end_problem = f"cannot be before the start date, {day(start)}"
        set_problem(self.started_problem, sentence(start_problem))
        set_problem(self.planned_problem, sentence(end_problem))
        out += [f"started on {start_problem}"] if start_problem else []
        return out + ([f"planned end {end_problem}"] if end_problem else [])

    def changed(self) -> bool:
        return self.match.person() is not None or bool(
            self.started.text() or self.planned_end.text() or self.sessions.value()
        )

    def save(self) -> bool:
        person, chosen = self.match.person(), self.match.chosen()
        if person is None or chosen is None:
            return False
        if not chosen.suitable and not self.ctx.confirm(
            self,
            "Not a suitable match",
            f"{chosen.full_name} is not a suitable match for {person.full_name}: "
            f"{'; '.join(chosen.blockers)}.\n\nOpen the relationship anyway?",
        ):
            return False
        data = RelationshipInput(
            kind=self.match.kind_value(),
            practitioner=chosen.email,
            client=person.email,
            started_on=self.started.date(),
            planned_end_on=self.planned_end.date(),
            planned_sessions=self.sessions.value() or None,
        )
        return self.submit(self.ctx.write(self, add_relationship, data))
