"""The app's side of storage safety: open dialogs, restore from the File menu, automatic
backups every 30 minutes of changes and on close (issue 6.2, 6.3)."""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from coachdesk.app import open_db
from coachdesk.errors import UserError
from coachdesk.gui.application import Launcher
from coachdesk.gui.context import AppContext
from coachdesk.gui.opening import OpenPrompts, open_with_prompts
from coachdesk.gui.shell import build_shell
from coachdesk.services.dto import PersonInput
from coachdesk.services.register import add_person, list_people
from coachdesk.services.safekeeping import list_backups
from coachdesk.storage.lock import lock_path, read_lock, this_host
from tests.helpers.holder import holding

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


class Prompts(OpenPrompts):
    """Answers the open dialogs and records what they said."""

    def __init__(self, answer: bool = True) -> None:
        self.answer = answer
        self.refused: list[UserError] = []
        self.asked: list[str] = []
        self.told: list[str] = []

    def refuse(self, parent: Any, exc: UserError) -> None:
        self.refused.append(exc)

    def confirm(self, parent: Any, title: str, text: str) -> bool:
        self.asked.append(text)
        return self.answer

    def inform(self, parent: Any, title: str, text: str) -> None:
        self.told.append(text)


@pytest.fixture
def hubfile(tmp_path: Path, _demo_template: Path) -> Path:
    path = tmp_path / "hub" / "hub.sqlite"
    path.parent.mkdir()
    shutil.copyfile(_demo_template, path)
    return path


def people(path: Path) -> int:
    db = open_db(str(path), backup=False)
    try:
        return len(list_people(db))
    finally:
        db.dispose()


def test_a_database_open_in_another_coachdesk_is_refused_in_a_dialog(
    qapp: Any, hubfile: Path
) -> None:
    with holding(hubfile) as holder:
        prompts = Prompts()
        assert open_with_prompts(open_db, str(hubfile), prompts) is None
        assert len(prompts.refused) == 1 and not prompts.asked
        assert f"by process {holder.pid} since" in prompts.refused[0].message


@pytest.mark.parametrize("answer", [False, True])
def test_a_lock_from_another_computer_is_taken_over_only_if_the_lead_says_so(
    qapp: Any, hubfile: Path, answer: bool
) -> None:
    since = datetime(2026, 12, 6, 9, 30).astimezone().isoformat()
    lock_path(hubfile).write_text(json.dumps({"host": "ward-pc-17", "pid": 4242, "since": since}))
    prompts = Prompts(answer)
    db = open_with_prompts(open_db, str(hubfile), prompts)
    assert "already open on ward-pc-17 by process 4242" in prompts.asked[0]
    holder = read_lock(lock_path(hubfile))
    if answer:
        assert db is not None and holder is not None and holder.host == this_host()
        db.dispose()
    else:
        assert db is None and holder is not None and holder.host == "ward-pc-17"


def test_a_database_in_a_synced_folder_is_offered_a_copy_on_this_computer(
    qapp: Any, tmp_path: Path, _demo_template: Path
) -> None:
    synced = tmp_path / "OneDrive - NHS" / "hub.sqlite"
    synced.parent.mkdir()
    shutil.copyfile(_demo_template, synced)
    prompts = Prompts()
    db = open_with_prompts(open_db, str(synced), prompts)
    assert "OneDrive" in prompts.asked[0] and "Copy it to" in prompts.asked[0]
    assert db is not None and "OneDrive" not in db.url
    assert len(list_people(db)) == people(Path(_demo_template))
    db.dispose()
    assert synced.exists()  # the original is left where it was


def test_a_damaged_database_is_set_aside_and_the_newest_good_backup_restored(
    qapp: Any, hubfile: Path
) -> None:
    expected = people(hubfile)
    open_db(str(hubfile)).dispose()  # the daily backup on open
    assert len(list_backups(hubfile)) == 1
    hubfile.write_bytes(b"SQLite format 3\x00" + b"\x07" * 50_000)
    prompts = Prompts()
    db = open_with_prompts(open_db, str(hubfile), prompts)
    assert "is damaged" in prompts.asked[0] and "Restore the newest good backup" in prompts.asked[0]
    assert db is not None and len(list_people(db)) == expected
    db.dispose()
    assert list(hubfile.parent.glob("hub.damaged-*.sqlite"))


def test_restore_from_backup_in_the_file_menu_checks_keeps_aside_and_reopens(
    qapp: Any, qtbot: Any, hubfile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(AppContext, "inform", lambda self, p, t, text: told.append(text))
    monkeypatch.setattr(AppContext, "confirm", lambda self, p, t, text: True)
    refused: list[UserError] = []
    monkeypatch.setattr(AppContext, "refuse", lambda self, p, exc: refused.append(exc))
    before = people(hubfile)
    backup = tmp_path / "before.sqlite"
    launcher = Launcher(open_db, None, lambda d: d.url)
    launcher.prompts = Prompts()
    win = launcher.show(open_db(str(hubfile)))  # closed and deleted by the launcher on reopening
    ctx = launcher.ctx
    assert ctx is not None
    menu = [a.text() for a in win.menuBar().actions()[0].menu().actions()]
    assert "&Restore from backup…" in menu

    monkeypatch.setattr(AppContext, "ask_open_file", lambda self, *a: backup)
    from coachdesk.services.safekeeping import backup as take_backup

    took = ctx.query(win, take_backup, backup, "x").run()  # the app's calls run off the UI thread
    qtbot.waitUntil(lambda: took.done)  # the backup is taken before Sam is added, not racing it
    added = ctx.write(
        win, add_person, PersonInput(full_name="Sam Okafor", email="sam.okafor@example.org")
    )
    added.run()
    qtbot.waitUntil(lambda: added.done)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"junk" * 1000)
    monkeypatch.setattr(AppContext, "ask_open_file", lambda self, *a: junk)
    refusing = win.file_actions.restore_from_backup()
    assert refusing is not None
    qtbot.waitUntil(lambda: refusing.done)
    assert refused and "junk.sqlite is not a coachdesk backup" in refused[0].message
    assert launcher.window is win  # nothing was changed

    monkeypatch.setattr(AppContext, "ask_open_file", lambda self, *a: backup)
    win.file_actions.restore_from_backup()
    qtbot.waitUntil(lambda: launcher.window is not win)  # reopened
    new_ctx = launcher.ctx
    assert new_ctx is not None and len(new_ctx.read(list_people)) == before
    assert any("kept at" in t for t in told)
    aside = list(hubfile.parent.glob("hub.before-restore-*.sqlite"))
    assert len(aside) == 1 and people(aside[0]) == before + 1
    launcher.window.close()
    new_ctx.close()


def test_a_backup_every_30_minutes_while_there_are_changes_and_on_close(
    demo_ctx: Any, qtbot: Any
) -> None:
    ctx, answers = demo_ctx
    live = Path(ctx.db_label.removeprefix("sqlite:///"))
    win = build_shell(ctx)
    qtbot.addWidget(win)
    now = datetime.now(UTC)

    def newest() -> tuple[str, int]:
        b = max(list_backups(live), key=lambda b: b.path.name)
        return b.path.name, people(b.path)

    win.auto_backup.tick(now)
    assert list_backups(live) == []  # nothing changed yet: no backup
    start = len(ctx.read(list_people))
    ctx.write(
        win, add_person, PersonInput(full_name="Sam Okafor", email="sam.okafor@example.org")
    ).run()
    win.auto_backup.tick(now)
    first = newest()
    assert first[1] == start + 1  # the first change, and no backup yet: one now
    ctx.write(
        win, add_person, PersonInput(full_name="Ada Price", email="ada.price@example.org")
    ).run()
    win.auto_backup.tick(now + timedelta(minutes=10))
    assert newest() == first  # not yet 30 minutes
    win.auto_backup.tick(now + timedelta(minutes=31))
    second = newest()
    assert second[0] > first[0] and second[1] == start + 2
    win.auto_backup.tick(now + timedelta(minutes=70))
    assert newest() == second  # no changes since
    ctx.write(win, add_person, PersonInput(full_name="Li Wei", email="li.wei@example.org")).run()
    win.close()  # (the ticks above ran on a clock ahead of the real one; close uses the real)
    assert start + 3 in {people(b.path) for b in list_backups(live)}  # the close backup
    assert answers.refusals == []


def test_a_failing_automatic_backup_is_told_once_not_every_minute(
    demo_ctx: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx, answers = demo_ctx
    win = build_shell(ctx)
    qtbot.addWidget(win)

    def full(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("coachdesk.storage.backup._single_file", full)
    ctx.write(
        win, add_person, PersonInput(full_name="Sam Okafor", email="sam.okafor@example.org")
    ).run()
    now = datetime.now(UTC)
    for minute in range(0, 29):
        win.auto_backup.tick(now + timedelta(minutes=minute))
    assert len(answers.refusals) == 1 and "the disk is full" in answers.refusals[0].message
    win.auto_backup.tick(now + timedelta(minutes=31))
    assert len(answers.refusals) == 2


def test_the_app_starts_on_the_database_or_not_at_all_when_the_lead_declines(
    qapp: Any, qtbot: Any, hubfile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    since = datetime(2026, 12, 6, 9, 30).astimezone().isoformat()
    lock_path(hubfile).write_text(json.dumps({"host": "ward-pc-17", "pid": 4242, "since": since}))
    launcher = Launcher(open_db, None, lambda d: d.url)
    launcher.prompts = Prompts(answer=False)
    assert launcher.open_first(str(hubfile)) is None and launcher.window is None
    launcher.prompts = Prompts(answer=True)
    win = launcher.open_first(str(hubfile))
    qtbot.addWidget(win)
    assert win is launcher.window and launcher.ctx is not None
    assert read_lock(lock_path(hubfile)).pid == os.getpid()  # type: ignore[union-attr]
    win.close()
    launcher.ctx.close()
    assert not lock_path(hubfile).exists()


def test_the_days_backup_on_open_is_taken_after_the_window_is_shown(
    qapp: Any, qtbot: Any, hubfile: Path
) -> None:
    opened: list[dict[str, Any]] = []

    def opener(target: str | None, **kwargs: Any) -> Any:
        opened.append(kwargs)
        return open_db(target, **kwargs)

    assert list_backups(hubfile) == []
    launcher = Launcher(opener, None, lambda d: d.url)
    win = launcher.open_first(str(hubfile))
    qtbot.addWidget(win)
    assert opened == [{"backup": False}]  # the window does not wait for the copy
    messages: list[str] = []
    assert launcher.ctx is not None
    launcher.ctx.status_message.connect(messages.append)
    qtbot.waitUntil(lambda: len(list_backups(hubfile)) == 1)
    qtbot.waitUntil(lambda: bool(messages))
    assert messages[0].startswith("Backup taken: ")
    win.close()
    launcher.ctx.close()
