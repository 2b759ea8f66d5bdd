"""Encrypted databases on screen: the choice when creating one, its recovery key, unlocking."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TypeVar

from PySide6.QtGui import QFont, QGuiApplication, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.errors import KeyNeeded, UserError
from coachdesk.services import keys
from coachdesk.services.keys import NewKey

ENCRYPT_LABEL = "Encrypt this database"
T = TypeVar("T")


class NewDatabaseDialog(QDialog):
    """Where the new database goes and whether it is encrypted (off when SQLCipher is absent)."""

    def __init__(self, parent: QWidget | None, path: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle("New database")
        self.setObjectName("new-database")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"A new, empty coachdesk database will be created at:\n{path}"))
        self.encrypt = QCheckBox(ENCRYPT_LABEL)
        self.encrypt.setObjectName("encrypt")
        available = keys.encryption_available()
        self.encrypt.setEnabled(available)
        self.encrypt.setToolTip(
            "The file, its backups and its temporary files are unreadable without the key. "
            "The key is kept in this computer's keyring and you are given a recovery key to "
            "print."
            if available
            else "Encryption needs SQLCipher: pip install 'coachdesk[encryption]'."
        )
        layout.addWidget(self.encrypt)
        note = QLabel(
            "Encrypt it when the computer or its backups could be lost or shared. You will be "
            "shown a recovery key once: without it nobody can open the database on another "
            "computer."
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def ask_encrypt(parent: QWidget | None, path: Path) -> bool | None:
    """True to encrypt, False not to, None when the lead cancels."""
    dialog = NewDatabaseDialog(parent, path)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.encrypt.isChecked()


class RecoveryKeyDialog(QDialog):
    """The recovery key, shown once: copy or print it; Close only once the lead says it is kept."""

    def __init__(self, parent: QWidget | None, path: Path, key: NewKey) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.recovery_key: str = key.recovery_key
        self.in_keyring: bool = key.in_keyring
        self.setWindowTitle("Recovery key")
        self.setObjectName("recovery-key")
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"{self.path.name} is encrypted. This is its recovery key. Print it or write it "
            "down and keep it somewhere safe, away from the computer. It is shown only now."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.key_label = QLabel(self.recovery_key)
        self.key_label.setObjectName("key")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(font.pointSize() + 4)
        self.key_label.setFont(font)
        self.key_label.setTextInteractionFlags(
            self.key_label.textInteractionFlags().TextSelectableByMouse
        )
        layout.addWidget(self.key_label)
        where = QLabel(
            "The key is kept in this computer's keyring, so coachdesk opens the database "
            "without asking. You need the recovery key on another computer, or if the "
            "keyring is lost."
            if self.in_keyring
            else "This computer has no keyring to keep the key, so coachdesk will ask for the "
            "recovery key every time the database is opened."
        )
        where.setObjectName("where")
        where.setWordWrap(True)
        layout.addWidget(where)
        self.kept = QCheckBox("I have printed or written down the recovery key")
        self.kept.setObjectName("kept")
        layout.addWidget(self.kept)
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton("Copy")
        self.print_button = QPushButton("Print…")
        self.close_button = QPushButton("Close")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button.setEnabled(False)
        self.kept.toggled.connect(self.close_button.setEnabled)
        self.copy_button.clicked.connect(self.copy)
        self.print_button.clicked.connect(self.print_key)
        self.close_button.clicked.connect(self.accept)
        layout.addWidget(buttons)

    def reject(self) -> None:  # Escape or the window's close button
        if self.kept.isChecked():
            super().reject()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.recovery_key)

    def document(self) -> QTextDocument:
        doc = QTextDocument()
        doc.setHtml(
            "<h2>coachdesk recovery key</h2>"
            f"<p>Database: {escape(self.path.name)}<br>Folder: {escape(str(self.path.parent))}</p>"
            f"<p style='font-family: monospace; font-size: 16pt'>{escape(self.recovery_key)}</p>"
            "<p>Keep this page somewhere safe, away from the computer. Anyone with it and a copy "
            "of the database can read it; without it nobody can open the database on another "
            "computer.</p>"
        )
        return doc

    def print_to(self, printer: QPrinter) -> None:
        self.document().print_(printer)

    def print_key(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)


def show_recovery_key(parent: QWidget | None, path: Path, key: NewKey) -> None:
    RecoveryKeyDialog(parent, path, key).exec()


def ask_recovery_key(parent: QWidget | None, message: str) -> str | None:
    """The recovery key typed by the lead, or None when they cancel."""
    text, ok = QInputDialog.getText(
        parent, "Encrypted database", f"{message}\n\nRecovery key:", QLineEdit.EchoMode.Password
    )
    return text if ok else None


def unlock(
    parent: QWidget | None,
    need: KeyNeeded,
    attempt: Callable[[], T],
    ask: Callable[[QWidget | None, str], str | None] = ask_recovery_key,
) -> T | None:
    """Ask for the recovery key until ``attempt()`` opens the database, or the lead cancels.

    Any other refusal from ``attempt()`` (the database in use, say) is raised as it is.
    """
    message = str(need)
    while True:
        typed = ask(parent, message)
        if typed is None:
            return None
        try:
            keys.unlock(Path(str(need.path)), typed)
        except UserError as exc:  # not a recovery key at all
            message = str(exc)
            continue
        try:
            return attempt()
        except KeyNeeded as exc:  # the wrong key
            message = str(exc)
