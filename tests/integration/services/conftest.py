"""The service tests' builder: ``hub`` makes people, practitioners and relationships."""

from __future__ import annotations

import pytest

from coachdesk.storage.uow import Database
from tests.helpers.builders import Hub


@pytest.fixture
def hub(db: Database) -> Hub:
    return Hub(db)
