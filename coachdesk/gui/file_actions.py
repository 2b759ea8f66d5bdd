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
BACKUP_FILTER = "coachdesk backups (*.sqlite *.db *.json);;All files (*)"
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

    def restore_from_backup(self) -> None:
        """Pick a backup; it is checked, the current database kept aside, then reopened."""
        from coachdesk.services.safekeeping import restore

        path = self.ctx.ask_open_file(self.win, "Restore from a backup", BACKUP_FILTER)
        if path is None:
            return
        if not self.ctx.confirm(
            self.win,
            "Restore from backup",
            f"Replace the data in this database with the backup {path.name}?\n\n"
            "The backup is checked first; the database as it is now is kept aside, "
            "so nothing is lost.",
        ):
            return
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        done = self.ctx.call(self.win, lambda db: ("done", restore(db, path, stamp)))
        if done is None:
            return
        aside = done[1]
        kept = f"\nThe database as it was is kept at {aside}" if aside else ""
        self.ctx.inform(self.win, "Restored", f"Restored from {path}.{kept}")
        self._reopen()

    def _reopen(self) -> None:
        """Open the current database afresh (an older backup's schema is upgraded then)."""
        launcher = self.win.launcher
        if launcher is None:  # a window without a launcher (tests): refresh every view
            from coachdesk.services.changes import Changes

            self.ctx.broadcast(Changes.everything())
            return
        launcher.switch_to(self.ctx.db.url, create=False)

    def import_file(self) -> None:
        path = self.ctx.ask_open_file(self.win, "Import", IMPORT_FILTER)
        if path is not None:
            self.import_path(path)

    def import_path(self, path: Path) -> None:
        from coachdesk.services.exchange import import_bundle, read_bundle_file

        db = self.ctx.db

        def work(progress: Any, cancelled: Any) -> Any:
            from coachdesk.services.safekeeping import backup_before

            data = read_bundle_file(path)
            if cancelled():
                raise UserError("Import cancelled; nothing was written.")
            backup_before(db, "import")
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
