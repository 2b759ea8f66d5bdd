"""A read-only tree of sentences whose first column wraps onto as many lines as it needs."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from coachdesk.gui.dashboard.entries import (
    ID_ROLE,
    KIND_ROLE,
    RULE_ROLE,
    EntryModel,
    Heading,
    Index,
    Node,
)


class WrapDelegate(QStyledItemDelegate):
    """Row heights from the first column's width, so a sentence is wrapped, never cut off."""

    def __init__(self, tree: WrapTree) -> None:
        super().__init__(tree)
        self.tree = tree
        #: Qt asks for each row's size many times per layout; a large hub has thousands of
        #: alerts. Sizes depend only on the text, column, width and font: remember them.
        self._sizes: dict[tuple[object, ...], QSize] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        text = index.data(Qt.ItemDataRole.DisplayRole)
        width = self.tree.text_width(index) if index.column() == 0 else 0
        key = (
            index.column(),
            text,
            width,
            option.font.key(),
            index.data(Qt.ItemDataRole.FontRole) is None,
        )
        size = self._sizes.get(key)
        if size is None:
            if len(self._sizes) > 50_000:
                self._sizes.clear()
            size = self._sizes[key] = self._measure(option, index)
        return size

    def _measure(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        if index.column() != 0:
            return hint
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        margin = self.tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
        width = self.tree.text_width(index) - 2 * margin
        if width <= 0 or not opt.text:
            return hint
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
        rect = opt.fontMetrics.boundingRect(QRect(0, 0, width, 1_000_000), flags, opt.text)
        return QSize(hint.width(), max(hint.height(), rect.height() + 6))


class WrapTree(QTreeView):
    """Rows of a sentence and short figures, optionally under headings that span the row."""

    #: The rows took new heights (after the first column changed width).
    laid_out = Signal()

    def __init__(self, name: str, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.rows = EntryModel(headers, self)
        self.setModel(self.rows)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setItemDelegate(WrapDelegate(self))
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(headers)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        # Wrapped rows take their height from the first column's width: lay out again.
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self._lay_out_rows)
        header.sectionResized.connect(self._first_column_resized)
        #: The widest row of each figure column (found once per reload, see sizeHintForColumn).
        self._widest: dict[int, QModelIndex] = {}

    # --- rows --------------------------------------------------------------------------------

    def show_nodes(self, nodes: Sequence[Node]) -> None:
        """Replace every row (one model reset), headings spanning the row and opened."""
        self._widest.clear()
        self.rows.set_nodes(nodes)
        root = QModelIndex()
        for row, node in enumerate(nodes):
            if isinstance(node, Heading):
                self.setFirstColumnSpanned(row, root, True)
        self.expandAll()

    def top_texts(self) -> list[str]:
        """The first column of every top-level row (the headings of a grouped list)."""
        return [self.rows.index(r, 0).data() for r in range(self.rows.rowCount())]

    def find_place(self, place: tuple[str, str, str]) -> QModelIndex:
        """The row showing (kind, id, rule) - a heading's kind and id are blank."""
        model = self.rows
        for row in range(model.rowCount()):
            top = model.index(row, 0)
            for index in [top, *(model.index(r, 0, top) for r in range(model.rowCount(top)))]:
                if place_of(index) == place:
                    return index
        return QModelIndex()

    # --- widths ------------------------------------------------------------------------------

    def sizeHintForColumn(self, column: int) -> int:
        """A figure column is as wide as its widest text. Qt's own answer measures up to 1,000
        rows each time the header lays out (every time the view is shown or hidden, ~0.1 s on
        a large hub): here the widest row is found once per reload, by the font's advance."""
        if column == 0:
            return super().sizeHintForColumn(column)
        if column not in self._widest:
            self._widest[column] = self._widest_row(column)
        index = self._widest[column]
        if not index.isValid():
            return super().sizeHintForColumn(column)
        option = QStyleOptionViewItem()
        option.initFrom(self)
        return self.itemDelegate().sizeHint(option, index).width()

    def _widest_row(self, column: int) -> QModelIndex:
        metrics = self.fontMetrics()
        model = self.rows
        best, widest = QModelIndex(), -1
        for row in range(model.rowCount()):
            top = model.index(row, 0)
            for index in [top, *(model.index(r, 0, top) for r in range(model.rowCount(top)))]:
                cell = index.siblingAtColumn(column)
                text = cell.data(Qt.ItemDataRole.DisplayRole) or ""
                width = metrics.horizontalAdvance(text)
                if width > widest:
                    best, widest = cell, width
        return best

    # --- wrapping ----------------------------------------------------------------------------

    def _first_column_resized(self, column: int, _old: int, _new: int) -> None:
        if column == 0:
            self._relayout.start()  # once the header has settled, not in the middle of it

    def _lay_out_rows(self) -> None:
        self.doItemsLayout()
        self.updateGeometry()
        self.laid_out.emit()

    def text_width(self, index: Index) -> int:
        """The width the first column's text has at ``index`` (after indentation)."""
        depth = 0 if index.internalId() == 0 else 1
        spanned = depth == 0 and isinstance(self.rows.node(index), Heading)
        width = self.viewport().width() if spanned else self.columnWidth(0)
        return width - self.indentation() * (depth + (1 if self.rootIsDecorated() else 0))

    def content_height(self) -> int:
        """Height that shows every row without scrolling (the header and frame included)."""
        option = QStyleOptionViewItem()
        option.initFrom(self)
        delegate = self.itemDelegate()
        model = self.rows
        height = 0
        for row in range(model.rowCount()):
            top = model.index(row, 0)
            rows = [top]
            if self.isExpanded(top):
                rows += [model.index(r, 0, top) for r in range(model.rowCount(top))]
            height += sum(delegate.sizeHint(option, i).height() for i in rows)
        return height + self.header().sizeHint().height() + 2 * self.frameWidth()


def place_of(index: QModelIndex) -> tuple[str, str, str]:
    """(kind, id, rule) of a row, to find it again after a reload."""
    first = index.siblingAtColumn(0)
    return (first.data(KIND_ROLE), first.data(ID_ROLE), first.data(RULE_ROLE))
