"""The Equality tab saves against the person's version: another lead's answers are never
overwritten unseen, a change to the person's other details does not block a save, and choices
not yet saved are asked about before another person is shown."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt

from coachdesk.gui import operations
from coachdesk.gui.register.equality_tab import EqualityTab
from coachdesk.gui.register.view import RegisterView
from coachdesk.gui.shell import build_shell
from coachdesk.services.dto import PersonInput
from coachdesk.services.equality import EqualityFields, get_equality, set_equality
from coachdesk.services.register import add_person, get_person, update_person
from coachdesk.services.settings import update_settings
from tests.helpers.views import shown

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

LEFT = Qt.MouseButton.LeftButton
ADA = "ada.lovelace@fenland.nhs.example"
GRACE = "grace.hopper@fenland.nhs.example"


@pytest.fixture
def tab(empty_ctx: Any, qtbot: Any) -> tuple[Any, Any, RegisterView, EqualityTab]:
    """The register open at Ada's Equality tab, monitoring on."""
    ctx, answers = empty_ctx
    ctx.write(None, update_settings, {"equality_monitoring": True}).run()
    ada: list[Any] = []
    ctx.write(None, add_person, PersonInput("Ada Lovelace", ADA)).success(ada.append).run()
    ctx.write(None, add_person, PersonInput("Grace Hopper", GRACE)).run()
    view = shown(qtbot, RegisterView(ctx), (1280, 720))
    view.open_record("person", ada[0].id)
    page = view.page
    page.tabs.setCurrentIndex(page.tabs.indexOf(page.equality))
    return ctx, answers, view, page.equality


def choose(tab: EqualityTab, dimension: str, code: str) -> None:
    box = tab.boxes[dimension]
    box.setFocus()
    at = box.findData(code)
    assert at > 0, f"{code} is not one of the {dimension} answers"
    box.setCurrentIndex(at)


def test_answers_another_lead_saved_meanwhile_are_not_overwritten(qtbot: Any, tab: Any) -> None:
    ctx, answers, _view, equality = tab
    choose(equality, "ethnicity", "black_caribbean")
    # Another lead records Ada's answers; this tab has not heard of it yet.
    set_equality(ctx.db, ADA, EqualityFields("white_irish", "female", None))
    qtbot.mouseClick(equality.save_button, LEFT)
    assert equality.stale_bar.isVisible() and answers.refusals == []
    assert "changed" in equality.stale_bar.message.text()
    assert "Cancel puts back the answers as they are saved now" in equality.stale_bar.message.text()
    assert ctx.read(get_equality, ADA).ethnic_group == "white_irish"  # theirs, untouched
    assert equality.boxes["ethnicity"].currentData() == "black_caribbean"  # mine, still shown

    qtbot.mouseClick(equality.stale_bar.reload_button, LEFT)
    assert equality.boxes["ethnicity"].currentData() == "white_irish"
    assert equality.boxes["sex"].currentData() == "female"
    assert "Ethnic group: " in equality.stale_bar.mine.toPlainText()
    assert "Caribbean" in equality.stale_bar.mine.toPlainText()
    assert not equality.is_dirty()

    choose(equality, "disability", "no")
    qtbot.mouseClick(equality.save_button, LEFT)  # against the version now shown
    saved = ctx.read(get_equality, ADA)
    assert (saved.ethnic_group, saved.sex, saved.disability) == ("white_irish", "female", "no")


def test_a_change_to_the_persons_other_details_does_not_block_the_answers(
    qtbot: Any, tab: Any
) -> None:
    ctx, answers, _view, equality = tab
    choose(equality, "sex", "prefer_not_to_say")
    # The person's job title is changed (and the change is heard: the page reloads).
    ctx.write(None, update_person, ADA, PersonInput("Ada Lovelace", ADA, job_title="Matron")).run()
    assert equality.boxes["sex"].currentData() == "prefer_not_to_say"  # the choice stays
    qtbot.mouseClick(equality.save_button, LEFT)
    assert answers.refusals == [] and not equality.stale_bar.isVisible()
    assert ctx.read(get_equality, ADA).sex == "prefer_not_to_say"
    # Saved twice in a row: the tab saves against the version its own save made.
    choose(equality, "disability", "yes")
    qtbot.mouseClick(equality.save_button, LEFT)
    assert answers.refusals == [] and ctx.read(get_equality, ADA).disability == "yes"


def test_choosing_another_person_with_answers_not_saved_asks(qtbot: Any, tab: Any) -> None:
    ctx, answers, view, equality = tab
    window = build_shell(ctx)
    shown(qtbot, window, (1280, 720))
    view = window.show_view("register")
    view.open_record("person", ADA)
    equality = view.page.equality
    choose(equality, "ethnicity", "asian_indian")
    assert window.isWindowModified()  # the title's "*"
    answers.unsaved_with = "cancel"
    view.open_record("person", GRACE)
    assert view.page.detail.person.email == ADA
    assert answers.unsaved == ["the equality answers chosen for Ada Lovelace"]
    answers.unsaved_with = "save"
    view.open_record("person", GRACE)
    assert view.page.detail.person.email == GRACE
    assert ctx.read(get_equality, ADA).ethnic_group == "asian_indian"


def test_cancel_after_a_refused_save_puts_back_the_saved_answers(qtbot: Any, tab: Any) -> None:
    ctx, _answers, _view, equality = tab
    choose(equality, "sex", "male")
    set_equality(ctx.db, ADA, EqualityFields(None, "female", None))  # another lead, meanwhile
    qtbot.mouseClick(equality.save_button, LEFT)
    assert equality.stale_bar.isVisible()
    qtbot.mouseClick(equality.stale_bar.cancel_button, LEFT)
    assert not equality.stale_bar.isVisible() and not equality.is_dirty()
    assert equality.boxes["sex"].currentData() == "female"
    assert ctx.read(get_equality, ADA).sex == "female"


def test_details_and_answers_saved_together_from_the_question_both_land(
    qtbot: Any, tab: Any
) -> None:
    # In the app, writes and reads run off the UI thread: saving the agreement date changes
    # the person's version before the answers are saved, and the answers must still land; and
    # the register's list, read again after the saves, must not take the lead back to Ada.
    ctx, answers, view, equality = tab
    ctx.background = True
    agreement = view.page.details.agreement
    agreement.setFocus()
    agreement.selectAll()
    qtbot.keyClicks(agreement, "02/11/2026")
    choose(equality, "sex", "female")
    answers.unsaved_with = "save"
    view.open_record("person", GRACE)
    qtbot.waitUntil(lambda: view.page.detail.person.email == GRACE)
    qtbot.waitUntil(lambda: not operations._RUNNING)
    assert answers.refusals == [] and not equality.stale_bar.isVisible()
    assert ctx.read(get_equality, ADA).sex == "female"
    assert ctx.read(get_person, ADA).person.manager_agreement_on == date(2026, 11, 2)


def test_with_monitoring_switched_off_the_hidden_tab_holds_nothing(qtbot: Any, tab: Any) -> None:
    ctx, answers, view, equality = tab
    choose(equality, "sex", "male")
    ctx.write(None, update_settings, {"equality_monitoring": False}).run()
    view.open_record("person", ADA)  # shown again, monitoring off
    assert not view.page.tabs.isTabVisible(view.page.tabs.indexOf(equality))
    assert view.unsaved() is None  # nothing asked about answers no one can see
    view.page.details.override_reason.setFocus()
    qtbot.keyClicks(view.page.details.override_reason, "Agreed by the director")
    answers.unsaved_with = "discard"
    view.open_record("person", GRACE)
    assert view.page.detail.person.email == GRACE
    assert answers.refusals == []  # no "monitoring is switched off" from a hidden tab
