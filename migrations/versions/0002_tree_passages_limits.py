"""chapters as a tree, passages, length limits on every database; drop whole-chapter copies

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 09:53:00.860932
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, column, limit): the lengths app/schema.py promises, as CHECK constraints.
LIMITS = [
    ("books", "slug", 200),
    ("books", "title", 300),
    ("books", "author", 300),
    ("books", "language", 35),
    ("books", "description", 2000),
    ("chapters", "title", 300),
    ("chapters", "part", 300),
]


def upgrade() -> None:
    # Values imported before the limits existed are shortened, so that the constraints can be added.
    for table, column, limit in LIMITS:
        if column == "part":
            continue  # a new column, added below
        op.execute(
            f"UPDATE {table} SET {column} = substr({column}, 1, {limit}) WHERE length({column}) > {limit}"
        )

    with op.batch_alter_table("books") as batch_op:
        batch_op.add_column(sa.Column("origin", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("chapter_count", sa.Integer(), nullable=False, server_default="0"))
        batch_op.alter_column(
            "title", existing_type=sa.String(500), type_=sa.String(300), existing_nullable=False
        )
        batch_op.alter_column(
            "author", existing_type=sa.String(500), type_=sa.String(300), existing_nullable=True
        )
        batch_op.alter_column(
            "description", existing_type=sa.Text(), type_=sa.String(2000), existing_nullable=True
        )
        for table, column, limit in LIMITS:
            if table == "books":
                batch_op.create_check_constraint(f"{column}_length", f"length({column}) <= {limit}")

    # Every card shows its chapter count: kept on the book rather than counted on every list.
    op.execute(
        "UPDATE books SET chapter_count = (SELECT count(*) FROM chapters WHERE chapters.book_id = books.id)"
    )
    with op.batch_alter_table("books") as batch_op:
        batch_op.alter_column(
            "chapter_count", server_default=None, existing_type=sa.Integer(), existing_nullable=False
        )

    with op.batch_alter_table("chapters") as batch_op:
        batch_op.add_column(sa.Column("depth", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("label", sa.String(20), nullable=True))
        batch_op.add_column(sa.Column("part", sa.String(300), nullable=True))
        batch_op.add_column(sa.Column("trail", sa.Text(), nullable=False, server_default="[]"))
        batch_op.alter_column(
            "title", existing_type=sa.String(500), type_=sa.String(300), existing_nullable=False
        )
        # Whole-chapter copies nothing read: the pages hold everything served.
        batch_op.drop_column("text")
        batch_op.drop_column("markdown")
        batch_op.drop_column("html")
        batch_op.create_check_constraint("title_length", "length(title) <= 300")
        batch_op.create_check_constraint("part_length", "length(part) <= 300")

    # The model now reads Markdown rather than flattened text; books re-render on their next import.
    with op.batch_alter_table("pages") as batch_op:
        batch_op.alter_column(
            "text", new_column_name="markdown", existing_type=sa.Text(), existing_nullable=False
        )

    op.create_table(
        "passages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("page_id", sa.Integer(), nullable=False),
        sa.Column("anchor", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.CheckConstraint("length(anchor) <= 100", name=op.f("ck_passages_anchor_length")),
        sa.ForeignKeyConstraint(
            ["page_id"], ["pages.id"], name=op.f("fk_passages_page_id_pages"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_passages")),
    )
    with op.batch_alter_table("passages") as batch_op:
        batch_op.create_index(batch_op.f("ix_passages_anchor"), ["anchor"], unique=False)
        batch_op.create_index(batch_op.f("ix_passages_page_id"), ["page_id"], unique=False)


def downgrade() -> None:
    op.drop_table("passages")
    with op.batch_alter_table("pages") as batch_op:
        batch_op.alter_column(
            "markdown", new_column_name="text", existing_type=sa.Text(), existing_nullable=False
        )
    with op.batch_alter_table("chapters") as batch_op:
        batch_op.drop_constraint(op.f("ck_chapters_part_length"), type_="check")
        batch_op.drop_constraint(op.f("ck_chapters_title_length"), type_="check")
        batch_op.add_column(sa.Column("html", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("markdown", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("text", sa.Text(), nullable=False, server_default=""))
        batch_op.alter_column(
            "title", existing_type=sa.String(300), type_=sa.String(500), existing_nullable=False
        )
        batch_op.drop_column("trail")
        batch_op.drop_column("part")
        batch_op.drop_column("label")
        batch_op.drop_column("depth")
    with op.batch_alter_table("books") as batch_op:
        for table, column, _ in LIMITS:
            if table == "books":
                batch_op.drop_constraint(op.f(f"ck_books_{column}_length"), type_="check")
        batch_op.alter_column(
            "description", existing_type=sa.String(2000), type_=sa.Text(), existing_nullable=True
        )
        batch_op.alter_column(
            "author", existing_type=sa.String(300), type_=sa.String(500), existing_nullable=True
        )
        batch_op.alter_column(
            "title", existing_type=sa.String(300), type_=sa.String(500), existing_nullable=False
        )
        batch_op.drop_column("chapter_count")
        batch_op.drop_column("origin")
