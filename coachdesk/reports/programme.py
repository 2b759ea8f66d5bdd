"""The programme report for the board: register, requests, activity, evaluations, impact, alerts."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from coachdesk.reports.charts import impact_bars, month_bars
from coachdesk.reports.culture import culture_section
from coachdesk.reports.page import (
    Col,
    build_pdf,
    data_table,
    fields_table,
    footnote,
    frame_width,
    heading,
    hrs,
    keep,
    month_label,
    note,
    para,
    title_block,
    when,
)
from coachdesk.services.reporting.types import ProgrammeData, hours

WIDTH = frame_width()


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _change(value: float | None) -> str:
    return "—" if value is None else f"{value:+.2f}"


def render(data: ProgrammeData) -> bytes:
    """The PDF of the programme report, with its three charts."""
    story: list[Flowable] = title_block(data.header, WIDTH)
    if data.past_note:
        story.append(note(data.past_note))
    story += _glance(data)
    story += _register(data)
    story += _requests(data)
    story += _activity(data)
    story += _evaluations(data)
    story += _impact(data)
    story += _organisations(data)
    story += culture_section(data.culture, WIDTH)
    story += _alerts(data)
    return build_pdf(data.header, story)


def _glance(data: ProgrammeData) -> list[Flowable]:
    months = data.months
    active = {r.kind: dict(r.by_status).get("active", 0) for r in data.register}
    req = data.requests
    pairs = [
        ("People on the register", f"{data.people:,}"),
        (
            "Active practitioners",
            f"{active.get('coach', 0)} coaches, {active.get('mentor', 0)} mentors",
        ),
        (
            "Relationships",
            f"{sum(m.started for m in months)} started, {sum(m.ended for m in months)} ended, "
            f"{sum(m.withdrawn for m in months)} withdrawn in the period",
        ),
        (
            "Sessions held",
            f"{sum(m.sessions for m in months):,} sessions, {hrs(hours(data.total_minutes))} hours",
        ),
        (
            "Requests",
            f"{req.sent} sent; median response {_days(req.median_days)}; "
            f"{_share(req.share_within)} answered within {req.within_days} days",
        ),
        ("Open alerts", f"{sum(a.count for a in data.alerts)} on {when(data.alerts_on)}"),
    ]
    return [heading("At a glance"), fields_table(pairs, WIDTH, 0.28)]


def _days(value: float | None) -> str:
    return "—" if value is None else f"{value:g} days"


def _register(data: ProgrammeData) -> list[Flowable]:
    cols = [Col("Register", 1.3)] + [Col(s, 1, True) for s in data.statuses]
    cols.append(Col("Total", 0.9, True))
    rows = [
        [f"{r.kind.capitalize()}es" if r.kind == "coach" else f"{r.kind.capitalize()}s"]
        + [str(n) for _, n in r.by_status]
        + [str(r.total)]
        for r in data.register
    ]
    return [
        keep(
            heading("Register size by status and kind"),
            note(
                f"Registrations as they stood on {when(data.alerts_on)}, the period's last day."
                if data.past_note
                else "Registrations as they stand on the day the report was generated."
            ),
            data_table(cols, rows, WIDTH),
        )
    ]


def _requests(data: ProgrammeData) -> list[Flowable]:
    r = data.requests
    rows = [(status, str(n)) for status, n in r.by_status]
    pairs = [
        ("Requests sent in the period", str(r.sent)),
        ("Answered (accepted or declined)", str(r.answered)),
        ("Median days to an answer", _days(r.median_days)),
        (
            f"Answered within {r.within_days} days",
            f"{r.answered_within} of {r.answered} ({_share(r.share_within)})",
        ),
        (f"Still pending after {r.within_days} days", str(r.pending_overdue)),
    ]
    return [
        keep(
            heading("Requests and response times"),
            fields_table(pairs, WIDTH, 0.4),
            Spacer(1, 6),
            data_table(
                [Col("Status now", 2), Col("Requests", 1, True)],
                rows,
                WIDTH * 0.45,
                total=("Total", str(r.sent)),
            ),
        )
    ]


def _activity(data: ProgrammeData) -> list[Flowable]:
    months = data.months
    labels = [month_label(m.month, short=True) for m in months]
    started_ended = month_bars(
        "Relationships started and ended per month",
        labels,
        [("Started", [m.started for m in months]), ("Ended", [m.ended for m in months])],
        WIDTH,
    )
    hours_chart = month_bars(
        "Hours delivered per month",
        labels,
        [
            ("Coaching", [hours(m.coaching_minutes) for m in months]),
            ("Mentoring", [hours(m.mentoring_minutes) for m in months]),
        ],
        WIDTH,
        stacked=True,
    )
    rows = [
        (
            month_label(m.month),
            str(m.started),
            str(m.ended),
            str(m.withdrawn),
            str(m.sessions),
            hrs(hours(m.coaching_minutes)),
            hrs(hours(m.mentoring_minutes)),
            hrs(hours(m.coaching_minutes + m.mentoring_minutes)),
        )
        for m in months
    ]
    total = (
        "Total",
        str(sum(m.started for m in months)),
        str(sum(m.ended for m in months)),
        str(sum(m.withdrawn for m in months)),
        str(sum(m.sessions for m in months)),
        hrs(hours(sum(m.coaching_minutes for m in months))),
        hrs(hours(sum(m.mentoring_minutes for m in months))),
        hrs(hours(data.total_minutes)),
    )
    table = data_table(
        [
            Col("Month", 1.2),
            Col("Started", 0.8, True),
            Col("Ended", 0.8, True),
            Col("Withdrawn", 0.9, True),
            Col("Sessions", 0.9, True),
            Col("Coaching hours", 1, True),
            Col("Mentoring hours", 1, True),
            Col("All hours", 1, True),
        ],
        rows,
        WIDTH,
        total=total,
    )
    return [
        keep(heading("Relationships and hours delivered"), started_ended),
        Spacer(1, 8),
        hours_chart,
        Spacer(1, 8),
        note("Hours are held sessions (60 minutes are one hour; part hours count)."),
        table,
    ]


def _evaluations(data: ProgrammeData) -> list[Flowable]:
    rows = [
        (c.label, str(c.due), str(c.completed), _share(c.rate), c.basis) for c in data.completion
    ]
    return [
        keep(
            heading("Evaluation completion rates"),
            data_table(
                [
                    Col("Evaluation", 1.3),
                    Col("Due", 0.6, True),
                    Col("Completed", 0.9, True),
                    Col("Rate", 0.7, True),
                    Col("Relationships counted", 3.2),
                ],
                rows,
                WIDTH,
            ),
        )
    ]


def _impact(data: ProgrammeData) -> list[Flowable]:
    head = heading("Impact: mean change per item")
    low, high = data.impact_scale
    explain = note(
        f"{data.impact_template or 'Client evaluation'}, rated {low}–{high}. For each item, the "
        "mean of (later − pre) over the relationships that answered it both times; a pair "
        "counts when its post or follow-up evaluation was completed in the period."
    )
    if not data.impact:
        return [head, explain, para("No questionnaire items to compare.")]
    chart = impact_bars(
        "Mean change from the pre evaluation",
        [i.item for i in data.impact],
        [
            ("Pre → post", [i.post_change or 0 for i in data.impact]),
            ("Pre → follow-up", [i.follow_up_change or 0 for i in data.impact]),
        ],
        WIDTH,
        high - low,
    )
    rows = [
        (
            i.item,
            _change(i.post_change),
            str(i.post_pairs),
            _change(i.follow_up_change),
            str(i.follow_up_pairs),
        )
        for i in data.impact
    ]
    table = data_table(
        [
            Col("Item", 3.4),
            Col("Pre → post", 0.9, True),
            Col("Pairs", 0.6, True),
            Col("Pre → follow-up", 1.1, True),
            Col("Pairs", 0.6, True),
        ],
        rows,
        WIDTH,
    )
    post_pairs, follow_pairs = data.impact_pairs
    attained = data_table(
        [Col("Objective attainment (0–10)", 3), Col("Evaluations", 1, True), Col("Mean", 1, True)],
        [
            (f"At {at.lower()}", str(n), "—" if m is None else f"{m:.1f}")
            for at, n, m in data.attainment
        ],
        WIDTH * 0.7,
    )
    return [
        keep(head, explain, chart),
        Spacer(1, 6),
        table,
        footnote(
            f"Relationships with a pre and a post evaluation: {post_pairs}; with a pre and a "
            f"follow-up evaluation: {follow_pairs}."
        ),
        Spacer(1, 4),
        attained,
    ]


def _organisations(data: ProgrammeData) -> list[Flowable]:
    head = heading("Activity by the clients' organisation")
    if not data.organisations:
        return [head, para("No sessions held in the period.")]
    rows = [
        (o.organisation, str(o.clients), str(o.sessions), hrs(hours(o.minutes)))
        for o in data.organisations
    ]
    total = (
        "Total",
        str(sum(o.clients for o in data.organisations)),
        str(sum(o.sessions for o in data.organisations)),
        hrs(hours(sum(o.minutes for o in data.organisations))),
    )
    table = data_table(
        [
            Col("Organisation", 3.5),
            Col("Clients", 0.8, True),
            Col("Sessions", 0.8, True),
            Col("Hours", 0.8, True),
        ],
        rows,
        WIDTH,
        total=total,
    )
    return [head, table]


def _alerts(data: ProgrammeData) -> list[Flowable]:
    head = heading(f"Open alerts by rule on {when(data.alerts_on)}")
    if not data.alerts:
        return [head, para("No alerts.")]
    rows = [(a.title, a.rule, a.severity, str(a.count)) for a in data.alerts]
    table = data_table(
        [Col("Rule", 2.6), Col("Rule id", 2.2), Col("Severity", 0.9), Col("Alerts", 0.7, True)],
        rows,
        WIDTH,
        total=("Total", "", "", str(sum(a.count for a in data.alerts))),
    )
    return [head, table]
