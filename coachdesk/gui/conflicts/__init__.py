"""Reviewing an offline merge: the conflicts a bundle import set aside."""

from coachdesk.gui.conflicts.dialog import ConflictsDialog, open_conflicts

__all__ = ["ConflictsDialog", "open_conflicts"]
