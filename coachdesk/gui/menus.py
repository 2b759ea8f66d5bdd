"""The main window's menus: File, Edit, View and Help, each action wired to a view or a service."""

from __future__ import annotations

import platform
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence

from coachdesk.gui.navigation import VIEWS

if TYPE_CHECKING:
    from coachdesk.gui.mainwindow import MainWindow


def build_menus(win: MainWindow) -> None:
    from coachdesk.gui.file_actions import FileActions
    from coachdesk.gui.mainwindow import standard_action as act
    from coachdesk.gui.privacy.audit_log import open_audit_log

    files = FileActions(win)
    win.file_actions = files
    m = win.menuBar().addMenu("&File")
    m.addAction(act(win, "&New database…", None, files.new_database))
    m.addAction(act(win, "&Open database…", QKeySequence.StandardKey.Open, files.open_database))
    m.addSeparator()
    m.addAction(act(win, "&Backup now", "Ctrl+B", files.backup_now))
    m.addAction(act(win, "&Restore from backup…", None, files.restore_from_backup))
    m.addSeparator()
    m.addAction(act(win, "&Import register spreadsheet…", "Ctrl+I", files.import_register))
    m.addAction(act(win, "Import &bundle (.json)…", None, files.import_file))
    m.addAction(act(win, "&Export…", "Ctrl+E", files.export_file))
    m.addAction(act(win, "Review merge &conflicts…", None, files.review_conflicts))
    m.addSeparator()
    m.addAction(act(win, "&Quit", "Ctrl+Q", win.close))

    m = win.menuBar().addMenu("&Edit")
    m.addAction(act(win, "&New…", "Ctrl+N", lambda: win.call_on_view("new_record")))
    m.addAction(act(win, "&Find", "Ctrl+F", lambda: win.call_on_view("focus_search")))
    m.addSeparator()
    m.addAction(act(win, "&Settings…", None, lambda: win.show_view("settings")))

    m = win.menuBar().addMenu("&View")
    for spec in VIEWS:
        m.addAction(act(win, spec.title, spec.shortcut, lambda k=spec.key: win.show_view(k)))
    m.addSeparator()
    m.addAction(act(win, "&Audit log…", None, lambda: open_audit_log(win.ctx, win)))
    m.addAction(act(win, "&Refresh", "F5", lambda: win.call_on_view("reload")))

    m = win.menuBar().addMenu("&Help")
    m.addAction(act(win, "&User guide", "F1", lambda: show_user_guide(win)))
    m.addAction(act(win, "&About coachdesk", None, lambda: show_about(win)))


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


def show_about(win: MainWindow) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.about(win, "About coachdesk", about_text(win.ctx.db_label))


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


def show_user_guide(win: MainWindow) -> None:
    from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout

    from coachdesk.resources import user_guide_path

    dialog = QDialog(win)
    dialog.setWindowTitle("coachdesk user guide")
    dialog.resize(900, 700)
    browser = QTextBrowser(dialog)
    browser.setOpenExternalLinks(True)
    guide = user_guide_path()
    if guide is not None:
        browser.setSearchPaths([str(guide.parent)])
        browser.setMarkdown(guide.read_text(encoding="utf-8"))
    else:
        browser.setPlainText("The user guide is not installed with this copy of coachdesk.")
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    dialog.show()
