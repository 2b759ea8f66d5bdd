"""The person record (subject access): every record held about one person, section by section."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer

from coachdesk.reports.fonts import BOLD, REGULAR
from coachdesk.reports.page import (
    Col,
    build_pdf,
    data_table,
    fields_table,
    frame_width,
    heading,
    keep,
    note,
    para,
    title_block,
)
from coachdesk.services.reporting.types import PersonRecordData, RecordSection

WIDTH = frame_width()


def render(data: PersonRecordData) -> bytes:
    """The PDF of everything held about one person (never a session's private notes)."""
    story: list[Flowable] = title_block(data.header, WIDTH, [("E-mail", data.email)])
    story.append(heading("What is held"))
    story.append(
        data_table(
            [Col("Records", 4), Col("Number", 1, True)],
            [(s.title, str(len(s.rows))) for s in data.sections],
            WIDTH * 0.6,
        )
    )
    for section in data.sections:
        story += _section(section)
    return build_pdf(data.header, story)


def _section(section: RecordSection) -> list[Flowable]:
    out: list[Flowable] = [heading(f"{section.title} ({len(section.rows)})")]
    if section.note:
        out.append(note(section.note))
    if not section.rows:
        out.append(para("None held."))
        return out
    if section.cards:
        cards: list[Flowable] = []
        for n, row in enumerate(section.rows, start=1):
            pairs = list(zip(section.columns, (v or "—" for v in row), strict=True))
            block: list[Flowable] = [fields_table(pairs, WIDTH, 0.3), Spacer(1, 4)]
            if len(section.rows) > 1:
                block.insert(0, para(f"{section.title} — {n} of {len(section.rows)}", "h2"))
            if n == 1:  # the section's heading stays with its first record
                block = [*out, *block]
            cards.append(keep(*block))
        return cards
    out.append(data_table(_columns(section), section.rows, WIDTH))
    return out


def _columns(section: RecordSection) -> list[Col]:
    """Short columns (dates, numbers, statuses) as wide as their widest value, never wrapped;
    text columns at least as wide as their longest word, sharing the rest by what they hold."""

    def width(value: str, font: str = REGULAR) -> float:
        return stringWidth(value, font, 8.5) + 11  # the cell's padding (3 + up to 7)

    fixed: dict[int, float] = {}
    least: dict[int, float] = {}
    weight: dict[int, float] = {}
    for i, header in enumerate(section.columns):
        values = [row[i] for row in section.rows]
        head = max(width(w, BOLD) for w in header.split() or [""])
        if max((len(v) for v in values), default=0) <= 14:
            fixed[i] = max([head, *(width(v) for v in values)])
        else:
            words = {w for v in values for w in v.split()}
            least[i] = min(max([head, *(width(w) for w in words)]), WIDTH / 3)
            weight[i] = max(sum(len(v) for v in values) / len(values), 16.0)
    spare = max(WIDTH - sum(fixed.values()) - sum(least.values()), 0.0)
    total = sum(weight.values()) or 1.0
    return [
        Col(
            header,
            fixed[i] if i in fixed else least[i] + spare * weight[i] / total,
            header in ("Minutes", "Hours"),
        )
        for i, header in enumerate(section.columns)
    ]
