"""The one range of dates every import accepts (SPEC 7): 1900-01-01 to 2099-12-31."""

from __future__ import annotations

from datetime import date

from coachdesk.domain.dates import (
    EARLIEST_DATE,
    LATEST_DATE,
    date_range_problem,
    in_date_range,
)


def test_the_range_is_1900_to_2099_inclusive() -> None:
    assert (date(1900, 1, 1), date(2099, 12, 31)) == (EARLIEST_DATE, LATEST_DATE)
    assert in_date_range(date(1900, 1, 1)) and in_date_range(date(2099, 12, 31))
    assert not in_date_range(date(1899, 12, 31)) and not in_date_range(date(2100, 1, 1))


def test_a_date_outside_says_why() -> None:
    assert date_range_problem(date(2026, 12, 7)) is None
    assert date_range_problem(date(1, 1, 1)) == (
        "0001-01-01 is not a date between 1900-01-01 and 2099-12-31"
    )
    assert date_range_problem(date(9999, 12, 31)) == (
        "9999-12-31 is not a date between 1900-01-01 and 2099-12-31"
    )
