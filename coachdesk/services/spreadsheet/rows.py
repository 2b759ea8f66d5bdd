"""A sheet's rows parsed cell by cell into clean values, every problem named by row and column."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from coachdesk.domain.clock import SYSTEM
from coachdesk.domain.dates import format_date
from coachdesk.services.spreadsheet import normalise as n
from coachdesk.services.spreadsheet.columns import FIELD_BY_KEY
from coachdesk.services.spreadsheet.normalise import CleanValue
from coachdesk.services.spreadsheet.reading import SheetData
from coachdesk.services.steps import Cancelled, cancelled_error

Progress = Callable[[int, int], None]

#: How often (in rows) progress is reported and cancelling is checked.
STEP = 250


@dataclass(frozen=True)
class CellProblem:
    """Why a row cannot be imported: ``row N, column: reason`` (N as the sheet shows it)."""

    row: int
    column: str
    reason: str
    index: int = -1  # the column's position (0-based) in the sheet, -1 for the row as a whole

    def __str__(self) -> str:
        return f"row {self.row}, {self.column}: {self.reason}"


@dataclass(frozen=True)
class ParsedRow:
    """One row: its clean values by field key (blank cells are absent) and its problems."""

    row: int
    values: Mapping[str, CleanValue] = field(hash=False)
    problems: tuple[CellProblem, ...]
    cells: tuple[object, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def email(self) -> str | None:
        return self.text("email")

    @property
    def label(self) -> str:
        """The row's person, for messages: e-mail, else name, else the row number."""
        return self.text("email") or self.text("full_name") or f"row {self.row}"

    def text(self, key: str) -> str | None:
        """The clean value of a text field (a name, an e-mail, a band...), None when blank."""
        value = self.values.get(key)
        return value if isinstance(value, str) else None


def parse_rows(
    sheet: SheetData,
    mapping: Sequence[str | None],
    *,
    limit: int | None = None,
    today: date | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> list[ParsedRow]:
    """Every row (or the first ``limit``) parsed; rows themselves are never refused here.

    ``today`` places two-digit years (the system clock's when not given)."""
    headers = sheet.headers
    today = today or SYSTEM.today()
    columns = [
        (index, key, n.parser_for(FIELD_BY_KEY[key], sheet.epoch, today))
        for index, key in enumerate(mapping)
        if key is not None
    ]
    where = {key: index for index, key in enumerate(mapping) if key is not None}
    rows = sheet.rows if limit is None else sheet.rows[:limit]
    total = len(rows)
    seen: dict[str, int] = {}
    out: list[ParsedRow] = []
    for done, (number, cells) in enumerate(rows):
        if done % STEP == 0:
            if cancelled is not None and cancelled():
                raise cancelled_error()
            if progress is not None:
                progress(done, total)
        values: dict[str, CleanValue] = {}
        problems: list[CellProblem] = []
        for index, key, parse in columns:
            try:
                value = parse(cells[index])
            except n.Reject as bad:
                problems.append(CellProblem(number, _header(headers, index), bad.reason, index))
                continue
            if value is not None:
                values[key] = value
        if "roles" in values and "status" not in values:  # an older workbook: coach (active)
            values.update(_bracketed_statuses(cells[where["roles"]]))
        _whole_row(number, values, problems, headers, where, seen)
        out.append(ParsedRow(number, values, tuple(problems), cells))
    if progress is not None:
        progress(total, total)
    return out


def _bracketed_statuses(roles_cell: object) -> dict[str, CleanValue]:
    """The Status a Roles cell such as ``coach (active), mentor (paused)`` gives, if any."""
    statuses = n.role_statuses(roles_cell)
    return {"status": statuses} if statuses else {}


def _header(headers: Sequence[str], index: int) -> str:
    return headers[index] if index < len(headers) and headers[index] else f"column {index + 1}"


def _whole_row(
    number: int,
    values: dict[str, CleanValue],
    problems: list[CellProblem],
    headers: Sequence[str],
    where: Mapping[str, int],
    seen: dict[str, int],
) -> None:
    """Checks across cells: a name, an e-mail (once per file), a manager who is not oneself."""
    parts = [values.pop("first_name", None), values.pop("last_name", None)]
    names = [part for part in parts if isinstance(part, str) and part]  # names are text
    if "full_name" not in values and names:
        values["full_name"] = " ".join(names)
    bad = {p.index for p in problems}

    def column(key: str) -> tuple[str, int]:
        index = where.get(key, where.get("first_name", -1) if key == "full_name" else -1)
        return (_header(headers, index) if index >= 0 else key), index

    if "full_name" not in values and not bad.intersection(
        where.get(k, -2) for k in ("full_name", "first_name", "last_name")
    ):
        name, index = column("full_name")
        problems.append(CellProblem(number, name, "a name is required", index))
    email = values.get("email")
    if not isinstance(email, str):  # no e-mail (a parsed e-mail is always text)
        if where.get("email", -2) not in bad:
            name, index = column("email")
            problems.append(CellProblem(number, name, "an e-mail address is required", index))
    elif email in seen:
        name, index = column("email")
        problems.append(
            CellProblem(number, name, f"{email} is already on row {seen[email]}", index)
        )
    else:
        seen[email] = number
    if email is not None and values.get("manager_email") == email:
        name, index = column("manager_email")
        problems.append(
            CellProblem(number, name, "a person cannot be their own line manager", index)
        )


def display(key: str, value: CleanValue | None) -> str:
    """A clean value as the lead reads it (dates as 7 Dec 2026, yes/no, lists with ;)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return format_date(value)
    if key == "roles" and isinstance(value, frozenset):
        order = ("coach", "mentor", "coachee", "mentee")
        return ", ".join(r for r in order if r in value)
    if key == "status" and isinstance(value, dict):
        if set(value) == {"*"}:
            return value["*"]
        return "; ".join(f"{k}: {v}" if k != "*" else v for k, v in value.items())
    if isinstance(value, tuple | list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
