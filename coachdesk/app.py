"""The composition root: reads arguments, sets up logging, opens the database, runs CLI or GUI."""

from __future__ import annotations

import logging
import os
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from coachdesk.errors import UserError

log = logging.getLogger("coachdesk")

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3


def log_path() -> Path:
    """The log file: the user's log folder, private to the user."""
    from platformdirs import user_log_path

    folder = user_log_path("coachdesk", appauthor=False)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder / "coachdesk.log"


def configure_logging() -> Path:
    """Log to a rotating private file. Messages never carry names, e-mails or notes."""
    path = log_path()
    if not path.exists():
        path.touch(mode=0o600)
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if not isinstance(h, RotatingFileHandler)]
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def open_db(db_arg: str | None, *, migrate: bool = True):  # noqa: ANN201 - storage.Database
    """Resolve ``--db`` / ``COACHDESK_DB`` / the data folder, connect and (normally) migrate."""
    from coachdesk.storage.engine import resolve_url
    from coachdesk.storage.migrate import open_database

    return open_database(resolve_url(db_arg), migrate=migrate)


def open_gui(db_arg: str | None, logfile: Path) -> int:
    """The default action: the desktop app on the chosen database."""
    from coachdesk.errors import KeyNeeded
    from coachdesk.gui.application import run
    from coachdesk.storage.engine import describe

    try:
        db = open_db(db_arg)
    except KeyNeeded as need:  # the desktop app asks for the recovery key
        return run(need, open_db, logfile, lambda d: describe(d.url))
    return run(db, open_db, logfile, lambda d: describe(d.url))


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``coachdesk`` command."""
    from coachdesk import cli

    parser = cli.build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version (0) or a usage error (2)
        return int(exc.code or 0)
    logfile = configure_logging()
    try:
        if args.command is None:
            return open_gui(args.db, logfile)
        return cli.run(args, parser, open_db)
    except UserError as exc:
        print(f"coachdesk: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("coachdesk: interrupted; nothing further was written.", file=sys.stderr)
        return EXIT_REFUSED
    except Exception:
        log.exception("unexpected error in command %s", getattr(args, "command", None))
        print(
            "coachdesk: something went wrong; nothing half-written was kept. "
            f"The details are in the log: {logfile}",
            file=sys.stderr,
        )
        return EXIT_BUG


if __name__ == "__main__":  # pragma: no cover
    os._exit(main())
