"""The dashboard's item model: rows of a sentence and figures, optionally under headings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

Index = QModelIndex | QPersistentModelIndex
KIND_ROLE = Qt.ItemDataRole.UserRole + 10
ID_ROLE = Qt.ItemDataRole.UserRole + 11
RULE_ROLE = Qt.ItemDataRole.UserRole + 12
_TOP = 0  # internal id of a top-level index; a child's is its heading's row + 1


@dataclass(frozen=True)
class Entry:
    """One row: its texts by column and the record it opens (blank kind: opens nothing)."""

    texts: tuple[str, ...]
    kind: str = ""
    ident: str = ""
    rule: str = ""
    tooltip: str = ""
    colour: QColor | None = None


@dataclass(frozen=True)
class Heading:
    """A row spanning every column, with entries under it."""

    title: str
    rule: str = ""
    tooltip: str = ""
    colour: QColor | None = None
    entries: tuple[Entry, ...] = field(default_factory=tuple)


Node = Entry | Heading


class EntryModel(QAbstractItemModel):
    """Two levels at most: headings with entries, or entries alone; replaced whole on reload."""

    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.nodes: list[Node] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_nodes(self, nodes: Sequence[Node]) -> None:
        self.beginResetModel()
        self.nodes = list(nodes)
        self.endResetModel()

    def node(self, index: Index) -> Node | None:
        if not index.isValid():
            return None
        parent = index.internalId()
        if parent == _TOP:
            return self.nodes[index.row()] if index.row() < len(self.nodes) else None
        heading = self.nodes[parent - 1]
        assert isinstance(heading, Heading)
        return heading.entries[index.row()] if index.row() < len(heading.entries) else None

    # --- Qt model API --------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.nodes)
        if parent.column() != 0 or parent.internalId() != _TOP:
            return 0
        node = self.nodes[parent.row()]
        return len(node.entries) if isinstance(node, Heading) else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        node = self.node(index)
        if node is None:
            return Qt.ItemFlag.NoItemFlags
        if isinstance(node, Entry) and not node.kind:  # a sentence saying there is nothing
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        col = index.column()
        if isinstance(node, Heading):
            return self._heading_data(node, col, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return node.texts[col] if col < len(node.texts) else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = Qt.AlignmentFlag.AlignLeft if col == 0 else Qt.AlignmentFlag.AlignRight
            return int(side | Qt.AlignmentFlag.AlignTop)
        if role == Qt.ItemDataRole.ToolTipRole:
            return node.tooltip or None
        if role == Qt.ItemDataRole.ForegroundRole:
            return node.colour
        return {KIND_ROLE: node.kind, ID_ROLE: node.ident, RULE_ROLE: node.rule}.get(role)

    def _heading_data(self, node: Heading, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return node.title if col == 0 else ""
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole:
            return node.colour
        if role == Qt.ItemDataRole.ToolTipRole:
            return node.tooltip or None
        return {KIND_ROLE: "", ID_ROLE: "", RULE_ROLE: node.rule}.get(role)
