"""The equality-of-access report: clients per 1,000 staff by group, under disclosure control."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.platypus import Flowable, Spacer

from coachdesk.domain.equality import SUPPRESS_UP_TO, AccessRow
from coachdesk.reports.charts import _axis
from coachdesk.reports.fonts import BOLD, REGULAR
from coachdesk.reports.page import (
    Col,
    build_pdf,
    data_table,
    footnote,
    frame_width,
    heading,
    keep,
    note,
    para,
    title_block,
    when,
)
from coachdesk.services.reporting.disclosure import WITHHELD
from coachdesk.services.reporting.types import EqualityData, EqualityTable

WIDTH = frame_width()
BAR = colors.HexColor("#005EB8")
REFERENCE_BAR = colors.HexColor("#768692")

HOW_TO_READ = (
    "Each table asks one question: of the staff in each group, how many started coaching or "
    "mentoring with the hub in the period? The rate is clients per 1,000 staff in that group. "
    "The relative likelihood divides a group's rate by the reference group's rate: 1.00 means "
    "the same chance, 0.50 half the chance, 2.00 twice the chance. A likelihood well below 1 "
    "suggests the offer is not reaching that group as well as it reaches the reference group; "
    "small numbers swing widely, so read it beside the counts it rests on."
)
ABOUT = (
    f"Disclosure control follows NHS Digital's rule for HES and ECDS: any count from 1 to "
    f"{SUPPRESS_UP_TO} people is shown as *, every other count (totals included) is rounded to "
    "the nearest 5, and a rate or likelihood resting on a count of 1 to 7 is withheld; rates "
    "are worked out from the true counts. Rounding alone can still let a * be worked out from "
    "the total (10 + 10 + * of 15 leaves room only for 1), or from the organisations' staff "
    "totals printed under a table, so where that would happen the total is withheld and "
    f"printed {WITHHELD}, in every table, since each counts the same people (and the "
    "organisations' staff totals with it); the All staff rate is withheld whenever a * "
    "stands in its table. The tables count the same clients, so a rate that, read with "
    "another table, would let a * be worked out is withheld as well (said beside it). "
    "Because of the rounding, the rows need not add up to the total. Clients are people who started a "
    "coaching or mentoring relationship in the period, counted once each. Staff are the "
    "headcounts entered for each organisation, taking for each the period that best covers "
    "this report's; clients of organisations with no headcount are left out of the rates. "
    '"Not stated" counts blanks and "prefer not to say" together and has no likelihood. The '
    "NHS Workforce Race Equality Standard (indicator 4) prints the inverse ratio, White over "
    "BME: 2.00 there is 0.50 here."
)


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:,.1f}"


def _likelihood(row: AccessRow) -> str:
    if row.is_reference and row.likelihood is not None:
        return "1.00 (reference)"
    return "—" if row.likelihood is None else f"{row.likelihood:.2f}"


def rate_bars(title: str, rows: Sequence[AccessRow], width: float) -> Drawing:
    """Rate per 1,000 staff by group; withheld rates are labelled, not drawn."""
    labels = [r.label if len(r.label) <= 34 else r.label[:32] + "…" for r in rows]
    height = 46 + 18 * max(len(rows), 1)
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 11, title, fontName=BOLD, fontSize=9.5))
    chart = HorizontalBarChart()
    chart.x, chart.y = 170, 20
    # reportlab takes any number here; its stubs say int.
    chart.width, chart.height = width - 215, height - 40  # type: ignore[assignment]
    values = [r.rate or 0 for r in reversed(rows)]
    chart.data = [values or [0]]
    chart.categoryAxis.categoryNames = list(reversed(labels)) or [""]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.visibleTicks = False
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    for i, r in enumerate(reversed(rows)):
        if r.is_reference:
            chart.bars[(0, i)].fillColor = REFERENCE_BAR
    low, high, step = _axis(0, max(values, default=0), False)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = low, high, step
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#D8DDE0")
    chart.barLabelFormat = lambda v: ""
    chart.barSpacing = 2
    drawing.add(chart)
    step_y = chart.height / max(len(rows), 1)
    for i, r in enumerate(reversed(rows)):
        y = chart.y + step_y * i + step_y / 2 - 3
        if r.rate is None:
            words = "withheld (1–7 people)" if r.withheld.startswith("rests") else r.withheld
            drawing.add(String(chart.x + 4, y, words, fontName=REGULAR, fontSize=7))
        else:
            x = chart.x + chart.width * (r.rate - low) / (high - low) + 4
            drawing.add(String(x, y, _rate(r.rate), fontName=REGULAR, fontSize=7))
    return drawing


def _table(t: EqualityTable, same_staff: bool) -> list[Flowable]:
    cols = [
        Col("Group", 2.9),
        Col("Clients", 0.8, True),
        Col("Staff", 0.9, True),
        Col("Per 1,000 staff", 1.1, True),
        Col(f"Likelihood vs {t.reference}", 1.3, True),
        Col("Withheld because", 1.5),
    ]
    rows = [
        (r.label, r.clients, r.staff, _rate(r.rate), _likelihood(r), r.withheld) for r in t.rows
    ]
    total = (
        t.total.label,
        t.total.clients,
        t.total.staff,
        _rate(t.total.rate),
        "",
        t.total.withheld,
    )
    out: list[Flowable] = [
        keep(
            heading(t.title),
            data_table(cols, rows, WIDTH, total=total),
        ),
        Spacer(1, 6),
        rate_bars(f"{t.title}: clients per 1,000 staff", t.rows, WIDTH),
    ]
    if same_staff:
        out.append(footnote("Staff headcounts and organisations left out: as above."))
        return out
    if t.headcounts:
        used = "; ".join(
            f"{h.organisation} ({when(h.period_start)} – {when(h.period_end)}"
            + ("" if h.staff == WITHHELD else f", {h.staff} staff")
            + ")"
            for h in t.headcounts
        )
        out.append(footnote(f"Staff headcounts used: {used}."))
    else:
        out.append(
            footnote(
                "No staff headcount for this period: enter one in Insight → Workforce "
                "headcounts to see rates."
            )
        )
    if t.excluded_organisations:
        out.append(
            footnote(
                f"Left out of the rates: {t.excluded_clients} clients from organisations "
                f"without a headcount ({', '.join(t.excluded_organisations)})."
            )
        )
    return out


def render(data: EqualityData) -> bytes:
    """The PDF: how to read it, then one table and chart per dimension, then the small print."""
    story: list[Flowable] = title_block(data.header, WIDTH)
    story += [heading("How to read this report"), para(HOW_TO_READ)]
    before = None
    for t in data.tables:
        mine = (
            tuple((h.organisation, h.period_start, h.period_end) for h in t.headcounts),
            t.excluded_clients,
            t.excluded_organisations,
        )
        story += _table(t, mine == before)
        before = mine
    story += [heading("About the numbers"), note(ABOUT)]
    return build_pdf(data.header, story)
