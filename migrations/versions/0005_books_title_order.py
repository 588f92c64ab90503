"""books in title order: an index on lower(title), slug for list-books' pages and finding a book by title

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 12:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # An expression index: SQLite (3.9+) and PostgreSQL both keep lower(title) in it, so ordering
    # and matching by lower(title) read the index instead of computing it for every book.
    op.create_index("ix_books_title_order", "books", [sa.text("lower(title)"), "slug"])


def downgrade() -> None:
    op.drop_index("ix_books_title_order", table_name="books")
