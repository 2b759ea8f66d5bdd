"""ElidedLabel: one line of text that ends in "…" where it does not fit, whole in its tooltip."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QComboBox, QLabel, QSizePolicy, QWidget

#: The narrowest an elided label asks to be: a few characters and the ellipsis.
MIN_SHOWN = "Mmmmm…"


class ElidedLabel(QLabel):
    """A one-line label that never makes its window wider: a name or an e-mail of any length
    shows as much as fits, ends in "…", and is whole in the tooltip (and in ``text()``).

    With ``link`` it is shown as a link (``linkActivated`` carries ``link``); ``mode`` says where
    the text is cut (a file's path is best cut in the middle). It asks for the
    width of its whole text (``sizeHint``) but can shrink to a few characters
    (``minimumSizeHint``), so a layout gives it what there is.
    """

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        link: str | None = None,
        mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
    ) -> None:
        super().__init__(parent)
        self._full = ""
        self._link = link
        self._mode = mode
        self._tip = ""
        self._elided = False
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.RichText if link else Qt.TextFormat.PlainText)
        self.setText(text)

    # --- the text --------------------------------------------------------------------------

    def setText(self, text: str) -> None:
        self._full = " ".join(text.split("\n"))
        self.updateGeometry()
        self._show()

    def text(self) -> str:
        """The whole text, however much of it is shown."""
        return self._full

    def set_link(self, link: str | None) -> None:
        """Show the text as a link to ``link`` (None: as plain text)."""
        self._link = link
        self.setTextFormat(Qt.TextFormat.RichText if link else Qt.TextFormat.PlainText)
        self._show()

    def setToolTip(self, tip: str) -> None:
        """The tooltip shown when the text fits (when it does not, the whole text is shown)."""
        self._tip = tip
        super().setToolTip(self._full if self._elided else tip)

    @property
    def elided(self) -> bool:
        """True when the text is cut short (it ends in "…")."""
        return self._elided

    def _show(self) -> None:
        metrics = self.fontMetrics()
        room = self.contentsRect().width() - 2 * max(self.margin(), 0)
        shown = metrics.elidedText(self._full, self._mode, max(room, 0))
        self._elided = shown != self._full
        if self._link:
            link = escape(self._link, quote=True)
            super().setText(f'<a href="{link}">{escape(shown, quote=False)}</a>')
        else:
            super().setText(shown)
        super().setToolTip(self._full if self._elided else self._tip)

    # --- sizes -----------------------------------------------------------------------------

    def _extra(self) -> int:
        margins = self.contentsMargins()
        return margins.left() + margins.right() + 2 * max(self.margin(), 0)

    def sizeHint(self) -> QSize:
        width = self.fontMetrics().horizontalAdvance(self._full) + self._extra() + 1
        return QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        least = self.fontMetrics().horizontalAdvance(MIN_SHOWN) + self._extra()
        width = min(least, self.sizeHint().width())
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.updateGeometry()
            self._show()


def narrow_combo(box: QComboBox, chars: int = 24) -> QComboBox:
    """Let ``box`` be as narrow as ``chars`` characters whatever its longest choice (a name,
    an organisation): the choice shown is cut short, the open list shows each one whole."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(chars)
    box.view().setTextElideMode(Qt.TextElideMode.ElideNone)
    return box
