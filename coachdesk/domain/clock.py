"""The one clock: today and now come from here, the system's or one frozen by the CLI or tests."""

from __future__ import annotations

from datetime import UTC, date, datetime


class Clock:
    """Today and now. Unset parts follow the system clock; set parts stay where they were put.

    ``Clock()`` is the system clock; ``Clock(today=d)`` is the CLI's ``--today`` (the day the
    rules judge, while timestamps stay real); ``Clock(now=t)`` freezes both (tests).
    """

    def __init__(
        self,
        *,
        today: date | None = None,
        now: datetime | None = None,
        calendar: date | None = None,
    ) -> None:
        if now is not None and now.tzinfo is None:
            raise ValueError("a frozen 'now' must carry its time zone")
        self._today = today
        self._now = now
        self._calendar = calendar

    def today(self) -> date:
        """The day the hub's rules and defaults use."""
        if self._today is not None:
            return self._today
        if self._now is not None:
            return self._now.astimezone().date()
        return date.today()

    def calendar_day(self) -> date:
        """The calendar date (a report's "generated" day): ``today()``, unless this clock
        judges another day (``judging``); then the date the clock it came from showed."""
        return self._calendar if self._calendar is not None else self.today()

    def judging(self, day: date) -> Clock:
        """This clock judging ``day`` (the CLI's ``--today``), its calendar date kept: a day
        before it is a past day (SPEC 5)."""
        return Clock(today=day, now=self._now, calendar=self.calendar_day())

    def now(self) -> datetime:
        """The moment, time-zone aware (UTC unless frozen otherwise)."""
        return self._now if self._now is not None else datetime.now(UTC)

    def local_now(self) -> datetime:
        """The moment in the computer's own time zone (for lock files and what a lead reads)."""
        return self.now().astimezone()

    @property
    def frozen(self) -> bool:
        return self._today is not None or self._now is not None

    def __repr__(self) -> str:
        if not self.frozen:
            return "Clock()"
        return f"Clock(today={self._today!r}, now={self._now!r}, calendar={self._calendar!r})"


#: The system clock, for code that has no open database to ask (lock files, file names).
SYSTEM = Clock()
