"""The impact panel (SPEC 4): a bar chart of mean change per item and a table with the pairs."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.impact import Change, ItemImpact
from coachdesk.domain.words import agree, plural
from coachdesk.gui.context import AppContext
from coachdesk.gui.loading import Reader
from coachdesk.gui.models.table import Column
from coachdesk.gui.widgets.dates import DateField
from coachdesk.gui.widgets.elided import narrow_combo
from coachdesk.gui.widgets.flow import FlowLayout, labelled
from coachdesk.gui.widgets.record_table import RecordTable
from coachdesk.services.evaluations import template_titles
from coachdesk.services.impact import ImpactReport, impact

POST_COLOUR = QColor("#005eb8")  # NHS blue
FOLLOW_COLOUR = QColor("#ed8b00")  # NHS warm yellow
SERIES_POST = "Pre → post"
SERIES_FOLLOW = "Pre → follow-up"


def signed(value: float | None) -> str:
    return "" if value is None else f"{value:+.2f}"


def means(change: Change) -> str:
    if change.before is None or change.after is None:
        return ""
    return f"{change.before:.2f} → {change.after:.2f}"


def short_label(item: ItemImpact, limit: int = 48) -> str:
    """A chart category: the statement's own words (cut only when very long)."""
    text = " ".join(item.text.split()) or item.key
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


IMPACT_COLUMNS = (
    Column("Item", lambda i: i.text),
    Column(
        "Change pre → post",
        lambda i: signed(i.post.mean),
        align_right=True,
        sort=lambda i: i.post.mean,
    ),
    Column("Means pre → post", lambda i: means(i.post)),
    Column("Pairs (post)", lambda i: i.post.pairs, align_right=True),
    Column(
        "Change pre → follow-up",
        lambda i: signed(i.follow_up.mean),
        align_right=True,
        sort=lambda i: i.follow_up.mean,
    ),
    Column("Means pre → follow-up", lambda i: means(i.follow_up)),
    Column("Pairs (follow-up)", lambda i: i.follow_up.pairs, align_right=True),
)


class ImpactPanel(QWidget):
    """Filters (kind, period, template) above the chart, and the figures below it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._templates_read = Reader(ctx, self)
        self._report_read = Reader(ctx, self)
        self.report: ImpactReport | None = None
        self.kind = QComboBox()
        self.kind.setAccessibleName("Relationships")
        for text, value in (
            ("Coaching and mentoring", None),
            ("Coaching only", "coaching"),
            ("Mentoring only", "mentoring"),
        ):
            self.kind.addItem(text, value)
        self.start = DateField()
        self.start.setAccessibleName("Later form completed from")
        self.end = DateField()
        self.end.setAccessibleName("Later form completed to")
        self.template = QComboBox()
        self.template.setAccessibleName("Questionnaire")
        narrow_combo(self.template)  # a template's title may be long
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #a4262c;")
        captions: dict[QWidget, QLabel] = {}
        for label, widget in (
            ("&Relationships:", self.kind),
            ("Post/follow-up completed fro&m:", self.start),
            ("&to:", self.end),
            ("&Questionnaire:", self.template),
        ):
            captions[widget] = QLabel(label)
            captions[widget].setBuddy(widget)
        filters = FlowLayout()  # wraps onto a second line in a narrow window
        filters.addWidget(labelled(captions[self.kind], self.kind))
        filters.addWidget(labelled(captions[self.start], self.start, captions[self.end], self.end))
        filters.addWidget(labelled(captions[self.template], self.template))
        filters.addWidget(self.problem)

        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart_view = QChartView(self.chart)
        self.chart_view.setObjectName("impactChart")
        self.chart_view.setAccessibleName("Impact chart: mean change per item")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(16 * self.chart_view.fontMetrics().lineSpacing())
        self.summary = QLabel()
        self.summary.setObjectName("impactSummary")
        self.summary.setWordWrap(True)
        self.table = RecordTable(
            IMPACT_COLUMNS,
            "Impact per item, with the number of pairs",
            object_name="impactTable",
            stretch=0,
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.model = self.table.model_
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.summary)
        lower_layout.addWidget(self.table)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart_view)
        split.addWidget(lower)
        # Proportions, not stretch factors (a splitter shares by its panes' wishes, and the
        # table's would squash the chart): three fifths for the chart, the rest for the figures.
        split.setSizes([3000, 2000])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        self._load_templates()
        self.kind.currentIndexChanged.connect(self.reload)
        self.template.currentIndexChanged.connect(self.reload)
        self.start.textChanged.connect(self.reload)
        self.end.textChanged.connect(self.reload)

    def _load_templates(self, then: Callable[[], object] | None = None) -> None:
        self._templates_read.read(
            lambda titles: self._show_templates(titles, then), template_titles
        )

    def _show_templates(
        self, titles: list[tuple[str, str]], then: Callable[[], object] | None
    ) -> None:
        current = self.template.currentData() or "client-default"
        self.template.blockSignals(True)
        self.template.clear()
        for key, title in titles:
            self.template.addItem(title, key)
        at = self.template.findData(current)
        self.template.setCurrentIndex(max(at, 0))
        self.template.blockSignals(False)
        if then is not None:
            then()

    def reload(self, *_: object) -> None:
        if not (self.start.valid and self.end.valid):
            self.problem.setText("Type dates as dd/mm/yyyy.")
            return
        start, end = self.start.date(), self.end.date()
        if start and end and end < start:
            self.problem.setText("The 'to' date is before the 'from' date.")
            return
        self.problem.setText("")
        self._report_read.read(
            self._show_report,
            impact,
            start=start,
            end=end,
            kind=self.kind.currentData(),
            template=self.template.currentData() or "client-default",
        )

    def _show_report(self, report: ImpactReport) -> None:
        self.report = report
        self.model.set_rows(report.items)
        self._summarise(report)
        self._draw(report)

    def refresh_templates(self) -> None:
        self._load_templates(then=self.reload)

    def _summarise(self, r: ImpactReport) -> None:
        def attained(a: object) -> str:
            mean = getattr(a, "mean", None)
            n = getattr(a, "evaluations", 0)
            return "no ratings" if mean is None else f"{mean:.1f} / 10 (from {plural(n, 'form')})"

        self.summary.setText(
            f"<b>{r.pairs_post}</b> {agree(r.pairs_post, 'relationship has', 'relationships have')} "
            f"both a pre and a post form; "
            f"<b>{r.pairs_follow_up}</b> {agree(r.pairs_follow_up, 'has', 'have')} a pre and a "
            "follow-up. Only those count: each bar "
            f"is the mean of (later − pre) for that statement on the {r.scale_min}–"
            f"{r.scale_max} scale, over the pairs that answered it both times. "
            f"Objectives attained: {attained(r.attainment_post)} at post, "
            f"{attained(r.attainment_follow_up)} at follow-up."
        )

    def _draw(self, r: ImpactReport) -> None:
        """Horizontal bars, one group per statement (first at the top), so the wording fits."""
        chart = self.chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        post = QBarSet(f"{SERIES_POST} ({plural(r.pairs_post, 'relationship')})")
        follow = QBarSet(f"{SERIES_FOLLOW} ({plural(r.pairs_follow_up, 'relationship')})")
        for bar_set, colour in ((post, POST_COLOUR), (follow, FOLLOW_COLOUR)):
            bar_set.setColor(colour)
            bar_set.setLabelColor(QColor("#212b32"))
        items = list(reversed(r.items))  # a horizontal chart draws the first category lowest
        values = [0.0]
        for item in items:
            post.append(item.post.mean or 0.0)
            follow.append(item.follow_up.mean or 0.0)
            values += [item.post.mean or 0.0, item.follow_up.mean or 0.0]
        series = QHorizontalBarSeries()
        series.setName("Mean change")
        series.append(post)
        series.append(follow)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        series.setLabelsPrecision(2)
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([short_label(i) for i in items])
        categories.setTruncateLabels(False)
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        axis = QValueAxis()
        low, high = math.floor(min(values)), max(1.0, math.ceil(max(values)))
        axis.setRange(low, high)
        axis.setTickCount(int((high - low) * 2) + 1 if high - low <= 4 else int(high - low) + 1)
        axis.setLabelFormat("%+.1f")
        axis.setTitleText(
            f"Mean change in rating (points on the {r.scale_min}–{r.scale_max} scale)"
        )
        chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis)
        kind = {None: "coaching and mentoring", "coaching": "coaching", "mentoring": "mentoring"}
        title = f"Mean change per statement — {r.title}, {kind.get(r.kind, r.kind)}"
        if r.empty:
            title += " (no relationship has both forms yet)"
        chart.setTitle(title)
        self.chart_view.setAccessibleDescription(
            "; ".join(
                f"{i.text}: {signed(i.post.mean) or 'no pairs'} pre to post, "
                f"{signed(i.follow_up.mean) or 'no pairs'} pre to follow-up"
                for i in r.items
            )
        )

    def bar_sets(self) -> dict[str, QBarSet]:
        """The drawn bar sets by series name (``Pre → post``), values in statement order
        from the bottom of the chart up."""
        out = {}
        for series in self.chart.series():
            if isinstance(series, QAbstractBarSeries):
                for s in series.barSets():
                    out[s.label().split(" (")[0]] = s
        return out

    def series_names(self) -> list[str]:
        """The bar sets now drawn (for tests and the accessible description)."""
        return [s.label() for s in self.bar_sets().values()]
