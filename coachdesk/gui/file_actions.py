"""The File menu's work: new/open database, backup now, restore, import and export of bundles."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QWidget

from coachdesk.errors import UserError
from coachdesk.gui.context import AppContext
from coachdesk.gui.operations import Op
from coachdesk.services.changes import Changes

if TYPE_CHECKING:
    from coachdesk.services.exchange import ImportReport

DB_FILTER = "coachdesk databases (*.sqlite *.db);;All files (*)"
BACKUP_FILTER = "coachdesk backups (*.sqlite *.db *.json);;All files (*)"
IMPORT_FILTER = "coachdesk bundles (*.json)"


class Switcher(Protocol):
    """What the window needs of the app's launcher: another database in this one's place."""

    def switch_to(self, path: Path | str, *, create: bool) -> None:
        """Open ``path`` in place of the current database (nothing changes if it cannot be)."""

    def reopen(self) -> None:
        """Open the current database afresh (an older backup's schema is upgraded then)."""

    def welcome_page(self) -> QWidget | None:
        """The welcome page of the window now shown (None once the hub has people)."""


class FileActions:
    """Each method is one File-menu action on the window's database."""

    def __init__(self, ctx: AppContext, parent: QWidget, launcher: Switcher | None) -> None:
        self.ctx = ctx
        self.parent = parent
        self.launcher = launcher

    def _switch(self, path: Path, *, create: bool) -> None:
        launcher = self.launcher
        if launcher is not None:
            self._when_settled(lambda: launcher.switch_to(path, create=create))

    def _when_settled(self, then: Callable[[], object]) -> None:
        """``then`` once the window's unsaved changes are saved or discarded (the lead is asked
        Save / Discard / Cancel); not at all if the lead cancels or a save is refused."""
        settle_unsaved = getattr(self.parent, "settle_unsaved", None)
        if callable(settle_unsaved):
            settle_unsaved(then)
        else:
            then()

    def new_database(self) -> None:
        path = self.ctx.ask_save_file(
            self.parent, "New coachdesk database", "hub.sqlite", DB_FILTER
        )
        if path is None:
            return
        if path.suffix == "":
            path = path.with_suffix(".sqlite")
        if path.exists():
            self.ctx.inform(self.parent, "New database", f"{path} already exists; open it instead.")
            return
        encrypt = self.ctx.ask_encrypt(self.parent, path)
        if encrypt is None:
            return
        if encrypt:
            from coachdesk.services.keys import encrypt_new

            try:
                key = encrypt_new(path)
            except UserError as exc:
                self.ctx.refuse(self.parent, exc)
                return
            self.ctx.show_recovery_key(self.parent, path, key)
        self._switch(path, create=True)

    def open_database(self) -> None:
        path = self.ctx.ask_open_file(self.parent, "Open a coachdesk database", DB_FILTER)
        if path is not None:
            self._switch(path, create=False)

    def backup_now(self) -> Op[Path]:
        from coachdesk.services.safekeeping import backup_now

        op = self.ctx.write(self.parent, backup_now).success(self._backed_up)
        op.label = "Taking a backup…"
        return op.run()

    def _backed_up(self, path: Path) -> None:
        self.ctx.status_message.emit(f"Backup written and checked: {path}")
        self.ctx.inform(self.parent, "Backup", f"Backup written and checked:\n{path}")

    def restore_from_backup(self) -> Op[Path | None] | None:
        """Pick a backup; it is checked, the current database kept aside, then reopened."""
        path = self.ctx.ask_open_file(self.parent, "Restore from a backup", BACKUP_FILTER)
        if path is None:
            return None
        if not self.ctx.confirm(
            self.parent,
            "Restore from backup",
            f"Replace the data in this database with the backup {path.name}?\n\n"
            "The backup is checked first; the database as it is now is kept aside, "
            "so nothing is lost.",
        ):
            return None
        from coachdesk.services.safekeeping import restore_from_backup

        op = self.ctx.write(self.parent, restore_from_backup, path)
        op.label = f"Restoring from {path.name}…"
        op.success(partial(self._restored, path))
        self._when_settled(op.run)  # the window is reopened on the restored data
        return op

    def _restored(self, path: Path, aside: Path | None) -> None:
        kept = f"\nThe database as it was is kept at {aside}" if aside else ""
        self.ctx.inform(self.parent, "Restored", f"Restored from {path}.{kept}")
        if self.launcher is None:  # a window without a launcher (tests): every view reloads
            self.ctx.broadcast(Changes.everything())
            return
        self.launcher.reopen()

    def import_file(self) -> None:
        path = self.ctx.ask_open_file(self.parent, "Import", IMPORT_FILTER)
        if path is not None:
            self.import_path(path)

    def import_path(
        self, path: Path, then: Callable[[ImportReport], object] | None = None
    ) -> Op[ImportReport]:
        """Import the bundle ``path`` (backup first; Cancel stops it before the merge), tell
        the lead what it did, then ``then(report)``."""
        from coachdesk.services.exchange import import_bundle_file

        def imported(report: ImportReport) -> None:
            self.ctx.inform(self.parent, "Import finished", "\n".join(report.summary_lines()))
            if then is not None:
                then(report)

        work = partial(import_bundle_file, path=path)
        return self.ctx.task(self.parent, f"Importing {path.name}…", work).success(imported).run()

    def import_register(self) -> None:
        """The import wizard: columns mapped, problems shown in their cells, then imported."""
        from coachdesk.gui.importwizard import open_import_wizard

        open_import_wizard(self.ctx, self.parent)

    def review_conflicts(self) -> None:
        from coachdesk.gui.conflicts import open_conflicts

        open_conflicts(self.ctx, self.parent)

    def export_file(self) -> None:
        """Export by the chosen suffix: .xlsx, .csv (register), .ics (sessions) or .json."""
        from coachdesk.gui.exports import export_file

        export_file(self.ctx, self.parent)
