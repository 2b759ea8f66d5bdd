"""The command line of SPEC 8: argparse sub-commands over the services."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from coachdesk.errors import UserError

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2

Opener = Callable[..., Any]


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; ``coachdesk --help`` shows it."""
    from coachdesk import __version__

    parser = argparse.ArgumentParser(
        prog="coachdesk",
        description="The register, rules and reports of an NHS Coaching and Mentoring Hub.",
    )
    parser.add_argument("--version", action="version", version=f"coachdesk {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="an SQLite file or an SQLAlchemy URL (postgresql+psycopg://...); "
        "default: $COACHDESK_DB, else the user's data folder",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="fill an empty database with made-up demo data")
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--size", choices=["small", "large"], default="small")
    demo.add_argument("--today", type=_iso_date, help=argparse.SUPPRESS)

    imp = sub.add_parser("import", help="import a coachdesk/1 JSON bundle")
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    imp.add_argument(
        "--skip-invalid",
        action="store_true",
        help="(spreadsheets) write the valid rows and the rejects to a file beside the input",
    )

    exp = sub.add_parser("export", help="export the whole database (.json)")
    exp.add_argument("file", type=Path)

    check = sub.add_parser("check", help="list the alerts of the hub's rules")
    check.add_argument("--today", type=_iso_date, help="the day to judge (default: today)")
    check.add_argument("--json", action="store_true", help="print a JSON array of alerts")

    backup = sub.add_parser("backup", help="take a checked backup now")
    backup.add_argument("dest", nargs="?", type=Path, help="a file or folder (default: backups/)")
    restore = sub.add_parser("restore", help="replace the database with a backup")
    restore.add_argument("file", type=Path)

    dbp = sub.add_parser("db", help="database upkeep")
    dbsub = dbp.add_subparsers(dest="db_command", metavar="upgrade|check", required=True)
    dbsub.add_parser("upgrade", help="bring the schema to this version (after a backup)")
    dbsub.add_parser("check", help="check integrity and references")
    return parser


def run(args: argparse.Namespace, parser: argparse.ArgumentParser, open_db: Opener) -> int:
    """Carry out one parsed command; UserError propagates to the caller."""
    from coachdesk.cli_commands import COMMANDS

    handler = COMMANDS[args.command]
    if args.command == "import" and args.skip_invalid and args.file.suffix.lower() == ".json":
        parser.error(
            "--skip-invalid applies to spreadsheets; a bundle is imported whole or not at all"
        )
    return handler(args, open_db)


__all__ = ["build_parser", "run", "UserError"]
