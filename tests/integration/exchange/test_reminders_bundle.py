"""Reminders in the exchange bundle (SPEC 11): a top-level ``reminders`` list, merged by id,
optional on import; a bad one is refused with its path."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from coachdesk.errors import UserError
from coachdesk.services.exchange import export_bundle, import_bundle
from coachdesk.services.reminders import last_reminded, record_reminders
from tests.helpers.clock import FROZEN_TODAY

SAM = "sam.okafor@example-trust.nhs.uk"


def _reminded(db: Any, example: dict[str, Any]) -> list[dict[str, Any]]:
    import_bundle(db, example)
    record_reminders(db, None, FROZEN_TODAY)
    return export_bundle(db)["reminders"]  # type: ignore[typeddict-item]


def test_the_example_without_reminders_imports_and_exports_none(db, example) -> None:
    assert "reminders" not in example
    import_bundle(db, example)
    assert "reminders" not in export_bundle(db)


def test_reminders_survive_export_and_import(db, other_db, example, strip) -> None:
    reminders = _reminded(other_db, example)
    assert len(reminders) == 1
    (reminder,) = reminders
    assert reminder["person"] == SAM and reminder["drafted_on"] == FROZEN_TODAY.isoformat()
    assert {a["rule"] for a in reminder["alerts"]} >= {"supervision-overdue", "profile-stale"}
    assert all(set(a) == {"rule", "subject"} for a in reminder["alerts"])
    first = export_bundle(other_db)

    report = import_bundle(db, first)  # into an empty database (SQLite or PostgreSQL)

    assert report.counts["reminder"].added == 1
    assert strip(export_bundle(db)) == strip(first)
    assert last_reminded(db) == last_reminded(other_db)
    again = import_bundle(db, first)
    assert again.counts["reminder"].unchanged == 1 and not again.conflicts


def test_reminders_merge_by_id(db, other_db, example) -> None:
    theirs = _reminded(other_db, example)
    import_bundle(db, example)
    record_reminders(db, None, FROZEN_TODAY)  # one made here too, with its own id
    bundle = copy.deepcopy(example)
    bundle["reminders"] = theirs
    report = import_bundle(db, bundle)
    assert report.counts["reminder"].added == 1
    assert len(export_bundle(db)["reminders"]) == 2  # type: ignore[typeddict-item]


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"person": "nobody@example.nhs.uk"}, "reminders[0].person: no person with this e-mail"),
        ({"drafted_on": "7/12/2026"}, "reminders[0].drafted_on: not a date"),
        ({"alerts": [{"rule": "no-such-rule"}]}, "reminders[0].alerts[0].rule"),
        ({"alerts": [{"rule": "cpd-overdue", "subject": "x"}]}, "reminders[0].alerts[0].subject"),
    ],
)
def test_a_bad_reminder_is_refused_with_its_path(
    db, example, snapshot, change: dict[str, Any], path: str
) -> None:
    bundle = copy.deepcopy(example)
    bundle["reminders"] = [
        {
            "id": "55555555-5555-4555-8555-000000000001",
            "person": SAM,
            "drafted_on": "2026-12-07",
            "alerts": [{"rule": "cpd-overdue", "subject": None}],
            **change,
        }
    ]
    before = snapshot(db)
    with pytest.raises(UserError) as refused:
        import_bundle(db, bundle)
    assert str(refused.value).startswith(path)
    assert snapshot(db) == before
