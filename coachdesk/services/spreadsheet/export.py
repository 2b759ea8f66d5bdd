"""Spreadsheet exports: the .xlsx workbook (a sheet per record type) and the register .csv."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from coachdesk.errors import UserError
from coachdesk.services.audit import counts_detail, record
from coachdesk.services.exchange.bulk import gc_paused
from coachdesk.services.exchange.export import write_atomic
from coachdesk.services.spreadsheet.cell_limit import check_cell_lengths
from coachdesk.services.spreadsheet.rejects import csv_bytes
from coachdesk.services.spreadsheet.tables import (
    DATE,
    YES_NO,
    Cell,
    Table,
    register_table,
    workbook_tables,
)
from coachdesk.storage.uow import Database

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

#: How one column's values become what is appended to the sheet (a value or a styled cell).
Converter = Callable[[Cell], object]

#: Widths (in characters) a column may take; measured on the first rows only.
MIN_WIDTH, MAX_WIDTH, SAMPLE = 8, 50, 500
UK_DATE = "dd/mm/yyyy"


@dataclass(frozen=True)
class SpreadsheetExport:
    """What an export wrote: the file, the rows per sheet and its size."""

    path: Path
    counts: dict[str, int]
    size_bytes: int

    def summary_lines(self) -> list[str]:
        shown = ", ".join(f"{n:,} {title.lower()}" for title, n in self.counts.items())
        return [f"Exported to {self.path} ({self.size_bytes / 1_048_576:.1f} MB): {shown}."]


def _width(table: Table, index: int) -> float:
    header, kind = table.columns[index]
    if kind == DATE:
        longest = 10
    else:
        longest = max(
            (len(_shown(row[index])) for row in table.rows[:SAMPLE]),
            default=0,
        )
    return float(min(MAX_WIDTH, max(MIN_WIDTH, len(header) + 2, longest + 2)))


def _shown(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _text(ws: WriteOnlyWorksheet) -> Converter:
    """Text (and yes/no) as cells that are never read as a formula; numbers as they are."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    illegal = ILLEGAL_CHARACTERS_RE.search
    plain = (int, float, type(None))

    def cell(value: Cell) -> object:
        if type(value) is str:
            if not value.startswith("=") and not illegal(value):
                return value  # the common case, kept fast: millions of cells
        elif type(value) in plain:
            return value
        elif type(value) is bool:
            return "Yes" if value else "No"
        text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        if text.startswith("="):
            out = WriteOnlyCell(ws, text)
            out.data_type = "s"  # text that looks like a formula stays text
            return out
        return text

    return cell


def _date(ws: WriteOnlyWorksheet) -> Converter:
    """Dates as real dates shown day-first (one styled cell per column, reused row by row:
    openpyxl writes each appended row before the next is built)."""
    from openpyxl.cell import WriteOnlyCell

    styled = WriteOnlyCell(ws)
    styled.number_format = UK_DATE

    def cell(value: Cell) -> object:
        if value is None:
            return None
        styled.value = value
        return styled

    return cell


def _converters(ws: WriteOnlyWorksheet, table: Table) -> list[Converter]:
    """Per column: how a value becomes a cell (numbers pass through as they are; an answer
    column may also hold text, so every other column goes through ``_text``)."""
    text = _text(ws)
    return [_date(ws) if kind == DATE else text for _header, kind in table.columns]


def _write_sheet(book: Workbook, table: Table) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws: WriteOnlyWorksheet = book.create_sheet(table.title)  # a write-only book's sheet
    ws.freeze_panes = "A2"
    # types-openpyxl leaves out the column_dimensions and auto_filter a write-only sheet has.
    for index in range(len(table.columns)):
        letter = get_column_letter(index + 1)
        ws.column_dimensions[letter].width = _width(table, index)  # type: ignore[attr-defined]
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE5F0")
    header = []
    for title in table.headers:
        cell = WriteOnlyCell(ws, title)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        header.append(cell)
    ws.append(header)
    last = get_column_letter(len(table.columns))
    ws.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"  # type: ignore[attr-defined]
    convert = list(enumerate(_converters(ws, table)))
    for row in table.rows:
        cells: list[object] = list(row)
        for i, to_cell in convert:
            cells[i] = to_cell(row[i])
        ws.append(cells)


def workbook_bytes(db: Database) -> tuple[bytes, dict[str, int]]:
    """The workbook (people, registrations, requests, relationships, sessions without notes,
    CPD, supervision, evaluations) and the rows on each sheet; refused (UserError) when a text
    is longer than an Excel cell holds."""
    from openpyxl import Workbook

    with gc_paused():
        with db.uow() as uow:
            tables = workbook_tables(uow.session)
        check_cell_lengths(tables)  # before anything is written
        book = Workbook(write_only=True)
        for table in tables:
            _write_sheet(book, table)
        out = io.BytesIO()
        book.save(out)
    return out.getvalue(), {t.title: len(t.rows) for t in tables}


def write_workbook(db: Database, path: Path) -> SpreadsheetExport:
    """Export the hub to an .xlsx workbook, one sheet per record type (atomic write)."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise UserError(f"{path.name}: a workbook export needs the .xlsx suffix.")
    data, counts = workbook_bytes(db)
    write_atomic(path, data)
    record(db, "export", "database", detail=f"workbook (.xlsx): {_counted(counts)}")
    return SpreadsheetExport(path, counts, len(data))


def register_csv_bytes(db: Database) -> tuple[bytes, int]:
    """The register as CSV (UTF-8 with BOM, ISO dates): the columns the import reads back."""
    with db.uow() as uow:
        table = register_table(uow.session)
    yes_no = [i for i, (_h, kind) in enumerate(table.columns) if kind == YES_NO]
    for row in table.rows:
        for i in yes_no:
            if row[i] is not None:
                row[i] = "Yes" if row[i] else "No"
    return csv_bytes(table.headers, table.rows), len(table.rows)


def write_register_csv(db: Database, path: Path) -> SpreadsheetExport:
    """Export the register (people with their roles) to ``path`` as CSV (atomic write)."""
    path = Path(path)
    data, n = register_csv_bytes(db)
    write_atomic(path, data)
    record(db, "export", "database", detail=f"register (.csv): people {n}")
    return SpreadsheetExport(path, {"People": n}, len(data))


def _counted(counts: dict[str, int]) -> str:
    return counts_detail({title.lower(): n for title, n in counts.items()})
