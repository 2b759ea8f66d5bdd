"""Reads the UI must have before it goes on, and opening a server, run off the UI thread: the
window keeps handling its events meanwhile, a slow one says so, errors reach the caller."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from coachdesk.errors import UserError
from coachdesk.gui.application import Launcher
from coachdesk.gui.opening import CONNECTING
from coachdesk.gui.waiting import WAIT_LABEL, wait_for
from coachdesk.services.opening import on_a_server
from coachdesk.services.register import list_people

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

#: Long enough for any machine to run a few timers; a read that is waited for ends sooner.
PATIENCE_S = 30


def waiting_indicators() -> list[QProgressDialog]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.isVisible() and w.objectName() == "waiting"
    ]


def test_a_dialogs_read_runs_on_a_worker_while_the_ui_thread_handles_its_events(
    empty_ctx: Any, qtbot: Any
) -> None:
    ctx, _answers = empty_ctx
    ctx.background = True  # as in the app
    ui_thread = threading.get_ident()
    released = threading.Event()
    seen: dict[str, Any] = {}
    # The read cannot end until a timer on the UI thread has fired: were the UI thread
    # blocked in the read, the timer would never fire and the read would time out.
    QTimer.singleShot(0, released.set)

    def slow_read(db: Any) -> list[Any]:
        seen["thread"] = threading.get_ident()
        seen["released"] = released.wait(PATIENCE_S)
        return list_people(db)

    assert ctx.read(slow_read) == []
    assert seen == {"thread": seen["thread"], "released": True}
    assert seen["thread"] != ui_thread


def test_a_slow_read_shows_why_nothing_moves_and_the_indicator_goes_when_it_ends(
    qapp: Any, qtbot: Any
) -> None:
    shown: list[str] = []
    finish = threading.Event()

    def look() -> None:  # on the UI thread, while the read waits
        shown.extend(d.labelText() for d in waiting_indicators())
        finish.set()

    QTimer.singleShot(200, look)
    assert wait_for(lambda: finish.wait(PATIENCE_S) and "read", busy_after_ms=0) == "read"
    assert shown == [WAIT_LABEL]
    assert waiting_indicators() == []
    assert QApplication.overrideCursor() is None


def test_an_error_in_the_read_is_raised_to_the_caller(qapp: Any) -> None:
    def refused() -> None:
        raise UserError("No one on the register is sam@nhs.example.")

    with pytest.raises(UserError, match="sam@nhs.example"):
        wait_for(refused, busy_after_ms=10_000)
    assert QApplication.overrideCursor() is None


def test_a_server_is_opened_off_the_ui_thread_and_a_file_in_place(
    qapp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COACHDESK_DB", raising=False)
    ui_thread = threading.get_ident()
    opened_on: dict[str, bool] = {}

    class FakeDb:
        read_only, user = False, "lead"

    def opener(target: str | None, **_kwargs: Any) -> FakeDb:
        opened_on[str(target)] = threading.get_ident() == ui_thread
        return FakeDb()

    launcher = Launcher(opener, None, lambda _db: "hub")
    server = "postgresql://lead@hub.example.nhs.uk/coachdesk"
    assert isinstance(launcher._open(server, None), FakeDb)
    assert isinstance(launcher._open("/tmp/hub.sqlite", None), FakeDb)
    assert opened_on == {server: False, "/tmp/hub.sqlite": True}
    assert CONNECTING.startswith("Connecting to the database server")


@pytest.mark.parametrize(
    ("target", "env", "expected"),
    [
        ("postgresql://lead@hub/coachdesk", None, True),
        ("postgresql+psycopg://hub/coachdesk", None, True),
        ("sqlite:////home/lead/hub.sqlite", None, False),
        ("/home/lead/hub.sqlite", None, False),
        (None, "postgresql://hub/coachdesk", True),
        (None, None, False),
    ],
)
def test_a_target_is_on_a_server_only_when_it_names_one(
    target: str | None, env: str | None, expected: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if env is None:
        monkeypatch.delenv("COACHDESK_DB", raising=False)
    else:
        monkeypatch.setenv("COACHDESK_DB", env)
    assert on_a_server(target) is expected


def test_off_the_ui_thread_a_wait_simply_runs_the_call_there(qapp: Any) -> None:
    ran_on: list[int] = []
    got: list[str] = []

    def call() -> str:
        ran_on.append(threading.get_ident())
        return "read"

    def worker() -> None:
        got.append(wait_for(call, busy_after_ms=0))

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(PATIENCE_S)
    assert got == ["read"] and ran_on == [thread.ident]  # in place, no window touched
    assert waiting_indicators() == []
