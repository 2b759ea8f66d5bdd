"""The CPD and supervision dialogs: one service call each, checked as the lead types."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from coachdesk.domain.enums import CpdKind, SupervisionFormat, values
from coachdesk.errors import StaleRecord
from coachdesk.gui.context import AppContext
from coachdesk.gui.development.formdialog import HoursField, RecordDialog, plain_text
from coachdesk.gui.operations import Op
from coachdesk.gui.widgets.dates import DateField
from coachdesk.gui.widgets.limits import limit
from coachdesk.services import development
from coachdesk.services.changes import RecordKind
from coachdesk.services.drafts import new_record_id
from coachdesk.services.dto import CpdInput, CpdRow, FileInput, SupervisionInput, SupervisionRow

EVIDENCE_FILTER = "Evidence (*.pdf *.png *.jpg *.jpeg);;All files (*)"
EVIDENCE_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg")
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024


def required_text(edit: QLineEdit, what: str) -> str | None:
    return None if edit.text().strip() else f"{what} is required"


def combo(options: list[str], current: str | None = None) -> QComboBox:
    box = QComboBox()
    box.addItems(options)
    if current in options:
        box.setCurrentIndex(options.index(current))
    return box


class EvidenceField(QWidget):
    """The CPD evidence file: keep the one held, choose another, or remove it."""

    valueChanged = Signal()

    def __init__(self, ctx: AppContext, held: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.held = held
        self.chosen: Path | None = None
        self.remove = False
        self.label = QLabel()
        self.label.setAccessibleName("Evidence file")
        self.choose_button = QPushButton("&Choose file…")
        self.choose_button.setAccessibleName("Choose evidence file")
        self.choose_button.setAutoDefault(False)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName("Remove evidence file")
        self.remove_button.setAutoDefault(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.remove_button)
        self.choose_button.clicked.connect(self.choose)
        self.remove_button.clicked.connect(self.clear)
        self.setFocusProxy(self.choose_button)
        self._show()

    def _show(self) -> None:
        if self.chosen is not None:
            self.label.setText(f"{self.chosen.name} (new)")
        elif self.held and not self.remove:
            self.label.setText(self.held)
        else:
            self.label.setText("No file")
        self.remove_button.setEnabled(
            self.chosen is not None or bool(self.held and not self.remove)
        )

    def choose(self) -> None:
        path = self.ctx.ask_open_file(self, "Choose the evidence file", EVIDENCE_FILTER)
        if path is None:
            return
        self.chosen, self.remove = Path(path), False
        self._show()
        self.valueChanged.emit()

    def clear(self) -> None:
        if self.chosen is not None:
            self.chosen = None
        else:
            self.remove = True
        self._show()
        self.valueChanged.emit()

    def form_value(self) -> Any:
        return (str(self.chosen) if self.chosen else None, self.remove)

    def problem(self) -> str | None:
        if self.chosen is None:
            return None
        if self.chosen.suffix.lower() not in EVIDENCE_SUFFIXES:
            return f"{self.chosen.name} is not a PDF, PNG or JPEG file"
        try:
            size = self.chosen.stat().st_size
        except OSError:
            return f"{self.chosen.name} cannot be read"
        if size > MAX_EVIDENCE_BYTES:
            return f"{self.chosen.name} is larger than 20 MB"
        return None

    def file_input(self) -> FileInput | None:
        if self.chosen is None:
            return None
        return FileInput(self.chosen.name, self.chosen.read_bytes())


class CpdDialog(RecordDialog):
    """Add or edit a CPD record: date, title, provider, kind, hours, reflection, evidence."""

    def __init__(
        self, ctx: AppContext, email: str, row: CpdRow | None = None, parent: QWidget | None = None
    ) -> None:
        title = "Edit CPD" if row else "Add CPD"
        super().__init__(ctx, title, parent, new=row is None)
        self.email, self.row = email, row
        self.date = DateField(required=True)
        self.date.set_date(row.date if row else ctx.today())
        self.title = QLineEdit(row.title if row else "")
        self.provider = QLineEdit(row.provider if row else "")
        limit(self.title, "title")
        limit(self.provider, "provider")
        self.kind = combo(values(CpdKind), row.kind if row else CpdKind.COURSE.value)
        self.hours = HoursField(development.MAX_CPD_HOURS)
        self.hours.set_value(row.hours if row else None)
        self.reflection = plain_text()
        self.reflection.setPlainText(row.reflection if row else "")
        self.evidence = EvidenceField(ctx, row.evidence_filename if row else None)
        self.add_field("&Date:", self.date, self.date.problem)
        self.add_field("&Title:", self.title, lambda: required_text(self.title, "a title"))
        self.add_field("&Provider:", self.provider)
        self.add_field("&Kind:", self.kind)
        self.add_field("&Hours:", self.hours, self.hours.problem)
        self.add_field("&Reflection:", self.reflection, hint="What you took from it for practice.")
        self.add_field(
            "&Evidence:", self.evidence, self.evidence.problem, hint="A PDF, PNG or JPEG."
        )
        self.finish_layout()
        self.resize(560, self.sizeHint().height())
        self.ready()
        self.keep_text_drafts(
            RecordKind.CPD,
            row.id if row else new_record_id(email),
            f"the CPD record “{row.title}”" if row else "a new CPD record",
            {"reflection": (self.reflection, "reflection")},
        )

    def read(self) -> CpdInput:
        return CpdInput(
            date=self.date.date(),  # type: ignore[arg-type]
            title=self.title.text().strip(),
            kind=self.kind.currentText(),
            hours=self.hours.value() or 0.0,
            provider=self.provider.text().strip(),
            reflection=self.reflection.toPlainText().strip(),
            evidence=self.evidence.file_input(),
        )

    def save(self) -> None:
        try:
            data = self.read()
        except OSError:
            self.ctx.inform(self, "Evidence", "The evidence file could not be read.")
            self.save_failed()
            return
        if self.row is None:
            self.finish(self.ctx.write(self, development.add_cpd, self.email, data))
            return
        row = self.row
        op = self.ctx.write(
            self, development.update_cpd, row.id, data, expected_version=row.version
        )
        if not (self.evidence.remove and data.evidence is None):
            self.finish(op)
            return
        # Two writes: the record, then (once it is saved) the evidence the lead removed.
        self.saving = True
        self.save_button.setEnabled(False)
        op.success(self._remove_evidence).failure(self.save_failed).handles(StaleRecord).run()

    def _remove_evidence(self, row: CpdRow) -> None:
        """The record is saved; now the kept evidence the lead removed goes."""
        remove = development.remove_cpd_evidence
        self.finish(self.ctx.write(self, remove, row.id, expected_version=row.version))

    def current_record(self) -> Op[CpdRow] | None:
        return None if self.row is None else self.ctx.query(self, development.get_cpd, self.row.id)

    def show_record(self, row: CpdRow) -> None:
        self.row = row  # later saves are checked against this version
        self.date.set_date(row.date)
        self.title.setText(row.title)
        self.provider.setText(row.provider)
        self.kind.setCurrentText(row.kind)
        self.hours.set_value(row.hours)
        self.reflection.setPlainText(row.reflection)


class SupervisionDialog(RecordDialog):
    """Add or edit a supervision record."""

    def __init__(
        self,
        ctx: AppContext,
        email: str,
        row: SupervisionRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = "Edit supervision" if row else "Add supervision"
        super().__init__(ctx, title, parent, new=row is None)
        self.email, self.row = email, row
        self.date = DateField(required=True)
        self.date.set_date(row.date if row else ctx.today())
        self.supervisor = QLineEdit(row.supervisor if row else "")
        self.qualification = QLineEdit(row.supervisor_qualification if row else "")
        limit(self.supervisor, "supervisor")
        limit(self.qualification, "supervisor_qualification")
        self.qualification.setPlaceholderText("e.g. EMCC Accredited Supervisor")
        self.format = combo(
            values(SupervisionFormat), row.format if row else SupervisionFormat.ONE_TO_ONE.value
        )
        self.hours = HoursField(development.MAX_SUPERVISION_HOURS)
        self.hours.set_value(row.hours if row else None)
        self.themes = plain_text()
        self.themes.setPlainText(row.themes if row else "")
        self.reflection = plain_text()
        self.reflection.setPlainText(row.reflection if row else "")
        self.add_field("&Date:", self.date, self.date.problem)
        self.add_field(
            "S&upervisor:",
            self.supervisor,
            lambda: required_text(self.supervisor, "the supervisor's name"),
        )
        self.add_field("&Qualification:", self.qualification)
        self.add_field("&Format:", self.format)
        self.add_field("&Hours:", self.hours, self.hours.problem)
        self.add_field("&Themes:", self.themes)
        self.add_field("&Reflection:", self.reflection)
        self.finish_layout()
        self.resize(560, self.sizeHint().height())
        self.ready()
        self.keep_text_drafts(
            RecordKind.SUPERVISION,
            row.id if row else new_record_id(email),
            f"the supervision with {row.supervisor}" if row else "a new supervision record",
            {"themes": (self.themes, "themes"), "reflection": (self.reflection, "reflection")},
        )

    def read(self) -> SupervisionInput:
        return SupervisionInput(
            date=self.date.date(),  # type: ignore[arg-type]
            supervisor=self.supervisor.text().strip(),
            format=self.format.currentText(),
            hours=self.hours.value() or 0.0,
            supervisor_qualification=self.qualification.text().strip(),
            themes=self.themes.toPlainText().strip(),
            reflection=self.reflection.toPlainText().strip(),
        )

    def save(self) -> None:
        data = self.read()
        if self.row is None:
            op = self.ctx.write(self, development.add_supervision, self.email, data)
        else:
            op = self.ctx.write(
                self,
                development.update_supervision,
                self.row.id,
                data,
                expected_version=self.row.version,
            )
        self.finish(op)

    def current_record(self) -> Op[SupervisionRow] | None:
        if self.row is None:
            return None
        return self.ctx.query(self, development.get_supervision, self.row.id)

    def show_record(self, row: SupervisionRow) -> None:
        self.row = row  # later saves are checked against this version
        self.date.set_date(row.date)
        self.supervisor.setText(row.supervisor)
        self.qualification.setText(row.supervisor_qualification)
        self.format.setCurrentText(row.format)
        self.hours.set_value(row.hours)
        self.themes.setPlainText(row.themes)
        self.reflection.setPlainText(row.reflection)
