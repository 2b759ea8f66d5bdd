"""Crash safety in CI: SIGKILL trials of crash_trials.py at chosen points (50 or more by hand)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.reliability.crash_trials import AFTER_COMMIT, BEFORE_COMMIT, IN_IMPORT, run_trials

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

#: Five trials: one of each kind of stop point (inside the import, just before and just after
#: its commit, before and after another transaction's commit).
TRIALS = 5


def test_a_writer_killed_at_chosen_points_loses_nothing_committed(tmp_path: Path) -> None:
    figures = run_trials(TRIALS, "small", seed=6, work=tmp_path)
    assert figures.failures == []
    assert figures.trials == TRIALS
    assert figures.stops == {IN_IMPORT: 1, BEFORE_COMMIT: 2, AFTER_COMMIT: 2}
    # Inside the import, with only its commit to send, and with its commit just returned.
    assert figures.killed_during_import >= 3
    assert figures.imports_committed >= 1
    assert figures.stale_locks_taken_over == TRIALS  # each reopen took the dead writer's lock
