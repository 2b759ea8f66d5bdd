"""Other leads' commits as the ``Changes`` every view already understands (SPEC 12, fresh views).

    feed = ChangeFeed(db)            # before the first load, so no commit falls in between
    changes = feed.poll(timeout=0.5) # in a worker thread; Changes() when nothing came
    if not changes.empty: ...        # broadcast like the app's own writes' Changes
    feed.close()

On SQLite there is one writer and nothing to listen for: ``ChangeFeed.available(db)`` is
False and ``ChangeFeed(db)`` is refused. The feed reconnects by itself after the server was
out of reach and then answers ``Changes.everything()`` (what changed meanwhile is unknown).
"""

from __future__ import annotations

from collections.abc import Iterable
from types import TracebackType

from coachdesk.services.changes import Changes, RecordKind
from coachdesk.services.handle import Database
from coachdesk.storage.listen import Notice, NotifyListener

#: The kinds of record a change to each table touches; tables not named here that carry no
#: record a view shows (the audit log, drafts) are left out, and an unknown table (a newer
#: app's) refreshes everything.
TABLE_KINDS: dict[str, frozenset[RecordKind]] = {
    "people": frozenset({RecordKind.PERSON}),
    "registrations": frozenset({RecordKind.REGISTRATION}),
    "requests": frozenset({RecordKind.REQUEST}),
    "relationships": frozenset({RecordKind.RELATIONSHIP}),
    "meetings": frozenset({RecordKind.MEETING}),
    "evaluations": frozenset({RecordKind.EVALUATION}),
    "cpd": frozenset({RecordKind.CPD}),
    "supervision": frozenset({RecordKind.SUPERVISION}),
    "learning_log": frozenset({RecordKind.LEARNING}),
    "templates": frozenset({RecordKind.TEMPLATE}),
    "settings": frozenset({RecordKind.SETTINGS}),
    "merge_conflicts": frozenset({RecordKind.CONFLICT}),
    "workforce_headcounts": frozenset({RecordKind.HEADCOUNT}),
    "culture_assessments": frozenset({RecordKind.CULTURE}),
    "attachments": frozenset({RecordKind.REGISTRATION, RecordKind.CPD}),
    "reminders": frozenset({RecordKind.REMINDER}),
}
QUIET_TABLES = frozenset({"audit_log", "drafts", "alembic_version"})


def changes_of(notices: Iterable[Notice]) -> Changes:
    """The kinds of record the notices touch, merged into one ``Changes``."""
    kinds: set[RecordKind] = set()
    for notice in notices:
        if notice.missed:
            return Changes.everything()
        for table in notice.tables - QUIET_TABLES:
            known = TABLE_KINDS.get(table)
            if known is None:
                return Changes.everything()
            kinds |= known
    return Changes(frozenset(kinds))


class ChangeFeed:
    """Other leads' commits to this hub, as ``Changes`` (see the module's docstring)."""

    def __init__(self, db: Database, *, retry_every: float = 2.0) -> None:
        self._listener = NotifyListener(db, retry_every=retry_every)

    @staticmethod
    def available(db: Database) -> bool:
        """True when ``db`` is a shared PostgreSQL hub whose changes can be listened for."""
        return db.backend == "postgresql"

    @property
    def connected(self) -> bool:
        """False while the server is out of reach (the feed keeps trying)."""
        return self._listener.connected

    def poll(self, timeout: float = 0.0) -> Changes:
        """What other leads changed, waiting up to ``timeout`` seconds; ``Changes()`` if nothing."""
        return changes_of(self._listener.poll(timeout))

    def close(self) -> None:
        self._listener.close()

    def __enter__(self) -> ChangeFeed:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
