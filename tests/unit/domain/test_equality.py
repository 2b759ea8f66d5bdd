"""Equality-of-access arithmetic: rates per 1,000, relative likelihood, suppression of 1-7."""

import pytest

from coachdesk.domain.equality import (
    DISABILITY,
    ETHNICITY,
    PREFER_NOT,
    SEX,
    normalise,
    normalise_staff_group,
    rate_per_thousand,
    relative_likelihood,
    report_group,
    value_problem,
)


def test_plain_functions():
    assert rate_per_thousand(3, 0) is None
    assert rate_per_thousand(15, 1500) == pytest.approx(10.0)
    assert relative_likelihood(5.0, 10.0) == pytest.approx(0.5)
    assert relative_likelihood(5.0, 0.0) is None


def test_values_normalise_from_labels_codes_and_synonyms():
    assert normalise(ETHNICITY, "White: Irish") == "white_irish"
    assert normalise(ETHNICITY, "Indian") == "asian_indian"
    assert normalise(ETHNICITY, "asian_indian") == "asian_indian"
    assert normalise(ETHNICITY, "  ") is None
    assert normalise(SEX, "F") == "female"
    assert normalise(DISABILITY, "Prefer not to say") == PREFER_NOT
    with pytest.raises(ValueError, match="'Martian' is not an ethnic group"):
        normalise(ETHNICITY, "Martian")
    assert value_problem(SEX, "other") is not None
    assert value_problem(SEX, None) is None
    assert report_group(ETHNICITY, "black_caribbean") == "black"
    assert report_group(ETHNICITY, PREFER_NOT) == "not_stated"
    assert report_group(DISABILITY, None) == "not_stated"
    assert normalise_staff_group(ETHNICITY, "White") == "white"
    assert normalise_staff_group(ETHNICITY, "Black") == "black"
    assert normalise_staff_group(DISABILITY, "Disabled") == "yes"
    with pytest.raises(ValueError, match="mixes several groups"):
        normalise_staff_group(ETHNICITY, "BME")
