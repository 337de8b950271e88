"""Table pieces the migrations share: a column holding a user's id, a coach's cohort table.

Migrations are history: a database migrated last year and one migrated today must end up
the same. So a helper here never changes once a migration uses it; a later migration that
needs something else gets a helper of its own.
"""

import sqlalchemy as sa
from alembic import op


def user_column(name: str, nullable: bool = False) -> sa.Column:
    """A column holding a user's id: deleting the user deletes the row."""
    return sa.Column(
        name,
        sa.BigInteger,
        sa.ForeignKey("infoview_users.id", ondelete="CASCADE"),
        nullable=nullable,
    )


def create_cohort_table(name: str, *columns: sa.Column) -> None:
    """Create a table of things a coach makes for every client, with ``columns`` its own.

    Around them: an id, the coach, a kind and when it was made; an index by coach.
    """
    op.create_table(
        name,
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        user_column("coach_id"),
        sa.Column("kind", sa.Text, nullable=False),
        *columns,
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(f"{name}_coach", name, ["coach_id"])
