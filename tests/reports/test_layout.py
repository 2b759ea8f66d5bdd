"""Report layout: column headers break only between words; the running header is never cut;
a heading never stands alone at the foot of a page."""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Spacer

from coachdesk.reports import render
from coachdesk.reports.fonts import register_fonts
from coachdesk.reports.page import (
    Col,
    build_pdf,
    data_table,
    frame_width,
    heading,
    keep,
    para,
    title_block,
)
from coachdesk.services.reporting import report_data
from coachdesk.services.reporting.types import ReportHeader
from tests.reports.conftest import TODAY, pdf_pages, squash


def _header_lines(page: str, rows: int) -> list[str]:
    return [squash(line).strip() for line in page.splitlines()[:rows]]


def test_the_programme_months_header_keeps_its_words_whole(sqlite_hub) -> None:
    data = report_data(
        sqlite_hub.db, "programme", {"from": date(2026, 1, 1), "to": TODAY}, today=TODAY
    )
    text = " ".join(pdf_pages(render(data)))
    for word in ("Withdrawn", "Sessions", "Coaching", "Mentoring", "Started"):
        assert word in text, word
    assert "Withdraw\n" not in text


def test_a_narrow_column_takes_room_from_a_wide_one_rather_than_break_a_word() -> None:
    header = ReportHeader("Table", "Hub", "2026", TODAY)
    cols = [Col("Organisation", 6), *(Col(h, 0.5, True) for h in ("Withdrawn", "Completed"))]
    story = [*title_block(header, frame_width()), data_table(cols, [("East", 1, 2)], 400)]
    lines = [squash(x).strip() for x in pdf_pages(build_pdf(header, story))[0].splitlines()]
    assert "Withdrawn" in lines and "Completed" in lines, lines


def test_a_long_running_header_shrinks_or_wraps_and_is_never_cut() -> None:
    subject = (
        "Coaching: Βαλέρια Κωνσταντοπούλου-Αλεξανδροπούλου with Ricky Arnold-Fitzwilliam-Smythe"
    )
    header = ReportHeader(
        "Relationship record",
        "Fenland and Broads Coaching and Mentoring Hub of the Eastern Region",
        "25 Jan 2026 – 15 May 2026",
        TODAY,
        subject=subject,
    )
    pages = pdf_pages(build_pdf(header, [para("x")] * 3))
    top = " ".join(_header_lines(pages[0], 4))
    assert "…" not in top
    assert squash(f"Relationship record — {subject}") in top
    assert "25 Jan 2026 – 15 May 2026" in top


def test_a_heading_is_never_left_alone_at_the_foot_of_a_page() -> None:
    """ "Evaluations" then a block kept together (an evaluation's title and answers): wherever
    the page ends, the heading goes over with the block."""
    register_fonts()  # before the first paragraph is made
    header = ReportHeader("Relationship record", "Hub", "2026", TODAY)
    answers = [(f"Item {n}", str(n)) for n in range(10)]
    for filler in range(420, 710, 10):  # the frame is 716 pt high
        story = [
            Spacer(1, filler),
            heading("Evaluations"),
            keep(
                heading("Client pre-evaluation", 2),
                data_table([Col("Item", 5), Col("Answer", 1, True)], answers, frame_width()),
            ),
        ]
        pages = pdf_pages(build_pdf(header, story))
        (alone,) = [p for p in pages if "Client pre-evaluation" in p]
        assert "Evaluations" in alone, filler
