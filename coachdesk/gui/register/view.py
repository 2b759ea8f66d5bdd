"""The register view: people searched and filtered as the lead types, beside the person's page."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.enums import Band, RegistrationStatus, values
from coachdesk.errors import NotFound
from coachdesk.gui.context import AppContext
from coachdesk.gui.register import columns as cols
from coachdesk.gui.register.person_dialog import PersonDialog
from coachdesk.gui.register.person_page import LookedUp, PersonPage
from coachdesk.gui.widgets.flow import FlowLayout
from coachdesk.gui.widgets.record_table import RecordTable
from coachdesk.gui.widgets.splitter import PaneSplitter
from coachdesk.gui.widgets.unsaved import joined, save_all, settle
from coachdesk.services.changes import Changes, RecordKind
from coachdesk.services.dto import PersonRow, RegistrationRow
from coachdesk.services.handle import Database
from coachdesk.services.register import get_registration, list_people, list_registrations
from coachdesk.services.settings import get_settings

R = TypeVar("R")
ROLES = ("coach", "mentor", "coachee", "mentee")
NOT_REGISTERED = "not registered"
NO_BAND = "no band"
#: Changes to these kinds alter the list (roles, names); the others only the person's page.
LIST_KINDS = (
    RecordKind.PERSON,
    RecordKind.REGISTRATION,
    RecordKind.RELATIONSHIP,
    RecordKind.REQUEST,
    RecordKind.SETTINGS,
)
#: A list longer than this is followed by a garbage collection (see _loaded).
BIG_LIST = 1000
#: Narrower than this, the person's page goes below the list instead of beside it.
SIDE_BY_SIDE_FROM = 900
PAGE_KINDS = (
    RecordKind.MEETING,
    RecordKind.EVALUATION,
    RecordKind.CPD,
    RecordKind.SUPERVISION,
    RecordKind.LEARNING,
)


#: What the list needs: people, registrations and the hub's region.
_ListData = tuple[list[PersonRow], list[RegistrationRow], str]


def _combo(name: str, first: str, items: list[str]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItem(first, None)
    for item in items:
        combo.addItem(item, item)
    return combo


class RegisterView(QWidget):
    """Everyone on the register; choose one to see (and edit) their record."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.people: list[PersonRow] = []
        self.by_id: dict[str, PersonRow] = {}
        self.by_email: dict[str, PersonRow] = {}
        self.registrations: dict[str, RegistrationRow] = {}
        self.statuses: dict[str, set[str]] = {}
        self.texts: dict[str, str] = {}
        self.hub_region = ""
        self.dialog: PersonDialog | None = None
        self._stale = True
        #: What waits for the list to be read (a record to open, a person form's look-ups).
        self._waiting: list[Callable[[], object]] = []
        self._generation = 0  # a background read reports only if no newer reload began
        self._loading = False

        self.search = QLineEdit()
        self.search.setObjectName("registerSearch")
        self.search.setPlaceholderText("Search name, e-mail or organisation (Ctrl+F)")
        self.search.setAccessibleName("Search people")
        self.search.setClearButtonEnabled(True)
        self.new_button = QPushButton("&New person…")
        ctx.guard_edits(self.new_button)
        self.new_button.setToolTip("Add a person to the register (Ctrl+N)")
        self.role = _combo("Role filter", "Any role", list(ROLES))
        self.status = _combo(
            "Registration status filter",
            "Any registration status",
            [*values(RegistrationStatus), NOT_REGISTERED],
        )
        self.band = _combo("Band filter", "Any band", [*values(Band), NO_BAND])
        self.organisation = _combo("Organisation filter", "Any organisation", [])
        self.organisation.setMinimumContentsLength(18)
        self.organisation.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.clear_button = QPushButton("Clear filters")
        self.count = QLabel()
        self.count.setObjectName("registerCount")

        self.table = RecordTable(cols.PEOPLE, "People", self._open_row)
        self.model = self.table.model_
        self.page = PersonPage(ctx, self.lookup)
        self.page.hide()  # the list has the whole width until a person is chosen
        self.splitter = PaneSplitter(
            "register/panes",
            narrow_below=SIDE_BY_SIDE_FROM,
            sizes=(9, 11),
            stacked_sizes=(2, 3),
        )
        self.splitter.setObjectName("registerSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.page)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        filters = FlowLayout()
        for widget in (self.role, self.status, self.band, self.organisation, self.clear_button):
            filters.addWidget(widget)
        filters.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        QWidget.setTabOrder(self.search, self.new_button)

        self._load_timer = QTimer(self)
        self._load_timer.setSingleShot(True)
        self._load_timer.setInterval(60)
        self._load_timer.timeout.connect(self._load_chosen)
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self._to_table)
        for combo in (self.role, self.status, self.band, self.organisation):
            combo.currentIndexChanged.connect(self._filters_changed)
        self.clear_button.clicked.connect(self.clear_filters)
        self.new_button.clicked.connect(self.new_record)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.modelReset.connect(self._after_reset)
        self.model.set_search("", self._text_of)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        for column, width in enumerate(_column_widths(self.table)):
            self.table.setColumnWidth(column, width)
        ctx.changed.connect(self._on_changed)
        self._restore_state()
        self.reload()

    # --- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the whole list once; searching and filtering then happen in memory.

        In the app the reads run off the UI thread (the view opens at once, "Loading…");
        in tests (``ctx.background`` False) they are done before this returns. People, then
        registrations, then the region: each step goes on only if no newer reload began.
        """
        self._generation += 1
        generation = self._generation
        self._stale = False
        self._loading = True
        self.count.setText("Loading…")

        def with_people(people: list[PersonRow]) -> None:
            self._read(generation, list_registrations, lambda regs: with_regs(people, regs))

        def with_regs(people: list[PersonRow], regs: list[RegistrationRow]) -> None:
            self._read(
                generation,
                get_settings,
                lambda hub: self._loaded((people, regs, hub.region), generation),
            )

        self._read(generation, list_people, with_people)

    def _read(
        self, generation: int, fn: Callable[[Database], R], then: Callable[[R], object]
    ) -> None:
        """One of the list's reads; ``then`` runs only if no newer reload began meanwhile."""

        def arrived(value: R) -> None:
            if generation == self._generation:
                then(value)

        op = self.ctx.query(self, fn).success(arrived)
        op.failure(lambda _exc: self._failed(generation)).run()

    def _failed(self, generation: int) -> None:
        if generation == self._generation:  # the bug has been shown; read again when next shown
            self._loading = False
            self._stale = True
            self._waiting.clear()  # what waited for the list is not done

    def _when_loaded(self, then: Callable[[], object]) -> None:
        """``then`` now if the list is read, else once it is (read off the UI thread)."""
        if self._stale:
            self.reload()
        if self._loading:
            self._waiting.append(then)
        else:
            then()

    def _loaded(self, data: _ListData, generation: int) -> None:
        if generation != self._generation:
            return  # a newer reload is under way
        self._loading = False
        people, regs, region = data
        self.people = people
        self.hub_region = region
        self.by_id = {p.id: p for p in self.people}
        self.by_email = {p.email: p for p in self.people}
        self.registrations = {r.id: r for r in regs}
        self.statuses = {}
        for reg in regs:
            self.statuses.setdefault(reg.person_id, set()).add(reg.status)
        self.texts = {
            p.id: f"{p.full_name}\n{p.email}\n{p.organisation}".lower() for p in self.people
        }
        self._fill_organisations()
        self.model.set_rows(self.people)
        if len(people) > BIG_LIST:
            # Thousands of new rows: let the collector's full pass run now, as the list opens,
            # rather than in the lead's first keystrokes (a pause of tens of ms on a big hub).
            gc.collect()
        # The person shown, or the one being read to be shown (a save from the unsaved-changes
        # question moves on before this list arrives): never the one before.
        wanted = self.page.wanted
        if wanted is not None and wanted.lower() in self.by_email:
            self.page.show_person(wanted)
            # The rows were replaced: the list's choice goes back to them, not to a row that
            # happens to be current now (which the pause before loading would then show).
            self._select_in_table(self.by_email[wanted.lower()].id)
            self._load_timer.stop()
        elif wanted is not None:
            self.page.clear()
        waiting, self._waiting = self._waiting, []
        for then in waiting:
            then()

    def _text_of(self, row: PersonRow) -> str:
        return self.texts.get(row.id, "")

    def _fill_organisations(self) -> None:
        chosen = self.organisation.currentData()
        names = sorted({p.organisation for p in self.people if p.organisation}, key=str.casefold)
        self.organisation.blockSignals(True)
        self.organisation.clear()
        self.organisation.addItem("Any organisation", None)
        for name in names:
            self.organisation.addItem(name, name)
        self.organisation.setCurrentIndex(max(0, self.organisation.findData(chosen)))
        self.organisation.blockSignals(False)

    def lookup(self, then: Callable[[LookedUp], object]) -> None:
        """E-mails in use (→ name), organisations and the hub's region, for the person dialog:
        to ``then`` once the list is read."""
        self._when_loaded(lambda: then(self._looked_up()))

    def _looked_up(self) -> LookedUp:
        taken = {p.email: p.full_name for p in self.people}
        organisations = sorted({p.organisation for p in self.people if p.organisation})
        return taken, organisations, self.hub_region

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*LIST_KINDS):
            if self.isVisible():
                self.reload()
            else:
                self._stale = True
        elif changes.touches(*PAGE_KINDS) and self.isVisible():
            self.page.refresh()
        elif changes.touches(*PAGE_KINDS):
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)

    # --- searching and filtering -----------------------------------------------------------

    def _search_changed(self, text: str) -> None:
        self.model.set_search(text, self._text_of)

    def _filters_changed(self, *_args: Any) -> None:
        self.model.set_predicate(self._predicate())

    def _predicate(self) -> Any:
        role = self.role.currentData()
        status = self.status.currentData()
        band = self.band.currentData()
        organisation = self.organisation.currentData()
        if not (role or status or band or organisation):
            return None
        statuses = self.statuses

        def keep(p: PersonRow) -> bool:
            if role and role not in p.roles:
                return False
            if status == NOT_REGISTERED:
                if p.id in statuses:
                    return False
            elif status and status not in statuses.get(p.id, ()):
                return False
            if band == NO_BAND:
                if p.band:
                    return False
            elif band and p.band != band:
                return False
            return not organisation or p.organisation == organisation

        return keep

    def clear_filters(self) -> None:
        """Show everyone: no search text and every filter back to "any"."""
        for combo in (self.role, self.status, self.band, self.organisation):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.set_search("", self._text_of)
        self.model.set_predicate(None)

    def _after_reset(self) -> None:
        if self._loading:
            return  # "Loading…" stays until the list arrives
        total, matching = self.model.total(), self.model.matching()
        self.count.setText(
            f"{total:,} {'person' if total == 1 else 'people'}"
            if total == matching
            else f"Showing {matching:,} of {total:,}"
        )
        shown = self.page.person_id
        if shown is not None:
            self._select_in_table(shown)

    def _select_in_table(self, person_id: str) -> bool:
        row = self.model.row_of_id(person_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _to_table(self) -> None:
        if self.model.rowCount() > 0:
            self._select_in_table(self.model.row_at(0).id)
            self.table.setFocus()

    # --- choosing a person -----------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and self.model.row_at(current.row()).id != self.page.person_id:
            self._load_timer.start()

    def _load_chosen(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            row = self.model.row_at(index.row())
            if row.id != self.page.person_id:
                self._leave_person(lambda: self.page.show_person(row.email), row)

    def _open_row(self, person: PersonRow) -> None:
        """Enter on a row: that person's page now (not after the list's pause), the keyboard on
        its tabs."""
        self.show_person(person)
        self.page.tabs.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_person(self, person: PersonRow, then: Callable[[], object] | None = None) -> None:
        """Show ``person`` now, making them visible in the list (filters cleared if needed);
        what is typed and not recorded for the person shown is settled first. ``then`` once
        their page shows them (read off the UI thread in the app)."""
        self._load_timer.stop()
        self._leave_person(lambda: self._show_person(person, then), person)

    def _leave_person(self, then: Callable[[], object], chosen: PersonRow) -> None:
        """``then`` (show ``chosen``) once what is typed for the person shown is settled."""
        shown = self.page.person_id
        if shown is not None and chosen.id != shown and self.unsaved():
            self._select_in_table(shown)  # stays chosen until the lead has answered

            def settled() -> None:
                then()
                self._select_in_table(chosen.id)

            settle(self.ctx, self, self, settled)
            return
        then()

    def _show_person(self, person: PersonRow, then: Callable[[], object] | None = None) -> None:
        self.page.show_person(person.email, then)
        if not self._select_in_table(person.id):
            self.clear_filters()
            self._select_in_table(person.id)

    # --- unsaved changes (asked about before another person or view is shown) -------------

    def unsaved(self) -> str | None:
        if not self.page.person_id:
            return None
        return joined(
            [w for w in (self.page.details.unsaved_what(), self.page.equality.unsaved_what()) if w]
        )

    def save_unsaved(self, done: Callable[[bool], None]) -> None:
        editors = (self.page.details, self.page.equality)
        save_all([e.save_unsaved for e in editors if e.unsaved_what()], done)

    def discard_unsaved(self) -> None:
        self.page.details.discard_unsaved()
        self.page.equality.discard_unsaved()

    # --- what the main window calls --------------------------------------------------------

    def open_record(self, kind: str, ident: str) -> None:
        """Show a person (by id or e-mail) or a registration (its person, with it selected),
        once the list is read."""
        self._when_loaded(lambda: self._open_record(kind, ident))

    def _open_record(self, kind: str, ident: str) -> None:
        if kind == "person":
            person = self.by_id.get(ident) or self.by_email.get(ident.strip().lower())
            if person is None:
                self.ctx.status_message.emit(f"No one on the register is {ident}.")
            else:
                self.show_person(person)
        elif kind == "registration":
            reg = self.registrations.get(ident)
            if reg is None:
                try:
                    reg = self.ctx.read(get_registration, ident)
                except NotFound:
                    return
            person = self.by_id.get(reg.person_id)
            if person is not None:
                reg_id = reg.id
                self.show_person(person, then=lambda: self.page.select_registration(reg_id))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def new_record(self) -> None:
        self.lookup(self._new_person)

    def _new_person(self, looked_up: LookedUp) -> None:
        taken, organisations, region = looked_up
        self.dialog = PersonDialog(
            self.ctx, taken=taken, organisations=organisations, hub_region=region, parent=self
        )
        self.dialog.accepted.connect(self._new_saved)
        self.dialog.open()

    def _new_saved(self) -> None:
        if self.dialog is not None and self.dialog.saved is not None:
            self.open_record("person", self.dialog.saved.id)

    # --- state -----------------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        self.splitter.save_state(settings)
        settings.setValue("register/columns", self.table.horizontalHeader().saveState())

    def _restore_state(self) -> None:
        settings = QSettings()
        self.splitter.restore_state(settings)
        header = settings.value("register/columns")
        if isinstance(header, QByteArray):
            self.table.horizontalHeader().restoreState(header)


def _column_widths(table: RecordTable) -> tuple[int, ...]:
    """Name, organisation, band and roles: room for most of each, in the table's own font."""
    m = table.fontMetrics()
    return tuple(
        m.horizontalAdvance(sample) + 16
        for sample in ("Alexandra Ramasamy", "East Anglian Plains", "Other", "coach (active)")
    )
