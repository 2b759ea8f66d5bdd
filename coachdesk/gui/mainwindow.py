"""The shell: navigation, menus and status bar; the views do the work (no business logic here)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from coachdesk.gui.autobackup import AutoBackup
from coachdesk.gui.context import AppContext
from coachdesk.gui.file_actions import FileActions, Switcher
from coachdesk.gui.loading import Reader
from coachdesk.gui.menus import build_menus
from coachdesk.gui.navigation import VIEW_FOR_KIND, VIEWS, ViewSpec
from coachdesk.gui.sharing import install_sharing
from coachdesk.gui.widgets.elided import ElidedLabel
from coachdesk.gui.widgets.forms import BaseFormDialog
from coachdesk.gui.widgets.unsaved import restore_when_opened, settle, unsaved_of, when_kept
from coachdesk.services.changes import Changes, RecordKind

if TYPE_CHECKING:
    from coachdesk.services.summary import HubSummary


class MainWindow(QMainWindow):
    """``coachdesk — <hub name>``: a navigation list on the left, the current view on the right."""

    def __init__(self, ctx: AppContext, launcher: Switcher | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("MainWindow")
        self._views: dict[str, QWidget] = {}
        self._specs = {spec.key: spec for spec in VIEWS}

        self.nav = Navigation()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName("Navigation")
        for spec in VIEWS:
            item = QListWidgetItem(spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(f"{spec.title} ({spec.shortcut})")
            self.nav.addItem(item)
        self.stack = QStackedWidget()
        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.outer = QStackedWidget()
        self.outer.addWidget(self.splitter)
        self.setCentralWidget(self.outer)
        self.welcome: QWidget | None = None
        self.nav.currentRowChanged.connect(self._nav_changed)

        self.status_db = ElidedLabel(mode=Qt.TextElideMode.ElideMiddle)
        self.status_counts = QLabel()
        self.statusBar().addWidget(self.status_db, 1)
        self.statusBar().addPermanentWidget(self.status_counts)

        self.launcher = launcher
        self.file_actions = FileActions(ctx, self, launcher)
        build_menus(
            self, ctx, self.file_actions, show_view=self.show_view, call_on_view=self.call_on_view
        )
        self.auto_backup = AutoBackup(ctx, self)
        self.sharing = install_sharing(self, ctx)  # a viewer's banner; an unreachable server

        ctx.changed.connect(self._on_changed)
        ctx.open_record.connect(self.open_record)
        ctx.print_report.connect(self.prepare_report)
        ctx.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        ctx.unsaved_changed.connect(self.refresh_modified)
        #: The view to show once the lead has answered about unsaved changes, and what then.
        self._then: tuple[str, Callable[[QWidget], None]] | None = None
        self._title_read = Reader(ctx, self)
        self.refresh_title()
        self.refresh_status()
        self._restore_geometry()
        self.nav.setCurrentRow(0)
        self.offer_drafts()

    # --- first run -------------------------------------------------------------------------

    def show_welcome(self, page: QWidget) -> None:
        self.welcome = page
        self.outer.addWidget(page)
        self.outer.setCurrentWidget(page)

    def hide_welcome(self) -> None:
        if self.welcome is not None:
            self.outer.setCurrentWidget(self.splitter)
            self.outer.removeWidget(self.welcome)
            self.welcome.deleteLater()
            self.welcome = None
        self.refresh_title()
        self.refresh_status()
        self.show_view("dashboard")

    # --- views -----------------------------------------------------------------------------

    def view(self, key: str) -> QWidget:
        """The view for ``key``, built on first use (start-up builds only the first one)."""
        if key not in self._views:
            spec: ViewSpec = self._specs[key]
            widget = spec.load()(self.ctx)
            widget.setObjectName(f"view-{key}")
            self._views[key] = widget
            self.stack.addWidget(widget)
        return self._views[key]

    def show_view(self, key: str, then: Callable[[QWidget], None] | None = None) -> QWidget | None:
        """Show the view ``key`` and run ``then(view)``. When the view being left holds unsaved
        changes the lead is asked first (Save / Discard / Cancel): the view is returned when it
        is shown now, None while waiting for a save or after Cancel."""
        row = [s.key for s in VIEWS].index(key)
        self._then = (key, then) if then is not None else None
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)
        elif then is not None:
            self._then = None
            then(self._views[key])
        widget = self._views.get(key)
        return widget if widget is not None and self.stack.currentWidget() is widget else None

    def current_view(self) -> QWidget | None:
        return self.stack.currentWidget()

    def _nav_changed(self, row: int) -> None:
        if row < 0:
            return
        key = VIEWS[row].key
        leaving = self.stack.currentWidget()
        if leaving is not None and leaving is not self._views.get(key) and unsaved_of(leaving):
            self._select_nav(leaving)  # stay until the lead answers
            settle(self.ctx, self, leaving, lambda: self._go(key))
            return
        self._go(key)

    def _select_nav(self, widget: QWidget) -> None:
        """Point the navigation list at ``widget``'s view without switching anything."""
        key = next(k for k, v in self._views.items() if v is widget)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow([s.key for s in VIEWS].index(key))
        self.nav.blockSignals(False)

    def _go(self, key: str) -> None:
        widget = self.view(key)
        self.stack.setCurrentWidget(widget)
        self._select_nav(widget)
        then, self._then = self._then, None
        if then is not None and then[0] == key:
            then[1](widget)
        self.refresh_modified()

    def open_record(self, kind: str, ident: str) -> None:
        key = VIEW_FOR_KIND.get(kind)
        if key is None:
            return

        def opened(widget: QWidget) -> None:
            opener: Callable[[str, str], None] | None = getattr(widget, "open_record", None)
            if opener is not None:
                opener(kind, ident)

        self.show_view(key, opened)

    def prepare_report(self, kind: str, params: dict) -> None:
        def shown(widget: QWidget) -> None:
            prepare: Callable[[str, dict], None] | None = getattr(widget, "prepare", None)
            if prepare is not None:
                prepare(kind, params)

        self.show_view("reports", shown)

    def call_on_view(self, method: str) -> None:
        """Ctrl+N / Ctrl+F / F5 go to the current view when it offers them."""
        view = self.current_view()
        fn = getattr(view, method, None)
        if callable(fn):
            fn()

    # --- refresh ---------------------------------------------------------------------------

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(RecordKind.SETTINGS):
            self.refresh_title()
        self.refresh_status()

    def refresh_title(self) -> None:
        from coachdesk.services.settings import get_settings

        # [*]: Qt shows "*" there while the window is marked modified (refresh_modified).
        if not self.windowTitle():
            self.setWindowTitle("coachdesk[*]")  # until the hub's name has been read
        self._title_read.read(
            lambda s: self.setWindowTitle(f"coachdesk — {s.hub_name}[*]"), get_settings
        )

    # --- unsaved changes -------------------------------------------------------------------

    def unsaved(self) -> list[tuple[str, str]]:
        """Each view holding unsaved changes, with what they are (in the order of the list)."""
        out: list[tuple[str, str]] = []
        for spec in VIEWS:
            what = unsaved_of(self._views.get(spec.key))
            if what is not None:
                out.append((spec.key, what))
        return out

    def refresh_modified(self) -> None:
        """The title's "*": shown while a view or an open form holds unsaved changes."""
        forms = (d for d in self.findChildren(BaseFormDialog) if d.isVisible())
        self.setWindowModified(bool(self.unsaved()) or any(d.has_changes() for d in forms))

    def settle_unsaved(self, proceed: Callable[[], None]) -> None:
        """Ask about each view's unsaved changes in turn (showing the view asked about), then
        ``proceed`` — unless the lead cancels or a save does not succeed."""
        self._settle_from(set(), proceed)

    def _settle_from(self, asked: set[str], proceed: Callable[[], None]) -> None:
        pending = [key for key, _what in self.unsaved() if key not in asked]
        if not pending:
            proceed()
            return
        key = pending[0]
        asked.add(key)
        widget = self._views[key]
        self._go(key)
        settle(self.ctx, self, widget, lambda: self._settle_from(asked, proceed))

    def offer_drafts(self) -> None:
        """At start-up: text kept as a draft when coachdesk last closed without saving it (a
        crash, a power cut) is offered back; Yes opens where it was typed and restores it."""
        from coachdesk.services.drafts import list_drafts

        self.ctx.query(self, list_drafts).success(self._drafts_found).run()

    def _drafts_found(self, drafts: list) -> None:
        openable = [
            d for d in drafts if d.key.kind in (RecordKind.MEETING, RecordKind.RELATIONSHIP)
        ]
        if not openable:
            return
        newest = openable[0]
        more = len(openable) - 1
        also = (
            f"\n\n(There {'is' if more == 1 else 'are'} {more} more, offered when you open them.)"
        )
        if self.ctx.confirm(
            self,
            "Unsaved text",
            f"You have unsaved {newest.label or 'text'} from {when_kept(newest.saved_at)}, kept "
            "when coachdesk last closed without saving it.\n\nOpen it now to restore it?"
            + (also if more else ""),
        ):
            restore_when_opened(newest.key)
            self.ctx.open_record.emit(newest.key.kind.value, newest.key.record_id)

    def refresh_status(self) -> None:
        """The status bar's database and counts; the counts are read off the UI thread (on a
        large hub the session totals take a moment), so they never hold up the window."""
        from coachdesk.services.summary import hub_summary

        self.status_db.setText(f"Database: {self.ctx.db_label}")
        self.ctx.query(self, hub_summary, self.ctx.today()).success(self._show_counts).run()

    def _show_counts(self, s: HubSummary) -> None:
        active = s.relationships_by_status.get("active", 0)
        self.status_counts.setText(
            " · ".join(
                (
                    _counted(s.people, "person", "people"),
                    _counted(s.active_coaches, "coach", "coaches"),
                    _counted(s.active_mentors, "mentor", "mentors"),
                    _counted(active, "active relationship", "active relationships"),
                )
            )
        )

    # --- geometry --------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        settings = QSettings()
        geometry = settings.value("main/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            room = self.screen().availableGeometry()
            self.resize(min(1280, room.width()), min(800, room.height()))
        split = settings.value("main/splitter")
        if isinstance(split, QByteArray):
            self.splitter.restoreState(split)
        else:
            self.splitter.setSizes([180, 1100])

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.unsaved():
            asking = True
            settled: list[bool] = []

            def close_now() -> None:
                if asking:  # answered at once (Discard, or a save that has finished)
                    settled.append(True)
                else:  # a save that finished later: close now (asking again only about
                    self.close()  # anything typed meanwhile)

            self.settle_unsaved(close_now)
            asking = False
            if not settled:
                event.ignore()  # Cancel, a refused save, or a save still under way
                return
        settings = QSettings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/splitter", self.splitter.saveState())
        for view in self._views.values():
            saver = getattr(view, "save_state", None)
            if callable(saver):
                saver(settings)
        self.auto_backup.on_close()
        super().closeEvent(event)


class Navigation(QListWidget):
    """The list of views, always as wide as its longest title (never cut short, no scrollbar)."""

    def __init__(self) -> None:
        super().__init__()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)

    def minimumSizeHint(self) -> QSize:
        self.ensurePolished()
        margins = self.contentsMargins()
        width = self.sizeHintForColumn(0) + margins.left() + margins.right()
        if self.verticalScrollBar().isVisible():
            width += self.verticalScrollBar().sizeHint().width()
        return QSize(width, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        least = self.minimumSizeHint()
        return QSize(least.width() + 24, super().sizeHint().height())


def _counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
