"""The 18 alerts of SPEC 5 at their boundaries, their exclusions, and what falls due."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from coachdesk.domain.hub_facts import RULE_SEVERITY
from coachdesk.domain.rules import (
    RULE_TITLES,
    RULES,
    Alert,
    EvaluationFacts,
    HubFacts,
    MeetingFacts,
    PersonFacts,
    RegistrationFacts,
    RelationshipFacts,
    RequestFacts,
    evaluate,
    falling_due,
)
from coachdesk.domain.settings import HubSettings

DAY = timedelta(days=1)
SETTINGS = HubSettings()

COACH = PersonFacts(
    "p-coach", "casey.coach@trust.nhs.uk", "Casey Coach", "8a", "East of England", False,
    date(2025, 1, 1), False,
)  # fmt: skip
CLIENT = PersonFacts(
    "p-client", "cleo.client@trust.nhs.uk", "Cleo Client", "6", "East of England", False,
    date(2025, 1, 1), False,
)  # fmt: skip


def reg(
    rid="r-coach", person_id="p-coach", kind="coach", status="active", **kw
) -> RegistrationFacts:
    values = dict(
        registered_on=date(2025, 1, 1),
        approved_on=date(2025, 1, 15),
        profile_reviewed_on=None,
        capacity=2,
        has_certificate=True,
        org_support_on=date(2025, 1, 1),
        training_on=None,
        hours_committed=None,
    )
    values.update(kw)
    return RegistrationFacts(rid, person_id, kind, status, **values)


def rel(
    rid="rel-1", kind="coaching", status="active", started=date(2026, 1, 5), ended=None, **kw
) -> RelationshipFacts:
    return RelationshipFacts(
        rid,
        kind,
        kw.get("practitioner_id", "p-coach"),
        kw.get("client_id", "p-client"),
        status,
        started,
        ended,
    )


def meeting(mid, on, type_="regular", status="held", recorded=None, rel_id="rel-1", minutes=60):
    if recorded is None and status == "held":
        recorded = on
    return MeetingFacts(mid, rel_id, type_, on, minutes, status, recorded)


def ev(kind, completed, rel_id="rel-1", eid=None) -> EvaluationFacts:
    return EvaluationFacts(eid or f"ev-{kind}-{rel_id}", rel_id, kind, completed)


def hub(people=(COACH, CLIENT), **kw) -> HubFacts:
    return HubFacts(people={p.id: p for p in people}, **kw)


def only(facts, rule, today, settings=SETTINGS) -> list[Alert]:
    return [a for a in evaluate(facts, settings, today) if a.rule == rule]


def check_boundary(facts, rule, since, person, relationship, settings=SETTINGS, subject=None):
    """No alert the day before ``since``; one on ``since`` (days 0); days counts up later."""
    assert only(facts, rule, since - DAY, settings) == []
    [alert] = only(facts, rule, since, settings)
    assert (alert.rule, alert.person, alert.relationship, alert.since, alert.days) == (
        rule,
        person,
        relationship,
        since,
        0,
    )
    assert alert.severity == RULE_SEVERITY[rule]
    if subject is not None:
        assert (alert.subject_kind, alert.subject_id) == subject
    [later] = only(facts, rule, since + 10 * DAY, settings)
    assert (later.since, later.days) == (since, 10)
    return alert


# --- vocabulary --------------------------------------------------------------------------------


def test_rules_are_the_18_of_spec_5_in_order_with_titles_and_severities():
    assert (
        len(RULES) == 18 and RULES[0] == "request-unanswered" and RULES[-1] == "eligibility-unmet"
    )
    assert set(RULE_TITLES) == set(RULES) and all(RULE_TITLES.values())
    assert RULE_TITLES["request-unanswered"] == "Requests not answered in time"
    warnings = {r for r in RULES if RULE_SEVERITY[r] == "warning"}
    assert warnings == {
        "contracting-missing",
        "pre-evaluation-missing",
        "mentor-hours-below-commitment",
        "accreditation-evidence-missing",
        "org-support-missing",
        "capacity-exceeded",
        "manager-agreement-missing",
        "eligibility-unmet",
    }


def test_alert_as_json_has_exactly_the_cli_keys():
    alert = Alert(
        "cpd-overdue", "overdue", "p1", "a@b.nhs.uk", None, date(2026, 1, 2), 3, "m",
        "registration", "r1",
    )  # fmt: skip
    assert alert.as_json() == {
        "rule": "cpd-overdue",
        "severity": "overdue",
        "person": "a@b.nhs.uk",
        "relationship": None,
        "since": "2026-01-02",
        "days": 3,
        "message": "m",
    }


def test_a_compliant_hub_raises_nothing():
    facts = hub(
        registrations=[reg(profile_reviewed_on=date(2026, 1, 1))],
        relationships=[rel()],
        meetings=[meeting("m1", date(2026, 1, 5), "contracting"), meeting("m2", date(2026, 2, 1))],
        evaluations=[ev("pre", date(2026, 1, 4))],
        cpd_dates={"p-coach": [date(2026, 1, 10)]},
        supervision_dates={"p-coach": [date(2026, 2, 10)]},
    )
    assert evaluate(facts, SETTINGS, date(2026, 3, 1)) == []


# --- requests and sessions ---------------------------------------------------------------------


def test_request_unanswered_from_sent_plus_15_days():
    request = RequestFacts("q1", "p-client", "p-coach", "coaching", "pending", date(2026, 3, 1))
    facts = hub(requests=[request])
    alert = check_boundary(
        facts, "request-unanswered", date(2026, 3, 16), COACH.email, None, subject=("request", "q1")
    )
    assert "Casey Coach" in alert.message and "1 Mar 2026" in alert.message
    answered = hub(requests=[replace(request, status="accepted")])
    assert only(answered, "request-unanswered", date(2026, 6, 1)) == []


def test_response_days_setting_takes_effect():
    request = RequestFacts("q1", "p-client", "p-coach", "coaching", "pending", date(2026, 3, 1))
    settings = HubSettings(response_days=7)
    check_boundary(
        hub(requests=[request]), "request-unanswered", date(2026, 3, 9), COACH.email, None, settings
    )


def test_session_recorded_late_from_date_plus_15_days():
    late = meeting("m1", date(2026, 3, 1), recorded=date(2026, 3, 20))
    facts = hub(relationships=[rel()], meetings=[late])
    alert = check_boundary(
        facts,
        "session-recorded-late",
        date(2026, 3, 16),
        COACH.email,
        "rel-1",
        subject=("meeting", "m1"),
    )
    assert "20 Mar 2026" in alert.message


def test_session_recorded_on_the_14th_day_is_in_time():
    in_time = meeting("m1", date(2026, 3, 1), recorded=date(2026, 3, 15))
    just_late = meeting("m2", date(2026, 3, 1), recorded=date(2026, 3, 16))
    facts = hub(relationships=[rel()], meetings=[in_time, just_late])
    assert [a.subject_id for a in only(facts, "session-recorded-late", date(2026, 5, 1))] == ["m2"]


def test_session_not_recorded_from_date_plus_15_days():
    facts = hub(
        relationships=[rel()], meetings=[meeting("m1", date(2026, 3, 1), status="scheduled")]
    )
    alert = check_boundary(
        facts,
        "session-not-recorded",
        date(2026, 3, 16),
        COACH.email,
        "rel-1",
        subject=("meeting", "m1"),
    )
    assert "still scheduled" in alert.message and "1 Mar 2026" in alert.message


@pytest.mark.parametrize("status", ["held", "cancelled", "did not attend"])
def test_session_no_longer_scheduled_is_not_unrecorded(status):
    facts = hub(relationships=[rel()], meetings=[meeting("m1", date(2026, 3, 1), status=status)])
    assert only(facts, "session-not-recorded", date(2026, 6, 1)) == []


def test_recording_days_setting_takes_effect():
    facts = hub(
        relationships=[rel()], meetings=[meeting("m1", date(2026, 3, 1), status="scheduled")]
    )
    settings = HubSettings(recording_days=3)
    check_boundary(facts, "session-not-recorded", date(2026, 3, 5), COACH.email, "rel-1", settings)


def test_sessions_of_a_withdrawn_relationship_raise_nothing():
    facts = hub(
        relationships=[rel(status="withdrawn")],
        meetings=[
            meeting("m1", date(2026, 3, 1), status="scheduled"),
            meeting("m2", date(2026, 3, 1), recorded=date(2026, 4, 30)),
        ],
    )
    assert evaluate(facts, SETTINGS, date(2026, 6, 1)) == []


# --- contracting and evaluations ---------------------------------------------------------------


def test_contracting_missing_from_the_first_held_regular_session():
    facts = hub(
        relationships=[rel()],
        meetings=[
            meeting("m1", date(2026, 3, 10)),
            meeting("m2", date(2026, 3, 24)),
            meeting("m0", date(2026, 3, 12), "contracting"),
            meeting("m3", date(2026, 3, 2), "contracting", status="cancelled"),
            meeting("m4", date(2026, 3, 3), status="cancelled"),
        ],
        evaluations=[ev("pre", date(2026, 3, 1))],
    )
    check_boundary(
        facts,
        "contracting-missing",
        date(2026, 3, 10),
        COACH.email,
        "rel-1",
        subject=("relationship", "rel-1"),
    )


def test_contracting_held_on_the_day_of_the_first_regular_session_is_enough():
    facts = hub(
        relationships=[rel()],
        meetings=[
            meeting("m1", date(2026, 3, 10)),
            meeting("m0", date(2026, 3, 10), "contracting"),
        ],
    )
    assert only(facts, "contracting-missing", date(2026, 6, 1)) == []


def test_no_held_regular_session_means_no_contracting_or_pre_alert():
    facts = hub(
        relationships=[rel()], meetings=[meeting("m1", date(2026, 3, 10), status="scheduled")]
    )
    rules = {a.rule for a in evaluate(facts, SETTINGS, date(2026, 3, 20))}
    assert "contracting-missing" not in rules and "pre-evaluation-missing" not in rules


def test_pre_evaluation_missing_names_the_client():
    facts = hub(
        relationships=[rel()],
        meetings=[meeting("m0", date(2026, 3, 1), "contracting"), meeting("m1", date(2026, 3, 10))],
        evaluations=[ev("pre", date(2026, 3, 11))],
    )
    alert = check_boundary(
        facts, "pre-evaluation-missing", date(2026, 3, 10), CLIENT.email, "rel-1"
    )
    assert alert.person_id == "p-client" and "Cleo Client" in alert.message


@pytest.mark.parametrize(
    ("evaluations", "expected"),
    [
        ([ev("pre", date(2026, 3, 10))], 0),
        ([ev("pre", date(2026, 2, 1))], 0),
        ([ev("pre", None)], 1),
        ([ev("post", date(2026, 3, 1))], 1),
        ([ev("pre", date(2026, 3, 1), rel_id="rel-other")], 1),
    ],
)
def test_pre_evaluation_must_be_completed_by_the_first_regular_session(evaluations, expected):
    facts = hub(
        relationships=[rel()], meetings=[meeting("m1", date(2026, 3, 10))], evaluations=evaluations
    )
    assert len(only(facts, "pre-evaluation-missing", date(2026, 6, 1))) == expected


def ended_rel(ended=date(2026, 3, 1), status="ended"):
    return rel(status=status, ended=ended)


def test_post_evaluation_missing_from_ended_plus_15_days():
    facts = hub(relationships=[ended_rel()])
    alert = check_boundary(
        facts, "post-evaluation-missing", date(2026, 3, 16), CLIENT.email, "rel-1"
    )
    assert "Cleo Client" in alert.message and "1 Mar 2026" in alert.message
    done = hub(relationships=[ended_rel()], evaluations=[ev("post", date(2026, 3, 20))])
    assert only(done, "post-evaluation-missing", date(2026, 4, 1)) == []


def test_practitioner_evaluation_missing_names_the_practitioner():
    facts = hub(relationships=[ended_rel()], evaluations=[ev("post", date(2026, 3, 2))])
    check_boundary(
        facts, "practitioner-evaluation-missing", date(2026, 3, 16), COACH.email, "rel-1"
    )
    done = hub(relationships=[ended_rel()], evaluations=[ev("practitioner-post", date(2026, 3, 2))])
    assert only(done, "practitioner-evaluation-missing", date(2026, 4, 1)) == []


def test_followup_overdue_from_ended_plus_6_months_plus_15_days_at_month_end():
    facts = hub(relationships=[ended_rel(date(2025, 8, 31))])
    check_boundary(facts, "followup-evaluation-overdue", date(2026, 3, 15), CLIENT.email, "rel-1")
    done = hub(
        relationships=[ended_rel(date(2025, 8, 31))],
        evaluations=[ev("follow-up", date(2026, 3, 1))],
    )
    assert only(done, "followup-evaluation-overdue", date(2026, 6, 1)) == []


def test_evaluation_periods_from_settings_take_effect():
    settings = HubSettings(evaluation_grace_days=0, followup_months=3)
    facts = hub(relationships=[ended_rel(date(2026, 1, 31))])
    check_boundary(
        facts, "post-evaluation-missing", date(2026, 2, 1), CLIENT.email, "rel-1", settings
    )
    check_boundary(
        facts, "followup-evaluation-overdue", date(2026, 5, 1), CLIENT.email, "rel-1", settings
    )


def test_evaluation_completed_after_today_does_not_count_yet():
    facts = hub(relationships=[ended_rel()], evaluations=[ev("post", date(2026, 4, 10))])
    assert len(only(facts, "post-evaluation-missing", date(2026, 4, 1))) == 1
    assert only(facts, "post-evaluation-missing", date(2026, 4, 10)) == []


@pytest.mark.parametrize(
    ("status", "ended"), [("withdrawn", date(2026, 3, 1)), ("active", None), ("ended", None)]
)
def test_only_ended_relationships_with_an_end_date_need_end_evaluations(status, ended):
    facts = hub(relationships=[ended_rel(ended, status=status)])
    rules = {a.rule for a in evaluate(facts, SETTINGS, date(2027, 6, 1))}
    assert not rules & {
        "post-evaluation-missing",
        "practitioner-evaluation-missing",
        "followup-evaluation-overdue",
    }


# --- practitioner registrations ----------------------------------------------------------------


def test_supervision_overdue_counted_from_registration_at_month_end():
    facts = hub(registrations=[reg(registered_on=date(2025, 11, 30))])
    alert = check_boundary(
        facts,
        "supervision-overdue",
        date(2026, 3, 1),
        COACH.email,
        None,
        subject=("registration", "r-coach"),
    )
    assert "28 Feb 2026" in alert.message


def test_supervision_overdue_counted_from_the_latest_supervision_on_or_before_today():
    facts = hub(
        registrations=[reg()],
        supervision_dates={"p-coach": [date(2025, 12, 1), date(2026, 1, 31), date(2026, 6, 1)]},
    )
    check_boundary(facts, "supervision-overdue", date(2026, 5, 1), COACH.email, None)
    assert only(facts, "supervision-overdue", date(2026, 6, 1)) == []


def test_supervision_months_setting_takes_effect():
    facts = hub(registrations=[reg()], supervision_dates={"p-coach": [date(2026, 1, 31)]})
    check_boundary(
        facts,
        "supervision-overdue",
        date(2026, 3, 1),
        COACH.email,
        None,
        HubSettings(supervision_months=1),
    )


@pytest.mark.parametrize(
    ("kind", "status"),
    [("coach", "paused"), ("coach", "approved"), ("coach", "withdrawn"), ("mentor", "active")],
)
def test_supervision_is_for_active_coaches_only(kind, status):
    facts = hub(registrations=[reg(kind=kind, status=status, has_certificate=True)])
    assert only(facts, "supervision-overdue", date(2027, 1, 1)) == []


def test_cpd_overdue_per_registration_for_a_person_both_coach_and_mentor():
    facts = hub(
        registrations=[
            reg(registered_on=date(2025, 1, 31)),
            reg("r-mentor", kind="mentor", registered_on=date(2025, 1, 31)),
        ],
    )
    assert only(facts, "cpd-overdue", date(2026, 1, 31)) == []
    alerts = only(facts, "cpd-overdue", date(2026, 2, 1))
    assert [(a.subject_id, a.person, a.since, a.days) for a in alerts] == [
        ("r-coach", COACH.email, date(2026, 2, 1), 0),
        ("r-mentor", COACH.email, date(2026, 2, 1), 0),
    ]


def test_cpd_overdue_from_latest_cpd_and_settings():
    facts = hub(registrations=[reg()], cpd_dates={"p-coach": [date(2025, 3, 31), date(2025, 2, 1)]})
    check_boundary(facts, "cpd-overdue", date(2026, 4, 1), COACH.email, None)
    check_boundary(
        facts, "cpd-overdue", date(2025, 10, 1), COACH.email, None, HubSettings(cpd_months=6)
    )


@pytest.mark.parametrize("status", ["paused", "applied", "approved", "withdrawn", "rejected"])
def test_cpd_profile_and_org_support_need_an_active_registration(status):
    facts = hub(registrations=[reg(status=status, org_support_on=None)])
    rules = {a.rule for a in evaluate(facts, SETTINGS, date(2028, 1, 1))}
    assert not rules & {
        "cpd-overdue",
        "profile-stale",
        "org-support-missing",
        "supervision-overdue",
    }


def test_profile_stale_from_last_review():
    facts = hub(registrations=[reg(profile_reviewed_on=date(2025, 2, 28))])
    check_boundary(facts, "profile-stale", date(2026, 3, 1), COACH.email, None)
    settings = HubSettings(profile_review_months=1)
    check_boundary(facts, "profile-stale", date(2025, 3, 29), COACH.email, None, settings)


def test_profile_never_reviewed_counts_from_registration_per_registration():
    facts = hub(
        registrations=[
            reg(registered_on=date(2025, 3, 1)),
            reg(
                "r-mentor",
                kind="mentor",
                registered_on=date(2025, 3, 1),
                profile_reviewed_on=date(2026, 1, 1),
            ),
        ]
    )
    alert = check_boundary(facts, "profile-stale", date(2026, 3, 2), COACH.email, None)
    assert alert.subject_id == "r-coach"


def mentor(**kw):
    values = dict(training_on=date(2025, 8, 31), hours_committed=12)
    values.update(kw)
    return reg("r-mentor", kind="mentor", **values)


def test_mentor_training_lapsed_from_training_plus_6_months():
    facts = hub(registrations=[mentor()])
    alert = check_boundary(facts, "mentor-training-lapsed", date(2026, 3, 1), COACH.email, None)
    assert alert.subject_id == "r-mentor" and "31 Aug 2025" in alert.message
    settings = HubSettings(mentor_training_months=1)
    check_boundary(facts, "mentor-training-lapsed", date(2025, 10, 1), COACH.email, None, settings)


@pytest.mark.parametrize(
    ("relationships", "expected"),
    [
        ([rel(kind="mentoring", status="ended", ended=date(2025, 12, 1))], 0),
        ([rel(kind="mentoring", status="contracting")], 0),
        ([rel(kind="mentoring", status="withdrawn")], 1),
        ([rel(kind="coaching")], 1),
        ([rel(kind="mentoring", practitioner_id="p-client", client_id="p-coach")], 1),
    ],
)
def test_mentor_training_lapsed_needs_no_mentoring_relationship(relationships, expected):
    facts = hub(registrations=[mentor()], relationships=relationships)
    assert len(only(facts, "mentor-training-lapsed", date(2026, 6, 1))) == expected


@pytest.mark.parametrize(
    ("status", "expected"), [("paused", 1), ("applied", 1), ("withdrawn", 0), ("rejected", 0)]
)
def test_mentor_training_lapsed_for_any_open_registration(status, expected):
    facts = hub(registrations=[mentor(status=status)])
    assert len(only(facts, "mentor-training-lapsed", date(2026, 6, 1))) == expected


def test_mentor_training_lapsed_needs_a_training_date():
    facts = hub(registrations=[mentor(training_on=None)])
    assert only(facts, "mentor-training-lapsed", date(2027, 1, 1)) == []


def mentoring_facts(meetings, **kw):
    return hub(
        registrations=[mentor(approved_on=date(2025, 1, 31), **kw)],
        relationships=[rel("rel-m", kind="mentoring")],
        meetings=meetings,
    )


def test_mentor_hours_once_approved_more_than_12_months_ago():
    facts = mentoring_facts([])
    assert only(facts, "mentor-hours-below-commitment", date(2026, 1, 31)) == []
    [alert] = only(facts, "mentor-hours-below-commitment", date(2026, 2, 1))
    assert (alert.person, alert.relationship, alert.since, alert.days) == (
        COACH.email,
        None,
        date(2026, 2, 1),
        0,
    )
    assert alert.severity == "warning" and alert.subject_id == "r-mentor"
    [later] = only(facts, "mentor-hours-below-commitment", date(2026, 5, 1))
    assert (later.since, later.days) == (date(2026, 5, 1), 0)


def test_mentor_hours_count_held_sessions_in_the_12_months_up_to_today():
    today = date(2026, 6, 15)
    held = [
        meeting(f"m{i}", date(2025, 7, 1) + i * 20 * DAY, minutes=90, rel_id="rel-m")
        for i in range(7)
    ]
    edge = meeting(
        "m-edge", date(2025, 6, 15), minutes=120, rel_id="rel-m"
    )  # 12 months ago: outside
    other = [
        meeting("c1", date(2026, 1, 1), minutes=600, status="cancelled", rel_id="rel-m"),
        meeting("f1", date(2026, 7, 1), minutes=600, rel_id="rel-m"),  # after today
    ]
    facts = mentoring_facts([*held, edge, *other])  # 7 x 1.5 h = 10.5 h < 12
    [alert] = only(facts, "mentor-hours-below-commitment", today)
    assert "10.5 hours" in alert.message
    facts = mentoring_facts([*held, replace(edge, date=date(2025, 6, 16))])  # 12.5 h
    assert only(facts, "mentor-hours-below-commitment", today) == []


def test_mentor_hours_use_commitment_or_the_settings_minimum():
    held = [meeting("m1", date(2026, 5, 1), minutes=600, rel_id="rel-m")]  # 10 h
    today = date(2026, 6, 1)
    assert (
        len(
            only(
                mentoring_facts(held, hours_committed=None), "mentor-hours-below-commitment", today
            )
        )
        == 1
    )
    assert (
        only(mentoring_facts(held, hours_committed=10), "mentor-hours-below-commitment", today)
        == []
    )
    settings = HubSettings(mentor_minimum_hours=10)
    assert (
        only(
            mentoring_facts(held, hours_committed=None),
            "mentor-hours-below-commitment",
            today,
            settings,
        )
        == []
    )


def test_mentor_hours_ignore_withdrawn_and_coaching_relationships_and_paused_mentors():
    facts = hub(
        registrations=[mentor(approved_on=date(2025, 1, 1))],
        relationships=[
            rel("rel-w", kind="mentoring", status="withdrawn"),
            rel("rel-c", kind="coaching"),
        ],
        meetings=[
            meeting("m1", date(2026, 5, 1), minutes=900, rel_id=r) for r in ("rel-w", "rel-c")
        ],
    )
    assert len(only(facts, "mentor-hours-below-commitment", date(2026, 6, 1))) == 1
    paused = mentoring_facts([], status="paused")
    assert only(paused, "mentor-hours-below-commitment", date(2026, 6, 1)) == []


def test_accreditation_evidence_missing_from_registration_for_every_open_coach_registration():
    facts = hub(
        registrations=[reg(status="applied", has_certificate=False, registered_on=date(2026, 2, 1))]
    )
    check_boundary(facts, "accreditation-evidence-missing", date(2026, 2, 1), COACH.email, None)
    for status in ("withdrawn", "rejected"):
        closed = hub(registrations=[reg(status=status, has_certificate=False)])
        assert only(closed, "accreditation-evidence-missing", date(2026, 6, 1)) == []
    mentors = hub(registrations=[mentor(has_certificate=False)])
    assert only(mentors, "accreditation-evidence-missing", date(2026, 6, 1)) == []


def test_org_support_missing_from_registration_per_active_registration():
    facts = hub(
        registrations=[
            reg(org_support_on=None, registered_on=date(2026, 2, 1)),
            mentor(org_support_on=None, registered_on=date(2026, 2, 1)),
        ]
    )
    assert only(facts, "org-support-missing", date(2026, 1, 31)) == []
    alerts = only(facts, "org-support-missing", date(2026, 2, 1))
    assert [(a.subject_id, a.person, a.days) for a in alerts] == [
        ("r-coach", COACH.email, 0),
        ("r-mentor", COACH.email, 0),
    ]


def test_capacity_exceeded_counts_open_relationships_of_the_registrations_kind():
    client2 = replace(CLIENT, id="p-c2", email="c2@trust.nhs.uk")
    relationships = [
        rel("a", status="contracting"),
        rel("b", status="active", client_id="p-c2"),
        rel("c", status="ended", ended=date(2026, 2, 1)),
        rel("d", status="withdrawn"),
        rel("e", kind="mentoring"),
    ]
    facts = hub(
        (COACH, CLIENT, client2),
        registrations=[reg(capacity=1), mentor(capacity=1)],
        relationships=relationships,
    )
    [alert] = only(facts, "capacity-exceeded", date(2026, 3, 1))
    assert (alert.person, alert.subject_id, alert.since, alert.days) == (
        COACH.email,
        "r-coach",
        date(2026, 3, 1),
        0,
    )
    assert "2 current coaching relationships" in alert.message
    roomy = hub(
        (COACH, CLIENT, client2), registrations=[reg(capacity=2)], relationships=relationships
    )
    assert only(roomy, "capacity-exceeded", date(2026, 3, 1)) == []


@pytest.mark.parametrize(
    ("status", "expected"), [("paused", 1), ("applied", 1), ("withdrawn", 0), ("rejected", 0)]
)
def test_capacity_exceeded_for_any_open_registration(status, expected):
    facts = hub(registrations=[reg(status=status, capacity=0)], relationships=[rel()])
    assert len(only(facts, "capacity-exceeded", date(2026, 3, 1))) == expected


# --- clients -----------------------------------------------------------------------------------


def client_facts(client, requests=(), relationships=()):
    return hub((COACH, client), requests=list(requests), relationships=list(relationships))


def test_manager_agreement_missing_since_the_earliest_request_or_start():
    client = replace(CLIENT, manager_agreement_on=None)
    facts = client_facts(
        client,
        requests=[
            RequestFacts("q1", "p-client", "p-coach", "coaching", "pending", date(2026, 3, 5)),
            RequestFacts("q0", "p-client", "p-coach", "coaching", "declined", date(2026, 1, 1)),
        ],
        relationships=[
            rel(started=date(2026, 3, 1)),
            rel("r2", status="ended", started=date(2025, 1, 1)),
        ],
    )
    alert = check_boundary(
        facts,
        "manager-agreement-missing",
        date(2026, 3, 1),
        CLIENT.email,
        None,
        subject=("person", "p-client"),
    )
    assert alert.severity == "warning"


def test_manager_agreement_missing_needs_an_open_request_or_relationship():
    client = replace(CLIENT, manager_agreement_on=None)
    closed = client_facts(
        client,
        relationships=[rel(status="ended", ended=date(2026, 2, 1)), rel("w", status="withdrawn")],
    )
    assert only(closed, "manager-agreement-missing", date(2026, 6, 1)) == []
    agreed = client_facts(CLIENT, relationships=[rel()])
    assert only(agreed, "manager-agreement-missing", date(2026, 6, 1)) == []


def test_client_rule_with_no_start_date_holds_from_today():
    client = replace(CLIENT, manager_agreement_on=None)
    facts = client_facts(client, relationships=[rel(status="contracting", started=None)])
    [alert] = only(facts, "manager-agreement-missing", date(2026, 6, 1))
    assert (alert.since, alert.days) == (date(2026, 6, 1), 0)


def test_eligibility_unmet_for_a_band_3_client():
    client = replace(CLIENT, band="3")
    facts = client_facts(
        client,
        requests=[
            RequestFacts("q1", "p-client", "p-coach", "mentoring", "pending", date(2026, 4, 2))
        ],
    )
    alert = check_boundary(facts, "eligibility-unmet", date(2026, 4, 2), CLIENT.email, None)
    assert "band 3 is below the eligible bands" in alert.message


@pytest.mark.parametrize(
    "client",
    [
        replace(CLIENT, band="3", has_override=True),
        replace(CLIENT, band="3", leadership_programme=True),
        replace(CLIENT, region="east of england"),
    ],
)
def test_eligibility_unmet_suppressed_by_override_or_eligibility(client):
    facts = client_facts(client, relationships=[rel()])
    assert only(facts, "eligibility-unmet", date(2026, 6, 1)) == []


def test_eligibility_follows_settings():
    facts = client_facts(CLIENT, relationships=[rel()])
    assert (
        len(only(facts, "eligibility-unmet", date(2026, 6, 1), HubSettings(region="London"))) == 1
    )


# --- ordering ----------------------------------------------------------------------------------


def test_alerts_sorted_by_rule_order_then_since_then_person_then_subject():
    facts = hub(
        registrations=[reg(has_certificate=False, registered_on=date(2026, 1, 1))],
        requests=[
            RequestFacts("q2", "p-client", "p-coach", "coaching", "pending", date(2026, 1, 1)),
            RequestFacts("q1", "p-client", "p-coach", "coaching", "pending", date(2026, 1, 1)),
            RequestFacts("q0", "p-client", "p-coach", "coaching", "pending", date(2026, 1, 2)),
        ],
        supervision_dates={"p-coach": [date(2026, 1, 1)]},
        cpd_dates={"p-coach": [date(2026, 1, 1)]},
    )
    alerts = evaluate(facts, SETTINGS, date(2026, 2, 1))
    assert [(a.rule, a.subject_id) for a in alerts] == [
        ("request-unanswered", "q1"),
        ("request-unanswered", "q2"),
        ("request-unanswered", "q0"),
        ("accreditation-evidence-missing", "r-coach"),
    ]


# --- falling due -------------------------------------------------------------------------------


def test_falling_due_lists_a_post_evaluation_until_its_last_day():
    facts = hub(
        people=(COACH, replace(CLIENT, full_name="Ellis Grant")),
        relationships=[ended_rel(date(2026, 9, 18))],
    )
    items = [
        d
        for d in falling_due(facts, SETTINGS, date(2026, 9, 20))
        if d.rule == "post-evaluation-missing"
    ]
    [item] = items
    assert (item.person, item.relationship, item.due_on) == (
        CLIENT.email,
        "rel-1",
        date(2026, 10, 2),
    )
    assert item.message.startswith("Post evaluation from Ellis Grant due by 2 Oct 2026")
    on_the_day = falling_due(facts, SETTINGS, date(2026, 10, 2))
    assert "post-evaluation-missing" in {d.rule for d in on_the_day}
    overdue = falling_due(facts, SETTINGS, date(2026, 10, 3))
    assert "post-evaluation-missing" not in {d.rule for d in overdue}
    too_early = falling_due(facts, SETTINGS, date(2026, 9, 17))
    assert "post-evaluation-missing" not in {d.rule for d in too_early}


def test_falling_due_horizon_and_order():
    facts = hub(
        registrations=[reg(registered_on=date(2025, 1, 1), profile_reviewed_on=date(2025, 6, 20))],
        requests=[
            RequestFacts("q1", "p-client", "p-coach", "coaching", "pending", date(2026, 6, 1))
        ],
        relationships=[rel()],
        meetings=[meeting("m1", date(2026, 6, 3), status="scheduled")],
        supervision_dates={"p-coach": [date(2026, 3, 24)]},
        cpd_dates={"p-coach": [date(2026, 1, 1)]},
    )
    items = falling_due(facts, SETTINGS, date(2026, 6, 10))
    assert [(d.rule, d.due_on) for d in items] == [
        ("request-unanswered", date(2026, 6, 15)),
        ("session-not-recorded", date(2026, 6, 17)),
        ("profile-stale", date(2026, 6, 20)),
        ("supervision-overdue", date(2026, 6, 24)),
    ]
    assert [d.subject_id for d in items] == ["q1", "m1", "r-coach", "r-coach"]
    assert items[0].relationship is None and items[1].relationship == "rel-1"
    assert all(d.person == COACH.email for d in items)
    short = falling_due(facts, SETTINGS, date(2026, 6, 10), horizon_days=5)
    assert [d.rule for d in short] == ["request-unanswered"]


def test_falling_due_covers_follow_up_practitioner_cpd_and_mentor_training():
    facts = hub(
        registrations=[
            reg(profile_reviewed_on=date(2026, 1, 1)),
            mentor(training_on=date(2025, 12, 20)),
        ],
        relationships=[ended_rel(date(2025, 12, 20))],
        evaluations=[ev("post", date(2025, 12, 21))],
        cpd_dates={"p-coach": [date(2025, 7, 1)]},
        supervision_dates={"p-coach": [date(2026, 5, 1)]},
    )
    items = falling_due(facts, SETTINGS, date(2026, 6, 20))
    assert [(d.rule, d.due_on, d.subject_id) for d in items] == [
        ("mentor-training-lapsed", date(2026, 6, 20), "r-mentor"),
        ("cpd-overdue", date(2026, 7, 1), "r-coach"),
        ("cpd-overdue", date(2026, 7, 1), "r-mentor"),
        ("followup-evaluation-overdue", date(2026, 7, 4), "rel-1"),
    ]
    assert items[-1].person == CLIENT.email
    assert items[-1].message.startswith("Follow-up evaluation from Cleo Client due by 4 Jul 2026")
    today_only = falling_due(facts, SETTINGS, date(2026, 6, 20), horizon_days=0)
    assert [d.rule for d in today_only] == ["mentor-training-lapsed"]
    early = falling_due(facts, SETTINGS, date(2025, 12, 25))
    assert [(d.rule, d.due_on, d.person) for d in early] == [
        ("profile-stale", date(2026, 1, 1), COACH.email),  # mentor profile never reviewed
        ("practitioner-evaluation-missing", date(2026, 1, 3), COACH.email),
    ]


# --- acceptance: the facts of exchange-example.json ------------------------------------------

SAM = PersonFacts(
    "sam", "sam.okafor@example-trust.nhs.uk", "Sam Okafor", "8b", "East of England", True,
    None, False,
)  # fmt: skip
ELLIS = PersonFacts(
    "ellis", "ellis.grant@example-trust.nhs.uk", "Ellis Grant", "7", "East of England", False,
    date(2026, 3, 2), False,
)  # fmt: skip
KAI = PersonFacts(
    "kai", "kai.brennan@example-trust.nhs.uk", "Kai Brennan", "3", "East of England", False,
    date(2026, 4, 1), True,
)  # fmt: skip
REL_ID = "c7e2a9b4-6d13-4f58-9e0a-b1c2d3e40004"
SAM_COACH = "0b6e4f3a-5c1d-4f0e-9a53-3f2a9d1c7e01"
SAM_MENTOR = "5d2c7b9e-8f41-4a6b-b0c2-1e9f3a7d4c02"
SESSION = "e1d2c3b4-a5f6-4789-8abc-def01234000"
EXAMPLE = HubFacts(
    people={p.id: p for p in (SAM, ELLIS, KAI)},
    registrations=[
        reg(
            SAM_COACH,
            "sam",
            "coach",
            "active",
            registered_on=date(2025, 9, 1),
            approved_on=date(2025, 9, 15),
            profile_reviewed_on=date(2026, 9, 1),
            capacity=2,
            has_certificate=True,
            org_support_on=date(2025, 8, 20),
        ),
        reg(
            SAM_MENTOR,
            "sam",
            "mentor",
            "active",
            registered_on=date(2025, 9, 1),
            approved_on=date(2025, 9, 15),
            profile_reviewed_on=None,
            capacity=1,
            has_certificate=False,
            org_support_on=date(2025, 8, 20),
            training_on=date(2025, 7, 10),
            hours_committed=12,
        ),
    ],
    requests=[
        RequestFacts(
            "9a1f0c3e-2b7d-4e8a-a6f5-c4d3b2a10003",
            "ellis",
            "sam",
            "coaching",
            "accepted",
            date(2026, 3, 3),
        )
    ],
    relationships=[
        RelationshipFacts(
            REL_ID, "coaching", "sam", "ellis", "ended", date(2026, 3, 20), date(2026, 9, 18)
        )
    ],
    meetings=[
        meeting(
            f"{SESSION}5", date(2026, 3, 20), "contracting", "held", date(2026, 3, 21), REL_ID, 60
        ),
        meeting(f"{SESSION}6", date(2026, 4, 10), "regular", "held", date(2026, 4, 10), REL_ID, 90),
        meeting(
            f"{SESSION}7", date(2026, 5, 8), "regular", "cancelled", date(2026, 5, 8), REL_ID, 90
        ),
    ],
    evaluations=[
        EvaluationFacts("f0e1d2c3-b4a5-4967-8a9b-0c1d2e3f0008", REL_ID, "pre", date(2026, 3, 18)),
        EvaluationFacts("f0e1d2c3-b4a5-4967-8a9b-0c1d2e3f0009", REL_ID, "post", date(2026, 9, 25)),
    ],
    cpd_dates={"sam": [date(2026, 2, 12)]},
    supervision_dates={"sam": [date(2026, 8, 14)]},
)


def test_exchange_example_gives_exactly_five_alerts_on_22_nov_2026():
    alerts = evaluate(EXAMPLE, SETTINGS, date(2026, 11, 22))
    sam = SAM.email
    assert [(a.rule, a.person, a.relationship, a.since, a.days, a.subject_id) for a in alerts] == [
        ("practitioner-evaluation-missing", sam, REL_ID, date(2026, 10, 3), 50, REL_ID),
        ("supervision-overdue", sam, None, date(2026, 11, 15), 7, SAM_COACH),
        ("profile-stale", sam, None, date(2026, 9, 2), 81, SAM_MENTOR),
        ("mentor-training-lapsed", sam, None, date(2026, 1, 11), 315, SAM_MENTOR),
        ("mentor-hours-below-commitment", sam, None, date(2026, 11, 22), 0, SAM_MENTOR),
    ]
    assert [a.severity for a in alerts] == ["overdue", "overdue", "overdue", "overdue", "warning"]
    assert all("Sam Okafor" in a.message for a in alerts)
    assert {tuple(a.as_json()) for a in alerts} == {
        ("rule", "severity", "person", "relationship", "since", "days", "message")
    }
