"""reading state: readers, their progress in each book, highlights with notes, and bookmarks

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 10:45:36.242319
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "readers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("spoiler_safe", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_readers")),
        sa.UniqueConstraint("key", name=op.f("uq_readers_key")),
    )
    op.create_table(
        "bookmarks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reader_id", sa.Integer(), nullable=False),
        sa.Column("book_slug", sa.String(length=200), nullable=False),
        sa.Column("book_id", sa.Integer(), nullable=True),
        sa.Column("chapter", sa.Integer(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["book_id"], ["books.id"], name=op.f("fk_bookmarks_book_id_books"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["reader_id"], ["readers.id"], name=op.f("fk_bookmarks_reader_id_readers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bookmarks")),
        sa.UniqueConstraint("reader_id", "book_slug", "chapter", "page", name=op.f("uq_bookmarks_reader_id")),
    )
    with op.batch_alter_table("bookmarks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bookmarks_book_id"), ["book_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_bookmarks_reader_id"), ["reader_id"], unique=False)

    op.create_table(
        "highlights",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reader_id", sa.Integer(), nullable=False),
        sa.Column("book_slug", sa.String(length=200), nullable=False),
        sa.Column("book_id", sa.Integer(), nullable=True),
        sa.Column("chapter", sa.Integer(), nullable=False),
        sa.Column("anchor", sa.String(length=100), nullable=False),
        sa.Column("quote", sa.String(length=2000), nullable=False),
        sa.Column("colour", sa.String(length=10), nullable=False),
        sa.Column("note", sa.String(length=4000), nullable=True),
        sa.Column("changed", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "colour IN ('yellow', 'green', 'blue', 'pink')", name=op.f("ck_highlights_colour")
        ),
        sa.CheckConstraint("length(note) <= 4000", name=op.f("ck_highlights_note_length")),
        sa.CheckConstraint("length(quote) <= 2000", name=op.f("ck_highlights_quote_length")),
        sa.ForeignKeyConstraint(
            ["book_id"], ["books.id"], name=op.f("fk_highlights_book_id_books"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["reader_id"], ["readers.id"], name=op.f("fk_highlights_reader_id_readers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_highlights")),
    )
    with op.batch_alter_table("highlights", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_highlights_book_id"), ["book_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_highlights_reader_id"), ["reader_id"], unique=False)

    op.create_table(
        "progress",
        sa.Column("reader_id", sa.Integer(), nullable=False),
        sa.Column("book_id", sa.Integer(), nullable=False),
        sa.Column("chapter", sa.Integer(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("anchor", sa.String(length=100), nullable=True),
        sa.Column("furthest_chapter", sa.Integer(), nullable=False),
        sa.Column("percent", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["book_id"], ["books.id"], name=op.f("fk_progress_book_id_books"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["reader_id"], ["readers.id"], name=op.f("fk_progress_reader_id_readers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("reader_id", "book_id", name=op.f("pk_progress")),
    )


def downgrade() -> None:
    op.drop_table("progress")
    with op.batch_alter_table("highlights", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_highlights_reader_id"))
        batch_op.drop_index(batch_op.f("ix_highlights_book_id"))

    op.drop_table("highlights")
    with op.batch_alter_table("bookmarks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bookmarks_reader_id"))
        batch_op.drop_index(batch_op.f("ix_bookmarks_book_id"))

    op.drop_table("bookmarks")
    op.drop_table("readers")
