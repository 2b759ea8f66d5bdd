"""The Relationships view: the filtered list and, in its place, one relationship's page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QFocusEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.enums import RelationshipKind, RelationshipStatus
from coachdesk.errors import NotFound
from coachdesk.gui.context import AppContext
from coachdesk.gui.models.table import Column
from coachdesk.gui.relationships.dialogs import NewRelationshipDialog
from coachdesk.gui.relationships.page import RelationshipPage
from coachdesk.gui.requests.forms import buddy, heading
from coachdesk.gui.widgets.elided import narrow_combo
from coachdesk.gui.widgets.flow import FlowLayout, labelled
from coachdesk.gui.widgets.record_table import RecordTable
from coachdesk.services.changes import Changes, RecordKind
from coachdesk.services.dto import RelationshipRow
from coachdesk.services.handle import Database
from coachdesk.services.meetings import get_meeting
from coachdesk.services.register import list_people
from coachdesk.services.relationships import get_relationship, list_relationships

CURRENT = "current"  # contracting or active
#: A change naming more relationships than this reloads the whole list.
TARGETED_LIMIT = 20


class LazyCombo(QComboBox):
    """A combo that fills itself the first time the lead reaches it (keeps opening fast)."""

    def __init__(self, fill: Callable[[LazyCombo], None]) -> None:
        super().__init__()
        self._fill = fill
        self.filled = False

    def ensure_filled(self) -> None:
        if not self.filled:
            self.filled = True
            self._fill(self)

    def showPopup(self) -> None:
        self.ensure_filled()
        super().showPopup()

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.ensure_filled()
        super().focusInEvent(event)


def _filter_combo(name: str, everything: str) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    box.addItem(everything, None)
    return box


def relationships_by_id(db: Database, ids: list[str]) -> dict[str, RelationshipRow | None]:
    """Each relationship as saved now; None for an id that is not (or no longer) one."""
    out: dict[str, RelationshipRow | None] = {}
    for ident in ids:
        try:
            out[ident] = get_relationship(db, ident).relationship
        except NotFound:
            out[ident] = None
    return out


class RelationshipsView(QWidget):
    """Every relationship, filtered in memory; Enter opens a relationship's page."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._rows: list[RelationshipRow] = []
        self._loaded = False
        self._pending: set[str] | None = set()  # ids changed while hidden; None: read all
        self._page_stale = False
        self._orgs: dict[str, str] = {}
        self._generation = 0  # a background read reports only if no newer load began
        self._loading = False
        self._select_when_loaded: str | None = None

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setAccessibleName("Search relationships")
        self.search.setPlaceholderText("Search client or practitioner (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.new_button = QPushButton("&New relationship…")
        self.new_button.setObjectName("newRelationship")
        ctx.guard_edits(self.new_button)
        self.new_button.setToolTip("Open a relationship agreed without a request (Ctrl+N)")
        top = QHBoxLayout()
        top.addWidget(heading("Relationships"))
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)

        self.kind = _filter_combo("kindFilter", "All kinds")
        self.kind.setAccessibleName("Kind")
        for k in RelationshipKind:
            self.kind.addItem(k.value.capitalize(), k.value)
        self.status = _filter_combo("statusFilter", "All statuses")
        self.status.setAccessibleName("Status")
        self.status.addItem("Current (contracting or active)", CURRENT)
        for s in RelationshipStatus:
            self.status.addItem(s.value.capitalize(), s.value)
        self.practitioner = _filter_combo("practitionerFilter", "All practitioners")
        self.practitioner.setAccessibleName("Practitioner")
        self.practitioner.setEditable(True)
        self.practitioner.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        narrow_combo(self.practitioner, 18)
        self.organisation = LazyCombo(self._fill_organisations)
        self.organisation.setObjectName("organisationFilter")
        self.organisation.setAccessibleName("Organisation of the client or practitioner")
        self.organisation.addItem("All organisations", None)
        narrow_combo(self.organisation, 18)
        self.organisation.setToolTip(
            "Relationships in which the client or the practitioner works in this organisation"
        )
        self.clear_button = QPushButton("Clear filters")
        self.clear_button.setObjectName("clearFilters")
        filters = FlowLayout()
        for label, box in (
            ("&Kind:", self.kind),
            ("S&tatus:", self.status),
            ("&Practitioner:", self.practitioner),
            ("&Organisation:", self.organisation),
        ):
            filters.addWidget(labelled(buddy(label, box), box))
        filters.addWidget(self.clear_button)

        self.table = RecordTable(
            self._columns(),
            "Relationships",
            lambda row: self.open_record("relationship", row.id),
            object_name="relationshipsTable",
            widths=(180, 180, 90, 90, 100, 100, 60, 100, 100),
        )
        self.model = self.table.model_
        self.counts = QLabel()
        self.counts.setObjectName("counts")

        self.list_page = QWidget()
        list_layout = QVBoxLayout(self.list_page)
        list_layout.addLayout(top)
        list_layout.addLayout(filters)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(self.counts)
        self.page = RelationshipPage(ctx)
        self.page.setObjectName("relationshipPage")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_page)
        self.stack.addWidget(self.page)
        QVBoxLayout(self).addWidget(self.stack)
        chain = [self.search, self.new_button, self.kind, self.status, self.practitioner]
        chain += [self.organisation, self.clear_button, self.table]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

        self.search.textChanged.connect(lambda _t: self._filter())
        for box in (self.kind, self.status, self.organisation):
            box.currentIndexChanged.connect(lambda _i: self._filter())
        self.practitioner.currentTextChanged.connect(lambda _t: self._filter())
        self.clear_button.clicked.connect(self.clear_filters)
        self.new_button.clicked.connect(self.new_record)
        self.page.back.connect(self.show_list)
        ctx.changed.connect(self._on_changed)
        self._restore_state()

    def _columns(self) -> list[Column]:
        return [
            Column("Client", lambda r: r.client_name, tooltip=self._who),
            Column("Practitioner", lambda r: r.practitioner_name, tooltip=self._who),
            Column("Kind", lambda r: r.kind),
            Column("Status", lambda r: r.status),
            Column("Started on", lambda r: r.started_on),
            Column("Planned end", lambda r: r.planned_end_on),
            Column("Held", lambda r: r.sessions_held, align_right=True),
            Column("Last session", lambda r: r.last_session_on),
            Column("Next session", lambda r: r.next_session_on),
            Column("Ended on", lambda r: r.ended_on),
        ]

    def _who(self, r: RelationshipRow) -> str:
        client = self._orgs.get(r.client, "")
        practitioner = self._orgs.get(r.practitioner, "")
        return (
            f"{r.client_name} <{r.client}>{' — ' + client if client else ''}\n"
            f"{r.practitioner_name} <{r.practitioner}>{' — ' + practitioner if practitioner else ''}"
        )

    # --- the list ------------------------------------------------------------------------

    def reload(self) -> None:
        """F5: read everything again (one service call for the list)."""
        if self.stack.currentWidget() is self.page:
            self.page.reload(gone=self.show_list)
        self._pending = None
        if self.stack.currentWidget() is self.list_page:
            self._apply_pending()

    def _load_all(self) -> None:
        """Read the whole list: off the UI thread in the app ("Loading…"), at once in tests.

        The relationships, then (if the organisation filter is in use) each person's
        organisation; a step whose load is no longer the newest goes no further.
        """
        self._generation += 1
        generation = self._generation
        with_orgs = self.organisation.filled
        self._loading = True
        self.counts.setText("Loading…")

        def failed(_exc: BaseException) -> None:
            self._load_failed(generation)

        def relationships_read(rows: list[RelationshipRow]) -> None:
            if generation != self._generation:
                return
            if not with_orgs:
                self._all_loaded((rows, None), generation)
                return
            op = self.ctx.query(self, list_people).failure(failed)
            op.success(
                lambda people: self._all_loaded(
                    (rows, {p.email: p.organisation for p in people}), generation
                )
            ).run()

        self.ctx.query(self, list_relationships).success(relationships_read).failure(failed).run()

    def _load_failed(self, generation: int) -> None:
        if generation == self._generation:  # the bug has been shown
            self._loading = False
            self._pending = None  # read everything when next shown

    def _all_loaded(
        self, data: tuple[list[RelationshipRow], dict[str, str] | None], generation: int
    ) -> None:
        if generation != self._generation:
            return  # a newer load is under way
        self._loading = False
        select, self._select_when_loaded = self._select_when_loaded, None
        self._rows, orgs = data
        self._loaded = True
        if orgs is not None:
            self._orgs = orgs
        self._fill_practitioners()
        self.model.set_rows(self._rows)
        self._filter()
        if select is not None:
            self._select(select)

    def _apply_pending(self) -> None:
        pending, self._pending = self._pending, set()
        if not self._loaded or pending is None or (pending and self._loading):
            self._load_all()
            return
        if not pending:
            return
        generation = self._generation

        def arrived(rows: dict[str, RelationshipRow | None]) -> None:
            if generation == self._generation and shiboken6.isValid(self):
                self._apply_rows(rows)

        self.ctx.query(self, relationships_by_id, sorted(pending)).success(arrived).run()

    def _apply_rows(self, read: dict[str, RelationshipRow | None]) -> None:
        """The relationships read again by id go into the list (None: no longer there)."""
        by_id = {r.id: r for r in self._rows}
        fresh: list[RelationshipRow] = []
        for ident, row in read.items():
            if row is None:  # deleted, or the id of a session or evaluation
                by_id.pop(ident, None)
                continue
            if ident in by_id:
                by_id[ident] = row
            else:
                fresh.append(row)
        self._rows = fresh + [by_id[r.id] for r in self._rows if r.id in by_id]
        self._fill_practitioners()
        self.model.set_rows(self._rows)
        self._filter()

    def _fill_practitioners(self) -> None:
        keep = self.practitioner.currentData()
        names = sorted({(r.practitioner_name, r.practitioner) for r in self._rows})
        self.practitioner.blockSignals(True)
        self.practitioner.clear()
        self.practitioner.addItem("All practitioners", None)
        for name, email in names:
            self.practitioner.addItem(name, email)
        index = self.practitioner.findData(keep) if keep else 0
        self.practitioner.setCurrentIndex(max(index, 0))
        completer = QCompleter([n for n, _ in names], self.practitioner)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.practitioner.setCompleter(completer)
        self.practitioner.blockSignals(False)

    def _fill_organisations(self, box: QComboBox) -> None:
        people = self.ctx.read(list_people)
        self._orgs = {p.email: p.organisation for p in people}
        for org in sorted({p.organisation for p in people if p.organisation}, key=str.casefold):
            box.addItem(org, org)

    def _practitioner_email(self) -> str | None:
        text = self.practitioner.currentText().strip()
        if not text or text == "All practitioners":
            return None
        index = self.practitioner.findText(text, Qt.MatchFlag.MatchFixedString)
        return self.practitioner.itemData(index) if index > 0 else ""

    def _filter(self) -> None:
        keep = self.current()
        kind, status = self.kind.currentData(), self.status.currentData()
        org, email = self.organisation.currentData(), self._practitioner_email()
        tests: list[Callable[[Any], bool]] = []
        if kind:
            tests.append(lambda r: r.kind == kind)
        if status == CURRENT:
            tests.append(lambda r: r.status in ("contracting", "active"))
        elif status:
            tests.append(lambda r: r.status == status)
        if email is not None:
            tests.append(lambda r: r.practitioner == email)
        if org:
            orgs = self._orgs
            tests.append(lambda r: org in (orgs.get(r.client), orgs.get(r.practitioner)))
        self.model.set_predicate((lambda r: all(t(r) for t in tests)) if tests else None)
        self.model.set_search(
            self.search.text(),
            lambda r: f"{r.client_name} {r.client} {r.practitioner_name} {r.practitioner}",
        )
        if keep is not None:
            self._select(keep.id)
        if self._loading:
            self.counts.setText("Loading…")
            return
        shown, total = self.model.matching(), len(self._rows)
        filtered = f"showing {shown} of {total}" if shown != total else f"{total} in all"
        current = sum(1 for r in self._rows if r.status in ("contracting", "active"))
        self.counts.setText(f"{current} current (contracting or active) · {filtered}")

    def clear_filters(self) -> None:
        for box in (self.kind, self.status, self.practitioner, self.organisation):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.search.clear()
        self._filter()

    def current(self) -> RelationshipRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def _select(self, ident: str) -> bool:
        row = self.model.row_of_id(ident)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    # --- list and page -------------------------------------------------------------------

    def show_list(self) -> None:
        shown = self.page.relationship_id
        self.stack.setCurrentWidget(self.list_page)
        if self._pending is None or self._pending or not self._loaded:
            self._apply_pending()
        if shown and not self._select(shown) and self._loading:
            self._select_when_loaded = shown
        self.table.setFocus()

    def open_record(self, kind: str, ident: str) -> None:
        if kind == "meeting":  # its relationship is read off the UI thread first
            op = self.ctx.query(self, get_meeting, ident)
            op.success(lambda found: self._open(found.relationship_id, ident)).run()
        elif kind == "relationship":
            self._open(ident, None)

    def _open(self, ident: str, meeting: str | None) -> None:
        elsewhere = self.stack.currentWidget() is self.page and self.page.relationship_id != ident
        if elsewhere:  # another relationship chosen: its changes are settled first
            self.page.settle(lambda: self._show_page(ident, meeting))
        else:
            self._show_page(ident, meeting)

    def _show_page(self, ident: str, meeting: str | None) -> None:
        self.page.load(ident, lambda missing: self._page_shown(missing, meeting))

    def _page_shown(self, missing: str | None, meeting: str | None) -> None:
        if missing is not None:
            self.ctx.status_message.emit(missing)
            return
        self._page_stale = False
        self.stack.setCurrentWidget(self.page)
        if meeting:
            self.page.sessions.select(meeting)
            self.page.sessions.table.setFocus()
        else:
            self.page.sessions.quick.date.setFocus()

    def new_record(self) -> None:
        if self.stack.currentWidget() is self.page:
            self.page.settle(self._new_relationship)
        else:
            self._new_relationship()

    def _new_relationship(self) -> None:
        dialog = NewRelationshipDialog(self.ctx, self)
        if dialog.exec() and isinstance(dialog.result_value, RelationshipRow):
            self.open_record("relationship", dialog.result_value.id)

    def focus_search(self) -> None:
        if self.stack.currentWidget() is self.page:
            self.page.settle(self._search_list)
        else:
            self._search_list()

    def _search_list(self) -> None:
        if self.stack.currentWidget() is self.page:
            self.show_list()
        self.search.setFocus()
        self.search.selectAll()

    # --- unsaved changes (the main window asks before the view is left) ------------------

    def unsaved(self) -> str | None:
        return self.page.unsaved() if self.stack.currentWidget() is self.page else None

    def save_unsaved(self, done: Callable[[bool], None]) -> None:
        self.page.save_unsaved(done)

    def discard_unsaved(self) -> None:
        self.page.discard_unsaved()

    def _on_changed(self, changes: Changes) -> None:
        if not changes.touches(
            RecordKind.RELATIONSHIP,
            RecordKind.MEETING,
            RecordKind.EVALUATION,
            RecordKind.REQUEST,
            RecordKind.PERSON,
        ):
            if changes.touches(RecordKind.SETTINGS):
                self._page_stale = True
            return
        if self._pending is not None:
            many = len(changes.ids) > TARGETED_LIMIT
            if changes.touches(RecordKind.PERSON) or many or not changes.ids:  # none: unknown
                self._pending = None
            elif changes.touches(RecordKind.RELATIONSHIP, RecordKind.MEETING, RecordKind.REQUEST):
                self._pending |= set(changes.ids)
        self._page_stale = True
        if not self.isVisible():
            return
        if self.stack.currentWidget() is self.page:
            self._page_stale = False
            self.page.reload(gone=self.show_list)
        else:
            self._apply_pending()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stack.currentWidget() is self.page:
            if self._page_stale:
                self._page_stale = False
                self.page.reload(gone=self.show_list)
        elif self._pending is None or self._pending or not self._loaded:
            self._apply_pending()

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("relationships/header", self.table.horizontalHeader().saveState())
        self.page.save_state(settings)

    def _restore_state(self) -> None:
        state = QSettings().value("relationships/header")
        if isinstance(state, QByteArray):
            self.table.horizontalHeader().restoreState(state)
