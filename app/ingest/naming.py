"""A book's title, details and slug, and the reason for the slug, which the import command reports.

Each is chosen from the book's configuration (book.toml, mkdocs.yml), then its front matter, then
its headings, then its file or folder name.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.errors import ImportProblem
from app.ingest.folders import first_heading, is_index
from app.ingest.limits import MAX_AUTHOR, MAX_DESCRIPTION, MAX_LANGUAGE, MAX_TITLE, capped
from app.ingest.placement import prettify, without_page_id
from app.ingest.sourcefile import ChapterFile
from app.ingest.titles import leading_title
from app.ingest.translations import is_language, language_suffix

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LANGUAGE_SUFFIX = re.compile(r"([a-z]+)[._-]([a-z]{2}(?:[-_][a-z]{2,4})?)")
# Folder names that say where a book is kept, not what it is called: such a book is named by its title.
_GENERIC_FOLDERS = frozenset(
    {"docs", "doc", "documentation", "src", "book", "books", "content", "site", "website", "manual"}
)


@dataclass(frozen=True, slots=True)
class Naming:
    """What a book is called, who wrote it, and where its title heading is."""

    title: str
    author: str | None
    language: str | None
    description: str | None
    slug: str
    slug_given: bool
    slug_reason: str
    single: bool  # one file holding the whole book, cut into chapters at its headings
    title_line: int | None  # in a single file, the line of the `# Title` that names the book


def name_book(
    files: Sequence[ChapterFile],
    *,
    config: dict[str, str],
    name: str,
    is_file: bool,
    slug: str | None,
    title: str | None,
    warnings: list[str],
    default_slug: str | None = None,
    where_from: Path | None = None,
) -> Naming:
    """The table of contents' config first, then front matter, then headings, then names."""
    lead = next((f for f in files if f.role == "intro"), files[0])
    front = dict(lead.front)
    book_title = next((f.front["book_title"] for f in files if "book_title" in f.front), None)
    single = is_file and len(files) == 1
    title_line: int | None = None
    found_title: str | None = None
    if single:
        found = leading_title(lead.source.text)
        if found is not None:
            found_title, title_line = found
    elif lead.role == "intro":
        found_title = first_heading(lead.source.text)
    # In a folder, a file's own `title` names its chapter; only the intro's names the book.
    own_title = front.get("title") if single or lead.role == "intro" else None
    where = lead.source.path
    chosen_title = title or config.get("title") or book_title or own_title or found_title
    language_folder = not is_file and _translation(name, where_from)
    # `README-ja.md` imported on its own: the README in Japanese, named as the README is, and told apart.
    translated = _index_translation(name) if is_file else None
    index_name = f"README{Path(name).suffix}" if translated else name
    in_language = name if language_folder else translated
    derived = _name_title(index_name, where_from) + (f" ({in_language})" if in_language else "")
    final_title = capped(chosen_title or derived, MAX_TITLE, "title", warnings, where)
    first = next((f.front for f in files if f.role == "chapter"), front)
    details = {
        key: config.get(key) or front.get(key) or first.get(key)
        for key in ("author", "language", "description")
    }
    if in_language and not details["language"]:
        details["language"] = in_language
    chosen_slug, given, reason = _slug(
        slug, front.get("slug"), final_title, index_name, is_file, default_slug, where, where_from
    )
    if (
        translated
        and not given
        and default_slug is None
        and not chosen_slug.endswith(f"-{slugify(translated)}")
    ):
        # Else it would take the original's slug, and importing it would replace the original.
        chosen_slug = f"{chosen_slug}-{slugify(translated)}"
        reason = f"{reason}, and its language '{translated}'"
    return Naming(
        title=final_title,
        author=_capped(details["author"], MAX_AUTHOR, "author", warnings, where),
        language=_capped(details["language"], MAX_LANGUAGE, "language", warnings, where),
        description=_capped(details["description"], MAX_DESCRIPTION, "description", warnings, where),
        slug=chosen_slug,
        slug_given=given,
        slug_reason=reason,
        single=single,
        title_line=title_line,
    )


def _capped(value: str | None, limit: int, what: str, warnings: list[str], where: str) -> str | None:
    return capped(value, limit, what, warnings, where) if value else None


def _index_translation(name: str) -> str | None:
    """The language a README's translation is in, as its name writes it: `README-zh-Hans.md` -> "zh-Hans"."""
    stem = Path(name).stem
    found = language_suffix(stem)
    if found is None or not is_index(Path(found[0])):
        return None
    written = stem[len(found[0]) + 1 :]
    return written.lower() if written.isupper() else written  # `README_EN.md`: "en"


def _generic(name: str) -> bool:
    """A folder name that says where a book is kept (docs, src, en, zh-CN), not what it is called."""
    lowered = name.lower()
    # One language's folder of a site: Hugo's `content.en`, or `docs-zh`, `doc_fr`.
    found = _LANGUAGE_SUFFIX.fullmatch(lowered)
    if found is not None and found.group(1) in _GENERIC_FOLDERS and is_language(found.group(2)):
        return True
    return lowered in _GENERIC_FOLDERS or is_language(lowered)


def _translation(name: str, where: Path | None) -> bool:
    """Whether a folder is one language of a site (`docs/fr` beside `docs/en`): then its book says which.

    A folder alone with a name like a language (`cs/`, for computer science) is not one.
    """
    if where is None or not is_language(name):
        return False
    siblings = (entry.name for entry in where.parent.iterdir() if entry.is_dir() and entry.name != name)
    return any(is_language(sibling) for sibling in siblings)


def _name_title(name: str, where: Path | None) -> str:
    """A title from a file or folder name, never "README": an index file or a `docs` folder is named
    by the nearest folder above it whose name says what it holds."""
    if not (is_index(Path(name)) or _generic(name)):
        return prettify(name)
    for folder in where.parents if where is not None else ():
        if folder.name and not _generic(folder.name):
            return prettify(folder.name)
    return "Untitled book"


def _slug(
    asked: str | None,
    front: str | None,
    title: str,
    name: str,
    is_file: bool,
    default: str | None,
    where: str,
    where_from: Path | None = None,
) -> tuple[str, bool, str]:
    """The slug, whether it was chosen rather than derived, and why it is what it is."""
    if asked is not None:
        return _checked(asked, where, "the slug given"), True, "as given"
    # One starting with `/` is the page's address on its site (Docusaurus' `slug: /`), not a book's name.
    if front and not front.startswith("/"):
        return _checked(front, where, "slug"), True, "from the front matter"
    if default is not None:
        return default, False, "as given"
    if is_index(Path(name)) or _generic(name):
        if _latin(title) is None:
            # A Chinese or Japanese title has no letters a slug can keep, and would become a hash; the
            # folder the book came in (a repository's name, mostly) is a name a person can read.
            # Only the nearest such folder: one further up (a home folder, `Downloads`) names no book.
            folder = next((f.name for f in _folders_above(where_from)), None)
            if folder is not None and _latin(folder):
                return (
                    slugify(folder),
                    False,
                    f"from the folder name '{folder}', as the title has no Latin letters",
                )
        return slugify(title), False, f"from the title '{title}'"
    what = "file" if is_file else "folder"
    return slugify(without_page_id(name)), False, f"from the {what} name '{name}'"


def _folders_above(where: Path | None) -> list[Path]:
    """The folders above a book's index file or `docs` folder whose names say what they hold."""
    return [f for f in (where.parents if where is not None else ()) if f.name and not _generic(f.name)]


def _latin(name: str) -> str | None:
    """The slug a name gives when it has letters or digits a slug can keep, else None."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or None


def _checked(slug: str, where: str, what: str) -> str:
    if len(slug) > 200 or not SLUG.fullmatch(slug):
        raise ImportProblem(
            where, f"{what} '{slug}' may hold only a-z, 0-9 and single hyphens, e.g. 'my-book'."
        )
    return slug


def slugify(name: str) -> str:
    """A stable ASCII slug for a file or folder name; names with no ASCII letters get a short hash."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:80].strip("-")
    return slug or "book-" + hashlib.sha256(name.encode()).hexdigest()[:8]
