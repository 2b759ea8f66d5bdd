"""Impact arithmetic on hand-made answers: pairs counted, means right, unpaired left out."""

from __future__ import annotations

import pytest

from coachdesk.domain.impact import (
    Change,
    attainment,
    item_impacts,
    item_pairs,
    mean_change,
    paired,
)

ITEMS = (("confidence", "I feel confident in my role"), ("morale", "My morale at work is good"))


def test_mean_change_is_the_mean_of_the_differences() -> None:
    change = mean_change([(2, 4), (3, 4), (1, 5)])
    assert change.pairs == 3
    assert change.before == pytest.approx(2.0)
    assert change.after == pytest.approx(13 / 3)
    assert change.mean == pytest.approx(((4 - 2) + (4 - 3) + (5 - 1)) / 3)


def test_no_pairs_means_no_mean() -> None:
    assert mean_change([]) == Change(0, None, None)
    assert mean_change([]).mean is None


def test_only_relationships_with_both_forms_count() -> None:
    pre = {
        "r1": {"confidence": 2, "morale": 3},
        "r2": {"confidence": 1, "morale": 1},
        "r3": {"confidence": 3},  # only a pre: left out everywhere
    }
    post = {"r1": {"confidence": 4, "morale": 3}, "r2": {"confidence": 4}}
    follow_up = {"r1": {"confidence": 5, "morale": 5}, "r9": {"confidence": 5}}  # r9: no pre
    confidence, morale = item_impacts(ITEMS, pre, post, follow_up)
    assert (confidence.post.pairs, confidence.post.mean) == (2, pytest.approx(2.5))
    assert (confidence.follow_up.pairs, confidence.follow_up.mean) == (1, pytest.approx(3.0))
    # r2 left morale blank at post: one pair only.
    assert (morale.post.pairs, morale.post.mean) == (1, pytest.approx(0.0))
    assert (morale.follow_up.pairs, morale.follow_up.mean) == (1, pytest.approx(2.0))
    assert (confidence.key, confidence.text) == ITEMS[0]
    assert paired(pre, post) == 2
    assert paired(pre, follow_up) == 1


def test_blanks_and_non_numbers_are_not_ratings() -> None:
    pre = {"a": {"confidence": None}, "b": {"confidence": True}, "c": {"confidence": "3"}}
    post = {"a": {"confidence": 4}, "b": {"confidence": 4}, "c": {"confidence": 4}}
    assert item_pairs("confidence", pre, post) == []


def test_a_fall_is_a_negative_change() -> None:
    (item,) = item_impacts(ITEMS[:1], {"r": {"confidence": 5}}, {"r": {"confidence": 3}}, {})
    assert item.post.mean == pytest.approx(-2.0)
    assert item.follow_up == Change(0, None, None)


def test_attainment_averages_every_objective_rated() -> None:
    result = attainment([[8, 6], [10], [], [None, 4]])
    assert (result.evaluations, result.ratings) == (3, 4)
    assert result.mean == pytest.approx((8 + 6 + 10 + 4) / 4)
    assert attainment([]).mean is None
