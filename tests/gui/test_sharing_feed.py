"""Other leads' changes reach the open views (PostgreSQL LISTEN), and the server's state shows."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from coachdesk.services.changes import Changes, RecordKind
from coachdesk.services.dto import PersonInput
from coachdesk.services.live import QUIET_TABLES, TABLE_KINDS
from coachdesk.services.register import add_person
from coachdesk.storage.models import Base
from tests.gui.sharing import close_all, hub_url, lead, own_server, sql
from tests.helpers.ops import write_now
from tests.helpers.pg import PostgresServer

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_every_table_is_known_to_the_feed_so_no_change_reloads_every_view() -> None:
    tables = {table.name for table in Base.metadata.sorted_tables}
    assert tables <= set(TABLE_KINDS) | QUIET_TABLES


def test_on_sqlite_nothing_listens(empty_ctx: Any) -> None:
    ctx, _ = empty_ctx
    assert ctx.listen_for_changes() is False
    assert ctx.feed is None


@pytest.fixture
def server() -> Iterator[PostgresServer]:
    yield from own_server()


@pytest.fixture
def two_leads(
    qapp: Any, server: PostgresServer, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Any, Any]]:
    url = hub_url(server, "hub")
    first, answers = lead(url, monkeypatch)
    second, _ = lead(url, monkeypatch)
    first.answers = answers  # what the first lead was told
    yield first, second
    close_all(first, second)


def heard(ctx: Any) -> list[Changes]:
    got: list[Changes] = []
    ctx.changed.connect(got.append)
    return got


def notify(server: PostgresServer, tables: list[str], origin: str) -> None:
    payload = json.dumps({"tables": tables, "origin": origin}).replace("'", "''")
    sql(server, "hub", f"SELECT pg_notify('coachdesk_changes', '{payload}')")


def test_a_burst_of_notifications_is_one_broadcast_and_its_own_are_ignored(
    qtbot: Any, server: PostgresServer, two_leads: tuple[Any, Any]
) -> None:
    first, _second = two_leads
    got = heard(first)
    assert first.listen_for_changes()
    qtbot.waitUntil(lambda: first.feed.online is True)
    own = first.db.instance_id
    notify(server, ["people"], own)  # its own commit: already shown
    notify(server, ["people"], "another-lead")
    notify(server, ["meetings", "relationships"], "another-lead")
    qtbot.waitUntil(lambda: len(got) == 1)
    assert got[0].kinds == {RecordKind.PERSON, RecordKind.MEETING, RecordKind.RELATIONSHIP}
    first.close()
    assert not first.feed.running


def test_the_status_bar_says_when_the_server_is_unreachable_and_when_it_is_back(
    qtbot: Any, server: PostgresServer, two_leads: tuple[Any, Any]
) -> None:
    from coachdesk.gui.sharing import install_sharing

    first, _second = two_leads
    window = QMainWindow()
    qtbot.addWidget(window)
    status = install_sharing(window, first)
    window.show()
    got = heard(first)
    assert first.listen_for_changes()
    qtbot.waitUntil(lambda: first.feed.online is True)
    assert not status.isVisible()
    server.halt()
    qtbot.waitUntil(status.isVisible)
    assert "cannot be reached" in status.text()
    # A save meanwhile is refused with the service's message; nothing is written.
    assert write_now(first, add_person, PersonInput("Cara Quinn", "cara.quinn@nhs.uk")) is None
    assert len(first.answers.refusals) == 1 and first.answers.bugs == 0
    server.resume()
    qtbot.waitUntil(lambda: not status.isVisible())
    assert "back" in window.statusBar().currentMessage()
    # What changed while it was away is not known: every view reads again.
    qtbot.waitUntil(lambda: any(c == Changes.everything() for c in got))
    # A save after the restart works.
    saved = write_now(first, add_person, PersonInput("Cara Quinn", "cara.quinn@nhs.uk"))
    assert saved is not None and saved.full_name == "Cara Quinn"


def test_a_person_added_elsewhere_shows_in_the_open_register(
    qtbot: Any, server: PostgresServer, two_leads: tuple[Any, Any]
) -> None:
    from coachdesk.gui.register.view import RegisterView

    first, second = two_leads
    write_now(first, add_person, PersonInput("Amara Okafor", "amara.okafor@nhs.uk"))
    view = RegisterView(first)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: len(view.model.all_rows()) == 1)
    view.table.selectRow(0)
    assert first.listen_for_changes()
    qtbot.waitUntil(lambda: first.feed.online is True)
    write_now(second, add_person, PersonInput("Bethan Lloyd", "bethan.lloyd@nhs.uk"))
    qtbot.waitUntil(lambda: len(view.model.all_rows()) == 2)
    names = {row.full_name for row in view.model.all_rows()}
    assert names == {"Amara Okafor", "Bethan Lloyd"}
    assert view.table.current_row().full_name == "Amara Okafor"  # the selection is kept


def test_a_session_added_elsewhere_shows_on_the_open_relationship_keeping_what_is_typed(
    qtbot: Any, two_leads: tuple[Any, Any]
) -> None:
    from datetime import date

    from coachdesk.gui.relationships.view import RelationshipsView
    from coachdesk.services.dto import MeetingInput
    from coachdesk.services.meetings import add_meeting
    from coachdesk.services.relationships import get_relationship
    from tests.helpers.builders import Hub

    first, second = two_leads
    rel = Hub(first.db).relationship()
    view = RelationshipsView(first)
    qtbot.addWidget(view)
    view.show()
    view.open_record("relationship", rel.id)
    page = view.page
    assert first.listen_for_changes()
    qtbot.waitUntil(lambda: first.feed.online is True)
    box = page.details.planned_sessions
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, "8")
    assert page.unsaved() is not None

    session = MeetingInput("contracting", date(2026, 11, 20), 60, "video", status="held")
    write_now(second, add_meeting, rel.id, session)
    qtbot.waitUntil(lambda: page.sessions.model.rowCount() == 1)
    assert box.value() == 8 and page.unsaved() is not None  # what was typed is kept
    # The other lead's change did not touch what is being edited: saving it works.
    qtbot.keyClick(box, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.unsaved() is None and first.answers.refusals == []
    assert first.read(get_relationship, rel.id).relationship.planned_sessions == 8
