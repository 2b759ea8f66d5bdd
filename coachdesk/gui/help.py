"""Help › User guide: the guide in its own window, opened at the current view's section (F1)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImageReader, QResizeEvent, QTextCursor, QTextFormat
from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from coachdesk.gui.navigation import VIEWS
from coachdesk.resources import user_guide_path

#: The guide's section for the welcome page shown on an empty database.
WELCOME_SECTION = "before-the-week-setting-up"
#: The section on a hub shared by several leads (a viewer's banner links to it).
SHARING_SECTION = "sharing-a-hub-with-other-leads"
NOT_INSTALLED = "The user guide is not installed with this copy of coachdesk."
#: Room left beside a picture so that it never reaches the edge of the window.
IMAGE_MARGIN = 8


def slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces → '-'."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


class GuideBrowser(QTextBrowser):
    """The guide's text: each heading is an anchor named by its slug, and every picture is
    shrunk to the width of the window (never enlarged) whenever the window is resized."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userGuideText")
        self.setAccessibleName("User guide")
        self.setOpenExternalLinks(True)
        self._folder: Path | None = None
        self._natural: dict[str, QSize] = {}
        self.headings: dict[str, str] = {}

    def load(self, guide: Path | None) -> None:
        if guide is None:
            self.setPlainText(NOT_INSTALLED)
            return
        self._folder = guide.parent
        self.setSearchPaths([str(guide.parent)])
        self.setMarkdown(guide.read_text(encoding="utf-8"))
        self._name_headings()
        self.fit_images()

    def _name_headings(self) -> None:
        """Make every heading an anchor, so ``scrollToAnchor(slug)`` and ``#slug`` links work."""
        document = self.document()
        block = document.begin()
        while block.isValid():
            if block.blockFormat().headingLevel() > 0 and block.text().strip():
                name = slug(block.text())
                self.headings[name] = block.text()
                cursor = QTextCursor(block)
                cursor.movePosition(
                    QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
                )
                mark = cursor.charFormat()
                mark.setAnchor(True)
                mark.setAnchorNames([name])
                cursor.mergeCharFormat(mark)
            block = block.next()

    def _natural_size(self, name: str) -> QSize:
        if name not in self._natural:
            size = QSize()
            if self._folder is not None:
                size = QImageReader(str(self._folder / name)).size()
            self._natural[name] = size
        return self._natural[name]

    def fit_images(self) -> None:
        """Each picture as wide as it is, or as the window allows when that is narrower."""
        document = self.document()
        room = self.viewport().width() - 2 * int(document.documentMargin()) - IMAGE_MARGIN
        changes: list[tuple[int, int, float]] = []
        block = document.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                char_format = fragment.charFormat()
                if fragment.isValid() and char_format.isImageFormat():
                    image = char_format.toImageFormat()
                    natural = self._natural_size(image.name())
                    if natural.isValid():
                        width = float(max(1, min(natural.width(), room)))
                        if image.width() != width:
                            changes.append((fragment.position(), fragment.length(), width))
                it += 1
            block = block.next()
        for position, length, width in changes:
            cursor = QTextCursor(document)
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            image = cursor.charFormat().toImageFormat()
            image.setWidth(width)
            image.clearProperty(QTextFormat.Property.ImageHeight)  # keeps its proportions
            cursor.setCharFormat(image)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_images()


class GuideWindow(QDialog):
    """The user guide beside the main window (not modal: the lead can work while reading)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userGuide")
        self.setWindowTitle("coachdesk user guide")
        self.browser = GuideBrowser(self)
        self.browser.load(user_guide_path())
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        self._size_to_screen()

    def _size_to_screen(self) -> None:
        """900 × 700, or less on a small screen (the window stays inside it)."""
        width, height = 900, 700
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry()
            width = min(width, room.width() - 40)
            height = min(height, room.height() - 80)
        self.resize(max(width, 320), max(height, 240))

    def show_section(self, section: str | None) -> None:
        """Show the guide at ``section`` (a heading's slug), or at its start."""
        self.show()
        self.raise_()
        self.activateWindow()
        if section and section in self.browser.headings:
            self.browser.scrollToAnchor(section)
        else:
            self.browser.moveCursor(QTextCursor.MoveOperation.Start)
            self.browser.verticalScrollBar().setValue(0)


def section_for(view_key: str | None, *, welcome: bool = False) -> str | None:
    """The guide's section for a view (``view_key`` as in navigation.VIEWS) or the welcome page."""
    if welcome:
        return WELCOME_SECTION
    return next((spec.guide for spec in VIEWS if spec.key == view_key), None)


def show_user_guide(parent: QWidget, section: str | None = None) -> GuideWindow:
    """Open (or bring forward) the guide window of ``parent`` at ``section``."""
    window = parent.findChild(GuideWindow, "userGuide")
    if window is None:
        window = GuideWindow(parent)
    window.show_section(section)
    return window
