"""What every view shares: the database handle, the Changes signal, navigation, service calls."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from coachdesk.errors import UserError
from coachdesk.services.changes import Changes, Outcome
from coachdesk.services.handle import Database

log = logging.getLogger(__name__)
T = TypeVar("T")


class AppContext(QObject):
    """Holds the open database; broadcasts every write's Changes so views refresh themselves."""

    #: A write changed these records (a Changes); every view decides what to reload.
    changed = Signal(object)
    #: Ask the main window to show a record: (kind, id) - kinds as in services.changes.KINDS.
    open_record = Signal(str, str)
    #: Text for the status bar (short-lived).
    status_message = Signal(str)
    #: Ask the Reports view to prepare a report: (kind, params) - kinds as in SPEC 8's
    #: ``report`` command (learning-log, programme, compliance, register, person,
    #: relationship); params e.g. {"person": email} or {"id": relationship id}.
    print_report = Signal(str, dict)

    def __init__(
        self,
        db: Database,
        *,
        today: Callable[[], date] = date.today,
        log_path: Path | None = None,
        db_label: str = "",
    ) -> None:
        super().__init__()
        self.db = db
        self._today = today
        self.log_path = log_path
        self.db_label = db_label
        #: Slow reads (the dashboard's rules on a large hub) run off the UI thread when True;
        #: the app turns it on, tests leave it off so every read has finished when it returns.
        self.background_reads = False
        self._day = self._today()
        self._day_timer: QTimer | None = None

    def today(self) -> date:
        return self._today()

    def watch_the_date(self, interval_ms: int = 60_000) -> None:
        """Check the date every minute, so a window left open past midnight moves on."""
        self._day_timer = QTimer(self)
        self._day_timer.setInterval(interval_ms)
        self._day_timer.timeout.connect(self.check_new_day)
        self._day_timer.start()

    def check_new_day(self) -> bool:
        """On a new day every view reloads (alerts, days waiting and due dates move on)."""
        today = self._today()
        if today == self._day:
            return False
        self._day = today
        self.changed.emit(Changes.everything())
        return True

    def call(
        self, parent: QWidget | None, fn: Callable[..., Any], *args: Any, **kwargs: Any
    ) -> Any:
        """Run a service call; a refusal is shown to the lead and None returned.

        An ``Outcome`` is unwrapped to its value and its changes are broadcast.
        """
        try:
            result = fn(self.db, *args, **kwargs)
        except UserError as exc:
            self.refuse(parent, exc)
            return None
        except Exception:
            log.exception("service call %s failed", getattr(fn, "__name__", fn))
            self.bug(parent)
            return None
        if isinstance(result, Outcome):
            self.broadcast(result.changes)
            return result.value
        return result

    def read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """A read-only service call (errors propagate to the exception hook)."""
        return fn(self.db, *args, **kwargs)

    def broadcast(self, changes: Changes) -> None:
        if not changes.empty:
            self.changed.emit(changes)

    # Every modal question goes through these methods, so tests can answer them.

    def refuse(self, parent: QWidget | None, exc: UserError) -> None:
        show_refusal(parent, exc)

    def bug(self, parent: QWidget | None) -> None:
        show_bug(parent, self.log_path)

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        return ask_yes_no(parent, title, text)

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def ask_open_file(self, parent: QWidget | None, title: str, filters: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(parent, title, str(Path.home()), filters)
        return Path(name) if name else None

    def ask_save_file(
        self, parent: QWidget | None, title: str, suggested: str, filters: str
    ) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / suggested), filters)
        return Path(name) if name else None

    def ask_encrypt(self, parent: QWidget | None, path: Path) -> bool | None:
        """Whether to encrypt a new database (None: the lead cancelled)."""
        from coachdesk.gui.encryption import ask_encrypt

        return ask_encrypt(parent, path)

    def show_recovery_key(self, parent: QWidget | None, path: Path, key: Any) -> None:
        from coachdesk.gui.encryption import show_recovery_key

        show_recovery_key(parent, path, key)


def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    """A Yes/No question whose default is No; True when the lead says Yes."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def show_refusal(parent: QWidget | None, exc: UserError, title: str = "Not saved") -> None:
    """A message box with the refusal's sentence and, below it, every problem listed."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(exc.message)
    if exc.problems:
        box.setInformativeText("\n".join(f"• {p}" for p in exc.problems))
    box.setObjectName("refusal")
    box.exec()


def show_bug(parent: QWidget | None, log_path: Path | None) -> None:
    where = f"\n\nThe details are in the log file:\n{log_path}" if log_path else ""
    QMessageBox.critical(
        parent,
        "Something went wrong",
        "Something went wrong and that action was not completed. "
        "Your data is as it was before." + where,
    )
