"""People on the register: validation, e-mail uniqueness, region default, override, reads."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from coachdesk.errors import NotFound, UserError
from coachdesk.services import register
from coachdesk.services.changes import Changes
from coachdesk.services.dto import PersonInput
from coachdesk.services.settings import update_settings


def sam(**fields) -> PersonInput:
    base = {"full_name": "Sam Okafor", "email": "sam.okafor@example-trust.nhs.uk"}
    return PersonInput(**{**base, **fields})


def test_a_person_is_stored_with_a_lower_case_email_and_a_normalised_band(db) -> None:
    out = register.add_person(db, sam(email="  Sam.Okafor@Example-Trust.NHS.uk ", band="Band 8B"))
    assert out.value.email == "sam.okafor@example-trust.nhs.uk"
    assert out.value.band == "8b"
    assert out.changes == Changes.of("person", out.value.id)
    assert register.get_person(db, "SAM.OKAFOR@example-trust.nhs.uk").person.id == out.value.id


def test_region_defaults_to_the_hubs_region_setting(db) -> None:
    update_settings(db, {"region": "North West"})
    assert register.add_person(db, sam()).value.region == "North West"
    other = register.add_person(db, sam(email="b@example.nhs.uk", region="London")).value
    assert other.region == "London"


def test_every_problem_is_reported_at_once_and_nothing_is_written(db, snapshot) -> None:
    before = snapshot(db)
    bad = PersonInput(full_name="  ", email="x@", band="Band 12", manager_email="not an email")
    with pytest.raises(UserError) as err:
        register.add_person(db, bad)
    assert err.value.message == "The person cannot be saved:"
    assert err.value.problems == [
        "Full name is required",
        "E-mail: 'x@' is not a valid e-mail address",
        "AfC band: 'Band 12' is not an Agenda for Change band",
        "Manager's e-mail: 'not an email' is not a valid e-mail address",
    ]
    assert snapshot(db) == before


def test_an_email_is_unique_ignoring_case(db) -> None:
    register.add_person(db, sam())
    with pytest.raises(UserError) as err:
        register.add_person(
            db, sam(full_name="Another Sam", email="SAM.Okafor@example-trust.nhs.uk")
        )
    assert err.value.problems == [
        "E-mail: 'sam.okafor@example-trust.nhs.uk' is already used by Sam Okafor"
    ]
    assert len(register.list_people(db)) == 1


def test_editing_may_change_the_email_but_not_to_one_in_use(db, snapshot) -> None:
    first = register.add_person(db, sam()).value
    register.add_person(db, sam(full_name="Jo Patel", email="jo.patel@example.nhs.uk"))
    moved = register.update_person(db, first.email, sam(email="Sam.New@Example.nhs.uk")).value
    assert (moved.id, moved.email) == (first.id, "sam.new@example.nhs.uk")
    # Saving unchanged details (its own e-mail) is not a clash.
    register.update_person(db, moved.email, moved.as_input())
    before = snapshot(db)
    with pytest.raises(UserError, match="already used by Jo Patel"):
        register.update_person(db, moved.email, sam(email="JO.PATEL@example.nhs.uk"))
    assert snapshot(db) == before


def test_unknown_person_is_not_found_with_the_email_in_the_message(db) -> None:
    with pytest.raises(NotFound, match="nobody@example.nhs.uk"):
        register.update_person(db, "nobody@example.nhs.uk", sam())
    with pytest.raises(NotFound, match="nobody@example.nhs.uk"):
        register.get_person(db, "nobody@example.nhs.uk")


def test_a_person_cannot_be_their_own_line_manager(db) -> None:
    with pytest.raises(UserError, match="their own line manager"):
        register.add_person(db, sam(manager_email="SAM.OKAFOR@example-trust.nhs.uk"))


def test_manager_agreement_and_eligibility_override(db) -> None:
    kai = register.add_person(
        db, sam(full_name="Kai Brennan", email="kai@example.nhs.uk", band="3")
    )
    email = kai.value.email
    assert not register.get_person(db, email).eligible
    row = register.record_manager_agreement(db, email, date(2026, 4, 1)).value
    assert row.manager_agreement_on == date(2026, 4, 1)
    with pytest.raises(UserError, match="Reason is required"):
        register.set_eligibility_override(db, email, "   ")
    row = register.set_eligibility_override(
        db, email, "Aspiring leaders pilot", date(2026, 4, 2)
    ).value
    assert row.eligibility_override is not None
    assert (row.eligibility_override.reason, row.eligibility_override.on) == (
        "Aspiring leaders pilot",
        date(2026, 4, 2),
    )
    # Editing the person's details keeps the override.
    edited = register.update_person(db, email, replace(row.as_input(), job_title="HCA")).value
    assert edited.eligibility_override == row.eligibility_override
    assert register.clear_eligibility_override(db, email).value.eligibility_override is None
    assert register.record_manager_agreement(db, email, None).value.manager_agreement_on is None


def test_list_people_searches_and_filters_by_role(db, hub) -> None:
    coach = hub.coach("Sam Okafor", organisation="Example Acute Trust")
    mentor = hub.mentor("Ria Chen")
    client = hub.person("Ellis Grant", job_title="Ward Manager")
    hub.relationship("coaching", coach, client)
    names = lambda rows: [r.full_name for r in rows]  # noqa: E731
    assert names(register.list_people(db)) == ["Ellis Grant", "Ria Chen", "Sam Okafor"]
    assert names(register.list_people(db, "acute")) == ["Sam Okafor"]
    assert names(register.list_people(db, "WARD")) == ["Ellis Grant"]
    assert names(register.list_people(db, "ria.chen@")) == ["Ria Chen"]
    assert names(register.list_people(db, "100%")) == []
    assert names(register.list_people(db, role="coach")) == ["Sam Okafor"]
    assert names(register.list_people(db, role="mentor")) == ["Ria Chen"]
    assert names(register.list_people(db, role="coachee")) == ["Ellis Grant"]
    assert names(register.list_people(db, role="mentee")) == []
    assert names(register.list_people(db, "e", role="practitioner")) == ["Ria Chen", "Sam Okafor"]
    by_name = {r.full_name: r for r in register.list_people(db)}
    assert by_name["Sam Okafor"].roles_summary == "coach (active)"
    assert by_name["Ellis Grant"].roles == ("coachee",)
    assert mentor.roles == ()  # made before the registration
    with pytest.raises(UserError, match="not a role"):
        register.list_people(db, role="boss")


def test_get_person_gathers_registrations_relationships_and_counts(db, hub) -> None:
    coach = hub.coach("Sam Okafor")
    hub.registration(coach, "mentor", status="applied")
    client = hub.person("Ellis Grant")
    hub.relationship("coaching", coach, client)
    detail = register.get_person(db, coach.email)
    assert [r.kind for r in detail.registrations] == ["coach", "mentor"]
    assert [r.client_name for r in detail.as_practitioner] == ["Ellis Grant"]
    assert detail.as_client == ()
    assert detail.person.roles_summary == "coach (active), mentor (applied)"
    assert detail.eligible and detail.cpd_count == 0
    assert register.get_person(db, client.email).as_client[0].practitioner_name == "Sam Okafor"
