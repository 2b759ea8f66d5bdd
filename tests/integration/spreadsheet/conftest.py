"""Fixtures for the register import tests: a messy register as .xlsx and .csv."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.sheets import MESSY_HEADER, messy_rows, write_csv, write_xlsx


@pytest.fixture
def messy_xlsx(tmp_path: Path) -> Path:
    """The messy register saved by openpyxl, with real date cells and a serial number."""
    return write_xlsx(tmp_path / "register.xlsx", MESSY_HEADER, messy_rows("cells"))


@pytest.fixture
def messy_csv(tmp_path: Path) -> Path:
    """The same register as Windows-1252 CSV with semicolons and UK date text."""
    return write_csv(
        tmp_path / "register.csv",
        MESSY_HEADER,
        messy_rows("text"),
        delimiter=";",
        encoding="cp1252",
    )
