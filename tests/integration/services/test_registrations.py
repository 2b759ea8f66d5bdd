"""Registrations: approval refused with every missing item, transitions, certificates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from coachdesk.errors import NotFound, UserError
from coachdesk.services import register
from coachdesk.services.dto import FileInput, RegistrationInput
from coachdesk.services.settings import update_settings
from tests.helpers.builders import JPEG, PDF, PNG

COACH_MISSING = [
    "No accreditation recorded (e.g. EMCC Coach Practitioner, ILM Level 5)",
    "No certificate file attached",
    "The EMCC Global Code of Ethics has not been agreed",
    "No date for organisational support of work-hours practice",
]


def test_approving_an_empty_coach_registration_lists_all_four_missing_items(
    db, hub, snapshot
) -> None:
    sam = hub.person("Sam Okafor")
    reg = register.add_registration(db, sam.email, RegistrationInput(kind="coach")).value
    assert reg.status == "applied" and reg.registered_on == db.clock.today()
    assert reg.approval_missing == tuple(COACH_MISSING)
    before = snapshot(db)
    with pytest.raises(UserError) as err:
        register.set_registration_status(db, reg.id, "approved")
    assert err.value.message == (
        "Sam Okafor's coach registration cannot be approved until these are recorded:"
    )
    assert err.value.problems == COACH_MISSING
    for item in COACH_MISSING:
        assert item in str(err.value)
    assert snapshot(db) == before
    # Straight to active is an approval too.
    with pytest.raises(UserError) as err:
        register.set_registration_status(db, reg.id, "active")
    assert err.value.problems == COACH_MISSING


def test_adding_a_registration_as_active_is_refused_when_incomplete(db, hub, snapshot) -> None:
    sam = hub.person("Sam Okafor")
    before = snapshot(db)
    data = RegistrationInput(kind="coach", status="active", accreditation="ILM Level 5")
    with pytest.raises(UserError) as err:
        register.add_registration(db, sam.email, data)
    assert err.value.problems == [COACH_MISSING[1], COACH_MISSING[2], COACH_MISSING[3]]
    assert snapshot(db) == before


def test_a_complete_coach_is_approved_today_or_on_the_date_given(db, hub) -> None:
    sam = hub.person("Sam Okafor")
    data = RegistrationInput(
        kind="coach",
        registered_on=date(2025, 9, 1),
        accreditation="EMCC Coach Practitioner",
        ethics_agreed=True,
        org_support_on=date(2025, 8, 20),
    )
    reg = register.add_registration(db, sam.email, data).value
    with pytest.raises(UserError, match="No certificate file attached"):
        register.set_registration_status(db, reg.id, "approved")
    reg = register.attach_certificate(db, reg.id, FileInput("cert.pdf", PDF)).value
    assert reg.approval_missing == ()
    approved = register.set_registration_status(db, reg.id, "approved", on=date(2025, 9, 15))
    assert (approved.value.status, approved.value.approved_on) == ("approved", date(2025, 9, 15))
    active = register.set_registration_status(db, reg.id, "active").value
    assert (active.status, active.approved_on) == ("active", date(2025, 9, 15))


def test_approval_date_cannot_precede_registration(db, hub) -> None:
    sam = hub.person("Sam Okafor")
    reg = hub.registration(sam, "coach", status="applied")
    with pytest.raises(
        UserError, match="Approved on cannot be before the registration date, 1 Sep 2025"
    ):
        register.set_registration_status(db, reg.id, "approved", on=date(2025, 1, 1))


def test_mentor_approval_lists_every_missing_item(db, hub) -> None:
    ria = hub.person("Ria Chen")
    data = RegistrationInput(kind="mentor", hours_committed=8)
    reg = register.add_registration(db, ria.email, data).value
    with pytest.raises(UserError) as err:
        register.set_registration_status(db, reg.id, "approved")
    assert err.value.problems == [
        "No training date and no statement of relevant experience",
        "The EMCC Global Code of Ethics has not been agreed",
        "No date for organisational support of work-hours practice",
        "8 hours a year committed is below the minimum of 12",
    ]


def test_mentor_experience_stands_in_for_training_and_the_minimum_is_a_setting(db, hub) -> None:
    ria = hub.person("Ria Chen")
    data = RegistrationInput(
        kind="mentor",
        experience="Ten years mentoring ward sisters",
        ethics_agreed=True,
        org_support_on=date(2025, 8, 20),
        hours_committed=12,
    )
    reg = register.add_registration(db, ria.email, data).value
    update_settings(db, {"mentor_minimum_hours": 20})
    with pytest.raises(UserError) as err:
        register.set_registration_status(db, reg.id, "approved")
    assert err.value.problems == ["12 hours a year committed is below the minimum of 20"]
    update_settings(db, {"mentor_minimum_hours": 12})
    assert register.set_registration_status(db, reg.id, "approved").value.status == "approved"


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        (["paused"], "applied cannot become paused"),
        (["approved", "paused"], "approved cannot become paused"),
        (["active", "approved"], "active cannot become approved"),
        (["active", "withdrawn", "active"], "withdrawn cannot become active"),
        (["rejected", "approved"], "rejected cannot become approved"),
    ],
)
def test_refused_status_changes_say_what_is_possible(db, hub, path, refused) -> None:
    reg = hub.registration(hub.person(), "coach", status="applied")
    for status in path[:-1]:
        register.set_registration_status(db, reg.id, status)
    with pytest.raises(UserError, match=refused) as err:
        register.set_registration_status(db, reg.id, path[-1])
    assert "it can become" in err.value.message
    assert register.get_registration(db, reg.id).status == (
        path[-2] if len(path) > 1 else "applied"
    )


def test_allowed_status_changes(db, hub) -> None:
    reg = hub.registration(hub.person(), "coach", status="applied")
    for status in [
        "approved",
        "active",
        "paused",
        "active",
        "paused",
        "withdrawn",
        "applied",
        "rejected",
    ]:
        assert register.set_registration_status(db, reg.id, status).value.status == status


def test_editing_a_registration_applies_the_same_status_rules(db, hub, snapshot) -> None:
    reg = hub.registration(hub.person("Sam Okafor"), "coach", status="applied")
    before = snapshot(db)
    incomplete = replace(reg.as_input(), status="active", ethics_agreed=False, capacity=0)
    with pytest.raises(UserError) as err:
        register.update_registration(db, reg.id, incomplete)
    assert err.value.problems == [
        "Capacity must be more than 0",
        "The EMCC Global Code of Ethics has not been agreed",
    ]
    assert snapshot(db) == before
    active = register.update_registration(db, reg.id, replace(reg.as_input(), status="active"))
    assert (active.value.status, active.value.approved_on) == ("active", db.clock.today())
    with pytest.raises(
        UserError, match="Status: a registration that is active cannot become approved"
    ):
        register.update_registration(
            db, reg.id, replace(active.value.as_input(), status="approved")
        )
    with pytest.raises(UserError, match="Kind: a coach registration cannot become a mentor one"):
        register.update_registration(db, reg.id, replace(active.value.as_input(), kind="mentor"))
    # Editing other fields of an active registration is fine, and the certificate is kept.
    edited = register.update_registration(
        db,
        reg.id,
        replace(active.value.as_input(), specialisms=("new leaders", " New Leaders ", "")),
    ).value
    assert edited.specialisms == ("new leaders",)
    assert edited.certificate_id == reg.certificate_id


def test_one_registration_per_person_and_kind(db, hub) -> None:
    sam = hub.coach("Sam Okafor")
    with pytest.raises(UserError, match="Kind: Sam Okafor already has a coach registration"):
        register.add_registration(db, sam.email, RegistrationInput(kind="coach"))
    assert register.add_registration(db, sam.email, RegistrationInput(kind="mentor")).value


def test_field_rules(db, hub) -> None:
    sam = hub.person()
    data = RegistrationInput(kind="trainer", status="busy", capacity=0, hours_committed=-1)
    with pytest.raises(UserError) as err:
        register.add_registration(db, sam.email, data)
    assert err.value.problems == [
        "Kind: 'trainer' is not one of coach, mentor",
        "Status: 'busy' is not one of applied, approved, active, paused, withdrawn, rejected",
        "Capacity must be more than 0",
        "Hours committed a year must be a number between 0 and 2000",
    ]


@pytest.mark.parametrize(
    ("name", "data", "media_type"),
    [
        ("cert.pdf", PDF, "application/pdf"),
        ("scan.png", PNG, "image/png"),
        ("photo.JPG", JPEG, "image/jpeg"),
    ],
)
def test_certificates_are_pdf_or_images_kept_in_the_database(
    db, hub, name, data, media_type
) -> None:
    reg = hub.registration(hub.person(), "coach", status="applied", certificate=None)
    row = register.attach_certificate(db, reg.id, FileInput(f"C:\\Users\\sam\\{name}", data)).value
    assert row.certificate_filename == name
    filename, kind, content = register.get_attachment(db, row.certificate_id)
    assert (filename, kind, content) == (name, media_type, data)


@pytest.mark.parametrize(
    ("file", "problem"),
    [
        (FileInput("cert.docx", b"PK\x03\x04 word"), "'cert.docx' is not a PDF, PNG or JPEG file"),
        (FileInput("cert.pdf", b""), "'cert.pdf' is empty"),
        (
            FileInput("cert.pdf", PNG, "application/pdf"),
            "is labelled application/pdf but its contents are a PNG image",
        ),
        (
            FileInput("cert.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024)),
            "a file may be at most 20 MB",
        ),
    ],
)
def test_other_files_are_refused(db, hub, snapshot, file, problem) -> None:
    reg = hub.registration(hub.person(), "coach", status="applied", certificate=None)
    before = snapshot(db)
    with pytest.raises(UserError, match="Certificate: ") as err:
        register.attach_certificate(db, reg.id, file)
    assert problem in str(err.value)
    assert snapshot(db) == before


def test_replacing_or_removing_a_certificate_deletes_the_old_file(db, hub) -> None:
    reg = hub.registration(hub.person(), "coach")
    old = reg.certificate_id
    new = register.attach_certificate(db, reg.id, FileInput("new.png", PNG)).value
    assert new.certificate_id != old
    with pytest.raises(NotFound, match=old):
        register.get_attachment(db, old)
    gone = register.remove_certificate(db, reg.id).value
    assert gone.certificate_id is None and "No certificate file attached" in gone.approval_missing
    with pytest.raises(NotFound):
        register.get_attachment(db, new.certificate_id)


def test_delete_registration_and_lists(db, hub) -> None:
    sam = hub.coach("Sam Okafor")
    ria = hub.mentor("Ria Chen")
    assert [r.full_name for r in register.list_registrations(db)] == ["Ria Chen", "Sam Okafor"]
    assert [r.full_name for r in register.list_registrations(db, kind="mentor")] == ["Ria Chen"]
    assert register.list_registrations(db, status="paused") == []
    reg = register.get_person(db, sam.email).registrations[0]
    register.delete_registration(db, reg.id)
    assert register.get_person(db, sam.email).registrations == ()
    with pytest.raises(NotFound):
        register.get_attachment(db, reg.certificate_id)
    with pytest.raises(NotFound, match=reg.id):
        register.get_registration(db, reg.id)
    assert ria.email
