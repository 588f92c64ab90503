"""Cutting Markdown into chapters at headings, and long chapters into pages at block boundaries."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from markdown_it.token import Token

from app.ingest.counting import count_words, reading_minutes
from app.ingest.draft import ChapterDraft, PageDraft
from app.ingest.render import inline_text, parse, plain_text, render_tokens

# A chapter longer than this many words is served in pages, so that no tool result comes
# near the ~25k-token size hosts accept: 2,500 words is roughly 3,500 tokens of text.
PAGE_WORD_BUDGET = 2500

PREFACE_TITLE = "Preface"


@dataclass(frozen=True, slots=True)
class Section:
    """A chapter's title and Markdown, before rendering."""

    title: str
    markdown: str


@dataclass(frozen=True, slots=True)
class Split:
    title: str | None  # a lone leading `# Title`, which names the book rather than a chapter
    sections: list[Section]
    level: str  # the heading that starts chapters: "h1" or "h2"


def split_sections(markdown: str, *, fallback_title: str) -> Split:
    """Split at `##` headings, or at `#` when the text has several; headings in code don't count."""
    tokens, _ = parse(markdown)
    lines = markdown.splitlines(keepends=True)
    headings = [(i, t) for i, t in enumerate(tokens) if t.type == "heading_open" and t.level == 0]
    h1 = [(i, t) for i, t in headings if t.tag == "h1"]
    title: str | None = None
    skip = range(0)
    first_block = next((t for t in tokens if t.level == 0), None)
    if len(h1) == 1 and first_block is h1[0][1]:
        title, skip = _heading_text(tokens, h1[0][0]), range(*_lines(h1[0][1]))
        level = "h2"
    else:
        level = "h1" if h1 else "h2"
    starts = [(*_lines(t), _heading_text(tokens, i)) for i, t in headings if t.tag == level]
    sections: list[Section] = []
    first = starts[0][0] if starts else len(lines)
    preface = "".join(line for n, line in enumerate(lines[:first]) if n not in skip)
    if preface.strip():
        sections.append(Section(PREFACE_TITLE if starts else (title or fallback_title), preface))
    for number, (_, body_start, heading) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(lines)
        sections.append(Section(heading, "".join(lines[body_start:end])))
    return Split(title, sections, level)


def strip_leading_title(markdown: str) -> tuple[str | None, str]:
    """A chapter file's own leading `# Title`, and the text without it (the reader shows titles itself)."""
    tokens, _ = parse(markdown)
    first = next((i for i, t in enumerate(tokens) if t.level == 0), None)
    if first is None or tokens[first].type != "heading_open" or tokens[first].tag != "h1":
        return None, markdown
    lines = markdown.splitlines(keepends=True)
    start, end = _lines(tokens[first])
    return _heading_text(tokens, first), "".join(lines[:start] + lines[end:])


def build_chapter(title: str, markdown: str) -> ChapterDraft:
    tokens, env = parse(markdown)
    text = plain_text(tokens)
    pages = tuple(
        PageDraft(
            html=render_tokens(page, env), text=(page_text := plain_text(page)), words=count_words(page_text)
        )
        for page in _paginate(tokens)
    )
    return ChapterDraft(
        title=title,
        markdown=markdown,
        html=render_tokens(tokens, env),
        text=text,
        words=count_words(text),
        minutes=reading_minutes(text),
        pages=pages or (PageDraft(html="", text="", words=0),),
    )


def _paginate(tokens: list[Token]) -> Iterator[list[Token]]:
    page: list[Token] = []
    words = 0
    for block in _blocks(tokens):
        block_words = count_words(plain_text(block))
        if page and words + block_words > PAGE_WORD_BUDGET:
            yield page
            page, words = [], 0
        page.extend(block)
        words += block_words
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
    return inline_text(tokens[index + 1]).strip()
