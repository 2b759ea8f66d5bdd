"""One relationship's page: parties, status and dates, objectives, sessions, evaluations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.enums import RelationshipStatus
from coachdesk.errors import NotFound
from coachdesk.gui.context import AppContext
from coachdesk.gui.loading import Reader
from coachdesk.gui.relationships.details import DetailsForm
from coachdesk.gui.relationships.dialogs import CloseDialog, relationship_title
from coachdesk.gui.relationships.evaluations_box import EvaluationsBox, ended_message
from coachdesk.gui.relationships.sessions import SessionsPanel
from coachdesk.gui.requests.forms import day, plural
from coachdesk.gui.widgets.elided import ElidedLabel
from coachdesk.gui.widgets.flow import FlowLayout
from coachdesk.gui.widgets.scroll import PageScroll
from coachdesk.gui.widgets.splitter import PaneSplitter
from coachdesk.gui.widgets.unsaved import Saver, joined, save_all, settle
from coachdesk.services.dto import EndedRelationship, RelationshipDetail
from coachdesk.services.handle import Database
from coachdesk.services.relationships import (
    delete_relationship,
    get_relationship,
    start_relationship,
)
from coachdesk.services.settings import get_settings

R = RelationshipStatus
#: Narrower than this, the sessions go below the details instead of beside them.
SIDE_BY_SIDE_FROM = 640


@dataclass(frozen=True)
class RelationshipNow:
    """A relationship as saved now (None when it no longer exists: ``missing`` says why)."""

    detail: RelationshipDetail | None
    recording_days: int
    missing: str = ""


def relationship_now(db: Database, relationship_id: str) -> RelationshipNow:
    days = get_settings(db).recording_days
    try:
        return RelationshipNow(get_relationship(db, relationship_id), days)
    except NotFound as exc:
        return RelationshipNow(None, days, exc.message)


class RelationshipPage(QWidget):
    """Shows one relationship; ``back`` asks for the list again."""

    back = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._read = Reader(ctx, self)
        self.detail: RelationshipDetail | None = None

        self.back_button = QPushButton("◀ All relationships")
        self.back_button.setObjectName("back")
        self.back_button.setToolTip("Back to the list (Esc)")
        self.title = ElidedLabel()
        self.title.setObjectName("title")
        self.title.setProperty("role", "heading")
        self.start_button = QPushButton("Sta&rt…")
        self.end_button = QPushButton("End relationshi&p…")
        self.withdraw_button = QPushButton("&Withdraw…")
        self.print_button = QPushButton("Print re&cord…")
        self.delete_button = QPushButton("Delete…")
        ctx.guard_edits(
            self.start_button, self.end_button, self.withdraw_button, self.delete_button
        )
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.title, 1)
        actions = FlowLayout()
        for name, button in (
            ("start", self.start_button),
            ("end", self.end_button),
            ("withdraw", self.withdraw_button),
            ("print", self.print_button),
            ("delete", self.delete_button),
        ):
            button.setObjectName(name)
            actions.addWidget(button)
        self.start_button.setToolTip("Contracting is done: the relationship becomes active")
        self.withdraw_button.setToolTip("It will not go on (no evaluations fall due)")
        self.print_button.setToolTip("Prepare the relationship record (no private notes)")
        self.delete_button.setToolTip("Delete a relationship entered by mistake")

        self.details = DetailsForm(ctx)
        self.evaluations = EvaluationsBox(ctx)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        # Never squeeze the boxes: scroll instead (word-wrapped labels would let it squeeze).
        left_layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        left_layout.addWidget(self.details.group)
        left_layout.addWidget(self.evaluations)
        left_layout.addWidget(self.details.objectives)
        left_layout.addLayout(self.details.save_row)
        left_layout.addStretch(1)
        scroll = PageScroll(left)
        self.sessions = SessionsPanel(ctx)
        self.sessions.setObjectName("sessions")
        self.splitter = PaneSplitter(
            "relationships/panes",
            narrow_below=SIDE_BY_SIDE_FROM,
            sizes=(4, 7),
            stacked_sizes=(1, 1),
        )
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(self.sessions)
        self.splitter.restore_state(QSettings())
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.splitter, 1)
        chain = self.details.focus_chain() + [self.evaluations.list]
        chain += self.details.objectives_chain() + [self.sessions.table, self.sessions.quick.date]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

        self.back_button.clicked.connect(self.leave)
        self.start_button.clicked.connect(self.start)
        self.end_button.clicked.connect(lambda: self.close_relationship("end"))
        self.withdraw_button.clicked.connect(lambda: self.close_relationship("withdraw"))
        self.print_button.clicked.connect(self.print_record)
        self.delete_button.clicked.connect(self.delete)
        here = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_all, context=here)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.leave, context=here)

    def save_state(self, settings: QSettings) -> None:
        self.splitter.save_state(settings)

    # --- loading -------------------------------------------------------------------------

    @property
    def relationship_id(self) -> str | None:
        return self.detail.relationship.id if self.detail else None

    def load(self, relationship_id: str, then: Callable[[str | None], object]) -> None:
        """Show a relationship, read afresh off the UI thread; edits in progress on the same one
        are kept. ``then(None)`` once shown, ``then(why)`` when it no longer exists."""
        self._read.read(lambda got: self._arrived(got, then), relationship_now, relationship_id)

    def _arrived(self, got: RelationshipNow, then: Callable[[str | None], object]) -> None:
        if got.detail is None:
            then(got.missing)
            return
        self.sessions.recording_days = got.recording_days
        self._show(got.detail)
        then(None)

    def _show(self, detail: RelationshipDetail) -> None:
        self.detail = detail
        r = self.detail.relationship
        word = "coach" if r.kind == "coaching" else "mentor"
        self.title.setText(
            f"{r.kind.capitalize()}: {r.client_name} with {r.practitioner_name} ({word})"
        )
        self.details.show_detail(self.detail)
        self.sessions.parties = f"{r.client_name} with {r.practitioner_name}"
        self.sessions.set_sessions(r.id, self.detail.sessions)
        self.evaluations.show_detail(self.detail)
        self.start_button.setVisible(r.status == R.CONTRACTING)
        self.end_button.setEnabled(r.status == R.ACTIVE)
        self.end_button.setToolTip(
            "End the relationship" if r.status == R.ACTIVE else "Only an active relationship ends"
        )
        self.withdraw_button.setEnabled(r.status in (R.CONTRACTING, R.ACTIVE))

    def reload(self, gone: Callable[[], object]) -> None:
        """Read the relationship again; ``gone()`` when it no longer exists (deleted)."""
        if not self.relationship_id:
            gone()
            return

        def shown(missing: str | None) -> None:
            if missing is not None:
                self.detail = None
                gone()

        self.load(self.relationship_id, shown)

    # --- unsaved changes -----------------------------------------------------------------

    def save_all(self) -> None:
        """Ctrl+S: the details and objectives, and the notes being written."""
        self.save_unsaved(lambda _ok: None)

    def has_changes(self) -> bool:
        return self.unsaved() is not None

    def unsaved(self) -> str | None:
        """The changes on this page not yet saved, in the lead's words (None: none)."""
        parts = [self.details.unsaved_what(), self.sessions.notes_what()]
        return joined([p for p in parts if p])

    def save_unsaved(self, done: Callable[[bool], None]) -> None:
        """Save the details and objectives, then the notes; ``done(True)`` if both saved."""
        savers: list[Saver] = []
        if self.details.unsaved_what():
            savers.append(self.details.save)
        if self.sessions.notes_what():
            savers.append(self.sessions.save_notes)
        save_all(savers, done)

    def discard_unsaved(self) -> None:
        self.details.discard()
        self.sessions.discard_notes()

    def settle(self, proceed: Callable[[], None]) -> None:
        """``proceed`` once nothing here is unsaved: the lead is asked Save / Discard / Cancel."""
        settle(self.ctx, self, self, proceed)

    def leave(self) -> None:
        self.settle(self.back.emit)

    # --- actions -------------------------------------------------------------------------

    def start(self) -> None:
        if self.detail is None:
            return
        r = self.detail.relationship
        on = None if r.started_on else self.ctx.today()
        when = day(r.started_on or on)
        if self.ctx.confirm(
            self,
            "Start relationship",
            f"Contracting is done: start {relationship_title(r)}?\n\nIt becomes active, "
            f"started on {when}.",
        ):
            self.ctx.write(self, start_relationship, r.id, on=on).run()

    def close_relationship(self, how: str) -> None:
        if self.detail is not None:
            self.settle(lambda: self._close_relationship(how))

    def _close_relationship(self, how: str) -> None:
        if self.detail is None:
            return
        dialog = CloseDialog(self.ctx, self, self.detail.relationship, how)
        if not dialog.exec() or not isinstance(dialog.result_value, EndedRelationship):
            return
        self.ctx.inform(
            self, "Relationship ended", ended_message(dialog.result_value, self.ctx.today())
        )

    def print_record(self) -> None:
        if self.relationship_id:
            self.ctx.print_report.emit("relationship", {"id": self.relationship_id})

    def delete(self) -> None:
        if self.detail is None:
            return
        r, d = self.detail.relationship, self.detail
        if not self.ctx.confirm(
            self,
            "Delete relationship",
            f"Delete {relationship_title(r)}?\n\nIts {plural(len(d.sessions), 'session')} "
            f"(with their private notes) and {plural(len(d.evaluations), 'evaluation')} go with "
            "it. The request stays, answered. This cannot be undone; to record that it will "
            "not go on, withdraw it instead.",
        ):
            return
        # Success broadcasts the change; the view then finds it gone and shows the list.
        self.ctx.write(self, delete_relationship, r.id, expected_version=r.version).run()
