"""Matching (SPEC 2): candidates ranked, every reason given in plain English."""

from __future__ import annotations

from coachdesk.domain.matching import Candidate, ClientProfile, area_met, rank_candidates

ELLIS = ClientProfile(
    email="ellis.grant@example.nhs.uk",
    full_name="Ellis Grant",
    organisation="Example Community Trust",
    manager_email="ria.chen@example.nhs.uk",
    development_areas=("new leaders", "Resilience"),
)


def cand(name: str, **kw) -> Candidate:
    base = dict(
        registration_id=f"reg-{name}",
        email=f"{name.lower().replace(' ', '.')}@example.nhs.uk",
        full_name=name,
        kind="coach",
        status="active",
        capacity=2,
        current_clients=0,
        organisation="Example Acute Trust",
        specialisms=(),
    )
    base.update(kw)
    return Candidate(**base)


def test_every_criterion_is_given_as_a_reason() -> None:
    [s] = rank_candidates(
        ELLIS, [cand("Sam Okafor", specialisms=("New leaders",), current_clients=1)], "coaching"
    )
    assert s.suitable and s.blockers == () and s.rank == 1
    assert s.reasons == (
        "is an active coach",
        "has 1 free place (1 of 2 taken)",
        "is not Ellis's line manager",
        "works in Example Acute Trust, not Ellis's organisation",
        "specialisms meet 1 of Ellis's 2 development areas: new leaders",
        "has 1 current client",
    )
    assert s.matched_areas == ("new leaders",)


def test_unsuitable_candidates_come_last_with_their_blockers() -> None:
    candidates = [
        cand("Ria Chen", email="RIA.CHEN@example.nhs.uk"),
        cand("Full Up", current_clients=2),
        cand("Paused Coach", status="paused"),
        cand("Same Trust", organisation=" example community  trust"),
        cand("A Mentor", kind="mentor"),
        cand("Good Fit"),
    ]
    ranked = rank_candidates(ELLIS, candidates, "coaching")
    assert ranked[0].full_name == "Good Fit" and ranked[0].suitable
    blockers = {s.full_name: s.blockers for s in ranked[1:]}
    assert blockers == {
        "Ria Chen": ("is Ellis's line manager",),
        "Full Up": ("has no free place (2 of 2 taken)",),
        "Paused Coach": ("is a coach but the registration is paused, not active",),
        "Same Trust": ("works in Ellis's own organisation, example community  trust",),
        "A Mentor": ("is registered as a mentor, not for coaching",),
    }
    assert not any(s.suitable for s in ranked[1:])


def test_same_organisation_may_be_allowed() -> None:
    [s] = rank_candidates(
        ELLIS,
        [cand("Same Trust", organisation="Example Community Trust")],
        "coaching",
        allow_same_organisation=True,
    )
    assert s.suitable
    assert (
        "works in Ellis's own organisation, Example Community Trust (allowed for this search)"
        in s.reasons
    )


def test_ranking_prefers_specialisms_met_then_fewest_clients_then_free_places() -> None:
    ranked = rank_candidates(
        ELLIS,
        [
            cand(
                "Busy Expert",
                specialisms=("resilience", "new leaders"),
                current_clients=1,
                capacity=3,
            ),
            cand("Idle Generalist"),
            cand("Busy Generalist", current_clients=1, capacity=3),
            cand("Idle Expert", specialisms=("Resilience",), capacity=1),
            cand("Roomy Expert", specialisms=("Resilience",), capacity=4),
        ],
        "coaching",
    )
    assert [s.full_name for s in ranked] == [
        "Busy Expert",
        "Roomy Expert",
        "Idle Expert",
        "Idle Generalist",
        "Busy Generalist",
    ]
    assert [s.rank for s in ranked] == [1, 2, 3, 4, 5]


def test_a_client_cannot_be_matched_with_themself() -> None:
    [s] = rank_candidates(ELLIS, [cand("Ellis Grant")], "coaching")
    assert "is the client" in s.blockers


def test_development_areas_reasons() -> None:
    none = ClientProfile("x@example.nhs.uk", "Kai Brennan")
    [s] = rank_candidates(none, [cand("Sam Okafor")], "mentoring")
    assert "Kai has no development areas recorded to match specialisms against" in s.reasons
    assert "is registered as a coach, not for mentoring" in s.blockers
    [s] = rank_candidates(ELLIS, [cand("Sam Okafor", specialisms=("finance",))], "coaching")
    assert "no specialism meets Ellis's development areas (new leaders, Resilience)" in s.reasons
    assert s.suitable  # specialisms rank; they never exclude


def test_area_matching_ignores_case_and_punctuation_either_way_round() -> None:
    assert area_met("Leadership", ["new leadership roles"])
    assert area_met("team-working in a crisis", ["Team working"])
    assert not area_met("leader", ["leadership"])
    assert not area_met("", ["anything"])
