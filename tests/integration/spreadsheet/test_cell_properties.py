"""Any cell values at all: the import stores them or refuses cleanly, never anything else."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachdesk.errors import UserError
from coachdesk.services.spreadsheet import SheetData, import_register, read_register

HEADERS = (
    "Name",
    "Email",
    "Band",
    "Training date",
    "Roles",
    "Status",
    "Leadership programme",
    "Capacity",
    "Specialisms",
    "Hours committed",
    "Manager email",
    "Accreditation",
)
LIKELY = st.sampled_from(
    [
        "Band 8a",
        "8A",
        "03/04/2024",
        "2024-02-30",
        "45383",
        "coach; mentor",
        "coachee",
        "Y",
        "TRUE",
        "active",
        "coach: paused",
        "zoe@x.nhs.uk",
        "ZOE@X.NHS.UK ",
        "'=1+1",
        "\x00",
        "",
    ]
)
CELL = st.one_of(
    st.none(),
    LIKELY,
    st.text(max_size=40),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.timedeltas(),
)
ROWS = st.lists(st.lists(CELL, min_size=len(HEADERS), max_size=len(HEADERS)), max_size=6)
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(rows=ROWS, skip=st.booleans())
def test_any_cells_import_or_are_refused_cleanly(sqlite_db: Any, rows: list, skip: bool) -> None:
    sheet = SheetData(
        source="fuzz.xlsx",
        header_row=1,
        headers=HEADERS,
        rows=tuple((n, tuple(cells)) for n, cells in enumerate(rows, 2)),
    )
    try:
        report = import_register(
            sqlite_db, Path("fuzz.xlsx"), sheet=sheet, dry_run=True, skip_invalid=skip
        )
    except UserError as refused:
        assert refused.problems or "cannot" in refused.message or "refused" in refused.message
        return
    assert len(report.added) + len(report.rejected) + len(report.unchanged) == len(rows)
    assert all(p.startswith("row ") for p in report.problem_lines())
    assert report.summary_lines()


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_any_bytes_are_read_or_refused_cleanly(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"any{suffix}"
    path.write_bytes(data)
    try:
        sheet = read_register(path)
    except UserError:
        return
    assert sheet.rows and all(len(cells) == len(sheet.headers) for _n, cells in sheet.rows)
