"""Building register files for the spreadsheet tests: .xlsx (openpyxl or raw XML) and .csv."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

#: A messy but valid register, as a lead's years-old spreadsheet holds it (made-up people).
MESSY_HEADER = [
    " Full Name ",
    "E-mail",
    "Trust",
    "AfC band",
    "Role(s)",
    "Training date",
    "Accreditation",
    "Leadership programme",
    "Line manager",
    "Manager email",
    "Status",
    "Specialisms",
    "Capacity",
]


def messy_rows(dates: str = "text") -> list[list[Any]]:
    """Five valid rows; ``dates`` "text" (UK and ISO strings) or "cells" (datetime cells).
    Adé's training date is an Excel serial number either way (45383 = 1 April 2024)."""
    from datetime import datetime

    uk, iso, serial = "03/04/2024", "2023-11-30", 45383
    if dates == "cells":
        uk, iso = datetime(2024, 4, 3), datetime(2023, 11, 30)
    # fmt: off
    return [
        ["  Zoë   Ó Briain ", " ZOE.OBRIAIN@Fenland.NHS.UK ", "Fenland Acute Trust", "Band 8a",
         "Coach; Mentor", uk, "EMCC Coach Practitioner", "Y", "Priya Shah",
         "PRIYA.SHAH@fenland.nhs.uk", "", "resilience, new leaders", 3],
        ["Adé Mensah", "ade.mensah@broads.nhs.uk", "Broads Community Trust", "8A", "mentor",
         serial, "", "Yes", "", "", "paused", "", ""],
        ["Lin Wu", "lin.wu@broads.nhs.uk", "Broads Community Trust", "AfC band 6", "coachee",
         "", "", "TRUE", "Kim Sato", "kim.sato@broads.nhs.uk", "", "", ""],
        ["Ola Nowak", "ola.nowak@fenland.nhs.uk", "Fenland Acute Trust", "band 5", "coach", "",
         "ILM Level 5", "no", "", "", "applied", "", ""],
        ["Sam Okafor", "sam.okafor@fenland.nhs.uk", "Fenland Acute Trust", "7", "coach, mentee",
         iso, "ILM Level 7", 1, "", "", "", "", ""],
    ]
    # fmt: on


def write_xlsx(
    path: Path, header: Sequence[Any] | None, rows: Iterable[Sequence[Any]], **sheet: Any
) -> Path:
    """An .xlsx made by openpyxl (first sheet; ``title`` names it)."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet.get("title", "Register")
    if header is not None:
        ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    book.save(path)
    return path


def csv_text(header: Sequence[Any], rows: Iterable[Sequence[Any]], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue()


def write_csv(
    path: Path,
    header: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Path:
    path.write_bytes(csv_text(header, rows, delimiter).encode(encoding))
    return path


def raw_xlsx(path: Path, sheet_xml_rows: str) -> Path:
    """An .xlsx whose first sheet's <sheetData> is ``sheet_xml_rows`` (XML written by hand),
    packed inside a workbook openpyxl made: for files openpyxl itself would not write."""
    import openpyxl

    book = openpyxl.Workbook()
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(buffer)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                start = text.index("<sheetData")
                end = text.index("/>", start) + 2 if "<sheetData/>" in text else None
                if end is None:
                    end = text.index("</sheetData>") + len("</sheetData>")
                text = text[:start] + f"<sheetData>{sheet_xml_rows}</sheetData>" + text[end:]
                data = text.encode()
            out.writestr(item, data)
    return path


def xml_row(number: int, *cells: str) -> str:
    """A <row> of inline-string cells (``None``-free text) for raw_xlsx."""
    from xml.sax.saxutils import escape

    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    parts = [
        f'<c r="{letters[i]}{number}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
        for i, v in enumerate(cells)
    ]
    return f'<row r="{number}">{"".join(parts)}</row>'
