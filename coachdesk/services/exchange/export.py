"""Export: the whole database as one coachdesk/1 bundle, written atomically as UTF-8 JSON."""

from __future__ import annotations

import os
import tempfile
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC
from operator import itemgetter
from pathlib import Path

from sqlalchemy.orm import Session

from coachdesk.domain.templates import DEFAULT_TEMPLATES
from coachdesk.errors import UserError
from coachdesk.services.exchange.bulk import gc_paused
from coachdesk.services.exchange.jsonout import dumps_indented
from coachdesk.services.exchange.records import (
    CPD_KIND,
    CULTURE_KIND,
    EVALUATION_KIND,
    HEADCOUNT_KIND,
    LEARNING_KIND,
    PERSON_KIND,
    REGISTRATION_KIND,
    RELATIONSHIP_KIND,
    REMINDER_KIND,
    REQUEST_KIND,
    SESSION_KIND,
    SUPERVISION_KIND,
    TEMPLATE_KIND,
    ColumnValues,
    Context,
    Kind,
    as_text,
    fetch_rows,
    load_attachments,
    record_maker,
)
from coachdesk.services.exchange.schema import FORMAT
from coachdesk.services.exchange.types import BundleDocument, ExchangeRecord
from coachdesk.services.settings import load_in
from coachdesk.storage.uow import Database

_FLAT = (REGISTRATION_KIND, REQUEST_KIND, CPD_KIND, SUPERVISION_KIND, LEARNING_KIND)


@dataclass(frozen=True)
class ExportReport:
    """What a written bundle holds: records per list, its size and where it is."""

    path: Path
    counts: dict[str, int]
    size_bytes: int

    def summary_lines(self) -> list[str]:
        shown = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in self.counts.items())
        return [
            f"Exported the whole database to {self.path} ({self.size_bytes / 1_048_576:.1f} MB).",
            f"It holds {shown}.",
        ]


def _rows(session: Session, kind: Kind) -> Sequence[ColumnValues]:
    return fetch_rows(session, kind.model)


def export_bundle(db: Database) -> BundleDocument:
    """The whole database as a coachdesk/1 dict, every list in a stable order."""
    with gc_paused(), db.uow() as uow:
        session = uow.session
        ctx = Context()
        rows = _rows(session, PERSON_KIND)
        for row in rows:
            ctx.add_person(row["id"], row["email"])
        ctx.attachments = load_attachments(session)
        exported_at = db.clock.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        settings = load_in(uow).as_dict()
        people = sorted(map(record_maker(PERSON_KIND, ctx), rows), key=itemgetter("email"))
        flat = {kind.list_name: _sorted(session, kind, ctx) for kind in _FLAT}
        bundle: BundleDocument = {
            "format": FORMAT,
            "exported_at": exported_at,
            "settings": settings,
            "people": people,
            "registrations": flat["registrations"],
            "requests": flat["requests"],
            "relationships": _relationships(session, ctx),
            "cpd": flat["cpd"],
            "supervision": flat["supervision"],
            "learning_log": flat["learning_log"],
            "templates": _templates(session, ctx),
        }
        # Headcounts and culture self-assessments only when there are any (SPEC 10).
        headcounts = _sorted(session, HEADCOUNT_KIND, ctx)
        if headcounts:
            bundle["workforce_headcounts"] = headcounts
        culture = _sorted(session, CULTURE_KIND, ctx)
        if culture:
            bundle["culture_assessments"] = culture
        reminders = _sorted(session, REMINDER_KIND, ctx)  # only when any were drafted (SPEC 11)
        if reminders:
            bundle["reminders"] = reminders
    return bundle


def _sorted(session: Session, kind: Kind, ctx: Context) -> list[ExchangeRecord]:
    records = list(map(record_maker(kind, ctx), _rows(session, kind)))
    records.sort(key=itemgetter("id"))
    return records


def _nested(session: Session, kind: Kind, ctx: Context) -> dict[str, list[ExchangeRecord]]:
    """Sessions or evaluations by relationship id (the parent field taken out)."""
    out: dict[str, list[ExchangeRecord]] = defaultdict(list)
    make = record_maker(kind, ctx)
    for row in _rows(session, kind):
        record = make(row)
        del record["relationship"]  # the parent, which nests it
        out[row["relationship_id"]].append(record)
    return out


def _relationships(session: Session, ctx: Context) -> list[ExchangeRecord]:
    sessions = _nested(session, SESSION_KIND, ctx)
    evaluations = _nested(session, EVALUATION_KIND, ctx)
    out = []
    for record in _sorted(session, RELATIONSHIP_KIND, ctx):
        rel_id = as_text(record["id"])
        mine = sessions.get(rel_id, [])
        mine.sort(key=itemgetter("date", "id"))
        theirs = evaluations.get(rel_id, [])
        theirs.sort(key=itemgetter("id"))
        record["sessions"] = mine
        record["evaluations"] = theirs
        out.append(record)
    return out


def _templates(session: Session, ctx: Context) -> list[ExchangeRecord]:
    make = record_maker(TEMPLATE_KIND, ctx)
    records: dict[str, ExchangeRecord] = {
        row["key"]: make(row) for row in _rows(session, TEMPLATE_KIND)
    }
    for default in DEFAULT_TEMPLATES:  # every bundle carries both defaults
        if default["key"] not in records:
            records[default["key"]] = {
                "key": default["key"],
                "title": default["title"],
                "scale": list(default["scale"]),
                "items": [dict(item) for item in default["items"]],
            }
    return [records[key] for key in sorted(records)]


def counts_of(bundle: BundleDocument) -> dict[str, int]:
    """Records per list of an exported bundle, sessions and evaluations counted apart."""
    relationships = bundle.get("relationships", [])
    counts = {
        "people": len(bundle.get("people", [])),
        "registrations": len(bundle.get("registrations", [])),
        "requests": len(bundle.get("requests", [])),
        "relationships": len(relationships),
        "sessions": sum(_count(r.get("sessions")) for r in relationships),
        "evaluations": sum(_count(r.get("evaluations")) for r in relationships),
        "cpd": len(bundle.get("cpd", [])),
        "supervision": len(bundle.get("supervision", [])),
        "learning_log": len(bundle.get("learning_log", [])),
        "templates": len(bundle.get("templates", [])),
    }
    headcounts = bundle.get("workforce_headcounts")
    if headcounts:
        counts["workforce_headcounts"] = len(headcounts)
    culture = bundle.get("culture_assessments")
    if culture:
        counts["culture_assessments"] = len(culture)
    reminders = bundle.get("reminders")
    if reminders:
        counts["reminders"] = len(reminders)
    return counts


def _count(records: object) -> int:
    """How many nested records (sessions or evaluations) a relationship holds."""
    return len(records) if isinstance(records, Sequence) else 0


def dump_json(bundle: Mapping[str, object]) -> bytes:
    """The bundle as it is written: UTF-8, one-space indent, non-ASCII kept as it is."""
    return (dumps_indented(bundle) + "\n").encode("utf-8")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then move it into place."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"Cannot write {path}: the folder {folder} does not exist.")
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UserError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise UserError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_bundle(db: Database, path: Path) -> ExportReport:
    """Export the whole database to ``path`` (atomic: a half-written file never replaces it)."""
    with gc_paused():
        bundle = export_bundle(db)
        data = dump_json(bundle)
    write_atomic(Path(path), data)
    counts = counts_of(bundle)
    from coachdesk.services.audit import counts_detail, record

    record(db, "export", "database", detail=f"bundle (.json): {counts_detail(counts)}")
    return ExportReport(Path(path), counts, len(data))
