"""A viewer's window: a banner says why, edit controls stay disabled, a write is refused."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from coachdesk.app import main
from coachdesk.gui.context import AppContext
from coachdesk.gui.help import GuideWindow
from coachdesk.gui.shell import build_shell
from coachdesk.services.dto import PersonInput
from coachdesk.services.register import add_person, list_people
from tests.gui.sharing import close_all, hub_url, lead, with_user
from tests.helpers.ops import write_now
from tests.helpers.pg import PostgresServer

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)


def as_viewer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The context reads its database as a viewer's (what PostgreSQL roles decide)."""
    monkeypatch.setattr(AppContext, "read_only", property(lambda _self: True))


def heading_in_view(browser: Any, text: str) -> bool:
    """Whether the guide shows the heading ``text`` (scrolled to it, as far as it goes)."""
    layout = browser.document().documentLayout()
    top = browser.verticalScrollBar().value()
    bottom = top + browser.viewport().height()
    block = browser.document().begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0 and block.text() == text:
            return top - 1 <= layout.blockBoundingRect(block).top() < bottom
        block = block.next()
    return False


def menu_action(win: Any, text: str) -> Any:
    for menu in win.menuBar().actions():
        for action in menu.menu().actions():
            if action.text() == text:
                return action
    raise AssertionError(f"no menu item {text!r}")


def test_a_viewer_sees_the_banner_and_cannot_edit(
    demo_ctx: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx, answers = demo_ctx
    as_viewer(monkeypatch)
    win = build_shell(ctx)
    qtbot.addWidget(win)
    win.show()
    banner = win.findChild(QLabel, "viewerBanner")
    assert banner is not None and banner.isVisible()
    assert banner.text().startswith("You can look but not change: your database role")
    for text in ("&New…", "&Import register spreadsheet…", "&Restore from backup…"):
        assert not menu_action(win, text).isEnabled(), text
    assert menu_action(win, "&Find").isEnabled()  # looking is allowed
    banner.linkActivated.emit("guide")  # "What a viewer sees"
    guide = win.findChild(GuideWindow, "userGuide")
    assert guide is not None
    qtbot.waitExposed(guide)
    assert heading_in_view(guide.browser, "Sharing a hub with other leads")
    guide.close()

    register = win.show_view("register")
    assert register is not None
    qtbot.waitUntil(lambda: len(register.model.all_rows()) > 3)
    assert not register.new_button.isEnabled()
    person = register.model.all_rows()[2]
    register.open_record("person", person.id)  # the page enables its buttons for a person…
    assert register.page.print_record.isEnabled()
    assert not register.page.edit_button.isEnabled()  # …but not the edit ones
    assert not register.page.erase_button.isEnabled()
    assert "viewer" in register.page.edit_button.toolTip()

    development = win.show_view("development")
    assert development is not None
    for tab in development.tab.values():
        assert not (tab.add_button.isEnabled() or tab.delete_button.isEnabled())


def test_a_viewers_write_is_refused_with_a_clear_message(
    demo_ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx, answers = demo_ctx
    before = len(ctx.read(list_people))
    as_viewer(monkeypatch)
    assert write_now(ctx, add_person, PersonInput("Cara Quinn", "cara.quinn@nhs.uk")) is None
    assert len(answers.refusals) == 1
    message = answers.refusals[0].message
    assert message.startswith("Nothing was saved:") and "viewer" in message
    assert len(ctx.read(list_people)) == before


def test_a_viewer_may_open_a_form_to_look_but_not_save_it(
    demo_ctx: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coachdesk.gui.register.person_dialog import PersonDialog

    ctx, _ = demo_ctx
    as_viewer(monkeypatch)
    person = ctx.read(list_people)[0]
    dialog = PersonDialog(ctx, person)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.job_title, " and more")
    assert not dialog.save_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()  # nothing saved, nothing closed


@pytest.mark.postgres
def test_a_viewer_granted_on_the_real_server_opens_read_only_and_the_server_refuses_writes(
    qapp: Any,
    qtbot: Any,
    postgres_server: PostgresServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = hub_url(postgres_server, "coachdesk_gui_viewer")
    owner, _ = lead(url, monkeypatch)
    write_now(owner, add_person, PersonInput("Dev Sharma", "dev.sharma@nhs.uk"))
    assert main(["--db", url, "db", "grant", "--viewer", "gui_viewer"]) == 0  # the set-up
    capsys.readouterr()
    viewer, answers = lead(with_user(url, "gui_viewer"), monkeypatch)
    try:
        win = build_shell(viewer)
        qtbot.addWidget(win)
        win.show()
        banner = win.findChild(QLabel, "viewerBanner")
        assert banner is not None and banner.isVisible() and "gui_viewer" in banner.text()
        assert not menu_action(win, "&New…").isEnabled()
        register = win.show_view("register")
        assert register is not None
        qtbot.waitUntil(lambda: len(register.model.all_rows()) == 1)  # looking works
        assert not register.new_button.isEnabled()
        # Whatever the app does, the server itself refuses the viewer's write.
        monkeypatch.setattr(AppContext, "_writable", lambda _self: None)
        assert write_now(viewer, add_person, PersonInput("Cara Quinn", "cara@nhs.uk")) is None
        assert len(answers.refusals) == 1 and answers.bugs == 0
        assert "may only read this hub" in answers.refusals[0].message
        assert [p.full_name for p in owner.read(list_people)] == ["Dev Sharma"]
        win.close()
    finally:
        close_all(owner, viewer)
