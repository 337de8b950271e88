"""What a coach publishes to every client who shares: ask templates and questions.

Revision ID: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create infoview_publications."""
    op.create_table(
        "infoview_publications",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column(
            "coach_id",
            sa.BigInteger,
            sa.ForeignKey("infoview_users.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("subject", sa.Text, nullable=False, server_default=""),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("infoview_publications_coach", "infoview_publications", ["coach_id"])


def downgrade() -> None:
    """Drop infoview_publications."""
    op.drop_table("infoview_publications")
