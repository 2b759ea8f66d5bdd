"""The built app's size and start-up: ``--version`` and launch-to-main-window, frozen vs source.

Run after ``make package``: ``.venv/bin/python tests/benchmarks/bench_package.py [--large]``.
Each figure is the median of five runs, offscreen, on a demo database made first.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FROZEN = ROOT / "dist" / "coachdesk" / "coachdesk"
SOURCE = ROOT / ".venv" / "bin" / "coachdesk"


def _shown(program: Path, db: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    proc = subprocess.Popen(
        [str(program), "--db", str(db), "--self-test"], env=env, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    shown = time.perf_counter() - started
    proc.stdout.read()
    assert proc.wait() == 0 and line.strip() == "main window shown"
    return shown


def _version(program: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([str(program), "--version"], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--large", action="store_true", help="also the large demo")
    args = parser.parse_args()
    files = [p for p in FROZEN.parent.rglob("*") if p.is_file() and not p.is_symlink()]
    print(f"bundle: {sum(p.stat().st_size for p in files) / 2**20:.0f} MiB in {len(files)} files")
    for tar in sorted(FROZEN.parent.parent.glob("coachdesk-*-linux-*.tar.gz")):
        print(f"{tar.name}: {tar.stat().st_size / 2**20:.0f} MiB")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "HOME": tmp, "QT_QPA_PLATFORM": "offscreen"}
        sizes = ["small", "large"] if args.large else ["small"]
        for size in sizes:
            db = Path(tmp) / f"{size}.sqlite"
            subprocess.run([str(FROZEN), "--db", str(db), "demo", "--size", size], env=env,
                           check=True, capture_output=True)  # fmt: skip
            for label, program in (("frozen", FROZEN), ("source", SOURCE)):
                shown = statistics.median(_shown(program, db, env) for _ in range(5))
                print(f"{size} demo, {label}: main window shown after {shown:.2f} s")
        for label, program in (("frozen", FROZEN), ("source", SOURCE)):
            took = statistics.median(_version(program, env) for _ in range(5))
            print(f"--version, {label}: {took:.2f} s")


if __name__ == "__main__":
    main()
