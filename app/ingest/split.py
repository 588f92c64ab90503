"""Cutting Markdown into chapters at headings, and long chapters into pages at block boundaries."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from markdown_it.token import Token

from app.ingest.counting import Count, count
from app.ingest.draft import ChapterDraft, PageDraft
from app.ingest.footnotes import Definitions, notes_cited, number_marks, take_definitions
from app.ingest.pictures import ENV_KEY as PICTURES_KEY
from app.ingest.pictures import Pictures
from app.ingest.render import inline_text, parse, plain_text, render_tokens

# A chapter longer than this many words is served in pages, so that no tool result comes
# near the ~25k-token size hosts accept: 2,500 words is roughly 3,500 tokens of text.
PAGE_WORD_BUDGET = 2500

PREFACE_TITLE = "Preface"


@dataclass(frozen=True, slots=True)
class Section:
    """A chapter before rendering: its title, its Markdown, and its slice of the parsed tokens."""

    title: str
    markdown: str
    tokens: list[Token]
    # The parse environment of the whole file, so reference links defined anywhere resolve.
    env: dict[str, Any] = field(repr=False)
    # The file's footnote definitions; each page takes the ones it cites.
    notes: Definitions = field(default_factory=dict, repr=False)
    source: str = ""  # the file it came from: pictures are found relative to it


@dataclass(frozen=True, slots=True)
class Split:
    title: str | None  # a lone leading `# Title`, which names the book rather than a chapter
    sections: list[Section]
    level: str  # the heading that starts chapters: "h1" or "h2"


def split_sections(markdown: str, *, fallback_title: str, source: str = "") -> Split:
    """Split at `##` headings, or at `#` when the text has several; headings in code don't count.

    The file is parsed once; chapters are slices of that token stream (for rendering) and of
    its source lines (for the stored Markdown), cut at the same headings.
    """
    tokens, env = parse(markdown)
    tokens, notes = take_definitions(tokens)
    lines = markdown.splitlines(keepends=True)
    headings = [i for i, t in enumerate(tokens) if t.type == "heading_open" and t.level == 0]
    h1 = [i for i in headings if tokens[i].tag == "h1"]
    title: str | None = None
    if len(h1) == 1 and h1[0] == 0:
        title, level = _heading_text(tokens, 0), "h2"
    else:
        level = "h1" if h1 else "h2"
    starts = [i for i in headings if tokens[i].tag == level]
    sections: list[Section] = []
    first = starts[0] if starts else len(tokens)
    before = tokens[3:first] if title is not None else tokens[:first]
    if before:
        first_line, last_line = _lines(before[0])[0], _lines(tokens[first])[0] if starts else len(lines)
        name = PREFACE_TITLE if starts else (title or fallback_title)
        sections.append(Section(name, "".join(lines[first_line:last_line]), before, env, notes, source))
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(tokens)
        body_start = _lines(tokens[start])[1]
        body_end = _lines(tokens[end])[0] if end < len(tokens) else len(lines)
        sections.append(
            Section(
                _heading_text(tokens, start),
                "".join(lines[body_start:body_end]),
                tokens[start + 3 : end],
                env,
                notes,
                source,
            )
        )
    return Split(title, sections, level)


def whole_file(markdown: str, *, fallback_title: str, source: str = "") -> Section:
    """A file that is one chapter, titled by its own leading `# Title` (which the reader shows itself)."""
    tokens, env = parse(markdown)
    tokens, notes = take_definitions(tokens)
    if tokens and tokens[0].type == "heading_open" and tokens[0].tag == "h1":
        lines = markdown.splitlines(keepends=True)
        start, end = _lines(tokens[0])
        title = _heading_text(tokens, 0)
        return Section(title, "".join(lines[:start] + lines[end:]), tokens[3:], env, notes, source)
    return Section(fallback_title, markdown, tokens, env, notes, source)


def build_chapter(section: Section, pictures: Pictures | None = None) -> ChapterDraft:
    """Render a chapter page by page; the chapter is its pages put together, so nothing is rendered twice."""
    env = section.env if pictures is None else {**section.env, PICTURES_KEY: (pictures, section.source)}
    tokens, notes = number_marks(section.tokens, section.notes)
    pages: list[PageDraft] = []
    total = Count()
    for blocks in _paginate(tokens):
        body = [token for block in blocks for token in block.tokens]
        size = sum((block.count for block in blocks), Count())
        texts = [block.text for block in blocks if block.text]
        cited = notes_cited(body, notes) if notes else []
        if cited:  # the page ends with its notes, for the model as for the reader
            texts.append(plain_text(cited))
            size += count(texts[-1])
        html = render_tokens(body + cited, env)
        pages.append(PageDraft(html=html, markdown="\n\n".join(texts), words=size.words, blocks=()))
        total += size
    if not pages:
        pages.append(PageDraft(html="", markdown="", words=0, blocks=()))
    return ChapterDraft(
        title=section.title,
        words=total.words,
        minutes=total.minutes,
        pages=tuple(pages),
    )


@dataclass(frozen=True, slots=True)
class _Block:
    tokens: list[Token]
    text: str
    count: Count


def _paginate(tokens: list[Token]) -> Iterator[list[_Block]]:
    """Group top-level blocks into pages of about PAGE_WORD_BUDGET words."""
    page: list[_Block] = []
    words = 0
    for block_tokens in _blocks(tokens):
        text = plain_text(block_tokens)
        block = _Block(block_tokens, text, count(text))
        if page and words + block.count.words > PAGE_WORD_BUDGET:
            yield page
            page, words = [], 0
        page.append(block)
        words += block.count.words
    if page:
        yield page


def _blocks(tokens: list[Token]) -> Iterator[list[Token]]:
    """Top-level blocks: a paragraph, a whole list, a whole table, a code block, never part of one."""
    block: list[Token] = []
    depth = 0
    for token in tokens:
        block.append(token)
        depth += token.nesting
        if depth == 0:
            yield block
            block = []
    if block:
        yield block


def _lines(token: Token) -> tuple[int, int]:
    """The source lines a block token spans (a setext heading spans two)."""
    assert token.map is not None  # block tokens from the parser always carry their source lines
    return token.map[0], token.map[1]


def _heading_text(tokens: list[Token], index: int) -> str:
    return inline_text(tokens[index + 1], marks=False).strip()
