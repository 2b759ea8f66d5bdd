"""File › Export…: the whole database (.json), a workbook (.xlsx), the register (.csv) or the
scheduled sessions (.ics), chosen by the file name's suffix, written off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QWidget

from coachdesk.errors import UserError
from coachdesk.gui.context import AppContext
from coachdesk.gui.operations import Op
from coachdesk.services.handle import Database

EXPORT_FILTER = (
    "Workbook, a sheet per record type (*.xlsx);;Register (*.csv);;"
    "Calendar of scheduled sessions (*.ics);;Whole database bundle (*.json)"
)


class Exported(Protocol):
    """What every export reports: the lines telling the lead what was written where."""

    def summary_lines(self) -> list[str]: ...


Writer = Callable[[Database, Path], Exported]


def writer_for(path: Path) -> Writer:
    """The service writing ``path``, by its suffix (UserError for any other)."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        from coachdesk.services.exchange import write_bundle

        return write_bundle
    if suffix == ".xlsx":
        from coachdesk.services.spreadsheet.export import write_workbook

        return write_workbook
    if suffix == ".csv":
        from coachdesk.services.spreadsheet.export import write_register_csv

        return write_register_csv
    if suffix == ".ics":
        from coachdesk.services.spreadsheet.ics import write_calendar

        return write_calendar
    raise UserError(f"{path.name}: export to .xlsx, .csv, .ics or .json.")


def export_to(ctx: AppContext, parent: QWidget | None, path: Path) -> Op[Exported] | None:
    """Write ``path`` off the UI thread; tells the lead where it went (returns the operation)."""
    try:
        write = writer_for(path)
    except UserError as exc:
        ctx.refuse(parent, exc)
        return None

    def done(report: Exported) -> None:
        ctx.inform(parent, "Export finished", "\n".join(report.summary_lines()))

    op = ctx.query(parent, write, path)
    op.label = f"Exporting to {path.name}…"
    return op.success(done).run()


def export_file(ctx: AppContext, parent: QWidget | None = None) -> Op[Exported] | None:
    """Ask where (the suffix picks the kind; none given means .xlsx), then export."""
    suggested = f"coachdesk-{ctx.today().isoformat()}.xlsx"
    path = ctx.ask_save_file(parent, "Export", suggested, EXPORT_FILTER)
    if path is None:
        return None
    if path.suffix == "":
        path = path.with_suffix(".xlsx")
    return export_to(ctx, parent, path)


__all__ = ["EXPORT_FILTER", "export_file", "export_to", "writer_for"]
