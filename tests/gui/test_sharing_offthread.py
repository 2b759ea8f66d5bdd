"""On a shared PostgreSQL hub the window never waits on the network: every read and write of
the views a lead moves through runs off the UI thread."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import event

from coachdesk.gui import operations
from coachdesk.gui.shell import build_shell
from coachdesk.services import development as development_service
from coachdesk.services.dto import CpdInput, PersonInput
from coachdesk.services.register import add_person
from coachdesk.services.relationships import update_relationship
from tests.gui.conftest import TODAY
from tests.gui.sharing import close_all, hub_url, lead
from tests.helpers.builders import Hub
from tests.helpers.ops import write_now
from tests.helpers.pg import PostgresServer

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints",
        "This plugin does not support raise",
        "This plugin does not support grabbing the keyboard",  # a combo's list, offscreen
    ),
]


class UiThreadQueries:
    """The SQL statements a database runs on the UI thread (each with where it came from)."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.seen: list[str] = []
        event.listen(engine, "before_cursor_execute", self._before)

    def _before(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if threading.current_thread() is threading.main_thread():
            where = [
                f"{f.filename.split('coachdesk/')[-1]}:{f.lineno} {f.name}"
                for f in traceback.extract_stack()
                if "/coachdesk/gui/" in f.filename
            ]
            self.seen.append(f"{statement.split()[0]} from {' < '.join(reversed(where[-3:]))}")

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._before)


@pytest.fixture
def hub(
    qapp: Any, postgres_server: PostgresServer, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Any, Any, UiThreadQueries]]:
    url = hub_url(postgres_server, "coachdesk_gui_offthread")
    ctx, _ = lead(url, monkeypatch)
    other, _ = lead(url, monkeypatch)
    rel = Hub(ctx.db).relationship()
    cpd = CpdInput(TODAY, "Coaching supervision skills", "course", 6)
    ctx.cpd = write_now(ctx, development_service.add_cpd, rel.practitioner, cpd)
    ctx.db.read_only, ctx.db.user  # noqa: B018 - read when the database is opened
    ctx.background = True  # as in the app
    watch = UiThreadQueries(ctx.db.engine)
    ctx.rel = rel
    yield ctx, other, watch
    watch.close()
    close_all(ctx, other)


def settled() -> bool:
    """No read or write of the app is still running."""
    return not operations._RUNNING


def test_moving_through_the_views_reads_nothing_on_the_ui_thread(
    qtbot: Any, hub: tuple[Any, Any, UiThreadQueries]
) -> None:
    ctx, other, watch = hub
    rel = ctx.rel
    win = build_shell(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: "—" in win.windowTitle())  # the hub's name, read in the background
    for key in ("dashboard", "requests", "evaluations", "reports", "settings", "insight"):
        win.show_view(key)
        qtbot.waitUntil(settled)
    register = win.show_view("register")
    qtbot.waitUntil(lambda: register.model.rowCount() == 2)
    win.open_record("person", rel.client_id)
    qtbot.waitUntil(lambda: register.page.person_id == rel.client_id)
    page = register.page
    for tab in (page.development, page.evaluations, page.relationships):
        page.tabs.setCurrentWidget(tab)
        qtbot.waitUntil(settled)
    relationships = win.show_view("relationships")
    win.open_record("relationship", rel.id)
    qtbot.waitUntil(lambda: relationships.stack.currentWidget() is relationships.page)
    development = win.show_view("development")
    qtbot.waitUntil(lambda: development.picker.model.rowCount() == 1)
    development.picker.choose(rel.practitioner)
    qtbot.waitUntil(lambda: development.heading.text() != "")
    win.open_record("cpd", ctx.cpd.id)  # a link to a CPD record
    cpd_tab = development.tab["cpd"]
    qtbot.waitUntil(lambda: getattr(cpd_tab.selected(), "id", None) == ctx.cpd.id)
    # The lead's own change to a relationship: the list reads just that one again.
    relationships = win.show_view("relationships")
    relationships.show_list()
    qtbot.waitUntil(settled)
    more = replace(rel.as_input(), planned_sessions=9)
    ctx.write(None, update_relationship, rel.id, more, expected_version=rel.version).run()
    qtbot.waitUntil(lambda: relationships.model.all_rows()[0].planned_sessions == 9)
    # Another lead's change shows, read in the background too.
    assert ctx.listen_for_changes()
    qtbot.waitUntil(lambda: ctx.feed.online is True)
    register = win.show_view("register")
    write_now(other, add_person, PersonInput("Cara Quinn", "cara.quinn@nhs.uk"))
    qtbot.waitUntil(lambda: register.model.rowCount() == 3)
    # A link followed, or Edit pressed, while the list is being read again (F5): they wait.
    refresh = next(
        a for m in win.menuBar().actions() for a in m.menu().actions() if a.text() == "&Refresh"
    )
    refresh.trigger()
    win.open_record("person", "cara.quinn@nhs.uk")
    qtbot.waitUntil(lambda: register.page.email == "cara.quinn@nhs.uk")
    refresh.trigger()
    register.page.edit_person()
    qtbot.waitUntil(lambda: register.page.dialog is not None and register.page.dialog.isVisible())
    register.page.dialog.reject()
    qtbot.waitUntil(settled)
    assert not watch.seen, "\n".join(sorted(set(watch.seen)))


def test_dialogs_that_read_as_they_open_read_nothing_on_the_ui_thread(
    qtbot: Any, hub: tuple[Any, Any, UiThreadQueries]
) -> None:
    # A dialog needs its choices before it can show them (the people to pick from, what an
    # erasure would remove, the evaluations not yet done): it waits for them off the UI thread.
    from coachdesk.gui.privacy.erase import start_erasure
    from coachdesk.gui.requests.new_request import NewRequestDialog
    from coachdesk.services import evaluations
    from coachdesk.services.dto import EvaluationInput

    ctx, _other, watch = hub
    rel = ctx.rel
    answers = EvaluationInput("pre", TODAY, {"confidence": 3})
    done = evaluations.add_evaluation(ctx.db, rel.id, answers).value  # before the watch
    watch.seen.clear()
    win = build_shell(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: "—" in win.windowTitle())
    qtbot.waitUntil(settled)

    request = NewRequestDialog(ctx, win)  # the people to choose from
    qtbot.addWidget(request)
    match = request.match
    match.client.set_person(rel.client)  # their pending requests, the suggestions
    assert match.person() is not None and match.person().email == rel.client
    match.same_org.toggle()  # the suggestions again
    request.reject()

    erase = start_erasure(ctx, win, rel.client)  # what erasing would remove
    assert erase is not None
    erase.reject()

    evaluations_view = win.show_view("evaluations")
    qtbot.waitUntil(settled)
    chooser = evaluations_view.choose_new()  # the relationships to choose from
    chooser.reject()
    evaluations_view.open_record("evaluation", done.id)  # the evaluation, its template
    qtbot.waitUntil(lambda: evaluations_view.dialog is not None)
    evaluations_view.dialog.reject()

    relationships = win.show_view("relationships")
    qtbot.waitUntil(settled)
    relationships.organisation.showPopup()  # the organisations, read as the list first opens
    relationships.organisation.hidePopup()

    dashboard = win.show_view("dashboard")
    qtbot.waitUntil(settled)
    review = dashboard.retention.open_review()  # what is past the retention period
    review.reject()
    qtbot.waitUntil(settled)
    assert not watch.seen, "\n".join(sorted(set(watch.seen)))
