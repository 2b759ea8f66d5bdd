"""A register saved by LibreOffice imports exactly like the one openpyxl wrote."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from coachdesk.services.spreadsheet import import_register, read_register
from tests.helpers.sheets import MESSY_HEADER, messy_rows, write_csv

LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")
pytestmark = pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice is not installed")

# Comma-separated, double quotes, UTF-8 (76), header on line 1, English (UK) dates (2057).
CSV_FILTER = "CSV:44,34,76,1,,2057"


def _convert(csv_path: Path, out: Path) -> Path:
    assert LIBREOFFICE is not None
    profile = (out / "profile").as_uri()
    done = subprocess.run(
        [
            LIBREOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            f"--infilter={CSV_FILTER}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(csv_path),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    converted = out / (csv_path.stem + ".xlsx")
    if done.returncode != 0 or not converted.exists():
        pytest.skip(f"LibreOffice could not convert here: {done.stderr.decode()[-300:]}")
    return converted


def test_a_libreoffice_workbook_imports_like_the_openpyxl_one(
    sqlite_db: Any, messy_xlsx: Path, tmp_path: Path, snapshot: Any
) -> None:
    (tmp_path / "lo").mkdir()
    source = write_csv(tmp_path / "lo" / "register.csv", MESSY_HEADER, messy_rows("text"))
    converted = _convert(source, tmp_path / "lo")
    sheet = read_register(converted)
    assert sheet.rows[0][1][5].year == 2024  # LibreOffice made a real date cell
    first = import_register(sqlite_db, messy_xlsx)
    before = snapshot(sqlite_db)
    second = import_register(sqlite_db, converted)
    assert (second.added, second.updated, second.rejected) == ((), (), ())
    assert len(second.unchanged) == len(first.added) == 5
    after = snapshot(sqlite_db)
    after.pop("audit_log"), before.pop("audit_log")  # the second import is audited
    assert after == before


def test_the_exported_workbook_opens_in_libreoffice(
    sqlite_db: Any, messy_xlsx: Path, tmp_path: Path
) -> None:
    from coachdesk.services.spreadsheet.export import write_workbook

    import_register(sqlite_db, messy_xlsx)
    write_workbook(sqlite_db, tmp_path / "hub.xlsx")
    assert LIBREOFFICE is not None
    done = subprocess.run(
        [
            LIBREOFFICE,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",  # UTF-8
            "--outdir",
            str(tmp_path / "out"),
            str(tmp_path / "hub.xlsx"),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    people = tmp_path / "out" / "hub.csv"  # the first sheet
    if done.returncode != 0 or not people.exists():
        pytest.skip(f"LibreOffice could not convert here: {done.stderr.decode()[-300:]}")
    rows = list(csv.reader(people.read_text(encoding="utf-8").splitlines()))
    assert rows[0][:3] == ["Name", "Email", "Organisation"]
    assert ["Zoë Ó Briain", "zoe.obriain@fenland.nhs.uk"] in [r[:2] for r in rows]
