"""Dates no one can mean (before 1900, after 2099) are refused in a bundle, with their path."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from coachdesk.errors import UserError
from coachdesk.services.exchange import import_bundle
from tests.integration.exchange.conftest import _rich


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


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}(T.*)?$")


def _date_paths(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every place in a bundle that holds a date or a timestamp."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _date_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _date_paths(item, (*path, index))
    elif isinstance(value, str) and _ISO_DAY.match(value):
        yield path


def _shown(path: tuple[str | int, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def test_every_date_and_timestamp_of_every_record_kind_is_range_checked(db, snapshot) -> None:
    bundle = _copy(_rich())
    bundle["workforce_headcounts"] = [
        {
            "id": "77777777-7777-4777-8777-000000000001",
            "organisation": "Fens Community Trust",
            "period_start": "2026-04-01",
            "period_end": "2027-03-31",
            "dimension": "sex",
            "staff_group": "female",
            "headcount": 950,
            "updated_at": "2026-04-02T09:00:00Z",
        }
    ]
    bundle["culture_assessments"] = [
        {
            "id": "77777777-7777-4777-8777-000000000002",
            "organisation": "Fens Community Trust",
            "assessed_on": "2026-05-01",
            "stage": 2,
            "updated_at": "2026-05-01T09:00:00Z",
        }
    ]
    bundle["exported_at"] = "2026-11-23T09:00:00Z"
    paths = list(_date_paths(bundle))
    kinds = {p[0] for p in paths}
    assert kinds >= set(bundle) - {"format", "settings", "templates"}  # every list has dates
    before = snapshot(db)

    for path in paths:
        stamp = "T" in _get(bundle, path)
        for day in ("1899-12-31", "2100-01-01"):
            broken = _copy(bundle)
            _set(broken, path, f"{day}T12:00:00Z" if stamp else day)
            with pytest.raises(UserError) as refused:
                import_bundle(db, broken)
            assert str(refused.value) == (
                f"{_shown(path)}: {day} is not a date between 1900-01-01 and 2099-12-31"
            )
    assert snapshot(db) == before


def _get(bundle: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        bundle = bundle[part]
    return bundle


def _set(bundle: Any, path: tuple[str | int, ...], value: str) -> None:
    _get(bundle, path[:-1])[path[-1]] = value
