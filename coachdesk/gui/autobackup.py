"""The app's automatic backups: every 30 minutes while there are changes, and on close."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, QTimer
from PySide6.QtWidgets import QWidget

from coachdesk.gui.context import AppContext
from coachdesk.gui.operations import Op
from coachdesk.services.safekeeping import backup_on_close, periodic_backup

#: How often the timer looks whether a backup is due (the rule itself is 30 minutes).
TICK_MS = 60_000
#: After a failed backup (a full disk), the next attempt waits this long: one message, not one
#: a minute.
RETRY_AFTER = timedelta(minutes=30)


class AutoBackup(QObject):
    """Owned by the main window; ``tick`` and ``on_close`` are what the timer and close call."""

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.failed_at: datetime | None = None
        self._op: Op[Path | None] | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(lambda: self.tick())
        self.timer.start()

    def tick(self, now: datetime | None = None) -> None:
        """Take a backup when one is due (off the UI thread in the app)."""
        now = now or self.ctx.clock.now()
        if self.failed_at is not None and now - self.failed_at < RETRY_AFTER:
            return
        if self._op is not None and not self._op.done:
            return  # the last one is still being written
        op = self.ctx.query(self.window, periodic_backup, now)
        op.failure(lambda _exc: self._failed(now))
        self._op = op.success(self._taken).run()

    def _taken(self, path: Path | None) -> None:
        self.failed_at = None
        if path is not None:
            self.ctx.status_message.emit(f"Backup taken: {path.name}")

    def _failed(self, when: datetime) -> None:
        """Told once (by the operation); the next attempt waits RETRY_AFTER."""
        self.failed_at = when

    def on_close(self) -> None:
        """The backup on close, taken before the window goes (after the writes under way)."""
        self.timer.stop()
        self.ctx.write_pool.waitForDone()
        QThreadPool.globalInstance().waitForDone()  # a periodic backup being written
        self.ctx.background = False  # closing: this last call runs here and now
        self.ctx.query(self.window, backup_on_close).run()
