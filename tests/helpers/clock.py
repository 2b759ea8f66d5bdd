"""The frozen clock the tests live on: one fixed day and moment, whatever the real date."""

from __future__ import annotations

from datetime import UTC, date, datetime

from coachdesk.domain.clock import Clock

#: The moment every test database's clock shows (services read it as ``db.clock``).
FROZEN_NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
#: Its day, pinned too, so the day does not move with the computer's time zone.
FROZEN_TODAY = date(2026, 12, 7)
#: The clock itself (immutable: tests that need another day set their own).
FROZEN = Clock(today=FROZEN_TODAY, now=FROZEN_NOW)
