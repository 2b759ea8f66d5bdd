"""The programme report's coaching-culture section: each organisation's stage beside its activity."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import Marker
from reportlab.lib import colors
from reportlab.platypus import Flowable

from coachdesk.domain.culture import STAGES, stage_label
from coachdesk.reports.charts import PALETTE
from coachdesk.reports.fonts import BOLD, REGULAR
from coachdesk.reports.page import Col, data_table, heading, hrs, keep, note, para, when
from coachdesk.services.reporting.types import CultureLine, hours


def stage_chart(lines: Sequence[CultureLine], width: float) -> Drawing:
    """Each organisation's stage (1–5) at each dated self-assessment, one line each."""
    height = 170
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 11, "Stage over time", fontName=BOLD, fontSize=9.5))
    plot = LinePlot()
    plot.x, plot.y = 30, 30
    # reportlab takes any number here; its stubs say int.
    plot.width, plot.height = width - 180, height - 52  # type: ignore[assignment]
    dates = [d for line in lines for d, _ in line.history]
    first, last = min(dates), max(dates)
    span = max((last - first).days, 1)
    plot.data = [[((d - first).days, s) for d, s in line.history] or [(0, 0)] for line in lines]
    for i in range(len(lines)):
        plot.lines[i].strokeColor = PALETTE[i % len(PALETTE)]
        plot.lines[i].strokeWidth = 1.5
        plot.lines[i].symbol = Marker(kind="FilledCircle", size=4)
        plot.lines[i].symbol.fillColor = PALETTE[i % len(PALETTE)]
    plot.yValueAxis.valueMin, plot.yValueAxis.valueMax, plot.yValueAxis.valueStep = 0.5, 5.5, 1
    plot.yValueAxis.valueSteps = [1, 2, 3, 4, 5]
    plot.yValueAxis.labels.fontName = REGULAR
    plot.yValueAxis.labels.fontSize = 7
    plot.yValueAxis.visibleGrid = True
    plot.yValueAxis.gridStrokeColor = colors.HexColor("#D8DDE0")
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = -span * 0.03, span * 1.03
    plot.xValueAxis.valueSteps = [0, span]
    plot.xValueAxis.labelTextFormat = lambda v: when(first if v < span / 2 else last)
    plot.xValueAxis.labels.fontName = REGULAR
    plot.xValueAxis.labels.fontSize = 7
    drawing.add(plot)
    for i, line in enumerate(lines):
        y = height - 30 - i * 12
        drawing.add(
            String(
                width - 140, y, "—", fontName=BOLD, fontSize=9, fillColor=PALETTE[i % len(PALETTE)]
            )
        )
        name = line.organisation if len(line.organisation) <= 30 else line.organisation[:28] + "…"
        drawing.add(String(width - 128, y, name, fontName=REGULAR, fontSize=7))
    return drawing


def culture_section(lines: Sequence[CultureLine], width: float) -> list[Flowable]:
    """The stage each organisation has reached, its history and next step, beside its activity."""
    head = heading("Coaching culture: stage beside activity")
    explain = note(
        "Hawkins' five stages towards a coaching culture, from each organisation's latest dated "
        "self-assessment by the period's end; History lists the stages assessed so far. "
        "Practitioners are active coaches and mentors "
        "employed there now; relationships started, clients and hours are the period's, for "
        "clients from that organisation. " + " ".join(f"{s.number}: {s.name}." for s in STAGES)
    )
    if not lines:
        return [head, explain, para("No organisation has recorded a culture self-assessment.")]
    rows = [
        (
            line.organisation,
            stage_label(line.stage),
            when(line.assessed_on),
            " → ".join(str(s) for _, s in line.history),
            str(line.practitioners),
            str(line.relationships),
            str(line.clients),
            hrs(hours(line.minutes)),
        )
        for line in lines
    ]
    table = data_table(
        [
            Col("Organisation", 1.6),
            Col("Stage reached", 1.7),
            Col("Assessed", 1.0),
            Col("History", 0.8),
            Col("Practitioners", 1.3, True),
            Col("Started", 0.8, True),
            Col("Clients", 0.75, True),
            Col("Hours", 0.7, True),
        ],
        rows,
        width,
    )
    steps = data_table(
        [Col("Organisation", 1.3), Col("Next step", 3.7)],
        [(line.organisation, line.next_step or "—") for line in lines],
        width,
    )
    return [keep(head, explain, table), keep(stage_chart(lines, width)), steps]
