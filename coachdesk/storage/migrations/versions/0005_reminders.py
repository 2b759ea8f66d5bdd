"""Reminders: the e-mail drafts written to chase people (SPEC 11)"""

from __future__ import annotations

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled by the change that brings this revision's columns


def downgrade() -> None:
    pass
