"""suggest_practitioners: the register's candidates for a client, ranked with reasons."""

from __future__ import annotations

import pytest

from coachdesk.errors import NotFound, UserError
from coachdesk.services import register
from coachdesk.services.matching import suggest_practitioners


def test_suggestions_rank_the_register_for_the_client(db, hub) -> None:
    client = hub.person(
        "Ellis Grant",
        organisation="Example Community Trust",
        manager_email="ria.chen@example.nhs.uk",
        development_areas=("new leaders",),
    )
    expert = hub.person("Sam Okafor", organisation="Example Acute Trust")
    hub.registration(expert, "coach", specialisms=("New Leaders",))
    busy = hub.coach("Busy Coach")
    hub.relationship("coaching", busy, hub.person("Someone Else"))
    hub.coach("Ria Chen")  # the client's line manager
    hub.coach("Same Trust", organisation="Example Community Trust")
    gone = hub.coach("Gone Coach")
    register.set_registration_status(
        db, register.get_person(db, gone.email).registrations[0].id, "withdrawn"
    )
    hub.mentor("Only Mentor")
    hub.registration(client, "coach")  # the client is a coach too: never their own match

    ranked = suggest_practitioners(db, client.email.upper(), "coaching")
    assert [s.full_name for s in ranked] == ["Sam Okafor", "Busy Coach", "Ria Chen", "Same Trust"]
    assert [s.suitable for s in ranked] == [True, True, False, False]
    assert "specialisms meet 1 of Ellis's 1 development areas: new leaders" in ranked[0].reasons
    assert "has 1 current client" in ranked[1].reasons
    assert ranked[2].blockers == ("is Ellis's line manager",)
    allowed = suggest_practitioners(db, client.email, "coaching", allow_same_organisation=True)
    assert [s.full_name for s in allowed if s.suitable] == [
        "Sam Okafor",
        "Same Trust",
        "Busy Coach",
    ]
    assert [s.full_name for s in suggest_practitioners(db, client.email, "mentoring")] == [
        "Only Mentor"
    ]


def test_unknown_client_or_kind(db) -> None:
    with pytest.raises(NotFound, match="ghost@example.nhs.uk"):
        suggest_practitioners(db, "ghost@example.nhs.uk", "coaching")
    with pytest.raises(UserError, match="Kind: 'therapy' is not one of coaching, mentoring"):
        suggest_practitioners(db, "ghost@example.nhs.uk", "therapy")
