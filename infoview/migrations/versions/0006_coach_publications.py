"""What a coach publishes to every client who shares: ask templates and questions."""

import sqlalchemy as sa
from alembic import op

from infoview.migrations.tables import create_cohort_table

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    """Create infoview_publications."""
    create_cohort_table(
        "infoview_publications",
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("subject", sa.Text, nullable=False, server_default=""),
        sa.Column("body", sa.Text, nullable=False),
    )


def downgrade() -> None:
    """Drop infoview_publications."""
    op.drop_table("infoview_publications")
