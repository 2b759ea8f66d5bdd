"""Fixtures for the register import tests: a messy register as .xlsx and .csv, DB snapshots."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from coachdesk.storage.models import Base
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


def _snapshot(db: Any) -> dict[str, list[tuple[str, ...]]]:
    """Every row of every table as text: two equal snapshots mean nothing was written."""
    out = {}
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            rows = conn.execute(select(table)).all()
            out[table.name] = sorted(tuple(repr(v) for v in row) for row in rows)
    return out


@pytest.fixture
def snapshot() -> Callable[[Any], dict[str, list[tuple[str, ...]]]]:
    return _snapshot
