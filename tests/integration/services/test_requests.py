"""Requests: who may be asked, accepting opens a relationship, decline and withdraw."""

from __future__ import annotations

from datetime import date

import pytest

from coachdesk.errors import NotFound, UserError
from coachdesk.services import register, relationships, requests
from coachdesk.services.dto import RequestInput


def ask(hub, db, kind="coaching", sent_on=date(2026, 3, 3)):
    practitioner = hub.coach("Sam Okafor") if kind == "coaching" else hub.mentor("Sam Okafor")
    client = hub.person("Ellis Grant")
    data = RequestInput(client.email, practitioner.email, kind, sent_on)
    return requests.add_request(db, data).value


def test_a_request_is_pending_until_answered(db, hub) -> None:
    req = ask(hub, db)
    assert (req.status, req.sent_on, req.responded_on) == ("pending", date(2026, 3, 3), None)
    assert (req.client_name, req.practitioner_name) == ("Ellis Grant", "Sam Okafor")
    assert [r.id for r in requests.list_requests(db, status="pending")] == [req.id]
    assert requests.list_requests(db, status="accepted") == []
    assert [r.id for r in requests.list_requests(db, email="ELLIS.GRANT@example.nhs.uk")] == [
        req.id
    ]


def test_accepting_opens_a_contracting_relationship_in_the_same_write(db, hub) -> None:
    req = ask(hub, db)
    out = requests.accept_request(db, req.id, on=date(2026, 3, 9))
    accepted, rel = out.value.request, out.value.relationship
    assert (accepted.status, accepted.responded_on) == ("accepted", date(2026, 3, 9))
    assert accepted.relationship_id == rel.id
    assert (rel.status, rel.kind, rel.request) == ("contracting", "coaching", req.id)
    assert (rel.practitioner, rel.client) == (req.practitioner, req.client)
    assert out.changes.touches("request") and out.changes.touches("relationship")
    assert [r.id for r in relationships.list_relationships(db)] == [rel.id]


def test_a_request_is_answered_once(db, hub, snapshot) -> None:
    req = ask(hub, db)
    requests.decline_request(db, req.id, on=date(2026, 3, 5))
    before = snapshot(db)
    with pytest.raises(UserError, match="already declined on 5 Mar 2026; only a pending request"):
        requests.accept_request(db, req.id)
    assert snapshot(db) == before  # no relationship was opened
    assert relationships.list_relationships(db) == []


def test_decline_and_withdraw_set_the_response_date(db, hub) -> None:
    first = ask(hub, db)
    declined = requests.decline_request(db, first.id, on=date(2026, 3, 4)).value
    assert (declined.status, declined.responded_on) == ("declined", date(2026, 3, 4))
    client = register.get_person(db, first.client).person
    coach = register.get_person(db, first.practitioner).person
    again = requests.add_request(db, RequestInput(client.email, coach.email, "coaching")).value
    assert again.sent_on == db.clock.today()
    withdrawn = requests.withdraw_request(db, again.id).value
    assert (withdrawn.status, withdrawn.responded_on) == ("withdrawn", db.clock.today())


def test_a_response_cannot_precede_the_request(db, hub, snapshot) -> None:
    req = ask(hub, db)
    before = snapshot(db)
    with pytest.raises(UserError) as err:
        requests.accept_request(db, req.id, on=date(2026, 3, 1))
    assert err.value.problems == ["Answered on cannot be before the sent date, 3 Mar 2026"]
    assert snapshot(db) == before


def test_who_may_be_asked(db, hub, snapshot) -> None:
    coach = hub.coach("Sam Okafor")
    mentor = hub.mentor("Ria Chen")
    nobody = hub.person("Jo Patel")
    client = hub.person("Ellis Grant")
    before = snapshot(db)
    cases = [
        (
            RequestInput(client.email, nobody.email, "coaching"),
            "Practitioner: Jo Patel holds no coach registration",
        ),
        (
            RequestInput(client.email, coach.email, "mentoring"),
            "Practitioner: Sam Okafor holds no mentor registration",
        ),
        (
            RequestInput(mentor.email, mentor.email, "mentoring"),
            "Practitioner cannot be the same person as the client",
        ),
        (
            RequestInput(client.email, coach.email, "supervision"),
            "Kind: 'supervision' is not one of coaching, mentoring",
        ),
    ]
    for data, problem in cases:
        with pytest.raises(UserError) as err:
            requests.add_request(db, data)
        assert err.value.problems == [problem]
    reg = register.get_person(db, coach.email).registrations[0]
    register.set_registration_status(db, reg.id, "withdrawn")
    with pytest.raises(UserError, match="Sam Okafor's coach registration is withdrawn"):
        requests.add_request(db, RequestInput(client.email, coach.email, "coaching"))
    with pytest.raises(NotFound, match="no person has the e-mail 'ghost@example.nhs.uk'"):
        requests.add_request(db, RequestInput("ghost@example.nhs.uk", mentor.email, "mentoring"))
    before.pop("registrations"), before.pop("attachments")
    before.pop("audit_log")  # the status change above is audited
    after = snapshot(db)
    after.pop("registrations"), after.pop("attachments")
    after.pop("audit_log")
    assert after == before


def test_a_second_pending_request_to_the_same_practitioner_is_refused(db, hub) -> None:
    req = ask(hub, db)
    with pytest.raises(UserError, match="already has a pending coaching request to Sam Okafor"):
        requests.add_request(db, RequestInput(req.client, req.practitioner, "coaching"))


def test_accepting_is_refused_once_the_practitioner_has_withdrawn(db, hub) -> None:
    req = ask(hub, db, kind="mentoring")
    reg = register.get_person(db, req.practitioner).registrations[0]
    register.set_registration_status(db, reg.id, "withdrawn")
    with pytest.raises(UserError, match="mentor registration is withdrawn"):
        requests.accept_request(db, req.id)
    assert requests.get_request(db, req.id).status == "pending"


def test_delete_request(db, hub) -> None:
    req = ask(hub, db)
    requests.accept_request(db, req.id)
    with pytest.raises(UserError, match="opened a relationship"):
        requests.delete_request(db, req.id)
    other = requests.add_request(db, RequestInput(req.client, req.practitioner, "coaching")).value
    requests.delete_request(db, other.id)
    with pytest.raises(NotFound, match=other.id):
        requests.get_request(db, other.id)
