"""Malformed bundles are refused with the path of the first bad value, and nothing is written."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from coachdesk.errors import UserError
from coachdesk.services.exchange import import_bundle, read_bundle_file

NEW_PERSON = {"email": "new.person@example.nhs.uk", "full_name": "New Person"}


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A mutation setting one value, the path written a.b[0].c."""

    def mutate(bundle: dict[str, Any]) -> None:
        parts = path.replace("[", ".").replace("]", "").split(".")
        target: Any = bundle
        for part in parts[:-1]:
            target = target[int(part)] if part.isdigit() else target[part]
        last = parts[-1]
        target[int(last) if last.isdigit() else last] = value

    return mutate


def _drop(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda bundle: bundle.pop(key)


CASES = [
    (_drop("format"), 'format: must be "coachdesk/1"'),
    (_set("format", "coachdesk/2"), 'format: must be "coachdesk/1"'),
    (
        _set("relationships[0].sessions[1].date", "10/04/2026"),
        "relationships[0].sessions[1].date: not a date",
    ),
    (
        _set("relationships[0].sessions[1].date", "2026-02-30"),
        "relationships[0].sessions[1].date: not a date",
    ),
    (
        _set("relationships[0].sessions[2].mode", "zoom"),
        'relationships[0].sessions[2].mode: \'zoom\' is not one of "in person", "video", "phone"',
    ),
    (
        _set("registrations[1].status", "lapsed"),
        'registrations[1].status: \'lapsed\' is not one of "applied", "approved", "active",'
        ' "paused", "withdrawn", "rejected"',
    ),
    (
        _set("registrations[0].icf_hours", "volunteer"),
        'registrations[0].icf_hours: \'volunteer\' is not one of "paid", "pro-bono"',
    ),
    (
        _set("cpd[0].id", "a1b2c3d4"),
        "cpd[0].id: 'a1b2c3d4' is not an id (a UUID string)",
    ),
    (
        _set("registrations[0].certificate.data", "JVBERi0x*%%"),
        "registrations[0].certificate.data: not valid base64",
    ),
    (
        _set("relationships[0].sessions[0].minutes", 0),
        "relationships[0].sessions[0].minutes: must be a whole number greater than 0",
    ),
    (_set("supervision[0].hours", 0), "supervision[0].hours: must be a number greater than 0"),
    (
        _set("people[2].email", "x"),
        "people[2].email: 'x' is not a valid e-mail address",
    ),
    (
        _set("registrations[0].person", "nobody@example-trust.nhs.uk"),
        "registrations[0].person: no person with this e-mail in the bundle or the database",
    ),
    (
        _set("relationships[0].request", "9a1f0c3e-2b7d-4e8a-a6f5-c4d3b2a1ffff"),
        "relationships[0].request: no request with this id in the bundle or the database",
    ),
    (
        _set("learning_log[0].relationship", "9a1f0c3e-2b7d-4e8a-a6f5-c4d3b2a1ffff"),
        "learning_log[0].relationship: no relationship with this id in the bundle or the database",
    ),
    (
        _set("relationships[0].evaluations[1].template", "client-v9"),
        "relationships[0].evaluations[1].template: no questionnaire template with this key"
        " in the bundle or the database",
    ),
    (
        _set("relationships[0].evaluations[0].answers.morale", 9),
        "relationships[0].evaluations[0].answers.morale: 9 is outside the template's scale 1-5",
    ),
    (
        _set("settings.followup_months", "six"),
        "settings.followup_months: must be a whole number",
    ),
]


@pytest.mark.parametrize(("mutate", "message"), CASES, ids=[c[1].split(":")[0] for c in CASES])
def test_malformed_bundle_is_refused_and_nothing_written(
    db, example, snapshot, mutate, message
) -> None:
    import_bundle(db, example)
    before = snapshot(db)
    bundle = json.loads(json.dumps(example))
    # Records that would be written first if the import were not all-or-nothing:
    bundle["people"].append(dict(NEW_PERSON))
    bundle["relationships"][0]["end_reason"] = "changed"
    bundle["relationships"][0]["updated_at"] = "2099-01-01T00:00:00Z"
    mutate(bundle)

    with pytest.raises(UserError) as refused:
        import_bundle(db, bundle)

    assert str(refused.value) == message
    assert snapshot(db) == before


def test_unknown_person_in_an_empty_database(db, example, snapshot) -> None:
    before = snapshot(db)
    del example["people"][0]  # sam is named by registrations, requests, relationships...
    with pytest.raises(UserError, match=r"^registrations\[0\]\.person: no person with this"):
        import_bundle(db, example)
    assert snapshot(db) == before


def test_a_person_only_in_the_database_may_be_named(db, example) -> None:
    import_bundle(db, example)
    del example["people"]
    report = import_bundle(db, example)
    assert report.added == 0 and not report.conflicts


def test_first_bad_value_in_document_order(db, example) -> None:
    example["cpd"][0]["hours"] = -1
    example["relationships"][0]["sessions"][2]["minutes"] = 0
    with pytest.raises(UserError, match=r"^relationships\[0\]\.sessions\[2\]\.minutes"):
        import_bundle(db, example)
    reordered = {k: example[k] for k in ("format", "cpd", "relationships", "people")}
    with pytest.raises(UserError, match=r"^cpd\[0\]\.hours: must be a number greater than 0$"):
        import_bundle(db, reordered)


def test_bad_json_file_is_refused_with_line_and_column(db, tmp_path, snapshot) -> None:
    before = snapshot(db)
    path = tmp_path / "broken.json"
    path.write_text('{\n "format": "coachdesk/1",\n "people": [,]\n}', encoding="utf-8")
    with pytest.raises(UserError, match="not valid JSON at line 3 column 13"):
        read_bundle_file(path)
    assert snapshot(db) == before
