"""Desktop-app timings on the large demo (run by hand, never by CI).

    .venv/bin/python tests/benchmarks/bench_gui.py [--db BIG.sqlite] [--runs 5] [--no-start-up]

1. Start-up, as issue 13 measures it: under Xvfb (started here, 1,280 × 720, with the openbox
   window manager, as a lead's laptop has one), the wall
   time from starting the process until another X client sees the main window mapped.
   ``coachdesk --db BIG`` (the installed command, the real start-up path) and a bare script that
   imports PySide6 and SQLAlchemy and shows an empty QMainWindow are run alternately, app then
   bare, ``--runs`` times each. The watcher is this script: it runs ``xdotool search
   --onlyvisible --name …`` in a tight loop (``--sync`` polls only every 0.5 s), each poll its own
   process, so a figure is late by at most one poll (a few milliseconds). Each process is ended
   once its window is seen. Each pair runs on a fresh Xvfb (a pair whose X server went away is
   run again), and the first pair is not counted. The ratio of each app run to the bare run
   beside it, and the CPU time each process had used when its window was seen (from /proc),
   are the steadier figures on a shared machine.
2. Switching views (offscreen, in one process): each view's first show, then a switch back to
   it after every view has been built, from ``show_view`` until the events it posted are done;
   a register search keystroke. Twice: started as the app starts (``Launcher.open_first``: the
   slowest views are built ahead once the window is on screen, ``gui/warmup.py``; timed after
   that), and with nothing built ahead (``Launcher.show``, the cold figures).
3. Memory (RSS) after visiting every view.
Prints Markdown tables and the load average.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
COACHDESK = str(Path(PY).parent / "coachdesk")
#: The X display numbers this script may start its Xvfb on (``--displays 93-94``).
DISPLAYS: list[int] = random.sample(range(90, 100), 10)

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
import sqlalchemy
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setWindowTitle("bare-bench-window"); w.resize(1280, 800); w.show()
app.exec()
"""

VIEWS = """
import time, sys, resource
from coachdesk.app import open_db
from coachdesk.gui.application import Launcher, make_application
from coachdesk.gui.navigation import VIEWS
from coachdesk.storage.engine import describe
app = make_application()
launcher = Launcher(open_db, None, lambda d: describe(d.url))
if sys.argv[2] == "app":  # as the app starts: the slowest views are built ahead when idle
    win = launcher.open_first(sys.argv[1])
else:  # every view built on its first show
    win = launcher.show(open_db(sys.argv[1], backup=False))
win.resize(1280, 720)
app.processEvents()
dash = win.view("dashboard")
end = time.monotonic() + 60
while getattr(dash, "data", True) is None and time.monotonic() < end:  # the rules first
    app.processEvents()
    time.sleep(0.01)
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QWidget
from coachdesk.gui.warmup import BUILT_AHEAD
end = time.monotonic() + 60
while sys.argv[2] == "app" and time.monotonic() < end and not all(
    win.findChild(QWidget, f"view-{key}") for key in BUILT_AHEAD
):
    app.processEvents()
    time.sleep(0.01)
def settle():
    # Let the reads still running finish and their rows arrive: each switch is timed alone.
    end, quiet = time.monotonic() + 30, 0
    while time.monotonic() < end and quiet < 10:
        app.processEvents()
        time.sleep(0.01)
        busy = QThreadPool.globalInstance().activeThreadCount() or win.ctx.write_pool.activeThreadCount()
        quiet = 0 if busy else quiet + 1
def timed(key):
    settle()
    t = time.perf_counter()
    win.show_view(key)
    app.processEvents()
    return (time.perf_counter() - t) * 1000
order = [spec.key for spec in VIEWS[1:]] + [VIEWS[0].key]
first = {key: timed(key) for key in order}
again = {key: timed(key) for key in order}
for spec in VIEWS:
    print(f"view {spec.key} {first[spec.key]:.0f} {again[spec.key]:.0f} {spec.title}")
reg = win.view("register")
search = getattr(reg, "search", None)
win.show_view("register")
end = time.monotonic() + 30
while time.monotonic() < end:  # the register's rows arrive off the UI thread
    app.processEvents()
    time.sleep(0.01)
    model = getattr(reg, "model", None)
    if model is not None and getattr(model, "rows", None):
        break
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


class Xvfb:
    """An Xvfb server of its own (a display number no one else uses) at 1,280 × 720 with openbox
    managing its windows, for the ``with``'s length. The numbers tried are ``DISPLAYS``
    (``--displays``; on a shared machine, the ones set aside for this run)."""

    def __enter__(self) -> str:
        if not all(shutil.which(tool) for tool in ("Xvfb", "xdotool", "openbox", "xprop")):
            raise SystemExit(
                "needs Xvfb, xdotool, openbox and xprop: "
                "apt-get install -y xvfb xdotool openbox x11-utils"
            )
        for number in DISPLAYS:
            if Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists():
                continue
            self.proc = subprocess.Popen(
                ["Xvfb", f":{number}", "-screen", "0", "1280x720x24", "-nolisten", "tcp"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            env = dict(os.environ, DISPLAY=f":{number}")
            end = time.monotonic() + 10
            while self.proc.poll() is None and time.monotonic() < end:
                probe = ["xdotool", "getdisplaygeometry"]
                if subprocess.run(probe, env=env, capture_output=True).returncode == 0:
                    wm = next(filter(None, (start_window_manager(env) for _ in range(3))), None)
                    if wm is None:
                        break  # this display is left, the next one tried
                    self.wm = wm
                    return f":{number}"
                time.sleep(0.05)
            self.proc.terminate()  # (a killed Xvfb leaves its lock file behind)
            self.proc.wait()
        raise SystemExit("Xvfb did not start")

    def __exit__(self, *exc: object) -> None:
        for proc in (self.wm, self.proc):
            proc.terminate()
            proc.wait()


def start_window_manager(env: dict[str, str]) -> subprocess.Popen[bytes] | None:
    """openbox on the display in ``env``, once it has taken the screen (its check window is set
    on the root window), so that the runs timed on it are managed, framed windows; None when it
    did not start there."""
    wm = subprocess.Popen(["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    end = time.monotonic() + 10
    while wm.poll() is None and time.monotonic() < end:
        probe = ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"]
        found = subprocess.run(probe, env=env, capture_output=True, text=True).stdout
        if "window id" in found:
            time.sleep(0.2)  # its first settling down, not counted against either run
            return wm
        time.sleep(0.05)
    err = "" if wm.poll() is None else f" (it ended, {wm.returncode}: {wm.stderr.read()!r})"
    wm.kill()
    wm.wait()
    print(f"openbox did not start on {env['DISPLAY']}{err}")
    return None


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system, all threads) a running process has used so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def until_mapped(
    command: list[str], title: str, env: dict[str, str], timeout: float = 30
) -> tuple[float, float]:
    """Seconds from starting ``command`` until an X client sees a window named ``title`` mapped,
    and the CPU seconds the process had used by then (steadier than wall time when shared)."""
    t0 = time.monotonic()
    proc = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        while True:
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", title],
                env=env,
                capture_output=True,
            )
            now = time.monotonic()
            if found.returncode == 0 and found.stdout.strip():
                return now - t0, cpu_seconds(proc.pid)
            if proc.poll() is not None:
                err = proc.stderr.read().decode() if proc.stderr else ""
                if "could not connect to display" in err or found.returncode > 1:
                    raise DisplayGone(err)
                raise SystemExit(f"{command[0]} ended early: {err}")
            if now - t0 > timeout:
                raise SystemExit(f"no window named {title} after {timeout} s")
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class DisplayGone(Exception):
    """The X server went away during a run (something else on the machine ended it)."""


def pair(db: str, home: str) -> tuple[tuple[float, float], tuple[float, float]]:
    """One app start-up and one bare start-up, side by side, on an X server of their own."""
    with Xvfb() as display:
        env = dict(
            os.environ,
            DISPLAY=display,
            XDG_CONFIG_HOME=f"{home}/config",
            XDG_DATA_HOME=f"{home}/data",
            XDG_STATE_HOME=f"{home}/state",
            XDG_CACHE_HOME=f"{home}/cache",
            PYTHONPATH=str(
                ROOT
            ),  # this checkout's code, whichever one the command was installed from
            # Byte-compiled, as an installed app is: the first, uncounted pair writes the
            # bytecode of both scripts here (not into the checkout), the others read it.
            PYTHONPYCACHEPREFIX=f"{home}/pycache",
        )
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("QT_QPA_PLATFORM", None)
        env.pop("COACHDESK_DB", None)
        app = until_mapped([COACHDESK, "--db", db], "^coachdesk", env)
        bare = until_mapped([PY, "-c", BARE], "^bare-bench-window$", env)
        return app, bare


def start_up(db: str, runs: int) -> None:
    with tempfile.TemporaryDirectory() as home:
        app_runs, bare_runs = [], []
        while len(app_runs) < runs + 1:  # the first pair is not counted (the day's backup…)
            try:
                app, bare = pair(db, home)
            except DisplayGone:
                print("(the X server went away during a run; that pair is run again)")
                continue
            app_runs.append(app)
            bare_runs.append(bare)
        app_runs, bare_runs = app_runs[1:], bare_runs[1:]
    apps, bares = [w for w, _ in app_runs], [w for w, _ in bare_runs]
    app_cpu, bare_cpu = [c for _, c in app_runs], [c for _, c in bare_runs]
    ratios = [a / b for a, b in zip(apps, bares, strict=True)]
    print("| Start-up (process start → window mapped, Xvfb) | runs | median | range |")
    print("|---|---:|---:|---|")
    print(
        f"| bare PySide6 + SQLAlchemy window | {runs} | {statistics.median(bares):.2f} s "
        f"| {min(bares):.2f}–{max(bares):.2f} s |"
    )
    print(
        f"| coachdesk main window, large demo (budget ≤ 1.0 s) | {runs} "
        f"| {statistics.median(apps):.2f} s | {min(apps):.2f}–{max(apps):.2f} s |"
    )
    print(
        f"| ratio app / bare beside it (budget ≤ 2.5×) | {runs} "
        f"| {statistics.median(ratios):.2f}× | {min(ratios):.2f}–{max(ratios):.2f}× |"
    )
    print(
        f"| CPU used by then, app / bare (medians) | {runs} "
        f"| {statistics.median(app_cpu):.2f} s / {statistics.median(bare_cpu):.2f} s "
        f"({statistics.median(app_cpu) / statistics.median(bare_cpu):.2f}×) | |"
    )
    print()
    print("app  " + " ".join(f"{a:.2f}" for a in apps))
    print("bare " + " ".join(f"{b:.2f}" for b in bares))


def views(db: str, mode: str) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    with tempfile.TemporaryDirectory() as home:
        env.update(
            XDG_CONFIG_HOME=f"{home}/config",
            XDG_DATA_HOME=f"{home}/data",
            PYTHONPYCACHEPREFIX=f"{home}/pycache",
        )
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        out = subprocess.run(
            [PY, "-c", VIEWS, db, mode],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=True,
        ).stdout
    print()
    how = {"app": "as the app starts (open_first)", "cold": "nothing built ahead"}[mode]
    print(f"| View, {how} (budget ≤ 300 ms) | first show | switch back |")
    print("|---|---:|---:|")
    for line in out.splitlines():
        kind, *rest = line.split()
        if kind == "view":
            print(f"| {' '.join(rest[3:])} | {rest[1]} ms | {rest[2]} ms |")
        elif kind == "keystroke":
            print(f"| register search keystroke (worst of 6, budget < 50 ms) | {rest[0]} ms | |")
        elif kind == "rss":
            print(f"| memory after visiting every view (budget < 400 MB) | {rest[0]} MB | |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="/tmp/big.sqlite")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-start-up", action="store_true", help="only the view switching")
    parser.add_argument("--no-views", action="store_true", help="only the start-up")
    parser.add_argument(
        "--displays", help="X display numbers to use, e.g. 93-94 (default: free ones in 90–99)"
    )
    parser.add_argument(
        "--code",
        help="the coachdesk checkout whose start-up is timed (default: this one), e.g. an "
        "export of an older commit (git archive COMMIT | tar -x -C DIR) to compare side by side",
    )
    args = parser.parse_args()
    if args.code:
        global ROOT
        ROOT = Path(args.code).resolve()
        print(f"code timed: {ROOT}")
    if args.displays:
        low, _, high = args.displays.partition("-")
        DISPLAYS[:] = list(range(int(low), int(high or low) + 1))
    if not Path(args.db).exists():
        subprocess.run([COACHDESK, "--db", args.db, "demo", "--size", "large"], check=True)
    print(f"load average before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    if not args.no_start_up:
        start_up(args.db, args.runs)
    if not args.no_views:
        for mode in ("app", "cold"):
            views(args.db, mode)
    print(f"\nload average after: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")


if __name__ == "__main__":
    main()
