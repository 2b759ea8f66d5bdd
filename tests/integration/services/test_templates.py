"""Questionnaire templates: add, reword, reorder items; answers keep their meaning by key."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from coachdesk.errors import NotFound, UserError
from coachdesk.services import evaluations
from coachdesk.services.dto import EvaluationInput, TemplateInput, TemplateItemInput


def test_the_defaults_are_listed(db) -> None:
    keys = [t.key for t in evaluations.list_templates(db)]
    assert keys == ["client-default", "practitioner-default"]
    client = evaluations.get_template(db, "client-default")
    assert (client.scale_min, client.scale_max, len(client.items)) == (1, 5, 7)


def test_a_new_template_gets_keys_made_from_its_wording(db) -> None:
    data = TemplateInput(
        "mentee-short",
        "Mentee check-in",
        (
            TemplateItemInput("I feel heard!"),
            TemplateItemInput("I feel heard"),
            TemplateItemInput("Energy", "energy"),
        ),
        scale=(0, 10),
    )
    row = evaluations.save_template(db, data).value
    assert [i.key for i in row.items] == ["i_feel_heard", "i_feel_heard_2", "energy"]
    assert (row.scale_min, row.scale_max) == (0, 10)


def test_rewording_and_reordering_keep_answers_attached_to_their_item(db, hub) -> None:
    rel = hub.relationship(status="ended")
    evaluations.add_evaluation(
        db, rel.id, EvaluationInput("pre", date(2026, 3, 1), {"stress": 2, "morale": 4})
    )
    tpl = evaluations.get_template(db, "client-default")
    assert {i.key: i.answered for i in tpl.items}["stress"] == 1
    items = list(tpl.as_input().items)
    items.reverse()
    items[0] = replace(items[0], text="I have a written development plan")  # development_plan
    stress = next(i for i, it in enumerate(items) if it.key == "stress")
    items[stress] = replace(items[stress], text="I cope well with pressure at work")
    items.append(TemplateItemInput("I would recommend the hub to a colleague"))
    saved = evaluations.save_template(db, replace(tpl.as_input(), items=tuple(items))).value
    assert saved.items[0].key == "development_plan"
    assert saved.items[-1].key == "i_would_recommend_the_hub_to_a_colleague"
    by_key = {i.key: i for i in saved.items}
    assert (by_key["stress"].text, by_key["stress"].answered) == (
        "I cope well with pressure at work",
        1,
    )
    answers = evaluations.list_evaluations(db, rel.id)[0].answers
    assert dict(answers) == {"stress": 2, "morale": 4}


def test_an_answered_item_cannot_be_removed_nor_the_scale_shrunk_past_answers(
    db, hub, snapshot
) -> None:
    rel = hub.relationship(status="ended")
    evaluations.add_evaluation(db, rel.id, EvaluationInput("pre", date(2026, 3, 1), {"stress": 5}))
    tpl = evaluations.get_template(db, "client-default").as_input()
    before = snapshot(db)
    without_stress = tuple(i for i in tpl.items if i.key != "stress")
    with pytest.raises(UserError) as err:
        evaluations.save_template(db, replace(tpl, items=without_stress, scale=(1, 4)))
    assert err.value.problems == [
        "Statements: 'stress' has answers in 1 evaluation and cannot be removed; reword it instead",
        "Scale: 1 answer already given falls outside 1–4",
    ]
    # Changing a used item's key is removing it.
    renamed = tuple(replace(i, key="pressure") if i.key == "stress" else i for i in tpl.items)
    with pytest.raises(UserError, match="'stress' has answers"):
        evaluations.save_template(db, replace(tpl, items=renamed))
    assert snapshot(db) == before
    # An unanswered item may go.
    fewer = tuple(i for i in tpl.items if i.key != "morale")
    assert len(evaluations.save_template(db, replace(tpl, items=fewer)).value.items) == 6


def test_template_rules(db) -> None:
    bad = TemplateInput(
        "Client Default!",
        "",
        (
            TemplateItemInput("One", "a b"),
            TemplateItemInput("Two", "x"),
            TemplateItemInput("", "x"),
        ),
        scale=(5, 1),
    )
    with pytest.raises(UserError) as err:
        evaluations.save_template(db, bad)
    assert err.value.problems == [
        "Key: 'Client Default!' may use only a-z, 0-9, _ and -",
        "Title is required",
        "Scale: 5–1 is not a scale: the lowest must be below the highest (0–100)",
        "Statement 1's key: 'a b' may use only a-z, 0-9, _ and -",
        "Statement 3's wording is required",
        "Statements: the key 'x' is used by 2 items; each item needs its own",
    ]
    with pytest.raises(UserError, match="Statements: a template needs at least one item"):
        evaluations.save_template(db, TemplateInput("empty", "Empty", ()))


def test_deleting_templates(db, hub) -> None:
    with pytest.raises(UserError, match="one of the hub's defaults"):
        evaluations.delete_template(db, "client-default")
    evaluations.save_template(db, TemplateInput("short", "Short", (TemplateItemInput("Energy"),)))
    rel = hub.relationship(status="ended")
    ev = evaluations.add_evaluation(
        db, rel.id, EvaluationInput("pre", date(2026, 3, 1), {"energy": 3}, template="short")
    ).value
    with pytest.raises(UserError, match="used by 1 evaluation"):
        evaluations.delete_template(db, "short")
    evaluations.delete_evaluation(db, ev.id)
    evaluations.delete_template(db, "short")
    with pytest.raises(NotFound, match="'short'"):
        evaluations.get_template(db, "short")
