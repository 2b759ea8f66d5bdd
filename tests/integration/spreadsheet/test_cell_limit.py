"""A text longer than an Excel cell holds (32,767 characters; a person's notes may have
100,000): the .xlsx export is refused naming whose text it is, rather than written cut (openpyxl
cuts it silently, and importing the workbook back would store the cut text); the .csv and the
.json bundle carry it whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from coachdesk.app import main
from coachdesk.errors import UserError
from coachdesk.services import register
from coachdesk.services.dto import PersonInput
from coachdesk.services.exchange import export_bundle
from coachdesk.services.spreadsheet import import_register
from coachdesk.services.spreadsheet.cell_limit import EXCEL_CELL_MAX
from coachdesk.services.spreadsheet.export import write_register_csv, write_workbook
from tests.helpers.clock import freeze_the_command_line
from tests.helpers.registers import register_of

LONG = ("Met for the quarterly review; agreed a plan. " * 1_000)[:40_000]
EDGE = ("x" * (EXCEL_CELL_MAX - 1)) + "y"  # exactly what a cell holds


def _person(db: Any, name: str, email: str, notes: str) -> None:
    register.add_person(db, PersonInput(full_name=name, email=email, notes=notes))


def test_a_longer_text_refuses_the_workbook_naming_whose_it_is(
    sqlite_db: Any, tmp_path: Path
) -> None:
    _person(sqlite_db, "Ada Brook", "ada.brook@example.nhs.uk", "short")
    _person(sqlite_db, "Cai Dunn", "cai.dunn@example.nhs.uk", LONG)
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "hub.xlsx"

    with pytest.raises(UserError) as refused:
        write_workbook(sqlite_db, path)

    assert "an Excel cell holds at most 32,767 characters" in refused.value.message
    assert ".json bundle" in refused.value.message
    assert refused.value.problems == ["sheet People, row 3 (Cai Dunn), Notes: 40,000 characters"]
    assert list(folder.iterdir()) == []  # nothing written, not even a temporary file


def test_a_text_of_exactly_the_limit_goes_into_the_workbook_whole(
    sqlite_db: Any, tmp_path: Path
) -> None:
    _person(sqlite_db, "Cai Dunn", "cai.dunn@example.nhs.uk", EDGE)
    path = tmp_path / "hub.xlsx"

    write_workbook(sqlite_db, path)

    sheet = openpyxl.load_workbook(path, read_only=True)["People"]
    rows = list(sheet.iter_rows(values_only=True))
    notes = rows[0].index("Notes")
    assert rows[1][notes] == EDGE


def test_the_csv_and_the_bundle_carry_the_longer_text_whole(sqlite_db: Any, tmp_path: Path) -> None:
    _person(sqlite_db, "Cai Dunn", "cai.dunn@example.nhs.uk", LONG)

    write_register_csv(sqlite_db, tmp_path / "register.csv")
    bundle = export_bundle(sqlite_db)

    assert next(p for p in bundle["people"] if p["full_name"] == "Cai Dunn")["notes"] == LONG
    before = register_of(sqlite_db)
    report = import_register(sqlite_db, tmp_path / "register.csv")
    assert report.updated == () and register_of(sqlite_db) == before


def test_the_command_line_exits_1_with_the_reason(
    sqlite_db: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    freeze_the_command_line(monkeypatch)
    _person(sqlite_db, "Cai Dunn", "cai.dunn@example.nhs.uk", LONG)
    out = tmp_path / "out.xlsx"

    code = main(["--db", sqlite_db.url, "export", str(out)])

    err = capsys.readouterr().err
    assert code == 1, err
    assert "sheet People, row 2 (Cai Dunn), Notes: 40,000 characters" in err
    assert ".json bundle" in err and not out.exists()
