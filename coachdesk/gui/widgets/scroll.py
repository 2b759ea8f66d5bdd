"""PageScroll: a tall page that scrolls up and down, never cut off at the side."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class PageScroll(QScrollArea):
    """Holds ``page`` at the scroll area's width (it scrolls only up and down) and is never
    narrower than the page's least width, so nothing on the page is clipped at the side; it can
    be as short as a few lines (the rest scrolls)."""

    def __init__(self, page: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Tab goes to the fields on the page (which scrolls to show them), not to the frame.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWidget(page)
        page.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the page's least width may have changed
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        page = self.widget()
        if page is None:
            return hint
        least = page.minimumSizeHint().expandedTo(page.minimumSize()).width()
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(least + bar + 2 * self.frameWidth(), hint.height())
