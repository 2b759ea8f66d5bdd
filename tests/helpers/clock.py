"""The frozen clock the tests live on: one fixed day and moment, whatever the real date."""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from typing import Any

import pytest

from coachdesk.domain.clock import Clock

#: The moment every test database's clock shows (services read it as ``db.clock``).
FROZEN_NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
#: Its day, pinned too, so the day does not move with the computer's time zone.
FROZEN_TODAY = date(2026, 12, 7)
#: The clock itself (immutable: tests that need another day set their own).
FROZEN = Clock(today=FROZEN_TODAY, now=FROZEN_NOW)


def freeze_the_command_line(monkeypatch: pytest.MonkeyPatch, clock: Clock = FROZEN) -> None:
    """The command line, run in-process (``coachdesk.app.main``), opening every database on
    ``clock``: its ``--today`` then judges a day against the clock's calendar date, never the
    computer's, so a past day is past whatever the real date."""
    from coachdesk import app

    real_open = app.open_db

    def opened(db_arg: str | None, **options: bool) -> Any:
        database = real_open(db_arg, **options)
        database.clock = clock
        return database

    monkeypatch.setattr(app, "open_db", opened)


def set_the_computer_clock(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    """The system clock (``coachdesk.domain.clock``'s ``Clock()``) showing ``moment``, as on a
    computer whose clock says another date."""
    from coachdesk.domain import clock as clock_module

    class _Date(date):
        @classmethod
        def today(cls) -> date:
            return moment.astimezone().date()

    class _DateTime(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> datetime:
            return moment.astimezone(tz) if tz else moment.astimezone().replace(tzinfo=None)

    monkeypatch.setattr(clock_module, "date", _Date)
    monkeypatch.setattr(clock_module, "datetime", _DateTime)
