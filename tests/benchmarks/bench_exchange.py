"""Exchange timings at the large demo's size: run as ``python tests/benchmarks/bench_exchange.py``.

Builds a coachdesk/1 bundle of 5,000 people, 20,000 relationships and 150,000 sessions,
imports it into an empty database, exports it, writes it and re-imports it, printing each
time. ``--db URL`` picks the database (default: a temporary SQLite file). Not run by CI.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from coachdesk.services.exchange import (  # noqa: E402
    export_bundle,
    import_bundle,
    read_bundle_file,
    validate_bundle,
    write_bundle,
)
from coachdesk.storage.migrate import open_database  # noqa: E402


def _id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _day(rng: random.Random, start: date = date(2024, 1, 1), span: int = 900) -> str:
    return (start + timedelta(days=rng.randrange(span))).isoformat()


def large_bundle(
    people: int = 5000, relationships: int = 20000, sessions: int = 150_000, seed: int = 1
) -> dict[str, Any]:
    """A synthetic bundle of the large demo's size (valid, deterministic for a seed)."""
    rng = random.Random(seed)
    emails = [f"person{i:05d}@trust{i % 40}.nhs.uk" for i in range(people)]
    practitioners = emails[: people // 5]
    bundle: dict[str, Any] = {"format": "coachdesk/1", "people": [], "registrations": []}
    for i, email in enumerate(emails):
        bundle["people"].append(
            {
                "email": email,
                "full_name": f"Person {i}",
                "organisation": f"Trust {i % 40}",
                "job_title": "Nurse",
                "band": rng.choice(["5", "6", "7", "8a"]),
                "region": "East of England",
                "manager_name": "A Manager",
                "manager_email": f"manager{i % 300}@trust.nhs.uk",
                "leadership_programme": rng.random() < 0.2,
                "manager_agreement_on": _day(rng),
                "eligibility_override": None,
                "notes": "",
            }
        )
    for email in practitioners:
        bundle["registrations"].append(
            {
                "id": _id(rng),
                "person": email,
                "kind": rng.choice(["coach", "mentor"]),
                "status": "active",
                "registered_on": _day(rng),
                "capacity": 4,
                "specialisms": ["new leaders"],
                "ethics_agreed": True,
                "hours_committed": 12,
            }
        )
    rels, per, extra = [], *divmod(sessions, relationships)
    clients = emails[people // 5 :]
    for n in range(relationships):
        rel = {
            "id": _id(rng),
            "kind": "coaching",
            "practitioner": rng.choice(practitioners),
            "client": rng.choice(clients),
            "status": "active",
            "started_on": _day(rng),
            "individual_objectives": ["Lead the team"],
            "sessions": [],
            "evaluations": [
                {
                    "id": _id(rng),
                    "kind": "pre",
                    "completed_on": _day(rng),
                    "answers": {"confidence": 3, "morale": 2},
                }
            ],
        }
        for j in range(per + (n < extra)):
            rel["sessions"].append(
                {
                    "id": _id(rng),
                    "type": "contracting" if j == 0 else "regular",
                    "date": _day(rng),
                    "minutes": 60,
                    "mode": rng.choice(["video", "in person", "phone"]),
                    "status": "held",
                    "recorded_on": _day(rng),
                    "notes": "Talked about the ward move." if j % 3 == 0 else "",
                }
            )
        rels.append(rel)
    bundle["relationships"] = rels
    bundle["cpd"] = [
        {
            "id": _id(rng),
            "person": rng.choice(practitioners),
            "date": _day(rng),
            "title": "Course",
            "kind": "course",
            "hours": 3.5,
        }
        for _ in range(3000)
    ]
    return bundle


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="coachdesk-bench-"))
    url = args.db or f"sqlite:///{folder / 'bench.sqlite'}"
    db = open_database(url)

    def timed(label: str, fn: Any) -> Any:
        start = time.perf_counter()
        result = fn()
        print(f"{label:<34}{time.perf_counter() - start:7.2f} s", flush=True)
        return result

    data = timed("build the bundle (test data)", large_bundle)
    timed("validate", lambda: validate_bundle(data))
    report = timed("import into an empty database", lambda: import_bundle(db, data))
    print("  " + "\n  ".join(report.summary_lines()))
    timed("export_bundle", lambda: export_bundle(db))
    out = folder / "bench.json"
    written = timed("write_bundle (export + write)", lambda: write_bundle(db, out))
    print(f"  {written.size_bytes / 1e6:.1f} MB")
    again = timed("read_bundle_file", lambda: read_bundle_file(out))
    report = timed("re-import (all unchanged)", lambda: import_bundle(db, again))
    print(f"  added {report.added}, updated {report.updated}, conflicts {len(report.conflicts)}")
    db.dispose()


if __name__ == "__main__":
    main()
