"""The fast indented writer gives exactly the text of json.dumps(indent=1, ensure_ascii=False)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from coachdesk.services.exchange.jsonout import dumps_indented

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None)
@given(value=json_values)
def test_same_text_as_the_standard_library(value) -> None:
    assert dumps_indented(value) == json.dumps(value, indent=1, ensure_ascii=False)


def test_a_bundle_shaped_document() -> None:
    value = {
        "format": "coachdesk/1",
        "people": [{"email": "zoë@example.nhs.uk", "tags": [], "override": None}],
        "relationships": [
            {"id": "x", "sessions": [{"id": "s", "minutes": 60, "notes": 'a\n"b"\t✓'}]}
        ],
        "empty": {},
    }
    assert dumps_indented(value) == json.dumps(value, indent=1, ensure_ascii=False)
