"""Other leads' changes, shown as they happen: the service's change feed, polled on a thread of
its own, brought to the UI thread."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from coachdesk.services.changes import Changes, RecordKind
from coachdesk.services.live import ChangeFeed as ServiceFeed

if TYPE_CHECKING:
    from coachdesk.gui.context import AppContext

#: Changes heard within this long of the first are shown together (a burst is one reload).
COALESCE_MS = 250
#: How long one poll waits for a notice before the stop flag is looked at again (seconds).
POLL_SECONDS = 0.2
#: How often the feed tries the server again while it is out of reach (seconds).
RETRY_SECONDS = 1.0


class ChangeFeed(QObject):
    """Owned by the context: hears other instances' commits (PostgreSQL only) and broadcasts
    them on ``ctx.changed``, as a local write does; reports the server's reachability on
    ``ctx.connection_changed``. The service's feed (its own connection) lives on a thread of
    its own, so connecting, waiting and reconnecting never hold up the window."""

    #: From the feed's thread: what another instance changed.
    _heard = Signal(object)
    #: From the feed's thread: whether the server is reachable.
    _reached = Signal(bool)

    def __init__(self, ctx: AppContext, coalesce_ms: int = COALESCE_MS) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self._pending: set[RecordKind] = set()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(coalesce_ms)
        self.timer.timeout.connect(self.flush)
        self._heard.connect(self._collect, Qt.ConnectionType.QueuedConnection)
        self._reached.connect(self._state, Qt.ConnectionType.QueuedConnection)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        #: None until the server has been tried; then whether it was reachable last.
        self.online: bool | None = None

    def start(self) -> bool:
        """Start listening; False on SQLite (one writer: nothing to hear)."""
        if not ServiceFeed.available(self.ctx.db):
            return False
        self._thread = threading.Thread(target=self._run, name="coachdesk-changes", daemon=True)
        self._thread.start()
        return True

    def stop(self) -> None:
        """Stop the feed's thread and wait for it; changes not yet shown are dropped."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join()
        self.timer.stop()
        self._pending.clear()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- on the feed's thread ------------------------------------------------------------

    def _run(self) -> None:
        feed = ServiceFeed(self.ctx.db, retry_every=RETRY_SECONDS)
        try:
            reached: bool | None = None
            while not self._stop.is_set():
                changes = feed.poll(timeout=POLL_SECONDS)
                if feed.connected != reached:
                    reached = feed.connected
                    self._reached.emit(reached)
                if not changes.empty:
                    self._heard.emit(changes)
        finally:
            feed.close()

    # -- on the UI thread ----------------------------------------------------------------

    def _collect(self, changes: Changes) -> None:
        if self._thread is None:
            return  # stopped meanwhile
        self._pending |= changes.kinds
        if not self.timer.isActive():
            self.timer.start()

    def flush(self) -> None:
        """Broadcast what was heard since the last flush (one Changes for a burst)."""
        kinds, self._pending = frozenset(self._pending), set()
        if kinds:
            self.ctx.broadcast(Changes(kinds))

    def _state(self, reached: bool) -> None:
        if self._thread is None or reached == self.online:
            return
        self.online = reached
        self.ctx.connection_changed.emit(reached)
