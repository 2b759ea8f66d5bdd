"""Evaluations: answers checked against the template, objective ratings, one of each kind."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from coachdesk.errors import NotFound, UserError
from coachdesk.services import evaluations, relationships
from coachdesk.services.dto import EvaluationInput

PRE = EvaluationInput("pre", date(2026, 3, 18), {"confidence": 2, "motivation": 3, "stress": None})
POST = EvaluationInput("post", date(2026, 9, 25), {"confidence": 4}, (8, 6), "Helped me a lot.")


def test_an_evaluation_uses_the_default_template_and_may_skip_items(db, hub) -> None:
    rel = hub.relationship(status="ended")
    pre = evaluations.add_evaluation(db, rel.id, PRE)
    assert (pre.value.template, dict(pre.value.answers)) == (
        "client-default",
        {"confidence": 2, "motivation": 3},
    )
    assert pre.changes.touches("evaluation", "relationship")
    post = evaluations.add_evaluation(db, rel.id, POST).value
    assert post.objective_ratings == (8, 6)
    mine = evaluations.add_evaluation(
        db, rel.id, EvaluationInput("practitioner-post", date(2026, 9, 20), {"contract_clear": 5})
    ).value
    assert mine.template == "practitioner-default"
    detail = relationships.get_relationship(db, rel.id)
    assert [e.kind for e in detail.evaluations] == ["pre", "practitioner-post", "post"]
    assert [d.kind for d in detail.due_evaluations] == ["follow-up"]


def test_answers_must_fit_the_template(db, hub, snapshot) -> None:
    rel = hub.relationship(status="ended")
    before = snapshot(db)
    bad = EvaluationInput(
        "follow up",
        None,
        {"confidence": 6, "morale": True, "happiness": 3, "stress": "4"},
        (11, -1, 5),
    )
    with pytest.raises(UserError) as err:
        evaluations.add_evaluation(db, rel.id, bad)
    assert err.value.problems == [
        "Completed on is required",
        "The answer to 'confidence': 6 is not a whole number from 1 to 5",
        "The answer to 'morale': True is not a whole number from 1 to 5",
        "Answers: 'happiness' is not an item of the template 'client-default'",
        "The answer to 'stress': '4' is not a whole number from 1 to 5",
        "Objective ratings: objective 1: 11 is not a whole number from 0 to 10",
        "Objective ratings: objective 2: -1 is not a whole number from 0 to 10",
        "Objective ratings: 3 ratings given but the relationship has 2 objectives",
    ]
    with pytest.raises(UserError) as err:
        evaluations.add_evaluation(db, rel.id, replace(PRE, kind="during"))
    assert err.value.problems == [
        "Kind: 'during' is not one of pre, post, follow-up, practitioner-post"
    ]
    assert snapshot(db) == before
    spelled = evaluations.add_evaluation(db, rel.id, replace(POST, kind="Follow Up")).value
    assert spelled.kind == "follow-up"


def test_objective_ratings_rules(db, hub) -> None:
    rel = hub.relationship(status="ended")
    with pytest.raises(UserError, match="a pre evaluation does not rate objectives"):
        evaluations.add_evaluation(db, rel.id, replace(PRE, objective_ratings=(5,)))
    none = hub.relationship(status="ended", objectives=())
    with pytest.raises(UserError, match="1 ratings given but the relationship has 0 objectives"):
        evaluations.add_evaluation(db, none.id, replace(POST, objective_ratings=(5,)))
    assert evaluations.add_evaluation(db, rel.id, replace(POST, objective_ratings=(0, 10))).value


def test_one_evaluation_of_each_kind_per_relationship(db, hub) -> None:
    rel = hub.relationship(status="ended")
    first = evaluations.add_evaluation(db, rel.id, POST).value
    with pytest.raises(UserError) as err:
        evaluations.add_evaluation(db, rel.id, replace(POST, completed_on=date(2026, 10, 1)))
    assert err.value.problems == [
        "Kind: this relationship already has a post evaluation (completed 25 Sep 2026)"
    ]
    pre = evaluations.add_evaluation(db, rel.id, PRE).value
    # Editing keeps its own kind; turning the pre into a second post is refused.
    fixed = evaluations.update_evaluation(
        db, first.id, replace(first.as_input(), comments="Edited")
    ).value
    assert fixed.comments == "Edited"
    with pytest.raises(UserError, match="already has a post evaluation"):
        evaluations.update_evaluation(db, pre.id, replace(pre.as_input(), kind="post"))
    evaluations.delete_evaluation(db, first.id)
    assert (
        evaluations.update_evaluation(db, pre.id, replace(pre.as_input(), kind="post")).value.kind
        == "post"
    )
    assert [e.kind for e in evaluations.list_evaluations(db, rel.id)] == ["post"]


def test_unknown_template_or_evaluation(db, hub) -> None:
    rel = hub.relationship(status="ended")
    with pytest.raises(
        NotFound, match="Questionnaire: no questionnaire template has the key 'nope'"
    ):
        evaluations.add_evaluation(db, rel.id, replace(PRE, template="nope"))
    with pytest.raises(NotFound, match="no-such-evaluation"):
        evaluations.get_evaluation(db, "no-such-evaluation")
