"""How each registration's hours count for ICF (paid / pro bono) in the register's own
columns: read back on import, a bad cell refused naming its row and column, a blank one
keeping what is held (or paid, for a new registration)."""

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
EMAIL = "rhian.evans@example.nhs.uk"
HEADER = ["Name", "Email", "Roles", "Coach hours for ICF", "Mentor hours for ICF"]


def _icf(db: Any) -> tuple[str, str]:
    _people, regs = register_of(db)
    return regs[(EMAIL, "coach")]["icf_hours"], regs[(EMAIL, "mentor")]["icf_hours"]


@pytest.mark.parametrize("write", [write_csv, write_xlsx])
def test_each_kind_takes_its_own_icf_column(sqlite_db: Any, tmp_path: Path, write: Any) -> None:
    suffix = ".csv" if write is write_csv else ".xlsx"
    row = ["Rhian Evans", EMAIL, "coach, mentor", "Pro bono", "paid"]

    import_register(sqlite_db, write(tmp_path / f"r{suffix}", HEADER, [row]), today=TODAY)

    assert _icf(sqlite_db) == ("pro-bono", "paid")


def test_the_forms_wording_is_read_too(sqlite_db: Any, tmp_path: Path) -> None:
    row = ["Rhian Evans", EMAIL, "coach, mentor", "pro-bono (in their own time, unpaid)", ""]

    import_register(sqlite_db, write_csv(tmp_path / "r.csv", HEADER, [row]), today=TODAY)

    assert _icf(sqlite_db) == ("pro-bono", "paid")  # a blank cell: paid, the default


def test_a_blank_cell_keeps_what_is_held(sqlite_db: Any, tmp_path: Path) -> None:
    first = ["Rhian Evans", EMAIL, "coach, mentor", "pro bono", "pro bono"]
    import_register(sqlite_db, write_csv(tmp_path / "a.csv", HEADER, [first]), today=TODAY)

    again = ["Rhian Evans", EMAIL, "coach, mentor", "", "Paid"]
    report = import_register(sqlite_db, write_csv(tmp_path / "b.csv", HEADER, [again]))

    assert _icf(sqlite_db) == ("pro-bono", "paid")
    assert report.updated[0].fields == ("mentor hours for icf",)


def test_a_bad_value_is_refused_naming_row_and_column(sqlite_db: Any, tmp_path: Path) -> None:
    row = ["Rhian Evans", EMAIL, "coach, mentor", "sometimes", ""]

    with pytest.raises(UserError) as refused:
        import_register(sqlite_db, write_csv(tmp_path / "r.csv", HEADER, [row]), today=TODAY)

    problems = refused.value.problems
    assert any(
        "row 2, Coach hours for ICF" in p and "'sometimes'" in p and "paid or pro bono" in p
        for p in problems
    ), problems
    assert register_of(sqlite_db) == ({}, {})  # nothing written
