"""Calendar months, days and message dates."""

from datetime import date

import pytest

from coachdesk.domain.dates import add_days, add_months, format_date


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 5, 31), 1, date(2026, 6, 30)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2026, 8, 14), 3, date(2026, 11, 14)),
        (date(2026, 8, 14), 0, date(2026, 8, 14)),
    ],
)
def test_add_months_uses_calendar_months_clamped_to_month_end(start, months, expected):
    assert add_months(start, months) == expected


def test_add_days_crosses_months_and_years_and_goes_back():
    assert add_days(date(2026, 12, 25), 15) == date(2027, 1, 9)
    assert add_days(date(2026, 3, 1), -1) == date(2026, 2, 28)
    assert add_days(date(2026, 3, 1), 0) == date(2026, 3, 1)


@pytest.mark.parametrize(
    ("d", "text"),
    [
        (date(2026, 8, 14), "14 Aug 2026"),
        (date(2026, 10, 2), "2 Oct 2026"),
        (date(2027, 1, 1), "1 Jan 2027"),
        (date(2026, 12, 31), "31 Dec 2026"),
    ],
)
def test_format_date_reads_as_day_month_year(d, text):
    assert format_date(d) == text
