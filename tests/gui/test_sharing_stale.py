"""Two leads save the same record: the second save is refused and the form offers Reload."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QWidget

from coachdesk.gui.development.records import CpdDialog
from coachdesk.gui.register.person_dialog import PersonDialog
from coachdesk.services import development
from coachdesk.services.dto import CpdInput, PersonInput
from coachdesk.services.register import add_person, list_people, update_person
from tests.gui.conftest import TODAY, Answers
from tests.gui.sharing import close_all, hub_url, lead
from tests.helpers.ops import write_now
from tests.helpers.pg import PostgresServer

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

CTRL = Qt.KeyboardModifier.ControlModifier
EMAIL = "dev.sharma@nhs.uk"


@pytest.fixture
def two_leads(
    qapp: Any, postgres_server: PostgresServer, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[tuple[Any, Answers], tuple[Any, Answers]]]:
    url = hub_url(postgres_server, "coachdesk_gui_stale")
    first = lead(url, monkeypatch)
    second = lead(url, monkeypatch)
    write_now(first[0], add_person, PersonInput("Dev Sharma", EMAIL, job_title="Matron"))
    yield first, second
    close_all(first[0], second[0])


def opened(qtbot: Any, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return active(qtbot, dialog)


def active(qtbot: Any, dialog: QDialog) -> QDialog:
    """The lead turns to this form (the window manager makes it the active window)."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def retype(qtbot: Any, field: QLineEdit, text: str) -> None:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(field, text)


def press(qtbot: Any, key: Qt.Key, modifier: Any = Qt.KeyboardModifier.NoModifier) -> None:
    widget = QApplication.focusWidget()
    assert isinstance(widget, QWidget)
    qtbot.keyClick(widget, key, modifier)


def test_the_second_save_of_a_person_is_refused_and_reload_shows_theirs(
    qtbot: Any, two_leads: Any
) -> None:
    (ctx1, answers1), (ctx2, answers2) = two_leads
    mine = opened(qtbot, PersonDialog(ctx2, ctx2.read(list_people)[0]))
    theirs = opened(qtbot, PersonDialog(ctx1, ctx1.read(list_people)[0]))
    retype(qtbot, theirs.job_title, "Deputy Director of Nursing")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert not theirs.isVisible() and answers1.refusals == []

    active(qtbot, mine)
    retype(qtbot, mine.job_title, "Head of Learning")
    qtbot.keyClicks(mine.organisation, "Leeds Teaching Hospitals")
    press(qtbot, Qt.Key.Key_S, CTRL)
    # Refused, in the form itself (not a second message box); what was typed is still there.
    assert mine.isVisible() and answers2.refusals == []
    bar = mine.stale_bar()
    assert bar.isVisible() and "changed" in bar.message.text()
    assert mine.job_title.text() == "Head of Learning"
    assert ctx2.read(list_people)[0].job_title == "Deputy Director of Nursing"
    assert QApplication.focusWidget() is bar.reload_button

    press(qtbot, Qt.Key.Key_Space)  # Reload
    assert mine.job_title.text() == "Deputy Director of Nursing"  # the other lead's, as saved
    kept = bar.mine.toPlainText()
    assert "Job title: Head of Learning" in kept
    assert "Organisation: Leeds Teaching Hospitals" in kept
    assert not mine.is_dirty()

    retype(qtbot, mine.organisation, "Leeds Teaching Hospitals")
    press(qtbot, Qt.Key.Key_S, CTRL)  # saved against the version now shown
    assert not mine.isVisible() and answers2.refusals == []
    person = ctx1.read(list_people)[0]
    assert (person.job_title, person.organisation) == (
        "Deputy Director of Nursing",
        "Leeds Teaching Hospitals",
    )


def test_cancel_after_a_refused_save_closes_without_saving(qtbot: Any, two_leads: Any) -> None:
    (ctx1, _answers1), (ctx2, answers2) = two_leads
    mine = opened(qtbot, PersonDialog(ctx2, ctx2.read(list_people)[0]))
    person = ctx1.read(list_people)[0]
    data = PersonInput("Dev Sharma", EMAIL, job_title="Ward Manager")
    write_now(ctx1, update_person, EMAIL, data, expected_version=person.version)
    active(qtbot, mine)
    retype(qtbot, mine.job_title, "Head of Learning")
    press(qtbot, Qt.Key.Key_S, CTRL)
    bar = mine.stale_bar()
    assert bar.isVisible()
    bar.cancel_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)  # Cancel
    assert not mine.isVisible() and answers2.unsaved == []  # no second question
    assert ctx2.read(list_people)[0].job_title == "Ward Manager"


def test_the_second_save_of_a_cpd_record_is_refused_and_reload_shows_theirs(
    qtbot: Any, two_leads: Any
) -> None:
    (ctx1, _answers1), (ctx2, answers2) = two_leads
    write_now(
        ctx1, development.add_cpd, EMAIL, CpdInput(TODAY, "Coaching supervision", "course", 6)
    )
    mine = opened(qtbot, CpdDialog(ctx2, EMAIL, ctx2.read(development.list_cpd, EMAIL)[0]))
    theirs = opened(qtbot, CpdDialog(ctx1, EMAIL, ctx1.read(development.list_cpd, EMAIL)[0]))
    retype(qtbot, theirs.title, "Coaching supervision (EMCC)")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert not theirs.isVisible()

    active(qtbot, mine)
    retype(qtbot, mine.provider, "NHS Leadership Academy")
    press(qtbot, Qt.Key.Key_S, CTRL)
    bar = mine.stale_bar()
    assert mine.isVisible() and bar.isVisible() and answers2.refusals == []
    press(qtbot, Qt.Key.Key_Space)  # Reload
    assert mine.title.text() == "Coaching supervision (EMCC)"
    assert "Provider: NHS Leadership Academy" in bar.mine.toPlainText()
    retype(qtbot, mine.provider, "NHS Leadership Academy")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert not mine.isVisible()
    saved = ctx1.read(development.list_cpd, EMAIL)[0]
    assert (saved.title, saved.provider) == (
        "Coaching supervision (EMCC)",
        "NHS Leadership Academy",
    )


def test_marking_a_session_another_lead_changed_meanwhile_is_refused_naming_them(
    qtbot: Any, two_leads: Any
) -> None:
    from datetime import date

    from coachdesk.gui.relationships.view import RelationshipsView
    from coachdesk.services.dto import MeetingInput
    from coachdesk.services.meetings import add_meeting, list_meetings, update_meeting
    from tests.helpers.builders import Hub

    (ctx1, _answers1), (ctx2, answers2) = two_leads
    rel = Hub(ctx1.db).relationship()
    planned = MeetingInput("contracting", date(2026, 11, 20), 60, "video")
    write_now(ctx1, add_meeting, rel.id, planned)
    view = RelationshipsView(ctx2)
    qtbot.addWidget(view)
    view.show()
    view.open_record("relationship", rel.id)
    sessions = view.page.sessions
    qtbot.waitUntil(lambda: sessions.model.rowCount() == 1)
    sessions.table.setFocus()
    sessions.table.selectRow(0)
    # Meanwhile the other lead moves the session to the 21st.
    m = ctx1.read(list_meetings, rel.id)[0]
    moved = MeetingInput("contracting", date(2026, 11, 21), 60, "video")
    write_now(ctx1, update_meeting, m.id, moved, expected_version=m.version)
    assert sessions.held_button.isEnabled()
    qtbot.mouseClick(sessions.held_button, Qt.MouseButton.LeftButton)
    assert len(answers2.refusals) == 1
    refusal = answers2.refusals[0]
    assert "changed" in refusal.message and "coachdesk" in refusal.message  # who: their user
    after = ctx1.read(list_meetings, rel.id)[0]
    assert (after.status, after.date) == ("scheduled", date(2026, 11, 21))  # theirs, kept
