"""Development: a coach's or mentor's CPD, supervision and learning log, and 12-month totals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.dates import format_date
from coachdesk.gui.context import AppContext
from coachdesk.gui.development import totals as t
from coachdesk.gui.development.formdialog import RecordDialog
from coachdesk.gui.development.learning import LearningDialog
from coachdesk.gui.development.loading import (
    PractitionerRecords,
    practitioner_records,
    record_owner,
)
from coachdesk.gui.development.picker import PractitionerPicker
from coachdesk.gui.development.records import CpdDialog, SupervisionDialog
from coachdesk.gui.development.tabs import (
    CPD_COLUMNS,
    LEARNING_COLUMNS,
    SUPERVISION_COLUMNS,
    RecordTab,
)
from coachdesk.gui.loading import Reader
from coachdesk.gui.widgets.elided import ElidedLabel
from coachdesk.gui.widgets.splitter import PaneSplitter
from coachdesk.services import development, register
from coachdesk.services.changes import Changes, RecordKind
from coachdesk.services.dto import RelationshipRow

MET_STYLE = "color: #0b6a0b;"
SHORT_STYLE = "color: #8a3b00; font-weight: bold;"
#: Changes to these kinds alter what the view shows.
SHOWN_KINDS = (
    RecordKind.CPD,
    RecordKind.SUPERVISION,
    RecordKind.LEARNING,
    RecordKind.MEETING,
    RecordKind.RELATIONSHIP,
    RecordKind.REGISTRATION,
    RecordKind.PERSON,
)
TABS = ("cpd", "supervision", "learning")
#: Narrower than this, the records go below the list of practitioners.
SIDE_BY_SIDE_FROM = 700


class DevelopmentView(QWidget):
    """Pick a practitioner on the left; their records and totals on the right."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.email: str | None = None
        self.relationships: list[RelationshipRow] = []
        self.dialog: QDialog | None = None
        self._stale = False
        self.totals: t.Totals | None = None

        self.picker = PractitionerPicker(ctx)
        self.picker.picked.connect(self._picked)

        self.heading = ElidedLabel()
        self.heading.setObjectName("practitionerHeading")
        self.heading.setProperty("role", "heading")
        self.about = ElidedLabel()
        self.about.setObjectName("practitionerAbout")
        self.totals_box = QGroupBox("Last 12 months")
        self.totals_box.setObjectName("totals")
        self.cpd_total = QLabel()
        self.supervision_total = QLabel()
        self.ratio_total = QLabel()
        box = QVBoxLayout(self.totals_box)
        for label, name in (
            (self.cpd_total, "CPD total"),
            (self.supervision_total, "Supervision per quarter"),
            (self.ratio_total, "Supervision to practice ratio"),
        ):
            label.setWordWrap(True)
            label.setAccessibleName(name)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            box.addWidget(label)
        self.save_evidence_button = QPushButton("&Save evidence file…")
        self.save_evidence_button.setAccessibleName("Save the selected record's evidence file")
        self.save_evidence_button.clicked.connect(self._save_evidence)
        self.tab = {
            "cpd": RecordTab("CPD", CPD_COLUMNS, [self.save_evidence_button]),
            "supervision": RecordTab("supervision", SUPERVISION_COLUMNS),
            "learning": RecordTab("learning-log entry", LEARNING_COLUMNS),
        }
        self.tabs = QTabWidget()
        self.tabs.setObjectName("developmentTabs")
        for key in TABS:
            tab = self.tab[key]
            self.tabs.addTab(tab, key)
            tab.add_requested.connect(lambda k=key: self.add(k))
            tab.edit_requested.connect(lambda row, k=key: self.edit(k, row))
            tab.delete_requested.connect(lambda row, k=key: self.delete(k, row))
            ctx.guard_edits(tab.add_button, tab.edit_button, tab.delete_button)
        self.tab["cpd"].table.selectionModel().selectionChanged.connect(self._evidence_button)
        self.tab["cpd"].model.modelReset.connect(self._evidence_button)
        page = QWidget()
        right = QVBoxLayout(page)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.heading)
        right.addWidget(self.about)
        right.addWidget(self.totals_box)
        right.addWidget(self.tabs, 1)
        self.empty = QLabel(
            "Choose a coach or mentor on the left to see their CPD, supervision and learning log."
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = QStackedWidget()
        self.detail.addWidget(self.empty)
        self.detail.addWidget(page)

        self.splitter = PaneSplitter(
            "development/panes", narrow_below=SIDE_BY_SIDE_FROM, sizes=(1, 3), stacked_sizes=(1, 2)
        )
        self.splitter.addWidget(self.picker)
        self.splitter.addWidget(self.detail)
        self.splitter.restore_state(QSettings())
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        QWidget.setTabOrder(self.picker.table, self.tabs)
        ctx.changed.connect(self._on_changed)
        self._records_read = Reader(ctx, self)
        self.picker.load(then=self._show_practitioner)

    # --- the practitioner ------------------------------------------------------------------

    def _picked(self, email: str) -> None:
        self.email = email or None
        self._show_practitioner()

    def choose(self, email: str) -> bool:
        """Show ``email``'s records (clearing the search if it hides them)."""
        return self.picker.choose(email)

    def _show_practitioner(self) -> None:
        if self.email is None:
            self.detail.setCurrentWidget(self.empty)
            return
        self.detail.setCurrentIndex(1)
        person = self.picker.by_email.get(self.email)
        if person is not None:
            org = f" · {person.organisation}" if person.organisation else ""
            self.heading.setText(person.name)
            self.about.setText(f"{person.id}{org} · registered as {person.registrations}")
        self._load_records()

    def _load_records(self) -> None:
        email = self.email
        if email is None:
            return
        self._records_read.read(self._show_records, practitioner_records, email)

    def _show_records(self, records: PractitionerRecords) -> None:
        email = records.email
        if email != self.email:
            return  # another practitioner chosen meanwhile
        cpd, supervision, learning = records.cpd, records.supervision, records.learning
        self.relationships = records.relationships
        practice = records.practice
        self.tab["cpd"].set_rows(cpd)
        self.tab["supervision"].set_rows(supervision)
        self.tab["learning"].set_rows(learning)
        counts = (
            ("CPD", len(cpd)),
            ("Supervision", len(supervision)),
            ("Learning log", len(learning)),
        )
        for n, (title, count) in enumerate(counts):
            self.tabs.setTabText(n, f"{title} ({count})")
        totals = t.twelve_months(
            self.ctx.today(),
            [(r.date, r.hours) for r in cpd],
            [(r.date, r.hours) for r in supervision],
            practice,
            registered_on=getattr(self.picker.by_email.get(email), "registered_on", None),
        )
        self.show_totals(totals)

    def show_totals(self, totals: t.Totals) -> None:
        self.totals = totals
        self.totals_box.setTitle(f"Last 12 months ({totals.period})")
        sup_ok = totals.supervision_met
        for label, text, ok in (
            (self.cpd_total, t.cpd_sentence(totals), totals.cpd_met),
            (self.supervision_total, t.supervision_sentence(totals), sup_ok),
            (self.ratio_total, t.ratio_sentence(totals), totals.ratio_met),
        ):
            label.setText(text)
            label.setStyleSheet(MET_STYLE if ok else SHORT_STYLE)

    # --- add, edit, delete -----------------------------------------------------------------

    def _open(self, dialog: RecordDialog, kind: str) -> RecordDialog:
        """Show ``dialog`` (not blocking); once saved, the record it saved is selected."""
        self.dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.saved.connect(lambda row: row is not None and self.tab[kind].select(row.id))
        dialog.open()
        return dialog

    def add(self, kind: str) -> RecordDialog | None:
        if self.email is None:
            self.ctx.status_message.emit("Choose a coach or mentor first.")
            self.focus_search()
            return None
        if kind == "cpd":
            return self._open(CpdDialog(self.ctx, self.email, parent=self), kind)
        if kind == "supervision":
            return self._open(SupervisionDialog(self.ctx, self.email, parent=self), kind)
        return self._open(
            LearningDialog(self.ctx, self.email, self.relationships, parent=self), kind
        )

    def edit(self, kind: str, row: Any) -> RecordDialog:
        assert self.email is not None
        if kind == "cpd":
            dialog: RecordDialog = CpdDialog(self.ctx, self.email, row, self)
        elif kind == "supervision":
            dialog = SupervisionDialog(self.ctx, self.email, row, self)
        else:
            dialog = LearningDialog(self.ctx, self.email, self.relationships, row, self)
        return self._open(dialog, kind)

    def delete(self, kind: str, row: Any) -> bool:
        if kind == "supervision":
            what = f"the supervision with {row.supervisor}"
        elif kind == "cpd":
            what = f"the CPD record {row.title!r}"
        else:
            what = f"the learning-log entry {row.title!r}"
        when = format_date(row.date)
        if not self.ctx.confirm(
            self, "Delete?", f"Delete {what} of {when}? This cannot be undone."
        ):
            return False
        fn = {
            "cpd": development.delete_cpd,
            "supervision": development.delete_supervision,
            "learning": development.delete_learning,
        }[kind]
        self.ctx.write(self, fn, row.id, expected_version=row.version).run()
        return True

    def _evidence_button(self, *_: Any) -> None:
        row = self.tab["cpd"].selected()
        self.save_evidence_button.setEnabled(bool(row and row.evidence_id))

    def _save_evidence(self) -> None:
        row = self.tab["cpd"].selected()
        if row is None or not row.evidence_id:
            return
        target = self.ctx.ask_save_file(
            self, "Save the evidence file", row.evidence_filename or "evidence", "All files (*)"
        )
        if target is None:
            return
        kept = self.ctx.read(register.get_attachment, row.evidence_id)
        target.write_bytes(kept.data)
        self.ctx.status_message.emit(f"Saved {target.name}")

    # --- what the main window calls --------------------------------------------------------

    def focus_search(self) -> None:
        self.picker.focus_search()

    def new_record(self) -> None:
        self.add(TABS[self.tabs.currentIndex()])

    def reload(self) -> None:
        self._stale = False
        self.picker.load(then=self._reloaded)

    def _reloaded(self) -> None:
        self.picker.forget_missing()
        self._show_practitioner()

    def open_record(self, kind: str, ident: str) -> None:
        """Show a CPD, supervision or learning record: whose it is is read off the UI thread,
        then (once the practitioners are listed) theirs are shown with it selected."""
        if kind not in TABS:
            return
        op = self.ctx.query(self, record_owner, kind, ident)
        op.success(lambda email: self._when_listed(lambda: self._open_found(kind, ident, email)))
        op.run()

    def _when_listed(self, then: Callable[[], object]) -> None:
        if self.picker.listed:
            then()
        else:
            self.picker.load(then=then)

    def _open_found(self, kind: str, ident: str, email: str) -> None:
        if not self.choose(email):
            return
        self.tabs.setCurrentIndex(TABS.index(kind))
        self.tab[kind].select(ident)
        self.tab[kind].table.setFocus()

    def _on_changed(self, changes: Changes) -> None:
        if not changes.touches(*SHOWN_KINDS):
            return
        if not self.isVisible():
            self._stale = True
            return
        if changes.touches(RecordKind.REGISTRATION, RecordKind.PERSON):
            self.reload()
        else:
            self._load_records()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def save_state(self, settings: QSettings) -> None:
        self.splitter.save_state(settings)
        for key in TABS:
            self.tab[key].save_state(settings, f"development/{key}Columns")
