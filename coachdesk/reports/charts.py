"""Charts drawn with reportlab.graphics: bars per month and the impact of coaching per item."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from coachdesk.reports.fonts import BOLD, REGULAR

#: Series colours (NHS blue, warm yellow, dark green), distinguishable in greyscale too.
PALETTE = (colors.HexColor("#005EB8"), colors.HexColor("#FFB81C"), colors.HexColor("#007F3B"))

Series = tuple[str, Sequence[float]]


def _nice_step(value: float, whole: bool) -> float:
    """A round step (1, 2 or 5 × 10ⁿ) giving at most about five gridlines up to ``value``."""
    rough = max(value / 5, 1 if whole else 0.05)
    power: float = 10 ** math.floor(math.log10(rough))  # int ** int: typeshed cannot say which
    for step in (1, 2, 5, 10):
        if rough <= step * power:
            return step * power
    return 10 * power


def _axis(low: float, high: float, whole: bool) -> tuple[float, float, float]:
    """(minimum, maximum, step) of a value axis that covers ``low``..``high`` and zero."""
    step = _nice_step(max(high - min(low, 0), 0), whole)
    top = max(step, math.ceil(high / step) * step)
    bottom = min(0, math.floor(low / step) * step)
    return bottom, top, step


def _signed(value: float) -> str:
    return f"{value:+g}" if value else "0"


def _legend(series: Sequence[Series], x: float, y: float) -> Legend:
    legend = Legend()
    # reportlab takes any number here; its stubs say int.
    legend.x, legend.y = x, y  # type: ignore[assignment]
    legend.alignment = "right"
    legend.boxAnchor = "ne"
    legend.columnMaximum = 1
    legend.deltax = 70
    legend.dx = legend.dy = 7
    legend.fontName, legend.fontSize = REGULAR, 7.5
    legend.colorNamePairs = [
        (PALETTE[i % len(PALETTE)], name) for i, (name, _) in enumerate(series)
    ]
    return legend


def month_bars(
    title: str,
    months: Sequence[str],
    series: Sequence[Series],
    width: float,
    height: float = 165,
    *,
    stacked: bool = False,
    whole: bool = True,
) -> Drawing:
    """Bars per month, side by side (or ``stacked``), titled, with a legend and value axis."""
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 11, title, fontName=BOLD, fontSize=9.5))
    drawing.add(_legend(series, width, height - 2))
    chart = VerticalBarChart()
    chart.x, chart.y = 34, 26
    # reportlab takes any number here; its stubs say int.
    chart.width, chart.height = width - 44, height - 52  # type: ignore[assignment]
    chart.data = [list(values) or [0] for _, values in series]
    for i in range(len(series)):
        chart.bars[i].fillColor = PALETTE[i % len(PALETTE)]
        chart.bars[i].strokeColor = None
    top = max(
        (sum(col) for col in zip(*chart.data, strict=True))
        if stacked
        else (v for values in chart.data for v in values),
        default=0,
    )
    low, high, step = _axis(0, top, whole)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = low, high, step
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d" if step >= 1 else "%g"
    chart.valueAxis.gridStrokeColor = colors.HexColor("#D8DDE0")
    chart.valueAxis.visibleGrid = True
    chart.categoryAxis.categoryNames = list(months) or [""]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.dy = -2
    if len(months) > 14:
        chart.categoryAxis.labels.angle = 45
        chart.categoryAxis.labels.boxAnchor = "ne"
    if stacked:
        chart.categoryAxis.style = "stacked"
    chart.barSpacing = 1
    chart.groupSpacing = 6
    drawing.add(chart)
    return drawing


def impact_bars(
    title: str,
    items: Sequence[str],
    series: Sequence[Series],
    width: float,
    scale_span: float,
) -> Drawing:
    """Horizontal bars of mean change per item (negative to the left), one colour per series."""
    labels = ["\n".join(textwrap.wrap(item, 38)[:2]) for item in items]
    row = 13 * max(len(series), 1) + 10
    height = 52 + row * max(len(items), 1)
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 11, title, fontName=BOLD, fontSize=9.5))
    drawing.add(_legend(series, width, height - 2))
    chart = HorizontalBarChart()
    chart.x, chart.y = 185, 24
    # reportlab takes any number here; its stubs say int.
    chart.width, chart.height = width - 195, height - 52  # type: ignore[assignment]
    # The chart draws the first category, and the first series within it, at the bottom:
    # reverse both so that item 1 and the first series come first from the top.
    chart.data = [list(reversed(values)) or [0] for _, values in reversed(series)]
    chart.categoryAxis.categoryNames = list(reversed(labels)) or [""]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.labels.leading = 8
    chart.categoryAxis.visibleTicks = False
    for i in range(len(series)):
        chart.bars[len(series) - 1 - i].fillColor = PALETTE[i % len(PALETTE)]
        chart.bars[len(series) - 1 - i].strokeColor = None
    everything = [v for _, values in series for v in values]
    low, high, step = _axis(min(everything, default=0), max(everything, default=0), False)
    low, high = max(low, -scale_span), min(max(high, step), scale_span)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = low, high, step
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = _signed
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#D8DDE0")
    chart.categoryAxis.joinAxisMode = "value"
    chart.categoryAxis.joinAxisPos = 0
    chart.barSpacing = 1
    chart.groupSpacing = 8
    drawing.add(chart)
    return drawing
