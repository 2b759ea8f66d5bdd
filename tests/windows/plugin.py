"""The pytest plugin for the suite on Windows CPython under Wine (``make windows-test``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

POSTGRES = (
    "PostgreSQL on win32: no server under Wine (Debian's PostgreSQL is a Linux program); "
    "the same tests run against a real server on Linux"
)
QT = (
    "Qt on win32: PySide6 and pytest-qt are not installed in the Windows run, because "
    "QApplication aborts under Wine 8 (packaging/README.md); the GUI tests run on Linux"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    try:
        import pytestqt  # noqa: F401
    except ImportError:
        # pyproject's pytest-qt settings, accepted so that --strict-config still holds.
        parser.addini("qt_api", "pytest-qt's (not installed here)")
        parser.addini("qt_log_level_fail", "pytest-qt's (not installed here)")
        parser.addini("qt_log_ignore", "pytest-qt's (not installed here)", type="linelist")


class _Skipped(pytest.Module):
    reason = ""

    def reportinfo(self):  # type: ignore[no-untyped-def]
        return self.path, 0, ""  # without importing the module (it imports Qt)

    def collect(self):  # type: ignore[override]
        raise pytest.skip.Exception(self.reason, _use_item_location=True)


def pytest_pycollect_makemodule(
    module_path: Path, parent: pytest.Collector
) -> pytest.Module | None:
    if sys.platform == "win32" and "gui" in module_path.parts:
        module = _Skipped.from_parent(parent, path=module_path)
        module.reason = QT
        return module
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if sys.platform != "win32":
        return
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if item.get_closest_marker("postgres") or "postgres_server" in fixtures:
            item.add_marker(pytest.mark.skip(reason=POSTGRES))


def pytest_configure(config: pytest.Config) -> None:
    if sys.platform != "win32":
        return
    from hypothesis import HealthCheck, settings

    # Wine's file calls are slow: no per-example deadline and no too-slow health check, on
    # top of whatever profile tests/conftest.py loaded (the same examples as on Linux).
    settings.register_profile(
        "wine",
        parent=settings.default,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.load_profile("wine")
