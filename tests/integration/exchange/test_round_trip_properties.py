"""The json round trip as a property (SPEC 7): any generated hub exported, imported into an
empty database and exported again is the same bundle."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

from coachdesk.services.exchange import export_bundle, import_bundle
from tests.helpers.hubs import empty_database, hubs

RUN = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


def _without_stamp(bundle: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in bundle.items() if k != "exported_at"}


@RUN
@given(hub=hubs())
def test_any_hub_survives_json_export_and_import(_template_sqlite: Path, hub: dict) -> None:
    with empty_database(_template_sqlite) as first, empty_database(_template_sqlite) as second:
        import_bundle(first, hub)
        exported = export_bundle(first)

        import_bundle(second, exported)

        assert _without_stamp(export_bundle(second)) == _without_stamp(exported)
