"""The first-run page: name the hub, then import a register, load the demo, or start empty."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

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

from coachdesk.domain.settings import HubSettings
from coachdesk.gui.context import AppContext
from coachdesk.services.handle import Database
from coachdesk.services.settings import get_settings, update_settings
from coachdesk.services.summary import HubSummary, hub_is_empty, hub_summary

if TYPE_CHECKING:
    from coachdesk.gui.mainwindow import MainWindow
    from coachdesk.services.keys import NewKey


@dataclass(frozen=True)
class FirstRun:
    """What the welcome page shows: the settings so far, and whether encrypting is offered."""

    settings: HubSettings
    can_encrypt: bool


def first_run(db: Database) -> FirstRun | None:
    """None when the database holds anyone (no welcome page then)."""
    from coachdesk.services.keys import can_encrypt_in_place

    if not hub_is_empty(db):
        return None
    return FirstRun(get_settings(db), can_encrypt_in_place(db))


class WelcomePage(QWidget):
    """Shown instead of the dashboard while the database holds nobody."""

    def __init__(self, ctx: AppContext, win: MainWindow, first: FirstRun) -> None:
        super().__init__()
        self.ctx, self.win = ctx, win
        settings = first.settings
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

        self.encrypt = QCheckBox(ENCRYPT_LABEL)
        self.encrypt.setToolTip(
            "The database file, its backups and temporary files become unreadable without the "
            "key, kept in this computer's keyring. You are shown a recovery key to print."
        )
        self.can_encrypt = win.launcher is not None and first.can_encrypt
        self.encrypt.setVisible(self.can_encrypt)
        form.addRow("", self.encrypt)
        self.import_button = QPushButton("&Import a register spreadsheet…")
        self.demo_button = QPushButton("Load &demo data")
        self.empty_button = QPushButton("&Start empty")
        ctx.guard_edits(self.import_button, self.demo_button)
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
        # Centred by stretches, not by alignment: the box's wrapped text then gets the height
        # for the width the box really has (an aligned box was squeezed, cutting descenders).
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(box, 2)
        middle.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(middle)
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

    def _names_then(self, then: Callable[[WelcomePage], None]) -> None:
        """Save the hub's name and region, then ``then(page)`` on this page; with the box ticked
        the database is encrypted first and ``then`` runs on the reopened database's page."""

        def saved(_settings: HubSettings) -> None:
            if not (self.can_encrypt and self.encrypt.isChecked()):
                then(self)
                return
            from coachdesk.services.keys import encrypt_empty_hub

            op = self.ctx.write(self, encrypt_empty_hub)
            op.label = "Encrypting the database…"
            op.success(lambda done: self._encrypted(*done, then)).run()

        values = {"hub_name": self.hub_name.text().strip(), "region": self.region.text().strip()}
        self.ctx.write(self, update_settings, values).success(saved).run()

    def _encrypted(self, path: Path, key: NewKey, then: Callable[[WelcomePage], None]) -> None:
        """Show the recovery key, open the encrypted file, and go on there."""
        self.ctx.show_recovery_key(self, path, key)
        launcher = self.win.launcher
        assert launcher is not None  # encrypting is offered only with a launcher
        launcher.switch_to(path, create=False)
        page = launcher.welcome_page()
        if isinstance(page, WelcomePage):
            then(page)

    def choose_import(self) -> None:
        self._names_then(WelcomePage._choose_import)

    def _choose_import(self) -> None:
        path = self.ctx.ask_open_file(
            self, "Import a register or bundle", "coachdesk bundles (*.json)"
        )
        if path is not None:
            self.win.file_actions.import_path(path, then=lambda _report: self._maybe_done())

    def _maybe_done(self) -> None:
        self.ctx.query(self, hub_summary, self.ctx.today()).success(self._counted).run()

    def _counted(self, summary: HubSummary) -> None:
        if summary.people:
            self.win.hide_welcome()

    def load_demo(self) -> None:
        self._names_then(WelcomePage._load_demo)

    def _load_demo(self) -> None:
        from coachdesk.services.demo import start_with_demo

        op = self.ctx.write(self, start_with_demo)
        op.label = "Loading the demo hub…"
        op.success(lambda _report: self.win.hide_welcome()).run()

    def start_empty(self) -> None:
        self._names_then(WelcomePage._start_empty)

    def _start_empty(self) -> None:
        self.win.hide_welcome()
