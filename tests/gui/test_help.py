"""Help › User guide: F1 at the view's section, words for a lead, pictures that fit."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextBlock
from PySide6.QtWidgets import QApplication

from coachdesk.gui.help import WELCOME_SECTION, GuideBrowser, GuideWindow, slug
from coachdesk.gui.mainwindow import MainWindow
from coachdesk.gui.navigation import VIEWS
from coachdesk.gui.shell import build_shell
from coachdesk.resources import user_guide_path
from tests.helpers.views import shown

#: Qt's offscreen platform cannot raise a window (the guide is brought forward with raise_()).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")

#: What a lead should never be asked to type or look for: build commands, the command line
#: and its flags, the repository's files.
DEVELOPER_WORDS = [
    r"\bmake (demo|test|lint|bench|package)\b",
    r"(?<![\w-])--[a-z]",
    r"\bcoachdesk (report|erase|import|export|check|demo|backup|restore)\b",
    r"\bdocs/",
    r"\w\.md\b",
    r"\b(pip|pytest|python|venv)\b",
    r"\bSPEC\b",
    r"\bthe issue\b",
]
#: The one command a lead may meet: setting up who may change a shared hub (run once).
ALLOWED_COMMANDS = r"coachdesk db grant --(lead|viewer) USER"


def _window(ctx: Any, qtbot: Any) -> MainWindow:
    win = shown(qtbot, build_shell(ctx), (1280, 720), active=True)
    return win


def _guide(win: MainWindow) -> GuideWindow:
    guide = win.findChild(GuideWindow, "userGuide")
    assert guide is not None, "F1 opened no user guide"
    return guide


def _heading_block(browser: GuideBrowser, anchor: str) -> QTextBlock:
    block = browser.document().begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0 and slug(block.text()) == anchor:
            return block
        block = block.next()
    raise AssertionError(f"the guide has no heading for #{anchor}")


def _first_heading_in_view(browser: GuideBrowser) -> str:
    """The text of the highest heading whose top is inside the visible part of the guide."""
    layout = browser.document().documentLayout()
    top = browser.verticalScrollBar().value()
    bottom = top + browser.viewport().height()
    block = browser.document().begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            y = layout.blockBoundingRect(block).top()
            if top - 1 <= y < bottom:
                return block.text()
        block = block.next()
    return ""


def test_every_view_names_a_section_of_the_guide(qapp: Any) -> None:
    browser = GuideBrowser()
    browser.load(user_guide_path())
    for spec in VIEWS:
        assert spec.guide, f"{spec.title} has no section in the user guide"
        _heading_block(browser, spec.guide)
    _heading_block(browser, WELCOME_SECTION)


def test_f1_on_each_view_opens_the_guide_at_its_section(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    win = _window(ctx, qtbot)
    for spec in VIEWS:
        qtbot.keyClick(win, Qt.Key(ord(spec.shortcut[-1])), Qt.KeyboardModifier.ControlModifier)
        assert win.current_view() is win.view(spec.key)
        qtbot.keyClick(win, Qt.Key.Key_F1)
        guide = _guide(win)
        qtbot.waitExposed(guide)
        heading = _heading_block(guide.browser, spec.guide).text()
        assert _first_heading_in_view(guide.browser) == heading, spec.title
        guide.close()
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow)
    assert len(win.findChildren(GuideWindow)) == 1  # one guide window, brought forward again
    assert answers.bugs == 0


def test_f1_on_the_welcome_page_opens_setting_up(empty_ctx: Any, qtbot: Any) -> None:
    ctx, _ = empty_ctx
    win = _window(ctx, qtbot)
    assert win.welcome is not None
    qtbot.keyClick(win, Qt.Key.Key_F1)
    guide = _guide(win)
    qtbot.waitExposed(guide)
    heading = _heading_block(guide.browser, WELCOME_SECTION).text()
    assert _first_heading_in_view(guide.browser) == heading


def test_the_guide_speaks_to_a_lead(qapp: Any) -> None:
    browser = GuideBrowser()
    browser.load(user_guide_path())
    text = re.sub(ALLOWED_COMMANDS, "", browser.toPlainText())
    found = [
        match.group(0)
        for pattern in DEVELOPER_WORDS
        for match in re.finditer(pattern, text, re.IGNORECASE)
    ]
    assert found == []
    # The keyboard table it gives matches the app: every view's shortcut is listed.
    assert "Ctrl+1 … Ctrl+9" in text
    assert all(spec.title in text for spec in VIEWS)


@pytest.mark.parametrize("width", [1280, 640])
def test_the_guides_pictures_fit_its_window(demo_ctx: Any, qtbot: Any, width: int) -> None:
    ctx, _ = demo_ctx
    win = _window(ctx, qtbot)
    qtbot.keyClick(win, Qt.Key.Key_F1)
    guide = _guide(win)
    qtbot.waitExposed(guide)
    guide.resize(width, 600)
    qtbot.waitUntil(lambda: guide.browser.width() < width)
    browser = guide.browser
    room = browser.viewport().width()
    images = []
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            char_format = it.fragment().charFormat()
            if char_format.isImageFormat():
                images.append(char_format.toImageFormat())
            it += 1
        block = block.next()
    assert len(images) >= 10  # the screenshots are there
    assert all(0 < image.width() <= room for image in images)
    assert browser.horizontalScrollBar().maximum() == 0  # nothing wider than the window
    assert QApplication.activeModalWidget() is None  # the guide leaves the app usable
