"""``python -m coachdesk``: the same as the ``coachdesk`` command."""

from coachdesk.app import main

raise SystemExit(main())
