"""File › Import bundle as it runs in the app: off the UI thread, with progress, and Cancel."""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget

from coachdesk.gui.file_actions import FileActions
from coachdesk.services.demo import build_demo_bundle
from coachdesk.services.register import list_people
from coachdesk.services.safekeeping import list_backups
from tests.gui.conftest import TODAY

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def app_ctx(empty_ctx: Any) -> Any:
    """The empty database's context as the app runs it: every call off the UI thread."""
    ctx, answers = empty_ctx
    ctx.background = True
    return ctx, answers


@pytest.fixture
def bundle_text() -> str:
    return json.dumps(build_demo_bundle(today=TODAY))


def _actions(ctx: Any, qtbot: Any) -> FileActions:
    parent = QWidget()
    qtbot.addWidget(parent)
    return FileActions(ctx, parent, None)


def _live(ctx: Any) -> Path:
    return Path(ctx.db_label.removeprefix("sqlite:///"))


def _busy_dialogs() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.objectName() == "busy" and w.isVisible()]


def test_a_bundle_is_imported_off_the_ui_thread_after_a_backup_and_the_lead_is_told(
    app_ctx: Any, qtbot: Any, tmp_path: Path, bundle_text: str
) -> None:
    ctx, answers = app_ctx
    path = tmp_path / "hub.json"
    path.write_text(bundle_text, encoding="utf-8")
    reports: list[Any] = []
    with qtbot.waitSignal(ctx.changed):
        op = _actions(ctx, qtbot).import_path(path, then=reports.append)
        assert not op.done  # handed to the pool: the window is not held up
    qtbot.waitUntil(lambda: op.done)
    assert answers.refusals == [] and answers.bugs == 0
    assert len(reports) == 1 and reports[0].added > 0
    assert answers.informed[0].startswith("Imported from hub.json:")
    assert len(ctx.read(list_people)) == reports[0].count("person").added
    assert [b.path.name for b in list_backups(_live(ctx)) if "before-import" in b.path.name]


@pytest.mark.skipif(sys.platform == "win32", reason="a named pipe holds the read open")
def test_cancel_in_the_import_progress_dialog_leaves_the_database_as_it_was(
    app_ctx: Any, qtbot: Any, tmp_path: Path, bundle_text: str
) -> None:
    ctx, answers = app_ctx
    ctx.busy_after_ms = 0  # the progress dialog shows at once
    # The bundle comes through a named pipe, so the import is still reading it (on the
    # worker thread) when the lead presses Cancel; the file arrives whole only after that.
    pipe = tmp_path / "hub.json"
    os.mkfifo(pipe)

    def send() -> None:
        with open(pipe, "w", encoding="utf-8") as f:  # waits for the import to open it
            f.write(bundle_text)

    writer = threading.Thread(target=send, daemon=True)
    op = _actions(ctx, qtbot).import_path(pipe)
    try:
        qtbot.waitUntil(lambda: op.busy_shown)
        (dialog,) = _busy_dialogs()
        assert isinstance(dialog, QProgressDialog)
        assert dialog.labelText() == "Importing hub.json…"
        cancel = dialog.findChild(QPushButton)
        assert cancel is not None and cancel.text() == "Cancel"
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        assert op.task.cancelled()
    finally:
        writer.start()  # the import gets its file whatever happened above
    qtbot.waitUntil(lambda: op.done)
    writer.join()
    assert [e.message for e in answers.refusals] == ["Import cancelled; nothing was written."]
    assert answers.bugs == 0 and answers.informed == []
    assert ctx.read(list_people) == []
    assert list_backups(_live(ctx)) == []  # cancelled before even the backup was taken
    assert _busy_dialogs() == []
