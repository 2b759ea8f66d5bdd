"""The shell: navigation, menus and status bar; the views do the work (no business logic here)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSettings, Qt
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
from coachdesk.gui.menus import build_menus
from coachdesk.gui.navigation import VIEW_FOR_KIND, VIEWS, ViewSpec
from coachdesk.services.changes import Changes, RecordKind


class MainWindow(QMainWindow):
    """``coachdesk — <hub name>``: a navigation list on the left, the current view on the right."""

    def __init__(self, ctx: AppContext, launcher: Switcher | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("MainWindow")
        self._views: dict[str, QWidget] = {}
        self._specs = {spec.key: spec for spec in VIEWS}

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName("Navigation")
        self.nav.setMaximumWidth(220)
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
        self.outer = QStackedWidget()
        self.outer.addWidget(self.splitter)
        self.setCentralWidget(self.outer)
        self.welcome: QWidget | None = None
        self.nav.currentRowChanged.connect(self._nav_changed)

        self.status_db = QLabel()
        self.status_counts = QLabel()
        self.statusBar().addWidget(self.status_db, 1)
        self.statusBar().addPermanentWidget(self.status_counts)

        self.launcher = launcher
        self.file_actions = FileActions(ctx, self, launcher)
        build_menus(
            self, ctx, self.file_actions, show_view=self.show_view, call_on_view=self.call_on_view
        )
        self.auto_backup = AutoBackup(ctx, self)

        ctx.changed.connect(self._on_changed)
        ctx.open_record.connect(self.open_record)
        ctx.print_report.connect(self.prepare_report)
        ctx.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.refresh_title()
        self.refresh_status()
        self._restore_geometry()
        self.nav.setCurrentRow(0)

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

    def show_view(self, key: str) -> QWidget:
        row = [s.key for s in VIEWS].index(key)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)
        return self._views[key]

    def current_view(self) -> QWidget | None:
        return self.stack.currentWidget()

    def _nav_changed(self, row: int) -> None:
        if row < 0:
            return
        widget = self.view(VIEWS[row].key)
        self.stack.setCurrentWidget(widget)

    def open_record(self, kind: str, ident: str) -> None:
        key = VIEW_FOR_KIND.get(kind)
        if key is None:
            return
        widget = self.show_view(key)
        opener: Callable[[str, str], None] | None = getattr(widget, "open_record", None)
        if opener is not None:
            opener(kind, ident)

    def prepare_report(self, kind: str, params: dict) -> None:
        widget = self.show_view("reports")
        prepare: Callable[[str, dict], None] | None = getattr(widget, "prepare", None)
        if prepare is not None:
            prepare(kind, params)

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

        self.setWindowTitle(f"coachdesk — {self.ctx.read(get_settings).hub_name}")

    def refresh_status(self) -> None:
        from coachdesk.services.summary import hub_summary

        s = self.ctx.read(hub_summary, self.ctx.today())
        active = s.relationships_by_status.get("active", 0)
        self.status_db.setText(f"Database: {self.ctx.db_label}")
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
            self.resize(1280, 800)
        split = settings.value("main/splitter")
        if isinstance(split, QByteArray):
            self.splitter.restoreState(split)
        else:
            self.splitter.setSizes([180, 1100])

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = QSettings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/splitter", self.splitter.saveState())
        for view in self._views.values():
            saver = getattr(view, "save_state", None)
            if callable(saver):
                saver(settings)
        self.auto_backup.on_close()
        super().closeEvent(event)


def _counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
