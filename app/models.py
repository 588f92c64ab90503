"""The tables: books, their chapters, and the pages long chapters are cut into."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, MetaData, String, Text, UniqueConstraint, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints let Alembic's batch mode (SQLite rebuilds tables to alter them) find them later.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Book(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    author: Mapped[str | None] = mapped_column(String(500))
    language: Mapped[str | None] = mapped_column(String(35))
    description: Mapped[str | None] = mapped_column(Text)
    words: Mapped[int]
    minutes: Mapped[int]
    source_hash: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    chapters: Mapped[list[Chapter]] = relationship(
        back_populates="book", order_by="Chapter.number", cascade="all, delete-orphan", passive_deletes=True
    )


class Chapter(Base):
    __tablename__ = "chapters"
    __table_args__ = (UniqueConstraint("book_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    book_id: Mapped[int] = mapped_column(ForeignKey("books.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(500))
    markdown: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    words: Mapped[int]
    minutes: Mapped[int]
    page_count: Mapped[int]

    book: Mapped[Book] = relationship(back_populates="chapters")
    # passive_deletes: the database's ON DELETE CASCADE removes children, without loading them first.
    pages: Mapped[list[Page]] = relationship(
        order_by="Page.number", cascade="all, delete-orphan", passive_deletes=True
    )


class Page(Base):
    """A slice of a long chapter, stored ready to serve so read-chapter reads one small row."""

    __tablename__ = "pages"
    __table_args__ = (UniqueConstraint("chapter_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    chapter_id: Mapped[int] = mapped_column(ForeignKey("chapters.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    html: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    words: Mapped[int]
