"""The command line's tests: run in-process (``main``) on the tests' frozen clock, so a
``--today`` is judged against 7 Dec 2026 whatever the computer's clock says."""

from __future__ import annotations

import pytest

from tests.helpers.clock import freeze_the_command_line


@pytest.fixture(autouse=True)
def _frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    freeze_the_command_line(monkeypatch)
