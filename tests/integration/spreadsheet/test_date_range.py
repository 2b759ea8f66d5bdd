"""Dates no one can mean (before 1900, after 2099) are refused in a register import, .csv and
.xlsx alike, whatever the cell holds (text, a date cell, a serial number), with the row and
the column named and nothing written (SPEC 7)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from coachdesk.errors import UserError
from coachdesk.services.spreadsheet import import_register
from tests.helpers.registers import register_of
from tests.helpers.sheets import write_csv, write_xlsx

TODAY = date(2026, 11, 23)
HEADER = [
    "Name",
    "Email",
    "Roles",
    "Manager agreement",
    "Override on",
    "Registered on",
    "Training date",
    "Coach organisational support",
]
GOOD = ["Ola Nowak", "ola@example.nhs.uk", "coach, mentor", "", "", "", "", ""]
ANNE = ["Anne Hale", "anne@example.nhs.uk", "mentee", "2026-01-05", "", "", "", ""]


def _row(column: str, cell: object) -> list[object]:
    row = list(GOOD)
    row[HEADER.index(column)] = cell
    return row


TEXT = [
    ("Manager agreement", "31/12/1899", "'31/12/1899' is not a date between 1900 and 2099"),
    ("Override on", "2100-01-01", "'2100-01-01' is not a date between 1900 and 2099"),
    ("Registered on", "1 Jan 0001", "'1 Jan 0001' is not a date between 1900 and 2099"),
    ("Training date", "9999-12-31", "'9999-12-31' is not a date between 1900 and 2099"),
    ("Coach organisational support", "01/01/2100", "'01/01/2100' is not a date between"),
]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize(("column", "cell", "reason"), TEXT, ids=[c for c, _, _ in TEXT])
def test_a_written_date_outside_1900_to_2099_is_refused_with_row_and_column(
    sqlite_db: Any, tmp_path: Path, snapshot, suffix: str, column: str, cell: str, reason: str
) -> None:
    write = write_csv if suffix == ".csv" else write_xlsx
    path = write(tmp_path / f"register{suffix}", HEADER, [ANNE, _row(column, cell)])
    before = snapshot(sqlite_db)

    with pytest.raises(UserError) as refused:
        import_register(sqlite_db, path, today=TODAY)

    (problem,) = refused.value.problems  # Anne's row 2 is good
    assert problem.startswith(f"row 3, {column}: {reason}")
    assert snapshot(sqlite_db) == before  # Anne's good row is not written either


CELLS = [
    ("date cell after 2099", datetime(2100, 1, 1), "'2100-01-01' is not a date between 1900"),
    ("serial number after 2099", 73051, "'73051' is not a date between 1900 and 2099 (as a"),
]


@pytest.mark.parametrize(("what", "cell", "reason"), CELLS, ids=[w for w, _, _ in CELLS])
def test_a_workbook_date_cell_or_serial_outside_the_range_is_refused(
    sqlite_db: Any, tmp_path: Path, snapshot, what: str, cell: object, reason: str
) -> None:
    path = write_xlsx(tmp_path / "register.xlsx", HEADER, [_row("Registered on", cell)])
    before = snapshot(sqlite_db)

    with pytest.raises(UserError) as refused:
        import_register(sqlite_db, path, today=TODAY)

    assert any(
        p.startswith("row 2, Registered on: ") and reason in p for p in refused.value.problems
    ), refused.value.problems
    assert snapshot(sqlite_db) == before


def test_the_first_and_last_days_of_the_range_are_imported(sqlite_db: Any, tmp_path: Path) -> None:
    row = _row("Registered on", "01/01/1900")
    row[HEADER.index("Training date")] = "2099-12-31"
    path = write_csv(tmp_path / "register.csv", HEADER, [row])

    import_register(sqlite_db, path, today=TODAY)

    _people, regs = register_of(sqlite_db)
    mentor = regs[("ola@example.nhs.uk", "mentor")]
    assert mentor["registered_on"] == date(1900, 1, 1)
    assert mentor["training_on"] == date(2099, 12, 31)
