"""Hypothesis strategies for hostile input: wrong kinds, control characters, huge and odd values."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import strategies as st

#: Text a form could be pasted with: control characters, right-to-left marks, huge strings.
nasty_text = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F), max_size=6),
    st.sampled_from(["", " ", "\x00", "\u202e", "\ufeff", "a\x00b", "\r\n", "'; DROP TABLE x"]),
    st.text(min_size=300, max_size=400),
    st.just("x" * 100_000),
)
#: Numbers at the edges: negative, zero, huge, not-a-number.
odd_numbers = st.one_of(
    st.sampled_from([0, -1, 1, 2**31, 2**63, -(2**63), 10**30]),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
)
#: Dates a lead would never mean: far past, far future.
odd_dates = st.one_of(
    st.sampled_from([date.min, date.max, date(1, 1, 1), date(1899, 12, 30), date(9999, 12, 31)]),
    st.dates(),
)
#: Anything at all, of any kind.
junk: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    odd_numbers,
    nasty_text,
    odd_dates,
    st.datetimes(),
    st.binary(max_size=8),
    st.lists(st.text(max_size=5), max_size=3),
    st.lists(st.text(max_size=5), max_size=3).map(tuple),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
)
#: Identifiers and e-mails nobody holds, and wrong kinds in their place.
unknown_ids = st.one_of(
    st.uuids().map(str),
    st.sampled_from(["", " ", "nobody@example.nhs.uk", "NOT-AN-ID", "0" * 36]),
    junk,
)


def mostly_valid(cls: type, valid: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[Any]:
    """A valid ``cls(...)`` with up to three fields swapped for anything at all."""

    @st.composite
    def build(draw: st.DrawFn) -> Any:
        values = {name: draw(strategy) for name, strategy in valid.items()}
        for name in draw(st.sets(st.sampled_from(sorted(valid)), max_size=3)):
            values[name] = draw(junk)
        return cls(**values)

    return build()


def one_of_or_junk(*known: Any) -> st.SearchStrategy[Any]:
    """Mostly one of the ``known`` values (ids that exist), sometimes an unknown or odd one."""
    return st.one_of(st.sampled_from(known), st.sampled_from(known), unknown_ids)
