"""What every view shares: the open hub, the Changes signal, navigation, service calls."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, Literal, ParamSpec, TypeVar

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from coachdesk.domain.clock import Clock
from coachdesk.errors import UserError
from coachdesk.gui.operations import BUSY_AFTER_MS, Op, Task, Work
from coachdesk.gui.readonly import EditGate, viewer_refusal
from coachdesk.gui.waiting import wait_for
from coachdesk.services.changes import Changes, Outcome
from coachdesk.services.handle import Database
from coachdesk.services.opening import close_database

if TYPE_CHECKING:
    from coachdesk.gui.live import ChangeFeed

log = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")
P = ParamSpec("P")

#: The lead's answer about unsaved changes: save them, throw them away, or stay.
SaveChoice = Literal["save", "discard", "cancel"]


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
    #: An editor's unsaved changes may have come or gone (the main window marks its title).
    unsaved_changed = Signal()
    #: The shared server became unreachable (False) or reachable again (True).
    connection_changed = Signal(bool)

    def __init__(
        self,
        db: Database,
        *,
        clock: Clock | None = None,
        log_path: Path | None = None,
        db_label: str = "",
    ) -> None:
        super().__init__()
        self._db = db
        if clock is not None:
            db.clock = clock
        self.log_path = log_path
        self.db_label = db_label
        #: Service calls (Op) run off the UI thread when True: the app turns it on; widget tests
        #: leave it off so a call has finished, and its result been handled, when ``run`` returns.
        self.background = False
        #: How long a call may take before its busy indicator shows.
        self.busy_after_ms = BUSY_AFTER_MS
        #: Writes run here, one at a time, in the order they were started.
        self.write_pool = QThreadPool(self)
        self.write_pool.setMaxThreadCount(1)
        self._day = self.today()
        self._day_timer: QTimer | None = None
        #: Calls held back until the main window is on screen (None: none are held).
        self._held: list[Op[Any]] | None = None
        self._feed: ChangeFeed | None = None
        self._gate: EditGate | None = None

    # -- sharing a hub: other leads' changes, a viewer's rights ----------------------------

    @property
    def read_only(self) -> bool:
        """True for a viewer (PostgreSQL role without write rights): views disable editing."""
        return self._db.read_only

    def listen_for_changes(self) -> bool:
        """Show other leads' changes as they are committed (PostgreSQL; False on SQLite)."""
        from coachdesk.gui.live import ChangeFeed

        if self._feed is None:
            self._feed = ChangeFeed(self)
            if not self._feed.start():
                self._feed = None
        return self._feed is not None

    @property
    def feed(self) -> ChangeFeed | None:
        return self._feed

    def guard_edits(self, *controls: QWidget | QAction) -> None:
        """Buttons and actions that change records: kept disabled for a viewer."""
        if not self.read_only:
            return
        if self._gate is None:
            self._gate = EditGate(self)
        self._gate.guard(*controls)

    def _writable(self) -> None:
        if self.read_only:
            raise UserError(viewer_refusal(self._db.user))

    @property
    def db(self) -> Database:
        return self._db

    @property
    def clock(self) -> Clock:
        return self._db.clock

    def today(self) -> date:
        return self._db.clock.today()

    # -- service calls: one typed way (see gui/operations.py) ------------------------------

    def write(
        self,
        parent: QWidget | None,
        fn: Callable[Concatenate[Database, P], Outcome[R]],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> Op[R]:
        """A write: its Outcome's value goes to ``success``, its Changes to every view."""

        def work(db: Database, _task: Task) -> tuple[R, Changes]:
            self._writable()
            out = fn(db, *args, **kwargs)
            return out.value, out.changes

        return Op(self, parent, work, name=getattr(fn, "__name__", "write"))

    def query(
        self,
        parent: QWidget | None,
        fn: Callable[Concatenate[Database, P], R],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> Op[R]:
        """A read: its result goes to ``success``; it may run beside a write."""

        def work(db: Database, _task: Task) -> tuple[R, Changes]:
            return fn(db, *args, **kwargs), Changes()

        name = getattr(fn, "__name__", "query")
        return Op(self, parent, work, serial=False, busy=False, name=name)

    def task(
        self,
        parent: QWidget | None,
        label: str,
        fn: Callable[[Database, Task], Outcome[R]],
        *,
        cancellable: bool = True,
    ) -> Op[R]:
        """A long write that reports progress and may be cancelled (imports, restores)."""

        def work(db: Database, task: Task) -> tuple[R, Changes]:
            self._writable()
            out = fn(db, task)
            return out.value, out.changes

        return Op(self, parent, work, label=label, cancellable=cancellable, name=label)

    def hold_calls(self) -> None:
        """Hold back the calls started from now on until ``release_calls``: at start-up the
        window maps and paints first, without the dashboard's rules (seconds of Python on a
        large hub) and the other first reads competing with it for Python's one lock."""
        if self._held is None:
            self._held = []

    def hold(self, op: Op[Any]) -> bool:
        """Keep ``op`` to start on ``release_calls`` (True), or False when calls are not held."""
        if self._held is None:
            return False
        self._held.append(op)
        return True

    def release_calls(self) -> None:
        """Start the calls held back, in the order they were run; later calls start at once."""
        held, self._held = self._held, None
        for op in held or ():
            op.start()

    def close(self) -> None:
        """Stop listening, wait for the calls still running, then close the database (switching
        or quitting)."""
        self.release_calls()
        if self._feed is not None:
            self._feed.stop()
        self.write_pool.waitForDone()
        QThreadPool.globalInstance().waitForDone()  # reads, and backups taken as reads
        close_database(self._db)

    def _run_work(self, work: Work[R], task: Task) -> tuple[R, Changes]:
        """Where an operation meets the open database (the only place the GUI hands it out)."""
        return work(self._db, task)

    def watch_the_date(self, interval_ms: int = 60_000) -> None:
        """Check the date every minute, so a window left open past midnight moves on."""
        self._day_timer = QTimer(self)
        self._day_timer.setInterval(interval_ms)
        self._day_timer.timeout.connect(self.check_new_day)
        self._day_timer.start()

    def check_new_day(self) -> bool:
        """On a new day every view reloads (alerts, days waiting and due dates move on)."""
        today = self.today()
        if today == self._day:
            return False
        self._day = today
        self.changed.emit(Changes.everything())
        return True

    def read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """A read the caller must have before it goes on (a dialog's choices as it opens). In
        the app it runs off the UI thread while the window keeps painting, the lead's keys and
        clicks waiting (``gui/waiting.py``): on a shared server it waits on the network. In
        widget tests it runs in place. Its errors are raised to the caller either way."""
        if not self.background:
            return fn(self._db, *args, **kwargs)
        return wait_for(lambda: fn(self._db, *args, **kwargs), busy_after_ms=self.busy_after_ms)

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

    def ask_save_discard_cancel(self, parent: QWidget | None, what: str) -> SaveChoice:
        """Before unsaved changes are left: save them, discard them, or stay (cancel).
        ``what`` names them in the lead's words ("the private notes for the session on …")."""
        return ask_save_discard_cancel(parent, what)

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


def ask_save_discard_cancel(parent: QWidget | None, what: str) -> SaveChoice:
    """Save / Discard / Cancel about unsaved changes; Esc (or closing the box) is Cancel."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Unsaved changes")
    box.setText(f"Save {what}?")
    box.setInformativeText("If you discard them, they are lost. Cancel goes back to them.")
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    box.setObjectName("unsavedChanges")
    box.exec()
    clicked = box.clickedButton()
    answer = box.standardButton(clicked) if clicked is not None else None
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


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
