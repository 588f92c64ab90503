"""Cutting a book's files into chapters, at headings; the one job of this module.

A single file is cut at its `##` headings (or at `#` when it has several), below the `# Title`
that names the book. In a folder each file is a chapter, titled by its front matter or its first
heading (a file with several `#` headings gives one chapter each), and a heading that opens every
file alike (a series title) is left out. In an mdBook or an mkdocs nav each file is one chapter
titled by its table of contents, and a first heading saying the same is not shown twice.
Headings inside code blocks never cut anything: the cuts are made on parsed tokens.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePosixPath

from markdown_it.token import Token

from app.ingest.counting import count_words
from app.ingest.footnotes import Definitions, take_definitions
from app.ingest.frontmatter import chapter_title
from app.ingest.limits import PAGE_WORD_BUDGET
from app.ingest.markdown import Parsed
from app.ingest.placement import prettify
from app.ingest.prefaces import opening_title
from app.ingest.readmesections import fold_bare_preface, with_parts
from app.ingest.sections import PREFACE_TITLE, Section
from app.ingest.sourcefile import ChapterFile
from app.ingest.text import inline_text
from app.ingest.titles import TITLE_TOKENS, is_chrome, is_note, leading_title, same_title, top_blocks
from app.ingest.translations import language_suffix

INTRO_TITLE = "Introduction"
# An index file is an introduction (and a chapter) only with this many words outside its links.
_INTRO_WORDS = 30
_WORD = re.compile(r"[^\W_]+")


def single_file(file: ChapterFile, parsed: Parsed, title: str, title_line: int | None) -> list[Section]:
    tokens, notes = take_definitions(parsed.tokens)
    book_heading: list[Token] | None = None
    if title_line is not None:
        for index, token in enumerate(tokens):
            if token.type == "heading_open" and token.level == 0 and (token.map or [-1])[0] == title_line:
                book_heading = tokens[index : index + TITLE_TOKENS]
                # Page chrome above the title goes with it; a quoted note there opens the preface.
                notes_above = [t for block in top_blocks(tokens[:index]) if is_note(block) for t in block]
                tokens = notes_above + tokens[index + TITLE_TOKENS :]
                break
    sections = fold_bare_preface(with_parts(_cut(file, parsed, notes, tokens, fallback=title)))
    if book_heading is not None and sections:
        first = sections[0]
        sections[0] = Section(first.title, first.tokens, file, parsed, notes, first.heading or book_heading)
    return sections


def folder_file(file: ChapterFile, parsed: Parsed, series: str | None) -> list[Section]:
    tokens, notes = take_definitions(parsed.tokens)
    tokens = _without_leading(tokens, series) if series else tokens
    if (
        file.title is None
        and sum(1 for t in tokens if t.type == "heading_open" and t.level == 0 and t.tag == "h1") > 1
    ):
        titled = _titled_by_empty_h1(tokens)
        if titled is not None:
            # `# 第四章：集合运算` straight above `# 4.1 表的加减法`, `# 4.2 …`: the file's title, over sections
            # its author wrote with `#` too. One chapter, as the page shows it, not a chapter a section.
            title_heading, rest = titled
            return [
                Section(
                    inline_text(title_heading[1]).strip() or _name(file),
                    rest,
                    file,
                    parsed,
                    notes,
                    title_heading,
                )
            ]
        return _cut(file, parsed, notes, tokens, fallback=_name(file), level="h1")
    own = file.title or chapter_title(file.front)
    heading, body = _leading_heading(tokens)
    if (
        heading is not None
        and heading[0].tag != "h1"
        and _has_peer(body, heading[0].tag)
        and not _names_alike(inline_text(heading[1]), file.name)
    ):
        # `### Introduction` atop `problem_solving.md`, which goes on with `### Plan`…: the first of its
        # sections, not its title (which was every lesson's "Introduction"). Its name says more. A
        # heading that shares a word with the name (`### Guide: Dual-boot…` in `dual_boot.md`) is a title.
        heading = None
    if heading is not None:
        text = inline_text(heading[1]).strip()
        if own is None or same_title(own, text):
            return [Section(own or text or _name(file), body, file, parsed, notes, heading)]
    return [Section(own or _name(file), tokens, file, parsed, notes)]


def _names_alike(heading: str, name: PurePosixPath) -> bool:
    """Whether a heading shares a word (of three letters or more) with the file's name."""
    words = {w for w in _WORD.findall(name.stem.lower()) if len(w) > 2}
    return any(w in words for w in _WORD.findall(heading.lower()))


def _has_peer(tokens: list[Token], tag: str) -> bool:
    """Whether a top-level heading as important as `tag` (`h3`: an h1, h2 or h3) is among the tokens."""
    return any(t.type == "heading_open" and t.level == 0 and t.tag <= tag for t in tokens)


def intro_file(file: ChapterFile, parsed: Parsed, book_title: str, *, alone: bool = False) -> list[Section]:
    """A folder's README or index: a chapter only if it says something beyond linking to the others,
    or if it is `alone`, the book's only file, with no others to link to."""
    if alone and any(t.type == "heading_open" and t.level == 0 and t.tag == "h2" for t in parsed.tokens):
        # The folder's only file is the whole book: cut into chapters exactly as when imported alone.
        found = leading_title(file.source.text)
        return single_file(file, parsed, book_title, found[1] if found is not None else None)
    tokens, notes = take_definitions(parsed.tokens)
    words = _prose_words(tokens)
    if words < _INTRO_WORDS and not alone:
        return []
    heading, body = _leading_heading(tokens)
    if heading is None and (opening := opening_title(tokens)) is not None:
        heading, body = opening  # below a language bar and a banner line, as when the README is read alone
    own = chapter_title(file.front)
    # Every word counts toward its length, links too: an awesome list is almost all links.
    # Only the book's own README: a part's index holding a whole lecture is one chapter, as on its site.
    if (
        file.depth == 0
        and file.part is None
        and _all_words(tokens) > PAGE_WORD_BUDGET
        and any(t.type == "heading_open" and t.level == 0 and t.tag == "h2" for t in body)
    ):
        # A README that is most of the book (a primer, a guide with a folder of extras beside it) is
        # cut at its `##` headings as it would be on its own, not read as one chapter of many pages.
        sections = fold_bare_preface(
            with_parts(_cut(file, parsed, notes, body, fallback=own or INTRO_TITLE, level="h2"))
        )
        if sections[0].heading is None and sections[0].title == PREFACE_TITLE:
            sections[0] = Section(own or INTRO_TITLE, sections[0].tokens, file, parsed, notes, heading)
        return sections
    if heading is not None:
        text = inline_text(heading[1]).strip()
        title = own or (INTRO_TITLE if same_title(text, book_title) else text)
        return [Section(title, body, file, parsed, notes, heading)]
    return [Section(own or INTRO_TITLE, tokens, file, parsed, notes)]


def series_heading(first_headings: Sequence[str | None]) -> str | None:
    """The heading atop most files of a folder alike (a series title), if there is one."""
    counted = Counter(h for h in first_headings if h)
    if not counted:
        return None
    heading, times = counted.most_common(1)[0]
    return heading if times >= 2 and times * 2 > len(first_headings) else None


def first_h1(parsed: Parsed) -> str | None:
    heading, _ = _leading_heading(parsed.tokens)
    if heading is None or heading[0].tag != "h1":
        return None
    return inline_text(heading[1]).strip() or None


def _cut(
    file: ChapterFile,
    parsed: Parsed,
    notes: Definitions,
    tokens: list[Token],
    *,
    fallback: str,
    level: str | None = None,
) -> list[Section]:
    """Sections at `level` headings (`h1` if the tokens have any, else `h2`); text before the first is a preface."""
    headings = [i for i, t in enumerate(tokens) if t.type == "heading_open" and t.level == 0]
    if level is None:
        # `#` headings cut the file only if one has something under it: a closing `# };` is no chapter.
        h1 = [i for i in headings if tokens[i].tag == "h1"] + [len(tokens)]
        level = "h1" if any(h1[n + 1] - h1[n] > TITLE_TOKENS for n in range(len(h1) - 1)) else "h2"
    starts = [i for i in headings if tokens[i].tag == level]
    sections: list[Section] = []
    first = starts[0] if starts else len(tokens)
    if first > 0:
        name = PREFACE_TITLE if starts else fallback
        sections.append(Section(name, tokens[:first], file, parsed, notes))
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(tokens)
        # `&nbsp;` spacing an emoji from the words (`## :rocket: &nbsp;Launch`) is no part of a title.
        title = " ".join(inline_text(tokens[start + 1]).split()) or fallback
        sections.append(
            Section(
                title,
                tokens[start + TITLE_TOKENS : end],
                file,
                parsed,
                notes,
                tokens[start : start + TITLE_TOKENS],
            )
        )
    return sections


def _titled_by_empty_h1(tokens: list[Token]) -> tuple[list[Token], list[Token]] | None:
    """The file's first heading and the rest, when it is a `#` heading with another `#` right under it."""
    heading, body = _leading_heading(tokens)
    if heading is None or heading[0].tag != "h1" or not body:
        return None
    following = body[0]
    return (heading, body) if following.type == "heading_open" and following.tag == "h1" else None


def _leading_heading(tokens: list[Token]) -> tuple[list[Token] | None, list[Token]]:
    """The first heading, if only page chrome comes before it; and the tokens after it."""
    index = 0
    for block in top_blocks(tokens):
        if block[0].type == "heading_open":
            return tokens[index : index + TITLE_TOKENS], tokens[index + TITLE_TOKENS :]
        if not is_chrome(block):
            break
        index += len(block)
    return None, tokens


def _without_leading(tokens: list[Token], heading: str) -> list[Token]:
    found, rest = _leading_heading(tokens)
    if found is not None and found[0].tag == "h1" and inline_text(found[1]).strip() == heading:
        return rest
    return tokens


def _all_words(tokens: list[Token]) -> int:
    return sum(count_words(inline_text(t)) for t in tokens if t.type == "inline")


def _prose_words(tokens: list[Token]) -> int:
    """Words outside links and headings: what an index file says of its own."""
    words = 0
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        in_link = 0
        for child in token.children:
            if child.type in ("link_open", "link_close"):
                in_link += child.nesting
            elif child.type == "text" and not in_link:
                # Counted as the reading time is: a Chinese or Japanese paragraph has no spaces, and
                # split at spaces it was a word or two, so a README of prose was taken for a list of links.
                words += count_words(child.content)
    headings = sum(
        count_words(inline_text(tokens[i + 1])) for i, t in enumerate(tokens) if t.type == "heading_open"
    )
    return max(0, words - headings)


def _name(file: ChapterFile) -> str:
    stem = PurePosixPath(file.name).stem
    if (found := language_suffix(stem)) is not None and found[1].startswith("en"):
        stem = found[0]  # `free-courses-en.md`, the English kept of many languages: "Free courses"
    if stem.lower() in ("readme", "index", "_index"):
        return prettify(file.name.parent.name) if file.name.parent.name else INTRO_TITLE
    return prettify(stem)
