"""Where coachdesk keeps its files: the user's folders, or portable beside a frozen app."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from coachdesk import locations
from coachdesk.errors import UserError
from coachdesk.resources import resource, resource_root

#: The user's data folder lives under this variable's folder (set by tests/conftest.py).
USER_DATA = "LOCALAPPDATA" if sys.platform == "win32" else "XDG_DATA_HOME"


def _frozen_at(monkeypatch: pytest.MonkeyPatch, executable: Path) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(executable))


def test_without_a_marker_the_data_lives_in_the_users_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = tmp_path / "coachdesk"
    app.mkdir()
    _frozen_at(monkeypatch, app / "coachdesk.exe")
    home_data = Path(os.environ[USER_DATA]) / "coachdesk"
    assert locations.data_dir() == home_data
    assert locations.settings_dir() is None
    assert not locations.is_portable()
    assert list(app.iterdir()) == []


def test_a_portable_marker_keeps_data_backups_settings_and_log_beside_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coachdesk.app import log_path
    from coachdesk.storage.engine import default_data_dir, resolve_url

    app = tmp_path / "E" / "coachdesk"
    app.mkdir(parents=True)
    (app / "portable").touch()
    _frozen_at(monkeypatch, app / "coachdesk.exe")
    kept = app / "coachdesk-data"
    assert default_data_dir() == kept
    assert resolve_url(None) == f"sqlite:///{kept.resolve() / 'coachdesk.sqlite'}"
    assert log_path() == kept / "logs" / "coachdesk.log"
    assert locations.settings_dir() == kept / "settings"
    assert locations.is_portable()
    assert not (Path(os.environ[USER_DATA]) / "coachdesk").exists()


def test_run_from_python_a_marker_beside_the_interpreter_does_not_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    (tmp_path / "portable").touch()
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python3"))
    assert locations.portable_dir() is None


def test_on_macos_the_marker_sits_beside_the_app_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    macos = tmp_path / "Stick" / "coachdesk.app" / "Contents" / "MacOS"
    macos.mkdir(parents=True)
    (tmp_path / "Stick" / "portable").touch()
    _frozen_at(monkeypatch, macos / "coachdesk")
    assert locations.portable_dir() == tmp_path / "Stick" / "coachdesk-data"


def test_a_folder_that_cannot_be_made_is_a_clear_refusal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = tmp_path / "coachdesk"
    app.mkdir()
    (app / "portable").touch()
    (app / "coachdesk-data").write_text("a file where the folder should be")
    _frozen_at(monkeypatch, app / "coachdesk")
    with pytest.raises(UserError, match="cannot create its folder .*coachdesk-data"):
        locations.data_dir()


def test_resources_are_found_in_a_checkout_and_in_a_frozen_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert resource("icons", "coachdesk.png").is_file()
    assert resource("fonts", "DejaVuSans.ttf").is_file()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_root() == tmp_path / "resources"


def test_an_installed_package_uses_its_own_copy_of_the_resources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import coachdesk.resources as resources

    package = tmp_path / "site-packages" / "coachdesk"
    (package / "_resources" / "icons").mkdir(parents=True)
    (package / "_resources" / "icons" / "coachdesk.png").write_bytes(b"png")
    monkeypatch.setattr(resources, "_HERE", package)
    assert resource_root() == package / "_resources"
