"""Assignments a coach sets for every client who shares with them ("three asks by Friday")."""

import sqlalchemy as sa
from alembic import op

from infoview.migrations.tables import create_cohort_table

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    """Create infoview_assignments."""
    create_cohort_table(
        "infoview_assignments",
        sa.Column("target", sa.Integer, nullable=False),
        sa.Column("starts", sa.Date, nullable=False),
        sa.Column("due", sa.Date, nullable=False),
    )


def downgrade() -> None:
    """Drop infoview_assignments."""
    op.drop_table("infoview_assignments")
