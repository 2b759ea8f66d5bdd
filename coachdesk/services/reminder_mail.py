"""A reminder as an e-mail: the RFC 5322 message (.eml), its file name, and a mailto: URL."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from urllib.parse import quote

from coachdesk.services.evaluation_forms import FormFile
from coachdesk.services.reminders import ReminderDraft, ReminderPlan


def message(
    plan: ReminderPlan, draft: ReminderDraft, now: datetime, files: Iterable[FormFile] = ()
) -> EmailMessage:
    """The draft as an e-mail ready to send: To the person, From the hub's address when one is
    set (else left for the mail program to fill in), marked unsent so Outlook opens it to send."""
    msg = EmailMessage(policy=policy.SMTP)
    msg["To"] = Address(display_name=draft.full_name, addr_spec=draft.email)
    if plan.sender:
        msg["From"] = Address(display_name=plan.hub_name, addr_spec=plan.sender)
    msg["Subject"] = draft.subject
    msg["Date"] = format_datetime(now)
    msg["X-Unsent"] = "1"  # Outlook opens the file as a message to send, not one received
    msg.set_content(draft.body)
    for f in files:  # fillable evaluation forms
        msg.add_attachment(f.data, maintype="application", subtype="pdf", filename=f.filename)
    return msg


def mailto(draft: ReminderDraft) -> str:
    """A ``mailto:`` URL (RFC 6068) opening the draft in the default mail program: the address,
    subject and body percent-encoded as UTF-8, line breaks as CRLF. (No attachments: mailto
    cannot carry them.)"""
    body = draft.body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    return (
        f"mailto:{quote(draft.email, safe='@')}"
        f"?subject={quote(draft.subject, safe='')}&body={quote(body, safe='')}"
    )


#: Letters that do not decompose into an ASCII letter and an accent.
_LETTERS = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "ı": "i",
    }
)


def slug(name: str) -> str:
    """A name as a file name part: ASCII letters and digits in lower case, joined by hyphens."""
    plain = unicodedata.normalize("NFKD", name.translate(_LETTERS))
    ascii_name = plain.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "person"


def file_names(drafts: Sequence[ReminderDraft], day: str) -> list[str]:
    """``<day>-<person-slug>.eml`` for each draft; two people of the same name get -2, -3 ..."""
    taken: dict[str, int] = {}
    out = []
    for d in drafts:
        base = f"{day}-{slug(d.full_name)}"
        count = taken.get(base, 0) + 1
        taken[base] = count
        out.append(f"{base}.eml" if count == 1 else f"{base}-{count}.eml")
    return out
