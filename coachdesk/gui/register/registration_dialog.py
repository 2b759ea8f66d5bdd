"""The registration dialog: a coach's accreditation and certificate or a mentor's training."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.enums import IcfHours, RegistrationStatus
from coachdesk.errors import StaleRecord
from coachdesk.gui.context import AppContext
from coachdesk.gui.operations import Op
from coachdesk.gui.register.certificate import CertificateField
from coachdesk.gui.register.forms import FormDialog, join_tags, line_edit_of, split_tags
from coachdesk.gui.widgets.dates import DateField
from coachdesk.gui.widgets.hours import HoursBox
from coachdesk.gui.widgets.limits import limit
from coachdesk.gui.widgets.sizing import lines_high
from coachdesk.services.dto import PersonRow, RegistrationInput, RegistrationRow
from coachdesk.services.queries import approval_missing
from coachdesk.services.register import add_registration, remove_certificate, update_registration
from coachdesk.services.registrations import APPROVED_STATES, NEXT_STATUS, get_registration

ACCREDITATIONS = ("EMCC Coach Practitioner", "ILM Level 5", "ICF ACC")
OTHER = "Other…"
#: How a registration's hours count in an ICF client log, as the lead reads the choice.
ICF_HOURS = (
    (IcfHours.PAID, "Paid (coaching in work hours, part of the role)"),
    (IcfHours.PRO_BONO, "Pro bono (in their own time, unpaid)"),
)
NEW_STATUSES = (RegistrationStatus.APPLIED, RegistrationStatus.APPROVED, RegistrationStatus.ACTIVE)


def plain_missing(item: str) -> str:
    """``"ethics_agreed: the EMCC … agreed"`` → ``"the EMCC … agreed"`` (field names are for code)."""
    return item.split(": ", 1)[1] if ": " in item else item


class RegistrationDialog(FormDialog):
    """New registration for ``person`` (``registration`` None) or edit one."""

    def __init__(
        self,
        ctx: AppContext,
        person: PersonRow,
        registration: RegistrationRow | None = None,
        *,
        kinds_held: tuple[str, ...] = (),
        minimum_hours: int = 12,
        parent: QWidget | None = None,
    ) -> None:
        what = (
            f"{registration.kind.capitalize()} registration" if registration else "New registration"
        )
        super().__init__(ctx, f"{what} — {person.full_name}", parent)
        self.setObjectName("registrationDialog")
        self.person = person
        self.registration = registration
        self.minimum_hours = minimum_hours
        self.saved: RegistrationRow | None = None

        self.kind = QComboBox()
        for kind in ("coach", "mentor"):
            if registration is not None or kind not in kinds_held:
                self.kind.addItem(kind.capitalize(), kind)
        self.kind.setEnabled(registration is None)
        self.status = QComboBox()
        statuses = NEW_STATUSES if registration is None else _statuses_from(registration.status)
        for status in statuses:
            self.status.addItem(str(status).capitalize(), str(status))
        self.registered_on = DateField()
        self.approved_on = DateField()
        self.reviewed_on = DateField()

        box = QGroupBox("Registration")
        top = QHBoxLayout(box)
        left, right = self.new_form(), self.new_form()
        for form in (left, right):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
            top.addLayout(form)
            top.addSpacing(24)
        top.addStretch(1)
        self.kind.setMinimumWidth(150)
        self.status.setMinimumWidth(150)
        self.outer.addWidget(box)
        self.add_row("&Kind:", self.kind, form=left, name="Kind of registration")
        self.add_row("St&atus:", self.status, form=left, name="Status")
        self.add_row("&Registered on:", self.registered_on, form=right, hint="Blank means today.")
        self.add_row("Appro&ved on:", self.approved_on, form=right, hint="Set when it is approved.")
        self.add_row("Profile rev&iewed on:", self.reviewed_on, form=right)

        columns = QHBoxLayout()
        self.outer.addLayout(columns)
        self.coach_box = QGroupBox("Coach accreditation")
        self.mentor_box = QGroupBox("Mentor training and commitment")
        evidence = QVBoxLayout()
        evidence.addWidget(self.coach_box)
        evidence.addWidget(self.mentor_box)
        evidence.addStretch(1)
        columns.addLayout(evidence, 1)
        self._coach_rows()
        self._mentor_rows()
        practice = QGroupBox("Practice")
        columns.addWidget(practice, 1, Qt.AlignmentFlag.AlignTop)
        self._practice_rows(practice)

        self.readiness = QLabel()
        self.readiness.setObjectName("approvalReadiness")
        self.readiness.setWordWrap(True)
        self.readiness.setAccessibleName("What approval still needs")
        self.readiness.setTextFormat(Qt.TextFormat.RichText)
        self.outer.addWidget(self.readiness)
        self.add_footer()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        if registration is not None:
            self.load(registration)
        self._kind_changed()
        self.setMinimumWidth(900)
        self.start(show_all=registration is not None)
        self.adjustSize()

    # --- layout ----------------------------------------------------------------------------

    def _coach_rows(self) -> None:
        form = self.new_form()
        self.coach_box.setLayout(form)
        self.accreditation = QComboBox()
        self.accreditation.setEditable(True)
        self.accreditation.addItems(["", *ACCREDITATIONS, OTHER])
        line_edit_of(self.accreditation).setPlaceholderText("choose, or type the programme")
        limit(self.accreditation, "accreditation")
        self.accreditation.currentTextChanged.connect(self._accreditation_chosen)
        self.accreditation_on = DateField()
        self.add_row(
            "Accreditation &programme:", self.accreditation, form=form, name="Accreditation"
        )
        self.add_row("&Date achieved:", self.accreditation_on, form=form, name="Date achieved")
        reg = self.registration
        self.certificate = CertificateField(
            self.ctx,
            reg.certificate_id if reg else None,
            reg.certificate_filename if reg else None,
        )
        self.add_row(
            "Certificate:",
            self.certificate.upload,
            form=form,
            extra=self.certificate,
            name="Upload certificate",
        )
        self.tab_chain += [self.certificate.open_button, self.certificate.remove_button]
        self.certificate.changed.connect(self.validate)

    def _mentor_rows(self) -> None:
        form = self.new_form()
        self.mentor_box.setLayout(form)
        self.training_on = DateField()
        self.experience = QPlainTextEdit()
        self.experience.setTabChangesFocus(True)
        self.experience.setFixedHeight(lines_high(self.experience, 4))
        limit(self.experience, "experience")
        self.experience.setPlaceholderText("if no training date: relevant experience")
        self.hours = HoursBox()  # also reads 90 min, 1h30, 1:30
        self.hours.setRange(0, 2000)
        self.hours.setDecimals(1)
        self.hours.setSuffix(" h a year")
        self.hours.setSpecialValueText("not recorded")
        self.add_row("&Training completed on:", self.training_on, form=form)
        self.add_row(
            "&Experience statement:", self.experience, form=form, name="Statement of experience"
        )
        self.add_row(
            "&Hours committed:",
            self.hours,
            form=form,
            name="Hours committed a year",
            hint=f"At least {self.minimum_hours} hours a year.",
        )

    def _practice_rows(self, box: QGroupBox) -> None:
        form = self.new_form()
        box.setLayout(form)
        self.specialisms = QLineEdit()
        self.specialisms.setPlaceholderText("separated by commas")
        self.ethics = QCheckBox("EMCC Global Code of Ethics agreed")
        self.org_support = DateField()
        self.pro_bono = QCheckBox("Pro-bono practice confirmed")
        self.icf_hours = QComboBox()
        for value, label in ICF_HOURS:
            self.icf_hours.addItem(label, value.value)
        self.capacity = QSpinBox()
        self.capacity.setRange(1, 100)
        self.capacity.setValue(2)
        self.capacity.setToolTip("The most clients they take at once")
        self.add_row("Specia&lisms:", self.specialisms, form=form)
        self.add_row("", self.ethics, form=form, name="EMCC Global Code of Ethics agreed")
        self.add_row(
            "Org. supp&ort confirmed on:",
            self.org_support,
            form=form,
            name="Organisational support confirmed on",
            hint="The organisation supports practice in work hours.",
        )
        self.add_row("", self.pro_bono, form=form, name="Pro-bono practice confirmed")
        self.add_row(
            "Hours for IC&F:",
            self.icf_hours,
            form=form,
            name="Hours count for ICF as",
            hint="ICF counts internal coaching done as part of the role as paid.",
        )
        self.add_row(
            "&Capacity:", self.capacity, form=form, name="Capacity", hint="Most clients at once."
        )

    # --- data ------------------------------------------------------------------------------

    def load(self, reg: RegistrationRow) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(reg.kind)))
        self.status.setCurrentIndex(max(0, self.status.findData(reg.status)))
        self.registered_on.set_date(reg.registered_on)
        self.approved_on.set_date(reg.approved_on)
        self.reviewed_on.set_date(reg.profile_reviewed_on)
        self.accreditation.setCurrentText(reg.accreditation or "")
        line_edit_of(self.accreditation).setCursorPosition(0)
        self.accreditation_on.set_date(reg.accreditation_on)
        self.training_on.set_date(reg.training_on)
        self.experience.setPlainText(reg.experience or "")
        self.hours.setValue(reg.hours_committed or 0)
        self.specialisms.setText(join_tags(reg.specialisms))
        self.specialisms.setCursorPosition(0)
        self.ethics.setChecked(reg.ethics_agreed)
        self.org_support.set_date(reg.org_support_on)
        self.pro_bono.setChecked(reg.pro_bono)
        self.icf_hours.setCurrentIndex(max(0, self.icf_hours.findData(str(reg.icf_hours))))
        self.capacity.setValue(reg.capacity)

    def kind_value(self) -> str:
        return str(self.kind.currentData() or "coach")

    def read(self) -> RegistrationInput:
        coach = self.kind_value() == "coach"
        accreditation = self.accreditation.currentText().strip()
        status = str(self.status.currentData())
        today = self.ctx.today()  # the app's today (tests fix it), not the clock's
        registered = self.registered_on.date() or (today if self.registration is None else None)
        approved = self.approved_on.date()
        was_approved = self.registration is not None and self.registration.status in APPROVED_STATES
        if approved is None and status in APPROVED_STATES and not was_approved:
            approved = today
        return RegistrationInput(
            kind=self.kind_value(),
            status=status,
            registered_on=registered,
            approved_on=approved,
            profile_reviewed_on=self.reviewed_on.date(),
            capacity=self.capacity.value(),
            specialisms=split_tags(self.specialisms.text()),
            ethics_agreed=self.ethics.isChecked(),
            org_support_on=self.org_support.date(),
            pro_bono=self.pro_bono.isChecked(),
            icf_hours=IcfHours(str(self.icf_hours.currentData() or IcfHours.PAID)),
            accreditation=(accreditation if accreditation != OTHER else None) if coach else None,
            accreditation_on=self.accreditation_on.date() if coach else None,
            training_on=None if coach else self.training_on.date(),
            experience=None if coach else (self.experience.toPlainText().strip() or None),
            hours_committed=None if coach or not self.hours.value() else self.hours.value(),
            certificate=self.certificate.pending if coach else None,
        )

    def has_certificate(self) -> bool:
        return self.certificate.has_certificate()

    def missing(self) -> list[str]:
        data = self.read()
        return [
            plain_missing(item)
            for item in approval_missing(
                kind=data.kind,
                accreditation=data.accreditation,
                has_certificate=self.has_certificate(),
                ethics_agreed=data.ethics_agreed,
                org_support_on=data.org_support_on,
                training_on=data.training_on,
                experience=data.experience,
                hours_committed=data.hours_committed,
                minimum_hours=self.minimum_hours,
            )
        ]

    def snapshot(self) -> list[Any]:
        return [*super().snapshot(), self.certificate.pending, self.certificate.remove_kept]

    # --- validation ------------------------------------------------------------------------

    def problems(self) -> dict[QWidget, str]:
        found: dict[QWidget, str] = {}
        coach = self.kind_value() == "coach"
        fields = [self.registered_on, self.approved_on, self.reviewed_on, self.org_support]
        fields += [self.accreditation_on] if coach else [self.training_on]
        for field in fields:
            why = field.problem()
            if why:
                found[field] = why[0].upper() + why[1:] + "."
        registered = self.registered_on.date() or self.ctx.today()
        approved = self.approved_on.date()
        if approved is not None and approved < registered and self.approved_on not in found:
            found[self.approved_on] = "Cannot be before the registration date."
        if self.kind.count() == 0:
            found[self.kind] = f"{self.person.full_name} already holds both registrations."
        return found

    def after_validate(self) -> None:
        missing = self.missing()
        status = str(self.status.currentData())
        approving = status in APPROVED_STATES and (
            self.registration is None or self.registration.status not in APPROVED_STATES
        )
        if not missing:
            self.readiness.setText(
                "<span style='color:#007f3b'>✓ Complete: ready for approval.</span>"
            )
            return
        items = "".join(f"<li>{escape(m, quote=False)}</li>" for m in missing)
        lead = (
            "Approval will be refused until these are recorded:"
            if approving
            else ("Before approval, still needed:")
        )
        self.readiness.setText(f"<b>{lead}</b><ul style='margin:0'>{items}</ul>")

    def _kind_changed(self, *_args: Any) -> None:
        coach = self.kind_value() == "coach"
        self.coach_box.setVisible(coach)
        self.mentor_box.setVisible(not coach)
        self.validate()

    def _accreditation_chosen(self, text: str) -> None:
        if text == OTHER:
            self.accreditation.setEditText("")
            line_edit_of(self.accreditation).setPlaceholderText("type the programme's name")
            self.accreditation.setFocus()

    # --- saving ----------------------------------------------------------------------------

    def save(self) -> None:
        data = self.read()
        if self.registration is None:
            self.submit(
                self.ctx.write(self, add_registration, self.person.email, data), self._saved
            )
            return
        reg = self.registration
        op = self.ctx.write(self, update_registration, reg.id, data, expected_version=reg.version)
        if not (self.certificate.remove_kept and self.certificate.pending is None):
            self.submit(op, self._saved)
            return
        # Two writes: the registration, then (once it is saved) the certificate the lead removed.
        self.saving = True
        self.save_button.setEnabled(False)
        op.success(self._remove_certificate).failure(self.save_failed).handles(StaleRecord).run()

    def _remove_certificate(self, row: RegistrationRow) -> None:
        """The registration is saved; now the kept certificate the lead removed goes."""
        op = self.ctx.write(self, remove_certificate, row.id, expected_version=row.version)
        self.submit(op, self._saved)

    def _saved(self, row: RegistrationRow) -> None:
        self.saved = row

    def current_record(self) -> Op[RegistrationRow] | None:
        if self.registration is None:
            return None
        return self.ctx.query(self, get_registration, self.registration.id)

    def show_record(self, row: RegistrationRow) -> None:
        self.registration = row  # later saves are checked against this version
        self.load(row)


def _statuses_from(current: str) -> tuple[str, ...]:
    return (current, *NEXT_STATUS.get(current, ()))
