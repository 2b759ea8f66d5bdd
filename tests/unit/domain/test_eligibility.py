"""Client eligibility (SPEC 1): band and region, or the leadership programme."""

from datetime import date

import pytest

from coachdesk.domain.eligibility import Eligibility, eligibility
from coachdesk.domain.hub_facts import PersonFacts
from coachdesk.domain.settings import HubSettings

SETTINGS = HubSettings()


def person(band="7", region="East of England", leadership=False) -> PersonFacts:
    return PersonFacts(
        id="p1",
        email="kai.brennan@example-trust.nhs.uk",
        full_name="Kai Brennan",
        band=band,
        region=region,
        leadership_programme=leadership,
        manager_agreement_on=date(2026, 4, 1),
        has_override=False,
    )


def test_band_and_region_make_a_person_eligible():
    result = eligibility(person(), SETTINGS)
    assert result == Eligibility(
        True, ["band 7 is an eligible band", "works in the hub's region East of England"]
    )


@pytest.mark.parametrize("band", ["4", "8a", "9", "VSM"])
def test_every_default_band_from_4_up_is_eligible(band):
    assert eligibility(person(band=band), SETTINGS).eligible


def test_band_below_the_eligible_bands_is_not_eligible():
    result = eligibility(person(band="3"), SETTINGS)
    assert not result.eligible
    assert result.reasons == [
        "band 3 is below the eligible bands",
        "not on the leadership programme",
    ]


def test_other_band_and_missing_band_are_explained():
    assert eligibility(person(band="Other"), SETTINGS).reasons[0] == (
        "band Other is not one of the eligible bands"
    )
    assert eligibility(person(band=None), SETTINGS).reasons[0] == "no band recorded"


def test_working_outside_the_region_is_not_eligible():
    result = eligibility(person(region="London"), SETTINGS)
    assert not result.eligible
    assert result.reasons == [
        "works in London, not the hub's region East of England",
        "not on the leadership programme",
    ]


def test_region_missing_is_explained():
    assert eligibility(person(region=None), SETTINGS).reasons[0] == "no region recorded"


def test_both_band_and_region_failing_are_both_listed():
    result = eligibility(person(band="2", region="London"), SETTINGS)
    assert result.reasons == [
        "band 2 is below the eligible bands",
        "works in London, not the hub's region East of England",
        "not on the leadership programme",
    ]
    assert "band 2 is below the eligible bands; works in London" in result.summary()


def test_region_and_band_compare_case_and_space_insensitively():
    assert eligibility(person(region="  east of  ENGLAND "), SETTINGS).eligible
    assert eligibility(person(region="EastofEngland"), SETTINGS).eligible
    assert eligibility(person(band="8A"), SETTINGS).eligible
    assert eligibility(person(band=" vsm"), SETTINGS).eligible


def test_leadership_programme_makes_anyone_eligible():
    result = eligibility(person(band="3", region="London", leadership=True), SETTINGS)
    assert result == Eligibility(True, ["on the leadership programme"])


def test_eligible_by_both_routes_lists_both():
    result = eligibility(person(leadership=True), SETTINGS)
    assert result.eligible
    assert result.reasons[-1] == "on the leadership programme"
    assert len(result.reasons) == 3


def test_settings_bands_and_region_take_effect():
    settings = HubSettings(region="London", eligible_bands=["2", "3"])
    assert eligibility(person(band="3", region="london"), settings).eligible
    result = eligibility(person(band="7", region="London"), settings)
    assert not result.eligible
    assert result.reasons[0] == "band 7 is not one of the eligible bands"
    assert not eligibility(person(band="3"), settings).eligible


def test_manager_agreement_is_not_part_of_eligibility():
    no_agreement = PersonFacts(
        "p2", "a@x.nhs.uk", "A B", "7", "East of England", False, None, False
    )
    assert eligibility(no_agreement, SETTINGS).eligible
