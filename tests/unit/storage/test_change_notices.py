"""Notices from other leads' commits turned into the Changes the views refresh on (SPEC 12)."""

from __future__ import annotations

from coachdesk.services.changes import Changes, RecordKind
from coachdesk.services.live import changes_of
from coachdesk.storage.listen import Notice, parse
from coachdesk.storage.notify import payload


def _notice(*tables: str) -> Notice:
    return Notice(frozenset(tables), "other")


def test_a_payload_coachdesk_sent_reads_back() -> None:
    assert parse(payload({"people", "audit_log"}, "abc")) == Notice(
        frozenset({"people", "audit_log"}), "abc"
    )


def test_a_payload_someone_else_sent_on_the_channel_is_ignored() -> None:
    assert parse("hello") is None
    assert parse('{"tables": "people", "origin": "x"}') is None
    assert parse('{"origin": "x"}') is None


def test_tables_become_the_kinds_of_record_views_know() -> None:
    changes = changes_of([_notice("people", "audit_log"), _notice("meetings", "audit_log")])
    assert changes == Changes(frozenset({RecordKind.PERSON, RecordKind.MEETING}))
    assert changes_of([_notice("attachments")]).kinds == {RecordKind.REGISTRATION, RecordKind.CPD}
    assert changes_of([_notice("reminders")]).kinds == {RecordKind.REMINDER}


def test_only_the_audit_log_or_drafts_changed_is_nothing_to_refresh() -> None:
    assert changes_of([_notice("audit_log"), _notice("drafts")]).empty
    assert changes_of([]).empty


def test_a_table_this_app_does_not_know_or_a_gap_refreshes_everything() -> None:
    assert changes_of([_notice("coaching_circles")]) == Changes.everything()
    assert changes_of([Notice(frozenset(), "", missed=True)]) == Changes.everything()
