"""The unit of work: one database transaction per user action (Cosmic Python style)."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from coachdesk.domain.clock import SYSTEM, Clock
from coachdesk.storage.audit import install as install_audit
from coachdesk.storage.diskerrors import saving_error
from coachdesk.storage.lock import DatabaseLock


class UnitOfWork:
    """``with db.uow() as uow: ...; uow.commit()`` - anything not committed is rolled back."""

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory
        self.session: Session

    def __enter__(self) -> UnitOfWork:
        self.session = self._factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()

    def commit(self) -> None:
        try:
            self.session.commit()
        except (OperationalError, OSError) as exc:
            refusal = saving_error(exc)
            if refusal is None:
                raise
            raise refusal from exc

    def flush(self) -> None:
        try:
            self.session.flush()
        except (OperationalError, OSError) as exc:
            refusal = saving_error(exc)
            if refusal is None:
                raise
            raise refusal from exc


class Database:
    """An open coachdesk database: the engine, its URL and a factory of units of work."""

    def __init__(self, engine: Engine, url: str, *, clock: Clock = SYSTEM) -> None:
        self.engine = engine
        self.url = url
        #: Where every service takes today and now from (the CLI's --today and tests set it).
        self.clock = clock
        self._factory = sessionmaker(bind=engine, expire_on_commit=False)
        #: The single-writer lock of an SQLite file (held until ``dispose``), if taken.
        self.lock: DatabaseLock | None = None
        #: Committed transactions since opening; backups compare it to ``backed_up_at``.
        self.commits = 0
        self.backed_up_at = 0
        event.listen(engine, "commit", self._committed)
        install_audit(self._factory)

    def _committed(self, _conn: Connection) -> None:
        self.commits += 1

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self._factory)

    @property
    def changed_since_backup(self) -> bool:
        return self.commits > self.backed_up_at

    def dispose(self) -> None:
        self.engine.dispose()
        lock, self.lock = self.lock, None
        if lock is not None:
            lock.release()
