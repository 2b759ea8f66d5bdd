"""Deterministic demo data: a small hub where every rule holds once, or a large one for timing."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from coachdesk.errors import UserError
from coachdesk.services.changes import Changes, Outcome
from coachdesk.storage.models import Person
from coachdesk.storage.uow import Database

if TYPE_CHECKING:
    from coachdesk.services.exchange.report import ImportReport
    from coachdesk.services.exchange.types import BundleDocument

__all__ = [
    "SIZES",
    "DemoReport",
    "build_demo_bundle",
    "bundle_counts",
    "load_demo",
    "start_with_demo",
]

log = logging.getLogger(__name__)

SIZES = ("small", "large")


@dataclass(frozen=True)
class DemoReport:
    """What load_demo put into the database (counts only: no personal data)."""

    seed: int
    size: str
    today: date
    counts: dict[str, int] = field(default_factory=dict)
    imported: ImportReport | None = None  # what exchange.import_bundle reported

    def summary(self) -> str:
        """One line for the CLI and the status bar."""
        c = self.counts
        return (
            f"Loaded the {self.size} demo hub (seed {self.seed}, as of {self.today.isoformat()}): "
            f"{c.get('people', 0):,} people, {c.get('registrations', 0):,} registrations, "
            f"{c.get('relationships', 0):,} relationships, {c.get('sessions', 0):,} sessions, "
            f"{c.get('evaluations', 0):,} evaluations."
        )


def build_demo_bundle(
    *, seed: int = 1, size: str = "small", today: date, scale: float = 1.0
) -> BundleDocument:
    """A complete ``coachdesk/1`` bundle; the same seed, size, today (and scale) give the same one.

    ``small`` is a hub of about 60 people with a year of history in which every rule of SPEC 5
    holds at least once on ``today``. ``large`` is 5,000 people, 20,000 relationships and
    150,000 sessions over three years; ``scale`` shrinks (or grows) it in proportion, for tests.
    """
    from coachdesk.services.demo.builder import Builder
    from coachdesk.services.demo.names import NamePools

    if size not in SIZES:
        raise UserError(f"The demo comes in sizes {' and '.join(SIZES)}, not {size!r}.")
    if size == "small":
        from coachdesk.services.demo.small import build_small

        builder = Builder(seed, today, NamePools(seed, per_list=30))
        build_small(builder)
    else:
        from coachdesk.services.demo.large import build_large

        builder = Builder(seed, today, NamePools(seed, per_list=240))
        build_large(builder, scale)
    return builder.bundle()


def bundle_counts(bundle: BundleDocument) -> dict[str, int]:
    """How many records of each kind a bundle holds."""
    rels = bundle.get("relationships", [])
    return {
        "people": len(bundle.get("people", [])),
        "registrations": len(bundle.get("registrations", [])),
        "requests": len(bundle.get("requests", [])),
        "relationships": len(rels),
        "sessions": sum(_count(r.get("sessions")) for r in rels),
        "evaluations": sum(_count(r.get("evaluations")) for r in rels),
        "cpd": len(bundle.get("cpd", [])),
        "supervision": len(bundle.get("supervision", [])),
        "learning_log": len(bundle.get("learning_log", [])),
    }


def _count(records: object) -> int:
    """How many nested records (sessions or evaluations) a relationship holds."""
    return len(records) if isinstance(records, Sequence) else 0


def load_demo(
    db: Database, *, seed: int = 1, size: str = "small", today: date | None = None
) -> DemoReport:
    """Build the demo bundle and import it; refused when the database already holds people."""
    from coachdesk.services.exchange import import_bundle

    with db.uow() as uow:
        people = uow.session.scalar(select(func.count()).select_from(Person)) or 0
    if people:
        raise UserError(
            f"This database already holds {people:,} {'person' if people == 1 else 'people'}; "
            "the demo loads only into an empty database. Open a new database file "
            "(coachdesk --db NEW.sqlite demo) to try it."
        )
    today = today or db.clock.today()
    data = build_demo_bundle(seed=seed, size=size, today=today)
    imported = import_bundle(db, data, source="demo")
    report = DemoReport(seed, size, today, bundle_counts(data), imported)
    log.info("demo loaded: size=%s seed=%d counts=%s", size, seed, report.counts)
    return report


def start_with_demo(db: Database) -> Outcome[DemoReport]:
    """The welcome page's "Load demo data": the small demo as of the clock's today; every view
    reloads."""
    return Outcome(load_demo(db), Changes.everything())
