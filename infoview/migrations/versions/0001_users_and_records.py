"""Users (issuer + subject, a revision) and their records, one JSONB row each."""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

from infoview.migrations.tables import user_column

revision = "0001"
down_revision = None


def upgrade() -> None:
    """Create the users and records tables."""
    op.create_table(
        "infoview_users",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("issuer", sa.Text, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("revision", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.UniqueConstraint("issuer", "subject", name="infoview_users_identity"),
    )
    op.create_table(
        "infoview_records",
        sa.Column("seq", sa.BigInteger, sa.Identity(), nullable=False),
        user_column("user_id"),
        sa.Column("tbl", sa.Text, nullable=False),
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("doc", JSONB, nullable=False),
        sa.Column("user_rev", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("user_id", "tbl", "id", name="infoview_records_pkey"),
    )
    op.create_index("infoview_records_user_seq", "infoview_records", ["user_id", "seq"])


def downgrade() -> None:
    """Drop both tables."""
    op.drop_table("infoview_records")
    op.drop_table("infoview_users")
