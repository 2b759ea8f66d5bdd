"""Any single leaf of the example replaced by a random JSON value: imported, or a UserError."""

from __future__ import annotations

import copy
import json
import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachdesk.errors import UserError
from coachdesk.services.exchange import import_bundle
from tests.conftest import EXAMPLE_BUNDLE

EXAMPLE = json.loads(EXAMPLE_BUNDLE.read_text(encoding="utf-8"))


def leaf_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths to every scalar (and every empty list or object) in a JSON document."""
    if isinstance(value, dict) and value:
        return [p for k, v in value.items() for p in leaf_paths(v, (*path, k))]
    if isinstance(value, list) and value:
        return [p for i, v in enumerate(value) for p in leaf_paths(v, (*path, i))]
    return [path]


LEAVES = leaf_paths(EXAMPLE)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | st.sampled_from(["", "2026-02-30", "2026-04-10", "0", "coach", "video", "client-default"]),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=6,
)


def mutated(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    bundle = copy.deepcopy(EXAMPLE)
    target = bundle
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return bundle


@settings(
    max_examples=int(os.environ.get("COACHDESK_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(path=st.sampled_from(LEAVES), value=json_values)
def test_any_leaf_mutation_imports_or_is_refused(db, path, value) -> None:
    bundle = mutated(path, value)
    try:
        report = import_bundle(db, bundle, dry_run=True)
    except UserError as refused:
        assert ": " in str(refused)  # "<path>: <reason>"
    else:
        assert report.dry_run


def test_leaves_cover_the_whole_example() -> None:
    assert ("relationships", 0, "sessions", 1, "date") in LEAVES
    assert ("registrations", 0, "certificate", "data") in LEAVES
    assert ("relationships", 0, "evaluations", 0, "objective_ratings") in LEAVES  # empty list
    assert len(LEAVES) > 200
