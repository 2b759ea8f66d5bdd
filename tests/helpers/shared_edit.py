"""A lead's app in its own process, for the two-process test: open the hub, read a person,
wait for "go" on stdin, then save new notes with the version read (SPEC 12).

    python -m tests.helpers.shared_edit URL EMAIL NOTES

Prints ``read <version>`` after reading, then ``saved <version>`` or ``refused <message>``.
"""

from __future__ import annotations

import sys
from dataclasses import replace


def main(url: str, email: str, notes: str) -> int:
    from coachdesk.errors import StaleRecord
    from coachdesk.services import register
    from coachdesk.storage.migrate import open_database

    db = open_database(url)
    try:
        opened = register.get_person(db, email).person
        print(f"read {opened.version}", flush=True)
        if sys.stdin.readline().strip() != "go":
            return 2
        try:
            row = register.update_person(
                db, email, replace(opened.as_input(), notes=notes), expected_version=opened.version
            ).value
        except StaleRecord as exc:
            print(f"refused {exc.message}", flush=True)
            return 1
        print(f"saved {row.version}", flush=True)
        return 0
    finally:
        db.dispose()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
