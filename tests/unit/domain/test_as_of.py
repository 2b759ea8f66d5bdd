"""SPEC 5's past day: the hub as it stood on a day before the calendar date, from its dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from coachdesk.domain.as_of import UNDATED, hub_as_of, undated_note
from coachdesk.domain.hub_facts import (
    EvaluationFacts,
    HubFacts,
    MeetingFacts,
    PersonFacts,
    RegistrationFacts,
    RelationshipFacts,
    RequestFacts,
)
from coachdesk.domain.rules import evaluate
from coachdesk.domain.settings import HubSettings

DAY = date(2026, 6, 1)  # the position asked for; the calendar date is months later
COACH = PersonFacts(
    "p-coach", "casey.coach@trust.nhs.uk", "Casey Coach", "8a", "East of England", False,
    date(2025, 1, 1), False,
)  # fmt: skip
CLIENTS = [
    PersonFacts(
        f"p-client-{i}",
        f"client{i}@trust.nhs.uk",
        f"Client {i}",
        "6",
        "East of England",
        False,
        date(2025, 1, 1),
        False,
    )  # fmt: skip
    for i in range(4)
]


def coach_registration(**kw: Any) -> RegistrationFacts:
    values: dict[str, Any] = dict(
        registered_on=date(2025, 1, 1),
        approved_on=date(2025, 1, 15),
        profile_reviewed_on=date(2026, 1, 10),
        capacity=2,
        has_certificate=True,
        org_support_on=date(2025, 1, 1),
        training_on=None,
        hours_committed=None,
    )
    values.update(kw)
    return RegistrationFacts("reg-coach", "p-coach", "coach", "active", **values)


def coaching(rid: str, client: int, status: str, started: date, ended: date | None = None):
    return RelationshipFacts(
        rid, "coaching", "p-coach", f"p-client-{client}", status, started, ended
    )


def facts(**kw: Any) -> HubFacts:
    return HubFacts(people={p.id: p for p in [COACH, *CLIENTS]}, **kw)


def rules_on(f: HubFacts, day: date) -> set[str]:
    return {a.rule for a in evaluate(f, HubSettings(), day)}


def test_relationships_begun_after_the_day_do_not_count_towards_capacity() -> None:
    f = facts(
        registrations=[coach_registration()],
        relationships=[
            coaching("rel-march", 0, "active", date(2026, 3, 2)),
            coaching("rel-july", 1, "active", date(2026, 7, 6)),
            coaching("rel-nov", 2, "contracting", date(2026, 11, 2)),
        ],
        supervision_dates={"p-coach": [date(2026, 5, 1)]},
        cpd_dates={"p-coach": [date(2026, 2, 1)]},
    )
    assert "capacity-exceeded" in rules_on(f, DAY)  # the rules alone mix the two times
    then = hub_as_of(f, DAY)
    assert [r.id for r in then.relationships] == ["rel-march"]
    assert "capacity-exceeded" not in rules_on(then, DAY)


def test_a_relationship_ended_or_withdrawn_later_was_current() -> None:
    f = facts(
        relationships=[
            coaching("rel-ended", 0, "ended", date(2026, 2, 2), date(2026, 9, 18)),
            coaching("rel-withdrawn", 1, "withdrawn", date(2026, 4, 1), date(2026, 8, 3)),
            coaching("rel-done", 2, "ended", date(2026, 1, 5), date(2026, 5, 20)),
        ],
        meetings=[
            MeetingFacts(
                "m1", "rel-ended", "regular", date(2026, 3, 2), 60, "held", date(2026, 3, 2)
            )
        ],
    )
    then = {r.id: r for r in hub_as_of(f, DAY).relationships}
    assert (then["rel-ended"].status, then["rel-ended"].ended_on) == ("active", None)
    assert (then["rel-withdrawn"].status, then["rel-withdrawn"].ended_on) == ("contracting", None)
    assert then["rel-done"] == f.relationships[2]  # ended before the day: as it is


def test_requests_sessions_and_evaluations_as_they_stood() -> None:
    f = facts(
        requests=[
            RequestFacts(
                "q-later", "p-client-0", "p-coach", "coaching", "pending", date(2026, 8, 1)
            ),
            RequestFacts(
                "q-answered-later",
                "p-client-1",
                "p-coach",
                "coaching",
                "accepted",
                date(2026, 5, 1),
                date(2026, 6, 20),
            ),  # fmt: skip
        ],
        relationships=[coaching("rel", 0, "active", date(2026, 3, 2))],
        meetings=[
            MeetingFacts(
                "m-recorded-later", "rel", "regular", date(2026, 5, 5), 60, "held", date(2026, 7, 1)
            ),
            MeetingFacts("m-later", "rel", "regular", date(2026, 6, 15), 60, "scheduled", None),
        ],
        evaluations=[
            EvaluationFacts("e-pre", "rel", "pre", date(2026, 3, 1)),
            EvaluationFacts("e-post", "rel", "post", date(2026, 9, 1)),
        ],
    )
    then = hub_as_of(f, DAY)
    assert [(q.id, q.status, q.responded_on) for q in then.requests] == [
        ("q-answered-later", "pending", None)
    ]
    assert [(m.id, m.status, m.recorded_on) for m in then.meetings] == [
        ("m-recorded-later", "scheduled", None)
    ]
    assert [e.id for e in then.evaluations] == ["e-pre"]
    # what the lead sees: the request waited and the session was unrecorded on that day
    assert {"request-unanswered", "session-not-recorded"} <= rules_on(then, DAY)
    assert "session-recorded-late" not in rules_on(then, DAY)


def test_registrations_cpd_supervision_and_agreements_dated_later_do_not_exist() -> None:
    agreed_later = replace(
        COACH,
        manager_agreement_on=date(2026, 7, 1),
        has_override=True,
        override_on=date(2026, 6, 30),
    )
    f = HubFacts(
        people={COACH.id: agreed_later},
        registrations=[
            coach_registration(approved_on=date(2026, 7, 1), profile_reviewed_on=date(2026, 9, 1)),
            replace(coach_registration(), id="reg-later", registered_on=date(2026, 8, 1)),
        ],
        cpd_dates={"p-coach": [date(2026, 2, 1), date(2026, 10, 1)]},
        supervision_dates={"p-coach": [date(2026, 7, 1)]},
    )
    then = hub_as_of(f, DAY)
    [reg] = then.registrations
    assert (reg.id, reg.status, reg.approved_on, reg.profile_reviewed_on) == (
        "reg-coach",
        "applied",
        None,
        None,
    )
    assert then.cpd_dates["p-coach"] == [date(2026, 2, 1)]
    assert then.supervision_dates["p-coach"] == []
    person = then.people["p-coach"]
    assert (person.manager_agreement_on, person.has_override) == (None, False)


def test_the_note_names_what_no_date_records() -> None:
    text = undated_note("1 Jun 2026")
    assert text.startswith("The hub as it stood on 1 Jun 2026")
    assert all(item in text for item in UNDATED)
    assert "a registration's pause, withdrawal or rejection" in text
