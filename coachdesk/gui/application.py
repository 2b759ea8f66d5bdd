"""The QApplication: style, exception hook, the main window, and switching databases."""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from coachdesk.errors import UserError
from coachdesk.gui.context import AppContext
from coachdesk.gui.mainwindow import MainWindow
from coachdesk.gui.opening import OpenPrompts, off_the_ui_thread, open_with_prompts
from coachdesk.gui.shell import build_shell
from coachdesk.gui.warmup import warm_views
from coachdesk.resources import resource
from coachdesk.services.handle import Database
from coachdesk.services.opening import database_url, on_a_server
from coachdesk.services.safekeeping import backup_on_open

log = logging.getLogger(__name__)

Opener = Callable[..., Any]


def make_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, named so QSettings lands in coachdesk's own place."""
    QCoreApplication.setOrganizationName("coachdesk")
    QCoreApplication.setApplicationName("coachdesk")
    use_portable_settings()
    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication(argv or sys.argv[:1])
    style = resource("style.qss")
    if style.is_file():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    icon = resource("icons", "coachdesk.png")
    if icon.is_file():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))
    return app


def use_portable_settings() -> None:
    """In portable mode the window layout and other settings live in the portable folder."""
    from coachdesk.locations import settings_dir

    folder = settings_dir()
    if folder is None:
        return
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


def has_screen() -> bool:
    """False on a Linux machine with no display to show windows on."""
    return not sys.platform.startswith("linux") or bool(
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    )


def refuse_start(title: str, message: str) -> None:
    """The app could not start (a newer database, a read-only portable folder…): say why in a
    dialog. Without a screen the message goes to stderr only."""
    if not has_screen():
        return
    make_application()
    QMessageBox.critical(None, title, message)


def install_exception_hook(log_path: Path | None) -> None:
    """An unexpected error is logged with its traceback and shown as 'something went wrong'."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if isinstance(exc, UserError):
            QMessageBox.warning(None, "coachdesk", str(exc))
            return
        log.error("unexpected error", exc_info=(kind, exc, tb))
        where = f"\n\nThe details are in the log file:\n{log_path}" if log_path else ""
        QMessageBox.critical(
            None,
            "Something went wrong",
            "Something went wrong; what you were doing was not saved and your data is as it "
            "was before." + where,
        )

    sys.excepthook = hook


class _FirstExposure(QObject):
    """Calls ``then`` once, after ``window`` is first on screen and painted (or after
    ``FALLBACK_MS``, should the platform never say so)."""

    FALLBACK_MS = 2000

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self.then: Callable[[], None] | None = then
        self.handle = window.windowHandle()
        if self.handle is not None:
            self.handle.installEventFilter(self)
        QTimer.singleShot(0 if self.handle is None else self.FALLBACK_MS, self, self.fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        exposed = self.handle is not None and self.handle.isExposed()
        if event.type() == QEvent.Type.Expose and exposed:
            QTimer.singleShot(0, self, self.fire)  # after this exposure's paint
        return False

    def fire(self) -> None:
        then, self.then = self.then, None
        if self.handle is not None:
            self.handle.removeEventFilter(self)
        if then is not None:
            then()


def release_when_shown(window: QWidget, then: Callable[[], None]) -> None:
    """Run ``then`` once ``window`` (just shown) is on screen and painted."""
    _FirstExposure(window, then)


def collect_garbage_again() -> None:
    """Turn the garbage collector back on if start-up turned it off (``app.open_gui``), with
    the objects made so far, which live as long as the app, set aside from its rounds."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def on_screen(ctx: AppContext, window: MainWindow) -> None:
    """The first window is on screen: collect garbage again, start the reads held back, then
    build the slowest views ahead while the app is idle."""
    collect_garbage_again()
    ctx.release_calls()
    warm_views(window, window.view)


class Launcher:
    """Owns the main window and opens another database in its place (File > New/Open)."""

    def __init__(
        self, opener: Opener, log_path: Path | None, describe: Callable[[Database], str]
    ) -> None:
        self.opener = opener
        self.log_path = log_path
        self.describe = describe
        self.window: MainWindow | None = None
        self.ctx: AppContext | None = None
        self.url = ""
        self.prompts = OpenPrompts()
        self._starting = False  # the next window shown is the app's first (``open_first``)

    def show(self, db: Database) -> MainWindow:
        """The main window on ``db`` (the context owns it from now on). At start-up
        (``open_first``) its first reads are held back until it is on screen: it maps sooner."""
        first, self._starting = self._starting, False
        self.url = database_url(db)
        self.ctx = AppContext(db, log_path=self.log_path, db_label=self.describe(db))
        self.ctx.background = True
        self.ctx.watch_the_date()
        if first:
            self.ctx.hold_calls()
        self.ctx.listen_for_changes()  # other leads' changes, on a shared PostgreSQL hub
        self.window = build_shell(self.ctx, self)
        self.window.show()
        if first:
            release_when_shown(self.window, partial(on_screen, self.ctx, self.window))
        return self.window

    def _open(self, target: str | None, parent: QWidget | None) -> Database | None:
        """Open ``target`` with the dialogs it needs; the day's backup waits for the window.
        A server is opened off the UI thread (a file here is opened in place: it is quicker)."""
        opener: Opener = partial(self.opener, backup=False)
        if on_a_server(target):
            opener = off_the_ui_thread(opener)
        db: Database | None = open_with_prompts(opener, target, self.prompts, parent)
        if db is not None:
            # A shared hub's role is read while opening, with the rest of the check: the
            # window then never asks the server whether it is a viewer's.
            _ = db.read_only, db.user
        return db

    def open_first(self, target: str | None) -> MainWindow | None:
        """Open the database named on the command line (asking what the situation needs)."""
        db = self._open(target, None)
        if db is None:
            return None
        self._starting = True
        window = self.show(db)
        self.backup_on_open()
        return window

    def backup_on_open(self) -> None:
        """The once-a-day backup on open, taken once the window is shown (off the UI thread in
        the app), so a large hub's copy does not hold up the first screen."""
        ctx = self.ctx
        if ctx is None:
            return

        def taken(path: Path | None) -> None:
            if path is not None and self.ctx is ctx:
                ctx.status_message.emit(f"Backup taken: {path.name}")

        ctx.query(self.window, backup_on_open).success(taken).run()

    def switch_to(self, path: Path | str, *, create: bool) -> None:
        """Open ``path`` in place of the current database (also: reopen after a restore)."""
        db = self._open(str(path), self.window)
        if db is None:
            return
        old_window, old_ctx = self.window, self.ctx
        self.show(db)
        if old_window is not None:
            old_window.close()
            old_window.deleteLater()
        if old_ctx is not None:
            old_ctx.close()
        self.backup_on_open()
        del create

    def reopen(self) -> None:
        """Open the current database afresh (an older backup's schema is upgraded then)."""
        self.switch_to(self.url, create=False)

    def welcome_page(self) -> QWidget | None:
        return self.window.welcome if self.window is not None else None

    def offer_bundle(self, path: Path) -> None:
        """A double-clicked ``.coachdesk.json``: ask, then import it into the open database."""
        ctx, window = self.ctx, self.window
        if ctx is None or window is None:
            return
        if not path.is_file():
            ctx.refuse(window, UserError(f"{path} is not a file; nothing was imported."))
            return
        question = (
            f"Import the coachdesk bundle {path.name} into this database ({ctx.db_label})?\n\n"
            "Records are merged by id: where a record changed on both sides the newer change "
            "wins and the other is kept for you to review."
        )
        if ctx.confirm(window, "Import bundle", question):
            window.file_actions.import_path(path)


def run(
    target: str | None,
    opener: Opener,
    log_path: Path | None,
    describe: Callable[[Database], str],
    *,
    bundle: Path | None = None,
) -> int:
    """Open the desktop app on the database ``target`` names (offering to import ``bundle``)
    and run until the lead quits."""
    if not has_screen():
        raise UserError(
            "There is no screen to show coachdesk on (no DISPLAY). Run it on a desktop, "
            "or use the command line (coachdesk --help)."
        )
    app = make_application()
    install_exception_hook(log_path)
    launcher = Launcher(opener, log_path, describe)
    if launcher.open_first(target) is None:
        collect_garbage_again()
        return 1
    if bundle is not None:
        QTimer.singleShot(0, lambda: launcher.offer_bundle(bundle))
    code = app.exec()
    if launcher.ctx is not None:
        launcher.ctx.close()  # after the calls still running (a backup being written)
    return code
