"""Released empty (reserved for versions, which came as 0007); kept for databases at it."""

from __future__ import annotations

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # released empty: versions came as 0007


def downgrade() -> None:
    pass
