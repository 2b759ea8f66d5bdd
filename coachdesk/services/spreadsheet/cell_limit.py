"""Excel's limit on one cell's text (32,767 characters): a longer text is refused, not cut."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from coachdesk.errors import UserError
from coachdesk.services.spreadsheet.tables import TEXT, Table

#: The most characters an Excel cell holds; openpyxl silently cuts a longer text to it, so the
#: workbook, imported back, would cut the text held.
EXCEL_CELL_MAX = 32_767
#: The columns that say whose a row is, in the order a message looks for them.
_WHOSE = ("Name", "Client", "Practitioner")


def too_long(tables: Iterable[Table]) -> Iterator[str]:
    """Each text cell longer than EXCEL_CELL_MAX: ``sheet People, row 3 (Sam Okafor), Notes:
    40,000 characters``."""
    for table in tables:
        headers = table.headers
        texts = [i for i, (_h, kind) in enumerate(table.columns) if kind == TEXT]
        whose = next((headers.index(h) for h in _WHOSE if h in headers), None)
        for number, row in enumerate(table.rows, start=2):  # row 1 is the header
            for i in texts:
                value = row[i]
                if type(value) is str and len(value) > EXCEL_CELL_MAX:
                    who = f" ({row[whose]})" if whose is not None and row[whose] else ""
                    yield (
                        f"sheet {table.title}, row {number}{who}, {headers[i]}: "
                        f"{len(value):,} characters"
                    )


def check_cell_lengths(tables: Iterable[Table]) -> None:
    """Refuse a workbook with a text Excel cannot hold, naming each, rather than write it cut
    (which importing the workbook back would then store)."""
    problems = list(too_long(tables))
    if problems:
        raise UserError(
            f"The .xlsx export was not written: an Excel cell holds at most "
            f"{EXCEL_CELL_MAX:,} characters, and {len(problems):,} "
            f"{'text is' if len(problems) == 1 else 'texts are'} longer. Export the "
            "database as a .json bundle instead (it carries every text whole), or shorten "
            f"{'it' if len(problems) == 1 else 'them'} and export again:",
            problems=problems,
        )
