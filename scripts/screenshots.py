"""Screenshots of every view of the real app on the small demo, under Xvfb (run by hand).

    .venv/bin/python scripts/screenshots.py [OUT_DIR]     (default docs/screenshots)

Starts Xvfb when there is no DISPLAY, builds the small demo in a temporary folder, opens the
real main window on the xcb platform, visits every view and grabs the screen.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _ensure_display() -> subprocess.Popen[bytes] | None:
    if os.environ.get("DISPLAY"):
        return None
    xvfb = shutil.which("Xvfb")
    if not xvfb:
        sys.exit("Xvfb is not installed (apt-get install xvfb)")
    proc = subprocess.Popen([xvfb, ":77", "-screen", "0", "1440x900x24", "-nolisten", "tcp"])
    os.environ["DISPLAY"] = ":77"
    time.sleep(1.5)
    return proc


def _examples(db: object) -> tuple[str, str]:
    """A busy active coach and one of their active relationships, to show on the pages."""
    from coachdesk.services.registrations import list_registrations
    from coachdesk.services.relationships import list_relationships

    active = list_relationships(db, kind="coaching", status="active")
    coaches = {r.email for r in list_registrations(db, kind="coach", status="active")}
    busiest = max(coaches, key=lambda e: sum(r.practitioner == e for r in active))
    return busiest, next(r.id for r in active if r.practitioner == busiest)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    xvfb = _ensure_display()
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    tmp = Path(tempfile.mkdtemp(prefix="coachdesk-shots-"))
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
    try:
        from PySide6.QtWidgets import QApplication

        from coachdesk.gui.application import Launcher, make_application
        from coachdesk.gui.navigation import VIEWS
        from coachdesk.services.demo import load_demo
        from coachdesk.storage.engine import describe
        from coachdesk.storage.migrate import open_database

        url = f"sqlite:///{tmp / 'demo.sqlite'}"
        db = open_database(url)
        load_demo(db, today=date.today())
        app = make_application()
        launcher = Launcher(
            lambda p, **k: open_database(f"sqlite:///{p}"), None, lambda d: describe(d.url)
        )
        win = launcher.show(db)
        win.resize(1400, 860)
        win.move(20, 20)

        def settle(seconds: float = 0.6) -> None:
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                app.processEvents()
                time.sleep(0.02)

        settle(1.0)
        coach, relationship = _examples(db)
        for spec in VIEWS:
            win.show_view(spec.key)
            view = win.view(spec.key)
            if spec.key == "register":
                view.open_record("person", coach)
            elif spec.key == "relationships":
                view.open_record("relationship", relationship)
            elif spec.key == "development":
                view.choose(coach)
            elif spec.key == "reports":
                view.prepare("learning-log", {"person": coach})
                view.generate()
            settle(4.0 if spec.key in ("dashboard", "reports") else 0.8)
            shot = QApplication.primaryScreen().grabWindow(0, 0, 0, 1440, 900)
            shot.save(str(out / f"view-{spec.key}.png"))
            print(f"saved {out / f'view-{spec.key}.png'}")
        win.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if xvfb is not None:
            xvfb.terminate()


if __name__ == "__main__":
    main()
