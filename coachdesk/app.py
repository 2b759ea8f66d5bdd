"""The composition root: reads arguments, sets up logging, opens the database, runs CLI or GUI."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from coachdesk.errors import UserError

log = logging.getLogger("coachdesk")

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3


def log_path() -> Path:
    """The log file: the user's log folder (or the portable folder's), private to the user."""
    from coachdesk.locations import log_dir

    return log_dir() / "coachdesk.log"


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


def open_gui(
    db_arg: str | None, logfile: Path, *, bundle: Path | None = None, self_test: bool = False
) -> int:
    """The default action: the desktop app on the chosen database."""
    from coachdesk.gui.application import run
    from coachdesk.storage.engine import describe

    db = open_db(db_arg)
    if self_test:
        from coachdesk.gui.selftest import run_self_test

        return run_self_test(db, open_db, logfile, lambda d: describe(d.url))
    return run(db, open_db, logfile, lambda d: describe(d.url), bundle=bundle)


def bundle_argument(argv: list[str]) -> list[str]:
    """A file manager opens a double-clicked bundle as ``coachdesk FILE.coachdesk.json``."""
    if len(argv) == 1 and argv[0].lower().endswith(".json") and not argv[0].startswith("-"):
        return ["--open-bundle", argv[0]]
    return argv


def say(message: str) -> None:
    """A message on stderr, when there is one (a windowed Windows build has none)."""
    if sys.stderr is not None:
        print(message, file=sys.stderr)


def tell_desktop(args: argparse.Namespace | None, title: str, message: str) -> None:
    """Starting the desktop app failed: say why in a dialog as well (a lead who double-clicked
    coachdesk sees no terminal; a newer database is refused this way)."""
    if args is not None and (args.command is not None or args.self_test):
        return
    try:
        from coachdesk.gui.application import refuse_start

        refuse_start(title, message)
    except Exception:  # no usable Qt: stderr and the log still have it
        log.exception("could not show the start-up problem in a dialog")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``coachdesk`` command."""
    from coachdesk import cli

    parser = cli.build_parser()
    try:
        args = parser.parse_args(bundle_argument(list(sys.argv[1:] if argv is None else argv)))
    except SystemExit as exc:  # --help, --version (0) or a usage error (2)
        return int(exc.code or 0)
    try:
        logfile = configure_logging()
    except UserError as exc:
        say(f"coachdesk: {exc}")
        tell_desktop(args, "coachdesk cannot start", str(exc))
        return EXIT_REFUSED
    try:
        if args.command is None:
            return open_gui(args.db, logfile, bundle=args.open_bundle, self_test=args.self_test)
        return cli.run(args, parser, open_db)
    except UserError as exc:
        say(f"coachdesk: {exc}")
        tell_desktop(args, "coachdesk cannot start", str(exc))
        return EXIT_REFUSED
    except KeyboardInterrupt:
        say("coachdesk: interrupted; nothing further was written.")
        return EXIT_REFUSED
    except Exception:
        log.exception("unexpected error in command %s", getattr(args, "command", None))
        message = (
            "Something went wrong; nothing half-written was kept. "
            f"The details are in the log: {logfile}"
        )
        say(f"coachdesk: {message}")
        tell_desktop(args, "coachdesk cannot start", message)
        return EXIT_BUG


if __name__ == "__main__":  # pragma: no cover
    os._exit(main())
