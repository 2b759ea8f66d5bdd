"""Impact from stored evaluations: pairs per relationship, period and kind filters."""

from __future__ import annotations

from datetime import date

import pytest

from coachdesk.errors import NotFound, UserError
from coachdesk.services import evaluations
from coachdesk.services.dto import EvaluationInput
from coachdesk.services.impact import impact


def _answers(confidence: int | None, morale: int | None = None) -> dict[str, int | None]:
    return {"confidence": confidence, "morale": morale}


def _add(db, rel_id: str, kind: str, on: date, answers: dict, ratings=()) -> None:
    evaluations.add_evaluation(db, rel_id, EvaluationInput(kind, on, answers, tuple(ratings)))


@pytest.fixture
def three(db, hub):
    """Two coaching relationships with pre and post; a mentoring one with pre and follow-up;
    one with only a pre."""
    a = hub.relationship(status="ended")
    b = hub.relationship(status="ended")
    m = hub.relationship("mentoring", status="ended")
    lone = hub.relationship(status="active")
    _add(db, a.id, "pre", date(2026, 3, 18), _answers(2, 3))
    _add(db, a.id, "post", date(2026, 9, 25), _answers(4, 4), (8, 6))
    _add(db, b.id, "pre", date(2026, 3, 19), _answers(1))
    _add(db, b.id, "post", date(2026, 10, 5), _answers(4, 5), (10,))
    _add(db, m.id, "pre", date(2026, 3, 20), _answers(3, 2))
    _add(db, m.id, "follow-up", date(2027, 3, 20), _answers(5, 5))
    _add(db, lone.id, "pre", date(2026, 3, 21), _answers(1, 1))
    return a, b, m, lone


def test_mean_change_per_item_over_relationships_with_both(db, three) -> None:
    report = impact(db)
    assert report.template == "client-default"
    assert (report.scale_min, report.scale_max) == (1, 5)
    assert [i.key for i in report.items][:3] == ["confidence", "motivation", "morale"]
    assert len(report.items) == 7
    items = {i.key: i for i in report.items}
    # confidence: a 2→4, b 1→4 (the lone pre is excluded)
    assert (items["confidence"].post.pairs, items["confidence"].post.mean) == (2, 2.5)
    assert items["confidence"].post.before == pytest.approx(1.5)
    # morale: b skipped it at pre, so one pair
    assert (items["morale"].post.pairs, items["morale"].post.mean) == (1, 1.0)
    assert (items["morale"].follow_up.pairs, items["morale"].follow_up.mean) == (1, 3.0)
    assert items["stress"].post.pairs == 0 and items["stress"].post.mean is None
    assert (report.pairs_post, report.pairs_follow_up) == (2, 1)
    assert report.attainment_post.mean == pytest.approx(8.0)
    assert report.attainment_post.evaluations == 2
    assert not report.empty


def test_kind_and_period_filters(db, three) -> None:
    coaching = impact(db, kind="coaching")
    assert (coaching.pairs_post, coaching.pairs_follow_up) == (2, 0)
    mentoring = impact(db, kind="Mentoring")
    assert mentoring.kind == "mentoring"
    assert (mentoring.pairs_post, mentoring.pairs_follow_up) == (0, 1)
    # The period selects pairs by the later form's date: only b's post is in October.
    october = impact(db, start=date(2026, 10, 1), end=date(2026, 10, 31))
    assert (october.pairs_post, october.pairs_follow_up) == (1, 0)
    assert october.items[0].post.mean == pytest.approx(3.0)
    assert impact(db, end=date(2026, 9, 1)).empty


def test_an_empty_hub_has_no_pairs(db) -> None:
    report = impact(db)
    assert report.empty
    assert all(i.post.pairs == 0 and i.follow_up.pairs == 0 for i in report.items)
    assert report.attainment_post.mean is None


def test_bad_filters_are_refused(db) -> None:
    with pytest.raises(UserError) as err:
        impact(db, kind="therapy", start=date(2026, 5, 1), end=date(2026, 4, 1))
    assert err.value.problems == [
        "To cannot be before the start date, 1 May 2026",
        "Kind: 'therapy' is not one of coaching, mentoring",
    ]
    with pytest.raises(NotFound):
        impact(db, template="nope")


def test_the_practitioner_template_has_no_pre_so_no_pairs(db, three) -> None:
    report = impact(db, template="practitioner-default")
    assert report.empty and report.title.startswith("Practitioner")
