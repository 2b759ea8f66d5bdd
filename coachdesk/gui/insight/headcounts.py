"""Workforce headcounts: each organisation's staff by group for a period, typed or imported."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.dates import add_months, format_date
from coachdesk.domain.equality import DIMENSION_LABELS, DIMENSIONS, REPORT_GROUPS
from coachdesk.gui.context import AppContext
from coachdesk.gui.loading import Reader
from coachdesk.gui.widgets.dates import DateField
from coachdesk.gui.widgets.elided import narrow_combo
from coachdesk.gui.widgets.flow import FlowLayout, labelled
from coachdesk.services.changes import Changes, RecordKind
from coachdesk.services.equality import (
    HeadcountSet,
    delete_headcounts,
    import_headcounts,
    list_headcounts,
    organisation_names,
    save_workforce,
)
from coachdesk.services.handle import Database

SHEETS = "Spreadsheets (*.xlsx *.xlsm *.csv *.tsv *.txt)"
PERIOD_ROLE = Qt.ItemDataRole.UserRole
NO_PERIOD = "Period: enter the first and last day the headcount covers."


def _headcounts_and_names(db: Database) -> tuple[list[HeadcountSet], list[str]]:
    """The headcounts entered, and every organisation on the register."""
    return list_headcounts(db), organisation_names(db)


class HeadcountsTab(QWidget):
    """Left: the periods held per organisation. Right: one period's table, editable by keyboard."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._sets_read = Reader(ctx, self)
        self._loaded: dict[tuple[str, str], int] = {}

        self.periods = QListWidget()
        self.periods.setObjectName("headcountPeriods")
        self.periods.setAccessibleName("Headcounts held, by organisation and period")
        self.periods.currentItemChanged.connect(self._period_chosen)
        self.new_button = QPushButton("&New period")
        self.new_button.clicked.connect(self.new_period)
        self.delete_button = QPushButton("&Delete period…")
        self.delete_button.clicked.connect(self.delete_period)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("Headcounts held:"))
        left_layout.addWidget(self.periods, 1)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        left_layout.addLayout(row)

        self.organisation = QComboBox()
        self.organisation.setEditable(True)
        self.organisation.setAccessibleName("Organisation")
        narrow_combo(self.organisation)
        self.start = DateField(required=True)
        self.start.setAccessibleName("Period from")
        self.end = DateField(required=True)
        self.end.setAccessibleName("Period to")
        top = FlowLayout()  # the period goes below the organisation when narrow
        captions: list[QWidget] = []
        for caption, widget in (
            ("&Organisation:", self.organisation),
            ("Fro&m:", self.start),
            ("&to:", self.end),
        ):
            label = QLabel(caption)
            label.setBuddy(widget)
            captions += [label, widget]
        top.addWidget(labelled(*captions[:2]))
        top.addWidget(labelled(*captions[2:]))

        self.table = QTableWidget(0, 2)
        self.table.setObjectName("headcountTable")
        self.table.setAccessibleName("Staff headcount by group")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        self.table.setHorizontalHeaderLabels(["Group", "Staff headcount"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.rows: list[tuple[str, str]] = []
        for dimension in DIMENSIONS:
            self._add_heading(DIMENSION_LABELS[dimension])
            for group, group_label in REPORT_GROUPS[dimension]:
                self._add_group(dimension, group, group_label)

        self.import_dimension = QComboBox()
        self.import_dimension.setAccessibleName("Import headcounts for")
        for dimension in DIMENSIONS:
            self.import_dimension.addItem(DIMENSION_LABELS[dimension], dimension)
        self.import_button = QPushButton("&Import a sheet…")
        self.import_button.setToolTip(
            "A two-column sheet (.xlsx or .csv): group, staff headcount — e.g. from ESR"
        )
        self.import_button.clicked.connect(self.import_sheet)
        self.save_button = QPushButton("&Save headcount")
        ctx.guard_edits(self.new_button, self.delete_button, self.import_button, self.save_button)
        self.save_button.setAccessibleName("Save headcount")
        self.save_button.clicked.connect(self.save)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #a4262c;")
        self.problem.setWordWrap(True)
        bottom = FlowLayout()
        bottom.addWidget(labelled(QLabel("Import for:"), self.import_dimension))
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.save_button)

        hint = QLabel(
            "Type each group's staff headcount for the period (leave a group blank when it is "
            "not known). The equality-of-access report divides the clients who started in its "
            "period by these numbers; for each organisation it uses the headcount whose period "
            "best covers the report's."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #425563;")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(hint)
        right_layout.addLayout(top)
        right_layout.addWidget(self.table, 1)
        right_layout.addLayout(bottom)
        right_layout.addWidget(self.problem)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        ctx.changed.connect(self._on_changed)
        self.reload()
        self.new_period()

    # --- the table ---------------------------------------------------------------------------

    def _add_heading(self, text: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(text)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.table.setItem(row, 0, item)
        blank = QTableWidgetItem("")
        blank.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.table.setItem(row, 1, blank)
        self.rows.append(("", ""))

    def _add_group(self, dimension: str, group: str, label: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name = QTableWidgetItem(f"    {label}")
        name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.table.setItem(row, 0, name)
        value = QTableWidgetItem("")
        value.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, 1, value)
        self.rows.append((dimension, group))

    def row_of(self, dimension: str, group: str) -> int:
        return self.rows.index((dimension, group))

    def _item(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        assert item is not None  # every row is filled when the table is built
        return item

    def cell(self, dimension: str, group: str) -> QTableWidgetItem:
        return self._item(self.row_of(dimension, group), 1)

    def read_counts(self) -> tuple[dict[str, dict[str, int | None]], list[str]]:
        """Typed headcounts by dimension and group, and a problem per cell that is no number."""
        counts: dict[str, dict[str, int | None]] = {d: {} for d in DIMENSIONS}
        problems = []
        for row, (dimension, group) in enumerate(self.rows):
            if not dimension:
                continue
            text = self._item(row, 1).text().strip().replace(",", "")
            if not text:
                counts[dimension][group] = None
            elif text.isdigit():
                counts[dimension][group] = int(text)
            else:
                label = self._item(row, 0).text().strip()
                problems.append(f"{label}: {text!r} is not a whole number of staff.")
        return counts, problems

    def show_counts(self, sets: list[HeadcountSet]) -> None:
        for row, (dimension, _group) in enumerate(self.rows):
            if dimension:
                self._item(row, 1).setText("")
        for s in sets:
            for group, n in s.counts:
                self.cell(s.dimension, group).setText(f"{n:,}")

    # --- periods -----------------------------------------------------------------------------

    def reload(self) -> None:
        self._sets_read.read(lambda got: self._show_sets(*got), _headcounts_and_names)

    def _show_sets(self, sets: list[HeadcountSet], names: list[str]) -> None:
        self._sets = sets
        chosen = (
            self.periods.currentItem().data(PERIOD_ROLE) if self.periods.currentItem() else None
        )
        self.periods.blockSignals(True)
        self.periods.clear()
        seen: dict[tuple[str, date, date], int] = {}
        for s in self._sets:
            key = (s.organisation, s.period_start, s.period_end)
            if s.dimension == "ethnicity" or key not in seen:
                seen[key] = max(seen.get(key, 0), s.total)
        for key, total in seen.items():
            org, start, end = key
            item = QListWidgetItem(
                f"{org}\n{format_date(start)} – {format_date(end)} · {total:,} staff"
            )
            item.setData(PERIOD_ROLE, key)
            self.periods.addItem(item)
            if key == chosen:
                self.periods.setCurrentItem(item)
        self.periods.blockSignals(False)
        text = self.organisation.currentText()
        self.organisation.blockSignals(True)
        self.organisation.clear()
        self.organisation.addItems(names)
        self.organisation.setEditText(text)
        self.organisation.blockSignals(False)

    def _period_chosen(self, item: QListWidgetItem | None, _old: object = None) -> None:
        if item is None:
            return
        org, start, end = item.data(PERIOD_ROLE)
        self.show_period(org, start, end)

    def show_period(self, org: str, start: date, end: date) -> None:
        self.organisation.setEditText(org)
        self.start.set_date(start)
        self.end.set_date(end)
        self.show_counts(
            [
                s
                for s in self._sets
                if (s.organisation, s.period_start, s.period_end) == (org, start, end)
            ]
        )
        self.problem.setText("")

    def new_period(self) -> None:
        """A blank table for the twelve months to the end of last month."""
        first = self.ctx.today().replace(day=1)
        self.periods.setCurrentRow(-1)
        self.start.set_date(add_months(first, -12))
        self.end.set_date(first - timedelta(days=1))
        self.show_counts([])
        self.problem.setText("")
        self.organisation.setFocus()

    def _period(self) -> tuple[str, date | None, date | None]:
        return self.organisation.currentText().strip(), self.start.date(), self.end.date()

    # --- actions -----------------------------------------------------------------------------

    def save(self) -> bool:
        counts, problems = self.read_counts()
        org, start, end = self._period()
        for field in (self.start, self.end):
            if field.problem():
                problems.insert(0, f"{field.accessibleName()}: {field.problem()}")
        if problems:
            self.problem.setText("\n".join(problems))
            return False
        typed = {d: c for d, c in counts.items() if any(v is not None for v in c.values())}
        held = {
            s.dimension
            for s in self._sets
            if (s.organisation, s.period_start, s.period_end) == (org, start, end)
        }
        for dimension in held - set(typed):  # a dimension cleared: remove what was held
            typed[dimension] = {}
        if not typed:
            self.problem.setText("Type at least one group's headcount.")
            return False
        if start is None or end is None:
            self.problem.setText(NO_PERIOD)
            return False
        self.ctx.write(self, save_workforce, org, start, end, typed).success(
            lambda _sets: self._saved(org)
        ).run()
        return True

    def _saved(self, org: str) -> None:
        self.problem.setText("")
        self.ctx.status_message.emit(f"Headcount saved for {org}.")

    def import_sheet(self) -> bool:
        """Ask for a two-column sheet and import it (True once the import has started)."""
        org, start, end = self._period()
        if start is None or end is None:
            self.problem.setText(NO_PERIOD)
            return False
        dimension = self.import_dimension.currentData()
        label = DIMENSION_LABELS[dimension].lower()
        path = self.ctx.ask_open_file(self, f"Import the {label} headcount", SHEETS)
        if path is None:
            return False

        def imported(saved: HeadcountSet) -> None:
            self.ctx.status_message.emit(f"Imported {saved.total:,} staff by {label} for {org}.")

        op = self.ctx.write(self, import_headcounts, path, org, start, end, dimension)
        op.success(imported).run()
        return True

    def delete_period(self) -> bool:
        item = self.periods.currentItem()
        if item is None:
            return False
        org, start, end = item.data(PERIOD_ROLE)
        question = (
            f"Delete every headcount of {org} for {format_date(start)} – "
            f"{format_date(end)}? The equality report will no longer count it."
        )
        if not self.ctx.confirm(self, "Delete headcount?", question):
            return False
        op = self.ctx.write(self, delete_headcounts, org, start, end)
        op.success(lambda _n: self.new_period()).run()
        return True

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(RecordKind.HEADCOUNT, RecordKind.PERSON, RecordKind.CULTURE):
            org, start, end = self._period()
            self.reload()
            if start is not None and end is not None and org:
                self.show_period(org, start, end)
