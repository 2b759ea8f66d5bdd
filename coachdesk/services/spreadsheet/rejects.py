"""The rejects file: the rows an import set aside, as they were, with the reasons."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from coachdesk.services.exchange.export import write_atomic
from coachdesk.services.spreadsheet.reading import SheetData
from coachdesk.services.spreadsheet.rows import ParsedRow

_RISKY = ("=", "+", "-", "@", "\t", "\r")


def rejects_path(source: Path) -> Path:
    """``register.xlsx`` → ``register.rejects.csv`` in the same folder."""
    return source.with_name(f"{source.stem}.rejects.csv")


def csv_cell(value: object) -> str:
    """A value as CSV text a spreadsheet will not run as a formula (a leading ' guards it)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        value = value.date() if not (value.hour or value.minute or value.second) else value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    if isinstance(value, str) and text.startswith(_RISKY):
        return "'" + text
    return text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 CSV with a byte-order mark (so Excel reads the accents right), CRLF lines."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def write_rejects(path: Path, sheet: SheetData, rows: Sequence[ParsedRow]) -> None:
    """The rejected rows with their original cells, then Row (as numbered in the sheet) and
    Reason; re-importing the file once fixed ignores those two columns."""
    header = [*sheet.headers, "Row", "Reason"]
    body = (
        [*row.cells, row.row, "; ".join(f"{p.column}: {p.reason}" for p in row.problems)]
        for row in rows
    )
    write_atomic(path, csv_bytes(header, body))
