"""Released empty (reserved for reminders, which came as 0008); kept for databases at it."""

from __future__ import annotations

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # released empty: reminders came as 0008


def downgrade() -> None:
    pass
