"""Report layout: column headers break only between words; the running header is never cut."""

from __future__ import annotations

from datetime import date

from coachdesk.reports import render
from coachdesk.reports.page import Col, build_pdf, data_table, frame_width, para, title_block
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
