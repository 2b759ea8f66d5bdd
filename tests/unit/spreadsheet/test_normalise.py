"""Messy cells made clean, each case on its own: bands, dates, e-mails, yes/no, roles, status."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from coachdesk.services.spreadsheet import normalise as n


@pytest.mark.parametrize(
    ("cell", "band"),
    [
        ("Band 8a", "8a"),
        ("8A", "8a"),
        ("AfC band 6", "6"),
        ("  band 5 ", "5"),
        ("Band 8 B", "8b"),
        ("AfC Band 7.", "7"),
        ("Agenda for Change band 8d", "8d"),
        (6, "6"),
        (6.0, "6"),
        ("vsm", "VSM"),
        ("other", "Other"),
        ("9", "9"),
        (None, None),
        ("   ", None),
    ],
)
def test_bands(cell: object, band: str | None) -> None:
    assert n.band(cell) == band


@pytest.mark.parametrize("cell", ["12", "8e", "Band", "senior", 0, 6.5, "8a8a"])
def test_unknown_bands_are_refused(cell: object) -> None:
    with pytest.raises(n.Reject, match="is not an Agenda for Change band"):
        n.band(cell)


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        ("03/04/2024", date(2024, 4, 3)),  # UK day-first
        ("3/4/2024", date(2024, 4, 3)),
        ("03.04.2024", date(2024, 4, 3)),
        ("03-04-2024", date(2024, 4, 3)),
        ("3/4/24", date(2024, 4, 3)),
        ("31/12/99", date(1999, 12, 31)),
        ("2024-04-03", date(2024, 4, 3)),  # ISO
        ("2024-04-03T00:00:00", date(2024, 4, 3)),
        ("2024-04-03 09:30:00", date(2024, 4, 3)),
        ("3 April 2024", date(2024, 4, 3)),
        ("3rd Apr 2024", date(2024, 4, 3)),
        ("03-Apr-24", date(2024, 4, 3)),
        ("Sept 3, 2024", date(2024, 9, 3)),
        (45383, date(2024, 4, 1)),  # Excel serial numbers
        (45383.75, date(2024, 4, 1)),
        ("45383", date(2024, 4, 1)),
        (datetime(2024, 4, 3, 14, 5), date(2024, 4, 3)),  # date cells
        (date(2024, 4, 3), date(2024, 4, 3)),
        (" 03/04/2024 ", date(2024, 4, 3)),
        (None, None),
        ("", None),
    ],
)
def test_dates(cell: object, day: date | None) -> None:
    assert n.a_date(cell) == day


def test_serial_numbers_follow_the_workbooks_1904_calendar() -> None:
    assert n.a_date(43921, date(1904, 1, 1)) == date(2024, 4, 1)


@pytest.mark.parametrize(
    "cell",
    [
        "31/02/2024",  # no such day
        "04/13/2024",  # American month-first is not guessed
        "next week",
        "2024",  # a year, not serial 2024 (1905)
        2024,
        "13/13/2013",
        "2024-02-30",
        "01/01/1850",
        -5,
        1e12,
        float("nan"),
        True,
        time(9, 30),
        "#VALUE!",
    ],
)
def test_unreadable_dates_are_refused(cell: object) -> None:
    with pytest.raises(n.Reject, match="not a date|a time"):
        n.a_date(cell)


@pytest.mark.parametrize(
    ("cell", "email"),
    [
        (" ZOE.OBRIAIN@Fenland.NHS.UK ", "zoe.obriain@fenland.nhs.uk"),
        ("mailto:ade@broads.nhs.uk", "ade@broads.nhs.uk"),
        ("<lin.wu@broads.nhs.uk>", "lin.wu@broads.nhs.uk"),
        ("\u200bola@x.nhs.uk\xa0", "ola@x.nhs.uk"),
        (None, None),
    ],
)
def test_emails_are_trimmed_and_lower_cased(cell: object, email: str | None) -> None:
    assert n.email(cell) == email


@pytest.mark.parametrize("cell", ["not-an-email", "a@b", "a b@x.nhs.uk", "a@@x.nhs.uk", 42])
def test_invalid_emails_are_refused(cell: object) -> None:
    with pytest.raises(n.Reject, match="not a valid e-mail address"):
        n.email(cell)


@pytest.mark.parametrize(
    ("cell", "answer"),
    [
        ("Y", True),
        ("Yes", True),
        ("TRUE", True),
        ("true", True),
        (1, True),
        (True, True),
        ("x", True),
        ("N", False),
        ("no", False),
        ("FALSE", False),
        (0, False),
        (False, False),
        ("", None),
        (None, None),
    ],
)
def test_yes_no(cell: object, answer: bool | None) -> None:
    assert n.yes_no(cell) is answer


@pytest.mark.parametrize("cell", ["maybe", 2, "yes please"])
def test_yes_no_refuses_anything_else(cell: object) -> None:
    with pytest.raises(n.Reject, match="not yes or no"):
        n.yes_no(cell)


@pytest.mark.parametrize(
    ("cell", "roles"),
    [
        ("coach", {"coach"}),
        ("Coach; Mentor", {"coach", "mentor"}),
        ("coach, mentee", {"coach", "mentee"}),
        ("Coach and Mentor", {"coach", "mentor"}),
        ("coach/mentor", {"coach", "mentor"}),
        ("COACHEE", {"coachee"}),
        ("mentors", {"mentor"}),
        ("", None),
    ],
)
def test_roles(cell: object, roles: set[str] | None) -> None:
    got = n.roles(cell)
    assert (set(got) if got is not None else None) == roles


def test_an_unknown_role_is_refused() -> None:
    with pytest.raises(n.Reject, match="'supervisor' is not a role"):
        n.roles("coach; supervisor")


@pytest.mark.parametrize(
    ("cell", "status"),
    [
        ("active", {"*": "active"}),
        (" Paused ", {"*": "paused"}),
        ("coach: active; mentor: paused", {"coach": "active", "mentor": "paused"}),
        ("", None),
    ],
)
def test_status(cell: object, status: dict[str, str] | None) -> None:
    assert n.status(cell) == status


@pytest.mark.parametrize("cell", ["retired", "supervisor: active"])
def test_an_unknown_status_is_refused(cell: str) -> None:
    with pytest.raises(n.Reject):
        n.status(cell)


def test_capacity_hours_and_tags() -> None:
    assert n.capacity("3") == 3
    assert n.capacity(2.0) == 2
    assert n.capacity("0") == 0  # a paused practitioner may take no clients (as in bundles)
    for bad in ("-1", "2.5", "lots", 101):
        with pytest.raises(n.Reject):
            n.capacity(bad)
    assert n.hours("24") == 24.0
    with pytest.raises(n.Reject):
        n.hours(-1)
    assert n.tags("resilience, new leaders; Resilience") == ("resilience", "new leaders")
    assert n.tags("  ") is None


def test_text_strips_the_apostrophe_that_guards_a_formula_and_refuses_nul() -> None:
    assert n.text("'=SUM(A1)", 200) == "=SUM(A1)"
    assert n.text("'Brien", 200) == "'Brien"
    with pytest.raises(n.Reject, match="NUL"):
        n.text("a\x00b", 200)
    with pytest.raises(n.Reject, match="longer than 5"):
        n.text("abcdef", 5)
    assert n.name("  Zoë   Ó  Briain ") == "Zoë Ó Briain"
