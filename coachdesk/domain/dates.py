"""Calendar arithmetic for the hub's rules: calendar months, days and dates for messages."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def add_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` calendar months, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    return d + relativedelta(months=n)


def add_days(d: date, n: int) -> date:
    """``d`` moved by ``n`` days (negative moves back)."""
    return d + timedelta(days=n)


def format_date(d: date) -> str:
    """A date as the lead reads it in messages, e.g. ``14 Aug 2026`` (not locale-dependent)."""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


#: The dates any import accepts (bundle, spreadsheet, returned form; SPEC 7): a date outside
#: is a typing slip or a placeholder, never a day in the hub's life, and is refused.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2099, 12, 31)
#: The range as a message says it, after the value: ``… is not a date between …``.
DATE_RANGE_TEXT = f"{EARLIEST_DATE.isoformat()} and {LATEST_DATE.isoformat()}"


def in_date_range(d: date) -> bool:
    """Whether ``d`` lies between EARLIEST_DATE and LATEST_DATE (both included)."""
    return EARLIEST_DATE <= d <= LATEST_DATE


def date_range_problem(d: date) -> str | None:
    """Why ``d`` cannot be imported (outside 1900-01-01..2099-12-31), or None when it can."""
    if in_date_range(d):
        return None
    return f"{d.isoformat()} is not a date between {DATE_RANGE_TEXT}"
