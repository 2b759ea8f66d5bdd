"""Reminders (SPEC 11): .eml drafts read back with the email package, the quiet period, the
templates, the record kept, and a folder that cannot be written."""

from __future__ import annotations

import io
from datetime import date, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from pypdf import PdfReader

from coachdesk.domain.clock import Clock
from coachdesk.domain.reminder_items import NOT_REMINDED
from coachdesk.errors import UserError
from coachdesk.services import reminder_files
from coachdesk.services.compliance import alerts
from coachdesk.services.demo import load_demo
from coachdesk.services.reminder_files import write_reminders
from coachdesk.services.reminder_mail import file_names, mailto, slug
from coachdesk.services.reminders import (
    ReminderDraft,
    ReminderPlan,
    last_reminded,
    plan_reminders,
    record_reminders,
    reminded_on,
)
from coachdesk.services.settings import get_settings, update_settings
from coachdesk.storage.uow import Database
from tests.helpers.clock import FROZEN_NOW, FROZEN_TODAY

TODAY = FROZEN_TODAY
EVALUATION_RULES = {
    "pre-evaluation-missing",
    "post-evaluation-missing",
    "practitioner-evaluation-missing",
    "followup-evaluation-overdue",
}


@pytest.fixture
def demo(sqlite_db: Database) -> Database:
    load_demo(sqlite_db, today=TODAY)
    return sqlite_db


def _read(path: Path) -> EmailMessage:
    parsed = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def _body(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain",))
    assert part is not None
    text = part.get_content()
    assert isinstance(text, str)
    return text.replace("\r\n", "\n")  # the file's lines end in CRLF, as RFC 5322 has them


def _by_address(folder: Path) -> dict[str, EmailMessage]:
    out = {}
    for path in sorted(folder.glob("*.eml")):
        msg = _read(path)
        out[msg["To"].addresses[0].addr_spec] = msg
    return out


# --- the small demo ------------------------------------------------------------------------------


def test_the_demo_gets_a_draft_for_each_person_with_something_to_do_and_none_for_others(
    demo: Database, tmp_path: Path
) -> None:
    found = alerts(demo, TODAY)
    theirs = {a.person for a in found if a.rule not in NOT_REMINDED}
    lead_only = {a.person for a in found if a.rule in NOT_REMINDED} - theirs
    assert theirs and lead_only  # the demo plants both kinds

    result = write_reminders(demo, tmp_path / "out", TODAY).value

    drafts = _by_address(tmp_path / "out")
    assert set(drafts) == theirs
    assert not lead_only & set(drafts)
    assert len(result.written) == len(theirs)
    hub = get_settings(demo).hub_name
    for a in found:
        if a.rule in NOT_REMINDED:
            continue
        msg = drafts[a.person]
        to = msg["To"].addresses[0]
        assert to.display_name and to.display_name.split()[-1] in a.message
        assert hub in msg["Subject"]
        assert msg["X-Unsent"] == "1"
        assert msg["From"] is None  # no address set: the mail program fills in the lead's own
        body = _body(msg)
        assert body.startswith(f"Dear {to.display_name.split()[0]},")
        assert "1. " in body and ("due" in body or "as soon as you can" in body)
        assert "{" not in body


def test_an_evaluation_reminder_carries_its_fillable_form(demo: Database, tmp_path: Path) -> None:
    found = [a for a in alerts(demo, TODAY) if a.rule in EVALUATION_RULES]
    assert len(found) == 4

    write_reminders(demo, tmp_path, TODAY)

    drafts = _by_address(tmp_path)
    for a in found:
        msg = drafts[a.person]
        pdfs = [p for p in msg.iter_attachments() if p.get_content_type() == "application/pdf"]
        assert len(pdfs) == 1
        assert (pdfs[0].get_filename() or "").endswith(".pdf")
        data = pdfs[0].get_content()
        assert isinstance(data, bytes)
        fields = PdfReader(io.BytesIO(data)).get_fields() or {}
        assert "coachdesk.form" in fields
        assert "comments" in fields
        assert "The form is attached" in _body(msg)
    others = [m for e, m in drafts.items() if e not in {a.person for a in found}]
    assert others and all(not list(m.iter_attachments()) for m in others)


def test_each_line_of_a_draft_says_what_to_do_and_by_when(demo: Database, tmp_path: Path) -> None:
    request = next(a for a in alerts(demo, TODAY) if a.rule == "request-unanswered")
    due = request.since - timedelta(days=1)

    write_reminders(demo, tmp_path, TODAY)

    body = " ".join(_body(_by_address(tmp_path)[request.person]).split())
    assert "Answer the coaching request" in body or "Answer the mentoring request" in body
    assert "accept or decline it" in body
    assert f"This was due by {due.day} {due:%b} {due.year}." in body


# --- the record and the quiet period --------------------------------------------------------------


def test_each_draft_is_recorded_and_shown_against_its_alerts(
    demo: Database, tmp_path: Path
) -> None:
    written = write_reminders(demo, tmp_path, TODAY).value.written
    reminded = last_reminded(demo)
    for a in alerts(demo, TODAY):
        expected = None if a.rule in NOT_REMINDED else TODAY
        assert reminded_on(a, reminded) == expected, a.rule
    assert sum(len(w.draft.items) for w in written) == len(reminded)


def _listed(plan: ReminderPlan) -> set[tuple[str, str]]:
    return {(i.rule, i.subject_id) for d in plan.drafts for i in d.items}


def test_no_second_draft_within_the_quiet_period_unless_asked(
    demo: Database, tmp_path: Path
) -> None:
    first = write_reminders(demo, tmp_path / "1", TODAY).value
    reminded = _listed(first.plan)
    assert reminded

    # Six days on (the quiet period is 7 days), nothing reminded is drafted again ...
    soon = plan_reminders(demo, TODAY + timedelta(days=6))
    assert not _listed(soon) & reminded
    assert soon.held_back and {h.last_reminded for h in soon.held_back} == {TODAY}
    assert {h.email for h in soon.held_back} | {d.email for d in soon.drafts} >= {
        d.email for d in first.plan.drafts
    }
    # ... unless the lead asks.
    asked = write_reminders(demo, tmp_path / "2", TODAY + timedelta(days=6), again=True).value
    assert _listed(asked.plan) >= reminded

    # Counted from the latest reminder: quiet on day 12, due again on day 13.
    assert not _listed(plan_reminders(demo, TODAY + timedelta(days=12))) & reminded
    assert _listed(plan_reminders(demo, TODAY + timedelta(days=13))) >= reminded


def test_the_quiet_period_is_a_setting(demo: Database, tmp_path: Path) -> None:
    write_reminders(demo, tmp_path / "1", TODAY)
    update_settings(demo, {"reminder_quiet_days": 0})
    assert len(write_reminders(demo, tmp_path / "2", TODAY).value.written) > 0


def test_a_new_alert_is_drafted_while_the_others_are_quiet(demo: Database, tmp_path: Path) -> None:
    plan = plan_reminders(demo, TODAY)
    chosen = plan.drafts[0]
    record_reminders(demo, {d.person_id for d in plan.drafts[1:]}, TODAY)

    later = plan_reminders(demo, TODAY + timedelta(days=1))

    assert [d.person_id for d in later.drafts] == [chosen.person_id]


# --- templates and the sender ---------------------------------------------------------------------


def test_the_templates_and_sender_in_settings_word_the_draft(
    demo: Database, tmp_path: Path
) -> None:
    update_settings(
        demo,
        {
            "reminder_subject": "{hub} – {count} thing(s) for {first_name}",
            "reminder_body": "Hello {full_name},\n\n{items}\n\nThanks,\n{lead_name} ({region})",
            "reminder_from": "hub.lead@example.nhs.uk",
            "reminder_lead_name": "Zoë Lead",
        },
    )
    write_reminders(demo, tmp_path, TODAY)
    settings = get_settings(demo)
    msg = next(iter(_by_address(tmp_path).values()))
    person = msg["To"].addresses[0]
    assert (
        msg["Subject"] == f"{settings.hub_name} – 1 thing(s) for {person.display_name.split()[0]}"
    )
    sender = msg["From"].addresses[0]
    assert (sender.display_name, sender.addr_spec) == (settings.hub_name, "hub.lead@example.nhs.uk")
    body = _body(msg)
    assert body.startswith(f"Hello {person.display_name},\n\n1. "), body
    assert body.rstrip().endswith(f"Thanks,\nZoë Lead ({settings.region})")


@pytest.mark.parametrize(
    ("key", "value", "reason"),
    [
        ("reminder_body", "Dear {firstname},\n{items}", "unknown placeholder {firstname}"),
        ("reminder_body", "Dear {first_name},", "must contain {items}"),
        ("reminder_body", "Dear {first_name, {items}", "without its pair"),
        ("reminder_subject", "{hub}\nsecond line", "must be one line"),
        ("reminder_subject", "{items}", "cannot hold {items}"),
        ("reminder_subject", "{hub!r}", "nothing after its name"),
        ("reminder_from", "not an address", "is not a valid e-mail address"),
        ("reminder_quiet_days", -1, "must be at least 0"),
    ],
)
def test_a_bad_template_is_refused_naming_what_is_wrong(
    sqlite_db: Database, key: str, value: object, reason: str, snapshot: object
) -> None:
    before = snapshot(sqlite_db)  # type: ignore[operator]
    with pytest.raises(UserError) as refused:
        update_settings(sqlite_db, {key: value})
    assert f"{key}: " in str(refused.value.problems) and reason in str(refused.value.problems)
    assert snapshot(sqlite_db) == before  # type: ignore[operator]


# --- a folder that cannot be written ---------------------------------------------------------------


def test_a_folder_that_is_a_file_is_refused_and_nothing_recorded(
    demo: Database, tmp_path: Path, snapshot: object
) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("a file, not a folder")
    before = snapshot(demo)  # type: ignore[operator]
    with pytest.raises(UserError, match="Nothing was recorded"):
        write_reminders(demo, blocker / "reminders", TODAY)
    assert snapshot(demo) == before  # type: ignore[operator]


def test_a_write_failing_half_way_leaves_no_drafts_and_records_nothing(
    demo: Database, tmp_path: Path, snapshot: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = reminder_files.write_atomic
    calls: list[Path] = []

    def disk_fills(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise UserError(f"Cannot write {path}: No space left on device.")
        real(path, data)

    monkeypatch.setattr(reminder_files, "write_atomic", disk_fills)
    before = snapshot(demo)  # type: ignore[operator]
    with pytest.raises(UserError, match="No space left on device. Nothing was recorded."):
        write_reminders(demo, tmp_path / "out", TODAY)
    assert list((tmp_path / "out").iterdir()) == []
    assert snapshot(demo) == before  # type: ignore[operator]


# --- names and mailto -------------------------------------------------------------------------------


def test_file_names_are_the_day_and_the_persons_name() -> None:
    drafts = [
        ReminderDraft("1", "a@x.nhs.uk", "Kaja Bogumił", (), "", ""),
        ReminderDraft("2", "b@x.nhs.uk", "Séan O'Brien", (), "", ""),
        ReminderDraft("3", "c@x.nhs.uk", "Séan O'Brien", (), "", ""),
    ]
    assert file_names(drafts, "2026-12-07") == [
        "2026-12-07-kaja-bogumil.eml",
        "2026-12-07-sean-o-brien.eml",
        "2026-12-07-sean-o-brien-2.eml",
    ]
    assert slug("李雷") == "person"


def test_mailto_percent_encodes_the_address_subject_and_body() -> None:
    draft = ReminderDraft(
        "1",
        "o'neil+hub@example.nhs.uk",
        "Siobhán O'Neil",
        (),
        "Hub & friends: 100% done? #1",
        "Dear Siobhán,\n\n1. Fill in the form = yes.\n\nThanks",
    )
    url = mailto(draft)
    assert url.startswith("mailto:")
    assert not any(c in url for c in ' \n\r"<>')
    parts = urlsplit(url)
    assert unquote(parts.path) == "o'neil+hub@example.nhs.uk"
    query = parse_qs(parts.query, keep_blank_values=True)
    assert set(query) == {"subject", "body"}
    assert query["subject"] == ["Hub & friends: 100% done? #1"]
    assert query["body"] == ["Dear Siobhán,\r\n\r\n1. Fill in the form = yes.\r\n\r\nThanks"]
    assert "%C3%A1" in url  # á as UTF-8, percent-encoded
    assert "+" not in url.split("?", 1)[1]  # spaces are %20, never +


def test_a_draft_is_dated_by_the_databases_clock(demo: Database, tmp_path: Path) -> None:
    demo.clock = Clock(today=date(2026, 12, 8), now=FROZEN_NOW + timedelta(days=1))
    write_reminders(demo, tmp_path / "out")
    msg = next(iter(_by_address(tmp_path / "out").values()))
    assert msg["Date"].datetime == FROZEN_NOW + timedelta(days=1)
    assert all(p.name.startswith("2026-12-08-") for p in (tmp_path / "out").iterdir())


def test_reminders_are_recorded_on_sqlite_and_postgresql(db: Database) -> None:
    load_demo(db, today=TODAY)
    plan = plan_reminders(db, TODAY)
    recorded = record_reminders(db, None, TODAY).value
    assert len(recorded.reminder_ids) == len(plan.drafts) > 0
    reminded = last_reminded(db)
    assert {reminded_on(a, reminded) for a in alerts(db, TODAY) if a.rule not in NOT_REMINDED} == {
        TODAY
    }
    assert plan_reminders(db, TODAY).drafts == ()
