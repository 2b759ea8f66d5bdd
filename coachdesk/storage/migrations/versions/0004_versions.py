"""Versions on every editable record, and the database user in the audit log (SPEC 12)"""

from __future__ import annotations

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled by the change that brings this revision's columns


def downgrade() -> None:
    pass
