"""The words of a reminder e-mail: the templates' placeholders, their checks and their filling."""

from __future__ import annotations

import string
from collections.abc import Mapping

#: Every placeholder a reminder template may use, with what it becomes (shown in settings).
PLACEHOLDERS: dict[str, str] = {
    "first_name": "the person's first name (Priya)",
    "full_name": "the person's full name (Priya Shah)",
    "hub": "the hub's name, from Settings",
    "region": "the hub's region, from Settings",
    "lead_name": 'your name as it signs the e-mail (Settings; "The hub lead" when blank)',
    "items": "the list of what the person is asked to do, one paragraph each (body only)",
    "count": "how many things are listed (1, 2, …)",
    "today": "the day the draft is written (7 Dec 2026)",
}

DEFAULT_SUBJECT = "{hub}: a reminder of what we are waiting for"

DEFAULT_BODY = """Dear {first_name},

This is a friendly reminder from {hub}. According to our records we are waiting for \
the following from you:

{items}

If you have already done this, thank you, and please reply to let us know so that we can \
bring our records up to date. If anything is unclear, or you need a hand, just reply to \
this e-mail.

With best wishes,
{lead_name}
{hub}"""

#: Who signs a reminder when the lead has not given their name.
UNNAMED_LEAD = "The hub lead"

#: Titles left out when finding a first name ("Dr Priya Shah" is "Priya").
_TITLES = frozenset(
    [
        "dr",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "prof",
        "professor",
        "sir",
        "dame",
        "rev",
        "revd",
        "lady",
        "lord",
    ]
)

#: The longest a template may be (a subject is one line of a mail program).
SUBJECT_LIMIT = 200
BODY_LIMIT = 8000


def template_problem(text: object, *, body: bool) -> str | None:
    """Why ``text`` cannot serve as the reminder subject (``body`` False) or body, or None.

    An unknown placeholder is named (``{firstname}``); a lone brace is pointed out; the body
    must list the items (``{items}``) and the subject must be one line without them."""
    if not isinstance(text, str) or not text.strip():
        return "must be some text"
    limit = BODY_LIMIT if body else SUBJECT_LIMIT
    if len(text) > limit:
        return f"is longer than {limit:,} characters"
    if not body and ("\n" in text or "\r" in text):
        return "must be one line"
    try:
        parsed = [(f, spec, conv) for _, f, spec, conv in string.Formatter().parse(text)]
    except ValueError:
        return "has a { or } without its pair (write {{ or }} for a brace itself)"
    fields = [f for f, _, _ in parsed if f is not None]
    extras = [(f, spec, conv) for f, spec, conv in parsed if f is not None and (spec or conv)]
    for name in fields:
        if name == "":
            return "has an empty placeholder {}: write a name inside the braces"
        if name not in PLACEHOLDERS:
            return f"has an unknown placeholder {{{name}}}"
    if extras:
        name, spec, conv = extras[0]
        shown = f"{{{name}{'!' + conv if conv else ''}{':' + spec if spec else ''}}}"
        return f"has {shown}: write the placeholder as {{{name}}}, with nothing after its name"
    if body and "items" not in fields:
        return "must contain {items}, where the list of what to do goes"
    if not body and "items" in fields:
        return "cannot hold {items} (the list goes in the body)"
    return None


def fill(template: str, values: Mapping[str, str]) -> str:
    """``template`` with its placeholders replaced (it has passed template_problem)."""
    return template.format_map(dict(values))


def first_name(full_name: str) -> str:
    """The name a reminder greets someone by: the first word of their name, titles left out."""
    words = full_name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in _TITLES:
        words = words[1:]
    return words[0] if words else full_name
