"""validate_bundle: canonical records, and the path of the first bad value in document order."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import String

from coachdesk.errors import UserError
from coachdesk.services.exchange import Bundle, validate_bundle
from coachdesk.services.exchange.fields import Bad
from coachdesk.services.exchange.records import KIND_BY_NAME
from coachdesk.services.exchange.schema import _Scan
from tests.conftest import EXAMPLE_BUNDLE

EXAMPLE = json.loads(EXAMPLE_BUNDLE.read_text(encoding="utf-8"))


@pytest.fixture
def example() -> dict[str, Any]:
    return copy.deepcopy(EXAMPLE)


def refused(bundle: object) -> str:
    with pytest.raises(UserError) as error:
        validate_bundle(bundle)
    return str(error.value)


def test_example_is_valid_and_canonical(example) -> None:
    bundle = validate_bundle(example)
    assert isinstance(bundle, Bundle)
    assert [len(bundle.records(n)) for n in ("people", "registrations", "relationships")] == [
        3,
        2,
        1,
    ]
    assert (bundle.session_count, bundle.evaluation_count) == (3, 2)
    assert bundle.order == (
        "people",
        "registrations",
        "requests",
        "relationships",
        "cpd",
        "supervision",
        "learning_log",
        "templates",
    )
    assert bundle.settings["response_days"] == 14 and bundle.exported_at.startswith("2026-11-01T09")
    assert bundle.people[0]["updated_at"] is None
    assert bundle.registrations[1]["hours_committed"] == 12.0
    assert bundle.relationships[0]["sessions"][2]["status"] == "cancelled"


def test_only_the_format_is_required() -> None:
    bundle = validate_bundle({"format": "coachdesk/1"})
    assert bundle.settings is None and bundle.people == () and bundle.order == ()


def test_defaults_and_normalisation() -> None:
    bundle = validate_bundle(
        {
            "format": "coachdesk/1",
            "people": [{"email": "  Ann.Lee@Example.NHS.uk ", "full_name": "Ann", "colour": "red"}],
            "relationships": [
                {
                    "id": "C7E2A9B4-6D13-4F58-9E0A-B1C2D3E40004",
                    "kind": "mentoring",
                    "practitioner": "ann.lee@example.nhs.uk",
                    "client": "BO@example.nhs.uk",
                    "evaluations": [{"id": "f0e1d2c3-b4a5-4967-8a9b-0c1d2e3f0008", "kind": "pre"}],
                    "sessions": [
                        {
                            "id": "e1d2c3b4-a5f6-4789-8abc-def012340005",
                            "type": "regular",
                            "date": "2026-01-01",
                            "minutes": 60.0,
                            "mode": "phone",
                            "updated_at": "2026-01-01T10:00:00+01:00",
                        }
                    ],
                }
            ],
            "future_list": [{"anything": True}],
        }
    )
    person = bundle.people[0]
    assert person["email"] == "ann.lee@example.nhs.uk"
    assert "colour" not in person and person["region"] is None and person["notes"] == ""
    relationship = bundle.relationships[0]
    assert relationship["id"] == "c7e2a9b4-6d13-4f58-9e0a-b1c2d3e40004"
    assert relationship["client"] == "bo@example.nhs.uk"
    assert relationship["status"] == "contracting" and relationship["request"] is None
    session = relationship["sessions"][0]
    assert session["minutes"] == 60 and isinstance(session["minutes"], int)
    assert session["status"] == "scheduled"
    assert session["updated_at"] == "2026-01-01T09:00:00.000000Z"
    assert relationship["evaluations"][0]["template"] == "client-default"


MUTATIONS = [
    (lambda b: b.pop("format"), 'format: must be "coachdesk/1"'),
    (lambda b: b.update(format="coachdesk/2"), 'format: must be "coachdesk/1"'),
    (
        lambda b: b["relationships"][0]["sessions"][1].update(date="2026-4-10"),
        "relationships[0].sessions[1].date: not a date",
    ),
    (
        lambda b: b["relationships"][0]["sessions"][1].update(date=20260410),
        "relationships[0].sessions[1].date: not a date",
    ),
    (
        lambda b: b["people"][2].update(email="x"),
        "people[2].email: 'x' is not a valid e-mail address",
    ),
    (lambda b: b["people"][0].pop("full_name"), "people[0].full_name: is required"),
    (lambda b: b["people"][0].update(full_name="  "), "people[0].full_name: must not be blank"),
    (
        lambda b: b["people"][0].update(full_name="x" * 201),
        "people[0].full_name: is longer than 200 characters",
    ),
    (
        lambda b: b["people"][0].update(notes="a\x00b"),
        "people[0].notes: must not contain NUL characters",
    ),
    (
        lambda b: b["people"][1].update(band="8A"),
        'people[1].band: \'8A\' is not one of "1", "2", "3", "4", "5", "6", "7",'
        ' "8a", "8b", "8c", "8d", "9", "VSM", "Other"',
    ),
    (
        lambda b: b["people"][1].update(leadership_programme="yes"),
        "people[1].leadership_programme: must be true or false",
    ),
    (
        lambda b: b["people"][2]["eligibility_override"].update(on="soon"),
        "people[2].eligibility_override.on: not a date",
    ),
    (
        lambda b: b["registrations"][0]["certificate"].update(data="!!"),
        "registrations[0].certificate.data: not valid base64",
    ),
    (
        lambda b: b["registrations"][0]["certificate"].pop("filename"),
        "registrations[0].certificate.filename: is required",
    ),
    (
        lambda b: b["registrations"][1].update(kind="coach"),
        "registrations[1].kind: sam.okafor@example-trust.nhs.uk already has a coach registration"
        " in the bundle",
    ),
    (
        lambda b: b["registrations"][1].update(capacity=-1),
        "registrations[1].capacity: must be at least 0",
    ),
    (
        lambda b: b["registrations"][0].update(id="0b6e4f3a5c1d4f0e9a533f2a9d1c7e01"),
        "registrations[0].id: '0b6e4f3a5c1d4f0e9a533f2a9d1c7e01' is not an id (a UUID string)",
    ),
    (
        lambda b: b["requests"][0].update(practitioner=b["requests"][0]["client"]),
        "requests[0].practitioner: is the same person as the client",
    ),
    (
        lambda b: b["relationships"][0]["sessions"][0].update(minutes=0),
        "relationships[0].sessions[0].minutes: must be a whole number greater than 0",
    ),
    (
        lambda b: b["relationships"][0]["sessions"][0].update(minutes=1.5),
        "relationships[0].sessions[0].minutes: must be a whole number",
    ),
    (
        lambda b: b["relationships"][0]["sessions"][2].update(
            id=b["relationships"][0]["sessions"][0]["id"]
        ),
        "relationships[0].sessions[2].id: 'e1d2c3b4-a5f6-4789-8abc-def012340005' appears twice"
        " in the bundle",
    ),
    (
        lambda b: b["relationships"][0]["evaluations"][1]["objective_ratings"].append(11),
        "relationships[0].evaluations[1].objective_ratings[2]: must be a number from 0 to 10",
    ),
    (
        lambda b: b["relationships"][0]["evaluations"][1]["answers"].update(morale=[4]),
        "relationships[0].evaluations[1].answers.morale: must be a number, a text or null",
    ),
    (
        lambda b: b["relationships"][0].update(sessions={}),
        "relationships[0].sessions: must be a list",
    ),
    (lambda b: b["cpd"][0].update(hours="3.5"), "cpd[0].hours: must be a number greater than 0"),
    (lambda b: b["cpd"][0].update(hours=10**400), "cpd[0].hours: must be at most 10000"),
    (
        lambda b: b["supervision"][0].update(format="triad"),
        'supervision[0].format: \'triad\' is not one of "one-to-one", "group", "peer"',
    ),
    (
        lambda b: b["learning_log"][0]["competences"].append("Being Nice"),
        "learning_log[0].competences[2]: 'Being Nice' is not one of \"Understanding Self\","
        ' "Commitment to Self-Development", "Managing the Contract", "Building the Relationship",'
        ' "Enabling Insight and Learning", "Outcome and Action Orientation",'
        ' "Use of Models and Techniques", "Evaluation"',
    ),
    (
        lambda b: b["templates"][0].update(scale=[5, 1]),
        "templates[0].scale: the lowest point must be below the highest",
    ),
    (
        lambda b: b["templates"][0]["items"].append({"key": "morale", "text": "Again"}),
        "templates[0].items[7].key: 'morale' appears twice in this template",
    ),
    (lambda b: b.update(people={}), "people: must be a list"),
    (lambda b: b["people"].append("x"), "people[3]: must be an object"),
    (
        lambda b: b["settings"].update(eligible_bands=["4", "11"]),
        "settings.eligible_bands: unknown band '11'",
    ),
    (lambda b: b["settings"].update(hub_name=""), "settings.hub_name: must be some text"),
    (
        lambda b: b["people"][0].update(updated_at="yesterday"),
        "people[0].updated_at: not a date and time (ISO 8601, e.g. 2026-11-01T09:30:00Z)",
    ),
    (
        lambda b: b.update(exported_at=5),
        "exported_at: not a date and time (ISO 8601, e.g. 2026-11-01T09:30:00Z)",
    ),
]


@pytest.mark.parametrize(("mutate", "message"), MUTATIONS, ids=[m[1][:45] for m in MUTATIONS])
def test_bad_value_is_named_by_its_path(example, mutate, message) -> None:
    mutate(example)
    assert refused(example) == message


@pytest.mark.parametrize("data", [[], "coachdesk/1", None, 3])
def test_a_bundle_is_a_json_object(data) -> None:
    assert refused(data) == "bundle: must be a JSON object"


def test_first_bad_value_in_document_order(example) -> None:
    example["people"][1]["band"] = "eleven"
    example["people"][1]["email"] = "not an address"  # comes earlier in the record
    example["templates"][0]["title"] = ""
    assert refused(example).startswith("people[1].email:")
    del example["people"]
    assert refused(example) == "templates[0].title: must not be blank"


def test_unknown_settings_are_ignored_and_listed(example) -> None:
    example["settings"]["dark_mode"] = True
    bundle = validate_bundle(example)
    assert bundle.ignored_settings == ("dark_mode",) and "dark_mode" not in bundle.settings


def test_every_text_limit_fits_its_database_column() -> None:
    """A value the schema accepts is never too long for its column (PostgreSQL would refuse)."""
    checked = 0
    for list_name, (spec, _key) in _Scan().specs.items():
        kind = next(k for k in KIND_BY_NAME.values() if k.list_name == list_name)
        for name, column, _conv in kind.fields:
            col = kind.model.__table__.c.get(column)
            if col is None or not isinstance(col.type, String) or col.type.length is None:
                continue
            with pytest.raises(Bad):
                spec.fields[name]("x" * (col.type.length + 1))
            checked += 1
    assert checked >= 20


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict) and value:
        return [p for k, v in value.items() for p in _leaves(v, (*path, k))]
    if isinstance(value, list) and value:
        return [p for i, v in enumerate(value) for p in _leaves(v, (*path, i))]
    return [path]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(path=st.sampled_from(_leaves(EXAMPLE)), value=json_values)
def test_any_leaf_mutation_validates_or_is_refused(path, value) -> None:
    bundle = copy.deepcopy(EXAMPLE)
    target = bundle
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    try:
        validate_bundle(bundle)
    except UserError as error:
        assert ": " in str(error)
