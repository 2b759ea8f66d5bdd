"""Released empty (reserved for ICF hours, which came as 0009); kept for databases at it."""

from __future__ import annotations

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # released empty: ICF hours came as 0009


def downgrade() -> None:
    pass
