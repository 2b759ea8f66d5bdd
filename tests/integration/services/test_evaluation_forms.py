"""Fillable evaluation forms: one per evaluation alert, with the fields SPEC 11 names."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from coachdesk.domain.clock import Clock
from coachdesk.services import evaluations
from coachdesk.services.compliance import alerts
from coachdesk.services.dto import TemplateInput, TemplateItemInput
from coachdesk.services.evaluation_forms import form_for_alert, import_form, import_form_files
from coachdesk.services.evaluation_forms.identity import SECRET_KEY
from coachdesk.storage.models import Setting
from tests.helpers.forms import answer_all, field_values, fill, radio_choices

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


# --- returned forms ---------------------------------------------------------------------------


def _post_form(db, hub):
    rel = hub.relationship(status="ended")
    form = form_for_alert(db, _alert(db, "post-evaluation-missing", rel.id))
    assert form is not None
    return rel, form.data


def _evaluations(db, rel_id):
    return evaluations.list_evaluations(db, rel_id)


def test_a_form_filled_by_a_pdf_reader_is_recorded_as_keyed_entry_records_it(db, hub) -> None:
    rel, pdf = _post_form(db, hub)
    answers = answer_all(pdf, "4", "7") | {"item.stress": "2", "objective.2": "10"}
    filled = fill(pdf, answers, completed_on="30/11/2026", comments="Clearer plan.\nThank you")
    outcome = import_form(db, "returned.pdf", filled)
    assert (outcome.status, outcome.line()) == (
        "recorded",
        "returned.pdf: recorded the client post-evaluation, completed 30 Nov 2026",
    )
    [saved] = _evaluations(db, rel.id)
    assert saved.kind == "post" and saved.completed_on == date(2026, 11, 30)
    assert saved.answers["stress"] == 2 and saved.answers["confidence"] == 4
    assert len(saved.answers) == 7
    assert saved.objective_ratings == (7, 10)
    assert saved.comments == "Clearer plan.\nThank you"
    assert not [
        a
        for a in alerts(db, TODAY)
        if a.relationship == rel.id and a.rule == "post-evaluation-missing"
    ]

    again = import_form(db, "returned.pdf", filled)
    assert again.status == "already recorded" and "nothing changed" in again.message
    assert len(_evaluations(db, rel.id)) == 1


def test_an_iso_date_and_trailing_unrated_objectives_are_accepted(db, hub) -> None:
    rel, pdf = _post_form(db, hub)
    answers = {k: v for k, v in answer_all(pdf).items() if k != "objective.2"}
    outcome = import_form(db, "f.pdf", fill(pdf, answers, completed_on="2026-12-01"))
    assert outcome.status == "recorded", outcome.message
    assert _evaluations(db, rel.id)[0].objective_ratings == (7,)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"drop": "item.morale"}, "statement 3 is not answered"),
        (
            {"set": {"item.confidence": "9"}},
            "statement 1 ('I feel confident in my role') has the answer '9'; the answers are 1 to 5",
        ),
        ({"drop": "objective.1"}, "objective 1 is not rated but a later one is"),
        ({"date": ""}, "the date completed is not filled in"),
        ({"date": "31/02/2026"}, "is not a date on the calendar"),
        ({"date": "01/01/1899"}, "is not a date between 1900-01-01 and 2099-12-31"),
        ({"date": "next Tuesday"}, "is not a date written as day/month/year"),
        ({"date": "08/12/2026"}, "the date completed, 8 Dec 2026, is after today"),
    ],
)
def test_a_form_with_a_wrong_or_missing_answer_is_refused_and_nothing_written(
    db, hub, change, reason
) -> None:
    rel, pdf = _post_form(db, hub)
    answers = answer_all(pdf)
    answers.pop(change.get("drop", ""), None)
    answers.update(change.get("set", {}))
    filled = fill(pdf, answers, completed_on=change.get("date", "01/12/2026"))
    outcome = import_form(db, "back.pdf", filled)
    assert outcome.status == "refused"
    assert outcome.line().startswith("back.pdf: refused: ")
    assert reason in outcome.message
    assert _evaluations(db, rel.id) == []


def test_a_different_evaluation_already_recorded_is_not_overwritten(db, hub) -> None:
    rel, pdf = _post_form(db, hub)
    assert (
        import_form(db, "a.pdf", fill(pdf, answer_all(pdf, "4"), completed_on="1/12/2026")).status
        == "recorded"
    )
    second = import_form(db, "b.pdf", fill(pdf, answer_all(pdf, "2"), completed_on="2/12/2026"))
    assert second.status == "refused"
    assert (
        "a different client post-evaluation is already recorded (completed 1 Dec 2026)"
        in second.message
    )
    [kept] = _evaluations(db, rel.id)
    assert kept.answers["confidence"] == 4


def test_a_changed_form_reference_or_another_databases_form_is_refused(db, hub) -> None:
    rel, pdf = _post_form(db, hub)
    reference = str(field_values(pdf)["coachdesk.form"])
    other_rel = hub.relationship(status="ended")
    # Credited to another relationship: the check value no longer matches.
    moved = reference.replace(f"rel={rel.id}", f"rel={other_rel.id}")
    outcome = import_form(
        db,
        "moved.pdf",
        fill(pdf, answer_all(pdf), completed_on="1/12/2026", extra={"coachdesk.form": moved}),
    )
    assert outcome.status == "refused" and "check value does not match" in outcome.message
    # Another database: same relationship ids, another secret.
    with db.uow() as uow:
        uow.session.get(Setting, SECRET_KEY).value = "0" * 64
        uow.commit()
    outcome = import_form(db, "other.pdf", fill(pdf, answer_all(pdf), completed_on="1/12/2026"))
    assert outcome.status == "refused"
    assert "a form of another hub or another coachdesk database" in outcome.message
    assert _evaluations(db, rel.id) == [] and _evaluations(db, other_rel.id) == []


def test_the_templates_scale_sets_the_answers_and_long_statements_flow_onto_more_pages(
    db, hub
) -> None:
    template = evaluations.get_template(db, "client-default")
    wording = "I can describe, in a sentence or two, " + "how this work changed the way I lead " * 4
    items = [TemplateItemInput(i.text, i.key) for i in template.items] + [
        TemplateItemInput(f"{wording}({n})", f"extra_{n}") for n in range(1, 31)
    ]
    evaluations.save_template(
        db, TemplateInput("client-default", template.title, tuple(items), (0, 6))
    )
    rel, pdf = _post_form(db, hub)
    choices = radio_choices(pdf)
    assert choices["item.confidence"] == ["0", "1", "2", "3", "4", "5", "6"]
    assert len([n for n in choices if n.startswith("item.")]) == 37
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 3
    outcome = import_form(db, "long.pdf", fill(pdf, answer_all(pdf, "0"), completed_on="1/12/2026"))
    assert outcome.status == "recorded", outcome.message
    assert _evaluations(db, rel.id)[0].answers["extra_30"] == 0


def test_a_50_mb_file_is_refused_without_being_read(db, tmp_path, monkeypatch) -> None:
    big = tmp_path / "scan.pdf"
    with big.open("wb") as out:
        out.write(b"%PDF-1.7\n")
        out.truncate(50 * 1024 * 1024)

    def no_reading(_path: Path) -> bytes:
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    [outcome] = import_form_files(db, [big]).outcomes
    assert outcome.line() == (
        "scan.pdf: refused: it is 50.0 MB; a returned form is at most 10.0 MB, so this is not "
        "one (it was not opened)"
    )


def test_every_field_prints_on_paper_with_its_own_drawing(db, hub) -> None:
    """Readers print a field only when its Print flag is set, and draw it as the form says only
    when it brings an appearance: a form printed blank shows every circle and box."""
    _rel, pdf = _post_form(db, hub)
    reader = PdfReader(io.BytesIO(pdf))
    widgets = [a.get_object() for p in reader.pages for a in p.get("/Annots", [])]
    assert len(widgets) == 7 * 5 + 2 * 11 + 3
    print_flag = 4
    assert all(int(w.get("/F", 0)) & print_flag for w in widgets)
    assert all("/N" in w.get("/AP", {}) for w in widgets)
    radios = [w for w in widgets if "/Parent" in w]
    assert all("/Off" in w["/AP"]["/N"] and len(w["/AP"]["/N"]) == 2 for w in radios)
    assert not reader.trailer["/Root"]["/AcroForm"].get("/NeedAppearances")
