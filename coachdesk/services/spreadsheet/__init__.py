"""Spreadsheets: the register import (.xlsx/.csv) and the .xlsx, .csv and .ics exports."""

from __future__ import annotations

from coachdesk.services.spreadsheet.columns import FIELDS, Field, match_columns
from coachdesk.services.spreadsheet.importer import (
    import_register,
    import_register_file,
    read_register,
)
from coachdesk.services.spreadsheet.reading import MAX_ROWS, SheetData
from coachdesk.services.spreadsheet.report import RegisterImportReport, RejectedRow, RowUpdate
from coachdesk.services.spreadsheet.rows import CellProblem, ParsedRow, display, parse_rows

__all__ = [
    "FIELDS",
    "MAX_ROWS",
    "CellProblem",
    "Field",
    "ParsedRow",
    "RegisterImportReport",
    "RejectedRow",
    "RowUpdate",
    "SheetData",
    "display",
    "import_register",
    "import_register_file",
    "match_columns",
    "parse_rows",
    "read_register",
]
