"""Coach and client: a display name per user, invitations, shares and coach comments.

Sharing lives beside the users' records, not inside them: a coach's only write into a
client's data is a comment row, and a share row is what lets the coach read at all.
"""

import sqlalchemy as sa
from alembic import op

from infoview.migrations.tables import user_column

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    """Add infoview_users.display_name and the invitations, shares and comments tables."""
    op.add_column(
        "infoview_users", sa.Column("display_name", sa.Text, nullable=False, server_default="")
    )
    op.create_table(
        "infoview_invitations",
        sa.Column("code_hash", sa.Text, primary_key=True),
        user_column("client_id"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        user_column("used_by", nullable=True),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("infoview_invitations_client", "infoview_invitations", ["client_id"])
    op.create_table(
        "infoview_shares",
        user_column("client_id"),
        user_column("coach_id"),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("client_id", "coach_id", name="infoview_shares_pkey"),
    )
    op.create_index("infoview_shares_coach", "infoview_shares", ["coach_id"])
    op.create_table(
        "infoview_comments",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        user_column("client_id"),
        user_column("coach_id"),
        sa.Column("tbl", sa.Text, nullable=False),
        sa.Column("record_id", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("infoview_comments_client", "infoview_comments", ["client_id", "id"])


def downgrade() -> None:
    """Drop the three tables and the display name."""
    op.drop_table("infoview_comments")
    op.drop_table("infoview_shares")
    op.drop_table("infoview_invitations")
    op.drop_column("infoview_users", "display_name")
