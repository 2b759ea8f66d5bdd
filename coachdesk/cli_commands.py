"""What each command of the command line does (parsing lives in cli.py)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from coachdesk.errors import UserError

Opener = Callable[..., Any]
EXIT_OK, EXIT_REFUSED = 0, 1


def today_or(value: date | None) -> date:
    return value or date.today()


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


def stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S")


def _summary_lines(db: Any, today: Any) -> list[str]:
    from coachdesk.services.summary import hub_summary
    from coachdesk.storage.engine import describe

    s = hub_summary(db, today)
    rel = ", ".join(f"{n} {k}" for k, n in sorted(s.relationships_by_status.items())) or "none"
    return [
        f"{s.hub_name} — {describe(db.url)}",
        f"People: {s.people}; active coaches: {s.active_coaches}; active mentors: {s.active_mentors}",
        f"Relationships: {rel}",
        f"Sessions held: {s.sessions_held}; hours delivered in {today.year}: {s.hours_this_year:g}",
    ]


def _alert_lines(alerts: list[Any]) -> list[str]:
    from coachdesk.domain.hub_facts import RULE_TITLES

    lines: list[str] = []
    current = None
    for a in alerts:
        if a.rule != current:
            current = a.rule
            count = sum(1 for x in alerts if x.rule == a.rule)
            lines.append(f"\n{RULE_TITLES.get(a.rule, a.rule)} ({a.rule}, {a.severity}): {count}")
        lines.append(f"  - {a.message} [since {a.since.isoformat()}, {a.days} days]")
    return lines


def cmd_demo(args: argparse.Namespace, open_db: Opener) -> int:
    from coachdesk.services.demo import load_demo

    db = open_db(args.db)
    report = load_demo(db, seed=args.seed, size=args.size, today=args.today)
    print(f"Demo hub loaded ({args.size}, seed {args.seed}).")
    print("\n".join(_summary_lines(db, today_or(args.today))))
    del report
    db.dispose()
    return EXIT_OK


def _suffix(path: Path) -> str:
    return path.suffix.lower()


def cmd_import(args: argparse.Namespace, open_db: Opener) -> int:
    from coachdesk.services.exchange import import_bundle, read_bundle_file

    if _suffix(args.file) != ".json":
        raise UserError(
            f"{args.file}: coachdesk imports coachdesk/1 bundles (.json) from the command line."
        )
    data = read_bundle_file(args.file)
    db = open_db(args.db)
    report = import_bundle(db, data, dry_run=args.dry_run, source=args.file.name)
    print("\n".join(report.summary_lines()))
    db.dispose()
    return EXIT_OK


def cmd_export(args: argparse.Namespace, open_db: Opener) -> int:
    from coachdesk.services.exchange import write_bundle

    if _suffix(args.file) != ".json":
        raise UserError(f"{args.file}: coachdesk exports the whole database as a .json bundle.")
    db = open_db(args.db)
    write_bundle(db, args.file)
    print(f"Exported to {args.file}")
    db.dispose()
    return EXIT_OK


def cmd_check(args: argparse.Namespace, open_db: Opener) -> int:
    from coachdesk.services.compliance import alerts

    db = open_db(args.db)
    today = today_or(args.today)
    found = alerts(db, today)
    db.dispose()
    if args.json:
        print_json([a.as_json() for a in found])
    elif not found:
        print(f"No alerts on {today.isoformat()}.")
    else:
        print(f"{len(found)} alerts on {today.isoformat()}:")
        print("\n".join(_alert_lines(found)))
    return EXIT_OK


def cmd_backup(args: argparse.Namespace, open_db: Opener) -> int:
    from coachdesk.services.safekeeping import backup

    db = open_db(args.db)
    path = backup(db, args.dest, stamp())
    db.dispose()
    print(f"Backup written and checked: {path}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, open_db: Opener) -> int:
    from coachdesk.services.safekeeping import restore

    db = open_db(args.db, migrate=False)
    aside = restore(db, args.file, stamp())
    db.dispose()
    print(f"Restored from {args.file}.")
    if aside:
        print(f"The database as it was is kept at {aside}")
    open_db(args.db).dispose()  # upgrade an older backup's schema now, after its own backup
    return EXIT_OK


def cmd_db(args: argparse.Namespace, open_db: Opener) -> int:
    from coachdesk.services.safekeeping import check_database, upgrade_database

    db = open_db(args.db, migrate=False)
    try:
        if args.db_command == "upgrade":
            for line in upgrade_database(db):
                print(line)
            return EXIT_OK
        problems = check_database(db)
    finally:
        db.dispose()
    if problems:
        print("The database has problems:", file=sys.stderr)
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        return EXIT_REFUSED
    print("Database check passed: integrity ok, every reference resolves, schema current.")
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace, Opener], int]] = {
    "demo": cmd_demo,
    "import": cmd_import,
    "export": cmd_export,
    "check": cmd_check,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "db": cmd_db,
}
