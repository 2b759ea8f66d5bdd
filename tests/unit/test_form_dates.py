"""The completed-on date written on a returned form: day-first or ISO, 1900 to 2099."""

from __future__ import annotations

from datetime import date

import pytest

from coachdesk.services.evaluation_forms.formdates import parse_form_date


@pytest.mark.parametrize(
    "text",
    ["23/11/2026", "23/11/26", " 23 / 11 / 2026 ", "23.11.2026", "23-11-2026", "2026-11-23",
     "23 Nov 2026", "23rd November 2026", "23 nov. 2026"],
)  # fmt: skip
def test_day_first_and_iso_dates_read_the_same(text: str) -> None:
    assert parse_form_date(text) == date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("11/23/2026", "is not a date on the calendar"),  # month-first is not read
        ("30/02/2026", "is not a date on the calendar"),
        ("31/12/1899", "1899-12-31 is not a date between 1900-01-01 and 2099-12-31"),
        ("01/01/2100", "2100-01-01 is not a date between 1900-01-01 and 2099-12-31"),
        ("23 Novembre 2026", "'Novembre' is not a month"),
        ("yesterday", "is not a date written as day/month/year"),
        ("", "is not a date written as day/month/year"),
    ],
)
def test_what_is_not_a_date_says_why(text: str, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        parse_form_date(text)


def test_the_range_is_the_one_every_import_shares(monkeypatch: pytest.MonkeyPatch) -> None:
    from coachdesk.domain import dates

    monkeypatch.setattr(dates, "LATEST_DATE", date(2050, 12, 31))  # one definition, followed

    with pytest.raises(ValueError, match="is not a date between"):
        parse_form_date("01/01/2051")
