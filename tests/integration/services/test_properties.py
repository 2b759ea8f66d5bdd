"""Property tests: whatever a form or an import hands the person and session services, the
answer is a saved row or a UserError (never a crash), and a refusal writes nothing."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from coachdesk.errors import UserError
from coachdesk.services import meetings, register
from coachdesk.services.dto import MeetingInput, MeetingRow, PersonInput, PersonRow
from coachdesk.services.labels import LABELS
from coachdesk.storage.models import Meeting, Person

RUN = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.text(min_size=190, max_size=320),
    st.dates(),
    st.datetimes(),
    st.binary(max_size=8),
    st.lists(st.text(max_size=5), max_size=3),
)
texts = st.one_of(st.text(max_size=40), st.text(alphabet="ab\x00 ", max_size=5), junk)
words = st.text(alphabet="abcdefghij ABC-'", min_size=1, max_size=40).filter(str.strip)
emails = st.one_of(
    st.from_regex(r"[a-zA-Z][a-zA-Z.]{0,8}@example\.nhs\.uk", fullmatch=True).filter(
        lambda e: ".." not in e and ".@" not in e
    ),
    st.emails(),
)


def mostly_valid(cls, valid: dict[str, st.SearchStrategy]) -> st.SearchStrategy:
    """A valid input with up to three fields swapped for anything at all."""

    @st.composite
    def build(draw):
        values = {name: draw(strategy) for name, strategy in valid.items()}
        for name in draw(st.sets(st.sampled_from(sorted(valid)), max_size=3)):
            values[name] = draw(st.one_of(junk, texts))
        return cls(**values)

    return build()


person_inputs = mostly_valid(
    PersonInput,
    {
        "full_name": words,
        "email": emails,
        "organisation": st.one_of(st.just(""), words),
        "job_title": st.one_of(st.just(""), words),
        "band": st.sampled_from([None, "", "4", "Band 8A", "AfC band 6", "vsm", " 9 ", "Other"]),
        "region": st.one_of(st.none(), st.just(""), words),
        "manager_name": st.one_of(st.just(""), words),
        "manager_email": st.one_of(st.just(""), emails),
        "leadership_programme": st.booleans(),
        "manager_agreement_on": st.one_of(st.none(), st.dates()),
        "development_areas": st.lists(st.one_of(words, st.just(" ")), max_size=4).map(tuple),
        "notes": st.one_of(st.just(""), st.text(max_size=200).filter(lambda t: "\x00" not in t)),
    },
)


def _count(db, model) -> int:
    with db.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


@RUN
@given(data=person_inputs)
def test_adding_any_person_saves_or_refuses_cleanly(db, data) -> None:
    before = _count(db, Person)
    try:
        row = register.add_person(db, data).value
    except UserError as err:
        labels = tuple(LABELS.values())  # each problem names its field as the form does
        assert err.problems and all(p.startswith(labels) for p in err.problems)
        assert _count(db, Person) == before
    else:
        assert isinstance(row, PersonRow)
        assert row.email == row.email.strip().lower() and row.full_name
        assert _count(db, Person) == before + 1


meeting_inputs = mostly_valid(
    MeetingInput,
    {
        "type": st.sampled_from(["contracting", "regular", "Regular"]),
        "date": st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
        "minutes": st.integers(min_value=1, max_value=240),
        "mode": st.sampled_from(["in person", "video", "phone", "In-Person"]),
        "status": st.sampled_from(["scheduled", "held", "cancelled", "did not attend"]),
        "recorded_on": st.one_of(st.none(), st.dates(min_value=date(2020, 1, 1))),
        "notes": st.text(max_size=200).filter(lambda t: "\x00" not in t),
    },
)


@RUN
@given(data=meeting_inputs)
def test_adding_any_session_saves_or_refuses_cleanly(db, hub, data) -> None:
    if not hasattr(hub, "rel_id"):
        hub.rel_id = hub.relationship(status="active").id
    before = _count(db, Meeting)
    try:
        row = meetings.add_meeting(db, hub.rel_id, data).value
    except UserError as err:
        assert err.problems
        assert _count(db, Meeting) == before
    else:
        assert isinstance(row, MeetingRow) and row.minutes > 0
        assert isinstance(row.date, date) and not isinstance(row.date, datetime)
        if row.status in ("held", "did not attend"):
            assert row.recorded_on >= row.date
        assert _count(db, Meeting) == before + 1
