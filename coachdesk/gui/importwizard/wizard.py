"""The register import wizard: file → columns → preview with problems → import → summary."""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from coachdesk.domain.words import agree, number, plural
from coachdesk.errors import UserError
from coachdesk.gui.context import AppContext
from coachdesk.gui.importwizard.preview import PreviewModel
from coachdesk.gui.operations import Op
from coachdesk.services.handle import Database
from coachdesk.services.spreadsheet import (
    FIELDS,
    ParsedRow,
    RegisterImportReport,
    SheetData,
    import_register_file,
    match_columns,
    parse_rows,
    read_register,
)
from coachdesk.services.spreadsheet.columns import check_mapping
from coachdesk.services.spreadsheet.normalise import clean_text
from coachdesk.services.spreadsheet.rejects import rejects_path
from coachdesk.services.spreadsheet.statuses import (
    CHOSEN,
    NewStatus,
    PlannedStatus,
    planned_statuses,
)

log = logging.getLogger(__name__)

FILE_FILTER = "Registers (*.xlsx *.xlsm *.csv *.tsv *.txt);;All files (*)"
#: Rows shown in the preview, and rows checked there for the problem count.
PREVIEW_ROWS, CHECKED_ROWS = 200, 20_000
NOT_IMPORTED = "(not imported)"
ON_REGISTER = "Already on our register (active)"
APPLICANTS = "New applicants (applied)"
SKIP_LABEL = "Import the rows without problems and set the others aside"


class ImportWizard(QWizard):
    """Holds what the pages share: the file read, the column mapping, the import's report."""

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, path: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle("Import a register spreadsheet")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "Import")
        self.ctx = ctx
        self.path: Path | None = None
        self.sheet: SheetData | None = None
        self.mapping: tuple[str | None, ...] = ()
        self.report: RegisterImportReport | None = None
        #: The reading or importing under way (one at a time).
        self.job: Op[SheetData] | Op[RegisterImportReport] | None = None
        self.file_page = FilePage(self)
        self.columns_page = ColumnsPage(self)
        self.preview_page = PreviewPage(self)
        self.summary_page = SummaryPage(self)
        for page in (self.file_page, self.columns_page, self.preview_page, self.summary_page):
            self.addPage(page)
        self.resize(900, 600)
        if path is not None:
            self.file_page.path.setText(str(path))

    def busy(self) -> bool:
        return self.job is not None and not self.job.done


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Choose the register")
        self.setSubTitle(
            "An Excel workbook (.xlsx) or a CSV file, one row per person, with a header row. "
            "Nothing is written until the last step."
        )
        self.path = QLineEdit()
        self.path.setPlaceholderText("register.xlsx or register.csv")
        self.path.setAccessibleName("File")
        self.path.textChanged.connect(self.completeChanged)
        choose = QPushButton("Choose…")
        choose.clicked.connect(self.choose)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(choose)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addStretch(1)

    def choose(self) -> None:
        path = self.w.ctx.ask_open_file(self, "Import a register", FILE_FILTER)
        if path is not None:
            self.path.setText(str(path))

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        path = Path(self.path.text().strip()).expanduser()
        if self.w.sheet is not None and self.w.path == path:
            return True
        if self.w.busy():
            return False

        def done(sheet: SheetData) -> None:
            self.w.path, self.w.sheet = path, sheet
            self.w.mapping = match_columns(sheet.headers)
            self.w.next()

        op = self.w.ctx.query(self, _read_sheet, path).success(done)
        op.label = f"Reading {path.name}…"
        self.w.job = op.run()
        return False


class ColumnsPage(QWizardPage):
    """Each column found, what it holds, and the field it fills (changeable)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Match the columns")
        self.setSubTitle(
            "Each column of the file and the register field it fills. Change any that are "
            "wrong; columns left as “not imported” are ignored."
        )
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Column in the file", "First value", "Field"])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems = QLabel()
        self.problems.setObjectName("mappingProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #a4262c")
        self.combos: list[QComboBox] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems)

    def initializePage(self) -> None:
        sheet = self.w.sheet
        assert sheet is not None
        self.table.setRowCount(len(sheet.headers))
        self.combos = []
        for i, header in enumerate(sheet.headers):
            first = next((c[i] for _n, c in sheet.rows if clean_text(c[i])), None)
            self.table.setItem(i, 0, QTableWidgetItem(header or f"(column {i + 1})"))
            self.table.setItem(i, 1, QTableWidgetItem(clean_text(first)[:60]))
            combo = QComboBox()
            combo.setAccessibleName(f"Field for the column {header}")
            combo.addItem(NOT_IMPORTED, None)
            for f in FIELDS:
                combo.addItem(f.label, f.key)
            chosen = self.w.mapping[i] if i < len(self.w.mapping) else None
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
            combo.currentIndexChanged.connect(self._changed)
            self.table.setCellWidget(i, 2, combo)
            self.combos.append(combo)
        self._changed()

    def combo_for(self, header: str) -> QComboBox:
        assert self.w.sheet is not None
        return self.combos[list(self.w.sheet.headers).index(header)]

    def chosen(self) -> tuple[str | None, ...]:
        return tuple(c.currentData() for c in self.combos)

    def _problems(self) -> list[str]:
        assert self.w.sheet is not None
        try:
            check_mapping(self.w.sheet.headers, self.chosen(), self.w.sheet.source)
        except UserError as exc:
            return exc.problems or [exc.message]
        return []

    def _changed(self) -> None:
        problems = self._problems()
        self.problems.setText("\n".join(f"• {p}" for p in problems))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.combos) and not self._problems()

    def validatePage(self) -> bool:
        self.w.mapping = self.chosen()
        return True


class PreviewPage(QWizardPage):
    """The first rows as they will be stored; problems highlighted in their cells; the status
    each registration gets, from the lead's choice for the file."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Check the rows")
        self.setCommitPage(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.on_register = QRadioButton(ON_REGISTER)
        self.on_register.setObjectName("alreadyOnRegister")
        self.on_register.setToolTip(
            "Each coach or mentor becomes active when the row has what approval needs; the "
            "others come in as applied, and the Registration column says why"
        )
        self.applicants = QRadioButton(APPLICANTS)
        self.applicants.setObjectName("newApplicants")
        self.applicants.setToolTip("Every new coach or mentor comes in as applied")
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.on_register)
        self.choice.addButton(self.applicants)
        self.on_register.setChecked(True)
        self.on_register.toggled.connect(self._plan)
        self.statuses = QLabel()
        self.statuses.setObjectName("importStatuses")
        self.statuses.setWordWrap(True)
        self._checked: list[ParsedRow] = []
        self._planning = 0
        self.view = QTableView()
        self.view.setObjectName("importPreview")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().setVisible(False)
        self.only_problems = QCheckBox("Show only rows with problems")
        self.only_problems.toggled.connect(self._filter)
        self.skip_invalid = QCheckBox()
        self.model: PreviewModel | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel("The coaches and mentors in this file are:"))
        chooser.addWidget(self.on_register)
        chooser.addWidget(self.applicants)
        chooser.addStretch(1)
        layout.addLayout(chooser)
        layout.addWidget(self.statuses)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.only_problems)
        layout.addWidget(self.skip_invalid)

    def initializePage(self) -> None:
        sheet, mapping = self.w.sheet, self.w.mapping
        assert sheet is not None and self.w.path is not None
        checked = parse_rows(sheet, mapping, limit=CHECKED_ROWS, today=self.w.ctx.today())
        bad = [r for r in checked if not r.ok]
        shown = checked[:PREVIEW_ROWS]
        # Rows with problems further down are shown too, so every problem can be seen.
        extra = [r for r in bad if r.row > shown[-1].row][:PREVIEW_ROWS] if shown else []
        self.model = PreviewModel(shown + extra, sheet.headers, mapping, self.view)
        self.view.setModel(self.model)
        self.view.resizeColumnsToContents()
        total = len(sheet.rows)
        where = "" if total <= CHECKED_ROWS else f" in the first {number(CHECKED_ROWS)}"
        problem_text = (
            f"{plural(len(bad), 'row')}{where} "
            f"{agree(len(bad), 'has a problem', 'have problems')}, highlighted in "
            f"{agree(len(bad), 'its cell', 'their cells')} (hover over one for the reason)."
            if bad
            else f"No problems found{where}."
        )
        after = " (and the rows with problems after them)" if extra else ""
        shown_text = (
            "It is shown"
            if total == 1
            else f"The first {number(min(total, PREVIEW_ROWS))}{after} are shown"
            if total > PREVIEW_ROWS
            else f"All {number(total)} are shown"
        )
        self.summary.setText(
            f"{sheet.source}: {plural(total, 'row')}. {shown_text} as they will be stored. "
            f"{problem_text}"
        )
        name = rejects_path(self.w.path).name
        self.skip_invalid.setText(f"{SKIP_LABEL} in {name}")
        self._checked = checked
        self._plan()
        self.skip_invalid.setChecked(False)
        self.only_problems.setChecked(False)
        self.only_problems.setEnabled(bool(bad))

    def _filter(self, on: bool) -> None:
        if self.model is not None:
            self.model.only_problems(on)

    def new_status(self) -> NewStatus:
        """The lead's choice for the file's new coaches and mentors."""
        return "applied" if self.applicants.isChecked() else "active"

    def _plan(self, *_: object) -> None:
        """Work out each row's registration status for the choice (reads what is held)."""
        if not self._checked:
            return
        self._planning += 1
        generation = self._planning
        self.statuses.setText("Working out each registration's status…")

        def done(plans: dict[int, tuple[PlannedStatus, ...]]) -> None:
            if generation != self._planning or self.model is None:
                return  # the choice changed meanwhile
            self.model.set_statuses(plans)
            self.view.resizeColumnToContents(1)
            self.statuses.setText(status_summary(plans, self.new_status()))

        op = self.w.ctx.query(self, planned_statuses, self._checked, self.new_status())
        op.success(done).run()

    def validatePage(self) -> bool:
        if self.w.report is not None:
            return True
        if self.w.busy():
            return False
        path, sheet, mapping = self.w.path, self.w.sheet, self.w.mapping
        assert path is not None and sheet is not None

        def done(report: RegisterImportReport) -> None:
            self.w.report = report
            self.w.next()

        work = partial(
            import_register_file,
            path=path,
            sheet=sheet,
            mapping=mapping,
            skip_invalid=self.skip_invalid.isChecked(),
            new_status=self.new_status(),
            skip_hint=f"tick “{SKIP_LABEL}” to import the others and set these aside",
        )
        self.w.job = self.w.ctx.task(self, f"Importing {path.name}…", work).success(done).run()
        return False


class SummaryPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Imported")
        self.counts = QLabel()
        self.counts.setObjectName("importCounts")
        self.counts.setTextFormat(Qt.TextFormat.PlainText)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.details, 1)

    def initializePage(self) -> None:
        report = self.w.report
        assert report is not None
        self.counts.setText(
            f"Added: {len(report.added):,}    Updated: {len(report.updated):,}    "
            f"Unchanged: {len(report.unchanged):,}    Rejected: {len(report.rejected):,}"
        )
        self.details.setPlainText("\n".join(report.summary_lines()))


def status_summary(plans: dict[int, tuple[PlannedStatus, ...]], choice: NewStatus) -> str:
    """``On import: 3 registrations active, 2 applied (1 of them lacks what approval needs).``"""
    every = [p for row in plans.values() for p in row]
    if not every:
        return "No row makes anyone a coach or mentor: no registration is added."
    by_status: dict[str, int] = {}
    for p in every:
        by_status[p.status] = by_status.get(p.status, 0) + 1
    counts = ", ".join(
        f"{plural(n, 'registration')} {status}" if i == 0 else f"{number(n)} {status}"
        for i, (status, n) in enumerate(sorted(by_status.items(), key=lambda kv: -kv[1]))
    )
    short = sum(1 for p in every if p.missing)
    why = ""
    if short and choice == "active":
        why = (
            f" {plural(short, 'registration')} cannot be active: the row lacks what approval "
            "needs (hover over its status for why)."
        )
    if any(p.kind == "coach" and p.status == "active" and p.source == CHOSEN for p in every):
        why += " A coach's certificate file cannot come from a spreadsheet: attach it afterwards."
    return f"On import: {counts}.{why}"


def _read_sheet(_db: Database, path: Path) -> SheetData:
    """Read the register file (a query that needs no database: the file is not yet imported)."""
    return read_register(path)


def open_import_wizard(ctx: AppContext, parent: QWidget | None = None) -> ImportWizard:
    """File › Import register…: show the wizard (modal to ``parent``); returns it."""
    wizard = ImportWizard(ctx, parent)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.setWindowModality(Qt.WindowModality.WindowModal)
    wizard.show()
    return wizard
