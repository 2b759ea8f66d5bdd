"""The record types of services.exchange.types name exactly the fields the schema checks.

``Spec.validate`` returns its record type on the strength of this: the checked fields are
the type's keys, no more and no fewer.
"""

from __future__ import annotations

import pytest

from coachdesk.services.exchange import schema
from coachdesk.services.exchange import types as t
from coachdesk.services.exchange.records import KIND_BY_NAME
from coachdesk.services.exchange.schema import _Scan

RECORD_TYPES: dict[str, type] = {
    "people": t.PersonRecord,
    "registrations": t.RegistrationRecord,
    "requests": t.RequestRecord,
    "relationships": t.RelationshipRecord,
    "cpd": t.CpdRecord,
    "supervision": t.SupervisionRecord,
    "learning_log": t.LearningRecord,
    "templates": t.TemplateRecord,
    "workforce_headcounts": t.HeadcountRecord,
    "culture_assessments": t.CultureRecord,
    "reminders": t.ReminderRecord,
}
NESTED = {"sessions": t.SessionRecord, "evaluations": t.EvaluationRecord}
#: Fields a record type has beyond its spec: a nested record's parent while merged on its own.
MERGED_ONLY = {"relationship"}


def _keys(record_type: type) -> set[str]:
    return set(record_type.__annotations__)


def test_every_list_has_a_record_type() -> None:
    assert set(_Scan().specs) == set(RECORD_TYPES) == set(schema.LISTS)


@pytest.mark.parametrize("name", sorted(RECORD_TYPES))
def test_a_lists_spec_checks_exactly_its_record_types_fields(name: str) -> None:
    spec, _key = _Scan().specs[name]
    assert set(spec.fields) == _keys(RECORD_TYPES[name])


@pytest.mark.parametrize(
    ("name", "spec"), [("sessions", schema.SESSION), ("evaluations", schema.EVALUATION)]
)
def test_a_nested_spec_checks_its_record_types_fields(name: str, spec: schema.Spec[object]) -> None:
    assert set(spec.fields) == _keys(NESTED[name]) - MERGED_ONLY


def test_the_attachment_and_override_types_match_their_specs() -> None:
    assert set(schema._ATTACHMENT) == _keys(t.AttachmentRecord)
    assert set(schema._OVERRIDE) == _keys(t.OverrideRecord)


@pytest.mark.parametrize("kind", sorted(KIND_BY_NAME))
def test_a_kinds_exchange_fields_are_its_record_types_fields(kind: str) -> None:
    k = KIND_BY_NAME[kind]
    record_type = RECORD_TYPES.get(k.list_name) or NESTED[k.list_name]
    expected = _keys(record_type) - {"sessions", "evaluations"}
    assert {*k.names, "updated_at"} == expected
