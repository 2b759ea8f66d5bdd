"""coachdesk: the register, rules and reports of an NHS Coaching and Mentoring Hub."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("coachdesk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
