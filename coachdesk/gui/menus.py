"""The main window's menus: File, Edit, View and Help, each action wired to a view or a service."""

from __future__ import annotations

import platform
from collections.abc import Callable
from functools import partial

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from coachdesk.gui.context import AppContext
from coachdesk.gui.file_actions import FileActions
from coachdesk.gui.navigation import VIEWS

Shortcut = QKeySequence.StandardKey | str | None


def standard_action(
    window: QMainWindow, text: str, shortcut: Shortcut, slot: Callable[[], object]
) -> QAction:
    """An action that calls ``slot()`` with no arguments, however it is triggered.

    Qt hands ``triggered`` its ``checked`` flag, and PySide passes it to any slot that takes an
    argument, even one with a default (``lambda k=key: ...`` would get ``False`` for ``k``);
    so the slot is called from a function that takes the flag and drops it.
    """
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))

    def run(_checked: bool = False) -> None:
        slot()

    action.triggered.connect(run)
    return action


def build_menus(
    win: QMainWindow,
    ctx: AppContext,
    files: FileActions,
    *,
    show_view: Callable[[str], object],
    call_on_view: Callable[[str], None],
) -> None:
    """File, Edit, View and Help on ``win``: the File menu runs ``files``; the others ask the
    window to show a view (``show_view``) or pass a key to the current one (``call_on_view``)."""
    act = standard_action
    m = win.menuBar().addMenu("&File")
    m.addAction(act(win, "&New database…", None, files.new_database))
    m.addAction(act(win, "&Open database…", QKeySequence.StandardKey.Open, files.open_database))
    m.addSeparator()
    m.addAction(act(win, "&Backup now", "Ctrl+B", files.backup_now))
    restore = act(win, "&Restore from backup…", None, files.restore_from_backup)
    m.addAction(restore)
    m.addSeparator()
    import_register = act(win, "&Import register spreadsheet…", "Ctrl+I", files.import_register)
    m.addAction(import_register)
    import_bundle = act(win, "Import &bundle (.json)…", None, files.import_file)
    m.addAction(import_bundle)
    m.addAction(act(win, "&Export…", "Ctrl+E", files.export_file))
    m.addAction(act(win, "Review merge &conflicts…", None, files.review_conflicts))
    m.addSeparator()
    m.addAction(act(win, "&Quit", "Ctrl+Q", win.close))

    m = win.menuBar().addMenu("&Edit")
    new = act(win, "&New…", "Ctrl+N", lambda: call_on_view("new_record"))
    m.addAction(new)
    ctx.guard_edits(restore, import_register, import_bundle, new)  # a viewer's: disabled
    m.addAction(act(win, "&Find", "Ctrl+F", lambda: call_on_view("focus_search")))
    m.addSeparator()
    m.addAction(act(win, "&Settings…", None, lambda: show_view("settings")))

    m = win.menuBar().addMenu("&View")
    for spec in VIEWS:
        m.addAction(act(win, spec.title, spec.shortcut, partial(show_view, spec.key)))
    m.addSeparator()
    m.addAction(act(win, "&Audit log…", None, lambda: _audit_log(ctx, win)))
    m.addAction(act(win, "&Refresh", "F5", lambda: call_on_view("reload")))

    m = win.menuBar().addMenu("&Help")
    m.addAction(act(win, "&User guide", "F1", lambda: open_guide_here(win)))
    m.addAction(act(win, "&About coachdesk", None, lambda: show_about(win, ctx.db_label)))


def _audit_log(ctx: AppContext, win: QWidget) -> None:
    from coachdesk.gui.privacy.audit_log import open_audit_log  # loaded when first asked for

    open_audit_log(ctx, win)


def versions() -> dict[str, str]:
    """The versions shown in About (and useful in a bug report)."""
    from importlib.metadata import version

    import PySide6
    from PySide6.QtCore import qVersion

    from coachdesk import __version__

    return {
        "coachdesk": __version__,
        "Python": platform.python_version(),
        "Qt": qVersion(),
        "PySide6": PySide6.__version__,
        "SQLAlchemy": version("SQLAlchemy"),
        "reportlab": version("reportlab"),
    }


LICENCES = (
    "coachdesk is free software under the MIT licence. It is built on Qt and PySide6 (LGPLv3), "
    "SQLAlchemy and Alembic (MIT), reportlab (BSD), openpyxl (MIT), python-dateutil "
    "(Apache 2.0 / BSD), platformdirs (MIT) and Faker (MIT); reports use the DejaVu fonts "
    "(Bitstream Vera licence)."
)


def show_about(parent: QWidget, db_label: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.about(parent, "About coachdesk", about_text(db_label))


def about_text(db_label: str) -> str:
    """The About box: version, where the data is, the versions beneath and the licences."""
    from html import escape

    from coachdesk import __version__
    from coachdesk.locations import is_portable

    lines = "<br>".join(f"{k}: {escape(v)}" for k, v in versions().items())
    mode = " (portable: kept beside the app)" if is_portable() else ""
    return (
        f"<b>coachdesk {escape(__version__)}</b> — the register, rules and reports of an NHS "
        f"Coaching and Mentoring Hub.<p>Database{mode}: {escape(db_label)}</p>"
        f"<p>{lines}</p><p>{LICENCES}</p>"
    )


def open_guide_here(win: QMainWindow) -> None:
    """F1: the user guide at the section for what the window shows (a view, or the welcome)."""
    from coachdesk.gui.help import section_for, show_user_guide

    welcome = getattr(win, "welcome", None) is not None
    current = getattr(win, "current_view", None)
    view = current() if callable(current) else None
    key = view.objectName().removeprefix("view-") if isinstance(view, QWidget) else None
    show_user_guide(win, section_for(key, welcome=welcome))
