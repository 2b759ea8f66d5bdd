"""The person page's Details tab: their facts, client eligibility with override, manager agreement."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coachdesk.gui.context import AppContext
from coachdesk.gui.models.table import display
from coachdesk.gui.widgets.dates import DateField
from coachdesk.gui.widgets.elided import ElidedLabel
from coachdesk.services.dto import PersonDetail
from coachdesk.services.register import (
    clear_eligibility_override,
    record_manager_agreement,
    set_eligibility_override,
)


def _value_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


#: Shown on one line, cut short with the whole in a tooltip (an e-mail does not wrap).
ONE_LINE = ("email", "manager")


def _one_line() -> QLabel:
    label = ElidedLabel()
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _nothing(_ok: bool) -> None:
    """No one waits for the outcome."""


class DetailsTab(QScrollArea):
    """Read-only details, with the two things a lead records here: override and agreement."""

    FIELDS = (
        ("email", "E-mail:"),
        ("organisation", "Organisation:"),
        ("job_title", "Job title:"),
        ("band", "AfC band:"),
        ("region", "Region:"),
        ("manager", "Line manager:"),
        ("leadership", "Leadership programme:"),
        ("development", "Development areas:"),
        ("notes", "Notes:"),
    )

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.detail: PersonDetail | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        inner = QWidget()
        column = QVBoxLayout(inner)
        facts = QFormLayout()
        facts.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.values: dict[str, QLabel] = {}
        for key, caption in self.FIELDS:
            label = _one_line() if key in ONE_LINE else _value_label()
            label.setAccessibleName(caption.rstrip(":"))
            self.values[key] = label
            facts.addRow(caption, label)
        column.addLayout(facts)
        column.addWidget(self._eligibility_box())
        column.addWidget(self._agreement_box())
        column.addStretch(1)
        self.setWidget(inner)

    def _eligibility_box(self) -> QGroupBox:
        box = QGroupBox("Client eligibility")
        layout = QVBoxLayout(box)
        self.verdict = QLabel()
        self.verdict.setObjectName("eligibilityVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.reasons = QLabel()
        self.reasons.setObjectName("eligibilityReasons")
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.RichText)
        self.reasons.setAccessibleName("Eligibility reasons")
        self.override_state = QLabel()
        self.override_state.setTextFormat(Qt.TextFormat.PlainText)
        self.override_state.setWordWrap(True)
        self.override_reason = QLineEdit()
        self.override_reason.setPlaceholderText("why the hub accepts them as a client")
        self.override_reason.setAccessibleName("Override reason")
        self.record_override = QPushButton("Record &override")
        self.record_override.setAccessibleName("Record eligibility override")
        self.clear_override = QPushButton("&Clear override")
        self.clear_override.setAccessibleName("Clear eligibility override")
        row = QHBoxLayout()
        row.addWidget(self.override_reason, 1)
        row.addWidget(self.record_override)
        row.addWidget(self.clear_override)
        for widget in (self.verdict, self.reasons, self.override_state):
            layout.addWidget(widget)
        layout.addLayout(row)
        self.override_reason.textChanged.connect(self._override_enable)
        self.override_reason.textChanged.connect(self.ctx.unsaved_changed)
        self.override_reason.returnPressed.connect(lambda: self.record_override_now())
        self.record_override.clicked.connect(lambda: self.record_override_now())
        self.clear_override.clicked.connect(self.clear_override_now)
        return box

    def _agreement_box(self) -> QGroupBox:
        box = QGroupBox("Line manager's agreement")
        layout = QVBoxLayout(box)
        self.agreement_state = QLabel()
        self.agreement_state.setTextFormat(Qt.TextFormat.PlainText)
        self.agreement_state.setWordWrap(True)
        self.agreement = DateField()
        self.agreement.setAccessibleName("Line manager agreed on")
        self.record_agreement = QPushButton("Record &agreement")
        self.ctx.guard_edits(self.record_override, self.clear_override, self.record_agreement)
        self.record_agreement.setAccessibleName("Record line manager's agreement")
        self.agreement_problem = QLabel()
        self.agreement_problem.setStyleSheet("color: #a4262c;")
        row = QHBoxLayout()
        row.addWidget(QLabel("Agreed on:"))
        row.addWidget(self.agreement)
        row.addWidget(self.record_agreement)
        row.addWidget(self.agreement_problem, 1)
        layout.addWidget(self.agreement_state)
        layout.addLayout(row)
        self.agreement.textChanged.connect(self._agreement_enable)
        self.agreement.textChanged.connect(self.ctx.unsaved_changed)
        self.agreement.returnPressed.connect(lambda: self.record_agreement_now())
        self.record_agreement.clicked.connect(lambda: self.record_agreement_now())
        return box

    # --- showing ---------------------------------------------------------------------------

    def load(self, detail: PersonDetail) -> None:
        self.detail = detail
        p = detail.person
        manager = p.manager_name
        if p.manager_email:
            manager = f"{manager} <{p.manager_email}>" if manager else p.manager_email
        shown = {
            "email": p.email,
            "organisation": p.organisation,
            "job_title": p.job_title,
            "band": p.band or "",
            "region": p.region,
            "manager": manager,
            "leadership": "yes" if p.leadership_programme else "no",
            "development": ", ".join(p.development_areas),
            "notes": p.notes,
        }
        for key, value in shown.items():
            self.values[key].setText(value or "—")
        override = p.eligibility_override
        if detail.eligible:
            self.verdict.setText("<b style='color:#007f3b'>Eligible as a client</b>")
        elif override:
            self.verdict.setText(
                "<b style='color:#007f3b'>Not eligible, but accepted by an override</b>"
            )
        else:
            self.verdict.setText(
                "<b style='color:#8a5300'>Not eligible as a client</b> "
                "(a warning: the hub may still accept them with an override and a reason)"
            )
        items = "".join(f"<li>{escape(r, quote=False)}</li>" for r in detail.eligibility_reasons)
        self.reasons.setText(f"<ul style='margin:0'>{items}</ul>")
        if override:
            on = f" on {display(override.on)}" if override.on else ""
            self.override_state.setText(f"Override recorded{on}: {override.reason}")
        else:
            self.override_state.setText(
                "No override recorded." if not detail.eligible else "No override needed."
            )
        self.override_state.setVisible(bool(override) or not detail.eligible)
        needs_override = not detail.eligible and not override
        self.override_reason.clear()
        self.override_reason.setVisible(needs_override)
        self.record_override.setVisible(needs_override)
        self.clear_override.setVisible(bool(override))
        self._override_enable()
        agreed = p.manager_agreement_on
        self.agreement_state.setText(
            f"Agreed on {display(agreed)}, as part of the development plan."
            if agreed
            else "Not recorded. A client needs it before a relationship starts."
        )
        self.agreement.set_date(agreed)
        self._agreement_enable()

    def _override_enable(self) -> None:
        self.record_override.setEnabled(bool(self.override_reason.text().strip()))

    def _agreement_enable(self) -> None:
        why = self.agreement.problem()
        self.agreement_problem.setText(why or "")
        stored = self.detail.person.manager_agreement_on if self.detail else None
        changed = self.agreement.date() != stored
        self.record_agreement.setEnabled(why is None and changed)
        self.record_agreement.setText(
            "Clear &agreement" if self.agreement.date() is None and stored else "Record &agreement"
        )

    # --- recording -------------------------------------------------------------------------

    # Each records with one write; the button waits for it (the page reloads on success).

    def record_override_now(self, done: Callable[[bool], None] = _nothing) -> None:
        reason = self.override_reason.text().strip()
        if self.detail is None or not reason or not self.record_override.isEnabled():
            done(False)
            return
        self.record_override.setEnabled(False)
        email, version = self.detail.person.email, self.detail.person.version
        op = self.ctx.write(
            self,
            set_eligibility_override,
            email,
            reason,
            self.ctx.today(),
            expected_version=version,
        )
        op.success(lambda _row: done(True))
        op.failure(lambda _exc: self._not_recorded(self._override_enable, done)).run()

    def clear_override_now(self) -> None:
        if self.detail is None or not self.clear_override.isEnabled():
            return
        name = self.detail.person.full_name
        if self.ctx.confirm(
            self, "Clear override?", f"Clear the eligibility override recorded for {name}?"
        ):
            self.clear_override.setEnabled(False)
            person = self.detail.person
            op = self.ctx.write(
                self, clear_eligibility_override, person.email, expected_version=person.version
            )
            op.success(lambda _row: self.clear_override.setEnabled(True))
            op.failure(lambda _exc: self.clear_override.setEnabled(True)).run()

    def record_agreement_now(self, done: Callable[[bool], None] = _nothing) -> None:
        if self.detail is None or not self.record_agreement.isEnabled():
            if self.agreement.problem():
                self.agreement.setFocus()
            done(False)
            return
        self.record_agreement.setEnabled(False)
        email, on = self.detail.person.email, self.agreement.date()
        version = self.detail.person.version
        op = self.ctx.write(self, record_manager_agreement, email, on, expected_version=version)
        op.success(lambda _row: done(True))
        op.failure(lambda _exc: self._not_recorded(self._agreement_enable, done)).run()

    @staticmethod
    def _not_recorded(enable: Callable[[], None], done: Callable[[bool], None]) -> None:
        """The write was refused (already shown): its button is offered again."""
        enable()
        done(False)

    # --- unsaved changes: typed here but not yet recorded ----------------------------------

    def typed_override(self) -> bool:
        return not self.override_reason.isHidden() and bool(self.override_reason.text().strip())

    def typed_agreement(self) -> bool:
        stored = self.detail.person.manager_agreement_on if self.detail else None
        return self.agreement.problem() is not None or self.agreement.date() != stored

    def unsaved_what(self) -> str | None:
        """What is typed here and not recorded, in the lead's words (None: nothing)."""
        if self.detail is None:
            return None
        name = self.detail.person.full_name
        parts = [f"the override reason typed for {name}"] if self.typed_override() else []
        if self.typed_agreement():
            parts.append(f"the line manager's agreement date typed for {name}")
        return " and ".join(parts) or None

    def save_unsaved(self, done: Callable[[bool], None]) -> None:
        """Record the override, then the agreement, as typed; ``done(True)`` if both were."""
        override, agreement = self.typed_override(), self.typed_agreement()

        def then_agreement(ok: bool) -> None:
            if not ok:
                done(False)
            elif agreement:
                self.record_agreement_now(done)
            else:
                done(True)

        if override:
            self.record_override_now(then_agreement)
        else:
            then_agreement(True)

    def discard_unsaved(self) -> None:
        self.override_reason.clear()
        self.agreement.set_date(self.detail.person.manager_agreement_on if self.detail else None)
