"""Audit log, equality monitoring fields, workforce headcounts, coaching-culture assessments"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=12), nullable=False),
        sa.Column("record_kind", sa.String(length=30), nullable=False),
        sa.Column("record_id", sa.String(length=254), nullable=True),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("detail", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_record_kind"), ["record_kind"], unique=False)

    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ethnic_group", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("sex", sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column("disability", sa.String(length=30), nullable=True))

    op.create_table(
        "workforce_headcounts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("dimension", sa.String(length=20), nullable=False),
        sa.Column("staff_group", sa.String(length=60), nullable=False),
        sa.Column("headcount", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workforce_headcounts")),
        sa.UniqueConstraint(
            "organisation",
            "period_start",
            "period_end",
            "dimension",
            "staff_group",
            name="uq_workforce_headcount_group",
        ),
    )
    op.create_table(
        "culture_assessments",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("stage", sa.Integer(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("next_step", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_culture_assessments")),
    )
    with op.batch_alter_table("culture_assessments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_culture_assessments_organisation"), ["organisation"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("culture_assessments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_culture_assessments_organisation"))
    op.drop_table("culture_assessments")
    op.drop_table("workforce_headcounts")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_column("disability")
        batch_op.drop_column("sex")
        batch_op.drop_column("ethnic_group")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_record_kind"))
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))
    op.drop_table("audit_log")
