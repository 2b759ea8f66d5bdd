"""Exports read back: the .xlsx workbook (openpyxl), the register .csv and the .ics calendar."""

from __future__ import annotations

import copy
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from icalendar import Calendar

from coachdesk.errors import UserError
from coachdesk.services import register
from coachdesk.services.dto import PersonInput
from coachdesk.services.exchange import import_bundle
from coachdesk.services.spreadsheet import import_register
from coachdesk.services.spreadsheet.export import write_register_csv, write_workbook
from coachdesk.services.spreadsheet.ics import initials, write_calendar
from tests.integration.exchange.conftest import _rich

PRIVATE = "Private: ✓ ü"
SHEETS = [
    "People",
    "Registrations",
    "Requests",
    "Relationships",
    "Sessions",
    "CPD",
    "Supervision",
    "Learning log",
    "Evaluations",
]


@pytest.fixture
def hub(db: Any) -> Any:
    """The rich exchange bundle (every list, a private note, a scheduled session) plus a
    person whose name and trust look like spreadsheet formulas."""
    bundle = copy.deepcopy(_rich())
    bundle["relationships"][1]["sessions"].append(
        {
            "id": "44444444-4444-4444-8444-000000000077",
            "type": "regular",
            "date": "2026-12-01",
            "minutes": 90,
            "mode": "in person",
            "status": "scheduled",
            "recorded_on": None,
            "notes": PRIVATE + " planned",
        }
    )
    import_bundle(db, bundle)
    register.add_person(
        db,
        PersonInput(full_name="=HYPERLINK(1)", email="eq@x.nhs.uk", organisation="@SUM(A1)"),
    )
    return db


def _cells(ws: Any) -> list[list[Any]]:
    return [list(row) for row in ws.iter_rows(values_only=True)]


def test_the_workbook_has_a_sheet_per_record_type_and_reads_back(hub: Any, tmp_path: Path) -> None:
    report = write_workbook(hub, tmp_path / "hub.xlsx")
    assert report.counts == {
        "People": 6,
        "Registrations": 3,
        "Requests": 3,
        "Relationships": 2,
        "Sessions": 8,
        "CPD": 2,
        "Supervision": 3,
        "Learning log": 2,
        "Evaluations": 3,
    }
    book = openpyxl.load_workbook(tmp_path / "hub.xlsx")
    assert book.sheetnames == SHEETS
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2"  # the header stays in view
        assert all(c.font.bold for c in ws[1])
        assert ws.column_dimensions["A"].width >= 8  # sized, not left at the default
        assert ws.max_row == report.counts[ws.title] + 1
    sessions = book["Sessions"]
    header = [c.value for c in sessions[1]]
    assert "Notes" not in header
    first = sessions[2]
    assert first[0].is_date and first[0].number_format == "dd/mm/yyyy"
    assert first[0].value == datetime(2026, 1, 10)
    assert first[3].value == 60 and isinstance(first[3].value, int)
    people = {row[1]: row for row in _cells(book["People"])[1:]}
    assert people["zoe.obriain@example.nhs.uk"][0] == "Zoë Ó Briain"
    assert people["kim.sato@other.nhs.uk"][8] == "Yes"
    assert people["eq@x.nhs.uk"][0] == "=HYPERLINK(1)"  # text, never a formula
    assert book["People"]["A2"].data_type == "s"
    evaluations = _cells(book["Evaluations"])
    assert "I know what to focus on" in evaluations[0]
    everything = repr([_cells(ws) for ws in book.worksheets])
    assert PRIVATE not in everything  # private session notes never leave the database


def test_the_register_csv_round_trips_through_the_import(
    hub: Any, tmp_path: Path, sqlite_url
) -> None:
    from coachdesk.storage.migrate import open_database

    report = write_register_csv(hub, tmp_path / "register.csv")
    assert report.counts == {"People": 6}
    raw = (tmp_path / "register.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads the accents right
    text = raw.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text and "'@SUM(A1)" in text  # guarded against formulas
    assert PRIVATE not in text
    empty = open_database(sqlite_url)
    try:
        imported = import_register(empty, tmp_path / "register.csv", today=date(2026, 11, 23))
        assert imported.rejected == () and len(imported.added) == 6
        mine = {p.email: p for p in register.list_people(empty)}
        theirs = {p.email: p for p in register.list_people(hub)}
        for email, person in theirs.items():
            got = mine[email]
            for field in ("full_name", "organisation", "band", "region", "manager_email"):
                assert getattr(got, field) == getattr(person, field), (email, field)
        regs = {(r.email, r.kind): r.status for r in register.list_registrations(empty)}
        assert regs == {(r.email, r.kind): r.status for r in register.list_registrations(hub)}
        again = import_register(empty, tmp_path / "register.csv")
        assert not again.changed_anything
    finally:
        empty.dispose()


def test_the_calendar_has_one_event_per_scheduled_session(hub: Any, tmp_path: Path) -> None:
    report = write_calendar(hub, tmp_path / "sessions.ics")
    data = (tmp_path / "sessions.ics").read_bytes()
    cal = Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    assert report.events == len(events) == 2
    by_uid = {str(e["UID"]): e for e in events}
    planned = by_uid["44444444-4444-4444-8444-000000000077@coachdesk"]
    assert str(planned["SUMMARY"]) == "Coaching session: Zoë Ó Briain with ON"
    assert planned.decoded("DTSTART") == date(2026, 12, 1)
    assert planned.decoded("DTEND") == date(2026, 12, 2)
    assert "90 minutes, in person" in str(planned["DESCRIPTION"])
    mentoring = by_uid["44444444-4444-4444-8444-000000000008@coachdesk"]
    assert str(mentoring["SUMMARY"]) == "Mentoring session: Adé Mensah with KS"
    assert PRIVATE.encode() not in data and b"Private" not in data
    write_calendar(hub, tmp_path / "again.ics")
    assert (tmp_path / "again.ics").read_bytes() == data  # stable: a re-import updates


def test_one_practitioners_calendar_and_wrong_suffixes(hub: Any, tmp_path: Path) -> None:
    from coachdesk.services.spreadsheet.ics import calendar_bytes

    _data, n = calendar_bytes(hub, practitioner="ADE.MENSAH@example.nhs.uk")
    assert n == 1
    with pytest.raises(UserError, match=".ics suffix"):
        write_calendar(hub, tmp_path / "x.txt")
    with pytest.raises(UserError, match=".xlsx suffix"):
        write_workbook(hub, tmp_path / "x.xls")
    with pytest.raises(UserError, match="does not exist"):
        write_workbook(hub, tmp_path / "missing" / "x.xlsx")


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Zoë Ó Briain", "ZÓB"), ("Mary-Jane Smith", "MJS"), ("  lin   wu ", "LW"), ("", "?")],
)
def test_initials(name: str, expected: str) -> None:
    assert initials(name) == expected


def test_an_empty_hub_exports_empty_sheets(sqlite_db: Any, tmp_path: Path) -> None:
    report = write_workbook(sqlite_db, tmp_path / "empty.xlsx")
    assert set(report.counts.values()) == {0}
    book = openpyxl.load_workbook(tmp_path / "empty.xlsx", read_only=True)
    assert book.sheetnames == SHEETS
    assert write_calendar(sqlite_db, tmp_path / "empty.ics").events == 0
    assert Calendar.from_ical((tmp_path / "empty.ics").read_bytes())["VERSION"] == "2.0"


def test_a_withdrawn_relationships_scheduled_sessions_leave_the_calendar(
    hub: Any, tmp_path: Path
) -> None:
    from sqlalchemy import select

    from coachdesk.services.relationships import withdraw_relationship
    from coachdesk.storage.models import Meeting

    with hub.uow() as uow:
        rel_id = uow.session.scalar(
            select(Meeting.relationship_id).where(
                Meeting.id == "44444444-4444-4444-8444-000000000008"
            )
        )
    withdraw_relationship(hub, rel_id, on=date(2026, 11, 20), reason="moved trust")
    report = write_calendar(hub, tmp_path / "sessions.ics")
    events = list(Calendar.from_ical((tmp_path / "sessions.ics").read_bytes()).walk("VEVENT"))
    assert report.events == len(events) == 1
    assert str(events[0]["UID"]) == "44444444-4444-4444-8444-000000000077@coachdesk"
