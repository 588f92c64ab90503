"""Reading books from disk: which paths are books, their files in order, and every way that can fail."""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from app.errors import ImportProblem
from app.ingest.pictures import MAX_PICTURE_BYTES, PictureUnavailable, ReadPicture

# The largest Markdown file Chapterwise imports. Real books are far smaller; the limit stops a
# mistaken path (a log file, a data dump) from filling the library or the server's memory.
MAX_FILE_BYTES = 20 * 1024 * 1024

MARKDOWN_SUFFIXES = (".md", ".markdown")
_NOT_CHAPTERS = {"readme.md", "summary.md"}
_SUMMARY_LINK = re.compile(r"^\s*(?:[-*+]|\d+\.)?\s*\[(?P<title>[^\]]+)\]\((?P<target>[^)]*)\)")


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One Markdown file's text, with the path its messages name."""

    path: str
    text: str


@dataclass(frozen=True, slots=True)
class BookSource:
    """A book as found on disk: its files in reading order, and for an mdBook the chapter titles."""

    root: Path
    files: list[SourceFile]
    titles: list[str] | None  # from SUMMARY.md: one chapter a file, titled by its link
    metadata: dict[str, str]


def find_books(path: Path) -> list[Path]:
    """The book roots a command-line path names: a file, a book folder, or a folder of books."""
    if not path.exists():
        raise ImportProblem(str(path), "no such file or folder. Check the path and try again.")
    if path.is_file():
        if path.suffix.lower() not in MARKDOWN_SUFFIXES:
            raise ImportProblem(
                str(path),
                "not a Markdown file: Chapterwise imports .md and .markdown files, and folders of them.",
            )
        return [path]
    if _summary(path) is not None:
        return [path]
    subfolders = [p for p in _natural(path.iterdir()) if p.is_dir() and _holds_markdown(p)]
    loose = _markdown_files(path)
    if subfolders:
        return subfolders + loose
    if loose:
        return [path]
    raise ImportProblem(
        str(path), "this folder holds no Markdown (.md) files. Point at a book file or a folder of them."
    )


def load(root: Path) -> BookSource:
    """Read one book root into its source files, checking each file as it goes."""
    if root.is_file():
        return BookSource(root, [read_source(root)], None, {})
    summary = _summary(root)
    if summary is not None:
        return _load_mdbook(root, summary)
    files = _markdown_files(root)
    if not files:
        raise ImportProblem(
            str(root), "this folder holds no Markdown (.md) files. Point at a book file or a folder of them."
        )
    return BookSource(root, [read_source(f) for f in files], None, {})


def picture_reader(root: Path) -> ReadPicture:
    """Reads a book's pictures from inside its folder (a lone file's folder), and nowhere else."""
    folder = (root if root.is_dir() else root.parent).resolve()

    def read(path: PurePosixPath) -> bytes:
        file = Path(path).resolve()  # symlinks and '..' resolved before the check below
        if not file.is_relative_to(folder):
            raise PictureUnavailable(f"is outside the book's folder ({folder}); move it inside")
        if not file.is_file():
            raise PictureUnavailable("was not found; add the file or fix the path")
        size = file.stat().st_size
        if size > MAX_PICTURE_BYTES:
            raise PictureUnavailable(
                f"is {math.ceil(size / 1024):,} KB, over the {MAX_PICTURE_BYTES // 1024} KB limit for a picture; "
                "save a smaller one (1,200 pixels wide is plenty)"
            )
        return file.read_bytes()

    return read


def read_source(path: Path) -> SourceFile:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ImportProblem(
            str(path),
            f"the file is {size / 1024 / 1024:.1f} MB, over the {MAX_FILE_BYTES // 1024 // 1024} MB limit. Split it into chapter files.",
        )
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportProblem(
            str(path),
            f"the file is not UTF-8 (byte {error.start} is not valid). Save it as UTF-8 and import again.",
            line=line,
        ) from None
    if not text.strip():
        raise ImportProblem(str(path), "the file is empty. Write some Markdown in it, or leave it out.")
    return SourceFile(str(path), text.replace("\r\n", "\n"))


def _load_mdbook(root: Path, summary: Path) -> BookSource:
    src = summary.parent
    files: list[SourceFile] = []
    titles: list[str] = []
    for number, line in enumerate(summary.read_text(encoding="utf-8").splitlines(), 1):
        match = _SUMMARY_LINK.match(line)
        if match is None or not match["target"].strip():
            continue  # headings, separators and draft chapters `[Title]()` are not chapters
        target = PurePosixPath(unquote(match["target"].strip().split("#")[0]))
        chapter = (src / target).resolve()
        if target.is_absolute() or not chapter.is_relative_to(root.resolve()):
            raise ImportProblem(
                str(summary),
                f"links to '{target}', outside the book folder. Link only to files inside it.",
                line=number,
            )
        if not chapter.is_file():
            raise ImportProblem(
                str(summary),
                f"links to '{target}', which does not exist. Create the file or remove the line.",
                line=number,
            )
        files.append(read_source(chapter))
        titles.append(match["title"].strip())
    if not files:
        raise ImportProblem(
            str(summary), "links to no chapter files. Add lines like `- [Title](chapter.md)`."
        )
    return BookSource(root, files, titles, _book_toml(root))


def _summary(folder: Path) -> Path | None:
    for candidate in (folder / "SUMMARY.md", folder / _src_folder(folder) / "SUMMARY.md"):
        if candidate.is_file():
            return candidate
    return None


def _src_folder(folder: Path) -> str:
    return str(_read_toml(folder).get("book", {}).get("src", "src"))


def _book_toml(root: Path) -> dict[str, str]:
    book = _read_toml(root).get("book", {})
    authors = book.get("authors")
    metadata = {
        "title": book.get("title"),
        "author": ", ".join(authors) if isinstance(authors, list) else authors,
        "language": book.get("language"),
        "description": book.get("description"),
    }
    return {k: str(v) for k, v in metadata.items() if v}


def _read_toml(folder: Path) -> dict[str, Any]:
    path = folder / "book.toml"
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ImportProblem(
            str(path), f"book.toml is not valid TOML ({error}). Fix it, or remove it."
        ) from None


def _markdown_files(folder: Path) -> list[Path]:
    return [
        p
        for p in _natural(folder.iterdir())
        if p.is_file() and p.suffix.lower() in MARKDOWN_SUFFIXES and p.name.lower() not in _NOT_CHAPTERS
    ]


def _holds_markdown(folder: Path) -> bool:
    return _summary(folder) is not None or bool(_markdown_files(folder))


def _natural(paths: Iterable[Path]) -> list[Path]:
    """Sorted as a person would: 2-intro.md before 10-end.md."""

    def key(path: Path) -> list[tuple[int, int | str]]:
        return [
            (0, int(part)) if part.isdigit() else (1, part.lower()) for part in re.split(r"(\d+)", path.name)
        ]

    return sorted(paths, key=key)
