"""Every size ingest enforces, in one place, with the reason for each."""

from __future__ import annotations

# The largest Markdown file Chapterwise imports. Real books are far smaller; the limit stops a
# mistaken path (a log file, a data dump) from filling the library or the server's memory.
MAX_FILE_BYTES = 20 * 1024 * 1024

# The largest picture embedded. Each one travels in every read-chapter result that shows it,
# and base64 makes it a third larger again.
MAX_PICTURE_BYTES = 512 * 1024

# A chapter longer than this many words is served in pages, so that no tool result comes
# near the ~25k-token size hosts accept: 2,500 words is roughly 3,500 tokens of text.
PAGE_WORD_BUDGET = 2500

# len(html) + len(markdown) of one page, pictures (as data: URLs) included: a read-chapter
# result then stays under the 1 MiB hosts take, with room for the rest of the result.
MAX_PAGE_BYTES = 900 * 1024

# Book metadata is shown in every list of books and sent to the model: longer values are cut,
# with a warning, rather than letting one book's 2 MB title slow every shelf down.
MAX_TITLE = 300
MAX_AUTHOR = 300
MAX_DESCRIPTION = 2000
MAX_LANGUAGE = 35  # the longest BCP 47 tags in real use are far shorter
MAX_LABEL = 20  # a chapter's own numbering, "4.2"
MAX_ANCHOR = 100  # a block's id, stored with each passage and cited by the search index

# How many files one book may read, includes and pictures aside: a mistaken path to a home folder
# should fail fast with a clear line, not walk a million files.
MAX_BOOK_FILES = 5000


def capped(value: str, limit: int, what: str, warn: list[str], where: str) -> str:
    """The value cut to `limit` characters (at a word boundary when one is near), with a warning."""
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]  # room for the ellipsis
    space = cut.rfind(" ", limit - 40)
    cut = (cut[:space] if space > 0 else cut).rstrip() + "…"
    warn.append(f"{where}: the {what} is {len(value):,} characters; it was cut to {limit}. Shorten it.")
    return cut
