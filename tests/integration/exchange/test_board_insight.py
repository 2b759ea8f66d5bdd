"""The bundle carries equality answers, workforce headcounts and culture self-assessments
(optional additions; the format stays coachdesk/1 and the example bundle imports as it is)."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest

from coachdesk.errors import UserError
from coachdesk.services import culture, equality
from coachdesk.services.culture import CultureInput
from coachdesk.services.equality import EqualityFields
from coachdesk.services.exchange import export_bundle, import_bundle
from coachdesk.services.settings import update_settings

START, END = date(2026, 1, 1), date(2026, 12, 31)


def _fill(db: Any, example: dict[str, Any]) -> str:
    import_bundle(db, example)
    update_settings(db, {"equality_monitoring": True})
    email = example["people"][0]["email"]
    equality.set_equality(db, email, EqualityFields("white_irish", "female", "no"))
    equality.save_headcounts(db, "Example Trust", START, END, "sex", {"female": 900, "male": 300})
    culture.add_assessment(
        db,
        CultureInput("Example Trust", date(2026, 5, 1), 2, ("a", "b", "", "", ""), "Next"),
        today=date(2026, 6, 1),
    )
    return email


def test_the_example_still_imports_and_exports_without_the_new_lists(db, example) -> None:
    import_bundle(db, copy.deepcopy(example))
    bundle = export_bundle(db)
    assert bundle["format"] == "coachdesk/1"
    assert "workforce_headcounts" not in bundle and "culture_assessments" not in bundle
    assert all(p["ethnic_group"] is None for p in bundle["people"])


def test_a_round_trip_carries_everything(db, other_db, example) -> None:
    email = _fill(db, example)
    bundle = json.loads(json.dumps(export_bundle(db)))
    person = next(p for p in bundle["people"] if p["email"] == email)
    assert (person["ethnic_group"], person["sex"], person["disability"]) == (
        "white_irish",
        "female",
        "no",
    )
    assert len(bundle["workforce_headcounts"]) == 2
    assert bundle["culture_assessments"][0]["evidence"] == {"1": "a", "2": "b"}
    report = import_bundle(other_db, bundle)
    assert report.changes.touches("headcount", "culture")
    assert equality.get_equality(other_db, email).ethnic_group == "white_irish"
    assert equality.list_headcounts(other_db) == equality.list_headcounts(db)
    assert culture.list_assessments(other_db) == culture.list_assessments(db)
    again = import_bundle(other_db, bundle)
    assert not again.changed_anything


def test_the_same_group_made_elsewhere_is_the_same_headcount(db, other_db, example) -> None:
    _fill(db, example)
    equality.save_headcounts(other_db, "Example Trust", START, END, "sex", {"female": 950})
    import_bundle(other_db, json.loads(json.dumps(export_bundle(db))))
    [held] = equality.list_headcounts(other_db)
    assert dict(held.counts)["male"] == 300  # added beside the one already held


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("people", 0, "sex"), "other", "people[0].sex: 'other' is not one of"),
        (
            ("workforce_headcounts", 0, "staff_group"),
            "purple",
            "workforce_headcounts[0].staff_group: 'purple' is not one of the sex groups",
        ),
        (("culture_assessments", 0, "stage"), 6, "culture_assessments[0].stage: must be at most 5"),
        (
            ("culture_assessments", 0, "evidence"),
            {"9": "x"},
            "culture_assessments[0].evidence: '9' is not a stage",
        ),
    ],
)
def test_bad_values_are_refused_by_path(db, example, path, value, message) -> None:
    _fill(db, example)
    bundle = json.loads(json.dumps(export_bundle(db)))
    target: Any = bundle
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    with pytest.raises(UserError, match=message.replace("[", r"\[").replace("]", r"\]")):
        import_bundle(db, bundle)
