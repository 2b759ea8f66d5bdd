"""The frozen app's entry point: the same as the ``coachdesk`` command."""

import sys

from coachdesk.app import main

if __name__ == "__main__":
    sys.exit(main())
