"""The unit of work: one database transaction per user action (Cosmic Python style)."""

from __future__ import annotations

import uuid
from types import TracebackType

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from coachdesk.domain.clock import SYSTEM, Clock
from coachdesk.storage import notify, stale
from coachdesk.storage.audit import install as install_audit
from coachdesk.storage.diskerrors import saving_error
from coachdesk.storage.lock import DatabaseLock
from coachdesk.storage.netloss import lost_error, privilege_error


class UnitOfWork:
    """``with db.uow() as uow: ...; uow.commit()`` - anything not committed is rolled back.

    A lost connection to a PostgreSQL server, in a read or a write, leaves as a UserError
    saying so (the next unit of work reconnects); a save based on a record changed meanwhile
    leaves as a StaleRecord naming who changed it and when.
    """

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
        except DBAPIError:
            if exc is None:
                raise
        finally:
            self.session.close()
        if exc is not None:
            refusal = lost_error(exc)
            if refusal is not None:
                raise refusal from exc

    def _refusal(self, exc: Exception, *, committing: bool = False) -> Exception | None:
        if isinstance(exc, StaleDataError):
            return stale.from_flush(self.session, str(exc))
        lost = lost_error(exc, committing=committing) or privilege_error(exc)
        if lost is not None:
            return lost
        if isinstance(exc, (OperationalError, OSError)):
            return saving_error(exc)
        return None

    def commit(self) -> None:
        self.flush()  # a failure here is before COMMIT was asked: nothing was saved
        try:
            self.session.commit()
        except (StaleDataError, DBAPIError, OSError) as exc:
            refusal = self._refusal(exc, committing=True)
            if refusal is None:
                raise
            raise refusal from exc

    def flush(self) -> None:
        try:
            self.session.flush()
        except (StaleDataError, DBAPIError, OSError) as exc:
            refusal = self._refusal(exc)
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
        #: This open database's own name in the NOTIFY payloads it sends (its "origin"), so the
        #: app can tell its own changes from other leads'.
        self.instance_id = uuid.uuid4().hex
        self._factory = sessionmaker(bind=engine, expire_on_commit=False)
        #: The single-writer lock of an SQLite file (held until ``dispose``), if taken.
        self.lock: DatabaseLock | None = None
        #: Committed transactions since opening; backups compare it to ``backed_up_at``.
        self.commits = 0
        self.backed_up_at = 0
        self._user: str | None = None
        self._read_only: bool | None = None
        event.listen(engine, "commit", self._committed)
        install_audit(self._factory)
        stale.install(self._factory)
        if self.backend == "postgresql":
            notify.install(self._factory, self.instance_id)

    def _committed(self, _conn: Connection) -> None:
        self.commits += 1

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    @property
    def user(self) -> str | None:
        """The database user connected (PostgreSQL's ``current_user``); None on SQLite."""
        if self.backend != "postgresql":
            return None
        if self._user is None:
            with self.uow() as uow:
                self._user = str(uow.session.scalar(text("SELECT current_user")))
        return self._user

    @property
    def read_only(self) -> bool:
        """True when the connected user may not add to the register (a viewer, SPEC 12): the
        server refuses their writes whatever the app does. Always False on SQLite."""
        if self.backend != "postgresql":
            return False
        if self._read_only is None:
            with self.uow() as uow:
                may_insert = uow.session.scalar(
                    text("SELECT has_table_privilege(current_user, 'people', 'INSERT')")
                )
            self._read_only = not may_insert
        return self._read_only

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
