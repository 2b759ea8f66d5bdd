"""One person's page: header, print buttons, and tabs for details, registrations and the rest."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coachdesk.errors import NotFound
from coachdesk.gui.context import AppContext
from coachdesk.gui.loading import Reader
from coachdesk.gui.register.equality_tab import EqualityTab
from coachdesk.gui.register.person_details import DetailsTab
from coachdesk.gui.register.person_dialog import PersonDialog
from coachdesk.gui.register.person_lists import DevelopmentTab, EvaluationsTab, RelationshipsTab
from coachdesk.gui.register.registrations_tab import RegistrationsTab
from coachdesk.gui.widgets.elided import ElidedLabel
from coachdesk.gui.widgets.flow import FlowLayout
from coachdesk.services.dto import PersonDetail
from coachdesk.services.handle import Database
from coachdesk.services.register import get_person

#: What the page needs from the list: e-mails in use (→ name), organisations, hub region.
#: E-mails in use (→ name), organisations and the hub's region, for the person dialog.
LookedUp = tuple[dict[str, str], list[str], str]
#: Hands them to a callback once the register's list is read.
Lookup = Callable[[Callable[[LookedUp], object]], None]


@dataclass(frozen=True)
class PersonNow:
    """A person as saved now (None when no longer on the register), and whether equality
    monitoring is on."""

    detail: PersonDetail | None
    monitoring_on: bool


def person_now(db: Database, email: str) -> PersonNow:
    from coachdesk.services.equality import monitoring_on

    try:
        detail = get_person(db, email)
    except NotFound:
        return PersonNow(None, False)
    return PersonNow(detail, bool(monitoring_on(db)))


class PersonPage(QWidget):
    """Shows one person; ``show_person(email)`` loads them, ``refresh()`` loads them again."""

    def __init__(self, ctx: AppContext, lookup: Lookup) -> None:
        super().__init__()
        self.ctx = ctx
        self._read = Reader(ctx, self)
        self.lookup = lookup
        self.detail: PersonDetail | None = None
        #: The person last asked for: shown, or being read to be shown (None: no one).
        self.wanted: str | None = None
        self.dialog: QDialog | None = None

        self.stack = QStackedWidget()
        self.placeholder = QLabel("Choose a person in the list to see their record.")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: #4c6272;")
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self._body())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def _body(self) -> QWidget:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 0, 0, 0)
        self.name = ElidedLabel()
        self.name.setObjectName("personName")
        self.name.setAccessibleName("Name")
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.name.setProperty("role", "heading")
        self.name.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.subtitle.setTextFormat(Qt.TextFormat.RichText)
        self.subtitle.setStyleSheet("color: #4c6272;")
        self.edit_button = QPushButton("Edi&t details…")
        self.edit_button.setAccessibleName("Edit the person's details")
        self.print_record = QPushButton("Print person &record…")
        self.print_record.setToolTip("Everything held about this person (subject access)")
        self.print_log = QPushButton("Print &learning log…")
        self.print_log.setToolTip("The practitioner's learning-log summary (EMCC / ICF evidence)")
        self.erase_button = QPushButton("Erase &person…")
        self.ctx.guard_edits(self.edit_button, self.erase_button)
        self.erase_button.setToolTip(
            "Right to erasure: shows everything that will go, then removes it for good"
        )
        buttons = FlowLayout()
        for button in (self.edit_button, self.print_record, self.print_log, self.erase_button):
            buttons.addWidget(button)
        layout.addWidget(self.name)
        layout.addWidget(self.subtitle)
        layout.addLayout(buttons)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("personTabs")
        self.tabs.setAccessibleName("Parts of the person's record")
        self.details = DetailsTab(self.ctx)
        self.registrations = RegistrationsTab(self.ctx, self._minimum_hours)
        self.relationships = RelationshipsTab(self.ctx)
        self.development = DevelopmentTab(self.ctx)
        self.evaluations = EvaluationsTab(self.ctx)
        self.equality = EqualityTab(self.ctx)
        for widget, title in (
            (self.details, "Details"),
            (self.registrations, "Registrations"),
            (self.relationships, "Relationships"),
            (self.development, "Development"),
            (self.evaluations, "Evaluations"),
            (self.equality, "Equality"),
        ):
            self.tabs.addTab(widget, title)
        self.tabs.setTabVisible(self.tabs.indexOf(self.equality), False)
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.edit_button.clicked.connect(self.edit_person)
        self.print_record.clicked.connect(self._print_record)
        self.print_log.clicked.connect(self._print_log)
        self.erase_button.clicked.connect(self.erase_person)
        return body

    def _minimum_hours(self) -> int:
        from coachdesk.services.settings import get_settings

        return int(self.ctx.read(get_settings).mentor_minimum_hours)

    # --- showing ---------------------------------------------------------------------------

    @property
    def email(self) -> str | None:
        return self.detail.person.email if self.detail else None

    @property
    def person_id(self) -> str | None:
        return self.detail.person.id if self.detail else None

    def clear(self) -> None:
        """No one is shown: the page steps aside (the list takes its room)."""
        self.detail = None
        self.wanted = None
        self.stack.setCurrentIndex(0)
        self.hide()

    def show_person(self, email: str, then: Callable[[], object] | None = None) -> None:
        """Read ``email`` afresh (off the UI thread) and show them; ``then`` once shown. Someone
        no longer on the register: the page steps aside."""
        self.wanted = email
        self._read.read(lambda got: self._arrived(got, then), person_now, email)

    def _arrived(self, got: PersonNow, then: Callable[[], object] | None) -> None:
        if got.detail is None:
            self.clear()
            return
        self._show_detail(got.detail, got.monitoring_on)
        if then is not None:
            then()

    def _show_detail(self, detail: PersonDetail, monitoring: bool) -> None:
        self.detail = detail
        p = detail.person
        self.name.setText(p.full_name)
        bits = [p.job_title, p.organisation, f"band {p.band}" if p.band else ""]
        line = " · ".join(escape(b, quote=False) for b in bits if b)
        roles = escape(p.roles_summary, quote=False) if p.roles_summary else "no roles yet"
        self.subtitle.setText(f"{line}<br>{roles}" if line else roles)
        practitioner = bool(detail.registrations) or bool(detail.as_practitioner)
        self.print_log.setVisible(practitioner)
        self.details.load(detail)
        self.registrations.load(detail)
        self.relationships.load(detail)
        self.development.show_person(detail)
        self.evaluations.show_person(detail)
        n_rel = len(detail.as_practitioner) + len(detail.as_client)
        self.tabs.setTabText(1, f"Registrations ({len(detail.registrations)})")
        self.tabs.setTabText(2, f"Relationships ({n_rel})")
        self._show_equality(p.email, p.full_name, monitoring)
        self.stack.setCurrentIndex(1)
        self.show()
        self._tab_changed(self.tabs.currentIndex())

    def _show_equality(self, email: str, name: str, on: bool) -> None:
        """The Equality tab exists only while monitoring is switched on in settings."""
        index = self.tabs.indexOf(self.equality)
        if not on and self.tabs.currentIndex() == index:
            self.tabs.setCurrentIndex(0)
        self.tabs.setTabVisible(index, on)
        if on:
            self.equality.load(email, name)
        else:
            self.equality.off()

    def refresh(self) -> None:
        """Read again the person shown, or the one on the way (never the one before it)."""
        if self.wanted is not None:
            self.show_person(self.wanted)

    def select_registration(self, registration_id: str) -> None:
        self.tabs.setCurrentWidget(self.registrations)
        self.registrations.table.select_id(registration_id)

    def _tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is self.development:
            self.development.load()
        elif widget is self.evaluations:
            self.evaluations.load()

    # --- actions ---------------------------------------------------------------------------

    def edit_person(self) -> None:
        if self.detail is not None:
            self.lookup(self._edit_with)

    def _edit_with(self, looked_up: LookedUp) -> None:
        if self.detail is None:
            return
        taken, organisations, region = looked_up
        self.dialog = PersonDialog(
            self.ctx,
            self.detail.person,
            taken=taken,
            organisations=organisations,
            hub_region=region,
            parent=self,
        )
        self.dialog.open()

    def erase_person(self) -> None:
        """Erase person…: the dialog lists what will go and asks for the name to be typed."""
        from coachdesk.gui.privacy.erase import start_erasure

        if self.detail is not None:
            self.dialog = start_erasure(self.ctx, self, self.detail.person.email)

    def _print_record(self) -> None:
        if self.detail is not None:
            self.ctx.print_report.emit("person", {"person": self.detail.person.email})

    def _print_log(self) -> None:
        if self.detail is not None:
            self.ctx.print_report.emit("learning-log", {"person": self.detail.person.email})
