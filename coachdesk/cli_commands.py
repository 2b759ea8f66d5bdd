"""What each command of the command line does (parsing lives in cli.py)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from coachdesk import cli_output
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
        db.clock = db.clock.judging(today)  # the calendar date stays: a report says both
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
        cli_output.wrote("the demo hub was loaded")
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
    if suffix == ".pdf":
        return _import_forms(args, open_db)
    if suffix != ".json":
        raise UserError(
            f"{args.file}: coachdesk imports a register spreadsheet (.xlsx or .csv), a "
            "coachdesk/1 bundle (.json) or returned evaluation forms (.pdf)."
        )
    from coachdesk.services.exchange import import_bundle, read_bundle_file

    data = read_bundle_file(args.file)
    db = open_db(args.db)
    try:
        if not args.dry_run:
            from coachdesk.services.safekeeping import backup_before

            backup_before(db, "import")
        report = import_bundle(db, data, dry_run=args.dry_run, source=args.file.name)
        if not args.dry_run:
            cli_output.wrote(f"the import of {args.file.name} was committed")
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
        if not args.dry_run:
            cli_output.wrote(f"the import of {args.file.name} was committed")
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


def _import_forms(args: argparse.Namespace, open_db: Opener) -> int:
    """Returned evaluation forms (SPEC 11), each all or nothing. Exit 0 when every form was
    recorded or was already recorded (the same form twice changes nothing); 1 when any was
    refused, each refusal on stderr with the file's name and the reason."""
    from coachdesk.services.evaluation_forms import import_form_files
    from coachdesk.services.evaluation_forms.incoming import REFUSED

    db = open_db(args.db)
    try:
        result = import_form_files(db, [args.file, *args.more])
    finally:
        db.dispose()
    *lines, total = result.summary_lines()
    for outcome, line in zip(result.outcomes, lines, strict=True):
        print(line, file=sys.stderr if outcome.status == REFUSED else sys.stdout)
    print(total)
    return EXIT_REFUSED if result.refused else EXIT_OK


def cmd_forms(args: argparse.Namespace, open_db: Opener) -> int:
    """A fillable form per evaluation due or missing (everyone's, or one person's)."""
    from coachdesk.services.evaluation_forms import write_forms

    db = open_db(args.db)
    try:
        written = write_forms(db, args.out, person=args.person, today=db.clock.today())
    finally:
        db.dispose()
    print("\n".join(written.summary_lines()))
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
        cli_output.wrote(f"{args.file} was written")
    finally:
        db.dispose()
    print("\n".join(lines))
    return EXIT_OK


def cmd_check(args: argparse.Namespace, open_db: Opener) -> int:
    from coachdesk.domain.as_of import undated_note
    from coachdesk.services.compliance import alerts, is_past

    db = open_db(args.db)
    today = db.clock.today()
    try:
        found = alerts(db, today)
        past = is_past(db, today)
    finally:
        db.dispose()
    if args.json:
        print_json([a.as_json() for a in found])
        return EXIT_OK
    if not found:
        print(f"No alerts on {today.isoformat()}.")
    else:
        print(f"{len(found)} alerts on {today.isoformat()}:")
        print("\n".join(_alert_lines(found)))
    if past:  # a past day (SPEC 5): say how the hub then was found
        print(undated_note(today.isoformat()))
    return EXIT_OK


def cmd_remind(args: argparse.Namespace, open_db: Opener) -> int:
    """Write a reminder draft per person (SPEC 11); a line each, then a summary."""
    from coachdesk.services.reminder_cli import remind_lines
    from coachdesk.services.reminder_files import write_reminders

    db = open_db(args.db)
    try:
        result = write_reminders(db, args.out, db.clock.today(), again=args.again).value
    finally:
        db.dispose()
    print("\n".join(remind_lines(result)))
    return EXIT_OK


def cmd_backup(args: argparse.Namespace, open_db: Opener) -> int:
    from coachdesk.services.safekeeping import backup

    db = open_db(args.db, backup=False)
    try:
        path = backup(db, args.dest, stamp(db.clock))
        cli_output.wrote(f"the backup {path} was written and checked")
    finally:
        db.dispose()
    print(f"Backup written and checked: {path}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, open_db: Opener) -> int:
    from coachdesk.services.safekeeping import restore

    db = open_db(args.db, migrate=False, backup=False)
    try:
        aside = restore(db, args.file, stamp(db.clock))
        cli_output.wrote(f"the database was restored from {args.file}")
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
            lines = upgrade_database(db)
            cli_output.wrote("the database was upgraded")
            for line in lines:
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
        # compliance --today is the position's day, generated on the calendar date; the other
        # reports' (hidden) --today is the day they are generated on
        compliance = args.report_kind == "compliance"
        generated = db.clock.calendar_day() if compliance else db.clock.today()
        data = report_data(db, args.report_kind, params, today=generated)
    finally:
        db.dispose()
    write_atomically(out, render(data))
    cli_output.wrote(f"{out} was written")
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
        cli_output.wrote(f"{args.person} was erased")
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
    "remind": cmd_remind,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "db": cmd_db,
    "report": cmd_report,
    "erase": cmd_erase,
    "forms": cmd_forms,
}
