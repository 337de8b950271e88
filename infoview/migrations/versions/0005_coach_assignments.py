"""Assignments a coach sets for every client who shares with them ("three asks by Friday").

Revision ID: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create infoview_assignments."""
    op.create_table(
        "infoview_assignments",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column(
            "coach_id",
            sa.BigInteger,
            sa.ForeignKey("infoview_users.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("target", sa.Integer, nullable=False),
        sa.Column("starts", sa.Date, nullable=False),
        sa.Column("due", sa.Date, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("infoview_assignments_coach", "infoview_assignments", ["coach_id"])


def downgrade() -> None:
    """Drop infoview_assignments."""
    op.drop_table("infoview_assignments")
