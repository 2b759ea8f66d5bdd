"""The coaching-culture tracker: an organisation's dated self-assessments and its stage over time."""

from __future__ import annotations

from datetime import date

from PySide6.QtCharts import (
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QValueAxis,
    QXYSeries,
)
from PySide6.QtCore import QDate, QDateTime, QMargins, Qt, QTime
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.culture import stage_label
from coachdesk.domain.dates import format_date
from coachdesk.gui.context import AppContext
from coachdesk.gui.insight.culture_dialog import CultureDialog
from coachdesk.gui.loading import Reader
from coachdesk.gui.widgets.elided import narrow_combo
from coachdesk.gui.widgets.flow import FlowLayout, labelled
from coachdesk.services.changes import Changes, RecordKind
from coachdesk.services.culture import CultureRow, delete_assessment, list_assessments
from coachdesk.services.equality import organisation_names
from coachdesk.services.handle import Database

ID_ROLE = Qt.ItemDataRole.UserRole


def _moment(d: date) -> QDateTime:
    return QDateTime(QDate(d.year, d.month, d.day), QTime(12, 0))


def _organisations(db: Database) -> tuple[set[str], list[str]]:
    """The organisations with a self-assessment, and every organisation on the register."""
    return {r.organisation for r in list_assessments(db)}, organisation_names(db)


class CultureTab(QWidget):
    """Choose an organisation: its self-assessments (newest first) and a stage-over-time chart."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._names_read = Reader(ctx, self)
        self._rows_read = Reader(ctx, self)
        self.rows: list[CultureRow] = []
        self.dialog: CultureDialog | None = None

        self.organisation = QComboBox()
        self.organisation.setAccessibleName("Organisation")
        narrow_combo(self.organisation, 30)
        self.organisation.currentIndexChanged.connect(self._load_rows)
        self.add_button = QPushButton("&Add self-assessment…")
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton("Ed&it…")
        self.edit_button.clicked.connect(self.edit)
        self.delete_button = QPushButton("&Delete…")
        ctx.guard_edits(self.add_button, self.edit_button, self.delete_button)
        self.delete_button.clicked.connect(self.delete)
        top = FlowLayout()  # the buttons go below the organisation when narrow
        caption = QLabel("&Organisation:")
        caption.setBuddy(self.organisation)
        top.addWidget(labelled(caption, self.organisation))
        for button in (self.add_button, self.edit_button, self.delete_button):
            top.addWidget(button)

        self.table = QTableWidget(0, 3)
        self.table.setObjectName("cultureTable")
        self.table.setAccessibleName("Self-assessments, newest first")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        self.table.setHorizontalHeaderLabels(["Assessed on", "Stage reached", "Next step"])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.doubleClicked.connect(self.edit)
        self.table.itemSelectionChanged.connect(self._selection)

        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.legend().hide()
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        # The axes are made once and kept: only the series and the date range change.
        self.x_axis = QDateTimeAxis()
        self.x_axis.setFormat("MMM yyyy")
        self.y_axis = QValueAxis()
        self.y_axis.setRange(0.5, 5.5)
        self.y_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        self.y_axis.setTickAnchor(1)
        self.y_axis.setTickInterval(1)
        self.y_axis.setLabelFormat("%d")
        self.y_axis.setTitleText("Hawkins stage")
        self.chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setObjectName("cultureChart")
        self.chart_view.setAccessibleName("Stage over time")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(10 * self.chart_view.fontMetrics().lineSpacing())

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart_view)
        # Proportions, not stretch factors (a splitter shares by its panes' wishes, and the
        # table's would leave the chart a sliver): a third for the list, the rest for the chart.
        splitter.setSizes([1000, 2000])
        hint = QLabel(
            "Hawkins' five stages towards a coaching culture (NES information pack): record each "
            "organisation's self-assessment when it is made; the programme report places its "
            "stage beside its coaching activity."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #425563;")
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        ctx.changed.connect(self._on_changed)
        self.reload()

    # --- reading -----------------------------------------------------------------------------

    def reload(self, keep: str | None = None) -> None:
        chosen = keep or self.organisation.currentText()
        self._names_read.read(lambda got: self._show_names(chosen, *got), _organisations)

    def _show_names(self, chosen: str, assessed: set[str], names: list[str]) -> None:
        self.organisation.blockSignals(True)
        self.organisation.clear()
        for name in names:  # assessed organisations first, then the rest of the register
            if name in assessed:
                self.organisation.addItem(name)
        for name in names:
            if name not in assessed:
                self.organisation.addItem(name)
        index = self.organisation.findText(chosen) if chosen else -1
        self.organisation.setCurrentIndex(max(0, index))
        self.organisation.blockSignals(False)
        self._load_rows()

    def _load_rows(self, *_: object) -> None:
        org = self.organisation.currentText()
        if org:
            self._rows_read.read(self._show_rows, list_assessments, org)
        else:
            self._rows_read.generation += 1  # an answer still coming is for another one
            self._show_rows([])

    def _show_rows(self, rows: list[CultureRow]) -> None:
        self.rows = rows
        self.table.setRowCount(0)
        for row in reversed(self.rows):
            n = self.table.rowCount()
            self.table.insertRow(n)
            first = QTableWidgetItem(format_date(row.assessed_on))
            first.setData(ID_ROLE, row.id)
            self.table.setItem(n, 0, first)
            self.table.setItem(n, 1, QTableWidgetItem(stage_label(row.stage)))
            self.table.setItem(n, 2, QTableWidgetItem(row.next_step))
        self._draw()
        self._selection()

    def _draw(self) -> None:
        chart = self.chart
        chart.removeAllSeries()
        org = self.organisation.currentText()
        if not self.rows:
            chart.setTitle(f"{org}: no self-assessment yet" if org else "No organisation yet")
            self.chart_view.setAccessibleDescription("No self-assessment to chart.")
            return
        series = QLineSeries()
        series.setName("Stage reached")
        series.setPointsVisible(True)
        series.setPointLabelsVisible(True)
        series.setPointLabelsFormat("@yPoint")
        for row in self.rows:
            series.append(_moment(row.assessed_on).toMSecsSinceEpoch(), row.stage)
        chart.addSeries(series)
        first, last = self.rows[0].assessed_on, self.rows[-1].assessed_on
        span = max((last - first).days, 120)
        self.x_axis.setRange(_moment(first).addDays(-span // 8), _moment(last).addDays(span // 8))
        self.x_axis.setTickCount(5)
        series.attachAxis(self.x_axis)
        series.attachAxis(self.y_axis)
        chart.setTitle(f"{org}: stage over time")
        self.chart_view.setAccessibleDescription(
            "; ".join(f"{format_date(r.assessed_on)}: stage {r.stage}" for r in self.rows)
        )

    def points(self) -> list[tuple[date, int]]:
        """The drawn points as (date, stage), oldest first (for tests and screen readers)."""
        out: list[tuple[date, int]] = []
        for series in self.chart.series():
            if not isinstance(series, QXYSeries):
                continue
            for point in series.points():
                day = QDateTime.fromMSecsSinceEpoch(int(point.x())).date()
                out.append((date(day.year(), day.month(), day.day()), int(point.y())))
        return out

    def selected(self) -> CultureRow | None:
        items = self.table.selectedItems()
        if not items:
            return None
        first = self.table.item(items[0].row(), 0)
        ident = first.data(ID_ROLE) if first is not None else None
        return next((r for r in self.rows if r.id == ident), None)

    def _selection(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    # --- actions -----------------------------------------------------------------------------

    def add(self) -> CultureDialog:
        organisations = [self.organisation.itemText(i) for i in range(self.organisation.count())]
        self.dialog = CultureDialog(
            self.ctx,
            None,
            organisations=organisations,
            organisation=self.organisation.currentText(),
            parent=self,
        )
        self._open(self.dialog)
        return self.dialog

    def _open(self, dialog: CultureDialog) -> None:
        dialog.accepted.connect(lambda: self.reload(dialog.saved_organisation))
        dialog.open()

    def edit(self, *_: object) -> CultureDialog | None:
        row = self.selected()
        if row is None:
            return None
        organisations = [self.organisation.itemText(i) for i in range(self.organisation.count())]
        self.dialog = CultureDialog(
            self.ctx, row, organisations=organisations, organisation=row.organisation, parent=self
        )
        self._open(self.dialog)
        return self.dialog

    def delete(self) -> bool:
        """Ask, then delete the chosen self-assessment (True once the delete is under way)."""
        row = self.selected()
        if row is None:
            return False
        question = (
            f"Delete the self-assessment of {row.organisation} made on "
            f"{format_date(row.assessed_on)} (stage {row.stage})?"
        )
        if not self.ctx.confirm(self, "Delete self-assessment?", question):
            return False
        self.ctx.write(self, delete_assessment, row.id, expected_version=row.version).run()
        return True

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(RecordKind.CULTURE, RecordKind.PERSON, RecordKind.HEADCOUNT):
            self.reload()
