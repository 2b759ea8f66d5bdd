"""What a lead meets around installing: About, a refused newer database, a double-clicked bundle,
settings kept beside a portable app."""

from __future__ import annotations

import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest

from coachdesk.app import main
from coachdesk.storage.migrate import SCHEMA_HEAD
from tests.helpers.olddb import database_at_revision, stamp_newer

EXAMPLE = Path(__file__).parents[1] / "data" / "exchange-example.json"


def test_about_shows_the_package_version_where_the_data_is_and_the_licences(
    demo_ctx: Any,
) -> None:
    from coachdesk.gui.menus import about_text

    ctx, _ = demo_ctx
    text = about_text(ctx.db_label)
    assert f"coachdesk {version('coachdesk')}" in text
    assert ctx.db_label in text
    assert "MIT licence" in text and "LGPLv3" in text and "DejaVu" in text
    assert "portable" not in text


def test_starting_on_a_database_from_a_newer_coachdesk_says_why_in_a_dialog(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coachdesk.gui.opening import OpenPrompts

    newer = tmp_path / "hub.sqlite"
    database_at_revision(newer, SCHEMA_HEAD)
    stamp_newer(newer)
    before = newer.read_bytes()
    dialogs: list[str] = []
    monkeypatch.setattr(OpenPrompts, "refuse", lambda self, parent, exc: dialogs.append(str(exc)))

    assert main(["--db", str(newer)]) == 1

    assert len(dialogs) == 1
    assert "newer coachdesk" in dialogs[0] and "Nothing was changed" in dialogs[0]
    assert newer.read_bytes() == before


def test_the_command_line_never_shows_a_dialog(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import coachdesk.gui.application as application

    newer = tmp_path / "hub.sqlite"
    database_at_revision(newer, SCHEMA_HEAD)
    stamp_newer(newer)
    dialogs: list[str] = []
    monkeypatch.setattr(
        application.QMessageBox, "critical", lambda parent, title, text: dialogs.append(text)
    )
    assert main(["--db", str(newer), "check"]) == 1
    assert main(["--db", str(newer), "--self-test"]) == 1
    assert dialogs == []


def test_an_unexpected_failure_at_start_up_is_shown_with_the_log_file(
    qapp: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import coachdesk.app as app
    import coachdesk.gui.application as application

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("simulated start-up fault")

    dialogs: list[str] = []
    monkeypatch.setattr(app, "open_db", broken)
    monkeypatch.setattr(
        application.QMessageBox, "critical", lambda parent, title, text: dialogs.append(text)
    )
    assert main([]) == 3
    assert len(dialogs) == 1 and "coachdesk.log" in dialogs[0]
    assert "simulated" not in dialogs[0]


def test_opening_a_newer_database_from_the_file_menu_is_refused_and_the_old_one_stays(
    demo_ctx: Any, qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import coachdesk.gui.application as application
    from coachdesk.app import open_db
    from coachdesk.gui.opening import OpenPrompts
    from coachdesk.gui.shell import build_shell

    ctx, _ = demo_ctx
    newer = tmp_path / "newer.sqlite"
    database_at_revision(newer, SCHEMA_HEAD)
    stamp_newer(newer)
    before = newer.read_bytes()
    warnings: list[str] = []
    monkeypatch.setattr(OpenPrompts, "refuse", lambda self, parent, exc: warnings.append(str(exc)))
    launcher = application.Launcher(open_db, None, lambda d: d.url)
    launcher.ctx, launcher.window = ctx, build_shell(ctx, launcher)

    launcher.switch_to(newer, create=False)

    assert len(warnings) == 1 and "newer coachdesk" in warnings[0]
    assert launcher.ctx is ctx  # still on the database it had
    assert newer.read_bytes() == before
    launcher.window.close()


@pytest.mark.parametrize("accept", [True, False])
def test_a_double_clicked_bundle_is_imported_only_when_the_lead_agrees(
    empty_ctx: Any, qtbot: Any, accept: bool
) -> None:
    from coachdesk.app import open_db
    from coachdesk.gui.application import Launcher
    from coachdesk.gui.shell import build_shell
    from coachdesk.services.summary import hub_summary

    ctx, answers = empty_ctx
    answers.confirm_with = accept
    launcher = Launcher(open_db, None, lambda d: d.url)
    launcher.ctx, launcher.window = ctx, build_shell(ctx, launcher)
    qtbot.addWidget(launcher.window)

    launcher.offer_bundle(EXAMPLE)

    assert len(answers.confirmations) == 1
    assert "exchange-example.json" in answers.confirmations[0]
    if accept:
        qtbot.waitUntil(lambda: bool(answers.informed))
        assert ctx.read(hub_summary, ctx.today()).people > 0
    else:
        assert ctx.read(hub_summary, ctx.today()).people == 0


def test_a_bundle_path_alone_on_the_command_line_opens_the_app_to_import_it() -> None:
    from coachdesk.app import bundle_argument

    assert bundle_argument(["C:/Users/lead/hub.coachdesk.json"]) == [
        "--open-bundle",
        "C:/Users/lead/hub.coachdesk.json",
    ]
    assert bundle_argument(["check"]) == ["check"]
    assert bundle_argument(["import", "x.json"]) == ["import", "x.json"]


def test_portable_settings_are_written_beside_the_app(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QSettings

    from coachdesk.gui.application import use_portable_settings

    app_dir = tmp_path / "stick" / "coachdesk"
    app_dir.mkdir(parents=True)
    (app_dir / "portable").touch()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(app_dir / "coachdesk"))
    default_format = QSettings.defaultFormat()
    default_folder = Path(
        QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, "coachdesk", "coachdesk"
        ).fileName()
    ).parents[1]
    try:
        use_portable_settings()
        settings = QSettings()
        settings.setValue("main/test", "kept on the stick")
        settings.sync()
        where = Path(settings.fileName())
    finally:  # later tests keep the settings place they had
        QSettings.setDefaultFormat(default_format)
        QSettings.setPath(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(default_folder)
        )
    assert where.is_relative_to(app_dir / "coachdesk-data" / "settings")
    assert "kept on the stick" in where.read_text()
