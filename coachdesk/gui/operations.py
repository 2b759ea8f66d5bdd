"""One typed way to run a service call: off the UI thread, busy only when slow, refusals shown once.

On the model of Anki's ``CollectionOp`` / ``QueryOp``: a view builds an :class:`Op` with
``ctx.write(...)``, ``ctx.query(...)`` or ``ctx.task(...)``, says what to do with the result, and
runs it::

    ctx.write(self, add_person, data).success(self._saved).run()

The call runs on the context's own one-thread pool (so calls happen one after another, in the
order they were run) and hands its result to ``success`` on the UI thread. A write's
``Outcome`` is unwrapped and its ``Changes`` broadcast before ``success`` runs. A ``UserError``
is shown to the lead once (``ctx.refuse``); anything else is logged and shown as "something went
wrong" (``ctx.bug``); then ``failure``, if given, runs. A write's busy indicator appears only when
it takes longer than ``BUSY_AFTER_MS``; a read shows none unless asked (``with_progress``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from coachdesk.errors import UserError
from coachdesk.services.changes import Changes, Outcome

if TYPE_CHECKING:
    from coachdesk.gui.context import AppContext
    from coachdesk.services.handle import Database

log = logging.getLogger(__name__)

R = TypeVar("R")

#: A call shorter than this shows no busy indicator at all.
BUSY_AFTER_MS = 300


class Task:
    """What a long call may report and ask while it runs (any thread)."""

    def __init__(self) -> None:
        self._cancel = threading.Event()
        self._report: Callable[[int, int], None] = lambda _done, _total: None

    def progress(self, done: int, total: int) -> None:
        """Report ``done`` of ``total`` steps (total 0: unknown)."""
        self._report(done, total)

    def cancelled(self) -> bool:
        """True once the lead has pressed Cancel."""
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


#: The work of an operation: takes the open database and its Task, returns the value and
#: what it changed.
Work = Callable[["Database", Task], "tuple[R, Changes]"]


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal()


class _Runnable(QRunnable):
    def __init__(self, op: Op[Any]) -> None:
        super().__init__()
        self.op = op
        self.setAutoDelete(False)

    def run(self) -> None:
        self.op._execute()
        self.op._signals.finished.emit()


#: Operations in flight: held so Python keeps each (and its signals) until it reports.
_RUNNING: set[Op[Any]] = set()


class Op(Generic[R]):
    """One service call and what to do with its result (build with ``ctx.write/query/task``)."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None,
        work: Work[R],
        *,
        label: str = "Working…",
        cancellable: bool = False,
        serial: bool = True,
        busy: bool = True,
        name: str = "",
    ) -> None:
        self.ctx = ctx
        self.parent = parent
        self._work = work
        self.label = label
        self.cancellable = cancellable
        #: Writes run one after another on the context's own thread; reads may run beside them.
        self.serial = serial
        #: Whether a slow call shows the (window-modal) busy indicator. Writes do, so the lead
        #: cannot act on what is being changed; reads do not (the view says "Loading…").
        self.busy = busy
        self.name = name or getattr(work, "__name__", "call")
        self.task = Task()
        self._on_success: Callable[[R], object] | None = None
        self._on_failure: Callable[[BaseException], object] | None = None
        #: Refusals the ``failure`` callback shows itself (not in a message box first).
        self._handled: tuple[type[UserError], ...] = ()
        self._value: R | None = None
        self._changes = Changes()
        self._error: BaseException | None = None
        self._signals = _Signals()
        self._dialog: QProgressDialog | None = None
        self._timer: QTimer | None = None
        #: The last progress reported (kept for a busy indicator that shows after it came).
        self._progress: tuple[int, int] | None = None
        #: True once the busy indicator has been shown (the call took a while).
        self.busy_shown = False
        #: True once the result has been handed over (success or failure).
        self.done = False

    def success(self, fn: Callable[[R], object]) -> Op[R]:
        """Run ``fn(value)`` on the UI thread when the call succeeds (after the broadcast)."""
        self._on_success = fn
        return self

    def failure(self, fn: Callable[[BaseException], object]) -> Op[R]:
        """Run ``fn(exc)`` on the UI thread after a refusal or bug has been shown."""
        self._on_failure = fn
        return self

    def handles(self, *kinds: type[UserError]) -> Op[R]:
        """Refusals of these kinds go straight to ``failure``, which shows them (a form that
        offers to reload a record another lead changed)."""
        self._handled = kinds
        return self

    def with_progress(self, label: str) -> Op[R]:
        """Show the busy indicator with ``label`` if the call is slow (a read the lead waits on)."""
        self.label, self.busy = label, True
        return self

    def run(self) -> Op[R]:
        """Start the call: on the context's pool, or at once when the context runs calls inline
        (tests that drive widgets and look at the result straight after)."""
        if not self.ctx.background:
            self._execute()
            self._report()
            return self
        if self.ctx.hold(self):  # started before the window is on screen: started then
            return self
        self.start()
        return self

    def start(self) -> None:
        """Start the call on its pool (``run`` does, unless the context holds it back)."""
        _RUNNING.add(self)
        self._signals.finished.connect(self._report, Qt.ConnectionType.QueuedConnection)
        self._signals.progress.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)
        self.task._report = self._signals.progress.emit
        if self.busy:
            self._timer = QTimer()
            self._timer.setSingleShot(True)
            self._timer.timeout.connect(self._show_busy)
            self._timer.start(self.ctx.busy_after_ms)
        pool = self.ctx.write_pool if self.serial else QThreadPool.globalInstance()
        pool.start(_Runnable(self))

    # -- on the worker thread -------------------------------------------------------------

    def _execute(self) -> None:
        try:
            self._value, self._changes = self.ctx._run_work(self._work, self.task)
        except Exception as exc:  # handed to the UI thread, which decides what to show
            self._error = exc

    # -- on the UI thread -----------------------------------------------------------------

    def _show_busy(self) -> None:
        if self.done:
            return
        dialog = QProgressDialog(self.label, "Cancel" if self.cancellable else "", 0, 0)
        if self.parent is not None:
            dialog.setParent(self.parent, dialog.windowFlags())
        dialog.setObjectName("busy")
        dialog.setWindowTitle("coachdesk")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if self.cancellable:
            dialog.canceled.connect(self._cancel)
        else:
            dialog.setCancelButton(None)  # no button: the call cannot be stopped
        self._dialog = dialog
        self.busy_shown = True
        if self._progress is not None:
            self._show_progress(*self._progress)
        dialog.show()

    def _show_progress(self, done: int, total: int) -> None:
        self._progress = (done, total)
        if self._dialog is not None:
            self._dialog.setMaximum(max(total, 0))
            self._dialog.setValue(done)

    def _cancel(self) -> None:
        self.task.cancel()
        if self._dialog is not None:
            self._dialog.setLabelText("Cancelling… nothing will be written.")

    def _report(self) -> None:
        self.done = True
        _RUNNING.discard(self)
        if self._timer is not None:
            self._timer.stop()
        if self._dialog is not None:
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
        error = self._error
        if error is None:
            self.ctx.broadcast(self._changes)
            if self._on_success is not None:
                self._on_success(cast(R, self._value))
            return
        if isinstance(error, self._handled) and self._on_failure is not None:
            pass  # shown by the failure callback
        elif isinstance(error, UserError):
            self.ctx.refuse(self.parent, error)
        else:
            log.error("service call %s failed", self.name, exc_info=error)
            self.ctx.bug(self.parent)
        if self._on_failure is not None:
            self._on_failure(error)


def unwrap(result: Outcome[R]) -> tuple[R, Changes]:
    """A write's value and what it changed."""
    return result.value, result.changes
