"""What an import did: counts per kind of record, every conflict, in words a lead can read."""

from __future__ import annotations

from dataclasses import dataclass, field

from coachdesk.services.changes import Changes, RecordKind

#: Record kinds in the order a report lists them, with their plural for sentences.
LABELS = {
    "setting": "settings",
    "person": "people",
    "template": "questionnaire templates",
    "registration": "registrations",
    "request": "requests",
    "relationship": "relationships",
    "session": "sessions",
    "evaluation": "evaluations",
    "cpd": "CPD records",
    "supervision": "supervision records",
    "learning_log": "learning-log entries",
    "workforce_headcount": "workforce headcounts",
    "culture_assessment": "culture self-assessments",
    "reminder": "reminders",
}

#: The Changes kind each record kind broadcasts.
CHANGE_KIND: dict[str, RecordKind] = {
    "setting": RecordKind.SETTINGS,
    "person": RecordKind.PERSON,
    "template": RecordKind.TEMPLATE,
    "registration": RecordKind.REGISTRATION,
    "request": RecordKind.REQUEST,
    "relationship": RecordKind.RELATIONSHIP,
    "session": RecordKind.MEETING,
    "evaluation": RecordKind.EVALUATION,
    "cpd": RecordKind.CPD,
    "supervision": RecordKind.SUPERVISION,
    "learning_log": RecordKind.LEARNING,
    "workforce_headcount": RecordKind.HEADCOUNT,
    "culture_assessment": RecordKind.CULTURE,
    "reminder": RecordKind.REMINDER,
}

#: How many conflicts summary_lines spells out before summing up the rest.
SHOWN_CONFLICTS = 50


@dataclass(frozen=True)
class KindCounts:
    """For one kind: records added, updated (the bundle's newer version won), unchanged,
    and kept (this database's version won a conflict)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged + self.kept


@dataclass(frozen=True)
class Conflict:
    """A record both sides changed: which version was kept ("mine" = this database's,
    "theirs" = the bundle's) and the fields that differed. The other version is in
    the merge_conflicts table."""

    kind: str
    id: str
    fields: tuple[str, ...]
    kept: str


@dataclass(frozen=True)
class ImportReport:
    counts: dict[str, KindCounts]
    conflicts: tuple[Conflict, ...] = ()
    dry_run: bool = False
    source: str = ""
    ignored_settings: tuple[str, ...] = ()

    def count(self, kind: str) -> KindCounts:
        return self.counts.get(kind, KindCounts())

    @property
    def added(self) -> int:
        return sum(c.added for c in self.counts.values())

    @property
    def updated(self) -> int:
        return sum(c.updated for c in self.counts.values())

    @property
    def unchanged(self) -> int:
        return sum(c.unchanged for c in self.counts.values())

    @property
    def changed_anything(self) -> bool:
        return bool(self.added or self.updated or self.conflicts)

    @property
    def changes(self) -> Changes:
        """What the views must refresh (nothing after a dry run)."""
        if self.dry_run:
            return Changes()
        kinds = {CHANGE_KIND[k] for k, c in self.counts.items() if c.added or c.updated}
        if self.conflicts:
            kinds.add(RecordKind.CONFLICT)
        return Changes(frozenset(kinds))

    def summary_lines(self) -> list[str]:
        """Sentences for the lead: what was added, updated or left, and every conflict."""
        where = f" from {self.source}" if self.source else ""
        lines = [
            (f"Dry run{where}: nothing was written. Importing would give:")
            if self.dry_run
            else f"Imported{where}:"
        ]
        for kind, label in LABELS.items():
            c = self.counts.get(kind)
            if c is None or not c.total:
                continue
            parts = [f"{c.added} added", f"{c.updated} updated", f"{c.unchanged} unchanged"]
            if c.kept:
                parts.append(f"{c.kept} kept as they were here")
            lines.append(f"  {label[0].upper()}{label[1:]}: {', '.join(parts)}.")
        if len(lines) == 1:
            lines.append("  The bundle holds no records.")
        if not self.conflicts:
            lines.append("No conflicts.")
        else:
            n = len(self.conflicts)
            kept_where = "would be kept" if self.dry_run else "is kept"
            lines.append(
                f"{n} conflict{'s' if n != 1 else ''}: a record differs between this database and"
                f" the bundle. The newer version was kept; the other {kept_where} under"
                " merge conflicts, so nothing is lost."
            )
            for conflict in self.conflicts[:SHOWN_CONFLICTS]:
                which = "this database's" if conflict.kept == "mine" else "the bundle's"
                lines.append(
                    f"  {conflict.kind.replace('_', ' ')} {conflict.id}: kept {which} version"
                    f" (differs in {', '.join(conflict.fields)})."
                )
            if n > SHOWN_CONFLICTS:
                lines.append(f"  ... and {n - SHOWN_CONFLICTS} more.")
        if self.ignored_settings:
            lines.append(
                "Ignored settings this version of coachdesk does not know: "
                + ", ".join(self.ignored_settings)
                + "."
            )
        return lines


@dataclass
class Tally:
    """Counts and conflicts gathered while an import runs, frozen into an ImportReport."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)

    def add(self, kind: str, what: str, n: int = 1) -> None:
        bucket = self.counts.setdefault(kind, {"added": 0, "updated": 0, "unchanged": 0, "kept": 0})
        bucket[what] += n

    def freeze(
        self, *, dry_run: bool, source: str, ignored_settings: tuple[str, ...]
    ) -> ImportReport:
        counts = {k: KindCounts(**self.counts[k]) for k in LABELS if k in self.counts}
        return ImportReport(counts, tuple(self.conflicts), dry_run, source, ignored_settings)
