"""Keep each record as json (its text, as written) instead of jsonb.

Nothing queries inside a record; a user's records are read whole when they sign in. jsonb
had to be turned back into text on every read, which took most of the time to open a
30,000-contact user (measured: 1.4-2.7 s against 0.6-0.7 s for json).
"""

from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    """Change infoview_records.doc from jsonb to json."""
    op.execute("ALTER TABLE infoview_records ALTER COLUMN doc TYPE json USING doc::json")


def downgrade() -> None:
    """Change infoview_records.doc back to jsonb."""
    op.execute("ALTER TABLE infoview_records ALTER COLUMN doc TYPE jsonb USING doc::jsonb")
