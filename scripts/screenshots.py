"""Screenshots of every view of the real app on a laptop-sized screen, under Xvfb (run by hand).

    .venv/bin/python scripts/screenshots.py [OUT_DIR]     (default docs/screenshots)

Starts Xvfb (1,280 × 720, the logical screen of a common NHS laptop) and the openbox window
manager when there is no DISPLAY, builds the small demo in a temporary folder, opens the real
main window maximised on the xcb platform, visits every view and grabs the screen. Then it
shrinks the window to 1,024 × 640 (frame included) and grabs the Register and Relationships
views again (``narrow-*.png``), to show that they still fit. PNGs are written palette-reduced
(Pillow, when installed) to keep the repository small.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SCREEN = (1280, 720)
NARROW = (1024, 640)


def _start_display() -> list[subprocess.Popen[bytes]]:
    """Xvfb at the laptop's size and a window manager (for the title bar), unless DISPLAY is set."""
    if os.environ.get("DISPLAY"):
        return []
    xvfb = shutil.which("Xvfb")
    if not xvfb:
        sys.exit("Xvfb is not installed (apt-get install xvfb)")
    width, height = SCREEN
    screen = f"{width}x{height}x24"
    procs = [subprocess.Popen([xvfb, ":77", "-screen", "0", screen, "-nolisten", "tcp"])]
    os.environ["DISPLAY"] = ":77"
    time.sleep(1.5)
    wm = shutil.which("openbox")
    if wm:
        procs.append(subprocess.Popen([wm], stderr=subprocess.DEVNULL))
        time.sleep(1.0)
    else:
        print("openbox is not installed: no title bar (apt-get install openbox)")
    return procs


def _examples(db: Any) -> tuple[str, str, str]:
    """A busy active coach, one of their active relationships, and an ended relationship."""
    from coachdesk.services.registrations import list_registrations
    from coachdesk.services.relationships import list_relationships

    active = list_relationships(db, kind="coaching", status="active")
    coaches = {r.email for r in list_registrations(db, kind="coach", status="active")}
    busiest = max(sorted(coaches), key=lambda e: sum(r.practitioner == e for r in active))
    ended = list_relationships(db, status="ended")
    return busiest, next(r.id for r in active if r.practitioner == busiest), ended[0].id


def _save(image: Any, path: Path) -> None:
    """Save a QImage/QPixmap as a PNG, palette-reduced when Pillow is at hand."""
    image.save(str(path))
    try:
        from PIL import Image
    except ImportError:
        pass
    else:
        with Image.open(path) as img:
            small = img.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
        small.save(path, optimize=True)
    print(f"saved {path}")


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    procs = _start_display()
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    tmp = Path(tempfile.mkdtemp(prefix="coachdesk-shots-"))
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
    try:
        _take(out, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        for proc in reversed(procs):
            proc.terminate()
            proc.wait()


def _take(out: Path, tmp: Path) -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    from coachdesk.domain.clock import Clock
    from coachdesk.gui.application import Launcher, make_application
    from coachdesk.gui.navigation import VIEWS
    from coachdesk.services.demo import load_demo
    from coachdesk.storage.engine import describe
    from coachdesk.storage.migrate import open_database

    app = make_application()

    def screen(name: str) -> None:
        _save(QApplication.primaryScreen().grabWindow(0, 0, 0, *SCREEN), out / f"{name}.png")

    def settle(seconds: float = 0.8) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.02)

    def opened(name: str) -> Any:
        """The real main window, maximised, on the database ``name`` in the temporary folder."""
        db = open_database(f"sqlite:///{tmp / name}")
        launcher = Launcher(
            lambda p, **k: open_database(f"sqlite:///{p}"), None, lambda d: describe(d.url)
        )
        win = launcher.show(db)
        # Nobody is there to answer: No to every question (say which), Discard what is unsaved.
        win.ctx.confirm = _answer_no
        win.ctx.ask_save_discard_cancel = lambda *_args: "discard"
        win.showMaximized()
        settle(1.5)
        return win

    # The first run: the welcome page of an empty database.
    first = opened("new.sqlite")
    screen("welcome")
    first.close()
    first.ctx.close()

    db = open_database(f"sqlite:///{tmp / 'demo.sqlite'}")
    load_demo(db, today=Clock().today())
    db.dispose()
    win = opened("demo.sqlite")
    db = win.ctx.db

    def dialog(name: str, make: Callable[[], QWidget]) -> None:
        box = make()
        box.show()
        settle(1.0)
        screen(name)
        box.close()
        box.deleteLater()
        settle(0.3)

    coach, relationship, ended = _examples(db)
    for spec in VIEWS:
        win.show_view(spec.key)
        view: Any = win.view(spec.key)
        if spec.key == "register":
            view.open_record("person", coach)
        elif spec.key == "relationships":
            view.open_record("relationship", relationship)
        elif spec.key == "development":
            view.choose(coach)
        elif spec.key == "reports":
            view.prepare("learning-log", {"person": coach})
            view.generate()
        settle(4.0 if spec.key in ("dashboard", "reports") else 1.0)
        screen(f"view-{spec.key}")
        if spec.key == "dashboard":
            dialog("dialog-draft-reminders", lambda shown=view: _reminder_dialog(shown, settle))
        elif spec.key == "settings":
            view.tabs.setCurrentWidget(view.reminders)
            settle()
            screen("view-settings-reminders")
            view.tabs.setCurrentIndex(0)
        elif spec.key == "register":
            dialog("dialog-registration", lambda page=view.page: _registration_dialog(page))
        elif spec.key == "relationships":
            view.open_record("relationship", ended)
            settle()
            screen("view-relationship-ended")
            view.open_record("relationship", relationship)
        elif spec.key == "requests":
            dialog("dialog-new-request", lambda: _new_request(win))
        elif spec.key == "evaluations":
            view.tabs.setCurrentWidget(view.impact)
            settle(2.0)
            screen("view-impact")
            view.tabs.setCurrentIndex(0)
            dialog("dialog-evaluation-form", lambda shown=view: _evaluation_form(shown))
            _forms_shots(view, tmp, out, screen, settle)

    # The narrow window: frame included, 1,024 × 640 from the top-left corner of the screen.
    win.showNormal()
    settle(0.5)
    frame = win.frameGeometry().size() - win.geometry().size()
    win.resize(NARROW[0] - frame.width(), NARROW[1] - frame.height())
    win.move(0, 0)
    settle(1.0)
    for key in ("register", "relationships"):
        win.show_view(key)
        settle(1.0)
        shot = QApplication.primaryScreen().grabWindow(0, 0, 0, *NARROW)
        _save(shot, out / f"narrow-{key}.png")
        size = win.frameGeometry().size()
        if (size.width(), size.height()) != NARROW:
            print(f"the window did not shrink to 1024 × 640: {size.width()} × {size.height()}")
    win.close()
    win.ctx.close()
    _sharing(opened, screen, settle, coach)


def _sharing(opened: Any, screen: Any, settle: Any, coach: str) -> None:
    """A hub shared by several leads: a save refused because another lead changed the person
    meanwhile, and a viewer's window (the role faked: the demo is an SQLite file)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from coachdesk.gui.context import AppContext
    from coachdesk.gui.register.person_dialog import PersonDialog
    from coachdesk.services.register import get_person, update_person

    win = opened("demo.sqlite")
    person = win.ctx.read(get_person, coach).person
    dialog = PersonDialog(win.ctx, person)
    dialog.show()
    settle(0.5)
    theirs = replace(person.as_input(), job_title="Deputy Director of Nursing")
    update_person(win.ctx.db, coach, theirs, expected_version=person.version)  # another lead
    dialog.job_title.setFocus()
    dialog.job_title.selectAll()
    QTest.keyClicks(dialog.job_title, "Head of Learning and Development")
    QTest.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    settle(1.5)
    screen("dialog-stale-save")
    dialog.stale_bar().reload_button.click()
    settle(1.0)
    screen("dialog-stale-reloaded")
    dialog.cancel_stale()
    win.close()
    win.ctx.close()

    AppContext.read_only = property(lambda _self: True)  # type: ignore[assignment,method-assign]
    win = opened("demo.sqlite")
    win.show_view("register")
    win.view("register").open_record("person", coach)
    settle(1.5)
    screen("view-viewer")
    win.close()
    win.ctx.close()


def _answer_no(_parent: Any, title: str, text: str) -> bool:
    print(f"answered No: {title}: {text}")
    return False


def _registration_dialog(page: Any) -> Any:
    """The coach registration dialog of the person shown on the register."""
    page.tabs.setCurrentWidget(page.registrations)
    page.registrations.table.selectRow(0)
    page.registrations.edit()
    return page.registrations.dialog


def _new_request(win: Any) -> Any:
    """A new request with a client chosen: the ranked practitioners and why."""
    from coachdesk.gui.requests.new_request import NewRequestDialog
    from coachdesk.services.register import list_people

    dialog = NewRequestDialog(win.ctx, win.view("requests"))
    people = win.ctx.read(list_people, role="coachee")
    client = next((p for p in people if p.development_areas), people[0])
    dialog.match.client.set_person(client.email)
    return dialog


def _reminder_dialog(view: Any, settle: Callable[[float], None]) -> Any:
    """Draft reminders… with the person who has the most to do chosen (a form attached if
    there is one)."""
    view.draft_reminders()
    dialog = view.reminder_dialog
    settle(1.5)  # the plan is worked out in the background
    drafts = dialog.plan.drafts if dialog.plan is not None else ()
    if drafts:
        best = max(drafts, key=lambda d: (len(d.items), "form is attached" in d.body))
        dialog.people.setCurrentRow(drafts.index(best))
    return dialog


def _evaluation_form(view: Any) -> Any:
    view.show_filter("todo")
    view.table.selectRow(0)
    return view.open_selected()


def _forms_shots(
    view: Any, tmp: Path, out: Path, screen: Callable[[str], None], settle: Any
) -> None:
    """A fillable form as it prints (page 1, from the PDF), and the summary after dropping a
    filled form and a PDF that is not one on the Evaluations view."""
    from pypdf import PdfWriter
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QMessageBox
    from reportlab.pdfgen.canvas import Canvas

    from coachdesk.services.evaluation_forms import write_forms

    written = write_forms(view.ctx.db, tmp / "forms")
    path, _content = next((p, c) for p, c in written.files if c.kind == "post")
    # Poppler draws the fields' own appearances, as a printer gets them (QtPdf leaves them out).
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        sys.exit("pdftoppm is not installed (apt-get install poppler-utils)")
    subprocess.run([pdftoppm, "-png", "-r", "110", "-singlefile", str(path), str(tmp / "form")],
                   check=True)  # fmt: skip
    paper = QImage(str(tmp / "form.png"))
    _save(paper, out / "form-evaluation.png")

    writer = PdfWriter(clone_from=str(path))
    radios = {n for n, f in (writer.get_fields() or {}).items() if f.get("/FT") == "/Btn"}
    answers = {n: "/7" if n.startswith("objective.") else "/4" for n in radios}
    answers["completed_on"] = view.ctx.today().strftime("%d/%m/%Y")
    for each in writer.pages:
        writer.update_page_form_field_values(each, answers, auto_regenerate=False)
    returned = tmp / f"{path.stem} (returned).pdf"
    writer.write(returned)
    minutes = tmp / "Minutes of the hub meeting.pdf"
    canvas = Canvas(str(minutes))
    canvas.drawString(72, 720, "Minutes of the hub meeting")
    canvas.save()

    boxes: list[QMessageBox] = []

    def inform(parent: Any, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
        box.show()
        boxes.append(box)

    view.ctx.inform = inform
    view.import_returned_forms([returned, minutes])
    for _ in range(100):
        settle(0.2)
        if boxes:
            break
    settle(1.0)
    screen("dialog-forms-returned")
    for box in boxes:
        box.close()


if __name__ == "__main__":
    main()
