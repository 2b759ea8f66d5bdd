"""A lead's sheet with each registration in its own columns (``Coach status``, ``Mentor
registered on`` …), as the register export writes them, edited and imported again."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coachdesk.errors import UserError
from coachdesk.services.spreadsheet import import_register
from tests.helpers.registers import register_of
from tests.helpers.sheets import write_csv, write_xlsx

TODAY = date(2026, 11, 23)
HEADER = [
    "Full name",
    "E-mail",
    "Roles",
    "Coach status",
    "Coach registered on",
    "Coach specialisms",
    "Coach capacity",
    "Accreditation",
    "Mentor status",
    "Mentor registered on",
    "Mentor specialisms",
    "Mentor capacity",
    "Hours committed",
]
RHIAN = [
    "Rhian Evans",
    "RHIAN.EVANS@example.nhs.uk ",
    "coach; mentor",
    "Active",
    "10/01/2025",
    "new leaders, resilience",
    3,
    "ILM Level 7",
    "paused",
    "2026-03-15",
    "career transition",
    1,
    "24",
]


def test_each_registration_takes_its_own_columns(sqlite_db: Any, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "register.xlsx", HEADER, [RHIAN])

    import_register(sqlite_db, path, today=TODAY)

    _people, regs = register_of(sqlite_db)
    coach = regs[("rhian.evans@example.nhs.uk", "coach")]
    mentor = regs[("rhian.evans@example.nhs.uk", "mentor")]
    assert (coach["status"], mentor["status"]) == ("active", "paused")
    assert (coach["registered_on"], mentor["registered_on"]) == (
        date(2025, 1, 10),
        date(2026, 3, 15),
    )
    assert coach["specialisms"] == ["new leaders", "resilience"] and coach["capacity"] == 3
    assert mentor["specialisms"] == ["career transition"] and mentor["capacity"] == 1
    assert coach["accreditation"] == "ILM Level 7" and mentor["accreditation"] is None
    assert mentor["hours_committed"] == 24 and coach["hours_committed"] is None


def test_editing_one_kinds_column_changes_that_registration_only(
    sqlite_db: Any, tmp_path: Path
) -> None:
    import_register(sqlite_db, write_csv(tmp_path / "a.csv", HEADER, [RHIAN]), today=TODAY)
    edited = list(RHIAN)
    edited[8] = "withdrawn"  # Mentor status

    report = import_register(sqlite_db, write_csv(tmp_path / "b.csv", HEADER, [edited]))

    _people, regs = register_of(sqlite_db)
    assert regs[("rhian.evans@example.nhs.uk", "mentor")]["status"] == "withdrawn"
    assert regs[("rhian.evans@example.nhs.uk", "coach")]["status"] == "active"
    assert [u.fields for u in report.updated] == [("mentor status",)]


def test_a_kinds_status_names_the_role_and_a_shared_column_fills_both(
    sqlite_db: Any, tmp_path: Path
) -> None:
    header = ["Name", "Email", "Mentor status", "Specialisms", "Coach specialisms"]
    rows = [["Ola Nowak", "ola@example.nhs.uk", "approved", "listening", "teams"]]

    import_register(sqlite_db, write_csv(tmp_path / "r.csv", header, rows), today=TODAY)

    _people, regs = register_of(sqlite_db)
    assert set(regs) == {("ola@example.nhs.uk", "mentor")}  # no Roles column: the status says
    mentor = regs[("ola@example.nhs.uk", "mentor")]
    assert mentor["status"] == "approved" and mentor["specialisms"] == ["listening"]
    assert mentor["registered_on"] is None  # given in its own columns: blank is not recorded


@pytest.mark.parametrize(
    ("column", "cell", "reason"),
    [
        ("Coach registered on", "31/12/2100", "'31/12/2100' is not a date between 1900 and 2099"),
        ("Mentor registered on", "1899-12-31", "'1899-12-31' is not a date between 1900 and 2099"),
        ("Coach status", "lapsed", "'lapsed' is not a registration status"),
    ],
)
def test_a_bad_cell_in_a_kinds_column_is_refused_with_row_and_column(
    sqlite_db: Any, tmp_path: Path, snapshot, column: str, cell: str, reason: str
) -> None:
    row = list(RHIAN)
    row[HEADER.index(column)] = cell
    before = snapshot(sqlite_db)

    with pytest.raises(UserError) as refused:
        import_register(sqlite_db, write_csv(tmp_path / "r.csv", HEADER, [row]), today=TODAY)

    assert any(p.startswith(f"row 2, {column}: {reason}") for p in refused.value.problems)
    assert snapshot(sqlite_db) == before


#: The People sheet of a workbook exported before the register's own status columns.
EARLIER_PEOPLE = ["Name", "Email", "Organisation", "Band", "Roles", "Eligibility override"]


def test_an_earlier_workbooks_roles_with_statuses_import(sqlite_db: Any, tmp_path: Path) -> None:
    rows = [
        [
            "Rhian Evans",
            "rhian@example.nhs.uk",
            "Fens Trust",
            "8a",
            "coach (active), mentor (paused)",
            "",
        ],
        [
            "Ola Nowak",
            "ola@example.nhs.uk",
            "Fens Trust",
            "6",
            "mentor (applied), mentee",
            "Acting up",
        ],
    ]
    path = write_xlsx(tmp_path / "hub.xlsx", EARLIER_PEOPLE, rows, title="People")

    report = import_register(sqlite_db, path, today=TODAY)

    assert report.rejected == ()
    people, regs = register_of(sqlite_db)
    assert regs[("rhian@example.nhs.uk", "coach")]["status"] == "active"
    assert regs[("rhian@example.nhs.uk", "mentor")]["status"] == "paused"
    assert regs[("ola@example.nhs.uk", "mentor")]["status"] == "applied"
    assert set(regs) == {
        ("rhian@example.nhs.uk", "coach"),
        ("rhian@example.nhs.uk", "mentor"),
        ("ola@example.nhs.uk", "mentor"),
    }
    assert people["ola@example.nhs.uk"]["override_reason"] == "Acting up"


def test_a_status_column_wins_over_a_roles_bracket_and_an_unknown_one_is_refused(
    sqlite_db: Any, tmp_path: Path
) -> None:
    header = ["Name", "Email", "Roles", "Status"]
    rows = [["Rhian Evans", "rhian@example.nhs.uk", "coach (paused)", "active"]]
    import_register(sqlite_db, write_csv(tmp_path / "a.csv", header, rows), today=TODAY)
    _people, regs = register_of(sqlite_db)
    assert regs[("rhian@example.nhs.uk", "coach")]["status"] == "active"

    bad = [["Ola Nowak", "ola@example.nhs.uk", "coach (lapsed)", ""]]
    with pytest.raises(UserError) as refused:
        import_register(sqlite_db, write_csv(tmp_path / "b.csv", header, bad), today=TODAY)
    assert list(refused.value.problems) == [
        "row 2, Roles: 'coach (lapsed)' is not a role (use coach, mentor, coachee or mentee)"
    ]
