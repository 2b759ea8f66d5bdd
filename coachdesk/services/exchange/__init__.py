"""The full data exchange (coachdesk/1 JSON bundles): export, validate, import with merge."""

from __future__ import annotations

from coachdesk.services.exchange.export import ExportReport, export_bundle, write_bundle
from coachdesk.services.exchange.files import read_bundle_file
from coachdesk.services.exchange.from_file import import_bundle_file
from coachdesk.services.exchange.importer import import_bundle
from coachdesk.services.exchange.report import Conflict, ImportReport, KindCounts
from coachdesk.services.exchange.schema import FORMAT, Bundle, validate_bundle

__all__ = [
    "FORMAT",
    "Bundle",
    "Conflict",
    "ExportReport",
    "ImportReport",
    "KindCounts",
    "export_bundle",
    "import_bundle",
    "import_bundle_file",
    "read_bundle_file",
    "validate_bundle",
    "write_bundle",
]
