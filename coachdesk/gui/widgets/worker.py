"""Long work off the UI thread with a progress dialog that can cancel."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from coachdesk.errors import UserError

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class _Signals(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)


#: Jobs in flight: held here so Python does not collect a job (and its signals) while the
#: pool still runs it; each removes itself when it reports.
_RUNNING: set[_Job] = set()


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Progress, Cancelled], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self.cancel_requested = False
        _RUNNING.add(self)
        self.signals.done.connect(self._finished)
        self.signals.failed.connect(self._finished)

    def _finished(self, *_: Any) -> None:
        _RUNNING.discard(self)

    def run(self) -> None:
        try:
            result = self.fn(self.signals.progress.emit, lambda: self.cancel_requested)
        except Exception as exc:  # reported on the UI thread
            if not isinstance(exc, UserError):
                log.exception("background work failed")
            self.signals.failed.emit(exc)
            return
        self.signals.done.emit(result)


def run_with_progress(
    parent: QWidget | None,
    label: str,
    fn: Callable[[Progress, Cancelled], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[BaseException], None],
) -> _Job:
    """Run ``fn(progress, cancelled)`` on the thread pool; the dialog shows progress."""
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    job = _Job(fn)
    job.setAutoDelete(False)

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(done)

    def finish(result: Any) -> None:
        dialog.close()
        on_done(result)

    def fail(exc: BaseException) -> None:
        dialog.close()
        on_failed(exc)

    def cancel() -> None:
        job.cancel_requested = True
        dialog.setLabelText("Cancelling… nothing will be written.")

    job.signals.progress.connect(progress)
    job.signals.done.connect(finish)
    job.signals.failed.connect(fail)
    dialog.canceled.connect(cancel)
    dialog.show()
    QThreadPool.globalInstance().start(job)
    return job


def run_quietly(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[BaseException], None],
) -> _Job:
    """Run ``fn()`` on the thread pool with no dialog (a read the window need not wait for)."""
    job = _Job(lambda _progress, _cancelled: fn())
    job.setAutoDelete(False)
    job.signals.done.connect(on_done)
    job.signals.failed.connect(on_failed)
    QThreadPool.globalInstance().start(job)
    return job
