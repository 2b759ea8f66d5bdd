"""Which evaluation a form is for, signed with this database's secret (the ``coachdesk.form`` field)."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from coachdesk.domain.enums import EvaluationKind
from coachdesk.storage.models import Setting
from coachdesk.storage.uow import Database, UnitOfWork

#: The settings row holding the secret forms are signed with (not one the lead edits).
SECRET_KEY = "evaluation_forms_secret"
#: The first word of every form's identity field: what it is and which layout of the field.
PREFIX = "coachdesk-form/1"
FIELD_NAME = "coachdesk.form"

_PART = re.compile(r"^[A-Za-z0-9._-]{1,100}$")
_CHECK = re.compile(r"^[0-9a-f]{64}$")
_KINDS = {k.value for k in EvaluationKind}


class NotAForm(ValueError):
    """The identity field is missing or is not one coachdesk writes."""


@dataclass(frozen=True)
class FormIdentity:
    """The evaluation a form records: relationship, kind, who answers, with which template."""

    database: str  # a short fingerprint of the database's secret (says which database wrote it)
    relationship_id: str
    kind: EvaluationKind
    respondent_id: str  # the person who completes it (client or practitioner)
    template: str

    def payload(self) -> str:
        return "|".join(
            (PREFIX, self.database, self.relationship_id, self.kind.value, self.respondent_id,
             self.template)
        )  # fmt: skip


def fingerprint(secret: str) -> str:
    """The database's public name on its forms: 12 hex digits derived from the secret."""
    return hashlib.sha256(f"coachdesk database {secret}".encode()).hexdigest()[:12]


def check_value(identity: FormIdentity, secret: str) -> str:
    """The HMAC-SHA256 of the identity under the database's secret (64 hex digits)."""
    return hmac.new(secret.encode(), identity.payload().encode(), hashlib.sha256).hexdigest()


def field_value(identity: FormIdentity, secret: str) -> str:
    """What the read-only ``coachdesk.form`` field holds (two lines, so it prints whole)."""
    return (
        f"{PREFIX} db={identity.database} rel={identity.relationship_id} "
        f"kind={identity.kind.value}\nby={identity.respondent_id} "
        f"template={identity.template} check={check_value(identity, secret)}"
    )


def parse_field(value: str) -> tuple[FormIdentity, str]:
    """The identity and check value a form carries; NotAForm when it is not coachdesk's."""
    words = value.split()
    if not words or words[0] != PREFIX:
        raise NotAForm("it has no coachdesk form reference")
    parts: dict[str, str] = {}
    for word in words[1:]:
        name, sep, text = word.partition("=")
        if not sep or name in parts:
            raise NotAForm("its coachdesk form reference is damaged")
        parts[name] = text
    wanted = ("db", "rel", "kind", "by", "template", "check")
    if set(parts) != set(wanted) or not all(_PART.match(parts[n]) for n in wanted):
        raise NotAForm("its coachdesk form reference is damaged")
    if parts["kind"] not in _KINDS:
        raise NotAForm(f"its coachdesk form reference names no evaluation ({parts['kind']!r})")
    identity = FormIdentity(
        database=parts["db"],
        relationship_id=parts["rel"],
        kind=EvaluationKind(parts["kind"]),
        respondent_id=parts["by"],
        template=parts["template"],
    )
    return identity, parts["check"]


def is_genuine(identity: FormIdentity, check: str, secret: str) -> bool:
    """Whether ``check`` is the one this database wrote for ``identity`` (constant time)."""
    return bool(_CHECK.match(check)) and hmac.compare_digest(check, check_value(identity, secret))


def secret_in(uow: UnitOfWork) -> str | None:
    """The database's form secret, or None when no form has been written yet."""
    row = uow.session.get(Setting, SECRET_KEY)
    value = row.value if row is not None else None
    return value if isinstance(value, str) and value else None


def form_secret(db: Database) -> str:
    """The database's form secret, created (and committed) the first time a form is written."""
    with db.uow() as uow:
        found = secret_in(uow)
        if found:
            return found
        secret = secrets.token_hex(32)
        uow.session.add(Setting(key=SECRET_KEY, value=secret))
        try:
            uow.commit()
        except IntegrityError:  # another process wrote it first: use theirs
            pass
        else:
            return secret
    with db.uow() as uow:
        found = secret_in(uow)
        assert found, "the form secret was written by another process"
        return found
