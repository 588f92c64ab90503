"""Importing books: from paths on disk to saved books, all or nothing, skipping what has not changed.

The steps, in order: find the books the paths name; read every one (so that one bad file stops
the import before anything is written); give each a slug that no other book holds; parse only the
books whose bytes changed since their last import; save them all in one transaction.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from app.errors import ChapterwiseError
from app.library import Library

if TYPE_CHECKING:
    from app.ingest import BookDraft, BookSource


@dataclass(frozen=True, slots=True)
class SlugChoice:
    """The slug a book gets, and, when it is not the one its source proposed, whose book held that one."""

    slug: str
    proposed: str
    reason: str  # why the source proposed it ("from the title 'My Book'")
    taken_by: str | None = None  # where the book that holds `proposed` came from
    moved_from: str | None = None  # where this same book was imported from before (that place is gone)


@dataclass(frozen=True, slots=True)
class Planned:
    """One book of an import: its draft (None when unchanged) and how its slug was chosen."""

    source: BookSource
    choice: SlugChoice
    draft: BookDraft | None
    outcome: Literal["new", "changed", "unchanged"]
    stored_title: str | None = None  # the title the library holds, for an unchanged book


# Called as parsing goes: (title of the book, chapters parsed, chapters in all).
Progress = Callable[[str, int, int], None]


def plan_import(
    library: Library | None,
    paths: Sequence[Path],
    *,
    slug: str | None = None,
    title: str | None = None,
    progress: Progress | None = None,
) -> list[Planned]:
    """Read, name and parse the books the paths hold; nothing is saved (save_planned does that)."""
    # Imported here, not at the top: `serve` never parses Markdown and starts faster without it.
    from app.ingest import find_books, load_book

    roots = [root for path in paths for root in find_books(path)]
    if (slug or title) and len(roots) > 1:
        raise ChapterwiseError(
            f"--slug and --title name one book, but the paths hold {len(roots)}. Import them one at a time."
        )
    sources = [load_book(root, slug=slug, title=title) for root in roots]
    claimed: dict[str, str] = {}  # slug -> origin, for the books of this import so far
    plan = []
    for source in sources:
        choice = _choose_slug(library, source, claimed)
        claimed[choice.slug] = source.origin
        stored = library.stored(choice.slug) if library else None
        if stored is not None and stored.source_hash == source.source_hash:
            plan.append(Planned(source, choice, None, "unchanged", stored.title))
            continue

        def report(done: int, total: int, name: str = source.title or choice.slug) -> None:
            if progress:
                progress(name, done, total)

        draft = dataclasses.replace(source.parse(progress=report), slug=choice.slug)
        plan.append(Planned(source, choice, draft, "new" if stored is None else "changed"))
    return plan


def save_planned(library: Library, plan: Sequence[Planned]) -> list[str]:
    """Save every changed book of a plan in one transaction; returns each book's outcome, in order."""
    saved = iter(library.save_books([p.draft for p in plan if p.draft is not None]))
    return ["unchanged" if p.draft is None else next(saved).outcome for p in plan]


def _choose_slug(library: Library | None, source: BookSource, claimed: dict[str, str]) -> SlugChoice:
    """The proposed slug, unless a different book holds it: then the next free one, never a silent replace.

    "Different" means imported from another place that still exists. The same place (or a slug
    chosen on purpose, in front matter or with --slug) is the same book, updated in place; a place
    that is gone means the book was moved, and it too is updated in place.
    """
    choice = SlugChoice(source.slug, source.slug, source.slug_reason)
    holder = claimed.get(source.slug)
    if holder is None:
        stored = library.stored(source.slug) if library else None
        if stored is None or source.slug_given or stored.origin in (None, source.origin):
            return choice
        if not Path(stored.origin).exists():
            return dataclasses.replace(choice, moved_from=stored.origin)
        holder = stored.origin
    free = (
        library.free_slug(source.slug, taken=set(claimed))
        if library
        else _next_free(source.slug, set(claimed))
    )
    return dataclasses.replace(choice, slug=free, taken_by=holder)


def _next_free(base: str, taken: set[str]) -> str:
    """base-2, base-3, … for a dry run with no library to ask."""
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
