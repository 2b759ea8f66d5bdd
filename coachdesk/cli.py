"""The command line of SPEC 8: argparse sub-commands over the services."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from coachdesk.errors import UserError

if TYPE_CHECKING:
    from coachdesk.cli_commands import Opener

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2

#: The days a date on the command line may name (SPEC 5: every date the rules compute with).
EARLIEST_DAY, LATEST_DAY = date(1900, 1, 1), date(2099, 12, 31)


def _iso_date(text: str) -> date:
    """A YYYY-MM-DD date from 1900 to 2099; argparse names the option in its usage error."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise argparse.ArgumentTypeError(
            f"{text} is outside the days coachdesk works with, 1900-01-01 to 2099-12-31"
        )
    return day


class VersionAction(argparse.Action):
    """``--version``: prints ``coachdesk <version>``, reading the version only when asked."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from coachdesk import __version__

        print(f"coachdesk {__version__}")  # on stdout, as argparse's own version action
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; ``coachdesk --help`` shows it."""
    parser = argparse.ArgumentParser(
        prog="coachdesk",
        description="The register, rules and reports of an NHS Coaching and Mentoring Hub.",
    )
    parser.add_argument("--version", action=VersionAction)
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="an SQLite file or an SQLAlchemy URL (postgresql+psycopg://...); "
        "default: $COACHDESK_DB, else the user's data folder",
    )
    parser.add_argument(
        "--open-bundle",
        metavar="FILE.coachdesk.json",
        type=Path,
        help="open the desktop app and offer to import this bundle (what double-clicking a "
        ".coachdesk.json file does)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="start the desktop app, open every view, check its files, print the result, quit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="fill an empty database with made-up demo data")
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--size", choices=["small", "large"], default="small")
    demo.add_argument("--today", type=_iso_date, help=argparse.SUPPRESS)

    imp = sub.add_parser(
        "import", help="import a register spreadsheet (.xlsx, .csv) or a coachdesk/1 bundle (.json)"
    )
    imp.add_argument("file", type=Path)
    imp.add_argument(
        "more",
        nargs="*",
        type=Path,
        metavar="FORM.pdf",
        help="more returned evaluation forms: any number of .pdf files are read in one go",
    )
    imp.add_argument("--today", type=_iso_date, help=argparse.SUPPRESS)  # forms: no later dates
    imp.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    imp.add_argument(
        "--skip-invalid",
        action="store_true",
        help="(spreadsheets) write the valid rows and the rejects to a file beside the input",
    )

    exp = sub.add_parser(
        "export",
        help="export by suffix: .json (whole database), .xlsx (a sheet per record type), "
        ".csv (the register), .ics (scheduled sessions)",
    )
    exp.add_argument("file", type=Path)

    check = sub.add_parser("check", help="list the alerts of the hub's rules")
    check.add_argument("--today", type=_iso_date, help="the day to judge (default: today)")
    check.add_argument("--json", action="store_true", help="print a JSON array of alerts")

    remind = sub.add_parser(
        "remind", help="write e-mail drafts (.eml), one per person with something to do"
    )
    remind.add_argument("--today", type=_iso_date, help="the day to judge (default: today)")
    remind.add_argument(
        "--out",
        type=Path,
        default=Path("reminders"),
        metavar="FOLDER",
        help="the folder to write the drafts in (default: ./reminders, made if missing)",
    )
    remind.add_argument(
        "--again",
        action="store_true",
        help="also remind about alerts already reminded within the quiet period (Settings)",
    )

    forms = sub.add_parser(
        "forms", help="write a fillable PDF form for each evaluation that is due or missing"
    )
    who = forms.add_mutually_exclusive_group(required=True)
    who.add_argument("--person", metavar="EMAIL", help="only the forms this person is to fill in")
    who.add_argument(
        "--all-due",
        action="store_true",
        help="every evaluation missing, or falling due in the next 14 days",
    )
    forms.add_argument(
        "--out",
        type=Path,
        default=Path("."),
        metavar="FOLDER",
        help="the folder to write them to (made if need be; default: the current folder)",
    )
    forms.add_argument("--today", type=_iso_date, help=argparse.SUPPRESS)

    backup = sub.add_parser("backup", help="take a checked backup now")
    backup.add_argument("dest", nargs="?", type=Path, help="a file or folder (default: backups/)")
    restore = sub.add_parser("restore", help="replace the database with a backup")
    restore.add_argument("file", type=Path)

    erase = sub.add_parser(
        "erase", help="erase a person for good (right to erasure), after showing what will go"
    )
    erase.add_argument("--person", required=True, metavar="EMAIL", help="the person's e-mail")
    erase.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    erase.add_argument("--today", type=_iso_date, help=argparse.SUPPRESS)

    _add_report_parser(sub)

    dbp = sub.add_parser("db", help="database upkeep")
    dbsub = dbp.add_subparsers(dest="db_command", metavar="upgrade|check|grant", required=True)
    dbsub.add_parser("upgrade", help="bring the schema to this version (after a backup)")
    dbsub.add_parser("check", help="check integrity and references")
    grant = dbsub.add_parser(
        "grant",
        help="(PostgreSQL) create a database user and give them a lead's or a viewer's rights",
    )
    who = grant.add_mutually_exclusive_group(required=True)
    who.add_argument("--lead", metavar="USER", help="may read and change every record")
    who.add_argument("--viewer", metavar="USER", help="may only read (the app opens read-only)")
    grant.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the user's password from the first line of standard input",
    )
    return parser


def _add_report_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``report <kind> ... -o FILE.pdf`` (SPEC 8): the PDF reports of SPEC 6 and 10."""
    report = sub.add_parser("report", help="write one of the PDF reports")
    kinds = report.add_subparsers(dest="report_kind", metavar="KIND", required=True)

    def kind(
        name: str, help_: str, *, period: bool = False, person: bool = False
    ) -> argparse.ArgumentParser:
        p = kinds.add_parser(name, help=help_)
        if person:
            p.add_argument("--person", required=True, metavar="EMAIL", help="the person's e-mail")
        if period:
            p.add_argument(
                "--from", dest="date_from", type=_iso_date, metavar="D", help="first day (ISO)"
            )
            p.add_argument(
                "--to",
                dest="date_to",
                type=_iso_date,
                metavar="D",
                help="last day (default: today)",
            )
        p.add_argument(
            "-o", "--output", required=True, type=Path, metavar="FILE.pdf", help="the PDF to write"
        )
        return p

    learning = kind(
        "learning-log",
        "a practitioner's learning-log summary (EMCC and ICF evidence)",
        period=True,
        person=True,
    )
    learning.add_argument(
        "--names", action="store_true", help="print clients' full names instead of initials"
    )
    kind("programme", "the programme report for a period (default: 12 months)", period=True)
    compliance = kind("compliance", "the alerts that hold on a day, by rule and person")
    compliance.add_argument("--today", type=_iso_date, metavar="D", help="default: today")
    kind("register", "the register directory of active practitioners")
    person = kind("person", "everything held about one person (subject access)", person=True)
    person.add_argument(
        "--include-equality",
        action="store_true",
        help="also print the person's equality-monitoring answers (off by default)",
    )
    relationship = kind("relationship", "one relationship's record")
    relationship.add_argument("--id", required=True, dest="relationship_id", metavar="ID")
    kind(
        "equality",
        "equality of access: clients per 1,000 staff by ethnic group, sex and disability",
        period=True,
    )
    for name, parser in kinds.choices.items():
        if name != "compliance":  # the day the report is generated on (tests fix it)
            parser.add_argument("--today", type=_iso_date, help=argparse.SUPPRESS)


def run(args: argparse.Namespace, parser: argparse.ArgumentParser, open_db: Opener) -> int:
    """Carry out one parsed command; UserError propagates to the caller."""
    from coachdesk.cli_commands import COMMANDS, on_the_clock

    handler = COMMANDS[args.command]
    if args.command == "import":
        _check_form_import(args, parser)
    if args.command == "import" and args.skip_invalid and args.file.suffix.lower() == ".json":
        parser.error(
            "--skip-invalid applies to spreadsheets; a bundle is imported whole or not at all"
        )
    return handler(args, on_the_clock(open_db, getattr(args, "today", None)))


def _check_form_import(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """Several files at once are returned forms only; they take no --dry-run/--skip-invalid."""
    files = [args.file, *args.more]
    pdfs = [f for f in files if f.suffix.lower() == ".pdf"]
    if args.more and len(pdfs) != len(files):
        parser.error("several files are imported at once only when all are returned forms (.pdf)")
    if pdfs and (args.dry_run or args.skip_invalid):
        parser.error(
            "--dry-run and --skip-invalid do not apply to returned forms: each form is checked "
            "in full and recorded only if every check passes"
        )


__all__ = ["build_parser", "run", "UserError"]
