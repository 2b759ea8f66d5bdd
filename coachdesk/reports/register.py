"""The register directory: active practitioners, their accreditation, specialisms and load."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from coachdesk.reports.page import (
    STYLES,
    Col,
    build_pdf,
    data_table,
    frame_width,
    heading,
    para,
    text,
    title_block,
)
from coachdesk.services.reporting.types import DirectoryData

WIDTH = frame_width(wide=True)
KINDS = (("coach", "Coaches"), ("mentor", "Mentors"))


def render(data: DirectoryData) -> bytes:
    """The PDF of the register directory (A4 landscape: the table is wide)."""
    counts = {kind: sum(1 for e in data.entries if e.kind == kind) for kind, _ in KINDS}
    story: list[Flowable] = title_block(
        data.header,
        WIDTH,
        [("Active", f"{counts['coach']} coaches, {counts['mentor']} mentors")],
    )
    for kind, title in KINDS:
        entries = [e for e in data.entries if e.kind == kind]
        story.append(heading(f"{title} ({len(entries)})"))
        if not entries:
            story.append(para(f"No active {title.lower()}."))
            continue
        rows = [
            (
                Paragraph(
                    f"<b>{text(e.name)}</b><br/><font size=7 color='#4C6272'>"
                    f"{text(e.email)}</font>",
                    STYLES["cell"],
                ),
                Paragraph(
                    f"{text(e.organisation)}<br/><font size=7.5 color='#4C6272'>"
                    f"{text(e.job_title)}</font>",
                    STYLES["cell"],
                ),
                e.accreditation,
                "; ".join(e.specialisms) or "—",
                str(e.capacity),
                str(e.load),
                "full" if e.load >= e.capacity else str(e.capacity - e.load),
            )
            for e in entries
        ]
        story.append(
            data_table(
                [
                    Col("Practitioner", 3.4),
                    Col("Organisation and role", 2.8),
                    Col("Accreditation or training", 2.4),
                    Col("Specialisms", 2.2),
                    Col("Capacity", 1.0, True),
                    Col("Current load", 1.0, True),
                    Col("Free places", 1.0, True),
                ],
                rows,
                WIDTH,
                total=(
                    f"{len(entries)} {title.lower()}",
                    "",
                    "",
                    "",
                    str(sum(e.capacity for e in entries)),
                    str(sum(e.load for e in entries)),
                    str(sum(max(e.capacity - e.load, 0) for e in entries)),
                ),
            )
        )
    return build_pdf(data.header, story, wide=True)
