"""The File menu's work: new/open database, backup now, import and export of bundles."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coachdesk.errors import UserError
from coachdesk.gui.widgets.worker import run_with_progress

if TYPE_CHECKING:
    from coachdesk.gui.mainwindow import MainWindow

DB_FILTER = "coachdesk databases (*.sqlite *.db);;All files (*)"
IMPORT_FILTER = "coachdesk bundles (*.json)"


class FileActions:
    """Each method is one File-menu action on the window's database."""

    def __init__(self, win: MainWindow) -> None:
        self.win = win
        self.ctx = win.ctx

    def _switch(self, path: Path, *, create: bool) -> None:
        launcher = self.win.launcher
        if launcher is None:
            return
        launcher.switch_to(path, create=create)

    def new_database(self) -> None:
        path = self.ctx.ask_save_file(self.win, "New coachdesk database", "hub.sqlite", DB_FILTER)
        if path is None:
            return
        if path.suffix == "":
            path = path.with_suffix(".sqlite")
        if path.exists():
            self.ctx.inform(self.win, "New database", f"{path} already exists; open it instead.")
            return
        encrypt = self.ctx.ask_encrypt(self.win, path)
        if encrypt is None:
            return
        if encrypt:
            from coachdesk.services.keys import encrypt_new

            try:
                key = encrypt_new(path)
            except UserError as exc:
                self.ctx.refuse(self.win, exc)
                return
            self.ctx.show_recovery_key(self.win, path, key)
        self._switch(path, create=True)

    def open_database(self) -> None:
        path = self.ctx.ask_open_file(self.win, "Open a coachdesk database", DB_FILTER)
        if path is not None:
            self._switch(path, create=False)

    def backup_now(self) -> None:
        from coachdesk.services.safekeeping import backup

        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        path = self.ctx.call(self.win, backup, None, stamp)
        if path is not None:
            self.ctx.status_message.emit(f"Backup written and checked: {path}")
            self.ctx.inform(self.win, "Backup", f"Backup written and checked:\n{path}")

    def import_file(self) -> None:
        path = self.ctx.ask_open_file(self.win, "Import", IMPORT_FILTER)
        if path is not None:
            self.import_path(path)

    def import_path(self, path: Path) -> None:
        from coachdesk.services.exchange import import_bundle, read_bundle_file

        db = self.ctx.db

        def work(progress: Any, cancelled: Any) -> Any:
            data = read_bundle_file(path)
            if cancelled():
                raise UserError("Import cancelled; nothing was written.")
            return import_bundle(db, data, source=path.name)

        def done(report: Any) -> None:
            self.ctx.broadcast(report.changes)
            self.ctx.inform(self.win, "Import finished", "\n".join(report.summary_lines()))

        run_with_progress(self.win, f"Importing {path.name}…", work, done, self._failed)

    def import_register(self) -> None:
        """The import wizard: columns mapped, problems shown in their cells, then imported."""
        from coachdesk.gui.importwizard import open_import_wizard

        open_import_wizard(self.ctx, self.win)

    def review_conflicts(self) -> None:
        from coachdesk.gui.conflicts import open_conflicts

        open_conflicts(self.ctx, self.win)

    def export_file(self) -> None:
        """Export by the chosen suffix: .xlsx, .csv (register), .ics (sessions) or .json."""
        from coachdesk.gui.exports import export_file

        export_file(self.ctx, self.win)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.ctx.refuse(self.win, exc)
        else:
            self.ctx.bug(self.win)
