"""Several leads on one PostgreSQL hub (SPEC 12): run as ``python tests/benchmarks/bench_shared.py``.

Starts a throwaway PostgreSQL cluster on a loopback port (tests/helpers/pg.py), loads the
demo (``--size large`` by default) and, for 2, 5 and 10 simulated leads, runs each lead in a
process of its own making ``--edits`` mixed edits (a person's notes, a session's notes, a CPD
record's reflection): read the record, then save it with the version read, as the app's
forms do. About ``--hot`` of the edits go to a small set of records every lead shares, so
saves collide. Prints, per round: edits made, saves refused as stale, other refusals, lost
updates (must be 0) and the p50/p95 latency of a save. Bounded: a round stops after
``--max-seconds``. Not run by CI; figures go to docs/performance.md.

A lost update is a successful save whose version another successful save of the same record
also started from, or a record whose final state is not its last successful save.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import select  # noqa: E402

from coachdesk.domain.clock import Clock  # noqa: E402
from coachdesk.errors import StaleRecord, UserError  # noqa: E402
from coachdesk.services import development, meetings, register  # noqa: E402
from coachdesk.services.demo import load_demo  # noqa: E402
from coachdesk.storage.migrate import open_database  # noqa: E402
from coachdesk.storage.models import CpdRecord, Meeting, Person  # noqa: E402
from tests.helpers.pg import PostgresServer, find_postgres  # noqa: E402

TODAY = date(2026, 12, 7)
Key = tuple[str, str]  # (kind, id): kind is "person" (id an e-mail), "session" or "cpd"


@dataclass
class LeadResult:
    lead: int
    saved: list[tuple[Key, int, str]] = field(default_factory=list)  # key, version read, token
    stale: int = 0
    other: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    edits: int = 0


def _read(db, key: Key):  # noqa: ANN001, ANN202
    kind, ident = key
    if kind == "person":
        return register.get_person(db, ident).person
    if kind == "session":
        return meetings.get_meeting(db, ident)
    return development.get_cpd(db, ident)


def _save(db, key: Key, row, token: str, checked: bool = True) -> None:  # noqa: ANN001
    kind, ident = key
    version = row.version if checked else None
    if kind == "person":
        register.update_person(
            db, ident, replace(row.as_input(), notes=token), expected_version=version
        )
    elif kind == "session":
        meetings.update_meeting(
            db, ident, replace(row.as_input(), notes=token), expected_version=version
        )
    else:
        development.update_cpd(
            db, ident, replace(row.as_input(), reflection=token), expected_version=version
        )


def _lead(
    url: str,
    lead: int,
    own: list[Key],
    hot: list[Key],
    edits: int,
    hot_share: float,
    deadline: float,
    out: mp.Queue,  # type: ignore[type-arg]
    checked: bool = True,
) -> None:
    db = open_database(url, migrate=False)
    db.clock = Clock(today=TODAY)
    rng = random.Random(lead)
    result = LeadResult(lead)
    try:
        for i in range(edits):
            if time.time() > deadline:
                break
            key = rng.choice(hot) if rng.random() < hot_share else rng.choice(own)
            # Unique across rounds: a save of the text a record already holds changes nothing
            # (no UPDATE, no new version), which the lost-update count would misread.
            token = f"lead {lead} edit {i} (process {os.getpid()})"
            try:
                row = _read(db, key)
                started = time.perf_counter()
                try:
                    _save(db, key, row, token, checked)
                finally:
                    result.latencies.append(time.perf_counter() - started)
                result.saved.append((key, row.version, token))
            except StaleRecord:
                result.stale += 1
            except UserError as exc:
                result.other.append(f"{key[0]}: {exc.message[:120]}")
            result.edits += 1
    finally:
        db.dispose()
        out.put(result)


def _value(db, key: Key) -> tuple[int, str]:  # noqa: ANN001
    row = _read(db, key)
    return row.version, row.reflection if key[0] == "cpd" else row.notes


def _lost(db, results: list[LeadResult], before: dict[Key, int]) -> tuple[int, list[str]]:  # noqa: ANN001
    """Lost updates, and a line on each record that shows one."""
    by_key: dict[Key, list[tuple[int, str]]] = {}
    for r in results:
        for key, version, token in r.saved:
            by_key.setdefault(key, []).append((version, token))
    lost, details = 0, []
    for key, saves in by_key.items():
        versions = [v for v, _ in saves]
        twice = len(versions) - len(set(versions))  # two saves from one version: one lost
        final_version, final_value = _value(db, key)
        last = max(saves)[1]
        wrong_end = final_value != last or final_version != before[key] + len(saves)
        if twice or wrong_end:
            lost += max(twice, 1)
            details.append(
                f"{key}: version {before[key]} -> {final_version}, {len(saves)} saves from "
                f"versions {sorted(versions)}; holds {final_value!r}, last save {last!r}"
            )
    return lost, details


def _pick(db, rng: random.Random, n: int) -> list[Key]:  # noqa: ANN001
    with db.uow() as uow:
        emails = list(uow.session.scalars(select(Person.email).order_by(Person.email)))
        sessions = list(uow.session.scalars(select(Meeting.id).order_by(Meeting.id).limit(20000)))
        cpds = list(uow.session.scalars(select(CpdRecord.id).order_by(CpdRecord.id)))
    keys = (
        [("person", e) for e in rng.sample(emails, min(n, len(emails)))]
        + [("session", s) for s in rng.sample(sessions, min(n, len(sessions)))]
        + [("cpd", c) for c in rng.sample(cpds, min(n // 2, len(cpds)))]
    )
    usable = []
    for key in keys:  # keep records the services accept as they are (the demo's own rules)
        try:
            row = _read(db, key)
            _save(db, key, row, "bench warm-up")
            usable.append(key)
        except UserError:
            continue
    return usable


def _round(url: str, leads: int, args: argparse.Namespace, pool: list[Key]) -> dict[str, object]:
    db = open_database(url, migrate=False)
    db.clock = Clock(today=TODAY)
    hot, rest = pool[: args.hot_records], pool[args.hot_records :]
    own = [rest[i::leads] for i in range(leads)]
    before = {k: _read(db, k).version for k in pool}
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    deadline = time.time() + args.max_seconds
    started = time.perf_counter()
    procs = [
        ctx.Process(
            target=_lead,
            args=(url, n, own[n], hot, args.edits, args.hot, deadline, queue, not args.unchecked),
        )
        for n in range(leads)
    ]
    for p in procs:
        p.start()
    results = [queue.get(timeout=args.max_seconds + 300) for _ in procs]
    for p in procs:
        p.join()
    wall = time.perf_counter() - started
    lost, details = _lost(db, results, before)
    db.dispose()
    lat = sorted(x for r in results for x in r.latencies)
    q = statistics.quantiles(lat, n=100) if len(lat) > 1 else [0.0] * 99
    others = [o for r in results for o in r.other]
    return {
        "leads": leads,
        "edits": sum(r.edits for r in results),
        "saved": sum(len(r.saved) for r in results),
        "stale": sum(r.stale for r in results),
        "other": len(others),
        "other_examples": sorted(set(others))[:3],
        "lost": lost,
        "lost_details": details,
        "p50_ms": q[49] * 1000,
        "p95_ms": q[94] * 1000,
        "wall_s": wall,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="large", choices=["small", "large"])
    parser.add_argument("--leads", type=int, nargs="+", default=[2, 5, 10])
    parser.add_argument("--edits", type=int, default=1000, help="edits per lead")
    parser.add_argument("--hot", type=float, default=0.2, help="share of edits on shared records")
    parser.add_argument("--hot-records", type=int, default=12)
    parser.add_argument("--records", type=int, default=400, help="records sampled per kind")
    parser.add_argument(
        "--unchecked",
        action="store_true",
        help="save without the version read (as before SPEC 12): shows the count catching losses",
    )
    parser.add_argument("--max-seconds", type=float, default=900, help="bound on each round")
    args = parser.parse_args()

    binaries = find_postgres()
    if binaries is None:
        print("PostgreSQL is not installed here (apt-get install postgresql)")
        return 1
    server = PostgresServer(binaries)
    server.start()
    try:
        url = server.create_database("bench_shared")
        db = open_database(url)
        db.clock = Clock(today=TODAY)
        t = time.perf_counter()
        report = load_demo(db, size=args.size, today=TODAY)
        print(f"demo {args.size} loaded in {time.perf_counter() - t:.1f} s: {report.counts}")
        pool = _pick(db, random.Random(7), args.records)
        random.Random(8).shuffle(pool)
        db.dispose()
        print(f"{len(pool)} records in play, {args.hot_records} shared by every lead")
        print(
            "| Leads | Edits | Saved | Refused stale | Other refusals | Lost updates |"
            " p50 save | p95 save | Wall |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for leads in args.leads:
            r = _round(url, leads, args, pool)
            print(
                f"| {r['leads']} | {r['edits']:,} | {r['saved']:,} | {r['stale']:,} | "
                f"{r['other']} | {r['lost']} | {r['p50_ms']:.0f} ms | {r['p95_ms']:.0f} ms | "
                f"{r['wall_s']:.0f} s |",
                flush=True,
            )
            for example in r["other_examples"]:  # type: ignore[attr-defined]
                print(f"    other refusal: {example}")
            for line in r["lost_details"]:  # type: ignore[attr-defined]
                print(f"    lost update: {line}")
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
