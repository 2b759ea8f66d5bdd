"""Printing a report sends the PDF itself to the print system (a fake ``lp`` records it)."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from coachdesk.gui.reports.print_dialog import PrintDialog
from coachdesk.gui.reports.printing import NO_PRINT_SYSTEM, NO_PRINTER
from coachdesk.gui.reports.view import ReportsView
from coachdesk.services.audit import AuditFilter, entries
from coachdesk.services.relationships import list_relationships
from tests.helpers.views import shown

pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
    pytest.mark.skipif(sys.platform == "win32", reason="CUPS lp/lpr: Linux and macOS"),
]

LEFT = Qt.MouseButton.LeftButton

#: A stand-in for CUPS' lp: it keeps its arguments and a copy of the file it was given.
FAKE_LP = """#!{python}
import json, shutil, sys
from pathlib import Path
here = Path(__file__).parent
args = sys.argv[1:]
(here / "lp-args.json").write_text(json.dumps(args))
if {fail!r}:
    print({fail!r}, file=sys.stderr)
    sys.exit(1)
shutil.copyfile(args[-1], here / "printed.pdf")
print("request id is Office-7 (1 file(s))")
"""


def _print_system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail: str = "") -> Path:
    """A folder holding only a fake ``lp``, and the PATH set to it alone."""
    folder = tmp_path / "bin"
    folder.mkdir()
    lp = folder / "lp"
    lp.write_text(FAKE_LP.format(python=sys.executable, fail=fail))
    lp.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    return folder


@pytest.fixture
def view(qtbot: Any, demo_ctx: tuple[Any, Any]) -> ReportsView:
    ctx, _ = demo_ctx
    return shown(qtbot, ReportsView(ctx))


def _busiest_learning_log(qtbot: Any, view: ReportsView) -> Any:
    """Generate the learning log of the practitioner with the most practice minutes."""
    minutes: Counter[str] = Counter()
    names: dict[str, str] = {}
    for rel in view.ctx.read(list_relationships):
        minutes[rel.practitioner] += rel.minutes_held
        names[rel.practitioner] = rel.practitioner_name
    email, _ = minutes.most_common(1)[0]
    view.prepare("learning-log", {"person": email})
    qtbot.mouseClick(view.generate_button, LEFT)
    qtbot.waitUntil(lambda: view.pdf is not None and view.print_button.isEnabled())
    return email, names[email]


def _in_print_dialog(qtbot: Any, answer: Callable[[PrintDialog], None]) -> None:
    """When the print dialog comes up, ``answer`` fills it in (as the lead would)."""

    def later() -> None:
        qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), PrintDialog))
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PrintDialog)
        answer(dialog)

    QTimer.singleShot(0, later)


def _press_print(qtbot: Any, dialog: PrintDialog) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_Return)


def test_printing_sends_the_report_pdf_itself(
    qtbot: Any,
    view: ReportsView,
    demo_ctx: tuple[Any, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ctx, answers = demo_ctx
    spool = _print_system(tmp_path, monkeypatch)
    email, name = _busiest_learning_log(qtbot, view)
    _in_print_dialog(qtbot, lambda dialog: _press_print(qtbot, dialog))
    qtbot.mouseClick(view.print_button, LEFT)
    qtbot.waitUntil(lambda: (spool / "printed.pdf").exists())
    printed = (spool / "printed.pdf").read_bytes()
    assert printed == view.pdf  # the report's own PDF, not pictures of its pages
    assert len(printed) < 300_000  # the busiest learning log: well under a few hundred KB
    reader = PdfReader(spool / "printed.pdf")
    assert len(reader.pages) == view.document.pageCount()
    text = "".join(page.extract_text() for page in reader.pages)
    assert name in text and "Practice hours" in text  # text stays text
    args = json.loads((spool / "lp-args.json").read_text())
    assert args[args.index("-n") + 1] == "1" and "-d" not in args  # the default printer
    assert args[args.index("-t") + 1] == view._suggested.removesuffix(".pdf")
    assert view.status.text() == "Sent the report to the default printer."
    assert not answers.refusals and not answers.bugs
    printed_rows = ctx.read(entries, AuditFilter(action="report"))
    assert printed_rows[0].detail == "learning-log printed"
    assert not Path(args[-1]).exists()  # the copy handed over is not left behind


def test_the_lead_chooses_copies_and_pages_by_keyboard(
    qtbot: Any,
    view: ReportsView,
    demo_ctx: tuple[Any, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, answers = demo_ctx
    spool = _print_system(tmp_path, monkeypatch)
    _busiest_learning_log(qtbot, view)
    pages = view.document.pageCount()
    assert pages >= 2

    def answer(dialog: PrintDialog) -> None:
        assert dialog.all_pages.text() == f"&All ({pages} pages)"
        dialog.copies.setFocus()
        dialog.copies.selectAll()
        qtbot.keyClicks(dialog.copies, "2")
        dialog.first.setFocus()
        dialog.first.selectAll()
        qtbot.keyClicks(dialog.first, "2")
        assert dialog.some_pages.isChecked()
        _press_print(qtbot, dialog)

    _in_print_dialog(qtbot, answer)
    qtbot.mouseClick(view.print_button, LEFT)
    qtbot.waitUntil(lambda: (spool / "printed.pdf").exists())
    args = json.loads((spool / "lp-args.json").read_text())
    assert args[args.index("-n") + 1] == "2"
    assert args[args.index("-o") + 1] == f"page-ranges=2-{pages}"
    assert view.status.text() == "Sent the report to the default printer (2 copies)."
    assert not answers.refusals


def test_no_print_system_is_explained(
    qtbot: Any,
    view: ReportsView,
    demo_ctx: tuple[Any, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ctx, answers = demo_ctx
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no lp, no lpr
    _busiest_learning_log(qtbot, view)
    _in_print_dialog(qtbot, lambda dialog: _press_print(qtbot, dialog))
    qtbot.mouseClick(view.print_button, LEFT)
    qtbot.waitUntil(lambda: bool(answers.refusals))
    assert answers.refusals[0].message == NO_PRINT_SYSTEM
    assert view.status.text() == NO_PRINT_SYSTEM
    assert ctx.read(entries, AuditFilter(action="report"))[0].detail == "learning-log generated"


def test_no_printer_set_up_is_explained(
    qtbot: Any,
    view: ReportsView,
    demo_ctx: tuple[Any, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, answers = demo_ctx
    _print_system(tmp_path, monkeypatch, fail="lp: Error - No default destination.")
    _busiest_learning_log(qtbot, view)
    _in_print_dialog(qtbot, lambda dialog: _press_print(qtbot, dialog))
    qtbot.mouseClick(view.print_button, LEFT)
    qtbot.waitUntil(lambda: bool(answers.refusals))
    assert answers.refusals[0].message == NO_PRINTER


def test_cancelling_the_print_dialog_prints_nothing(
    qtbot: Any,
    view: ReportsView,
    demo_ctx: tuple[Any, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, answers = demo_ctx
    spool = _print_system(tmp_path, monkeypatch)
    _busiest_learning_log(qtbot, view)
    _in_print_dialog(qtbot, lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    qtbot.mouseClick(view.print_button, LEFT)
    assert not (spool / "lp-args.json").exists()
    assert not answers.refusals
