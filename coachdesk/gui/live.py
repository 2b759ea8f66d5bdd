"""Other leads' changes, shown as they happen: the listener's reports, brought to the UI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from coachdesk.services.changes import Changes, RecordKind
from coachdesk.services.live import Listening, listen_for_changes

if TYPE_CHECKING:
    from coachdesk.gui.context import AppContext

#: Changes heard within this long of the first are shown together (a burst is one reload).
COALESCE_MS = 250


class ChangeFeed(QObject):
    """Owned by the context: hears other instances' commits (PostgreSQL only) and broadcasts
    their kinds on ``ctx.changed``, as a local write does; reports the server's reachability
    on ``ctx.connection_changed``."""

    #: From the listener's thread: the kinds of record another instance changed.
    _heard = Signal(object)
    #: From the listener's thread: whether the server is reachable.
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
        self._listener: Listening | None = None
        #: None until the server has been tried; then whether it was reachable last.
        self.online: bool | None = None

    def start(self) -> bool:
        """Start listening; False on SQLite (nothing to hear)."""
        self._listener = listen_for_changes(self.ctx.db, self._heard.emit, self._reached.emit)
        return self._listener is not None

    def stop(self) -> None:
        """Stop the listener's thread and wait for it; changes not yet shown are dropped."""
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.stop()
        self.timer.stop()
        self._pending.clear()

    @property
    def running(self) -> bool:
        return self._listener is not None and self._listener.running

    def _collect(self, kinds: frozenset[RecordKind]) -> None:
        if self._listener is None:
            return  # stopped meanwhile
        self._pending |= kinds
        if not self.timer.isActive():
            self.timer.start()

    def flush(self) -> None:
        """Broadcast what was heard since the last flush (one Changes for a burst)."""
        kinds, self._pending = frozenset(self._pending), set()
        if kinds:
            self.ctx.broadcast(Changes(kinds))

    def _state(self, reached: bool) -> None:
        if self._listener is None or reached == self.online:
            return
        self.online = reached
        self.ctx.connection_changed.emit(reached)
