"""passages in page order: an index on (page_id, position) in place of the one on page_id

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 15:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The number of a page's first passage is min(position) over its passages: with position in the
    # index it is one step into the index, where the page_id index alone meant reading every
    # passage of the page. The new index still finds a page's passages (its first column), so the
    # old one goes.
    op.create_index("ix_passages_page_position", "passages", ["page_id", "position"])
    op.drop_index("ix_passages_page_id", table_name="passages")


def downgrade() -> None:
    op.create_index("ix_passages_page_id", "passages", ["page_id"])
    op.drop_index("ix_passages_page_position", table_name="passages")
