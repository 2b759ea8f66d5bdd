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
