"""A chapter's pages: blocks rendered once, gathered into pages under the word and byte budgets.

Each top-level block is rendered (HTML for the reader, Markdown for the model) and measured;
pages take blocks until the next would pass PAGE_WORD_BUDGET words or MAX_PAGE_BYTES (pictures
count, as they travel inside the page); a block too big for any page is cut first (oversize.py).
Each page ends with the footnotes it cites, and its HTML is sanitised as a whole, so that the
author's HTML around several blocks (a `<details>` holding paragraphs) keeps its shape.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from markdown_it.token import Token

from app.ingest.anchors import Anchors
from app.ingest.counting import Count, count
from app.ingest.draft import BlockDraft, PageDraft
from app.ingest.footnotes import Definitions, notes_cited, number_marks
from app.ingest.limits import MAX_PAGE_BYTES, PAGE_WORD_BUDGET
from app.ingest.links import LinkIndex
from app.ingest.modeltext import ModelContext, block_markdown
from app.ingest.oversize import cut
from app.ingest.pictures import Pictures, places
from app.ingest.render import PageContext, PageRenderer
from app.ingest.sanitize import sanitize
from app.ingest.text import block_text
from app.ingest.titles import top_blocks

# Blocks are measured before sanitising, which can lengthen HTML a little (entities, quotes):
# leave room for that, and for the footnotes that end a page.
_BLOCK_BYTES = MAX_PAGE_BYTES * 3 // 4


# Blocks whose rule in render.py writes the id itself.
_OWN_IDS = frozenset({"callout_open", "tab_open", "footnote_block_open"})


@dataclass(frozen=True, slots=True)
class _Block:
    tokens: list[Token]
    html: str  # before sanitising, with the renderer's placeholders
    markdown: str
    text: str
    count: Count
    size: int  # bytes it adds to a page: its HTML with pictures and code put back, and its Markdown
    anchor: str | None  # None for raw HTML that shows nothing by itself (a comment, a `<div>` opening)


@dataclass(frozen=True, slots=True)
class ChapterPages:
    pages: tuple[PageDraft, ...]
    count: Count


class PageBuilder:
    """Builds the pages of one chapter."""

    def __init__(
        self,
        *,
        file: PurePosixPath,
        path: str,
        chapter: int,
        env: dict[str, Any],
        anchors: Anchors,
        links: LinkIndex,
        pictures: Pictures,
        picture_problem: Callable[[str, str, str], None],
    ) -> None:
        self.env = env
        self.anchors = anchors
        self.pictures = pictures
        self.file = file
        self.context = PageContext(
            file=file,
            path=path,
            chapter=chapter,
            links=links,
            pictures=pictures,
            picture_problem=picture_problem,
        )
        self.renderer = PageRenderer(self.context)
        self.model = ModelContext(file, chapter, links)

    def build(self, tokens: Sequence[Token], notes: Definitions) -> ChapterPages:
        numbered, chapter_notes = number_marks(tokens, notes)
        blocks: list[_Block] = []
        for block in top_blocks(numbered):
            blocks.extend(self._fitted(block))
        pages: list[PageDraft] = []
        total = Count()
        passage = 1  # passages are numbered through the chapter, across its pages: the 12 of `¶ 3.12`
        for run in self._runs(blocks):
            for page, size in self._pages(run, chapter_notes, passage):
                pages.append(page)
                passage += len(page.blocks)
                total += size
        return ChapterPages(tuple(pages), total)

    def _fitted(self, block: list[Token]) -> list[_Block]:
        # Counting words is cheap next to rendering: a block far over the budget is cut first.
        text = block_text(block)
        words = count(text)
        if words.words <= PAGE_WORD_BUDGET:
            measured = self._measure(block, text, words)
            if measured.size <= _BLOCK_BYTES:
                return [measured]
        pieces = cut(block, PAGE_WORD_BUDGET, _BLOCK_BYTES, self._estimate)
        return [self._measure([t.copy() if t.nesting == 1 else t for t in piece]) for piece in pieces]

    def _measure(self, block: list[Token], text: str | None = None, words: Count | None = None) -> _Block:
        head = block[0]
        text = block_text(block) if text is None else text
        anchor: str | None
        if head.type == "heading_open" and head.meta.get("anchor"):
            anchor = str(head.meta["anchor"])
        elif head.type == "html_block" and not text and "<img" not in head.content.lower():
            anchor = None
        else:
            anchor = self.anchors.block(text)
            head.meta = {**head.meta, "anchor": anchor}
        if anchor is not None and head.nesting == 1 and head.type not in _OWN_IDS:
            head.attrs["id"] = self.context.mark(anchor)  # markdown-it's renderer writes it
        codes, images = len(self.context.codes), len(self.context.images)
        html = self.renderer.render_blocks(block, self.env)
        extra = sum(len(code) for code in self.context.codes[codes:])
        extra += sum(len(image) for image in self.context.images[images:])
        markdown = block_markdown(block, self.model)
        size = len(html) + extra + len(markdown)
        return _Block(block, html, markdown, text, count(text) if words is None else words, size, anchor)

    def _estimate(self, tokens: Sequence[Token]) -> tuple[int, int]:
        """Words and bytes of tokens, without rendering them: cheap enough to run while cutting."""
        words = 0
        size = 0
        for token in tokens:
            for part in token.children if token.type == "inline" and token.children else [token]:
                words += count(part.content).words if part.content else 0
                size += 2 * len(part.content) + 16
                if part.type == "image":
                    src = str(part.attrGet("src") or "")
                    links = self.context.links
                    size += self.pictures.first(
                        places(self.file, src, links.site_root, links.public), src
                    ).size
        return words, size

    def _runs(self, blocks: list[_Block]) -> list[list[_Block]]:
        runs: list[list[_Block]] = []
        words = size = 0
        for block in blocks:
            if runs and (words + block.count.words > PAGE_WORD_BUDGET or size + block.size > _BLOCK_BYTES):
                runs.append([])
                words = size = 0
            if not runs:
                runs.append([])
            runs[-1].append(block)
            words += block.count.words
            size += block.size
        return runs

    def _pages(self, run: list[_Block], notes: Definitions, first: int) -> list[tuple[PageDraft, Count]]:
        """One page of these blocks, or (should sanitising push it over the byte budget) two or more."""
        page, size = self._page(run, notes, first)
        if len(page.html) + len(page.markdown) <= MAX_PAGE_BYTES or len(run) == 1:
            return [(page, size)]
        half = len(run) // 2
        left = self._pages(run[:half], notes, first)
        return left + self._pages(run[half:], notes, first + sum(len(page.blocks) for page, _ in left))

    def _page(self, run: list[_Block], notes: Definitions, first: int) -> tuple[PageDraft, Count]:
        body = [token for block in run for token in block.tokens]
        parts = list(run)
        cited = notes_cited(body, notes) if notes else []
        self.context.notes = {}
        if cited:  # the page ends with the notes its marks cite, for the model as for the reader
            for token in cited:
                if token.type == "footnote_open":
                    self.context.notes[token.meta["id"] + 1] = ""
            for number in self.context.notes:
                note = _note_tokens(cited, number)
                self.context.notes[number] = self.anchors.block(block_text(note))
            parts.append(self._measure(cited))
        html = sanitize("".join(block.html for block in parts), self.context)
        # The model's copy marks each passage with its citation, so that what it quotes it can cite.
        numbered = [block for block in parts if block.anchor is not None]
        marks = {id(block): f"[¶ {self.model.chapter}.{first + n}]" for n, block in enumerate(numbered)}
        markdown = "\n\n".join(
            with_mark(block.markdown, marks.get(id(block))) for block in parts if block.markdown
        )
        size = sum((block.count for block in parts), Count())
        blocks = tuple(BlockDraft(block.anchor, block.text) for block in parts if block.anchor is not None)
        return PageDraft(html=html, markdown=markdown, words=size.words, blocks=blocks), size


def _note_tokens(cited: list[Token], number: int) -> list[Token]:
    inside = False
    note: list[Token] = []
    for token in cited:
        if token.type == "footnote_open":
            inside = token.meta["id"] + 1 == number
        if inside:
            note.append(token)
        if token.type == "footnote_close":
            inside = False
    return note


def with_mark(markdown: str, mark: str | None) -> str:
    """A block's Markdown with its passage mark at the end: on its last line, or after a code block or table."""
    if mark is None:
        return markdown
    last = markdown.rstrip().rsplit("\n", 1)[-1].lstrip("> ")  # a quote's last line counts too
    if last.startswith(("```", "~~~", "|")) or markdown.startswith(("    ", "\t")):
        return f"{markdown}\n\n{mark}"
    return f"{markdown} {mark}"
