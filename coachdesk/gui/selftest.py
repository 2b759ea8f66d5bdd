"""``coachdesk --self-test``: start the app, open every view, check the bundled files, quit."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from coachdesk.gui.application import Launcher, make_application
from coachdesk.gui.navigation import VIEWS
from coachdesk.resources import resource

Say = Callable[[str], None]


def _print(line: str) -> None:
    print(line, flush=True)  # at once: a caller may be timing "main window shown"


#: Files a frozen build must carry (a missing data file is the usual fault of a frozen build).
BUNDLED = (
    ("style.qss",),
    ("icons", "coachdesk.png"),
    ("fonts", "DejaVuSans.ttf"),
    ("fonts", "DejaVuSans-Bold.ttf"),
    ("fonts", "DejaVuSans-Oblique.ttf"),
    ("fonts", "LICENSE-DejaVu.txt"),
)


def _settle(app: QApplication, timeout: float = 60.0) -> bool:
    """Process events until the service calls the views started have all reported."""
    from coachdesk.gui.operations import _RUNNING

    pool = QThreadPool.globalInstance()
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.processEvents()
        if not _RUNNING and pool.activeThreadCount() == 0:
            app.processEvents()
            return True
        time.sleep(0.01)
    return False


def check_files() -> list[str]:
    """Problems with the resource files (empty when all are there and usable)."""
    problems = [f"missing {'/'.join(parts)}" for parts in BUNDLED if not resource(*parts).is_file()]
    if not problems and QIcon(str(resource("icons", "coachdesk.png"))).isNull():
        problems.append("the app icon does not load")
    return problems


def check_encryption() -> list[str]:
    """SQLCipher is in the build, so "Encrypt this database" can be offered."""
    from coachdesk.services.keys import encryption_available

    return [] if encryption_available() else ["SQLCipher (encrypted databases) is missing"]


def check_pdf_and_charts() -> list[str]:
    """A PDF drawn with the report fonts opens in QtPdf, and QtCharts makes a chart."""
    from PySide6.QtCharts import QChart, QLineSeries
    from PySide6.QtPdf import QPdfDocument
    from reportlab.pdfgen.canvas import Canvas

    from coachdesk.reports.fonts import REGULAR, register_fonts

    problems: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "self-test.pdf"
        register_fonts()
        canvas = Canvas(str(path))
        canvas.setFont(REGULAR, 12)
        canvas.drawString(72, 720, "coachdesk self-test — Ŵ ő ē")
        canvas.save()
        document = QPdfDocument()
        document.load(str(path))
        if document.pageCount() != 1:
            problems.append(f"QtPdf could not read a report ({document.status().name})")
        document.close()
    chart = QChart()
    series = QLineSeries()
    series.append(0, 1)
    chart.addSeries(series)
    if len(chart.series()) != 1:
        problems.append("QtCharts did not make a chart")
    return problems


def run_self_test(
    db: Any, opener: Any, log_path: Path | None, describe: Callable[[Any], str], say: Say = _print
) -> int:
    """Show the main window on ``db``, open each view, check files, PDF and charts; 0 if all
    passed. Problems are printed (to the terminal: IT staff run this after installing)."""
    app = make_application()
    launcher = Launcher(opener, log_path, describe)
    window = launcher.show(db)
    ctx = launcher.ctx
    assert ctx is not None
    problems: list[str] = []
    ctx.bug = lambda parent: problems.append("a view failed; see the log")  # type: ignore[method-assign]
    ctx.refuse = lambda parent, exc: problems.append(str(exc))  # type: ignore[method-assign]
    app.processEvents()
    say("main window shown")
    if window.welcome is None:
        for spec in VIEWS:
            window.show_view(spec.key)
            if not _settle(app):
                problems.append(f"the {spec.title} view did not finish loading")
            say(f"view {spec.title}: {'ok' if not problems else 'problem'}")
    problems += check_files()
    problems += check_pdf_and_charts()
    problems += check_encryption()
    window.close()
    _settle(app)
    ctx.close()
    for problem in problems:
        say(f"problem: {problem}")
    say("self-test passed" if not problems else "self-test FAILED")
    return 0 if not problems else 1
