"""At start-up the main window is on screen before the first reads start (issue 13's budget)."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QWidget

from coachdesk.app import open_db
from coachdesk.gui.application import Launcher
from coachdesk.gui.warmup import BUILT_AHEAD
from coachdesk.services.safekeeping import list_backups

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def hubfile(tmp_path: Path, _demo_template: Path) -> Path:
    path = tmp_path / "hub" / "hub.sqlite"
    path.parent.mkdir()
    shutil.copyfile(_demo_template, path)
    return path


def test_the_first_reads_and_the_backup_start_once_the_window_is_on_screen(
    qapp: Any, qtbot: Any, hubfile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    launcher = Launcher(open_db, None, lambda d: d.url)
    started: list[bool] = []  # for each call handed to a thread: was the window on screen?
    original = QThreadPool.start

    def start(pool: QThreadPool, runnable: Any, *args: Any) -> None:
        window = launcher.window
        handle = window.windowHandle() if window is not None else None
        started.append(handle is not None and handle.isExposed())
        original(pool, runnable, *args)

    monkeypatch.setattr(QThreadPool, "start", start)
    win = launcher.open_first(str(hubfile))
    assert win is not None
    qtbot.addWidget(win)
    assert started == []  # the dashboard's reads and the day's backup wait for the window
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: len(list_backups(hubfile)) == 1)  # then they run
    assert started and all(started)
    dashboard = win.view("dashboard")
    qtbot.waitUntil(lambda: getattr(dashboard, "data", None) is not None)
    win.close()
    assert launcher.ctx is not None
    launcher.ctx.close()


def test_calls_started_once_the_window_is_shown_run_at_once(
    qapp: Any, qtbot: Any, hubfile: Path
) -> None:
    launcher = Launcher(open_db, None, lambda d: d.url)
    win = launcher.open_first(str(hubfile))
    assert win is not None and launcher.ctx is not None
    qtbot.addWidget(win)
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: len(list_backups(hubfile)) == 1)
    answer: list[int] = []
    launcher.ctx.query(win, lambda db: 42).success(answer.append).run()
    qtbot.waitUntil(lambda: answer == [42])
    win.close()
    launcher.ctx.close()


def test_the_garbage_collector_turned_off_for_start_up_is_back_on_once_the_window_is_shown(
    qapp: Any, qtbot: Any, hubfile: Path
) -> None:
    gc.disable()  # as app.open_gui does before the first imports
    try:
        launcher = Launcher(open_db, None, lambda d: d.url)
        win = launcher.open_first(str(hubfile))
        assert win is not None and launcher.ctx is not None
        qtbot.addWidget(win)
        assert not gc.isenabled()  # not while the window is being built and mapped
        qtbot.waitExposed(win)
        qtbot.waitUntil(gc.isenabled)
        assert gc.get_freeze_count() > 0  # start-up's objects are set aside, not collected
        win.close()
        launcher.ctx.close()
    finally:
        gc.enable()
        gc.unfreeze()


def test_the_slowest_views_are_built_ahead_once_the_window_is_shown(
    qapp: Any, qtbot: Any, hubfile: Path
) -> None:
    launcher = Launcher(open_db, None, lambda d: d.url)
    win = launcher.open_first(str(hubfile))
    assert win is not None and launcher.ctx is not None
    qtbot.addWidget(win)
    assert win.findChild(QWidget, "view-register") is None  # not before the window is shown
    qtbot.waitExposed(win)
    for key in BUILT_AHEAD:
        qtbot.waitUntil(lambda k=key: win.findChild(QWidget, f"view-{k}") is not None)
    ahead = win.findChild(QWidget, "view-register")
    assert win.current_view() is win.findChild(QWidget, "view-dashboard")  # still the dashboard
    qtbot.keyClick(win, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert win.current_view() is ahead  # the register the lead opens is the one built ahead
    win.close()
    launcher.ctx.close()
