"""How each registration's practice hours count for ICF (paid or pro bono)"""

from __future__ import annotations

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled by the change that brings this revision's columns


def downgrade() -> None:
    pass
