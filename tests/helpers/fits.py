"""What "fits a laptop" means, checked on the live main window: how small it may be, and that
nothing on a view is squeezed below its least size, cut off or clipped.

Used by tests/gui/test_fits_laptop.py, and run as a program (one per scale factor) by its scale
test: ``python -m tests.helpers.fits DEMO_DB`` with QT_SCALE_FACTOR set prints every problem and
exits 1 when there is one.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenuBar,
    QScrollArea,
    QScrollBar,
    QSizePolicy,
    QSplitterHandle,
    QStyle,
    QStyleOptionFrame,
    QTabBar,
    QTabWidget,
    QWidget,
)

from coachdesk.gui.widgets.dates import DateField

#: The laptop's logical screen (1,920 × 1,080 at 150 %), and the least the window must allow.
LAPTOP = (1280, 720)
SMALLEST = (1024, 640)
#: What a window manager's title bar and frame take of the screen's height, at most.
FRAME = 40
#: A whole date in a date box.
WHOLE_DATE = "28/09/2026"

#: Widgets whose insides are their own business (a combo's line edit, a table's cells).
COMPOUND = (QComboBox, QAbstractSpinBox, QTabBar, QLineEdit, QMenuBar)


def inner(screen: tuple[int, int]) -> QSize:
    """The window's own size (without title bar) on a screen this big."""
    return QSize(screen[0], screen[1] - FRAME)


def settle() -> None:
    """Let every pending layout run (posted events only: nothing waits on time)."""
    for _ in range(3):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)
        QApplication.processEvents()


def least(widget: QWidget) -> QSize:
    """The least size a layout gives ``widget`` (Qt's own rule, qSmartMinSize)."""
    policy = widget.sizePolicy()
    hint, small = widget.sizeHint(), widget.minimumSizeHint()
    shrink = QSizePolicy.PolicyFlag.ShrinkFlag.value

    def one(how: QSizePolicy.Policy, full: int, least_hint: int, fixed: int) -> int:
        if how == QSizePolicy.Policy.Ignored:
            size = 0
        elif how.value & shrink:
            size = least_hint
        else:
            size = max(full, least_hint)
        return fixed if fixed > 0 else max(size, 0)

    minimum = widget.minimumSize()
    size = QSize(
        one(policy.horizontalPolicy(), hint.width(), small.width(), minimum.width()),
        one(policy.verticalPolicy(), hint.height(), small.height(), minimum.height()),
    )
    return size.boundedTo(widget.maximumSize())


def too_big(win: QWidget, screen: tuple[int, int]) -> str | None:
    """Why the window cannot be as small as ``screen`` allows, or None."""
    room = inner(screen)
    need = win.minimumSizeHint().expandedTo(win.minimumSize())
    if need.width() > room.width() or need.height() > room.height():
        return f"the window needs {need.width()} × {need.height()}, the screen gives {room.width()} × {room.height()}"
    return None


def _name(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    shown = text() if callable(text) else ""
    label = shown or widget.accessibleName() or widget.objectName()
    return f"{type(widget).__name__} {str(label)[:40]!r}"


def _skipped(widget: QWidget, root: QWidget) -> bool:
    """Inside a compound widget or a scrolled view's machinery (not the app's own layout)."""
    if isinstance(widget, QScrollBar | QSplitterHandle) or widget.objectName().startswith(
        "qt_scrollarea"
    ):
        return True
    child, parent = widget, widget.parentWidget()
    while parent is not None and child is not root:
        if isinstance(parent, COMPOUND):
            return True
        if isinstance(parent, QAbstractScrollArea):
            page = parent.widget() if isinstance(parent, QScrollArea) else None
            if page is None or child is not parent.viewport():
                return True
        child, parent = parent, parent.parentWidget()
    return False


def _in_scroll(widget: QWidget) -> bool:
    """The page of a scroll area (sized by it, and taller than its view when it scrolls)."""
    holder = widget.parentWidget()
    return holder is not None and holder.objectName() == "qt_scrollarea_viewport"


def clipped(root: QWidget) -> list[str]:
    """Every shown widget under ``root`` that is squeezed below its least size, pokes out of its
    parent, or (a date box) cannot show a whole date."""
    problems: list[str] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow() or _skipped(widget, root):
            continue
        name = _name(widget)
        need = least(widget)
        if widget.hasHeightForWidth():  # its height follows its width (wrapped text)
            fits = widget.heightForWidth(widget.width())
            if isinstance(widget, QLabel):  # the text's own height
                need.setHeight(max(widget.minimumSize().height(), fits))
            else:  # a layout's: what it would like, which may be more than it needs
                need.setHeight(min(need.height(), fits))
        if widget.width() < need.width() or widget.height() < need.height():
            problems.append(
                f"{name} is {widget.width()} × {widget.height()}, "
                f"needs {need.width()} × {need.height()}"
            )
        parent = widget.parentWidget()
        if parent is not None and not _in_scroll(widget):
            inside = parent.rect()
            if not inside.contains(widget.geometry()):
                box = widget.geometry()
                problems.append(
                    f"{name} at {box.x()},{box.y()} {box.width()} × {box.height()} is cut off by "
                    f"{_name(parent)} ({inside.width()} × {inside.height()})"
                )
        if isinstance(widget, DateField):
            problems += _date_cut(widget)
    for header in root.findChildren(QHeaderView):
        if header.isVisible():
            problems += _header_cut(header)
    return problems


def _header_cut(header: QHeaderView) -> list[str]:
    """A table's header with less room for its titles (or row numbers) than it asks for."""
    room, need = header.contentsRect(), header.sizeHint()
    across = header.orientation() == Qt.Orientation.Vertical
    if (room.width() < need.width()) if across else (room.height() < need.height()):
        table = header.parentWidget()
        return [f"the {'row' if across else 'column'} headers of {_name(table)} are cut"]
    return []


def _date_cut(field: Any) -> list[str]:
    option = QStyleOptionFrame()
    field.initStyleOption(option)
    area = field.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, field)
    margins = field.textMargins()
    room = area.width() - margins.left() - margins.right() - 2 * 2
    need = max(field.fontMetrics().horizontalAdvance(t) for t in (WHOLE_DATE, "dd/mm/yyyy"))
    if room < need:
        return [f"date box {field.accessibleName()!r} shows {room} px of the {need} a date needs"]
    return []


def navigation_cut(win: Any) -> list[str]:
    """The view names in the navigation, each shown whole and without a scrollbar."""
    nav = win.nav
    problems = []
    if nav.horizontalScrollBar().isVisible():
        problems.append("the navigation has a horizontal scrollbar")
    for row in range(nav.count()):
        item = nav.item(row)
        need = nav.sizeHintForIndex(nav.model().index(row, 0)).width()
        if nav.visualItemRect(item).width() < need or nav.viewport().width() < need:
            problems.append(f"the navigation cuts {item.text()!r} short")
    return problems


def each_tab(root: QWidget) -> Iterator[str]:
    """Show every tab of every tab widget shown under ``root`` in turn (outer tabs first),
    yielding the tab's title; finally the tabs that were chosen are chosen again."""
    yield ""
    for tabs in root.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        chosen = tabs.currentIndex()
        for index in range(tabs.count()):
            if tabs.isTabVisible(index) and index != chosen:
                tabs.setCurrentIndex(index)
                settle()
                yield tabs.tabText(index)
        tabs.setCurrentIndex(chosen)
        settle()


def show_records(win: Any, ctx: Any, key: str, person: str, relationship: str) -> None:
    """On the views that show one record, show one (a person, a relationship, a practitioner)."""
    view = win.view(key)
    if key == "register":
        view.open_record("person", person)
    elif key == "relationships":
        view.open_record("relationship", relationship)
    elif key == "development":
        view.choose(person)
    elif key == "reports":  # the report with the most to choose (its equality box too)
        view.prepare("person", {"person": person})
    settle()


def busy_coach(ctx: Any) -> tuple[str, str]:
    """A coach with an active coaching relationship: their e-mail, and that relationship."""
    from coachdesk.services.relationships import list_relationships

    rel = ctx.read(list_relationships, kind="coaching", status="active")[0]
    return rel.practitioner, rel.id


def check_every_view(
    win: Any, ctx: Any, show: Callable[[str], object], *, who: tuple[str, str] | None = None
) -> list[str]:
    """Every view (shown by ``show(key)``), with a record open where a view shows one, and each
    of its tabs: what is clipped, and whether the window may still be 1,024 × 640."""
    from coachdesk.gui.navigation import VIEWS

    person, relationship = who or busy_coach(ctx)
    problems = [f"navigation: {p}" for p in navigation_cut(win)]
    for spec in VIEWS:
        show(spec.key)
        settle()
        show_records(win, ctx, spec.key, person, relationship)
        for tab in each_tab(win):
            where = f"{spec.title}{' › ' + tab if tab else ''}"
            problems += [f"{where}: {p}" for p in clipped(win)]
    big = too_big(win, SMALLEST)
    if big:
        problems.append(big)
    return problems


def dialogs_off_screen(win: Any, ctx: Any) -> list[str]:
    """The big dialogs (a new request, a new relationship, an evaluation form), each opened on
    the window's screen: taller than the screen less a title bar, or cut off inside."""
    from coachdesk.gui.relationships.dialogs import NewRelationshipDialog
    from coachdesk.gui.requests.new_request import NewRequestDialog

    room = win.screen().availableGeometry()
    win.show_view("evaluations")
    settle()
    evaluations = win.view("evaluations")
    evaluations.table.selectRow(0)
    problems = []
    for dialog in (NewRequestDialog(ctx, win), NewRelationshipDialog(ctx, win)):
        dialog.show()
        problems += _dialog_problems(dialog, room)
        dialog.reject()
    form = evaluations.open_selected()
    problems += _dialog_problems(form, room)
    form.reject()
    return problems


def _dialog_problems(dialog: QWidget, room: Any) -> list[str]:
    settle()
    name = type(dialog).__name__
    problems = [f"{name}: {p}" for p in clipped(dialog)]
    if dialog.height() > room.height() - FRAME or dialog.width() > room.width():
        problems.append(
            f"{name} is {dialog.width()} × {dialog.height()} on a screen of "
            f"{room.width()} × {room.height()} (less a title bar)"
        )
    return problems


def _main(path: str) -> int:
    """Every view of the demo in ``path`` at this process's scale factor (QT_SCALE_FACTOR), at
    1,280 × 720 and at 1,024 × 640 (logical pixels): prints the problems, 1 when there are any."""
    from coachdesk.domain.clock import Clock
    from coachdesk.gui.context import AppContext
    from coachdesk.gui.shell import build_shell
    from coachdesk.resources import resource
    from coachdesk.storage.migrate import open_database

    app = QApplication([sys.argv[0]])
    app.setStyleSheet(resource("style.qss").read_text(encoding="utf-8"))
    today = date.fromisoformat(sys.argv[2])
    ctx = AppContext(open_database(f"sqlite:///{path}"), clock=Clock(today=today), db_label=path)
    ctx.background = False
    win = build_shell(ctx)
    problems: list[str] = []
    for screen in (LAPTOP, SMALLEST):
        win.resize(inner(screen))
        win.show()
        settle()
        if win.size() != inner(screen):
            problems.append(f"the window is {win.width()} × {win.height()} on {screen}")
        problems += [f"{screen}: {p}" for p in check_every_view(win, ctx, win.show_view)]
    problems += dialogs_off_screen(win, ctx)
    print(f"scale {app.primaryScreen().devicePixelRatio()}")
    for problem in problems:
        print(problem)
    win.close()
    ctx.close()
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1]))
