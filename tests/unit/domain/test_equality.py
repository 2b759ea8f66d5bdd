"""Equality-of-access arithmetic: rates per 1,000, relative likelihood, suppression of 1-7."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coachdesk.domain.equality import (
    DISABILITY,
    ETHNICITY,
    PREFER_NOT,
    REPORT_GROUPS,
    SEX,
    access_rows,
    normalise,
    normalise_staff_group,
    rate_per_thousand,
    relative_likelihood,
    report_group,
    shown,
    total_row,
    value_problem,
)


def _by_group(rows):
    return {r.group: r for r in rows}


def test_rates_and_likelihood_on_hand_made_numbers():
    clients = {"white": 40, "black": 10, "asian": 24, "mixed": 0, "other": 9, "not_stated": 12}
    staff = {"white": 4000, "black": 2000, "asian": 1200, "mixed": 100, "other": 300}
    rows = _by_group(access_rows(ETHNICITY, clients, staff))
    assert rows["white"].rate == pytest.approx(10.0)
    assert rows["white"].likelihood == pytest.approx(1.0)
    assert rows["white"].is_reference
    assert rows["black"].rate == pytest.approx(5.0)
    assert rows["black"].likelihood == pytest.approx(0.5)
    assert rows["asian"].rate == pytest.approx(20.0)
    assert rows["asian"].likelihood == pytest.approx(2.0)
    assert rows["mixed"].clients == "0" and rows["mixed"].rate == 0.0
    assert rows["mixed"].likelihood == 0.0
    assert rows["other"].rate == pytest.approx(30.0)
    assert rows["not_stated"].likelihood is None
    assert rows["not_stated"].withheld == "no staff headcount"
    total = total_row(ETHNICITY, clients, staff)
    assert total.clients == "95" and total.staff == "7,600"
    assert total.rate == pytest.approx(95 * 1000 / 7600)


def test_counts_of_one_to_seven_are_stars_and_their_ratios_withheld():
    clients = {"yes": 5, "no": 30, "not_stated": 0}
    staff = {"yes": 600, "no": 3000, "not_stated": 7}
    rows = _by_group(access_rows(DISABILITY, clients, staff))
    assert rows["yes"].clients == "*"
    assert rows["yes"].rate is None and rows["yes"].likelihood is None
    assert rows["yes"].withheld == "rests on 1–7 people"
    assert rows["no"].rate == pytest.approx(10.0)
    assert rows["not_stated"].staff == "*"


def test_a_suppressed_reference_group_withholds_every_ratio():
    clients = {"female": 50, "male": 3}
    staff = {"female": 5000, "male": 900}
    rows = _by_group(access_rows(SEX, clients, staff))
    assert rows["male"].clients == "*" and rows["male"].likelihood is None
    assert rows["female"].rate == pytest.approx(10.0)
    assert rows["female"].likelihood is None
    assert "reference group" in rows["female"].withheld


def test_plain_functions():
    assert rate_per_thousand(3, 0) is None
    assert rate_per_thousand(15, 1500) == pytest.approx(10.0)
    assert relative_likelihood(5.0, 10.0) == pytest.approx(0.5)
    assert relative_likelihood(5.0, 0.0) is None
    assert [shown(n) for n in (0, 1, 7, 8, 1200, None)] == ["0", "*", "*", "8", "1,200", "—"]


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


counts = st.one_of(st.integers(0, 12), st.integers(0, 5000))


@settings(max_examples=300, deadline=None)
@given(
    dimension=st.sampled_from([ETHNICITY, SEX, DISABILITY]),
    data=st.data(),
)
def test_no_cell_ever_reveals_one_to_seven_people(dimension, data):
    groups = [g for g, _ in REPORT_GROUPS[dimension]]
    clients = {g: data.draw(counts) for g in groups}
    staff = {g: data.draw(counts) for g in groups if data.draw(st.booleans())}
    rows = [*access_rows(dimension, clients, staff), total_row(dimension, clients, staff)]
    for row in rows:
        for cell in (row.clients, row.staff):
            if cell not in ("*", "—"):
                assert not 1 <= int(cell.replace(",", "")) <= 7
        if row.rate is not None:
            n = clients.get(row.group, 0) if row.group != "all" else sum(clients.values())
            assert row.clients != "*" and row.staff not in ("*", "—")
            assert not 1 <= n <= 7
        if row.likelihood is not None and not row.is_reference:
            reference = next(r for r in rows if r.is_reference)
            assert reference.rate is not None and row.rate is not None
