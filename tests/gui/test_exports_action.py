"""File › Export… by suffix: a workbook, the register, the calendar, the bundle."""

from __future__ import annotations

from typing import Any

import pytest

from coachdesk.gui.exports import export_file

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.mark.parametrize("name", ["hub.xlsx", "register.csv", "sessions.ics", "all.json", "hub"])
def test_export_writes_the_kind_the_suffix_names(demo_ctx, qtbot, tmp_path, name) -> None:
    ctx, answers = demo_ctx
    answers.save_file = tmp_path / name
    export_file(ctx)
    qtbot.waitUntil(lambda: bool(answers.informed or answers.refusals))
    assert answers.refusals == [] and answers.bugs == 0
    written = tmp_path / (name if "." in name else name + ".xlsx")
    assert written.stat().st_size > 0
    assert str(written.name) in answers.informed[0]


def test_an_unknown_suffix_is_refused(empty_ctx: Any, tmp_path) -> None:
    ctx, answers = empty_ctx
    answers.save_file = tmp_path / "hub.pdf"
    assert export_file(ctx) is None
    assert "export to .xlsx, .csv, .ics or .json" in answers.refusals[0].message
