"""books.numbered: whether a book numbers its own chapters, so a preface in one shows no number

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 19:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The reader shows "Chapter 2 of 104" only in a book that numbers none of its chapters: in one
    # that does ("1.2"), a preface has no number. Kept on the book, as its chapter count is, so that
    # reading a page need not look through the book's other chapters to know.
    # A plain ADD COLUMN, which both databases do in place. Batch mode would rebuild the table on
    # SQLite, and the rebuilt table would lose the title-order index (an index on an expression).
    op.add_column("books", sa.Column("numbered", sa.Boolean(), nullable=False, server_default=sa.false()))
    # Books already imported: numbered if any chapter carries the book's own number.
    op.execute(
        "UPDATE books SET numbered = EXISTS "
        "(SELECT 1 FROM chapters WHERE chapters.book_id = books.id AND chapters.label IS NOT NULL)"
    )


def downgrade() -> None:
    op.drop_column("books", "numbered")  # in place too: SQLite has had DROP COLUMN since 3.35
