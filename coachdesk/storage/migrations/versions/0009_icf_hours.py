"""How each registration's practice hours count for ICF (paid or pro bono)"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Coaching done in work hours as part of the role counts as paid for ICF; every existing
    # registration starts there (the lead changes a practitioner who coaches in their own time).
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("icf_hours", sa.String(length=10), nullable=False, server_default="paid")
        )


def downgrade() -> None:
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.drop_column("icf_hours")
