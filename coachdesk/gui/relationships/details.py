"""A relationship's details and objectives, edited in place and saved with one service call."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.enums import MeetingType, RelationshipStatus
from coachdesk.gui.context import AppContext
from coachdesk.gui.relationships.dialogs import field_box
from coachdesk.gui.relationships.objectives import ObjectiveList
from coachdesk.gui.relationships.quick_add import HELD, SCHEDULED
from coachdesk.gui.requests.forms import buddy, day, problem_label, sentence, set_problem
from coachdesk.gui.widgets.dates import DateField
from coachdesk.gui.widgets.elided import ElidedLabel
from coachdesk.gui.widgets.unsaved import DraftKeeper, offer_drafts
from coachdesk.services.changes import RecordKind
from coachdesk.services.drafts import DraftKey
from coachdesk.services.dto import RelationshipDetail, RelationshipInput, RelationshipRow
from coachdesk.services.relationships import update_relationship


def contracting_text(detail: RelationshipDetail) -> str:
    sessions = [m for m in detail.sessions if m.type == MeetingType.CONTRACTING]
    held = [m for m in sessions if m.status == HELD]
    if held:
        return f"contracting session held on {day(held[0].date)}"
    planned = [m for m in sessions if m.status == SCHEDULED]
    if planned:
        return f"contracting session scheduled for {day(planned[0].date)}"
    return "no contracting session held yet (the next session added is the contracting one)"


class DetailsForm(QWidget):
    """Parties and status (read only), dates and planned sessions, and the two objective lists."""

    edited = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: RelationshipDetail | None = None
        #: The version the fields being edited started from (a save is checked against it).
        self.base_version: int | None = None
        #: The save's write is in flight (Save waits for it).
        self.saving = False
        # Each party: the name as a link to their record, the e-mail under it; either is cut
        # short (whole in its tooltip) rather than widen the page.
        self.client, self.client_email = ElidedLabel(), ElidedLabel()
        self.practitioner, self.practitioner_email = ElidedLabel(), ElidedLabel()
        parties: dict[str, QWidget] = {}
        for name, label, email in (
            ("client", self.client, self.client_email),
            ("practitioner", self.practitioner, self.practitioner_email),
        ):
            label.setObjectName(name)
            label.linkActivated.connect(self._open_link)
            email.setObjectName(f"{name}Email")
            email.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            parties[name] = QWidget()
            lines = QVBoxLayout(parties[name])
            lines.setContentsMargins(0, 0, 0, 0)
            lines.setSpacing(0)
            lines.addWidget(label)
            lines.addWidget(email)
        self.request_label = QLabel()
        self.status_label = QLabel()
        self.status_label.setObjectName("status")
        self.started = DateField()
        self.started.setObjectName("startedOn")
        self.started.setAccessibleName("Started on")
        self.started_problem = problem_label("started_on")
        self.planned_end = DateField()
        self.planned_end.setObjectName("plannedEnd")
        self.planned_end.setAccessibleName("Planned end")
        self.planned_problem = problem_label("planned_end")
        self.planned_sessions = QSpinBox()
        self.planned_sessions.setObjectName("plannedSessions")
        self.planned_sessions.setAccessibleName("Planned sessions")
        self.planned_sessions.setRange(0, 500)
        self.planned_sessions.setSpecialValueText("not set")
        self.planned_sessions.setMaximumWidth(140)
        self.ended_caption = QLabel("Ended on:")
        self.ended_label = QLabel()
        self.ended_label.setObjectName("ended")
        self.ended_label.setWordWrap(True)
        self.contracting_label = QLabel()
        self.contracting_label.setObjectName("contracting")
        self.contracting_label.setWordWrap(True)
        self.group = QGroupBox("Details")
        form = QFormLayout(self.group)
        form.addRow("Client:", parties["client"])
        form.addRow("Practitioner:", parties["practitioner"])
        form.addRow("Request:", self.request_label)
        form.addRow("Status:", self.status_label)
        form.addRow(
            buddy("Star&ted on:", self.started), field_box(self.started, self.started_problem)
        )
        form.addRow(
            buddy("P&lanned end:", self.planned_end),
            field_box(self.planned_end, self.planned_problem),
        )
        form.addRow(buddy("Planned sessi&ons:", self.planned_sessions), self.planned_sessions)
        form.addRow(self.ended_caption, self.ended_label)
        form.addRow("Contracting:", self.contracting_label)

        self.individual = ObjectiveList("Individual objectives")
        self.individual.setObjectName("individualObjectives")
        self.organisational = ObjectiveList("Organisational objectives")
        self.organisational.setObjectName("organisationalObjectives")
        self.objectives = QGroupBox("Objectives (agreed at contracting)")
        obj_layout = QVBoxLayout(self.objectives)
        obj_layout.addWidget(buddy("Individ&ual:", self.individual.entry))
        obj_layout.addWidget(self.individual)
        obj_layout.addWidget(buddy("Or&ganisational:", self.organisational.entry))
        obj_layout.addWidget(self.organisational)
        self.save_button = QPushButton("Save changes")
        self.save_button.setObjectName("saveDetails")
        self.save_button.setToolTip("Save the dates and objectives (Ctrl+S)")
        self.revert_button = QPushButton("Undo changes")
        self.revert_button.setObjectName("revertDetails")
        ctx.guard_edits(self.save_button, self.revert_button)
        for box in (self.individual, self.organisational):
            ctx.guard_edits(box.add_button, box.remove_button)
        self.save_row = QHBoxLayout()
        self.save_row.addStretch(1)
        self.save_row.addWidget(self.revert_button)
        self.save_row.addWidget(self.save_button)

        self.save_button.clicked.connect(lambda: self.save())
        self.revert_button.clicked.connect(self.discard)
        for w in (self.started, self.planned_end):
            w.textChanged.connect(lambda _t: self.update_buttons())
        self.planned_sessions.valueChanged.connect(lambda _v: self.update_buttons())
        self.individual.changed.connect(self.update_buttons)
        self.organisational.changed.connect(self.update_buttons)
        for box in (self.individual, self.organisational):
            box.entry.textChanged.connect(ctx.unsaved_changed)
        #: The objectives (with one typed but not yet added) are kept as drafts while edited.
        self.drafts = {
            name: DraftKeeper(
                ctx,
                box,
                partial(objectives_text, box),
                partial(put_objectives, box),
                box.changed,
                box.entry.textChanged,
            )
            for name, box in (
                ("individual_objectives", self.individual),
                ("organisational_objectives", self.organisational),
            )
        }

    def focus_chain(self) -> list[QWidget]:
        return [self.started, self.planned_end, self.planned_sessions]

    def objectives_chain(self) -> list[QWidget]:
        return [
            self.individual.items,
            self.individual.entry,
            self.organisational.items,
            self.organisational.entry,
            self.save_button,
        ]

    def show_detail(self, detail: RelationshipDetail) -> None:
        """Show the relationship; fields being edited on the same one keep what was typed."""
        keep = (
            self.detail is not None
            and self.detail.relationship.id == detail.relationship.id
            and self.changed()
        )
        before = self.detail.relationship if self.detail is not None else None
        clash = (
            keep
            and before is not None
            and _edited_fields(before) != _edited_fields(detail.relationship)
        )
        self.detail = detail
        if not clash or not self.changed():
            # Nothing being edited changed underneath (or it now holds what is typed, as after
            # this editor's own save): a save is checked against this version. Otherwise
            # another lead changed the fields being edited: a save is checked against the
            # version the typing started from, and refused saying who changed it and when.
            self.base_version = detail.relationship.version
        r = detail.relationship
        self.status_label.setText(f"<b>{r.status}</b>")
        self.client.setText(r.client_name)
        self.client.set_link(f"person:{r.client_id}")
        self.client_email.setText(r.client)
        self.practitioner.setText(r.practitioner_name)
        self.practitioner.set_link(f"person:{r.practitioner_id}")
        self.practitioner_email.setText(r.practitioner)
        self.request_label.setText("accepted request" if r.request else "none (opened directly)")
        reason = f" — {r.end_reason}" if r.end_reason else ""
        self.ended_label.setText(f"{day(r.ended_on)}{reason}" if r.ended_on else "—")
        withdrawn = r.status == RelationshipStatus.WITHDRAWN
        self.ended_caption.setText("Withdrawn on:" if withdrawn else "Ended on:")
        self.contracting_label.setText(contracting_text(detail))
        if not keep:
            # The drafts move to this relationship before its text fills the boxes, so what
            # was typed for the one shown before is kept under its own key, and the text
            # filled in is this one's stored text (no draft).
            self._attach_drafts(offer=False)
            self.fill()
        self.update_buttons()
        self._attach_drafts(offer=not keep)

    def _attach_drafts(self, *, offer: bool) -> None:
        if self.detail is None:
            return
        r = self.detail.relationship
        parties = f"{r.client_name} with {r.practitioner_name}"
        for name, stored, words in (
            ("individual_objectives", r.individual_objectives, "individual objectives"),
            ("organisational_objectives", r.organisational_objectives, "organisational objectives"),
        ):
            key = DraftKey(RecordKind.RELATIONSHIP, r.id, name)
            self.drafts[name].attach(key, "\n".join(stored), f"{words} for {parties}")
        if offer:
            offer_drafts(self.ctx, self, list(self.drafts.values()))

    def fill(self) -> None:
        """Put the stored values back in the fields (Undo changes)."""
        if self.detail is None:
            return
        r = self.detail.relationship
        self.started.set_date(r.started_on)
        self.planned_end.set_date(r.planned_end_on)
        self.planned_sessions.setValue(r.planned_sessions or 0)
        self.individual.set_values(r.individual_objectives)
        self.organisational.set_values(r.organisational_objectives)
        self.update_buttons()

    def problems(self) -> list[str]:
        start_problem, end_problem = self.started.problem(), self.planned_end.problem()
        start, end = self.started.date(), self.planned_end.date()
        if end_problem is None and start and end and end < start:
            end_problem = f"cannot be before the start date, {day(start)}"
        set_problem(self.started_problem, sentence(start_problem))
        set_problem(self.planned_problem, sentence(end_problem))
        return [p for p in (start_problem, end_problem) if p]

    def read(self) -> RelationshipInput | None:
        if self.detail is None or self.problems():
            return None
        r = self.detail.relationship
        return RelationshipInput(
            kind=r.kind,
            practitioner=r.practitioner,
            client=r.client,
            started_on=self.started.date(),
            planned_end_on=self.planned_end.date(),
            planned_sessions=self.planned_sessions.value() or None,
            individual_objectives=self.individual.values(),
            organisational_objectives=self.organisational.values(),
        )

    def changed(self) -> bool:
        if self.detail is None:
            return False
        r = self.detail.relationship
        dates = (self.started.date(), self.planned_end.date(), self.planned_sessions.value())
        return (
            dates != (r.started_on, r.planned_end_on, r.planned_sessions or 0)
            or not self.started.valid
            or not self.planned_end.valid
            or self.individual.values() != r.individual_objectives
            or self.organisational.values() != r.organisational_objectives
        )

    def update_buttons(self) -> None:
        problems, changed = self.problems(), self.changed()
        self.save_button.setEnabled(changed and not problems and not self.saving)
        self.revert_button.setEnabled(changed)
        self.edited.emit()
        self.ctx.unsaved_changed.emit()

    def typed_objectives(self) -> bool:
        """An objective is typed in a box but not yet added to its list."""
        return any(b.entry.text().strip() for b in (self.individual, self.organisational))

    def unsaved_what(self) -> str | None:
        """The unsaved changes in the lead's words (None when there are none)."""
        if self.changed() or self.typed_objectives():
            return "the changes to this relationship's dates and objectives"
        return None

    def save(self, done: Callable[[bool], None] | None = None) -> None:
        """One write (when something changed; an objective typed but not added is added first);
        Save waits for it to report, then ``done(ok)``."""
        for box in (self.individual, self.organisational):
            box.add_typed()
        data = self.read()
        if data is None or self.detail is None or self.saving or not self.changed():
            if done is not None:
                done(data is not None and not self.changed())
            return
        self.saving = True
        self.update_buttons()
        op = self.ctx.write(
            self,
            update_relationship,
            self.detail.relationship.id,
            data,
            expected_version=self.base_version,
        )
        op.success(lambda _row: self._saved("Relationship saved.", done))
        op.failure(lambda _exc: self._saved(None, done)).run()

    def _saved(self, message: str | None, done: Callable[[bool], None] | None = None) -> None:
        self.saving = False
        if message:
            self.ctx.status_message.emit(message)
            for keeper in self.drafts.values():
                keeper.saved(keeper.get_text())
        self.update_buttons()
        if done is not None:
            done(message is not None)

    def discard(self) -> None:
        """Undo changes: the stored values back, objectives typed but not added cleared, and
        the drafts gone."""
        for keeper in self.drafts.values():
            keeper.discarded()
        for box in (self.individual, self.organisational):
            box.entry.clear()
        self.fill()

    def _open_link(self, href: str) -> None:
        kind, _, ident = href.partition(":")
        self.ctx.open_record.emit(kind, ident)


def _edited_fields(r: RelationshipRow) -> tuple[object, ...]:
    """What this editor changes (a change elsewhere, e.g. the status, does not clash with it)."""
    return (
        r.started_on,
        r.planned_end_on,
        r.planned_sessions,
        tuple(r.individual_objectives),
        tuple(r.organisational_objectives),
    )


def objectives_text(box: ObjectiveList) -> str:
    """A list's objectives one a line, with one typed but not yet added last."""
    typed = box.entry.text().strip()
    return "\n".join([*box.values(), *([typed] if typed else [])])


def put_objectives(box: ObjectiveList, text: str) -> None:
    """Restore a list's objectives from a draft (one a line)."""
    box.set_values([line for line in text.splitlines() if line.strip()])
