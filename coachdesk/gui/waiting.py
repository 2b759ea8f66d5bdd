"""A read the UI must have before it goes on (a dialog's choices as it opens), run off the UI thread.

On a shared server such a read waits on the network. ``wait_for`` runs it on a worker thread
and meanwhile keeps the window alive: it repaints, timers and other calls' results are handled,
and only the lead's keys and clicks wait (they are delivered afterwards, not lost). If the read
is slow, a small "Waiting for the database…" indicator says why nothing moves. An error raised
by the read is raised again to the caller, as if it had run in place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from PySide6.QtCore import (
    QEventLoop,
    QObject,
    QRunnable,
    Qt,
    QThread,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

T = TypeVar("T")

WAIT_LABEL = "Waiting for the database…"


class _Finished(QObject):
    finished = Signal()


class _Read(QRunnable):
    def __init__(self, call: Callable[[], Any], signals: _Finished) -> None:
        super().__init__()
        self.call = call
        self.signals = signals
        self.value: Any = None
        self.error: BaseException | None = None
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            self.value = self.call()
        except BaseException as exc:  # raised again on the UI thread, to the caller
            self.error = exc
        finally:
            self.signals.finished.emit()


#: The waits' own threads: a dialog's read does not queue behind the views' reads and the
#: backups on Qt's global pool. Two, so a wait begun inside another wait still runs.
_POOL: QThreadPool | None = None


def _pool() -> QThreadPool:
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(2)
    return _POOL


def wait_for(call: Callable[[], T], *, busy_after_ms: int, label: str = WAIT_LABEL) -> T:
    """``call()`` on a worker thread; its value (or its error) once it has finished, the event
    loop running meanwhile without user input. Without an application, or off its thread,
    ``call()`` simply runs in place (there is no window to keep alive)."""
    app = QApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return call()
    signals = _Finished()
    read = _Read(call, signals)
    loop = QEventLoop()
    signals.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    indicator: list[QProgressDialog] = []

    def show_busy() -> None:
        dialog = QProgressDialog(label, "", 0, 0, _window())
        dialog.setObjectName("waiting")
        dialog.setWindowTitle("coachdesk")
        dialog.setCancelButton(None)  # a read cannot be stopped half-way; it ends by itself
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(0)
        dialog.show()
        indicator.append(dialog)

    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(show_busy)
    timer.start(busy_after_ms)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        _pool().start(read)
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    finally:
        timer.stop()
        QApplication.restoreOverrideCursor()
        for dialog in indicator:
            dialog.close()
            dialog.deleteLater()
    if read.error is not None:
        raise read.error
    return cast(T, read.value)


def _window() -> QWidget | None:
    return QApplication.activeWindow()
