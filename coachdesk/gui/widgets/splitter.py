"""PaneSplitter: a list and its detail side by side when wide, one above the other when narrow."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QChildEvent, QEvent, QObject, QSettings, QSize, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QSplitter, QWidget

SIDE_BY_SIDE = Qt.Orientation.Horizontal
STACKED = Qt.Orientation.Vertical


class PaneSplitter(QSplitter):
    """Two (or more) panes: side by side while the splitter is at least ``narrow_below`` wide
    (and wide enough for every pane's least width), one above the other when narrower.

    The sizes the lead drags to are kept for each arrangement and remembered across windows
    (``save_state``/``restore_state``, under ``key`` in QSettings); ``sizes`` and
    ``stacked_sizes`` are the first proportions (kept as the window grows or shrinks: give it
    no stretch factors). Its least width is the widest pane's, so it never holds the window
    wider than one pane needs.
    """

    def __init__(
        self,
        key: str,
        *,
        narrow_below: int,
        sizes: Sequence[int] = (1, 1),
        stacked_sizes: Sequence[int] = (1, 1),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(SIDE_BY_SIDE, parent)
        self.key = key
        self.setObjectName(key.replace("/", "-"))
        self.narrow_below = narrow_below
        self.setChildrenCollapsible(False)
        self._sizes: dict[Qt.Orientation, list[int]] = {
            SIDE_BY_SIDE: list(sizes),
            STACKED: list(stacked_sizes),
        }
        self._placed = False
        self._shown: tuple[bool, ...] = ()
        self.splitterMoved.connect(self._moved)

    # --- arranging -------------------------------------------------------------------------

    @property
    def stacked(self) -> bool:
        """True when the panes are one above the other."""
        return self.orientation() == STACKED

    def _panes(self) -> list[QWidget]:
        return [w for w in self._widgets() if not w.isHidden()]

    def _widgets(self) -> list[QWidget]:
        return [w for i in range(self.count()) if (w := self.widget(i)) is not None]

    def _side_by_side_width(self) -> int:
        """The least width that holds every shown pane side by side."""
        panes = self._panes()
        least = sum(_least(w).width() for w in panes)
        return least + self.handleWidth() * max(len(panes) - 1, 0)

    def _arrange(self, width: int) -> None:
        narrow = width < max(self.narrow_below, self._side_by_side_width())
        wanted = STACKED if narrow else SIDE_BY_SIDE
        if wanted != self.orientation() or not self._placed:
            self._placed = True
            self.setOrientation(wanted)
            self._apply()

    def _apply(self) -> None:
        """The kept sizes of this arrangement, scaled to the room there is (QSplitter would
        read small numbers as pixels and raise each to its pane's least size)."""
        kept = self._sizes[self.orientation()]
        length = self.width() if self.orientation() == SIDE_BY_SIDE else self.height()
        room = max(length - self.handleWidth() * (len(kept) - 1), 0)
        total = sum(kept)
        if room and total:
            self.setSizes([round(size * room / total) for size in kept])
        else:
            self.setSizes(kept)

    def _moved(self, _pos: int, _index: int) -> None:
        self._remember()

    def _remember(self) -> None:
        sizes = self.sizes()
        if len(sizes) == len(self._sizes[self.orientation()]) and all(s > 0 for s in sizes):
            self._sizes[self.orientation()] = sizes

    def childEvent(self, event: QChildEvent) -> None:
        super().childEvent(event)
        child = event.child()
        if event.type() == QEvent.Type.ChildAdded and isinstance(child, QWidget):
            child.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ShowToParent, QEvent.Type.HideToParent):
            self._panes_changed()  # at once, so the pane is in its place before anything else
        return super().eventFilter(watched, event)

    def _panes_changed(self) -> None:
        """A pane shown again (say the detail, once a record is chosen) gets its share back."""
        shown = tuple(not w.isHidden() for w in self._widgets())
        if shown != self._shown:
            self._shown = shown
            if self._placed and all(shown):
                self._arrange(self.width())
                self._apply()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(event.size().width())
        super().resizeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._arrange(self.width())

    def minimumSizeHint(self) -> QSize:
        """As narrow as the widest pane (narrower than that, the panes go one above the other)."""
        hint = super().minimumSizeHint()
        if not self.stacked:
            widths = [_least(w).width() for w in self._panes()]
            hint.setWidth(max(widths, default=hint.width()))
        return hint

    # --- remembering -----------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        if self._placed:
            self._remember()
        for orientation, name in ((SIDE_BY_SIDE, "side-by-side"), (STACKED, "stacked")):
            settings.setValue(f"{self.key}/{name}", ",".join(map(str, self._sizes[orientation])))

    def restore_state(self, settings: QSettings) -> None:
        for orientation, name in ((SIDE_BY_SIDE, "side-by-side"), (STACKED, "stacked")):
            value = settings.value(f"{self.key}/{name}")
            try:
                sizes = [int(s) for s in str(value).split(",")] if value else []
            except ValueError:
                continue
            if len(sizes) == len(self._sizes[orientation]) and all(s > 0 for s in sizes):
                self._sizes[orientation] = sizes
        if self._placed:
            self._apply()


def _least(widget: QWidget) -> QSize:
    """The least size a layout gives ``widget``."""
    return widget.minimumSizeHint().expandedTo(widget.minimumSize())
