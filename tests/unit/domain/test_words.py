"""Counting words: the count and its noun (and verb) agree."""

from __future__ import annotations

import pytest

from coachdesk.domain.words import agree, counted, number, plural


@pytest.mark.parametrize(
    ("count", "word", "many", "expected"),
    [
        (0, "row", None, "0 rows"),
        (1, "row", None, "1 row"),
        (2, "row", None, "2 rows"),
        (1, "person", "people", "1 person"),
        (1204, "person", "people", "1,204 people"),
        (1.5, "hour", None, "1.5 hours"),
        (2.0, "copy", "copies", "2 copies"),
    ],
)
def test_plural(count: float, word: str, many: str | None, expected: str) -> None:
    assert plural(count, word, many) == expected


def test_the_verb_agrees() -> None:
    assert f"{counted(1, 'row', 'has', 'have')} a problem" == "1 row has a problem"
    assert f"{counted(3, 'row', 'has', 'have')} problems" == "3 rows have problems"
    assert agree(1, "was", "were") == "was" and agree(0, "was", "were") == "were"
    assert number(12000) == "12,000" and number(0.25) == "0.25"
