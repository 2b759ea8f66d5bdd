"""The relationship record: contracting, objectives, sessions (no private notes), evaluations."""

from __future__ import annotations

from reportlab.platypus import Flowable, ListFlowable, ListItem

from coachdesk.reports.page import (
    STYLES,
    Col,
    build_pdf,
    data_table,
    fields_table,
    frame_width,
    heading,
    hrs,
    keep,
    note,
    para,
    title_block,
    when,
)
from coachdesk.services.reporting.types import RelationshipRecordData, SessionLine, hours

WIDTH = frame_width()


def render(data: RelationshipRecordData) -> bytes:
    """The PDF of one relationship's record."""
    story: list[Flowable] = title_block(data.header, WIDTH, [("Relationship id", data.id)])
    story.append(heading("The relationship"))
    story.append(fields_table(data.fields, WIDTH, 0.24))
    story.append(heading("Contracting"))
    if data.contracting:
        story.append(_sessions(data.contracting))
    else:
        story.append(para("No contracting session is recorded."))
    story.append(heading("Objectives", 2))
    story += _objectives("Individual objectives", data.individual_objectives)
    story += _objectives("Organisational objectives", data.organisational_objectives)
    story.append(heading("Sessions"))
    story.append(note("The practitioner's private notes are never printed."))
    if data.sessions:
        held = [s for s in data.sessions if s.status == "held"]
        story.append(
            _sessions(
                data.sessions,
                total=(
                    "Held",
                    f"{len(held)} sessions",
                    "",
                    str(data.held_minutes),
                    hrs(hours(data.held_minutes)),
                    "",
                    "",
                ),
            )
        )
    else:
        story.append(para("No sessions are recorded."))
    story.append(heading("Evaluations"))
    if not data.evaluations:
        story.append(para("No evaluations are recorded."))
    for e in data.evaluations:
        block: list[Flowable] = [
            heading(f"{e.label} — completed {when(e.completed_on)}", 2),
            note(e.template),
        ]
        if e.answers:
            block.append(data_table([Col("Item", 5), Col("Answer", 1, True)], e.answers, WIDTH))
        if e.objectives:
            block.append(
                data_table(
                    [Col("Objective", 5), Col("Attainment (0–10)", 1.4, True)],
                    e.objectives,
                    WIDTH,
                )
            )
        if e.comments:
            block.append(fields_table([("Comments", e.comments)], WIDTH, 0.24))
        story.append(keep(*block))
    if data.missing_evaluations:
        story.append(heading("Evaluations still missing", 2))
        story.append(_bullets(data.missing_evaluations))
    return build_pdf(data.header, story)


def _sessions(sessions: tuple[SessionLine, ...], total: tuple[str, ...] | None = None) -> Flowable:
    rows = [
        (
            when(s.date),
            s.type,
            s.mode,
            str(s.minutes),
            hrs(hours(s.minutes)),
            s.status,
            when(s.recorded_on),
        )
        for s in sessions
    ]
    return data_table(
        [
            Col("Date", 1.1),
            Col("Session", 1.0),
            Col("Mode", 0.9),
            Col("Minutes", 0.75, True),
            Col("Hours", 0.65, True),
            Col("Status", 1.1),
            Col("Recorded on", 1.1),
        ],
        rows,
        WIDTH,
        total=total,
    )


def _objectives(title: str, objectives: tuple[str, ...]) -> list[Flowable]:
    if not objectives:
        return [para(f"{title}: none recorded.")]
    return [para(title, "cell_bold"), _bullets(objectives, numbered=True)]


def _bullets(items: tuple[str, ...], numbered: bool = False) -> ListFlowable:
    entries = [ListItem(para(i, "body"), leftIndent=14) for i in items]
    return ListFlowable(
        # reportlab takes ListItems here; its stubs allow only flowables.
        entries,  # type: ignore[arg-type]
        bulletType="1" if numbered else "bullet",
        bulletFormat="%s." if numbered else None,
        bulletFontName=STYLES["body"].fontName,
        bulletFontSize=8,
        leftIndent=14,
    )
