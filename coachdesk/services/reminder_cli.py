"""What ``coachdesk remind`` prints: a line per draft written, then a summary."""

from __future__ import annotations

from coachdesk.domain.dates import format_date
from coachdesk.domain.words import plural
from coachdesk.services.reminder_files import WrittenReminders


def remind_lines(result: WrittenReminders) -> list[str]:
    """One line per .eml written (file, person, how many things), then what was left out."""
    plan = result.plan
    lines = []
    for w in result.written:
        d = w.draft
        forms = f", {plural(len(w.attachments), 'form')} attached" if w.attachments else ""
        lines.append(
            f"{w.path}: {d.full_name} <{d.email}>, {plural(len(d.items), 'thing')} to do{forms}"
        )
    day = format_date(plan.today)
    if result.written:
        lines.append(
            f"{plural(len(result.written), 'reminder')} drafted for {day} in {result.folder}; "
            "open each in your mail program to check and send it."
        )
    else:
        lines.append(f"Nobody has anything to be reminded about on {day}; nothing was written.")
    if plan.held_back:
        lines.append(
            f"{plural(len(plan.held_back), 'person', 'people')} left out: reminded within the "
            f"last {plural(plan.quiet_days, 'day')} (add --again to remind them now)."
        )
    return lines
