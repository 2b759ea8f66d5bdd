"""The Reports view: pick a report and its person, relationship or period; preview, save, print."""

from __future__ import annotations

import re
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from coachdesk.errors import UserError
from coachdesk.gui.context import AppContext
from coachdesk.gui.loading import Reader
from coachdesk.gui.operations import Op, Task
from coachdesk.gui.reports.pickers import SearchCombo
from coachdesk.gui.widgets.dates import DateField, format_uk_date, parse_uk_date
from coachdesk.services.changes import Changes, Outcome, RecordKind
from coachdesk.services.handle import Database
from coachdesk.services.reporting.types import ReportHeader

#: A report made: the PDF and its header (title, subject, period, day).
Prepared = tuple[bytes, ReportHeader]

KINDS: tuple[tuple[str, str, str], ...] = (
    ("learning-log", "Learning-log summary", "A practitioner's evidence for EMCC and ICF."),
    ("programme", "Programme report", "The board's view of a period, with charts."),
    ("compliance", "Compliance report", "The alerts that hold on a day, by rule and person."),
    ("register", "Register directory", "Active practitioners, their accreditation and load."),
    ("person", "Person record", "Everything held about one person (subject access)."),
    ("relationship", "Relationship record", "Contracting, objectives, sessions, evaluations."),
    (
        "equality",
        "Equality of access",
        "Clients per 1,000 staff by ethnic group, sex and disability, against the reference "
        "group; counts of 1–7 shown as *. Needs equality monitoring on in Settings.",
    ),
)
PERSON_KINDS = ("learning-log", "person")
PERIOD_KINDS = ("learning-log", "programme", "equality")


class ReportsView(QWidget):
    """Reports of SPEC 6, generated on a worker thread and previewed with QtPdf."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._people_read = Reader(ctx, self)
        self._relationships_read = Reader(ctx, self)
        self.pdf: bytes | None = None
        self._suggested = "report.pdf"
        self._made: tuple[str, dict[str, Any]] | None = None  # the report shown: kind, params
        self._loaded: dict[str, bool] = {}
        self._people_list: str | None = None
        self._buffer: QBuffer | None = None

        self.kind = QComboBox()
        for key, label, _ in KINDS:
            self.kind.addItem(label, key)
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setObjectName("hint")
        self.person = SearchCombo("Type a name, organisation or e-mail")
        self.relationship = SearchCombo("Type a client's or practitioner's name")
        self.date_from = DateField()
        self.date_to = DateField()
        self.day = DateField()
        self.names = QCheckBox("Print clients' full names (only when the practitioner asks)")
        self.include_equality = QCheckBox(
            "Include equality monitoring (ethnic group, sex, disability) — only when asked"
        )
        self.include_equality.setToolTip(
            "Special-category data: print it only for the person's own subject access request"
        )
        self.generate_button = QPushButton("Generate")
        self.generate_button.setDefault(True)
        self.save_button = QPushButton("Save as…")
        self.print_button = QPushButton("Print…")
        self.status = QLabel("Choose a report, then Generate.")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.addRow("Report", self.kind)
        form.addRow("", self.about)
        form.addRow("Person", self.person)
        form.addRow("Relationship", self.relationship)
        form.addRow("From", self.date_from)
        form.addRow("To", self.date_to)
        form.addRow("Day", self.day)
        form.addRow("", self.names)
        form.addRow("", self.include_equality)
        self.form = form
        buttons = QHBoxLayout()
        for button in (self.generate_button, self.save_button, self.print_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addLayout(buttons)
        side.addWidget(self.status)
        side.addStretch(1)
        panel = QWidget()
        panel.setLayout(side)
        panel.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        self.document = QPdfDocument(self)
        self.preview = QPdfView(self)
        self.preview.setDocument(self.document)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout = QHBoxLayout(self)
        layout.addWidget(panel)
        layout.addWidget(self.preview, 1)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.generate_button.clicked.connect(self.generate)
        self.save_button.clicked.connect(self.save_as)
        self.print_button.clicked.connect(self.print_report)
        ctx.changed.connect(self._changed)
        self._kind_changed()
        self._set_ready(False)

    # -----------------------------------------------------------------------------------------
    # Choosing

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def prepare(self, kind: str, params: dict) -> None:
        """Select a report and its person (``{"person": email}``) or relationship (``{"id"}``)."""
        index = self.kind.findData(kind)
        if index < 0:
            return
        self.kind.setCurrentIndex(index)
        self._kind_changed()
        if params.get("person"):
            self.person.set_key(str(params["person"]).strip().lower())
        if params.get("id"):
            self.relationship.set_key(str(params["id"]))
        for field, key in ((self.date_from, "from"), (self.date_to, "to"), (self.day, "today")):
            if isinstance(params.get(key), date):
                field.setText(format_uk_date(params[key]))
        self.status.setText("Set the period if needed, then Generate.")
        self.generate_button.setFocus()

    def _kind_changed(self, *_: Any) -> None:
        kind = self.current_kind()
        self.about.setText(next(text for key, _, text in KINDS if key == kind))
        shown = {
            self.person: kind in PERSON_KINDS,
            self.relationship: kind == "relationship",
            self.date_from: kind in PERIOD_KINDS,
            self.date_to: kind in PERIOD_KINDS,
            self.day: kind == "compliance",
            self.names: kind == "learning-log",
            self.include_equality: kind == "person",
        }
        for widget, visible in shown.items():
            self.form.setRowVisible(widget, visible)
        self.date_from.setPlaceholderText(
            "12 months to the end" if kind in ("programme", "equality") else "every record"
        )
        self.date_to.setPlaceholderText("today")
        self.day.setPlaceholderText("today")
        if kind in PERSON_KINDS:
            self._load_people(kind)
        if kind == "relationship":
            self._load_relationships()

    def _load_people(self, kind: str) -> None:
        """Practitioners for a learning-log summary, everyone for a person record."""
        from coachdesk.services.reporting import person_choices

        role = "practitioner" if kind == "learning-log" else None
        if self._people_list == role and self._loaded.get("people"):
            return
        self._people_list = role
        self._loaded["people"] = True
        self._people_read.read(
            self.person.set_entries, person_choices, practitioners=role is not None
        )

    def _load_relationships(self) -> None:
        from coachdesk.services.reporting import relationship_choices

        if self._loaded.get("relationships"):
            return
        self._loaded["relationships"] = True
        self._relationships_read.read(self.relationship.set_entries, relationship_choices)

    def _changed(self, changes: Changes) -> None:
        if changes.touches(RecordKind.PERSON, RecordKind.REGISTRATION):
            self._loaded.pop("people", None)
        if changes.touches(RecordKind.PERSON, RecordKind.RELATIONSHIP):
            self._loaded.pop("relationships", None)
        if self.isVisible():
            self._kind_changed()

    def reload(self) -> None:
        self._loaded.clear()
        self._kind_changed()

    # -----------------------------------------------------------------------------------------
    # Generating

    def params(self) -> dict[str, Any]:
        """The chosen report's parameters; raises UserError naming what is missing."""
        kind = self.current_kind()
        params: dict[str, Any] = {}
        if kind in PERSON_KINDS:
            params["person"] = self.person.key()
            if not params["person"]:
                raise UserError("Choose the person: type part of a name and pick from the list.")
        if kind == "relationship":
            params["id"] = self.relationship.key()
            if not params["id"]:
                raise UserError("Choose the relationship: type a name and pick from the list.")
        dates = {"from": self.date_from, "to": self.date_to} if kind in PERIOD_KINDS else {}
        if kind == "compliance":
            dates = {"today": self.day}
        for key, field in dates.items():
            problem = field.problem()
            if problem:
                raise UserError(f"The {key if key != 'today' else 'day'}: {problem}.")
            params[key] = parse_uk_date(field.text())
        params["names"] = kind == "learning-log" and self.names.isChecked()
        params["equality"] = kind == "person" and self.include_equality.isChecked()
        return params

    def generate(self) -> Op[Prepared] | None:
        """Gather and draw the report off the UI thread; the preview shows it when done."""
        kind = self.current_kind()
        try:
            params = self.params()
        except UserError as exc:
            self.status.setText(exc.message)
            return None
        self._made = (kind, params)
        self.generate_button.setEnabled(False)
        self.status.setText("Preparing the report…")
        work = partial(_prepare, kind=kind, params=params, today=self.ctx.today())
        op = self.ctx.task(self, "Preparing the report…", work)
        return op.success(self._generated).failure(self._failed).run()

    def _generated(self, result: Prepared) -> None:
        pdf, header = result
        self.generate_button.setEnabled(True)
        self.pdf = pdf
        self._suggested = _file_name(self.current_kind(), header.subject, header.generated_on)
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        old, self._buffer = self._buffer, buffer
        self.document.load(buffer)
        if old is not None:
            old.deleteLater()
        self._set_ready(True)
        subject = f" — {header.subject}" if header.subject else ""
        self.status.setText(f"{header.title}{subject}, {header.period}. Ready to save or print.")

    def _failed(self, exc: BaseException) -> None:
        """The refusal (or "something went wrong") has been shown; the status line says it too."""
        self.generate_button.setEnabled(True)
        if isinstance(exc, UserError):
            self.status.setText(exc.message)
        else:
            self.status.setText("Something went wrong; the report was not made.")

    def _set_ready(self, ready: bool) -> None:
        self.save_button.setEnabled(ready)
        self.print_button.setEnabled(ready)

    # -----------------------------------------------------------------------------------------
    # Saving and printing

    def save_as(self) -> Path | None:
        """Ask where, then write the PDF atomically; returns the path written."""
        from coachdesk.reports.output import write_atomically

        if self.pdf is None:
            return None
        path = self.ctx.ask_save_file(self, "Save report", self._suggested, "PDF files (*.pdf)")
        if path is None:
            return None
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            write_atomically(path, self.pdf)
        except OSError as exc:
            self.ctx.refuse(
                self, UserError(f"The report could not be saved to {path}: {exc.strerror or exc}.")
            )
            return None
        self.status.setText(f"Saved to {path}")
        self._audit("saved")
        self.ctx.status_message.emit(f"Report saved to {path}")
        return path

    def print_report(self) -> None:
        """Ask which printer, copies and pages, then send the PDF itself to the print system
        (text stays text: no page images)."""
        from coachdesk.gui.reports.print_dialog import PrintDialog
        from coachdesk.gui.reports.printing import send_pdf

        if self.pdf is None or self.document.pageCount() == 0:
            return
        title = self._suggested.removesuffix(".pdf")
        dialog = PrintDialog(title, self.document.pageCount(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            sent = send_pdf(self.pdf, self._suggested, dialog.job())
        except UserError as exc:
            self.status.setText(exc.message)
            self.ctx.refuse(self, exc)
            return
        self.status.setText(sent)
        self.ctx.status_message.emit(sent)
        self._audit("printed")

    def _audit(self, how: str) -> None:
        """The audit log records the report saved or printed (by kind and record id only)."""
        from coachdesk.services.reporting import record_report

        if self._made is not None:
            kind, params = self._made
            self.ctx.query(self, record_report, kind, params, how).run()


def _prepare(
    db: Database, task: Task, *, kind: str, params: dict[str, Any], today: date
) -> Outcome[Prepared]:
    """The report's data (its audit row written) and its PDF, drawn off the UI thread."""
    from coachdesk.reports import render
    from coachdesk.services.reporting import report_data

    data = report_data(db, kind, params, today=today)
    if task.cancelled():
        raise UserError("Cancelled; no report was made.")
    return Outcome((render(data), data.header))


def _file_name(kind: str, subject: str, on: date) -> str:
    """``learning-log-lucja-zolc-ozturk-2026-11-23.pdf`` (ASCII letters, digits and hyphens)."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", subject).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.casefold()).strip("-")[:40].strip("-")
    if kind == "relationship":
        slug = ""  # the subject names both people; the date is enough
    return "-".join(part for part in (kind, slug, on.isoformat()) if part) + ".pdf"
