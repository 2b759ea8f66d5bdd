"""Add or edit one culture self-assessment: organisation, date, stage, evidence per stage, next step."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.culture import STAGES, stage_label
from coachdesk.errors import NotFound
from coachdesk.gui.context import AppContext
from coachdesk.gui.operations import Op
from coachdesk.gui.widgets.dates import DateField
from coachdesk.gui.widgets.forms import PROBLEM_STYLE, BaseFormDialog, set_problem
from coachdesk.gui.widgets.sizing import lines_high
from coachdesk.services.culture import (
    CultureInput,
    CultureRow,
    add_assessment,
    list_assessments,
    update_assessment,
)
from coachdesk.services.handle import Database


def assessment_now(db: Database, assessment_id: str) -> CultureRow:
    """The self-assessment as saved now."""
    for row in list_assessments(db):
        if row.id == assessment_id:
            return row
    raise NotFound("This self-assessment is no longer there: another lead has deleted it.")


class CultureDialog(BaseFormDialog):
    """One self-assessment; Save makes one add or update call."""

    def __init__(
        self,
        ctx: AppContext,
        row: CultureRow | None,
        *,
        organisations: list[str],
        organisation: str = "",
        parent: QWidget | None = None,
    ) -> None:
        title = "Edit self-assessment" if row else "New coaching-culture self-assessment"
        super().__init__(ctx, title, parent)
        self.row = row
        self.saved_organisation: str | None = None
        self.organisation = QComboBox()
        self.organisation.setEditable(True)
        self.organisation.setAccessibleName("Organisation")
        self.organisation.addItems(organisations)
        self.organisation.setEditText(organisation)
        self.assessed_on = DateField(required=True)
        self.assessed_on.setAccessibleName("Assessed on")
        self.stage = QComboBox()
        self.stage.setAccessibleName("Stage reached")
        for s in STAGES:
            self.stage.addItem(stage_label(s.number), s.number)
        self.evidence: list[QPlainTextEdit] = []
        self.next_step = QPlainTextEdit()
        self.next_step.setAccessibleName("Next step")
        self.next_step.setTabChangesFocus(True)
        self.next_step.setFixedHeight(lines_high(self.next_step, 3))

        form = QFormLayout()
        form.addRow("&Organisation:", self.organisation)
        form.addRow("&Assessed on:", self.assessed_on)
        form.addRow("S&tage reached:", self.stage)
        for s in STAGES:
            box = QPlainTextEdit()
            box.setAccessibleName(f"Evidence for stage {s.number}")
            box.setToolTip(s.description)
            box.setPlaceholderText(s.description)
            box.setTabChangesFocus(True)
            box.setFixedHeight(lines_high(box, 3))
            self.evidence.append(box)
            form.addRow(f"Evidence, stage {s.number}:", box)
        form.addRow("&Next step:", self.next_step)
        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.problem = QLabel()
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setWordWrap(True)
        set_problem(self.problem, None)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.standard_buttons())
        self.resize(640, 640)
        if row is not None:
            self.fill(row)
        else:
            self.assessed_on.set_date(ctx.today())
        fields = [self.organisation, self.assessed_on, self.stage, *self.evidence, self.next_step]
        for field in fields:
            self.track(field)
        for box in (*self.evidence, self.next_step):
            box.textChanged.connect(self.edited)
        self.organisation.editTextChanged.connect(self.edited)
        self.stage.currentIndexChanged.connect(self.edited)
        self.assessed_on.textChanged.connect(self.edited)
        self.mark_clean()
        self.set_tab_chain(fields)

    def fill(self, row: CultureRow) -> None:
        self.assessed_on.set_date(row.assessed_on)
        self.stage.setCurrentIndex(row.stage - 1)
        for box, text in zip(self.evidence, row.evidence, strict=True):
            box.setPlainText(text)
        self.next_step.setPlainText(row.next_step)

    def current_record(self) -> Op[CultureRow] | None:
        return None if self.row is None else self.ctx.query(self, assessment_now, self.row.id)

    def show_record(self, row: CultureRow) -> None:
        self.row = row  # later saves are checked against this version
        self.organisation.setEditText(row.organisation)
        self.fill(row)

    def read(self) -> CultureInput:
        a, b, c, d, e = (box.toPlainText() for box in self.evidence)
        return CultureInput(
            organisation=self.organisation.currentText(),
            assessed_on=self.assessed_on.date(),
            stage=int(self.stage.currentData()),
            evidence=(a, b, c, d, e),
            next_step=self.next_step.toPlainText(),
        )

    def try_save(self) -> None:
        why = self.assessed_on.problem()
        if why:
            set_problem(self.problem, f"Assessed on: {why}.")
            self.assessed_on.setFocus()
            return
        if self.saving:
            return
        data = self.read()
        if self.row is None:
            op = self.ctx.write(self, add_assessment, data, today=self.ctx.today())
        else:
            op = self.ctx.write(
                self,
                update_assessment,
                self.row.id,
                data,
                today=self.ctx.today(),
                expected_version=self.row.version,
            )
        self.submit(op, self._saved)

    def _saved(self, saved: CultureRow) -> None:
        self.saved_organisation = saved.organisation
        self.ctx.status_message.emit(f"Self-assessment of {saved.organisation} saved.")
