"""mdBook folders: book.toml's details and src folder, and SUMMARY.md's chapters in order."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from app.errors import ImportProblem
from app.ingest.files import BookFolder, Unreadable, decode, real_path
from app.ingest.gitbook import gitbook_space, landing_title
from app.ingest.gitbookjson import gitbook_summary_of
from app.ingest.placement import Layout, Placed
from app.ingest.summary import read_summary

_TOML_BYTES = 1024 * 1024


def summary_of(folder: Path) -> Path | None:
    """The SUMMARY.md that makes a folder an mdBook: at its top, or in book.toml's src folder (or
    where a GitBook's `.gitbook.yaml` or `book.json` says the book keeps it)."""
    space = gitbook_space(folder)
    if space is not None and space.summary.is_file() and not space.summary.is_symlink():
        return space.summary
    moved = gitbook_summary_of(folder)  # a GitBook 3 / HonKit book.json may move it too
    if moved is not None:
        return moved
    for candidate in (folder / "SUMMARY.md", folder / _src(folder, None) / "SUMMARY.md"):
        if candidate.is_file() and not candidate.is_symlink():
            return candidate
    return None


def read_mdbook(books: BookFolder, summary: Path, warnings: list[str]) -> Layout:
    """SUMMARY.md's chapters in order. One it names that is missing, or outside the book, is left out
    with a warning naming its line, as mdBook and GitBook still build such a book; a reader can then
    read the rest of it."""
    root = books.root
    config = _book_table(root, books) or _book_json(root, books)
    src = summary.parent
    text = _read_text(books, summary)
    # GitBook reads the same SUMMARY.md but numbers nothing; its books carry its config or uploads.
    gitbook = (
        (root / ".gitbook.yaml").is_file()
        or (root / ".gitbook").is_dir()
        or (src / ".gitbook").is_dir()
        # GitBook's legacy config, which HonKit still reads (yeasy/docker_practice): no book.toml, no numbers.
        or ((root / "book.json").is_file() and not (root / "book.toml").is_file())
    )
    if gitbook and "title" not in config:
        # A GitBook space's name lives in GitBook, not in the repository; its landing page's heading
        # says it best, unless that is only "Introduction" or "Welcome".
        space = gitbook_space(root)
        title = landing_title(books, space.readme if space is not None else src / "README.md")
        config = {**config, "title": title} if title else config
    files: list[Placed] = []
    problems: list[tuple[int, str]] = []
    entries = read_summary(text)
    for position, entry in enumerate(entries):
        # Without a page, an entry with sub-chapters still holds them together in the contents; one
        # without is a draft chapter `[Title]()` that mdBook lists but has no page for, or a missing file.
        parent = position + 1 < len(entries) and entries[position + 1].depth > entry.depth
        label = None if gitbook else entry.label
        if entry.target is None:
            if parent:
                files.append(Placed(summary, entry.title, entry.depth, label, entry.part, role="heading"))
            continue
        target = unquote(entry.target.split("#", 1)[0].split("?", 1)[0])
        if not target or "://" in target or target.startswith("mailto:"):
            continue
        # `/intro.md` is from the book's own folder, as GitBook reads it, never from the disk's root.
        chapter = src / target.lstrip("/")
        try:
            books.locate(chapter)
        except Unreadable as problem:
            try:
                outside = not real_path(chapter).is_relative_to(root)
            except Unreadable:
                outside = False  # a link that loops: the problem above says so
            if outside:
                reason = "outside the book folder, so it was left out. Link only to files inside it."
            elif parent:
                reason = f"which {problem}, or remove the line. Until then its page lists its sub-chapters."
            else:
                reason = f"which {problem}, or remove the line. The chapter was left out."
            problems.append((entry.line, f"links to '{target}', {reason}"))
            if parent and not outside:
                files.append(Placed(chapter, entry.title, entry.depth, label, entry.part, role="heading"))
            continue
        files.append(Placed(chapter, entry.title, entry.depth, label, entry.part))
    pages = [placed for placed in files if placed.role == "chapter"]
    if not pages and problems:
        first_line, first = problems[0]  # with no chapter left there is no book: the first reason says why
        raise ImportProblem(str(summary), first, line=first_line)
    warnings.extend(f"{summary}:{line}: {reason}" for line, reason in problems)
    if not pages:
        raise ImportProblem(
            str(summary),
            "links to no chapter files in the book. Add lines like `- [Title](chapter.md)`, each "
            "naming a file beside SUMMARY.md.",
        )
    return Layout(files, config, site_root=src)


def _read_text(books: BookFolder, path: Path) -> str:
    try:
        return books.read_text(path)
    except Unreadable as problem:
        raise ImportProblem(str(path), f"{problem}.") from None


def _src(folder: Path, books: BookFolder | None) -> str:
    book = _read_toml(folder, books).get("book", {})
    src = book.get("src", "src") if isinstance(book, dict) else "src"
    return src if isinstance(src, str) and src and not src.startswith("/") else "src"


def _book_table(root: Path, books: BookFolder) -> dict[str, str]:
    path = root / "book.toml"
    data = _read_toml(root, books)
    book = data.get("book", {})
    if not isinstance(book, dict):
        raise ImportProblem(
            str(path), '[book] must be a table, like `[book]` then `title = "My Book"` on the next line.'
        )
    authors = book.get("authors")
    if isinstance(authors, list):
        authors = ", ".join(str(a) for a in authors if isinstance(a, str | int | float))
    metadata = {
        "title": book.get("title"),
        "author": authors,
        "language": book.get("language"),
        "description": book.get("description"),
    }
    for key, value in metadata.items():
        if value is not None and not isinstance(value, str):
            raise ImportProblem(
                str(path), f'`{key}` under [book] must be text in quotes, like `{key} = "…"`.'
            )
    return {key: value.strip() for key, value in metadata.items() if isinstance(value, str) and value.strip()}


def _book_json(root: Path, books: BookFolder) -> dict[str, str]:
    """GitBook's (and HonKit's) book.json: its title, author, description and language, when the book
    has no book.toml. One that is not JSON stops the import, naming it."""
    path = root / "book.json"
    if not path.is_file():
        return {}
    try:
        data = json.loads(books.config_text(path, limit=_TOML_BYTES))
    except ValueError as error:
        raise ImportProblem(
            str(path), f"book.json is not valid JSON ({error}). Fix it, or remove it."
        ) from None
    data = data if isinstance(data, dict) else {}
    metadata = {key: data.get(key) for key in ("title", "author", "description", "language")}
    return {key: value.strip() for key, value in metadata.items() if isinstance(value, str) and value.strip()}


def _read_toml(folder: Path, books: BookFolder | None) -> dict[str, Any]:
    path = folder / "book.toml"
    if not path.is_file():
        return {}
    try:
        if books is not None:
            data = books.read_bytes(path, limit=_TOML_BYTES)
        elif path.is_symlink() or path.stat().st_size > _TOML_BYTES:
            return {}
        else:
            data = path.read_bytes()
        return tomllib.loads(decode(str(path), data))
    except Unreadable as problem:
        raise ImportProblem(str(path), f"{problem}.") from None
    except tomllib.TOMLDecodeError as error:
        raise ImportProblem(
            str(path), f"book.toml is not valid TOML ({error}). Fix it, or remove it."
        ) from None
