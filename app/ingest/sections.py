"""A chapter before rendering (a Section: its title and its slice of its file's tokens), and the
page that lists a chapter's sub-chapters when it has no text of its own.

split.py cuts files into sections; readmesections.py reshapes a README's; book.py renders them.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import quote

from markdown_it.token import Token

from app.ingest.anchors import github_slug
from app.ingest.footnotes import Definitions
from app.ingest.markdown import Parsed, parse
from app.ingest.sourcefile import ChapterFile
from app.ingest.text import inline_text

PREFACE_TITLE = "Preface"
# What a backslash must escape for a title to stay words inside a Markdown link's [brackets].
_MARKDOWN_PUNCTUATION = re.compile(r"[\\`*_{}\[\]<>()#+!|~&$]")


@dataclass(frozen=True, slots=True)
class Section:
    """A chapter before rendering: its title, and its slice of its file's tokens."""

    title: str
    tokens: list[Token]
    file: ChapterFile
    parsed: Parsed = field(repr=False)
    notes: Definitions = field(default_factory=dict, repr=False)
    # The heading that gave the chapter its title, left out of its text; links to it open the chapter.
    heading: list[Token] | None = None
    depth: int = 0  # below its file's place in the book: a long section's part is one deeper (subchapters.py)


def contents_page(parent: Section, children: Sequence[tuple[Section, bool]]) -> Section:
    """`parent`, which has no text of its own, as a page listing its sub-chapters, each a link to it.

    `children` pairs each sub-chapter with whether it opens its file. mdBook shows such a chapter
    (a part's index file with only its heading) as an empty page; a list of what is under it is what
    a reader clicking it in the contents is after. The list is Markdown through the one parser, so its
    links resolve like any other.
    """
    here = parent.file.name.parent
    lines = []
    for child, opens_file in children:
        href = quote(posixpath.relpath(child.file.name.as_posix(), here.as_posix()))
        if not opens_file and child.heading is not None:
            href += "#" + quote(github_slug(inline_text(child.heading[1])))
        words = _MARKDOWN_PUNCTUATION.sub(r"\\\g<0>", child.title)
        lines.append(f"- [{words}]({href})")
    return Section(
        parent.title, parse("\n".join(lines)).tokens, parent.file, parent.parsed, {}, parent.heading
    )
