"""The searchable list of people holding a coach or mentor registration."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from coachdesk.gui.context import AppContext
from coachdesk.gui.loading import Reader
from coachdesk.gui.models.table import Column
from coachdesk.gui.widgets.record_table import RecordTable
from coachdesk.services import register
from coachdesk.services.dto import RegistrationRow


@dataclass(frozen=True)
class Practitioner:
    """A person holding a coach and/or mentor registration (``id`` is the e-mail)."""

    id: str
    name: str
    organisation: str
    registrations: str  # "coach, mentor (paused)": the status shown unless active
    #: The earliest registration date of their current registrations (nothing is owed before).
    registered_on: date | None = None


def practitioners(registrations: Iterable[RegistrationRow]) -> list[Practitioner]:
    """Everyone on the practitioner register, one row per person."""
    by_email: dict[str, list[RegistrationRow]] = {}
    for reg in registrations:
        by_email.setdefault(reg.email, []).append(reg)
    return [
        Practitioner(
            email,
            regs[0].full_name,
            regs[0].organisation,
            ", ".join(r.kind if r.status == "active" else f"{r.kind} ({r.status})" for r in regs),
            _registered_on(regs),
        )
        for email, regs in by_email.items()
    ]


def _registered_on(regs: list[RegistrationRow]) -> date | None:
    """The earliest registration date, leaving out withdrawn and rejected registrations."""
    current = [r for r in regs if r.status not in ("withdrawn", "rejected")] or regs
    dates = [r.registered_on for r in current if r.registered_on is not None]
    return min(dates) if dates else None


PICKER_COLUMNS = (
    Column("Coach or mentor", lambda p: p.name, tooltip=lambda p: f"{p.id}\n{p.organisation}"),
    Column("Registrations", lambda p: p.registrations),
)


class PractitionerPicker(QWidget):
    """A search box over a table of practitioners; ``picked`` says whose records to show."""

    picked = Signal(str)  # e-mail

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._reads = Reader(ctx, self)
        self.current: str | None = None
        self.by_email: dict[str, Practitioner] = {}
        #: The practitioners have been read (once).
        self.listed = False
        self.search = QLineEdit()
        self.search.setObjectName("practitionerSearch")
        self.search.setPlaceholderText("Find a coach or mentor (Ctrl+F)")
        self.search.setAccessibleName("Find a coach or mentor")
        self.search.setClearButtonEnabled(True)
        self.table = RecordTable(
            PICKER_COLUMNS,
            "Coaches and mentors",
            object_name="practitioners",
            stretch_all=True,
            sort=(0, Qt.SortOrder.AscendingOrder),
        )
        self.model = self.table.model_
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        QWidget.setTabOrder(self.search, self.table)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._pick_first)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

    def load(self, then: Callable[[], object] | None = None) -> None:
        """Read the register (off the UI thread); ``then`` once the list shows it."""
        self._reads.read(lambda regs: self._loaded(regs, then), register.list_registrations)

    def _loaded(
        self, registrations: list[RegistrationRow], then: Callable[[], object] | None
    ) -> None:
        rows = practitioners(registrations)
        self.by_email = {p.id: p for p in rows}
        self.listed = True
        self.model.set_rows(rows)
        self._filter(self.search.text())
        if then is not None:
            then()

    def _filter(self, text: str) -> None:
        self.model.set_search(text, lambda p: f"{p.name} {p.id} {p.organisation}")
        self._select(self.current)

    def _pick_first(self) -> None:
        """Enter in the search box: show the first match (unless the one shown still matches)."""
        if not self.model.rowCount():
            return
        if self.current is None or self.model.row_of_id(self.current) is None:
            self.choose(self.model.row_at(0).id)
        self.table.setFocus()

    def _select(self, email: str | None) -> None:
        row = self.model.row_of_id(email) if email else None
        selection = self.table.selectionModel()
        if row is None:
            selection.clearSelection()
            return
        index = self.model.index(row, 0)
        if selection.currentIndex().row() != row or not selection.isSelected(index):
            selection.setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self.table.scrollTo(index)

    def _row_changed(self, current: Any, _previous: Any = None) -> None:
        if current.isValid():
            self._set(self.model.row_at(current.row()).id)

    def _set(self, email: str | None) -> None:
        if email != self.current:
            self.current = email
            self.picked.emit(email or "")

    def choose(self, email: str) -> bool:
        """Select ``email`` (clearing the search if it hides them); False if not listed."""
        if email not in self.by_email:
            return False
        if self.model.row_of_id(email) is None:
            self.search.clear()
        self._select(email)
        self._set(email)
        return True

    def forget_missing(self) -> None:
        """After a reload: drop the current person if they are no longer on the register."""
        if self.current is not None and self.current not in self.by_email:
            self._set(None)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
