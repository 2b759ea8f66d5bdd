"""GUI fixtures: a real AppContext on a fresh or demo database, modal questions answered."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

#: The day the GUI tests live on (the demo is built relative to it).
TODAY = date(2026, 11, 23)


@dataclass
class Answers:
    """What the app asked and told the lead; ``confirm_with`` answers every confirmation and
    ``unsaved_with`` every question about unsaved changes."""

    refusals: list[Any] = field(default_factory=list)
    bugs: int = 0
    confirmations: list[str] = field(default_factory=list)
    informed: list[str] = field(default_factory=list)
    confirm_with: bool = True
    #: What each Save / Discard / Cancel question about unsaved changes was about.
    unsaved: list[str] = field(default_factory=list)
    #: The answer to those questions: "save", "discard" or "cancel".
    unsaved_with: str = "discard"
    open_file: Path | None = None
    save_file: Path | None = None


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory, _template_sqlite: Path) -> Path:
    from coachdesk.services.demo import load_demo
    from coachdesk.storage.migrate import open_database

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    shutil.copyfile(_template_sqlite, path)
    db = open_database(f"sqlite:///{path}")
    load_demo(db, today=TODAY)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


def _context(url: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Answers]:
    from coachdesk.domain.clock import Clock
    from coachdesk.gui.context import AppContext
    from coachdesk.storage.migrate import open_database

    db = open_database(url)
    ctx = AppContext(db, clock=Clock(today=TODAY), db_label=url)
    answers = Answers()
    monkeypatch.setattr(ctx, "refuse", lambda parent, exc: answers.refusals.append(exc))
    monkeypatch.setattr(ctx, "bug", lambda parent: setattr(answers, "bugs", answers.bugs + 1))

    def confirm(parent: Any, title: str, text: str) -> bool:
        answers.confirmations.append(text)
        return answers.confirm_with

    monkeypatch.setattr(ctx, "confirm", confirm)

    def ask_save_discard_cancel(parent: Any, what: str) -> str:
        answers.unsaved.append(what)
        return answers.unsaved_with

    monkeypatch.setattr(ctx, "ask_save_discard_cancel", ask_save_discard_cancel)
    monkeypatch.setattr(ctx, "inform", lambda parent, title, text: answers.informed.append(text))
    monkeypatch.setattr(ctx, "ask_open_file", lambda *a, **k: answers.open_file)
    monkeypatch.setattr(ctx, "ask_save_file", lambda *a, **k: answers.save_file)
    return ctx, answers


@pytest.fixture
def empty_ctx(
    qapp: Any, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Any, Answers]]:
    """(AppContext, Answers) on a fresh empty database."""
    ctx, answers = _context(sqlite_url, monkeypatch)
    yield ctx, answers
    ctx.db.dispose()


@pytest.fixture
def demo_ctx(
    qapp: Any, _demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Any, Answers]]:
    """(AppContext, Answers) on a copy of the small demo hub, today = TODAY."""
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(_demo_template, path)
    ctx, answers = _context(f"sqlite:///{path}", monkeypatch)
    yield ctx, answers
    ctx.db.dispose()
