"""Opening a database in the app: the lock, takeover, network-share and damaged-file dialogs."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from coachdesk.errors import KeyNeeded, UserError
from coachdesk.gui.context import ask_yes_no, show_refusal
from coachdesk.gui.operations import BUSY_AFTER_MS
from coachdesk.gui.waiting import wait_for
from coachdesk.services.handle import Database
from coachdesk.services.opening import (
    DamagedDatabase,
    DatabaseInUse,
    LockFromAnotherMachine,
    NotLocalDisk,
    copy_to_local,
    restore_backup_into,
)

log = logging.getLogger(__name__)

#: Opens a database: ``opener(target, take_over=False, …)`` (the app's ``open_db``).
Opener = Callable[..., Database]
T = TypeVar("T")

CONNECTING = "Connecting to the database server…"


def off_the_ui_thread(opener: Opener, busy_after_ms: int = BUSY_AFTER_MS) -> Opener:
    """``opener`` run on a worker thread, the window painting meanwhile (a server may take
    seconds to answer, or not answer). The role is read there too, so the window never waits
    on the server to learn whether it is a viewer's."""

    def open_there(target: str | None, **kwargs: Any) -> Database:
        def work() -> Database:
            db = opener(target, **kwargs)
            _ = db.read_only, db.user
            return db

        return wait_for(work, busy_after_ms=busy_after_ms, label=CONNECTING)

    return open_there


class OpenPrompts:
    """The questions asked while opening (before any window has a database); tests patch them."""

    def refuse(self, parent: QWidget | None, exc: UserError) -> None:
        show_refusal(parent, exc, title="Cannot open the database")

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        return ask_yes_no(parent, title, text)

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def ask_recovery_key(self, parent: QWidget | None, message: str) -> str | None:
        from coachdesk.gui.encryption import ask_recovery_key

        return ask_recovery_key(parent, message)


def open_with_prompts(
    opener: Opener, target: str | None, prompts: OpenPrompts, parent: QWidget | None = None
) -> Database | None:
    """Open ``target`` (a path, URL or None for the default); None when it was not opened.

    Another coachdesk here holding it: refused at once. A lock from another computer: taken
    over if the lead confirms. A network share or synced folder: a copy to this computer is
    offered. A damaged file (already moved aside): the newest good backup is offered. An
    encrypted file whose key is not on this computer: its recovery key is asked for.
    """
    try:
        return opener(target)
    except DatabaseInUse as exc:
        prompts.refuse(parent, exc)
    except LockFromAnotherMachine as exc:
        if prompts.confirm(parent, "Database open on another computer", exc.message):
            return _retry(lambda: opener(target, take_over=True), prompts, parent)
    except NotLocalDisk as exc:
        question = (
            f"{exc.message}\n\nCopy it to {exc.local_dir} now and open the copy? "
            "The original is left where it is."
        )
        if prompts.confirm(parent, "Database on a shared or synced folder", question):
            source, folder = exc.path, exc.local_dir
            copy = _retry(lambda: copy_to_local(source, folder), prompts, parent)
            if copy is not None:
                prompts.inform(parent, "Copied", f"The database was copied to {copy}.")
                return _retry(lambda: opener(str(copy)), prompts, parent)
    except DamagedDatabase as exc:
        if exc.backup is None:
            prompts.refuse(parent, exc)
            return None
        question = f"{exc.message}\n\nRestore the newest good backup now and open it?"
        if prompts.confirm(parent, "Damaged database", question):
            damaged, backup = exc.path, exc.backup.path

            def restore() -> bool:
                restore_backup_into(damaged, backup)
                return True

            if _retry(restore, prompts, parent):
                return _retry(lambda: opener(target), prompts, parent)
    except KeyNeeded as exc:  # encrypted, and its key is not on this computer (or is wrong)
        from coachdesk.gui.encryption import unlock

        need = exc
        return _retry(
            lambda: unlock(parent, need, lambda: opener(target), prompts.ask_recovery_key),
            prompts,
            parent,
        )
    except UserError as exc:
        prompts.refuse(parent, exc)
    return None


def _retry(fn: Callable[[], T], prompts: OpenPrompts, parent: QWidget | None) -> T | None:
    try:
        return fn()
    except UserError as exc:
        prompts.refuse(parent, exc)
        return None
