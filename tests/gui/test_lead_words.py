"""The lead's words on screen: one date style (7 Dec 2026) in lists and pages, counts that agree."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from coachdesk.errors import UserError
from coachdesk.gui.development.view import DevelopmentView
from coachdesk.gui.insight.view import InsightView
from coachdesk.gui.privacy.audit_log import AuditLogDialog
from coachdesk.gui.register.view import RegisterView
from coachdesk.gui.reports.view import ReportsView
from coachdesk.services.dto import PersonInput
from coachdesk.services.register import add_person, list_people
from tests.helpers.builders import Hub
from tests.helpers.views import shown

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

LEFT = Qt.MouseButton.LeftButton
#: "7 Dec 2026": the day without a leading zero, the month's short English name, the year.
ONE_STYLE = re.compile(r"^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}")


def test_the_audit_log_shows_when_in_the_one_date_style(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    dialog = shown(qtbot, AuditLogDialog(ctx))
    when = dialog.model.data(dialog.model.index(0, 0))
    assert ONE_STYLE.match(when), when
    assert re.search(r" \d\d:\d\d:\d\d$", when)


def test_culture_and_headcount_lists_use_the_one_date_style(empty_ctx: Any, qtbot: Any) -> None:
    ctx, answers = empty_ctx
    data = PersonInput("Ada Lovelace", "ada.lovelace@fenland.nhs.uk", organisation="Fenland Trust")
    ctx.write(None, add_person, data).run()
    view = shown(qtbot, InsightView(ctx), (1200, 800))
    tab = view.culture
    dialog = tab.add()
    qtbot.waitExposed(dialog)
    dialog.assessed_on.selectAll()
    qtbot.keyClicks(dialog.assessed_on, "07/03/2025")  # typing stays dd/mm/yyyy
    dialog.stage.setCurrentIndex(0)
    dialog.evidence[0].setPlainText("Ten coaches trained.")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert answers.refusals == []
    assert tab.table.item(0, 0).text() == "7 Mar 2025"

    view.tabs.setCurrentWidget(view.headcounts)
    heads = view.headcounts
    heads.organisation.setEditText("Fenland Trust")
    heads.cell("sex", "female").setText("5000")
    qtbot.mouseClick(heads.save_button, LEFT)
    assert answers.refusals == []
    assert "1 Nov 2025 – 31 Oct 2026" in heads.periods.item(0).text()


def test_a_name_too_long_is_said_beside_the_field_as_it_is_typed(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    view = shown(qtbot, RegisterView(ctx), exposed=False)
    view.new_record()
    dialog = view.dialog
    qtbot.keyClicks(dialog.email, "ann.long@fenland.nhs.uk")
    qtbot.keyClicks(dialog.full_name, "Ann " + "L" * 196)  # 200 characters: fine
    assert dialog.problem_text(dialog.full_name) == ""
    assert dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.full_name, "e")  # the 201st
    assert dialog.problem_text(dialog.full_name) == (
        "Full name is longer than 200 characters (201 typed)."
    )
    assert not dialog.save_button.isEnabled()  # said before Save, not after it
    qtbot.keyClick(dialog.full_name, Qt.Key.Key_Backspace)
    assert dialog.problem_text(dialog.full_name) == "" and dialog.save_button.isEnabled()
    assert answers.refusals == []


def test_a_cpd_title_too_long_is_said_as_it_is_typed(empty_ctx: Any, qtbot: Any) -> None:
    ctx, _ = empty_ctx
    sam = Hub(ctx.db).coach("Sam Okafor")
    view = shown(qtbot, DevelopmentView(ctx), (1200, 700))
    assert view.choose(sam.email)
    view.add("cpd")
    dialog = view.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.hours, "2")
    qtbot.keyClicks(dialog.title, "T" * 301)
    problem = dialog.title.parentWidget().findChild(QLabel, "problem")
    assert problem.isVisible()
    assert problem.text().startswith("Title is longer than 300 characters (301 typed)")
    assert not dialog.save_button.isEnabled()


def test_refusals_name_fields_as_the_forms_do(demo_ctx: Any) -> None:
    """What only the services can check still names the field by its label, never its key."""
    ctx, _ = demo_ctx
    taken = ctx.read(list_people)[0]
    with pytest.raises(UserError) as err:
        ctx.read(add_person, PersonInput("", taken.email.upper(), manager_name="x" * 201))
    assert err.value.problems == [
        "Full name is required",
        f"E-mail: {taken.email!r} is already used by {taken.full_name}",
        "Line manager is longer than 200 characters",
    ]
    assert not any("_" in p for p in err.value.problems)


def test_a_period_the_wrong_way_round_is_explained_without_command_words(
    demo_ctx: Any, qtbot: Any
) -> None:
    ctx, answers = demo_ctx
    view = shown(qtbot, ReportsView(ctx))
    view.prepare("programme", {})
    qtbot.keyClicks(view.date_from, "01/06/2026")
    qtbot.keyClicks(view.date_to, "01/03/2026")
    qtbot.mouseClick(view.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(answers.refusals))
    message = answers.refusals[0].message
    assert message == (
        "The period starts on 1 Jun 2026, after its end on 1 Mar 2026; choose a start on or "
        "before the end."
    )
    assert "--" not in view.status.text()
