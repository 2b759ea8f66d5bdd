"""The merge conflicts dialog: the set-aside versions listed, accepted or dismissed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from coachdesk.gui.conflicts import ConflictsDialog, open_conflicts
from coachdesk.services.conflicts import list_conflicts
from coachdesk.services.exchange import import_bundle
from coachdesk.services.relationships import get_relationship

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

LEFT = Qt.MouseButton.LeftButton
ELLIS_REL = "c7e2a9b4-6d13-4f58-9e0a-b1c2d3e40004"


@pytest.fixture
def merged(empty_ctx: Any, example_bundle: Path) -> Any:
    """A database where a bundle's older edit of a relationship was set aside."""
    ctx, answers = empty_ctx
    example = json.loads(example_bundle.read_text(encoding="utf-8"))
    ctx.read(import_bundle, example)
    example["relationships"][0]["end_reason"] = "edited on the laptop"
    example["settings"]["hub_name"] = "Laptop Hub"
    ctx.read(import_bundle, example, source="laptop.json")
    return ctx, answers


def _dialog(ctx: Any, qtbot: Any) -> ConflictsDialog:
    dialog = ConflictsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _select(dialog: ConflictsDialog, label_start: str) -> None:
    for i in range(dialog.model.rowCount()):
        if dialog.model.row_at(i).label.startswith(label_start):
            dialog.table.selectRow(i)
            return
    raise AssertionError(label_start)


def test_the_conflicts_are_listed_with_their_differences(merged, qtbot, qtmodeltester) -> None:
    ctx, _answers = merged
    dialog = _dialog(ctx, qtbot)
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 2
    assert dialog.status.text() == "2 conflicts to review."
    _select(dialog, "coaching relationship")
    details = dialog.details
    assert [details.item(0, c).text() for c in range(3)] == [
        "end reason",
        "edited on the laptop",
        "completed",
    ]
    assert dialog.accept_button.isEnabled() and dialog.keep_button.isEnabled()


def test_accept_theirs_applies_the_version_after_asking(merged, qtbot) -> None:
    ctx, answers = merged
    dialog = _dialog(ctx, qtbot)
    _select(dialog, "coaching relationship")
    answers.confirm_with = False
    qtbot.mouseClick(dialog.accept_button, LEFT)
    assert ctx.read(get_relationship, ELLIS_REL).relationship.end_reason == "completed"  # declined
    answers.confirm_with = True
    with qtbot.waitSignal(ctx.changed) as changed:
        qtbot.mouseClick(dialog.accept_button, LEFT)
    assert changed.args[0].touches("relationship", "conflict")
    assert "are kept as a resolved conflict" in answers.confirmations[-1]
    assert ctx.read(get_relationship, ELLIS_REL).relationship.end_reason == "edited on the laptop"
    assert dialog.model.rowCount() == 1  # the dialog reloaded on the broadcast
    box = dialog.show_resolved
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))
    assert dialog.model.rowCount() == 3  # the replaced version is on file


def test_keep_mine_resolves_without_changing_the_record(merged, qtbot) -> None:
    ctx, _answers = merged
    dialog = open_conflicts(ctx)
    qtbot.addWidget(dialog)
    _select(dialog, "setting hub_name")
    qtbot.mouseClick(dialog.keep_button, LEFT)
    assert [c.kind for c in ctx.read(list_conflicts)] == ["relationship"]
    assert dialog.model.rowCount() == 1
    dialog.close()
