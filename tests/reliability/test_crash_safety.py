"""Crash safety in CI: five SIGKILL trials of crash_trials.py (50 or more by hand)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.reliability.crash_trials import run_trials

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def test_a_writer_killed_at_random_moments_loses_nothing_committed(tmp_path: Path) -> None:
    figures = run_trials(5, "small", seed=6, work=tmp_path)
    assert figures.failures == []
    assert figures.trials == 5
    assert figures.transactions > 5  # the writer got going before each kill
    assert figures.stale_locks_taken_over == 5  # every reopen took over the dead writer's lock
