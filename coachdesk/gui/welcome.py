"""The first-run page: name the hub, then import a register, load the demo, or start empty."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.errors import UserError
from coachdesk.gui.context import AppContext
from coachdesk.gui.widgets.worker import run_with_progress

if TYPE_CHECKING:
    from coachdesk.gui.mainwindow import MainWindow


class WelcomePage(QWidget):
    """Shown instead of the dashboard while the database holds nobody."""

    def __init__(self, ctx: AppContext, win: MainWindow) -> None:
        super().__init__()
        from coachdesk.services.settings import get_settings

        self.ctx, self.win = ctx, win
        settings = ctx.read(get_settings)
        title = QLabel("<h1>Welcome to coachdesk</h1>")
        intro = QLabel(
            "coachdesk keeps your hub's register, relationships, sessions, CPD, supervision and "
            "evaluations in one database on this computer, and tells you what is overdue. "
            "Start by naming your hub."
        )
        intro.setWordWrap(True)
        self.hub_name = QLineEdit(settings.hub_name)
        self.hub_name.setAccessibleName("Hub name")
        self.region = QLineEdit(settings.region)
        self.region.setAccessibleName("Region")
        form = QFormLayout()
        form.addRow("Hub &name:", self.hub_name)
        form.addRow("&Region:", self.region)
        from coachdesk.gui.encryption import ENCRYPT_LABEL
        from coachdesk.services.keys import can_encrypt_in_place

        self.encrypt = QCheckBox(ENCRYPT_LABEL)
        self.encrypt.setToolTip(
            "The database file, its backups and temporary files become unreadable without the "
            "key, kept in this computer's keyring. You are shown a recovery key to print."
        )
        self.can_encrypt = win.launcher is not None and ctx.read(can_encrypt_in_place)
        self.encrypt.setVisible(self.can_encrypt)
        form.addRow("", self.encrypt)
        self.import_button = QPushButton("&Import a register spreadsheet…")
        self.demo_button = QPushButton("Load &demo data")
        self.empty_button = QPushButton("&Start empty")
        self.import_button.clicked.connect(self.choose_import)
        self.demo_button.clicked.connect(self.load_demo)
        self.empty_button.clicked.connect(self.start_empty)
        buttons = QHBoxLayout()
        for b in (self.import_button, self.demo_button, self.empty_button):
            buttons.addWidget(b)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #a4262c;")
        box = QWidget()
        box.setMaximumWidth(720)
        inner = QVBoxLayout(box)
        inner.addWidget(title)
        inner.addWidget(intro)
        inner.addLayout(form)
        inner.addSpacing(12)
        inner.addWidget(QLabel("Then:"))
        inner.addLayout(buttons)
        inner.addWidget(self.problem)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.hub_name.textChanged.connect(self._validate)
        self.region.textChanged.connect(self._validate)
        self._validate()

    def _validate(self) -> None:
        missing = [
            n
            for n, w in (("hub name", self.hub_name), ("region", self.region))
            if not w.text().strip()
        ]
        self.problem.setText(f"Enter the {' and the '.join(missing)} first." if missing else "")
        for b in (self.import_button, self.demo_button, self.empty_button):
            b.setEnabled(not missing)

    def _save_names(self) -> bool:
        from coachdesk.services.settings import update_settings

        values = {"hub_name": self.hub_name.text().strip(), "region": self.region.text().strip()}
        return self.ctx.call(self, update_settings, values) is not None

    def _encrypted_first(self, action: str) -> bool:
        """With the box ticked: encrypt, reopen, and do ``action`` there (True if handed on)."""
        if not (self.can_encrypt and self.encrypt.isChecked()):
            return False
        from coachdesk.services.keys import encrypt_in_place

        try:
            path, key = encrypt_in_place(self.ctx.db)
        except UserError as exc:
            self.ctx.refuse(self, exc)
            return True
        self.ctx.show_recovery_key(self, path, key)
        launcher = self.win.launcher
        launcher.switch_to(path, create=False)
        page = launcher.window.welcome
        if page is not None:
            getattr(page, action)()
        return True

    def choose_import(self) -> None:
        if not self._save_names() or self._encrypted_first("choose_import"):
            return
        path = self.ctx.ask_open_file(
            self, "Import a register or bundle", "coachdesk bundles (*.json)"
        )
        if path is None:
            return
        self.win.file_actions.import_path(path)
        self.ctx.changed.connect(self._maybe_done)

    def _maybe_done(self, _changes: Any) -> None:
        from coachdesk.gui.shell import database_is_empty

        if not database_is_empty(self.ctx):
            self.win.hide_welcome()

    def load_demo(self) -> None:
        if not self._save_names() or self._encrypted_first("load_demo"):
            return
        from coachdesk.services.demo import load_demo

        db, today = self.ctx.db, self.ctx.today()

        def done(report: Any) -> None:
            self.ctx.broadcast(report.imported.changes)
            self.win.hide_welcome()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, UserError):
                self.ctx.refuse(self, exc)
            else:
                self.ctx.bug(self)

        run_with_progress(
            self, "Loading the demo hub…", lambda p, c: load_demo(db, today=today), done, failed
        )

    def start_empty(self) -> None:
        if self._save_names() and not self._encrypted_first("start_empty"):
            self.win.hide_welcome()
