"""The register import wizard (File › Import register…)."""

from coachdesk.gui.importwizard.wizard import ImportWizard, open_import_wizard

__all__ = ["ImportWizard", "open_import_wizard"]
