"""Desktop-app timings on the large demo (run by hand, never by CI).

    .venv/bin/python tests/benchmarks/bench_gui.py [--db BIG.sqlite]

1. Start-up: wall time from process start until the main window has been shown and painted,
   for coachdesk and for a bare PySide6 script that imports SQLAlchemy and shows an empty
   QMainWindow, measured side by side (5 runs each, median).
2. Every list view: time to build and show it on the large demo; a register search keystroke.
3. Memory (RSS) after visiting every view.
Prints a Markdown table. Uses the offscreen platform so it runs without a screen.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable

BARE = """
import time, sys
t0 = float(sys.argv[1])
from PySide6.QtWidgets import QApplication, QMainWindow
import sqlalchemy
app = QApplication([])
w = QMainWindow(); w.resize(1280, 800); w.show()
app.processEvents()
print(time.time() - t0)
"""

APP = """
import time, sys
t0 = float(sys.argv[1])
# As app.open_gui does: the open-time quick_check starts while Qt loads.
from coachdesk.storage import precheck
from coachdesk.storage.engine import describe, resolve_url, sqlite_path
precheck.start(sqlite_path(resolve_url(sys.argv[2])))
from coachdesk.app import open_db
from coachdesk.gui.application import Launcher, make_application
app = make_application()
launcher = Launcher(open_db, None, lambda d: describe(d.url))
win = launcher.open_first(sys.argv[2])
app.processEvents()
print(time.time() - t0)
"""

VIEWS = """
import time, sys, resource
from coachdesk.app import open_db
from coachdesk.gui.application import Launcher, make_application
from coachdesk.gui.navigation import VIEWS
from coachdesk.storage.engine import describe
db = open_db(sys.argv[1])
app = make_application()
win = Launcher(open_db, None, lambda d: describe(d.url)).show(db)
dash = win.view("dashboard")
end = time.monotonic() + 30
while dash.data is None and time.monotonic() < end:  # let the rules finish first
    app.processEvents()
    time.sleep(0.01)
for spec in VIEWS:
    t = time.perf_counter()
    win.show_view(spec.key)
    app.processEvents()
    print(f"view {spec.title} {(time.perf_counter() - t) * 1000:.0f}")
reg = win.view("register")
search = getattr(reg, "search", None)
if search is not None:
    times = []
    for text in ["s", "sa", "sam", "sa", "s", ""]:
        t = time.perf_counter()
        search.setText(text)
        app.processEvents()
        times.append((time.perf_counter() - t) * 1000)
    print(f"keystroke {max(times):.0f}")
print(f"rss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
"""


def timed(code: str, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=tempfile.mkdtemp())
    out = subprocess.run(
        [PY, "-c", code, str(time.time()), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=True,
    ).stdout
    return float(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="/tmp/big.sqlite")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not Path(args.db).exists():
        subprocess.run(
            [str(ROOT / ".venv/bin/coachdesk"), "--db", args.db, "demo", "--size", "large"],
            check=True,
        )
    bare = [timed(BARE) for _ in range(args.runs)]
    app = [timed(APP, args.db) for _ in range(args.runs)]
    b, a = statistics.median(bare), statistics.median(app)
    print("| Measure | Figure | Budget |")
    print("|---|---:|---|")
    print(f"| bare PySide6 + SQLAlchemy window shown | {b:.2f} s | |")
    print(
        f"| coachdesk main window shown (large demo) | {a:.2f} s | < 1.0 s and < 2.5x bare ({a / b:.1f}x) |"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=tempfile.mkdtemp())
    out = subprocess.run(
        [PY, "-c", VIEWS, args.db], capture_output=True, text=True, env=env, cwd=ROOT, check=True
    ).stdout
    for line in out.splitlines():
        kind, *rest = line.split()
        if kind == "view":
            print(f"| open {' '.join(rest[:-1])} view | {rest[-1]} ms | < 300 ms |")
        elif kind == "keystroke":
            print(f"| register search keystroke (worst of 6) | {rest[0]} ms | < 50 ms |")
        elif kind == "rss":
            print(f"| memory after visiting every view | {rest[0]} MB | < 400 MB |")


if __name__ == "__main__":
    main()
