"""Every write service, fed anything: a saved change or a UserError, and a refusal writes nothing."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from coachdesk.errors import UserError
from coachdesk.services import (
    conflicts,
    culture,
    development,
    equality,
    evaluations,
    meetings,
    privacy,
    register,
    registrations,
    relationships,
    requests,
    retention,
)
from coachdesk.services import settings as hub_settings
from coachdesk.services.dto import (
    CpdInput,
    EvaluationInput,
    FileInput,
    LearningInput,
    MeetingInput,
    PersonInput,
    RegistrationInput,
    RelationshipInput,
    RequestInput,
    SupervisionInput,
    TemplateInput,
    TemplateItemInput,
)
from coachdesk.services.exchange import import_bundle, read_bundle_file
from coachdesk.services.spreadsheet import import_register
from coachdesk.storage.models import Base
from coachdesk.storage.uow import Database
from tests.fuzz.fuzz_parsers import bundles, csv_files
from tests.helpers.builders import PDF, Hub
from tests.helpers.junk import junk, mostly_valid, nasty_text, odd_dates, one_of_or_junk

#: Examples per service function; COACHDESK_BAD_INPUT_EXAMPLES raises it for a long run by hand.
EXAMPLES = int(os.environ.get("COACHDESK_BAD_INPUT_EXAMPLES", "25"))
RUN = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def fingerprint(db: Database) -> str:
    """Row counts and a hash of every table's contents: equal fingerprints, nothing written."""
    digest = hashlib.sha256()
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            rows = sorted(repr(tuple(row)) for row in conn.execute(select(table)))
            digest.update(f"{table.name}:{len(rows)}\n".encode())
            for row in rows:
                digest.update(row.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


@dataclass
class World:
    """A small hub made through the services: the ids the operations aim at."""

    person: str
    coach: str
    mentor: str
    client: str
    registration: str
    relationship: str
    meeting: str
    evaluation: str
    cpd: str
    supervision: str
    learning: str
    request: str


@pytest.fixture
def world(sqlite_db: Database) -> World:
    hub = Hub(sqlite_db)
    person, client = hub.person("Pat Plain"), hub.person("Kim Client")
    coach, mentor = hub.coach("Cai Coach"), hub.mentor("Mo Mentor")
    rel = hub.relationship("coaching", coach, client, status="active")
    db = sqlite_db
    reg = registrations.list_registrations(db)[0].id
    meet = meetings.add_meeting(
        db, rel.id, MeetingInput("contracting", date(2026, 3, 25), 60, "video")
    ).value.id
    ev = evaluations.add_evaluation(
        db, rel.id, EvaluationInput("pre", date(2026, 3, 18), {"confidence": 2})
    ).value.id
    cpd = development.add_cpd(
        db, coach.email, CpdInput(date(2026, 2, 12), "Resistance", "hub CPD offer", 3.5)
    ).value.id
    sup = development.add_supervision(
        db, coach.email, SupervisionInput(date(2026, 8, 14), "Morgan Ellery", "group", 2.0)
    ).value.id
    learn = development.add_learning(
        db, coach.email, LearningInput(date(2026, 4, 11), "Silence", relationship=rel.id)
    ).value.id
    req = requests.add_request(db, RequestInput(person.email, mentor.email, "mentoring")).value.id
    return World(
        person.email, coach.email, mentor.email, client.email, reg, rel.id, meet, ev, cpd, sup,
        learn, req,
    )  # fmt: skip


words = st.text(alphabet="abcdefghij ABC-'", min_size=1, max_size=30).filter(str.strip)
emails = st.from_regex(r"[a-z]{1,8}\.[a-z]{1,8}@example\.nhs\.uk", fullmatch=True)
dates = st.one_of(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)), odd_dates)
maybe_dates = st.one_of(st.none(), dates)
hours = st.one_of(st.floats(min_value=0.25, max_value=40), junk)
files = st.one_of(
    st.none(),
    st.builds(FileInput, st.sampled_from(["c.pdf", "c.png", "", "x" * 300]), st.just(PDF)),
    st.builds(FileInput, nasty_text, st.binary(max_size=64)),
)

person_inputs = mostly_valid(
    PersonInput,
    {
        "full_name": words,
        "email": emails,
        "organisation": words,
        "band": st.sampled_from([None, "6", "Band 8A", "vsm", "99"]),
        "manager_agreement_on": maybe_dates,
        "development_areas": st.lists(words, max_size=3).map(tuple),
        "notes": nasty_text,
    },
)
registration_inputs = mostly_valid(
    RegistrationInput,
    {
        "kind": st.sampled_from(["coach", "mentor", "Coach", "buddy"]),
        "status": st.sampled_from(["applied", "active", "paused", "retired", "x"]),
        "registered_on": maybe_dates,
        "capacity": st.integers(-3, 30),
        "specialisms": st.lists(words, max_size=3).map(tuple),
        "ethics_agreed": st.booleans(),
        "org_support_on": maybe_dates,
        "accreditation": st.one_of(st.none(), words),
        "training_on": maybe_dates,
        "hours_committed": st.one_of(st.none(), hours),
        "certificate": files,
    },
)
relationship_inputs = mostly_valid(
    RelationshipInput,
    {
        "kind": st.sampled_from(["coaching", "mentoring", "therapy"]),
        "practitioner": st.sampled_from(["cai.coach@example.nhs.uk", "mo.mentor@example.nhs.uk"]),
        "client": st.sampled_from(["pat.plain@example.nhs.uk", "kim.client@example.nhs.uk"]),
        "started_on": maybe_dates,
        "planned_end_on": maybe_dates,
        "planned_sessions": st.one_of(st.none(), st.integers(-5, 100)),
        "individual_objectives": st.lists(nasty_text, max_size=3).map(tuple),
    },
)
meeting_inputs = mostly_valid(
    MeetingInput,
    {
        "type": st.sampled_from(["contracting", "regular", "chat"]),
        "date": dates,
        "minutes": st.integers(-10, 100_000),
        "mode": st.sampled_from(["in person", "video", "phone", "carrier pigeon"]),
        "status": st.sampled_from(["scheduled", "held", "cancelled", "did not attend", "lost"]),
        "recorded_on": maybe_dates,
        "notes": nasty_text,
    },
)
evaluation_inputs = mostly_valid(
    EvaluationInput,
    {
        "kind": st.sampled_from(["pre", "post", "follow-up", "practitioner-post", "mid"]),
        "completed_on": maybe_dates,
        "answers": st.dictionaries(
            st.sampled_from(["confidence", "stress", "nope", ""]),
            st.one_of(st.integers(-5, 15), junk),
            max_size=3,
        ),
        "objective_ratings": st.lists(st.integers(-3, 14), max_size=4).map(tuple),
        "comments": nasty_text,
    },
)
cpd_inputs = mostly_valid(
    CpdInput,
    {
        "date": dates,
        "title": nasty_text,
        "kind": st.sampled_from(["hub CPD offer", "course", "reading", "?"]),
        "hours": hours,
        "evidence": files,
    },
)
supervision_inputs = mostly_valid(
    SupervisionInput,
    {
        "date": dates,
        "supervisor": nasty_text,
        "format": st.sampled_from(["group", "one-to-one", "peer", "dance"]),
        "hours": hours,
    },
)
template_items = st.lists(
    st.builds(TemplateItemInput, nasty_text, st.one_of(st.just(""), nasty_text)), max_size=4
).map(tuple)
template_inputs = mostly_valid(
    TemplateInput,
    {
        "key": st.sampled_from(["client-default", "mine", "Bad Key", "", "x" * 200]),
        "title": nasty_text,
        "items": template_items,
        "scale": st.tuples(st.integers(-3, 12), st.integers(-3, 12)),
    },
)
setting_values = st.dictionaries(
    st.sampled_from(["hub_name", "response_days", "eligible_bands", "followup_months", "nope"]),
    junk,
    max_size=3,
)

culture_inputs = mostly_valid(
    culture.CultureInput,
    {
        "organisation": words,
        "assessed_on": maybe_dates,
        "stage": st.integers(-1, 7),
        "evidence": st.tuples(*[nasty_text] * 5),
        "next_step": nasty_text,
    },
)
equality_fields = mostly_valid(
    equality.EqualityFields,
    {
        "ethnic_group": st.sampled_from([None, "", "A", "white-british", "zz"]),
        "sex": st.sampled_from([None, "female", "male", "x"]),
        "disability": st.sampled_from([None, "yes", "no", "maybe"]),
    },
)
dimensions = st.sampled_from(["ethnicity", "sex", "disability", "height"])
counts = st.dictionaries(
    st.one_of(nasty_text, st.sampled_from(["female", "male"])), junk, max_size=4
)

Op = Callable[[Database, World, st.DataObject], Any]


def _ops() -> dict[str, Op]:
    def d(strategy: st.SearchStrategy[Any], data: st.DataObject) -> Any:
        return data.draw(strategy)

    def pick(*known: str) -> st.SearchStrategy[Any]:
        return one_of_or_junk(*known)

    return {
        "add_person": lambda db, w, x: register.add_person(db, d(person_inputs, x)),
        "update_person": lambda db, w, x: register.update_person(
            db, d(pick(w.person, w.coach), x), d(person_inputs, x)
        ),
        "record_manager_agreement": lambda db, w, x: register.record_manager_agreement(
            db, d(pick(w.person), x), d(st.one_of(maybe_dates, junk), x)
        ),
        "set_eligibility_override": lambda db, w, x: register.set_eligibility_override(
            db, d(pick(w.person), x), d(nasty_text, x), d(maybe_dates, x)
        ),
        "clear_eligibility_override": lambda db, w, x: register.clear_eligibility_override(
            db, d(pick(w.person), x)
        ),
        "add_registration": lambda db, w, x: registrations.add_registration(
            db, d(pick(w.person, w.client), x), d(registration_inputs, x)
        ),
        "update_registration": lambda db, w, x: registrations.update_registration(
            db, d(pick(w.registration), x), d(registration_inputs, x)
        ),
        "set_registration_status": lambda db, w, x: registrations.set_registration_status(
            db, d(pick(w.registration), x), d(st.one_of(words, junk), x), on=d(maybe_dates, x)
        ),
        "attach_certificate": lambda db, w, x: registrations.attach_certificate(
            db, d(pick(w.registration), x), d(files.filter(bool), x)
        ),
        "remove_certificate": lambda db, w, x: registrations.remove_certificate(
            db, d(pick(w.registration), x)
        ),
        "delete_registration": lambda db, w, x: registrations.delete_registration(
            db, d(pick(w.registration), x)
        ),
        "add_request": lambda db, w, x: requests.add_request(
            db,
            RequestInput(
                d(pick(w.person, w.client), x),
                d(pick(w.coach, w.mentor), x),
                d(st.sampled_from(["coaching", "mentoring", "x"]), x),
                d(maybe_dates, x),
            ),
        ),
        "accept_request": lambda db, w, x: requests.accept_request(
            db, d(pick(w.request), x), on=d(maybe_dates, x), started_on=d(maybe_dates, x)
        ),
        "decline_request": lambda db, w, x: requests.decline_request(
            db, d(pick(w.request), x), on=d(maybe_dates, x)
        ),
        "withdraw_request": lambda db, w, x: requests.withdraw_request(
            db, d(pick(w.request), x), on=d(maybe_dates, x)
        ),
        "delete_request": lambda db, w, x: requests.delete_request(db, d(pick(w.request), x)),
        "add_relationship": lambda db, w, x: relationships.add_relationship(
            db, d(relationship_inputs, x)
        ),
        "update_relationship": lambda db, w, x: relationships.update_relationship(
            db, d(pick(w.relationship), x), d(relationship_inputs, x)
        ),
        "set_objectives": lambda db, w, x: relationships.set_objectives(
            db,
            d(pick(w.relationship), x),
            d(st.one_of(st.lists(nasty_text, max_size=4), junk), x),
            d(st.lists(nasty_text, max_size=2), x),
        ),
        "start_relationship": lambda db, w, x: relationships.start_relationship(
            db, d(pick(w.relationship), x), on=d(maybe_dates, x)
        ),
        "end_relationship": lambda db, w, x: relationships.end_relationship(
            db, d(pick(w.relationship), x), ended_on=d(maybe_dates, x), reason=d(nasty_text, x)
        ),
        "withdraw_relationship": lambda db, w, x: relationships.withdraw_relationship(
            db, d(pick(w.relationship), x), on=d(maybe_dates, x), reason=d(nasty_text, x)
        ),
        "delete_relationship": lambda db, w, x: relationships.delete_relationship(
            db, d(pick(w.relationship), x)
        ),
        "add_meeting": lambda db, w, x: meetings.add_meeting(
            db, d(pick(w.relationship), x), d(meeting_inputs, x)
        ),
        "update_meeting": lambda db, w, x: meetings.update_meeting(
            db, d(pick(w.meeting), x), d(meeting_inputs, x)
        ),
        "mark_meeting": lambda db, w, x: meetings.mark_meeting(
            db,
            d(pick(w.meeting), x),
            d(st.one_of(st.sampled_from(["held", "cancelled", "did not attend"]), junk), x),
            recorded_on=d(maybe_dates, x),
        ),
        "delete_meeting": lambda db, w, x: meetings.delete_meeting(db, d(pick(w.meeting), x)),
        "add_cpd": lambda db, w, x: development.add_cpd(
            db, d(pick(w.coach, w.person), x), d(cpd_inputs, x)
        ),
        "update_cpd": lambda db, w, x: development.update_cpd(
            db, d(pick(w.cpd), x), d(cpd_inputs, x)
        ),
        "attach_cpd_evidence": lambda db, w, x: development.attach_cpd_evidence(
            db, d(pick(w.cpd), x), d(files.filter(bool), x)
        ),
        "remove_cpd_evidence": lambda db, w, x: development.remove_cpd_evidence(
            db, d(pick(w.cpd), x)
        ),
        "delete_cpd": lambda db, w, x: development.delete_cpd(db, d(pick(w.cpd), x)),
        "add_supervision": lambda db, w, x: development.add_supervision(
            db, d(pick(w.coach, w.mentor), x), d(supervision_inputs, x)
        ),
        "update_supervision": lambda db, w, x: development.update_supervision(
            db, d(pick(w.supervision), x), d(supervision_inputs, x)
        ),
        "delete_supervision": lambda db, w, x: development.delete_supervision(
            db, d(pick(w.supervision), x)
        ),
        "add_learning": lambda db, w, x: development.add_learning(
            db,
            d(pick(w.coach, w.mentor, w.person), x),
            LearningInput(
                d(dates, x), d(nasty_text, x), d(st.one_of(st.none(), pick(w.relationship)), x)
            ),
        ),
        "update_learning": lambda db, w, x: development.update_learning(
            db,
            d(pick(w.learning), x),
            LearningInput(d(st.one_of(dates, junk), x), d(nasty_text, x), d(junk, x)),
        ),
        "delete_learning": lambda db, w, x: development.delete_learning(db, d(pick(w.learning), x)),
        "add_evaluation": lambda db, w, x: evaluations.add_evaluation(
            db, d(pick(w.relationship), x), d(evaluation_inputs, x)
        ),
        "update_evaluation": lambda db, w, x: evaluations.update_evaluation(
            db, d(pick(w.evaluation), x), d(evaluation_inputs, x)
        ),
        "delete_evaluation": lambda db, w, x: evaluations.delete_evaluation(
            db, d(pick(w.evaluation), x)
        ),
        "save_template": lambda db, w, x: evaluations.save_template(db, d(template_inputs, x)),
        "delete_template": lambda db, w, x: evaluations.delete_template(
            db, d(pick("client-default", "practitioner-default"), x)
        ),
        "update_settings": lambda db, w, x: hub_settings.update_settings(db, d(setting_values, x)),
        "keep_mine": lambda db, w, x: conflicts.keep_mine(db, d(pick(w.request), x)),
        "erase_person": lambda db, w, x: privacy.erase_person(
            db, d(pick(w.person, w.client), x), today=d(maybe_dates, x)
        ),
        "delete_past_retention": lambda db, w, x: retention.delete_past_retention(
            db,
            d(st.one_of(dates, junk), x),
            d(st.lists(st.one_of(pick(w.person, w.relationship), junk), max_size=3), x),
            d(st.sampled_from(["20261206-120000", "20261206-120001"]), x),
        ),
        "add_assessment": lambda db, w, x: culture.add_assessment(
            db, d(culture_inputs, x), today=d(maybe_dates, x)
        ),
        "update_assessment": lambda db, w, x: culture.update_assessment(
            db, d(pick(w.request), x), d(culture_inputs, x)
        ),
        "delete_assessment": lambda db, w, x: culture.delete_assessment(db, d(pick(w.request), x)),
        "set_equality": lambda db, w, x: equality.set_equality(
            db, d(pick(w.person), x), d(equality_fields, x)
        ),
        "save_headcounts": lambda db, w, x: equality.save_headcounts(
            db, d(words, x), d(dates, x), d(dates, x), d(dimensions, x), d(counts, x)
        ),
        "delete_headcounts": lambda db, w, x: equality.delete_headcounts(
            db, d(st.one_of(words, junk), x), d(dates, x), d(dates, x)
        ),
        "accept_theirs": lambda db, w, x: conflicts.accept_theirs(db, d(pick(w.request), x)),
    }


OPS = _ops()


@pytest.mark.parametrize("name", sorted(OPS))
@RUN
@given(data=st.data())
def test_any_input_saves_or_is_refused_and_a_refusal_writes_nothing(
    sqlite_db: Database, world: World, name: str, data: st.DataObject
) -> None:
    before = fingerprint(sqlite_db)
    try:
        OPS[name](sqlite_db, world, data)
    except UserError as refused:
        assert str(refused).strip(), "a refusal must say what is wrong"
        assert fingerprint(sqlite_db) == before, f"{name} was refused but wrote to the database"


@pytest.mark.parametrize("bad_id", [2**63, 7, None, ["x"], ""])
@pytest.mark.parametrize("action", [conflicts.keep_mine, conflicts.accept_theirs])
def test_a_conflict_id_of_the_wrong_kind_is_refused_not_a_crash(
    sqlite_db: Database, action: Callable[[Database, Any], Any], bad_id: Any
) -> None:
    """Found by the test above: 2**63 as a conflict id raised OverflowError from SQLite."""
    before = fingerprint(sqlite_db)
    with pytest.raises(UserError, match="No merge conflict has the id"):
        action(sqlite_db, bad_id)
    assert fingerprint(sqlite_db) == before


@RUN
@given(data=bundles())
def test_any_bundle_imports_or_is_refused_and_a_refusal_writes_nothing(
    sqlite_db: Database, world: World, tmp_path: Path, data: bytes
) -> None:
    path = tmp_path / "bundle.json"
    path.write_bytes(data)
    before = fingerprint(sqlite_db)
    try:
        import_bundle(sqlite_db, read_bundle_file(path), source=path.name)
    except UserError as refused:
        assert str(refused).strip()
        assert fingerprint(sqlite_db) == before, "a refused bundle wrote to the database"


@RUN
@given(data=csv_files(), skip_invalid=st.booleans())
def test_any_register_file_imports_or_is_refused_and_a_refusal_writes_nothing(
    sqlite_db: Database, world: World, tmp_path: Path, data: bytes, skip_invalid: bool
) -> None:
    path = tmp_path / "register.csv"
    path.write_bytes(data)
    before = fingerprint(sqlite_db)
    try:
        import_register(sqlite_db, path, skip_invalid=skip_invalid)
    except UserError as refused:
        assert str(refused).strip()
        assert fingerprint(sqlite_db) == before, "a refused register wrote to the database"


FOUND = {
    "culture: organisation of the wrong kind": lambda db: culture.add_assessment(
        db, culture.CultureInput(None, date(2026, 1, 5), 3), today=date(2026, 2, 1)
    ),
    "culture: a true/false for the date": lambda db: culture.add_assessment(
        db, culture.CultureInput("Fenland Acute Trust", True, 3), today=date(2026, 2, 1)
    ),
    "culture: no evidence tuple": lambda db: culture.add_assessment(
        db, culture.CultureInput("Fenland Acute Trust", date(2026, 1, 5), 3, None)
    ),
    "culture: an id that is a list": lambda db: culture.delete_assessment(db, []),
    "headcounts: an organisation that is a list": lambda db: equality.delete_headcounts(
        db, [], date(1, 1, 1), date(1, 1, 1)
    ),
    "retention: reviewed ids that are not a list": lambda db: retention.delete_past_retention(
        db, date(2026, 12, 6), None, "20261206-120000"
    ),
    "retention: today in year 1": lambda db: retention.delete_past_retention(
        db, date(1, 1, 1), [], "20261206-120000"
    ),
}


@pytest.mark.parametrize("case", sorted(FOUND))
def test_inputs_that_once_crashed_are_refused(sqlite_db: Database, world: World, case: str) -> None:
    """Found by the test above (TypeError, AttributeError, InvalidRequestError, ValueError)."""
    before = fingerprint(sqlite_db)
    with pytest.raises(UserError):
        FOUND[case](sqlite_db)
    assert fingerprint(sqlite_db) == before
