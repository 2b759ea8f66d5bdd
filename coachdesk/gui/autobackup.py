"""The app's automatic backups: every 30 minutes while there are changes, and on close."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from coachdesk.errors import UserError
from coachdesk.services.safekeeping import backup_on_close, periodic_backup

if TYPE_CHECKING:
    from coachdesk.gui.mainwindow import MainWindow

#: How often the timer looks whether a backup is due (the rule itself is 30 minutes).
TICK_MS = 60_000
#: After a failed backup (a full disk), the next attempt waits this long: one message, not one
#: a minute.
RETRY_AFTER = timedelta(minutes=30)


class AutoBackup(QObject):
    """Owned by the main window; ``tick`` and ``on_close`` are what the timer and close call."""

    def __init__(self, win: MainWindow) -> None:
        super().__init__(win)
        self.win = win
        self.failed_at: datetime | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(lambda: self.tick())
        self.timer.start()

    def tick(self, now: datetime | None = None) -> None:
        now = now or datetime.now(UTC)
        if self.failed_at is not None and now - self.failed_at < RETRY_AFTER:
            return
        try:
            path = periodic_backup(self.win.ctx.db, now)
        except UserError as exc:
            self.failed_at = now
            self.win.ctx.refuse(self.win, exc)
            return
        self.failed_at = None
        if path is not None:
            self.win.ctx.status_message.emit(f"Backup taken: {path.name}")

    def on_close(self) -> None:
        self.timer.stop()
        try:
            backup_on_close(self.win.ctx.db)
        except UserError as exc:
            self.win.ctx.refuse(self.win, exc)
