"""Fillable evaluation forms: one per evaluation alert, with the fields SPEC 11 names."""

from __future__ import annotations

from datetime import date

from coachdesk.domain.clock import Clock
from coachdesk.services.compliance import alerts
from coachdesk.services.evaluation_forms import form_for_alert
from coachdesk.services.evaluation_forms.identity import SECRET_KEY
from coachdesk.storage.models import Setting
from tests.helpers.forms import field_values, radio_choices

TODAY = date(2026, 12, 7)  # the relationship ended on 18 Sep 2026: post evaluations overdue


def _alert(db, rule, rel_id):
    return next(a for a in alerts(db, TODAY) if a.rule == rule and a.relationship == rel_id)


def test_a_post_evaluation_alert_gets_a_fillable_form_with_the_fields_spec_11_names(
    db, hub
) -> None:
    rel = hub.relationship(status="ended")
    form = form_for_alert(db, _alert(db, "post-evaluation-missing", rel.id))
    assert form is not None
    assert form.filename == (
        f"{rel.client_name} - Client post-evaluation - coaching with {rel.practitioner_name}.pdf"
    )
    assert form.data.startswith(b"%PDF")
    choices = radio_choices(form.data)
    one_to_five = ["1", "2", "3", "4", "5"]
    assert choices["item.confidence"] == one_to_five
    assert choices["item.development_plan"] == one_to_five
    assert choices["objective.1"] == [str(n) for n in range(11)]
    assert "objective.3" not in choices  # the relationship has two objectives
    values = field_values(form.data)
    assert {"comments", "completed_on", "coachdesk.form"} <= set(values)
    reference = str(values["coachdesk.form"])
    assert f"rel={rel.id}" in reference and "kind=post" in reference and "check=" in reference


def test_the_practitioner_form_uses_the_practitioner_template_and_rates_no_objectives(
    db, hub
) -> None:
    rel = hub.relationship(status="ended")
    form = form_for_alert(db, _alert(db, "practitioner-evaluation-missing", rel.id))
    assert form is not None
    assert form.filename.startswith(f"{rel.practitioner_name} - Practitioner post-evaluation")
    choices = radio_choices(form.data)
    assert "item.contract_clear" in choices
    assert not [n for n in choices if n.startswith("objective.")]


def test_other_alerts_get_no_form_and_the_secret_is_made_once(db, hub) -> None:
    hub.relationship(status="ended")
    db.clock = Clock(today=TODAY)
    others = [a for a in alerts(db, TODAY) if "evaluation" not in a.rule]
    assert others and all(form_for_alert(db, a) is None for a in others)
    with db.uow() as uow:
        assert uow.session.get(Setting, SECRET_KEY) is None  # nothing written for nothing
    evaluation = next(a for a in alerts(db, TODAY) if a.rule == "post-evaluation-missing")
    first = field_values(form_for_alert(db, evaluation).data)["coachdesk.form"]
    again = field_values(form_for_alert(db, evaluation).data)["coachdesk.form"]
    assert first == again
