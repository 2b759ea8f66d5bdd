"""Durations typed as a lead types them, by example."""

from __future__ import annotations

import pytest

from coachdesk.domain.durations import parse_hours, parse_minutes, spoken


@pytest.mark.parametrize(
    ("typed", "hours"),
    [
        ("1.5", 1.5),
        ("1,5", 1.5),
        ("1:30", 1.5),
        ("1h30", 1.5),
        ("1 h 30", 1.5),
        ("1h30m", 1.5),
        ("1 hour 30 minutes", 1.5),
        ("90 min", 1.5),
        ("90min", 1.5),
        ("90 minutes", 1.5),
        ("45m", 0.75),
        ("2h", 2),
        ("2 hours", 2),
        ("1.5 h", 1.5),
        (" 3 ", 3),
        ("0:45", 0.75),
        ("1H30", 1.5),
    ],
)
def test_hours_fields_read(typed: str, hours: float) -> None:
    assert parse_hours(typed) == pytest.approx(hours)


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [
        ("90", 90),
        ("90 min", 90),
        ("1h30", 90),
        ("1:30", 90),
        ("1.5", 90),  # a fraction in a minutes field is hours
        ("2h", 120),
        ("1.5 hours", 90),
        ("45", 45),
    ],
)
def test_minutes_fields_read(typed: str, minutes: int) -> None:
    assert parse_minutes(typed) == minutes


@pytest.mark.parametrize("typed", ["", "   "])
def test_blank_is_none(typed: str) -> None:
    assert parse_hours(typed) is None and parse_minutes(typed) is None


@pytest.mark.parametrize("typed", ["lots", "1h75", "1:75", "1.2.3", "h30", "-1", "1 day", "nan"])
def test_what_is_no_duration_is_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_hours(typed)
    with pytest.raises(ValueError):
        parse_minutes(typed)


def test_spoken() -> None:
    assert [spoken(m) for m in (45, 60, 90, 125)] == ["45 min", "1 h", "1 h 30 min", "2 h 5 min"]
