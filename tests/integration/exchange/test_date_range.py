"""Dates no one can mean (before 1900, after 2099) are refused in a bundle, with their path."""

from __future__ import annotations

import json
from typing import Any

import pytest

from coachdesk.errors import UserError
from coachdesk.services.exchange import import_bundle


def _copy(bundle: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(json.dumps(bundle))
    return out


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        (
            ("relationships", 0, "sessions", 1, "date"),
            "0001-01-01",
            "relationships[0].sessions[1].date: 0001-01-01 is not a date between "
            "1900-01-01 and 2099-12-31",
        ),
        (
            ("cpd", 0, "date"),
            "9999-12-31",
            "cpd[0].date: 9999-12-31 is not a date between 1900-01-01 and 2099-12-31",
        ),
        (
            ("registrations", 0, "approved_on"),
            "1899-12-31",
            "registrations[0].approved_on: 1899-12-31 is not a date between "
            "1900-01-01 and 2099-12-31",
        ),
        (
            ("people", 0, "manager_agreement_on"),
            "2100-01-01",
            "people[0].manager_agreement_on: 2100-01-01 is not a date between "
            "1900-01-01 and 2099-12-31",
        ),
        (
            ("people", 0, "updated_at"),
            "0001-01-01T00:00:00Z",
            "people[0].updated_at: 0001-01-01 is not a date between 1900-01-01 and 2099-12-31",
        ),
    ],
    ids=["session", "cpd", "registration", "person", "timestamp"],
)
def test_a_date_outside_1900_to_2099_is_refused_with_its_path(
    db, example, snapshot, where, value, message
) -> None:
    before = snapshot(db)
    bundle = _copy(example)
    target: Any = bundle
    for part in where[:-1]:
        target = target[part]
    target[where[-1]] = value

    with pytest.raises(UserError) as refused:
        import_bundle(db, bundle)

    assert str(refused.value) == message
    assert snapshot(db) == before  # nothing written


def test_the_first_and_last_days_of_the_range_are_imported(db, example) -> None:
    bundle = _copy(example)
    bundle["relationships"][0]["sessions"][1]["date"] = "1900-01-01"
    bundle["cpd"][0]["date"] = "2099-12-31"

    import_bundle(db, bundle)

    from coachdesk.services.exchange import export_bundle

    out = export_bundle(db)
    sessions = [s["date"] for r in out["relationships"] for s in r["sessions"]]
    assert "1900-01-01" in sessions
    assert "2099-12-31" in [c["date"] for c in out["cpd"]]
