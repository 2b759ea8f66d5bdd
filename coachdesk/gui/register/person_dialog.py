"""The person dialog: add someone to the register or edit their details."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from coachdesk.domain.enums import Band, values
from coachdesk.domain.validation import email_problem, normalise_band, normalise_email
from coachdesk.errors import NotFound
from coachdesk.gui.context import AppContext
from coachdesk.gui.operations import Op
from coachdesk.gui.register.forms import FormDialog, join_tags, line_edit_of, split_tags
from coachdesk.gui.widgets.dates import DateField
from coachdesk.gui.widgets.limits import limit
from coachdesk.gui.widgets.sizing import lines_high
from coachdesk.services.dto import PersonInput, PersonRow
from coachdesk.services.handle import Database
from coachdesk.services.register import add_person, list_people, update_person

BANDS_TEXT = "1–7, 8a–8d, 9, VSM or Other"


def person_now(db: Database, person_id: str) -> PersonRow:
    """The person as saved now, found by id (another lead may have changed their e-mail)."""
    for row in list_people(db):
        if row.id == person_id:
            return row
    raise NotFound("This person is no longer on the register: another lead has erased them.")


class PersonDialog(FormDialog):
    """New person (``person`` None) or edit one; ``taken`` maps e-mails in use to names."""

    def __init__(
        self,
        ctx: AppContext,
        person: PersonRow | None = None,
        *,
        taken: Mapping[str, str] | None = None,
        organisations: list[str] | None = None,
        hub_region: str = "",
        parent: QWidget | None = None,
    ) -> None:
        title = f"Edit {person.full_name}" if person else "New person"
        super().__init__(ctx, title, parent)
        self.setObjectName("personDialog")
        self.person = person
        self.saved: PersonRow | None = None
        self.taken = {k.lower(): v for k, v in (taken or {}).items()}

        self.full_name = QLineEdit()
        self.full_name.setPlaceholderText("e.g. Priya Shah")
        self.email = QLineEdit()
        self.email.setPlaceholderText("name@trust.nhs.uk")
        self.organisation = QLineEdit()
        self.organisation.setPlaceholderText("NHS trust or organisation")
        if organisations:
            completer = QCompleter(sorted(organisations), self.organisation)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.organisation.setCompleter(completer)
        self.job_title = QLineEdit()
        self.band = QComboBox()
        self.band.setEditable(True)
        self.band.addItems(["", *values(Band)])
        line_edit_of(self.band).setPlaceholderText("blank if not known")
        self.region = QLineEdit()
        self.region.setPlaceholderText(hub_region or "the hub's region")
        self.leadership = QCheckBox("On the leadership programme, or an alumnus")
        self.manager_name = QLineEdit()
        self.manager_email = QLineEdit()
        self.manager_email.setPlaceholderText("optional")
        self.agreement = DateField()
        self.development = QLineEdit()
        self.development.setPlaceholderText("e.g. leading change, difficult conversations")
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(lines_high(self.notes, 4))

        for field, widget in (
            ("full_name", self.full_name),
            ("organisation", self.organisation),
            ("job_title", self.job_title),
            ("region", self.region),
            ("manager_name", self.manager_name),
            ("notes", self.notes),
        ):
            limit(widget, field)  # "Full name is longer than 200 characters" as the lead types
        self.add_row("Full &name:", self.full_name, name="Full name")
        self.add_row("&E-mail:", self.email, name="E-mail")
        self.add_row("&Organisation:", self.organisation, name="Organisation")
        self.add_row("&Job title:", self.job_title, name="Job title")
        self.add_row("AfC &band:", self.band, name="Agenda for Change band")
        self.add_row("&Region:", self.region, hint="Left blank, the hub's region is used.")
        self.add_row("", self.leadership, name="Leadership programme")
        self.add_row("Line &manager:", self.manager_name, name="Line manager's name")
        self.add_row("Manager's e-ma&il:", self.manager_email, name="Line manager's e-mail")
        self.add_row(
            "Manager &agreed on:",
            self.agreement,
            name="Line manager's agreement date",
            hint="When the line manager agreed (in the development plan).",
        )
        self.add_row(
            "&Development areas:",
            self.development,
            hint="What they want to work on, separated by commas.",
        )
        self.add_row("No&tes:", self.notes, name="Notes")
        self.add_footer()
        self.setMinimumWidth(600)
        if person is not None:
            self.load(person)
        self.start(show_all=person is not None)
        self.adjustSize()

    def load(self, person: PersonRow) -> None:
        self.full_name.setText(person.full_name)
        self.email.setText(person.email)
        self.organisation.setText(person.organisation)
        self.job_title.setText(person.job_title)
        self.band.setCurrentText(person.band or "")
        self.region.setText(person.region)
        self.leadership.setChecked(person.leadership_programme)
        self.manager_name.setText(person.manager_name)
        self.manager_email.setText(person.manager_email)
        self.agreement.set_date(person.manager_agreement_on)
        self.development.setText(join_tags(person.development_areas))
        self.notes.setPlainText(person.notes)

    def read(self) -> PersonInput:
        band = self.band.currentText().strip()
        return PersonInput(
            full_name=" ".join(self.full_name.text().split()),
            email=self.email.text().strip(),
            organisation=self.organisation.text().strip(),
            job_title=self.job_title.text().strip(),
            band=(normalise_band(band) or band) if band else None,
            region=self.region.text().strip() or None,
            manager_name=self.manager_name.text().strip(),
            manager_email=self.manager_email.text().strip(),
            leadership_programme=self.leadership.isChecked(),
            manager_agreement_on=self.agreement.date(),
            development_areas=split_tags(self.development.text()),
            notes=self.notes.toPlainText().strip(),
        )

    def problems(self) -> dict[QWidget, str]:
        found: dict[QWidget, str] = {}
        if not self.full_name.text().strip():
            found[self.full_name] = "A full name is required."
        email = self.email.text()
        why = email_problem(email)
        own = self.person.email if self.person else None
        if why:
            found[self.email] = why[0].upper() + why[1:] + "."
        elif normalise_email(email) != own and normalise_email(email) in self.taken:
            found[self.email] = f"Already used by {self.taken[normalise_email(email)]}."
        band = self.band.currentText().strip()
        if band and normalise_band(band) is None:
            found[self.band] = f"{band!r} is not an Agenda for Change band ({BANDS_TEXT})."
        manager = self.manager_email.text().strip()
        if manager:
            why = email_problem(manager)
            if why:
                found[self.manager_email] = why[0].upper() + why[1:] + "."
            elif not email_problem(email) and normalise_email(manager) == normalise_email(email):
                found[self.manager_email] = "A person cannot be their own line manager."
        why = self.agreement.problem()
        if why:
            found[self.agreement] = why[0].upper() + why[1:] + "."
        return found

    def save(self) -> None:
        data = self.read()
        if self.person is None:
            op = self.ctx.write(self, add_person, data)
        else:
            op = self.ctx.write(
                self, update_person, self.person.email, data, expected_version=self.person.version
            )
        self.submit(op, self._saved)

    def current_record(self) -> Op[PersonRow] | None:
        if self.person is None:
            return None
        return self.ctx.query(self, person_now, self.person.id)

    def show_record(self, row: PersonRow) -> None:
        self.person = row  # later saves are checked against this version
        self.load(row)

    def _saved(self, row: PersonRow) -> None:
        self.saved = row
