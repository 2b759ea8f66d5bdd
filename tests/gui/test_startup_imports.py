"""Start-up imports what the first screen needs outside Qt before PySide6 (it is quicker so)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

#: Builds the main window as the app does, after ``import_first_screen``; prints every module
#: of coachdesk (outside the GUI) or SQLAlchemy that was imported only after PySide6.
SCRIPT = """
import sys
from coachdesk.app import import_first_screen, open_db
import_first_screen()
before = set(sys.modules)
from coachdesk.gui.application import make_application
from coachdesk.gui.context import AppContext
from coachdesk.gui.shell import build_shell
app = make_application()
db = open_db(sys.argv[1], backup=False)
ctx = AppContext(db, db_label="demo")
window = build_shell(ctx)
window.show()
app.processEvents()
late = sorted(
    name for name in set(sys.modules) - before
    if name.startswith(("coachdesk.", "sqlalchemy")) and not name.startswith("coachdesk.gui")
)
print("late:" + ",".join(late))
window.close()
ctx.close()
"""


def test_the_first_screen_needs_no_service_imported_after_qt(
    _demo_template: Path, tmp_path: Path
) -> None:
    # PySide6 reads the source of each module imported after it (~1 ms a module), so the
    # services, the storage and SQLAlchemy's ORM and SQLite dialect come first (app.FIRST_SCREEN).
    db = tmp_path / "demo.sqlite"
    shutil.copyfile(_demo_template, db)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(db)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    late = next(line for line in out.splitlines() if line.startswith("late:"))
    assert late == "late:", f"imported after PySide6 (add them to FIRST_SCREEN): {late[5:]}"


#: Imports each view's module as its first show does; prints the file-format libraries loaded.
VIEW_SCRIPT = """
import sys
from coachdesk.gui.navigation import VIEWS
for spec in VIEWS:
    spec.load()
heavy = ("pypdf", "reportlab", "openpyxl", "icalendar")
print("heavy:" + ",".join(sorted(m for m in heavy if m in sys.modules)))
"""


def test_no_view_loads_the_pdf_or_spreadsheet_libraries_until_they_are_used() -> None:
    # The Evaluations view once imported pypdf and reportlab with its forms buttons: 0.4 s more
    # on its first show. They load with the first form, report or export (off the UI thread).
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", VIEW_SCRIPT], capture_output=True, text=True, env=env, check=True
    ).stdout
    heavy = next(line for line in out.splitlines() if line.startswith("heavy:"))
    assert heavy == "heavy:", f"a view imports {heavy[6:]} as it is built"
