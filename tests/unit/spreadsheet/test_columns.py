"""Header matching: synonyms, case and spacing; the columns every row needs."""

from __future__ import annotations

import pytest

from coachdesk.errors import UserError
from coachdesk.services.spreadsheet.columns import (
    FIELDS,
    check_mapping,
    field_for,
    ignored_columns,
    looks_like_header,
    match_columns,
)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Name", "full_name"),
        ("  FULL   name ", "full_name"),
        ("Full-Name", "full_name"),
        ("Email", "email"),
        ("E-mail", "email"),
        ("E-MAIL ADDRESS", "email"),
        ("Trust", "organisation"),
        ("Organisation", "organisation"),
        ("Band", "band"),
        ("AfC band", "band"),
        ("Role", "roles"),
        ("Roles", "roles"),
        ("Role(s)", "roles"),
        ("Accreditation", "accreditation"),
        ("Training date", "training_on"),
        ("Line manager", "manager_name"),
        ("Manager email", "manager_email"),
        ("Line manager e-mail", "manager_email"),
        ("Leadership programme", "leadership_programme"),
        ("Status", "status"),
        ("Job title", "job_title"),
        ("Region", "region"),
        ("Specialisms", "specialisms"),
        ("Capacity", "capacity"),
        ("Surname", "last_name"),
        ("Favourite colour", None),
        ("", None),
    ],
)
def test_headers_match_case_and_space_insensitively(header: str, field: str | None) -> None:
    assert field_for(header) == field


def test_no_synonym_names_two_fields() -> None:
    seen: dict[str, str] = {}
    for f in FIELDS:
        for header in f.headers:
            key = field_for(header)
            assert key == seen.setdefault(header.casefold(), key)


def test_a_field_named_twice_is_taken_from_its_first_column() -> None:
    headers = ["Email", "Name", "E-mail", "Notes"]
    mapping = match_columns(headers)
    assert mapping == ("email", "full_name", None, "notes")
    assert ignored_columns(headers, mapping) == ("E-mail",)


def test_a_sheet_without_email_or_name_is_refused_naming_both() -> None:
    with pytest.raises(UserError) as err:
        check_mapping(["Trust"], ("organisation",), "reg.csv")
    assert any("no e-mail column" in p for p in err.value.problems)
    assert any("no name column" in p for p in err.value.problems)


def test_first_and_last_name_stand_in_for_a_name() -> None:
    check_mapping(["First name", "Surname", "Email"], ("first_name", "last_name", "email"), "x")
    assert looks_like_header(("First name", "Surname", "Email"))
    assert not looks_like_header(("Register of coaches", "", ""))


def test_a_chosen_mapping_may_not_name_a_field_twice_or_an_unknown_one() -> None:
    with pytest.raises(UserError) as err:
        check_mapping(["A", "B", "C"], ("email", "email", "colour"), "x")
    assert len(err.value.problems) == 3  # twice, unknown, and then no name column
