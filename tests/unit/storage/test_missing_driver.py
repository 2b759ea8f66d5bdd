"""A PostgreSQL URL on a coachdesk installed without psycopg is refused with a lead's message."""

from __future__ import annotations

from coachdesk.storage.troubles import refusal


def test_a_missing_postgresql_driver_is_a_refusal_not_a_crash() -> None:
    try:
        raise RuntimeError("opening") from ModuleNotFoundError(
            "No module named 'psycopg'", name="psycopg"
        )
    except RuntimeError as exc:
        found = refusal(exc, "postgresql+psycopg://lead@db.hub.nhs.uk/hub")
    assert found is not None
    assert "PostgreSQL support (psycopg) is not installed" in found.message
    assert refusal(ModuleNotFoundError("No module named 'numpy'", name="numpy")) is None
