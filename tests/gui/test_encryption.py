"""File > New database… with "Encrypt this database", the recovery key dialog, and unlocking."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from pypdf import PdfReader
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter

from coachdesk.app import open_db
from coachdesk.gui.application import Launcher
from coachdesk.gui.context import AppContext
from coachdesk.gui.encryption import NewDatabaseDialog, RecoveryKeyDialog
from coachdesk.gui.opening import OpenPrompts
from coachdesk.services.keys import NewKey, encrypt_new
from coachdesk.storage import encryption
from coachdesk.storage.engine import describe
from tests.helpers.keyrings import MemoryKeyring


@pytest.fixture
def launcher(qapp: Any, qtbot: Any, sqlite_url: str) -> Iterator[Launcher]:
    from coachdesk.gui import operations

    app_launcher = Launcher(open_db, None, lambda d: describe(d.url))
    app_launcher.show(open_db(sqlite_url))
    qtbot.waitUntil(lambda: not operations._RUNNING)  # the first reads, off the UI thread
    app_launcher.ctx.background = False
    yield app_launcher
    app_launcher.window.close()
    app_launcher.ctx.close()


def test_file_new_database_can_be_encrypted_and_shows_the_recovery_key_once(
    launcher: Launcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    target = tmp_path / "secure-hub.sqlite"
    shown: list[tuple[Path, NewKey]] = []
    monkeypatch.setattr(AppContext, "ask_save_file", lambda *a: target)
    monkeypatch.setattr(AppContext, "ask_encrypt", lambda self, parent, path: True)
    monkeypatch.setattr(
        AppContext, "show_recovery_key", lambda self, parent, path, key: shown.append((path, key))
    )
    launcher.window.file_actions.new_database()

    assert launcher.ctx.db_label == str(target)
    assert encryption.is_encrypted(target)
    ((path, key),) = shown
    assert path == target and key.in_keyring and len(key.recovery_key.split("-")) == 13
    assert list(ring.store.values()) == [encryption.parse_recovery_key(key.recovery_key).hex()]


def test_file_new_database_unencrypted_when_the_box_is_left_clear(
    launcher: Launcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "open-hub.sqlite"
    monkeypatch.setattr(AppContext, "ask_save_file", lambda *a: target)
    monkeypatch.setattr(AppContext, "ask_encrypt", lambda self, parent, path: False)
    monkeypatch.setattr(AppContext, "show_recovery_key", lambda *a: pytest.fail("no key to show"))
    launcher.window.file_actions.new_database()
    assert launcher.ctx.db_label == str(target)
    assert target.read_bytes().startswith(b"SQLite format 3\x00")


def test_the_new_database_dialog_offers_encryption(qtbot: Any, tmp_path: Path) -> None:
    dialog = NewDatabaseDialog(None, tmp_path / "hub.sqlite")
    qtbot.addWidget(dialog)
    assert dialog.encrypt.text() == "Encrypt this database"
    assert dialog.encrypt.isEnabled() and not dialog.encrypt.isChecked()


def test_the_recovery_key_dialog_copies_prints_and_closes_only_once_kept(
    qtbot: Any, tmp_path: Path
) -> None:
    key = NewKey("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567-ABCD-EFGH-IJKL-MNOP-QRST", False)
    dialog = RecoveryKeyDialog(None, tmp_path / "hub.sqlite", key)
    qtbot.addWidget(dialog)
    assert dialog.key_label.text() == key.recovery_key
    assert "ask for the recovery key every time" in dialog.findChild(object, "where").text()
    assert not dialog.close_button.isEnabled()
    dialog.show()
    dialog.reject()  # Escape does not close it before the lead says the key is kept
    assert dialog.isVisible()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == key.recovery_key

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "key.pdf"))
    dialog.print_to(printer)
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "key.pdf").pages)
    assert key.recovery_key in "".join(text.split()) and "hub.sqlite" in text

    dialog.kept.setChecked(True)
    assert dialog.close_button.isEnabled()
    dialog.close_button.click()
    assert not dialog.isVisible()


def test_opening_an_encrypted_database_without_its_key_asks_for_the_recovery_key(
    launcher: Launcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "elsewhere.sqlite"
    created = encrypt_new(target)  # no keyring in tests: the key is in this run only
    open_db(str(target)).dispose()
    encryption.forget_all()

    asked: list[str] = []
    typed = iter(["my dog's name", "A" * 52, created.recovery_key.lower()])

    def ask(self: Any, parent: Any, message: str) -> str | None:
        asked.append(message)
        return next(typed)

    monkeypatch.setattr(OpenPrompts, "ask_recovery_key", ask)
    launcher.switch_to(target, create=False)
    assert "is encrypted and this computer has no keyring" in asked[0]
    assert "not a coachdesk recovery key" in asked[1]
    assert "the key (the recovery key given) is wrong" in asked[2]
    assert launcher.ctx.db_label == str(target)


def test_cancelling_the_recovery_key_leaves_the_current_database_open(
    launcher: Launcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = launcher.ctx.db_label
    target = tmp_path / "locked.sqlite"
    encrypt_new(target)
    open_db(str(target)).dispose()
    encryption.forget_all()
    monkeypatch.setattr(OpenPrompts, "ask_recovery_key", lambda *a: None)
    launcher.switch_to(target, create=False)
    assert launcher.ctx.db_label == before


def test_the_welcome_page_can_encrypt_the_new_database_before_starting(
    launcher: Launcher, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    shown: list[NewKey] = []
    monkeypatch.setattr(
        AppContext, "show_recovery_key", lambda self, parent, path, key: shown.append(key)
    )
    page = launcher.window.welcome
    assert page is not None and page.can_encrypt and page.encrypt.text() == "Encrypt this database"
    page.hub_name.setText("Fenland Coaching Hub")
    page.encrypt.setChecked(True)
    page.empty_button.click()

    path = Path(sqlite_url.removeprefix("sqlite:///"))
    assert encryption.is_encrypted(path) and len(shown) == 1 and shown[0].in_keyring
    assert launcher.window.welcome is None  # started empty, on the encrypted database
    from coachdesk.services.settings import get_settings

    assert launcher.ctx.read(get_settings).hub_name == "Fenland Coaching Hub"
    assert launcher.ctx.read(lambda db: db.engine.dialect.driver) == "pysqlcipher"


def test_the_welcome_page_offers_no_encryption_once_the_database_is_encrypted(
    qapp: Any, qtbot: Any, tmp_path: Path
) -> None:
    path = tmp_path / "hub.sqlite"
    encrypt_new(path)
    app_launcher = Launcher(open_db, None, lambda d: describe(d.url))
    app_launcher.show(open_db(str(path)))
    window = app_launcher.window
    assert window is not None
    qtbot.waitUntil(lambda: window.welcome is not None)  # the database is read off the UI thread
    page = window.welcome
    assert page is not None and not page.can_encrypt and page.encrypt.isHidden()
    app_launcher.window.close()
    app_launcher.ctx.close()


def test_at_start_up_the_app_asks_for_the_recovery_key_of_an_encrypted_database(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QApplication, QInputDialog

    from coachdesk.errors import KeyNeeded
    from coachdesk.gui import application

    path = tmp_path / "hub.sqlite"
    created = encrypt_new(path)
    open_db(str(path)).dispose()
    encryption.forget_all()
    with pytest.raises(KeyNeeded):
        open_db(str(path))
    opened: list[Any] = []
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    monkeypatch.setattr(application.Launcher, "show", lambda self, db: opened.append(db) or db)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a: ("", False))  # cancelled
    assert application.run(str(path), open_db, None, lambda d: describe(d.url)) == 1
    assert opened == []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a: (created.recovery_key, True))
    assert application.run(str(path), open_db, None, lambda d: describe(d.url)) == 0
    ((db,),) = [opened]
    assert db.engine.dialect.driver == "pysqlcipher"
    db.dispose()
