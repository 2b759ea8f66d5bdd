"""What each command of the command line does (parsing lives in cli.py)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from coachdesk.domain.clock import Clock
from coachdesk.errors import UserError

if TYPE_CHECKING:
    from coachdesk.domain.hub_facts import Alert
    from coachdesk.storage.uow import Database

EXIT_OK, EXIT_REFUSED = 0, 1


class Opener(Protocol):
    """How a command opens the database ``--db`` names (``app.open_db_asking``)."""

    def __call__(
        self, db_arg: str | None, *, migrate: bool = ..., backup: bool = ..., check: bool = ...
    ) -> Database: ...


def on_the_clock(open_db: Opener, today: date | None) -> Opener:
    """``open_db`` whose databases judge ``today`` (the command's ``--today``) when it is given;
    timestamps stay real."""
    if today is None:
        return open_db

    def opened(db_arg: str | None, **options: bool) -> Database:
        db = open_db(db_arg, **options)
        db.clock = Clock(today=today)
        return db

    return opened


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


def stamp(clock: Clock) -> str:
    return clock.now().strftime("%Y%m%d-%H%M%S")


def _summary_lines(db: Database, today: date) -> list[str]:
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


def _alert_lines(alerts: list[Alert]) -> list[str]:
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
    try:
        load_demo(db, seed=args.seed, size=args.size, today=args.today)
        print(f"Demo hub loaded ({args.size}, seed {args.seed}).")
        print("\n".join(_summary_lines(db, db.clock.today())))
    finally:
        db.dispose()
    return EXIT_OK


def _suffix(path: Path) -> str:
    return path.suffix.lower()


SPREADSHEET_IMPORTS = (".xlsx", ".xlsm", ".csv", ".tsv", ".txt", ".xls")
EXPORTS = (".json", ".xlsx", ".csv", ".ics")


def cmd_import(args: argparse.Namespace, open_db: Opener) -> int:
    """A .json bundle (merged by id) or a register spreadsheet (.xlsx / .csv), by suffix."""
    suffix = _suffix(args.file)
    if suffix in SPREADSHEET_IMPORTS:
        return _import_register(args, open_db)
    if suffix != ".json":
        raise UserError(
            f"{args.file}: coachdesk imports a register spreadsheet (.xlsx or .csv) or a "
            "coachdesk/1 bundle (.json)."
        )
    from coachdesk.services.exchange import import_bundle, read_bundle_file

    data = read_bundle_file(args.file)
    db = open_db(args.db)
    try:
        if not args.dry_run:
            from coachdesk.services.safekeeping import backup_before

            backup_before(db, "import")
        report = import_bundle(db, data, dry_run=args.dry_run, source=args.file.name)
    finally:
        db.dispose()
    print("\n".join(report.summary_lines()))
    return EXIT_OK


def _import_register(args: argparse.Namespace, open_db: Opener) -> int:
    """All or nothing (a refusal lists every bad row on stderr, exit 1) unless --skip-invalid."""
    from coachdesk.services.spreadsheet import import_register, read_register

    sheet = read_register(args.file)  # a file that cannot be read is refused before the db opens
    db = open_db(args.db)
    try:
        if not args.dry_run:
            from coachdesk.services.safekeeping import backup_before

            backup_before(db, "import")
        report = import_register(
            db, args.file, dry_run=args.dry_run, skip_invalid=args.skip_invalid, sheet=sheet
        )
    finally:
        db.dispose()
    print("\n".join(report.summary_lines()))
    if report.rejected:
        n = len(report.rejected)
        where = (
            f"; they are in {report.rejects_file} with the reasons" if report.rejects_file else ""
        )
        verb = "would not be" if report.dry_run else "were not"
        print(f"coachdesk: {n} row{'s' if n != 1 else ''} {verb} imported{where}.", file=sys.stderr)
    return EXIT_OK


def cmd_export(args: argparse.Namespace, open_db: Opener) -> int:
    """.json the whole database; .xlsx a sheet per record type; .csv the register; .ics the
    scheduled sessions."""
    suffix = _suffix(args.file)
    if suffix not in EXPORTS:
        raise UserError(
            f"{args.file}: coachdesk exports .json (the whole database), .xlsx (a sheet per "
            "record type), .csv (the register) or .ics (scheduled sessions)."
        )
    db = open_db(args.db)
    try:
        if suffix == ".json":
            from coachdesk.services.exchange import write_bundle

            write_bundle(db, args.file)
            lines = [f"Exported to {args.file}"]
        elif suffix == ".xlsx":
            from coachdesk.services.spreadsheet.export import write_workbook

            lines = write_workbook(db, args.file).summary_lines()
        elif suffix == ".csv":
            from coachdesk.services.spreadsheet.export import write_register_csv

            lines = write_register_csv(db, args.file).summary_lines()
        else:
            from coachdesk.services.spreadsheet.ics import write_calendar

            lines = write_calendar(db, args.file).summary_lines()
    finally:
        db.dispose()
    print("\n".join(lines))
    return EXIT_OK


def cmd_check(args: argparse.Namespace, open_db: Opener) -> int:
    from coachdesk.services.compliance import alerts

    db = open_db(args.db)
    today = db.clock.today()
    try:
        found = alerts(db, today)
    finally:
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

    db = open_db(args.db, backup=False)
    try:
        path = backup(db, args.dest, stamp(db.clock))
    finally:
        db.dispose()
    print(f"Backup written and checked: {path}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, open_db: Opener) -> int:
    from coachdesk.services.safekeeping import restore

    db = open_db(args.db, migrate=False, backup=False)
    try:
        aside = restore(db, args.file, stamp(db.clock))
    finally:
        db.dispose()
    print(f"Restored from {args.file}.")
    if aside:
        print(f"The database as it was is kept at {aside}")
    open_db(
        args.db, backup=False
    ).dispose()  # upgrade an older backup's schema now, after its own backup
    return EXIT_OK


def cmd_db(args: argparse.Namespace, open_db: Opener) -> int:
    from coachdesk.services.safekeeping import check_database, upgrade_database

    if args.db_command == "grant":
        return _grant(args, open_db)
    db = open_db(args.db, migrate=False, backup=False, check=args.db_command != "check")
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


def cmd_report(args: argparse.Namespace, open_db: Opener) -> int:
    from coachdesk.reports import render
    from coachdesk.reports.output import write_atomically
    from coachdesk.services.reporting import report_data

    out = Path(args.output)
    if out.suffix.lower() != ".pdf":
        raise UserError(f"{out}: a report is written as a PDF; give a file name ending in .pdf.")
    if not out.parent.is_dir():
        raise UserError(f"{out}: the folder {out.parent} does not exist.")
    params = {
        "person": getattr(args, "person", None),
        "id": getattr(args, "relationship_id", None),
        "from": getattr(args, "date_from", None),
        "to": getattr(args, "date_to", None),
        "names": getattr(args, "names", False),
        "equality": getattr(args, "include_equality", False),
        "today": args.today,
    }
    db = open_db(args.db)
    try:
        data = report_data(db, args.report_kind, params, today=db.clock.today())
    finally:
        db.dispose()
    write_atomically(out, render(data))
    print(f"{data.header.title} written to {out}")
    return EXIT_OK


def cmd_erase(args: argparse.Namespace, open_db: Opener) -> int:
    """Show everything that will go; erase only after --yes or a typed "yes" on a terminal."""
    from coachdesk.services.privacy import erase_person, erasure_preview

    db = open_db(args.db, backup=False)  # no fresh copy of the person just before erasing
    try:
        preview = erasure_preview(db, args.person)
        print("\n".join(preview.lines()))
        if not args.yes:
            if not sys.stdin.isatty():
                print(
                    "coachdesk: nothing was erased; to erase without a question, add --yes.",
                    file=sys.stderr,
                )
                return EXIT_REFUSED
            answer = input("Type yes to erase this person for good: ")
            if answer.strip().lower() != "yes":
                print("Nothing was erased.")
                return EXIT_REFUSED
        result = erase_person(db, args.person, today=args.today).value
    finally:
        db.dispose()
    print(
        f"Erased. {result.anonymised} relationship(s) kept as anonymous statistics"
        + (
            "; the database file was cleaned (checkpoint and VACUUM)."
            if result.file_cleaned
            else "."
        )
    )
    return EXIT_OK


def _grant(args: argparse.Namespace, open_db: Opener) -> int:
    from coachdesk.storage.roles import Role, grant

    role: Role = "lead" if args.lead else "viewer"
    user = args.lead or args.viewer
    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else None
    db = open_db(args.db, backup=False)
    try:
        created = grant(db, user, role, password=password)
    finally:
        db.dispose()
    rights = "read and change every record" if role == "lead" else "only read (read-only app)"
    made = "created and " if created else ""
    print(f"Database user {user} {made}granted a {role}'s rights: may {rights}.")
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace, Opener], int]] = {
    "demo": cmd_demo,
    "import": cmd_import,
    "export": cmd_export,
    "check": cmd_check,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "db": cmd_db,
    "report": cmd_report,
    "erase": cmd_erase,
}
