"""Cutting one block that is too big for a page into pieces that each fit.

A page holds about PAGE_WORD_BUDGET words and at most MAX_PAGE_BYTES of HTML and Markdown, so
a block past either limit (a 20 MB paragraph on one line, a list of ten thousand items, three
large pictures in one paragraph) is cut where a reader would least notice: a paragraph between
sentences (or words, or characters when it has no spaces), a list or table between items or rows
(a table repeats its header), code between lines, a quote or callout between the blocks inside.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence

from markdown_it.token import Token

from app.ingest.counting import count_words
from app.ingest.titles import TITLE_TOKENS, top_blocks

# What a piece may weigh: (words, bytes) of a token list, as the page builder measures them.
Measure = Callable[[Sequence[Token]], tuple[int, int]]

_INLINE_PAIRS = {"em_open": "em_close", "strong_open": "strong_close", "s_open": "s_close",
                 "link_open": "link_close"}  # fmt: skip


def cut(block: list[Token], words: int, size: int, measure: Measure) -> list[list[Token]]:
    """The block as pieces of at most `words` words and `size` bytes each (a lone picture may be bigger)."""
    kind = block[0].type
    if kind == "paragraph_open":
        pieces = _paragraph(block, words, size, measure)
    elif kind in ("bullet_list_open", "ordered_list_open"):
        pieces = _children(block, words, size, measure, ordered=kind == "ordered_list_open")
    elif kind == "table_open":
        pieces = _table(block, words, size, measure)
    elif kind == "html_block":
        # Raw HTML cut between any two lines loses its tables and breaks tags written over several
        # lines (`<td` then `style="…">`), which then show as text: a block of it is cut only when its
        # bytes would not fit a page, never for its words, and then only between whole tags.
        pieces = _lines(block[0], sys.maxsize, size, whole_tags=True)
    elif kind in ("fence", "code_block", "math_block"):
        pieces = _lines(block[0], words, size)
    elif block[0].nesting == 1 and len(block) > 2:
        pieces = _children(block, words, size, measure, ordered=False)
    else:
        return [block]
    return pieces if len(pieces) > 1 else [block]


def _group(items: list[list[Token]], words: int, size: int, measure: Measure) -> Iterator[list[list[Token]]]:
    """Items gathered into runs that fit, each item cut first if it does not fit alone."""
    run: list[list[Token]] = []
    run_words = run_size = 0
    for item in items:
        item_words, item_size = measure(item)
        parts = [item] if item_words <= words and item_size <= size else cut(item, words, size, measure)
        for part in parts:
            part_words, part_size = (item_words, item_size) if part is item else measure(part)
            if run and (run_words + part_words > words or run_size + part_size > size):
                yield run
                run, run_words, run_size = [], 0, 0
            run.append(part)
            run_words += part_words
            run_size += part_size
    if run:
        yield run


def _children(
    block: list[Token], words: int, size: int, measure: Measure, *, ordered: bool
) -> list[list[Token]]:
    opening, closing = block[0], block[-1]
    inner = block[1:-1]
    title: list[Token] = []
    if inner and inner[0].type in ("callout_title_open", "tab_title_open"):
        title, inner = inner[:TITLE_TOKENS], inner[TITLE_TOKENS:]
    pieces: list[list[Token]] = []
    number = int(opening.attrGet("start") or 1) if ordered else 0
    for run in _group(top_blocks(inner), words, size, measure):
        head = opening.copy(attrs=dict(opening.attrs))
        if ordered and number != 1:
            head.attrs["start"] = str(number)
        flat = [token for item in run for token in item]
        pieces.append([head, *(title if not pieces else []), *flat, closing])
        number += sum(
            1 for token in flat if token.type == "list_item_open" and token.level == opening.level + 1
        )
    return pieces


def _table(block: list[Token], words: int, size: int, measure: Measure) -> list[list[Token]]:
    body_start = next((i for i, t in enumerate(block) if t.type == "tbody_open"), None)
    if body_start is None:
        return [block]
    head, rows = block[: body_start + 1], top_blocks(block[body_start + 1 : -2])
    tail = block[-2:]
    return [[*head, *[t for row in run for t in row], *tail] for run in _group(rows, words, size, measure)]


def _lines(token: Token, words: int, size: int, *, whole_tags: bool = False) -> list[list[Token]]:
    pieces: list[list[Token]] = []
    lines: list[str] = []
    taken_words = taken_size = 0
    in_tag = False  # whether the lines taken so far end inside a tag's `<…>`
    for line in token.content.splitlines(keepends=True):
        line_words, line_size = count_words(line), len(line) * 2
        full = taken_words + line_words > words or taken_size + line_size > size
        if lines and full and not in_tag:
            pieces.append([token.copy(content="".join(lines))])
            lines, taken_words, taken_size = [], 0, 0
        lines.append(line)
        taken_words += line_words
        taken_size += line_size
        if whole_tags and ("<" in line or ">" in line):
            in_tag = line.rfind("<") > line.rfind(">")
    if lines:
        pieces.append([token.copy(content="".join(lines))])
    return pieces


def _paragraph(block: list[Token], words: int, size: int, measure: Measure) -> list[list[Token]]:
    opening, inline, closing = block[0], block[1], block[-1]
    pieces: list[list[Token]] = []
    for children in _inline_runs(inline.children or [], words, size, measure):
        content = "".join(c.content for c in children if c.type == "text")
        pieces.append([opening, inline.copy(children=children, content=content), closing])
    return pieces


def _inline_runs(children: list[Token], words: int, size: int, measure: Measure) -> Iterator[list[Token]]:
    """Inline tokens in runs that fit; markup open across a cut is closed before it and reopened after."""
    run: list[Token] = []
    open_marks: list[Token] = []
    run_words = run_size = 0
    for child in _small_texts(children, words, size):
        child_words, child_size = measure([child])
        if run and (run_words + child_words > words or run_size + child_size > size):
            yield run + [Token(_INLINE_PAIRS[m.type], m.tag, -1) for m in reversed(open_marks)]
            run = [m.copy() for m in open_marks]
            run_words = run_size = 0
        if child.type in _INLINE_PAIRS:
            open_marks.append(child)
        elif child.type in _INLINE_PAIRS.values() and open_marks:
            open_marks.pop()
        run.append(child)
        run_words += child_words
        run_size += child_size
    if run:
        yield run


def _small_texts(children: list[Token], words: int, size: int) -> Iterator[Token]:
    """The children, with any text longer than a page cut into sentence-sized texts."""
    for child in children:
        if child.type != "text" or (len(child.content) < size // 4 and len(child.content) < words * 4):
            yield child
            continue
        for piece in _sentences(child.content, max(1, words // 4), max(1, size // 8)):
            yield child.copy(content=piece)


def _sentences(text: str, words: int, chars: int) -> Iterator[str]:
    """Pieces of at most `words` words, ending at a sentence end where possible, else at a space."""
    start = 0
    length = len(text)
    while start < length:
        window = max(1, min(chars, words * 6))
        while True:
            piece = (
                text[start : start + window] if start + window >= length else _cut_at_end(text, start, window)
            )
            if window == 1 or count_words(piece) <= words:
                break
            window //= 2  # a run of very short words: look for a cut in a shorter stretch
        yield piece
        start += len(piece)


def _cut_at_end(text: str, start: int, window: int) -> str:
    """text[start:start + window], shortened to end after its last sentence end, or its last space."""
    part = text[start : start + window]
    ends = (
        part.rfind(". "),
        part.rfind("! "),
        part.rfind("? "),
        *(part.rfind(c) for c in "\u3002\uff01\uff1f"),
    )
    cut_at = max(ends) + 1  # the CJK full stop, ! and ? above need no space after them
    if cut_at < len(part) // 4:
        space = part.rfind(" ")
        cut_at = space + 1 if space > len(part) // 4 else len(part)
    return part[:cut_at]
