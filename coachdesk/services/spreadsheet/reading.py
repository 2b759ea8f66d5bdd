"""Reading a register file (.xlsx or .csv) into plain rows, refusing hostile files cleanly."""

from __future__ import annotations

import csv
import io
import logging
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from coachdesk.errors import UserError

if TYPE_CHECKING:
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

log = logging.getLogger(__name__)

#: More data rows than this and the file is refused (a register, not a data warehouse).
MAX_ROWS = 100_000
#: Columns read from each row; anything further right is ignored.
MAX_COLUMNS = 200
#: The most a workbook's parts may hold once unzipped (a zip bomb is refused before opening).
MAX_UNCOMPRESSED = 256 * 1024 * 1024
MAX_MEMBERS = 5_000
#: The largest file read at all (workbooks are zipped, so this is generous for them).
MAX_FILE_BYTES = 128 * 1024 * 1024
#: Rows searched for the header (a title or a blank line may sit above it).
HEADER_SEARCH = 10

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".tsv", ".txt")
SUFFIXES = EXCEL_SUFFIXES + CSV_SUFFIXES
DELIMITERS = ",;\t|"
ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class SheetData:
    """A sheet's header and its non-empty rows, each with its number as the sheet shows it."""

    source: str  # the file's name, for messages
    header_row: int
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[object, ...]], ...]  # cells as read: text, numbers, dates
    epoch: date = date(1899, 12, 30)  # day 0 of Excel serial numbers in this file
    sheet_name: str = ""
    encoding: str = ""  # CSV only
    delimiter: str = ""  # CSV only


Finder = Callable[[tuple[str, ...]], bool]


def read_sheet(path: Path, *, looks_like_header: Finder | None = None) -> SheetData:
    """The register in ``path`` (.xlsx or .csv by suffix); UserError when it cannot be read.

    ``looks_like_header`` says whether a row is the header; the first row that does, among
    the first few, is taken (else the first non-empty row).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise UserError(
            f"{path.name} is an Excel 97-2003 workbook (.xls); save it as .xlsx or .csv "
            "in your spreadsheet program and import that."
        )
    if suffix not in SUFFIXES:
        raise UserError(
            f"{path.name}: coachdesk imports registers saved as .xlsx or .csv "
            "(and whole-database bundles as .json)."
        )
    raw_head = _head(path)
    finder = looks_like_header or (lambda row: False)
    if suffix in EXCEL_SUFFIXES:
        if raw_head.startswith(_OLE_MAGIC):
            raise UserError(
                f"{path.name} is an old-style (.xls) or password-protected workbook; save it "
                "as an unprotected .xlsx or as .csv and import that."
            )
        if not raw_head.startswith(_ZIP_MAGIC):
            raise UserError(f"{path.name} is not an Excel workbook (.xlsx); it cannot be read.")
        return _read_xlsx(path, finder)
    if raw_head.startswith(_ZIP_MAGIC) or raw_head.startswith(_OLE_MAGIC):
        raise UserError(
            f"{path.name} is a workbook, not CSV text; give it the .xlsx suffix "
            "(or save it as CSV)."
        )
    return _read_csv(path, finder)


def _head(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise UserError(f"{path}: no such file.") from None
    except OSError as exc:
        if path.is_dir():  # IsADirectoryError; Windows says PermissionError for a folder
            raise UserError(f"{path} is a folder, not a spreadsheet.") from None
        raise UserError(f"{path} cannot be read: {exc.strerror or exc}.") from None
    if size > MAX_FILE_BYTES:
        raise UserError(
            f"{path.name} is {size / 1_048_576:.0f} MB; a register file may be at most "
            f"{MAX_FILE_BYTES // 1_048_576} MB."
        )
    if size == 0:
        raise UserError(f"{path.name} is empty.")
    return head


# ---------------------------------------------------------------------------------------------
# Excel


def check_zip(path: Path) -> None:
    """Refuse a workbook whose parts would unzip to too much (a zip bomb), before opening it."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    # NotImplementedError: a damaged header asking for a zip version or method Python lacks.
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise UserError(f"{path.name} is damaged or not an Excel workbook (.xlsx).") from None
    if len(members) > MAX_MEMBERS:
        raise UserError(f"{path.name} holds {len(members)} parts; it is not a register workbook.")
    total = sum(max(m.file_size, 0) for m in members)
    if total > MAX_UNCOMPRESSED:
        raise UserError(
            f"{path.name} would unpack to {total / 1_048_576:,.0f} MB, more than the "
            f"{MAX_UNCOMPRESSED // 1_048_576} MB a register may hold; it was not opened."
        )


def _read_xlsx(path: Path, finder: Finder) -> SheetData:
    import openpyxl
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    check_zip(path)
    try:
        # read_only streams the sheet; data_only gives each formula's saved value and never
        # evaluates anything; links to other workbooks are not followed.
        book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except UserError:
        raise
    except Exception as exc:  # openpyxl raises many kinds of error on a malformed file
        log.info("workbook could not be opened: %s", type(exc).__name__)
        raise UserError(f"{path.name} is damaged or not an Excel workbook (.xlsx).") from None
    try:
        # read_only opens every worksheet as a ReadOnlyWorksheet; chart sheets have no rows.
        sheets = [ws for ws in book.worksheets if isinstance(ws, ReadOnlyWorksheet)]
        if not sheets:
            raise UserError(f"{path.name} has no worksheet.")
        epoch = book.epoch.date() if hasattr(book.epoch, "date") else book.epoch
        active = next((ws for ws in sheets if ws is book.active), sheets[0])
        # The sheet whose first rows hold a recognised header; else the active one.
        for ws in [active, *(s for s in sheets if s is not active)]:
            ws.reset_dimensions()  # never trust the stated size: read what is there
            if _find_header(_first_rows(ws), finder, strict=True) is not None:
                chosen = ws
                break
        else:
            chosen = active
        try:
            return _collect(
                path.name,
                _xlsx_rows(chosen),
                finder,
                epoch=epoch,
                sheet_name=chosen.title,
            )
        except UserError:
            raise
        except Exception as exc:
            log.info("worksheet could not be read: %s", type(exc).__name__)
            raise UserError(f"{path.name} is damaged: its sheet cannot be read.") from None
    finally:
        book.close()


def _xlsx_rows(ws: ReadOnlyWorksheet) -> Iterator[tuple[object, ...]]:
    ws.reset_dimensions()
    # The stubs copy Worksheet.iter_rows onto ReadOnlyWorksheet with Worksheet as its self
    # (python/mypy#6700 in types-openpyxl); the read-only sheet has the method as written.
    yield from ws.iter_rows(max_col=MAX_COLUMNS, values_only=True)  # type: ignore[misc]


def _first_rows(ws: ReadOnlyWorksheet) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    try:
        for row in _xlsx_rows(ws):
            out.append(row)
            if len(out) >= HEADER_SEARCH:
                break
    except Exception:  # a damaged sheet is reported when it is read in full
        return []
    return out


# ---------------------------------------------------------------------------------------------
# CSV


def decode(raw: bytes) -> tuple[str, str]:
    """The text and the encoding it was in: UTF-16 (with BOM), UTF-8, Windows-1252, Latin-1."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding), "utf-8" if encoding == "utf-8-sig" else encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if "\x00" in sample:
        return True
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\x0c")
    return control > max(8, len(sample) // 100)


def sniff_delimiter(text: str) -> str:
    """The delimiter among , ; tab | (csv.Sniffer, checked against the first lines)."""
    sample = text[:65536]
    cut = sample.rfind("\n")
    if cut > 0:
        sample = sample[:cut]
    lines = [line for line in sample.splitlines() if line.strip()][:20]
    if not lines:
        return ","
    try:
        found = csv.Sniffer().sniff("\n".join(lines), delimiters=DELIMITERS).delimiter
    except csv.Error:
        found = None
    counts = {d: lines[0].count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    if found and found in DELIMITERS and counts.get(found, 0) > 0:
        return found
    return best if counts[best] else ","


def _read_csv(path: Path, finder: Finder) -> SheetData:
    raw = path.read_bytes()
    text, encoding = decode(raw)
    if _looks_binary(text):
        raise UserError(f"{path.name} is not a spreadsheet: it is not CSV text.")
    delimiter = "\t" if path.suffix.lower() == ".tsv" else sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"')

    def rows() -> Iterator[tuple[object, ...]]:
        number = 0
        try:
            for number, record in enumerate(reader, 1):  # noqa: B007 - used after the loop
                yield tuple(record[:MAX_COLUMNS])
        except csv.Error as exc:
            raise UserError(f"{path.name}: row {number + 1} cannot be read ({exc}).") from None

    return _collect(path.name, rows(), finder, encoding=encoding, delimiter=delimiter)


# ---------------------------------------------------------------------------------------------
# Both


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _header_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _find_header(rows: list[tuple[object, ...]], finder: Finder, *, strict: bool) -> int | None:
    """The index of the header among ``rows``: the first recognised one, else the first
    non-empty one (unless ``strict``)."""
    first = None
    for index, row in enumerate(rows[:HEADER_SEARCH]):
        if all(_blank(v) for v in row):
            continue
        if first is None:
            first = index
        if finder(tuple(_header_text(v) for v in row)):
            return index
    return None if strict else first


def _collect(
    source: str,
    rows: Iterable[tuple[object, ...]],
    finder: Finder,
    *,
    epoch: date = date(1899, 12, 30),
    sheet_name: str = "",
    encoding: str = "",
    delimiter: str = "",
) -> SheetData:
    """Find the header, then keep every non-empty row (numbered as the sheet shows it)."""
    it = iter(rows)
    top: list[tuple[object, ...]] = []
    for row in it:
        top.append(row)
        if len(top) >= HEADER_SEARCH:
            break
    index = _find_header(top, finder, strict=False)
    if index is None:
        raise UserError(f"{source} is empty: there is no header row and no data.")
    header_cells = [_header_text(v) for v in top[index]]
    while header_cells and not header_cells[-1]:
        header_cells.pop()
    width = len(header_cells)
    kept: list[tuple[int, tuple[object, ...]]] = []

    def take(number: int, row: tuple[object, ...]) -> None:
        cells = tuple(row[:width])
        if all(_blank(v) for v in cells):
            return
        if len(kept) >= MAX_ROWS:
            raise UserError(
                f"{source} has more than {MAX_ROWS:,} rows; a register may have at most "
                f"{MAX_ROWS:,}. Split it into smaller files."
            )
        if len(cells) < width:
            cells = cells + (None,) * (width - len(cells))
        kept.append((number, cells))

    for number, row in enumerate(top, 1):
        if number > index + 1:
            take(number, row)
    for number, row in enumerate(it, len(top) + 1):
        take(number, row)
    if not kept:
        raise UserError(f"{source} has a header row but no rows of data.")
    return SheetData(
        source=source,
        header_row=index + 1,
        headers=tuple(header_cells),
        rows=tuple(kept),
        epoch=epoch,
        sheet_name=sheet_name,
        encoding=encoding,
        delimiter=delimiter,
    )
