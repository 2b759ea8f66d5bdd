"""What a register import did (or would do): added, updated with fields, unchanged, rejected."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coachdesk.domain.words import number
from coachdesk.services.changes import Changes, RecordKind

#: How many updated or rejected rows summary_lines spells out before summing up the rest.
SHOWN = 50


@dataclass(frozen=True)
class RowUpdate:
    """An existing person a row changed, and the fields it changed (as the lead names them)."""

    row: int
    email: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class RejectedRow:
    """A row not imported, with every reason (``row N, column: reason``)."""

    row: int
    label: str  # the row's e-mail or name, when it has one
    problems: tuple[str, ...]


@dataclass(frozen=True)
class RegisterImportReport:
    source: str
    added: tuple[str, ...]  # e-mails of the people added
    updated: tuple[RowUpdate, ...]
    unchanged: tuple[str, ...]  # e-mails of the people already exactly as the sheet has them
    rejected: tuple[RejectedRow, ...]
    registrations_added: int = 0
    registrations_updated: int = 0
    dry_run: bool = False
    rejects_file: Path | None = None
    ignored_columns: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # cells that were read but could not apply (e.g. no coach role)
    #: New registrations the lead wanted active that came in as applied, with why.
    not_active: tuple[str, ...] = ()
    sheet: str = ""
    encoding: str = ""
    delimiter: str = ""

    @property
    def changed_anything(self) -> bool:
        return bool(self.added or self.updated)

    @property
    def changes(self) -> Changes:
        """What the views must refresh (nothing after a dry run)."""
        if self.dry_run or not self.changed_anything:
            return Changes()
        kinds = {RecordKind.PERSON}
        if self.registrations_added or self.registrations_updated:
            kinds.add(RecordKind.REGISTRATION)
        return Changes(frozenset(kinds))

    def problem_lines(self) -> list[str]:
        """Every rejected row's every problem, one per line."""
        return [p for r in self.rejected for p in r.problems]

    def summary_lines(self) -> list[str]:
        """Sentences for the lead: counts, each update with its fields, each rejected row."""
        where = self.source + (f" (sheet {self.sheet!r})" if self.sheet else "")
        lines = [
            f"Dry run of {where}: nothing was written. Importing would give:"
            if self.dry_run
            else f"Imported {where}:"
        ]
        lines.append(
            f"  People: {len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.rejected)} rejected."
        )
        if self.registrations_added or self.registrations_updated:
            lines.append(
                f"  Registrations: {self.registrations_added} added, "
                f"{self.registrations_updated} updated."
            )
        if self.updated:
            lines.append("Updated:")
            for u in self.updated[:SHOWN]:
                lines.append(f"  row {u.row}, {u.email}: {', '.join(u.fields)}")
            if len(self.updated) > SHOWN:
                lines.append(f"  ... and {number(len(self.updated) - SHOWN)} more.")
        if self.rejected:
            if self.dry_run:
                lines.append("Rejected (would not be imported):")
            elif self.rejects_file is not None:
                lines.append(f"Rejected (not imported; written to {self.rejects_file}):")
            else:
                lines.append("Rejected (not imported):")
            problems = self.problem_lines()
            lines.extend(f"  {p}" for p in problems[:SHOWN])
            if len(problems) > SHOWN:
                lines.append(f"  ... and {len(problems) - SHOWN} more.")
        if self.not_active:
            lines.append(
                "Applied, not active (approval needs more; add it in the register, then approve):"
            )
            lines.extend(f"  {line}" for line in self.not_active[:SHOWN])
            if len(self.not_active) > SHOWN:
                lines.append(f"  ... and {len(self.not_active) - SHOWN} more.")
        if self.notes:
            lines.append("Read but not applied:")
            lines.extend(f"  {note}" for note in self.notes[:SHOWN])
            if len(self.notes) > SHOWN:
                lines.append(f"  ... and {len(self.notes) - SHOWN} more.")
        if self.ignored_columns:
            lines.append("Columns not imported: " + ", ".join(self.ignored_columns) + ".")
        return lines
