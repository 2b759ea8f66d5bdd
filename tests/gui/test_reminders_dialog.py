"""Draft reminders… on the dashboard, driven with keys: who gets what, writing the drafts, the
mail program, "again", and "reminded 23 Nov" beside the alerts afterwards."""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from coachdesk.domain.reminder_items import NOT_REMINDED
from coachdesk.gui.dashboard.reminders import ReminderDialog
from coachdesk.gui.dashboard.view import DashboardView
from coachdesk.services.compliance import alerts
from tests.gui.conftest import TODAY
from tests.helpers.keys import clashes, mnemonics_not_working
from tests.helpers.views import shown

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _alt(qtbot: Any, widget: Any, key: Qt.Key) -> None:
    """Alt+letter, pressed where the keyboard is (as a person presses it)."""
    qtbot.keyClick(QApplication.focusWidget() or widget, key, Qt.KeyboardModifier.AltModifier)


def _opened(qtbot: Any, ctx: Any) -> tuple[DashboardView, ReminderDialog]:
    view = shown(qtbot, DashboardView(ctx), (1280, 720), active=True)
    _alt(qtbot, view, Qt.Key.Key_M)  # Draft re&minders… (a button clicks once it is shown down)
    qtbot.waitUntil(lambda: view.reminder_dialog is not None)
    dialog = view.reminder_dialog
    assert isinstance(dialog, ReminderDialog)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return view, dialog


def _theirs(ctx: Any) -> set[str]:
    return {a.person for a in alerts(ctx.db, TODAY) if a.rule not in NOT_REMINDED}


def _alert_texts(view: DashboardView) -> list[str]:
    model = view.alerts.rows
    out = []
    for row in range(model.rowCount()):
        top = model.index(row, 0)
        out += [model.index(r, 0, top).data() for r in range(model.rowCount(top))]
    return out


def test_the_dialog_lists_each_person_with_something_to_do_and_shows_their_email(
    demo_ctx: Any, qtbot: Any
) -> None:
    ctx, _ = demo_ctx
    _, dialog = _opened(qtbot, ctx)
    assert dialog.plan is not None
    assert {d.email for d in dialog.plan.drafts} == _theirs(ctx)
    assert dialog.people.count() == len(_theirs(ctx))
    assert len(dialog.ticked()) == dialog.people.count()  # everyone ticked to begin with
    first = dialog.plan.drafts[0]
    assert dialog.preview.toPlainText().startswith(f"To: {first.full_name} <{first.email}>")
    assert "Dear " in dialog.preview.toPlainText()
    # Fits the laptop's screen; every underlined letter reaches its own widget.
    assert dialog.width() <= 1280 and dialog.height() <= 720
    assert clashes(dialog) == []
    assert mnemonics_not_working(qtbot, dialog) == []


def test_writing_drafts_with_keys_records_them_and_the_dashboard_says_reminded(
    demo_ctx: Any, qtbot: Any, tmp_path: Path
) -> None:
    ctx, _ = demo_ctx
    view, dialog = _opened(qtbot, ctx)
    # Untick the first person with the space bar.
    _alt(qtbot, dialog, Qt.Key.Key_P)
    assert dialog.people.hasFocus()
    qtbot.keyClick(dialog.people, Qt.Key.Key_Home)
    skipped = dialog.chosen_person()
    qtbot.keyClick(dialog.people, Qt.Key.Key_Space)
    assert skipped not in dialog.ticked()
    # The folder, typed.
    _alt(qtbot, dialog, Qt.Key.Key_F)
    assert dialog.folder.hasFocus()
    qtbot.keyClick(dialog.folder, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.folder, str(tmp_path / "drafts"))
    with qtbot.waitSignal(ctx.changed):
        _alt(qtbot, dialog, Qt.Key.Key_W)  # &Write drafts

    files = sorted((tmp_path / "drafts").glob("*.eml"))
    assert len(files) == len(_theirs(ctx)) - 1
    sent_to = {
        message_from_bytes(f.read_bytes(), policy=policy.default)["To"].addresses[0].addr_spec
        for f in files
    }
    assert len(skipped_draft := _skipped_draft(ctx, skipped)) == 1
    assert sent_to == _theirs(ctx) - {skipped_draft[0].email}
    assert f"{len(files)} drafts written to" in dialog.outcome.text()
    # Those reminded are now held back; the one left unticked is still offered.
    assert [dialog.people.item(i).data(Qt.ItemDataRole.UserRole + 1) for i in range(1)] == [skipped]
    assert dialog.people.count() == 1
    dialog.close()

    reminded = [t for t in _alert_texts(view) if t.endswith("— reminded 23 Nov")]
    assert len(reminded) == sum(
        1 for a in alerts(ctx.db, TODAY) if a.rule not in NOT_REMINDED and a.person_id != skipped
    )


def _skipped_draft(ctx: Any, person_id: str | None) -> list[Any]:
    from coachdesk.services.reminders import plan_reminders

    plan = plan_reminders(ctx.db, TODAY)
    return [d for d in plan.drafts if d.person_id == person_id]


def test_open_in_mail_program_gives_a_mailto_and_records_the_reminder(
    demo_ctx: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx, _ = demo_ctx
    _, dialog = _opened(qtbot, ctx)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    assert dialog.plan is not None
    draft = dialog.plan.drafts[0]
    with qtbot.waitSignal(ctx.changed):
        _alt(qtbot, dialog, Qt.Key.Key_O)  # &Open in mail program

    (url,) = opened
    text = url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
    parts = urlsplit(text)
    assert parts.scheme == "mailto" and parts.path == draft.email
    query = parse_qs(parts.query)
    assert query["subject"] == [draft.subject]
    assert query["body"][0].startswith(f"Dear {draft.full_name.split()[0]},\r\n")
    assert "form is attached" not in query["body"][0]
    assert "Opened in your mail program and recorded as reminded" in dialog.outcome.text()
    assert draft.person_id not in [
        dialog.people.item(i).data(Qt.ItemDataRole.UserRole + 1)
        for i in range(dialog.people.count())
    ]


def test_no_mail_program_says_so_and_records_nothing(
    demo_ctx: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx, _ = demo_ctx
    from coachdesk.services.reminders import last_reminded

    _, dialog = _opened(qtbot, ctx)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    count = dialog.people.count()
    _alt(qtbot, dialog, Qt.Key.Key_O)  # &Open in mail program
    qtbot.waitUntil(lambda: "No mail program opened the e-mail" in dialog.outcome.text())
    assert ctx.read(last_reminded) == {}
    assert dialog.people.count() == count


def test_again_brings_back_those_reminded_this_week(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    from coachdesk.services.reminders import record_reminders
    from tests.helpers.ops import write_now

    write_now(ctx, record_reminders, None, TODAY)
    _, dialog = _opened(qtbot, ctx)
    assert dialog.people.count() == 0
    assert dialog.held_back.isVisible()
    assert "left out" in dialog.held_back.text()
    assert not dialog.write_button.isEnabled()
    _alt(qtbot, dialog, Qt.Key.Key_A)  # Remind &again
    qtbot.waitUntil(dialog.again.isChecked)
    assert dialog.people.count() == len(_theirs(ctx))
    assert dialog.write_button.isEnabled()
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)
    assert QApplication.activeModalWidget() is None


def test_the_dashboard_shows_when_an_alert_was_reminded(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    from coachdesk.services.reminders import record_reminders
    from tests.helpers.ops import write_now

    view = shown(qtbot, DashboardView(ctx))
    assert not [t for t in _alert_texts(view) if "reminded" in t]
    write_now(ctx, record_reminders, None, TODAY)
    texts = _alert_texts(view)
    assert any(t.endswith("— reminded 23 Nov") for t in texts)
    assert all(not t.endswith("reminded 23 Nov") for t in texts if "recorded the" in t)


def test_the_guide_explains_chasing_by_email_with_the_dialog_pictured() -> None:
    from coachdesk.resources import user_guide_path

    guide = user_guide_path()
    assert guide is not None
    text = guide.read_text(encoding="utf-8")
    section = text.split("## Chasing people by e-mail\n", 1)[1].split("\n## ", 1)[0]
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", section)
    assert pictures == [
        "screenshots/dialog-draft-reminders.png",
        "screenshots/view-settings-reminders.png",
    ]
    assert all((guide.parent / p).is_file() for p in pictures)
    for words in ("Draft reminders…", "Write drafts", "Open in mail program", "reminded 3 Dec"):
        assert words in section
