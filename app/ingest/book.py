"""parse_book(): the pure step from Markdown sources to a book draft, with no I/O."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import PurePath

from app.errors import ImportProblem
from app.ingest.draft import BookDraft
from app.ingest.frontmatter import split_front_matter
from app.ingest.pictures import Pictures, ReadPicture
from app.ingest.sources import SourceFile
from app.ingest.split import Section, build_chapter, split_sections, whole_file

# Part of every source hash: bump it when rendering changes, so re-importing updates stored books.
INGEST_VERSION = "3"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def parse_book(
    sources: Sequence[SourceFile],
    *,
    slug: str,
    metadata: Mapping[str, str] | None = None,
    titles: Sequence[str] | None = None,
    pictures: ReadPicture | None = None,
) -> BookDraft:
    """One book from its sources in reading order; `titles` (from an mdBook SUMMARY.md) name one chapter a file.

    `pictures` reads the pictures the Markdown shows by relative path (see pictures.py); without
    it, each shows its description.
    """
    meta = dict(metadata or {})
    bodies: list[str] = []
    for index, source in enumerate(sources):
        front, body = split_front_matter(source.path, source.text)
        if index == 0:
            meta = {**meta, **front}  # the first file's front matter describes the whole book
        bodies.append(body)
    fallback = _prettify(PurePath(sources[0].path).stem if len(sources) == 1 else slug)
    if titles is not None:
        sections = [
            dataclasses.replace(whole_file(body, fallback_title=title, source=source.path), title=title)
            for title, source, body in zip(titles, sources, bodies, strict=True)
        ]
    elif len(bodies) == 1:
        split = split_sections(bodies[0], fallback_title=meta.get("title", fallback), source=sources[0].path)
        meta.setdefault("title", split.title or fallback)
        sections = split.sections
    else:
        sections = [
            s for source, body in zip(sources, bodies, strict=True) for s in _file_sections(source, body)
        ]
    book_pictures = Pictures(pictures)
    chapters = tuple(build_chapter(s, book_pictures) for s in sections)
    if not chapters:
        raise ImportProblem(sources[0].path, "has no text to read. Write some Markdown in it.")
    final_slug = meta.get("slug", slug)
    if not _SLUG.match(final_slug):
        raise ImportProblem(
            sources[0].path,
            f"slug '{final_slug}' may hold only a-z, 0-9 and single hyphens, e.g. 'my-book'.",
            line=None,
        )
    return BookDraft(
        slug=final_slug,
        title=meta.get("title", fallback),
        author=meta.get("author"),
        language=meta.get("language"),
        description=meta.get("description"),
        chapters=chapters,
        source_hash=_hash(sources, meta, titles, book_pictures.outcomes),
        warnings=tuple(book_pictures.warnings.values()),
    )


def slugify(name: str) -> str:
    """A stable ASCII slug for a file or folder name; names with no ASCII letters get a short hash."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or "book-" + hashlib.sha256(name.encode()).hexdigest()[:8]


def _file_sections(source: SourceFile, body: str) -> list[Section]:
    """In a folder each file is one chapter, unless it has several `#` headings: then each is one."""
    title = _prettify(PurePath(source.path).stem)
    split = split_sections(body, fallback_title=title, source=source.path)
    if split.level == "h1":
        return split.sections
    return [whole_file(body, fallback_title=title, source=source.path)]


def _prettify(name: str) -> str:
    words = re.sub(r"^[\d\s._-]+", "", name).replace("_", " ").replace("-", " ").strip()
    return (words or name)[:1].upper() + (words or name)[1:]


def _hash(
    sources: Sequence[SourceFile],
    meta: Mapping[str, str],
    titles: Sequence[str] | None,
    pictures: Sequence[tuple[str, str]],
) -> str:
    digest = hashlib.sha256(INGEST_VERSION.encode())
    described = [sorted(meta.items()), list(titles or []), list(pictures)]
    digest.update(json.dumps(described, ensure_ascii=False).encode())
    for source in sources:
        digest.update(b"\0" + source.text.encode())
    return digest.hexdigest()
