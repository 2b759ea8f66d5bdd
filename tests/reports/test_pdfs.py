"""The PDFs read back with pypdf: totals, names, page numbers, headers, charts, no private notes."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest

from coachdesk.reports import render
from coachdesk.reports.page import CONFIDENTIAL
from coachdesk.services.reporting import KINDS, report_data
from tests.reports.conftest import (
    IOANNIS,
    PRIVATE,
    R1,
    TODAY,
    ZOE,
    P,
    load,
    pdf_pages,
    squash,
)

PARAMS = {"person": P, "id": R1}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory, _template_sqlite) -> dict[str, bytes]:
    """Every report of the test hub once, rendered from a copy of the empty template."""
    import shutil

    from coachdesk.storage.migrate import open_database

    path = tmp_path_factory.mktemp("pdfs") / "hub.sqlite"
    shutil.copyfile(_template_sqlite, path)
    db = open_database(f"sqlite:///{path}")
    load(db)
    out = {kind: render(report_data(db, kind, PARAMS, today=TODAY)) for kind in KINDS}
    out["learning-log-names"] = render(
        report_data(db, "learning-log", {**PARAMS, "names": True}, today=TODAY)
    )
    for email in (ZOE, IOANNIS):
        out[f"person-{email}"] = render(report_data(db, "person", {"person": email}, today=TODAY))
    db.dispose()
    return out


def test_every_page_has_page_n_of_m_footer_and_header(pdfs: dict[str, bytes]) -> None:
    for name, pdf in pdfs.items():
        pages = pdf_pages(pdf)
        assert pages, name
        for n, text in enumerate(pages, start=1):
            assert f"Page {n} of {len(pages)}" in text, (name, n)
            assert CONFIDENTIAL in text, (name, n)
            assert "Fenland Test Hub" in text, (name, n)
            assert "Generated 23 Nov 2026" in text, (name, n)
        assert pdf.startswith(b"%PDF")


def test_every_page_is_a4(pdfs: dict[str, bytes]) -> None:
    from pypdf import PdfReader

    for name, pdf in pdfs.items():
        for page in PdfReader(io.BytesIO(pdf)).pages:
            size = sorted(round(float(v)) for v in page.mediabox[2:])
            assert size == [595, 842], name


def test_no_private_note_appears_in_any_report(pdfs: dict[str, bytes]) -> None:
    for name, pdf in pdfs.items():
        assert PRIVATE not in "".join(pdf_pages(pdf)), name
        assert PRIVATE.encode() not in pdf, name


def test_names_with_diacritics_extract_intact(pdfs: dict[str, bytes]) -> None:
    named = "".join(pdf_pages(pdfs["learning-log-names"]))
    for name in ("Łucja Żółć-Öztürk", "Zoë Ashdown", "Ioannis Παπαδόπουλος"):
        assert name in named
    coded = "".join(pdf_pages(pdfs["learning-log"]))
    assert "Łucja Żółć-Öztürk" in coded
    assert "Zoë Ashdown" not in coded and "Παπαδόπουλος" not in coded  # initials only
    assert "ZA-1" in coded and "IΠ" in coded
    assert "Ioannis Παπαδόπουλος" in "".join(pdf_pages(pdfs[f"person-{IOANNIS}"]))
    assert "Łucja Żółć-Öztürk" in "".join(pdf_pages(pdfs["relationship"]))
    assert "Zoë Ashdown" in "".join(pdf_pages(pdfs["relationship"]))


def test_learning_log_totals_equal_the_data(pdfs: dict[str, bytes]) -> None:
    text = squash(" ".join(pdf_pages(pdfs["learning-log"], layout=True)))
    # Practice-hours log: the months and the whole period.
    assert "Jan 2026 total 1 session 60 1.00" in text
    assert "Feb 2026 total 2 sessions 105 1.75" in text
    assert "All 6 sessions 360 6.00" in text
    # ICF client log, ICF's columns: client, individual/group, number in group, contact, start,
    # end, paid hours, pro bono hours (coaching only: mentoring is not coaching for ICF).
    assert re.search(r"ZA-1 Individual 1 on request 10 Jan 2026 30 Jun 2026 3\.25 0\.00", text)
    assert "2 clients 3.75 0.00" in text
    assert "1 mentoring client (2.25 hours) appears in the practice-hours log" in text
    assert re.search(r"Total 2 records 13\.50", text)  # CPD
    assert re.search(r"Total 2 sessions 3\.50", text)  # supervision
    assert "3.50 hours against EMCC's expected 16" in text
    assert "1 : 1.7" in text and "1 : 35" in text


def test_programme_report_has_its_charts(pdfs: dict[str, bytes]) -> None:
    from pypdf import PdfReader

    text = " ".join(pdf_pages(pdfs["programme"]))
    for label in (
        "Relationships started and ended per month",
        "Hours delivered per month",
        "Mean change from the pre evaluation",
        "Pre → post",
    ):
        assert label in text
    reader = PdfReader(io.BytesIO(pdfs["programme"]))
    drawn = b"".join(page.get_contents().get_data() for page in reader.pages)
    # The second series' yellow (#FFB81C) fills only chart bars and legend swatches: three
    # legends, the one relationship ended and the two months of mentoring hours.
    assert drawn.count(b"1 .721569 .109804 rg") >= 6
    assert "All hours" in text and "6.00" in text


def test_compliance_and_register_reports(pdfs: dict[str, bytes]) -> None:
    compliance = squash(" ".join(pdf_pages(pdfs["compliance"], layout=True)))
    assert "Compliance report" in compliance and "Alerts by rule" in compliance
    register = squash(" ".join(pdf_pages(pdfs["register"], layout=True)))
    assert "Coaches (1)" in register and "Mentors (1)" in register
    assert "Łucja Żółć-Öztürk" in register


def test_a_300_session_log_spans_pages_with_its_header_on_each(sqlite_db) -> None:
    hub = load(sqlite_db, busy_sessions=300)
    pdf = render(report_data(hub.db, "learning-log", {"person": P}, today=TODAY))
    pages = [squash(p) for p in pdf_pages(pdf, layout=True)]
    header = "Date Client Kind Session Mode Minutes Hours"
    with_rows = [
        n for n, text in enumerate(pages) if re.search(r"\d{1,2} \w{3} 2025 BB coaching", text)
    ]
    assert len(with_rows) >= 4  # 300 rows cannot fit on a few pages
    for n in with_rows:
        assert header in pages[n], f"page {n + 1} has log rows but no header"
    first = date(2025, 1, 1)
    assert "1 Jan 2025 BB coaching regular video 60 1.00" in pages[with_rows[0]]
    assert "All 306 sessions 18360 306.00" in " ".join(pages).replace(",", "")
    assert first.year == 2025
