"""Erasure and retention on the large demo: run as ``python tests/benchmarks/bench_privacy.py``.

Loads the large demo into a temporary SQLite file, erases the practitioner with the most
relationships (preview, erase with checkpoint and VACUUM, a grep of the raw file), then times
the retention review and the audit log's first page. Not run by CI.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import func, select  # noqa: E402

from coachdesk.services import audit  # noqa: E402
from coachdesk.services.demo import load_demo  # noqa: E402
from coachdesk.services.privacy import erase_person, erasure_preview  # noqa: E402
from coachdesk.services.reporting import programme_data  # noqa: E402
from coachdesk.services.retention import retention_review  # noqa: E402
from coachdesk.storage.migrate import open_database  # noqa: E402
from coachdesk.storage.models import Person, Relationship  # noqa: E402

TODAY = date(2026, 11, 23)


def timed(label: str, fn, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN201
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    print(f"{label}: {time.perf_counter() - start:.2f} s")
    return result


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="coachdesk-bench-privacy-"))
    path = folder / "large.sqlite"
    db = open_database(f"sqlite:///{path}")
    timed("demo --size large", load_demo, db, size="large", today=TODAY)
    with db.uow() as uow:
        email, name, n = uow.session.execute(
            select(Person.email, Person.full_name, func.count(Relationship.id))
            .join(Relationship, Relationship.practitioner_id == Person.id)
            .group_by(Person.id)
            .order_by(func.count(Relationship.id).desc())
            .limit(1)
        ).one()
    print(f"erasing a practitioner with {n} relationships; file {path.stat().st_size / 1e6:.0f} MB")
    before = programme_data(db, date_from=date(2024, 1, 1), date_to=TODAY, today=TODAY)
    preview = timed("erasure preview", erasure_preview, db, email)
    print("  " + "; ".join(f"{what} {k}" for what, k in preview.removed))
    timed("erase (delete, anonymise, checkpoint, VACUUM)", erase_person, db, email, today=TODAY)
    after = programme_data(db, date_from=date(2024, 1, 1), date_to=TODAY, today=TODAY)
    raw = path.read_bytes()
    wal = Path(f"{path}-wal")
    raw += wal.read_bytes() if wal.exists() else b""
    hits = sum(raw.count(t.encode(enc)) for t in (name, email) for enc in ("utf-8", "utf-16-le"))
    print(f"raw bytes searched: {len(raw):,}; traces of name or e-mail found: {hits}")
    for label, pick in (
        ("relationships started", lambda m: m.started),
        ("sessions", lambda m: m.sessions),
        ("coaching minutes", lambda m: m.coaching_minutes),
        ("mentoring minutes", lambda m: m.mentoring_minutes),
        ("ended", lambda m: m.ended),
        ("withdrawn", lambda m: m.withdrawn),
    ):
        b, a = sum(map(pick, before.months)), sum(map(pick, after.months))
        print(f"  programme {label}: before {b:,}, after {a:,}")
    print(f"  open relationships closed as withdrawn: {preview.closing}")
    review = timed("retention review", retention_review, db, TODAY)
    print(f"  records past the period: {review.count}; old audit rows: {review.audit_rows}")
    rows = timed("audit log, newest page", audit.entries, db)
    print(f"  rows: {len(rows)}")
    db.dispose()


if __name__ == "__main__":
    main()
