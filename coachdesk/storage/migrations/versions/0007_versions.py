"""Versions on every editable record, and the database user in the audit log (SPEC 12)"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: Every table of an editable record (the ``Stamped`` models) as of this revision.
VERSIONED = (
    "attachments",
    "people",
    "registrations",
    "requests",
    "relationships",
    "meetings",
    "templates",
    "evaluations",
    "cpd",
    "supervision",
    "learning_log",
    "workforce_headcounts",
    "culture_assessments",
)


def upgrade() -> None:
    # Existing records start at version 1 (the server default fills them); batch mode
    # rebuilds each table on SQLite and is a plain ALTER TABLE on PostgreSQL.
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("version", sa.Integer(), nullable=False, server_default="1")
            )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("db_user", sa.String(length=63), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("db_user")
    for table in reversed(VERSIONED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
