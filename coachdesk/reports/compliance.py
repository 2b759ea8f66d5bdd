"""The compliance report: the alerts that hold on one day, grouped by rule, then by person."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from coachdesk.reports.page import (
    STYLES,
    Col,
    build_pdf,
    data_table,
    frame_width,
    heading,
    note,
    para,
    text,
    title_block,
    when,
)
from coachdesk.services.reporting.types import ComplianceData

WIDTH = frame_width()


def render(data: ComplianceData) -> bytes:
    """The PDF of the compliance report (the same alerts as ``coachdesk check``)."""
    story: list[Flowable] = title_block(
        data.header, WIDTH, [("Alerts", f"{data.total} on {when(data.today)}")]
    )
    if data.past_note:
        story.append(note(data.past_note))
    if not data.rules:
        story.append(para(f"No alerts hold on {when(data.today)}."))
        return build_pdf(data.header, story)
    story.append(heading("Alerts by rule"))
    story.append(
        data_table(
            [Col("Rule", 3), Col("Rule id", 2.6), Col("Severity", 1), Col("Alerts", 0.8, True)],
            [(r.title, r.rule, r.severity, str(r.count)) for r in data.rules],
            WIDTH,
            total=("Total", "", "", str(data.total)),
        )
    )
    for rule in data.rules:
        story.append(heading(rule.title))
        story.append(
            note(
                f"{rule.rule} · {rule.severity} · {rule.count} alert"
                f"{'s' if rule.count != 1 else ''} for {len(rule.people)} "
                f"{'people' if len(rule.people) != 1 else 'person'}"
            )
        )
        rows = []
        for person in rule.people:
            who = Paragraph(
                f"<b>{text(person.name)}</b><br/><font size=7 color='#4C6272'>"
                f"{text(person.email)}</font>",
                STYLES["cell"],
            )
            for n, alert in enumerate(person.alerts):
                rows.append(
                    (
                        who if n == 0 else "",
                        when(alert.since),
                        str(alert.days),
                        alert.message,
                    )
                )
        story.append(
            data_table(
                [
                    Col("Person", 3.3),
                    Col("Since", 1.2),
                    Col("Days", 0.7, True),
                    Col("What to do", 4.0),
                ],
                rows,
                WIDTH,
            )
        )
    return build_pdf(data.header, story)
