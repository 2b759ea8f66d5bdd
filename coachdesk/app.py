"""The composition root: reads arguments, sets up logging, opens the database, runs CLI or GUI."""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
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

    folder = log_dir()
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
    for old in [h for h in root.handlers if isinstance(h, RotatingFileHandler)]:
        root.removeHandler(old)  # an earlier call's log (tests, a reopened app): closed, not leaked
        old.close()
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


#: What the main window's first screen needs besides Qt: the open, the day's backup, the
#: dashboard's rules and figures, the status bar, the drafts and the retention line.
FIRST_SCREEN = (
    "coachdesk.locations",
    "coachdesk.resources",
    "coachdesk.services.handle",
    "coachdesk.services.opening",
    "coachdesk.services.safekeeping",
    "coachdesk.services.settings",
    "coachdesk.services.summary",
    "coachdesk.services.drafts",
    "coachdesk.services.retention",
    "coachdesk.services.dashboard",
    "coachdesk.services.reminders",
    "coachdesk.services.keys",
    "coachdesk.domain.dates",
    "coachdesk.domain.words",
)


def import_first_screen(*, sqlite: bool = True) -> None:
    """Import the services of the first screen (and the SQLite dialect) before PySide6. Once
    PySide6 is imported it reads the source of every module imported after it (looking for its
    ``__feature__`` switch), about 1 ms a module: these are ~100, SQLAlchemy's ORM among them."""
    import importlib

    for name in FIRST_SCREEN + (("sqlalchemy.dialects.sqlite",) if sqlite else ()):
        importlib.import_module(name)


def open_gui(
    db_arg: str | None, logfile: Path, *, bundle: Path | None = None, self_test: bool = False
) -> int:
    """The default action: the desktop app on the chosen database."""
    if not self_test:
        # Start-up creates a few hundred thousand objects (SQLAlchemy's ORM, the models, Qt's
        # wrappers) that live as long as the app: collecting garbage among them while the
        # window is built costs ~0.1 s of CPU and finds nothing. The GUI turns the collector
        # back on, with these objects set aside (gc.freeze), once its window is on screen.
        gc.disable()
    from coachdesk.storage import precheck
    from coachdesk.storage.engine import describe, resolve_url, sqlite_path

    path = sqlite_path(resolve_url(db_arg))
    if path is not None:
        precheck.start(path)  # the open-time quick_check runs while Qt loads
    import_first_screen(sqlite=path is not None)
    from coachdesk.gui.application import run

    if self_test:
        from coachdesk.gui.selftest import run_self_test

        return run_self_test(open_db(db_arg), open_db, logfile, lambda d: describe(d.url))
    return run(db_arg, open_db, logfile, lambda d: describe(d.url), bundle=bundle)


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


def utf8_when_redirected() -> None:
    """On Windows, output into a pipe or a file is in the ANSI code page (1252), which has no
    letter for many names (ı, Ł, Greek): there coachdesk writes UTF-8, as JSON must be. A
    console window keeps Python's own Unicode output; elsewhere nothing changes."""
    if sys.platform != "win32":
        return
    for stream in (sys.stdout, sys.stderr):
        if not isinstance(stream, io.TextIOWrapper):  # None in the windowed app
            continue
        try:
            if stream.isatty():
                continue
            stream.reconfigure(encoding="utf-8")
        except (OSError, ValueError):
            continue


def _refused(exc: Exception, args: argparse.Namespace) -> tuple[int, str] | None:
    """(exit status, message) for a foreseeable trouble of the surroundings (SPEC 8), or None
    for a defect. Output that could not be printed after the work was done exits 0."""
    from coachdesk import cli_output
    from coachdesk.storage.troubles import refusal

    trouble = cli_output.output_trouble(exc)
    if trouble is not None:
        cli_output.silence_stdout()  # what is still buffered cannot fail again at exit
    if trouble is not None and (trouble == "closed" or cli_output.written()):
        log.info("output could not be written (%s) in command %s", trouble, args.command)
        return cli_output.told(trouble)
    from coachdesk.storage.engine import resolve_url

    url = None
    with contextlib.suppress(Exception):  # the URL only names the server in the message
        url = resolve_url(args.db)
    found = refusal(exc, url)
    if found is None:
        return None
    log.info("refused in command %s: %s", args.command, type(exc).__name__)
    return EXIT_REFUSED, str(found)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``coachdesk`` command."""
    from coachdesk import cli

    utf8_when_redirected()
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
    from coachdesk import cli_output

    cli_output.begin()
    try:
        if args.command is None:
            return open_gui(args.db, logfile, bundle=args.open_bundle, self_test=args.self_test)
        code = cli.run(args, parser, open_db_asking)
        cli_output.flush()  # a closed pipe or a full disk is seen here, not lost at exit
        return code
    except UserError as exc:
        say(f"coachdesk: {exc}")
        tell_desktop(args, "coachdesk cannot start", str(exc))
        return EXIT_REFUSED
    except KeyboardInterrupt:
        say("coachdesk: interrupted; nothing further was written.")
        return EXIT_REFUSED
    except Exception as exc:
        refused = _refused(exc, args)
        if refused is not None:
            code, message = refused
            say(f"coachdesk: {message}")
            tell_desktop(args, "coachdesk cannot start", message)
            return code
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
