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
    if os.name == "posix":
        os.chmod(folder, 0o700)
    return folder / "coachdesk.log"


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log whose every file, the rolled-over ones included, is the user's alone."""

    def _open(self):  # noqa: ANN202 - logging's own signature
        if not os.path.exists(self.baseFilename):
            os.close(os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT, 0o600))
        if os.name == "posix":
            os.chmod(self.baseFilename, 0o600)
        return super()._open()


def configure_logging() -> Path:
    """Log to a rotating private file. Messages never carry names, e-mails or notes."""
    path = log_path()
    handler = PrivateRotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if not isinstance(h, RotatingFileHandler)]
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def open_db(  # noqa: ANN201 - storage.Database
    db_arg: str | None,
    *,
    migrate: bool = True,
    take_over: bool = False,
    backup: bool = True,
    check: bool = True,
):
    """Resolve ``--db`` / ``COACHDESK_DB`` / the data folder, then open it as the app does:
    local disk only, one writer (a stale lock is taken over), checked, migrated, backed up."""
    from coachdesk.services.opening import open_hub
    from coachdesk.storage.engine import resolve_url

    return open_hub(
        resolve_url(db_arg), migrate=migrate, take_over=take_over, backup=backup, check=check
    )


def open_db_asking(db_arg: str | None, **kwargs: bool):  # noqa: ANN201 - storage.Database
    """``open_db`` for the command line: a lock from another machine is taken over only when
    the lead, at a terminal, says so."""
    from coachdesk.services.opening import LockFromAnotherMachine

    try:
        return open_db(db_arg, **kwargs)
    except LockFromAnotherMachine as exc:
        if not sys.stdin.isatty():
            raise UserError(
                f"{exc.message} Run the command in a terminal to confirm taking it over."
            ) from exc
        print(f"coachdesk: {exc.message}", file=sys.stderr)
        answer = input("Take the database over? [y/N] ").strip().lower()
        if answer not in ("y", "yes"):
            raise UserError("Left as it was: the database was not opened.") from exc
        return open_db(db_arg, take_over=True, **kwargs)


def open_gui(db_arg: str | None, logfile: Path) -> int:
    """The default action: the desktop app on the chosen database."""
    from coachdesk.gui.application import run
    from coachdesk.storage.engine import describe

    return run(db_arg, open_db, logfile, lambda d: describe(d.url))


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
        return cli.run(args, parser, open_db_asking)
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
