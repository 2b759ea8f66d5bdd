"""Reading files: encodings, delimiters, header and row numbers, and hostile files refused."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from coachdesk.errors import UserError
from coachdesk.services.spreadsheet import MAX_ROWS, read_register
from coachdesk.services.spreadsheet.reading import MAX_UNCOMPRESSED
from tests.helpers.sheets import raw_xlsx, write_csv, write_xlsx, xml_row

HEADER = ["Name", "Email", "Trust"]
ROWS = [["Zoë Ó Briain", "zoe@fenland.nhs.uk", "Fenland – Acute’s Trust"]]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_csv_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    path = write_csv(tmp_path / "r.csv", HEADER, ROWS, encoding=encoding)
    sheet = read_register(path)
    assert sheet.rows[0][1] == tuple(ROWS[0])
    assert sheet.encoding == {"utf-8-sig": "utf-8"}.get(encoding, encoding)


def test_latin1_when_not_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes("Name,Email\nZo\xeb\x81,z@x.nhs.uk\n".encode("latin-1"))
    sheet = read_register(path)
    assert sheet.encoding == "latin-1"
    assert sheet.rows[0][1][0] == "Zoë\x81"


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_csv_delimiters_are_detected(tmp_path: Path, delimiter: str) -> None:
    rows = [["Ó Briain, Zoë", "zoe@x.nhs.uk", "A; B"], ["Lin Wu", "lin@x.nhs.uk", "C|D"]]
    path = write_csv(tmp_path / "r.csv", HEADER, rows, delimiter=delimiter)
    sheet = read_register(path)
    assert sheet.delimiter == delimiter
    assert [cells for _n, cells in sheet.rows] == [tuple(r) for r in rows]


def test_row_numbers_are_the_sheets_own_with_a_title_and_blank_rows(tmp_path: Path) -> None:
    rows = [["Register of coaches (2024)", None, None], [None, None, None], HEADER]
    rows += [ROWS[0], [None, None, None], ["Lin Wu", "lin@x.nhs.uk", ""]]
    path = write_xlsx(tmp_path / "r.xlsx", None, rows)
    sheet = read_register(path)
    assert sheet.header_row == 3
    assert [n for n, _cells in sheet.rows] == [4, 6]
    csv_path = write_csv(tmp_path / "r.csv", rows[0], rows[1:])
    assert [n for n, _cells in read_register(csv_path).rows] == [4, 6]


def test_a_quoted_cell_with_a_line_break_is_one_row(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text('Name,Email,Notes\nZoë,z@x.nhs.uk,"two\nlines"\nLin,l@x.nhs.uk,\n')
    assert [n for n, _c in read_register(path).rows] == [2, 3]


def test_the_sheet_with_the_register_is_chosen(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Notes about this file"])
    other = book.create_sheet("Coaches")
    other.append(HEADER)
    other.append(ROWS[0])
    book.save(tmp_path / "r.xlsx")
    sheet = read_register(tmp_path / "r.xlsx")
    assert sheet.sheet_name == "Coaches"
    assert sheet.rows[0][0] == 2


def test_formulas_are_read_as_their_saved_values_never_evaluated(tmp_path: Path) -> None:
    rows = xml_row(1, "Name", "Email") + (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Zoë</t></is></c>'
        '<c r="B2" t="str"><f>LOWER("ZOE@X.NHS.UK")</f><v>zoe@x.nhs.uk</v></c></row>'
        '<row r="3"><c r="A3" t="inlineStr"><is><t>Lin</t></is></c>'
        '<c r="B3"><f>WEBSERVICE("http://example.invalid/")</f></c></row>'
    )
    sheet = read_register(raw_xlsx(tmp_path / "f.xlsx", rows))
    assert sheet.rows[0][1] == ("Zoë", "zoe@x.nhs.uk")
    assert sheet.rows[1][1] == ("Lin", None)  # never calculated: no value, nothing evaluated


def test_date_cells_come_back_as_dates(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "d.xlsx",
        ["Name", "Email", "Training date"],
        [["Z", "z@x.uk", datetime(2024, 4, 3)]],
    )
    assert read_register(path).rows[0][1][2] == datetime(2024, 4, 3)


# -- hostile files -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("r.xlsx", b"Name,Email\nZ,z@x.nhs.uk\n", "not an Excel workbook"),
        ("r.xlsx", b"PK\x03\x04 not really a zip at all", "damaged or not an Excel workbook"),
        ("r.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "not CSV text"),
        ("r.csv", b"PK\x03\x04" + b"\x00" * 64, "is a workbook, not CSV text"),
        ("r.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "password-protected"),
        ("r.xls", b"\xd0\xcf\x11\xe0", "Excel 97-2003"),
        ("r.ods", b"PK\x03\x04", "coachdesk imports registers saved as .xlsx or .csv"),
        ("r.csv", b"", "is empty"),
        ("r.csv", b"\r\n\r\n ,, \r\n", "is empty"),
        ("r.csv", b"Name,Email\r\n", "no rows of data"),
    ],
)
def test_not_a_usable_spreadsheet_is_refused(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UserError, match=message):
        read_register(path)


def test_an_empty_workbook_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="is empty"):
        read_register(write_xlsx(tmp_path / "e.xlsx", None, []))


def test_a_missing_file_and_a_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such file"):
        read_register(tmp_path / "nothing.csv")
    (tmp_path / "dir.csv").mkdir()
    with pytest.raises(UserError, match="is a folder"):
        read_register(tmp_path / "dir.csv")


def test_a_zip_bomb_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "bomb.xlsx", HEADER, ROWS)
    chunk = b"\x00" * (1 << 20)
    with (
        zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z,
        z.open("xl/media/padding.bin", "w", force_zip64=True) as member,
    ):
        for _ in range(MAX_UNCOMPRESSED // len(chunk) + 1):
            member.write(chunk)
    assert path.stat().st_size < 2_000_000  # a small file ...
    with pytest.raises(UserError, match="would unpack to 257 MB"):  # ... that unpacks huge
        read_register(path)


def test_a_stated_sheet_size_is_not_trusted(tmp_path: Path) -> None:
    rows = xml_row(1, "Name", "Email") + xml_row(2, "Zoë", "z@x.nhs.uk")
    rows += xml_row(3, "Lin", "l@x.nhs.uk")
    path = raw_xlsx(tmp_path / "dim.xlsx", rows)  # the sheet says A1:A1
    assert [n for n, _c in read_register(path).rows] == [2, 3]


def test_more_than_the_maximum_of_rows_is_refused_csv(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    body = "".join(f"P {i},p{i}@x.nhs.uk\n" for i in range(MAX_ROWS + 1))
    path.write_text("Name,Email\n" + body)
    with pytest.raises(UserError, match="more than 100,000 rows"):
        read_register(path)
    path.write_text("Name,Email\n" + body[: body.index(f"P {MAX_ROWS},")])
    assert len(read_register(path).rows) == MAX_ROWS


def test_more_than_the_maximum_of_rows_is_refused_xlsx(tmp_path: Path) -> None:
    body = "".join(
        f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>P</t></is></c>'
        f'<c r="B{i}" t="inlineStr"><is><t>p{i}@x.nhs.uk</t></is></c></row>'
        for i in range(2, MAX_ROWS + 3)
    )
    path = raw_xlsx(tmp_path / "many.xlsx", xml_row(1, "Name", "Email") + body)
    with pytest.raises(UserError, match="more than 100,000 rows"):
        read_register(path)


def test_a_workbook_asking_for_an_unknown_zip_version_is_refused(tmp_path: Path) -> None:
    """Found by the parser fuzz run: zipfile raised NotImplementedError("zip file version 21.2")."""
    path = write_xlsx(tmp_path / "odd.xlsx", ["Full name", "E-mail"], [["Ann Example", "a@b.uk"]])
    data = bytearray(path.read_bytes())
    entry = data.index(b"PK\x01\x02")  # the first central directory entry
    data[entry + 6 : entry + 8] = (212).to_bytes(2, "little")  # version needed to extract: 21.2
    path.write_bytes(bytes(data))
    with pytest.raises(UserError, match="odd.xlsx is damaged or not an Excel workbook"):
        read_register(path)
