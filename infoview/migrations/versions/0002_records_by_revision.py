"""Index records by the user revision that wrote them, for catching up with other servers."""

from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    """Add the (user_id, user_rev) index."""
    op.create_index("infoview_records_user_rev", "infoview_records", ["user_id", "user_rev"])


def downgrade() -> None:
    """Drop the index."""
    op.drop_index("infoview_records_user_rev", table_name="infoview_records")
