"""The open-database handle the interfaces pass to services (re-exported for type hints)."""

from coachdesk.storage.uow import Database

__all__ = ["Database"]
