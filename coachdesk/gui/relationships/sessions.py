"""A relationship's sessions: the table, a one-line quick add, marking, and the private notes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.enums import MeetingStatus, MeetingType
from coachdesk.gui.context import AppContext
from coachdesk.gui.models.table import Column
from coachdesk.gui.relationships.dialogs import SessionDialog
from coachdesk.gui.relationships.quick_add import HELD, SCHEDULED, QuickAdd, describe
from coachdesk.gui.requests.forms import AMBER, RED, day, plural
from coachdesk.gui.widgets.flow import FlowLayout
from coachdesk.gui.widgets.record_table import RecordTable
from coachdesk.gui.widgets.sizing import lines_high
from coachdesk.gui.widgets.unsaved import DraftKeeper, offer_drafts, settle
from coachdesk.services.changes import RecordKind
from coachdesk.services.drafts import DraftKey, discard_draft
from coachdesk.services.dto import MeetingInput, MeetingRow
from coachdesk.services.meetings import add_meeting, delete_meeting, mark_meeting, update_meeting


def _column_widths(panel: QWidget) -> list[int]:
    """Each column wide enough for what it holds, in the panel's own font (the notes take the
    rest): the sessions fit beside the details on a laptop."""
    metrics = panel.fontMetrics()
    samples = (
        "28 Sep 2026",
        "contracting",
        "Minutes",
        "in person",
        "did not attend",
        "Recorded on",
    )
    return [metrics.horizontalAdvance(sample) + 12 for sample in samples]


class SessionsPanel(QGroupBox):
    """The sessions table with the quick add under it, the marking buttons and the notes."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Sessions", parent)
        self.ctx = ctx
        self.relationship_id: str | None = None
        self.recording_days = 14
        self._notes_for: MeetingRow | None = None
        #: The version of the session the notes being typed started from (saves check it).
        self._notes_base: int | None = None
        #: A write from the quick add, or of the notes, is in flight (a second one waits).
        self._adding = False
        self._saving_notes = False
        self._reselecting = False  # putting the selection back while the lead is asked
        #: Who the relationship is between, for naming its sessions' notes ("A with B").
        self.parties = ""

        self.table = RecordTable(
            self._columns(),
            "Sessions",
            lambda _row: self.edit(),
            object_name="sessionsTable",
            widths=_column_widths(self),
        )
        self.model = self.table.model_
        self.summary = QLabel()
        self.summary.setObjectName("sessionSummary")
        self.summary.setWordWrap(True)
        self.quick = QuickAdd(ctx, self)

        self.held_button = QPushButton("&Mark held")
        self.cancelled_button = QPushButton("Mar&k cancelled")
        self.dna_button = QPushButton("Did &not attend")
        self.edit_button = QPushButton("Ed&it…")
        self.delete_button = QPushButton("Delete…")
        marks = FlowLayout()
        for name, button in (
            ("markHeld", self.held_button),
            ("markCancelled", self.cancelled_button),
            ("markDidNotAttend", self.dna_button),
            ("editSession", self.edit_button),
            ("deleteSession", self.delete_button),
        ):
            button.setObjectName(name)
            marks.addWidget(button)

        self.notes_label = QLabel()
        self.notes_label.setObjectName("notesLabel")
        self.notes_label.setWordWrap(True)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setAccessibleName("Private notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(lines_high(self.notes, 3))
        self.save_notes_button = QPushButton("&Save notes")
        self.save_notes_button.setObjectName("saveNotes")
        ctx.guard_edits(
            self.held_button,
            self.cancelled_button,
            self.dna_button,
            self.edit_button,
            self.delete_button,
            self.save_notes_button,
        )
        notes_row = QHBoxLayout()
        notes_row.addWidget(self.notes_label, 1)
        notes_row.addWidget(self.save_notes_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.summary)
        layout.addWidget(self.quick)
        layout.addLayout(marks)
        layout.addLayout(notes_row)
        layout.addWidget(self.notes, 2)

        self.quick.submitted.connect(self.add_from_quick)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.held_button.clicked.connect(lambda: self.mark(HELD))
        self.cancelled_button.clicked.connect(lambda: self.mark(MeetingStatus.CANCELLED.value))
        self.dna_button.clicked.connect(lambda: self.mark(MeetingStatus.DID_NOT_ATTEND.value))
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        self.save_notes_button.clicked.connect(lambda: self.save_notes())
        self.notes.textChanged.connect(self._update_buttons)
        self.notes.textChanged.connect(ctx.unsaved_changed)
        #: The notes being typed are kept as a draft every few seconds (a crash loses nothing).
        self.notes_draft = DraftKeeper.of_text(ctx, self.notes)
        self._show_notes(None)

    def _columns(self) -> list[Column]:
        return [
            Column("Date", lambda m: m.date),
            Column("Type", lambda m: m.type),
            Column("Minutes", lambda m: m.minutes, align_right=True),
            Column("Mode", lambda m: m.mode),
            Column("Status", lambda m: m.status, colour=self._status_colour, tooltip=self._tip),
            Column("Recorded on", lambda m: m.recorded_on, tooltip=self._tip),
            Column("Notes", lambda m: "✎ private notes" if m.notes.strip() else ""),
        ]

    def _status_colour(self, m: MeetingRow) -> QColor | None:
        if m.status == SCHEDULED and m.date < self.ctx.today():
            late = (self.ctx.today() - m.date).days > self.recording_days
            return RED if late else AMBER
        return None

    def _tip(self, m: MeetingRow) -> str | None:
        if m.status == SCHEDULED and m.date < self.ctx.today():
            return "The date has passed: mark what happened (held, cancelled, did not attend)"
        if m.status == HELD and m.recorded_on is not None:
            lag = (m.recorded_on - m.date).days
            if lag > self.recording_days:
                return (
                    f"Recorded {plural(lag, 'day')} after the session (the hub asks "
                    f"within {plural(self.recording_days, 'day')})"
                )
        return None

    # --- data ----------------------------------------------------------------------------

    def set_sessions(self, relationship_id: str, sessions: Sequence[MeetingRow]) -> None:
        same = relationship_id == self.relationship_id
        shown = self.current() if same else None
        keep = shown.id if shown is not None else None
        if not same:
            self.relationship_id = relationship_id
            self._notes_for = None
        self.model.set_rows(sessions)
        held = [m for m in sessions if m.status == HELD]
        contracting = any(m.type == MeetingType.CONTRACTING for m in held)
        minutes = sum(m.minutes for m in held)
        self.summary.setText(
            f"{plural(len(held), 'session')} held ({minutes / 60:g} hours) of {len(sessions)} "
            "recorded. Add one: type the date, Tab, the minutes, Enter."
        )
        last_mode = sessions[-1].mode if sessions else None
        if not same:
            self.quick.reset(contracting_held=contracting, mode=last_mode)
        else:
            self.quick.suggest_type(contracting)
        if keep is None or not self.select(keep):
            self.table.setCurrentIndex(QModelIndex())
            self._show_notes(None)
        self._update_buttons()

    def select(self, meeting_id: str) -> bool:
        row = self.model.row_of_id(meeting_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def current(self) -> MeetingRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    # --- actions -------------------------------------------------------------------------

    def add_from_quick(self) -> None:
        data = self.quick.read()
        if data is None or self.relationship_id is None or self._adding:
            return
        self._adding = True
        op = self.ctx.write(self, add_meeting, self.relationship_id, data)
        op.success(lambda row: self._added(data, row))
        op.failure(lambda _exc: setattr(self, "_adding", False)).run()

    def _added(self, data: MeetingInput, row: MeetingRow) -> None:
        self._adding = False
        held = data.status == HELD and data.type == MeetingType.CONTRACTING
        self.quick.reset(contracting_held=held or self._contracting_held(), mode=data.mode)
        self.select(row.id)
        self.ctx.status_message.emit(f"Added {describe(row)}.")
        self.quick.date.setFocus()
        self.quick.date.selectAll()

    def _contracting_held(self) -> bool:
        return any(
            m.status == HELD and m.type == MeetingType.CONTRACTING for m in self.model.all_rows()
        )

    def mark(self, status: str) -> None:
        m = self.current()
        if m is not None and m.status != status:
            self.ctx.write(
                self,
                mark_meeting,
                m.id,
                status,
                recorded_on=self.ctx.today(),
                expected_version=m.version,
            ).run()

    def edit(self) -> None:
        m = self.current()
        if m is not None:
            SessionDialog(self.ctx, self, m).exec()

    def delete(self) -> None:
        m = self.current()
        if m is None:
            return
        extra = " Its private notes go with it." if m.notes.strip() else ""
        if self.ctx.confirm(
            self,
            "Delete session",
            f"Delete {describe(m)} ({plural(m.minutes, 'minute')}, {m.mode})?{extra} "
            "This cannot be undone.",
        ):
            self.ctx.write(self, delete_meeting, m.id, expected_version=m.version).run()

    # --- notes ---------------------------------------------------------------------------

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        if self._reselecting:
            return
        m = self.current()
        if m is not None and self._notes_for is not None and m.id == self._notes_for.id:
            # The same session, read again (e.g. just marked): keep notes being written.
            typed = self.notes.toPlainText()
            changed = self.notes_changed()
            before = self._notes_for
            base = self._notes_base
            self._show_notes(m)
            if changed:
                self.notes.setPlainText(typed)
                if m.notes != before.notes:
                    # Another lead changed these notes meanwhile: saving what is typed here
                    # is checked against the notes it started from (and refused, saying so).
                    self._notes_base = base
            return
        if self._notes_for is not None and self.notes_changed():
            # Another session chosen with notes unsaved: stay on this one until the lead says.
            wanted = m.id if m is not None else None
            self._reselect(self._notes_for.id)
            settle(self.ctx, self, _Notes(self), lambda: self._move_to(wanted))
            return
        self._show_notes(self.current())
        self._update_buttons()

    def _reselect(self, meeting_id: str | None) -> None:
        self._reselecting = True
        try:
            if meeting_id is None or not self.select(meeting_id):
                self.table.setCurrentIndex(QModelIndex())
        finally:
            self._reselecting = False

    def _move_to(self, meeting_id: str | None) -> None:
        """The notes are settled: show the session the lead chose."""
        self._reselect(meeting_id)
        self._show_notes(self.current())
        self._update_buttons()

    def _show_notes(self, m: MeetingRow | None) -> None:
        again = m is not None and self._notes_for is not None and m.id == self._notes_for.id
        self._notes_for = m
        self._notes_base = m.version if m is not None else None
        key = DraftKey(RecordKind.MEETING, m.id, "notes") if m is not None else None
        label = f"private notes for {describe(m)}" if m is not None else ""
        if m is not None and self.parties:
            label += f" ({self.parties})"
        self.notes_draft.attach(key, m.notes if m else "", label)
        self.notes.blockSignals(True)
        self.notes.setPlainText(m.notes if m else "")
        self.notes.blockSignals(False)
        self.notes.setEnabled(m is not None)
        self.notes_label.setText(
            f"Private notes for {describe(m)} — shown only here, never printed in any report."
            if m
            else "Choose a session to read or write its private notes (never printed)."
        )
        self._update_buttons()
        self.ctx.unsaved_changed.emit()
        if m is not None and not again:
            offer_drafts(self.ctx, self, [self.notes_draft])

    def notes_changed(self) -> bool:
        m = self._notes_for
        return m is not None and self.notes.toPlainText().strip() != m.notes.strip()

    def notes_what(self) -> str | None:
        """The unsaved notes in the lead's words (None when the notes are as saved)."""
        m = self._notes_for
        return f"the private notes for {describe(m)}" if m and self.notes_changed() else None

    def save_notes(self, done: Callable[[bool], None] | None = None) -> None:
        """Save the notes being written (one write; Save notes waits for it); ``done(ok)``
        says how it went."""
        m = self._notes_for
        if m is None or not self.notes_changed() or self._saving_notes:
            if done is not None:
                done(not self.notes_changed())
            return
        self._saving_notes = True
        self._update_buttons()
        data = replace(m.as_input(), notes=self.notes.toPlainText())
        op = self.ctx.write(self, update_meeting, m.id, data, expected_version=self._notes_base)
        op.success(lambda row: self._notes_saved(row, done))
        op.failure(lambda _exc: self._notes_saved(None, done)).run()

    def _notes_saved(
        self, saved: MeetingRow | None, done: Callable[[bool], None] | None = None
    ) -> None:
        self._saving_notes = False
        if saved is not None and self._notes_for is not None and self._notes_for.id == saved.id:
            self._notes_for = saved  # still shown: what is typed now matches what is stored
            self._notes_base = saved.version
            self.notes_draft.saved(saved.notes)
        elif saved is not None:  # another session is shown by now: its draft goes all the same
            self.ctx.write(
                self, discard_draft, DraftKey(RecordKind.MEETING, saved.id, "notes")
            ).run()
        self._update_buttons()
        self.ctx.unsaved_changed.emit()
        if done is not None:
            done(saved is not None)

    def discard_notes(self) -> None:
        """Put back the notes as saved; the draft kept of them goes."""
        self.notes_draft.discarded()
        self._show_notes(self._notes_for)

    def _update_buttons(self) -> None:
        m = self.current()
        future = m is not None and m.date > self.ctx.today()
        self.held_button.setEnabled(m is not None and not future and m.status != HELD)
        self.cancelled_button.setEnabled(m is not None and m.status != MeetingStatus.CANCELLED)
        self.dna_button.setEnabled(
            m is not None and not future and m.status != MeetingStatus.DID_NOT_ATTEND
        )
        later = f"The session is on {day(m.date)}; mark it then" if future and m else ""
        self.held_button.setToolTip(later)
        self.dna_button.setToolTip(later)
        self.edit_button.setEnabled(m is not None)
        self.delete_button.setEnabled(m is not None)
        self.save_notes_button.setEnabled(self.notes_changed() and not self._saving_notes)


class _Notes:
    """The notes being typed, as unsaved work the lead is asked about."""

    def __init__(self, panel: SessionsPanel) -> None:
        self.panel = panel

    def unsaved(self) -> str | None:
        return self.panel.notes_what()

    def save_unsaved(self, done: Callable[[bool], None]) -> None:
        self.panel.save_notes(done)

    def discard_unsaved(self) -> None:
        self.panel.discard_notes()
