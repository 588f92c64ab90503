"""Obsidian's Markdown extras, read as Obsidian shows them: its marks never reach the reader.

- Callouts written as block quotes: `> [!tip] Title`, `> [!faq]- Folded` (`-` folded, `+` open),
  with any kind name (render.py colours the kinds it knows and reads the rest as notes). A title
  alone on the marker line with nothing under it is the callout's text instead, and in a docsify
  site the marker line's words always start the text, as docsify reads `> [!TIP] Words`.
  GitHub's `> [!NOTE]` on a line of its own is markdown-it's alert.
- Highlights: `==words==` become `<mark>` (an inline rule, `mark_plugin`).
- Comments: `%% … %%`, on one line or across several, are the author's notes to themselves.
- Block ids: a trailing ` ^intro-2` names a paragraph for Obsidian's links; the reader never sees it.

Wiki links (`[[Note]]`) are carried out before parsing (see wikilinks.py). Each pass looks for a
cheap sign of its syntax before any other work, since most books have none of it.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from app.ingest.fences import outside_code

# Any space may follow the marker: a no-break space, which editors slip in, too.
_CALLOUT = re.compile(r"\[!([A-Za-z][\w-]*)\]([+-]?)(?:[^\S\n]+|$)")
_BLOCK_ID = re.compile(r"[ \t]\^[A-Za-z0-9-]+[ \t]*$")
_ALONE_ID = re.compile(r"\^[A-Za-z0-9-]+[ \t]*")
_COMMENT = re.compile("%%")


def mark_plugin(md: MarkdownIt) -> None:
    """`==words==`: words that start and end with no space between them, as a highlight."""
    md.inline.ruler.before("emphasis", "mark", _mark)


def _mark(state: StateInline, silent: bool) -> bool:
    src, start = state.src, state.pos
    if not src.startswith("==", start) or src.startswith("=", start + 2) or (start and src[start - 1] == "="):
        return False
    opening = start + 2
    if opening >= state.posMax or src[opening].isspace():
        return False
    close = _closer(src, opening, state.posMax)
    if close is None:
        return False
    if not silent:
        state.push("mark_open", "mark", 1).markup = "=="
        end = state.posMax
        state.pos, state.posMax = opening, close
        state.md.inline.tokenize(state)
        state.posMax = end
        state.push("mark_close", "mark", -1).markup = "=="
    state.pos = close + 2
    return True


def _closer(src: str, start: int, end: int) -> int | None:
    """Where the highlight opened before `start` closes: a `==` after a non-space, within `end`.

    Only the next `==` is tried, so every opening costs one search and a line full of
    them stays linear; `a == b` and `x==y` in prose keep their signs.
    """
    close = src.find("==", start + 1, end)
    if close == -1 or close + 2 > end or src[close - 1].isspace() or src.startswith("=", close + 2):
        return None
    return close


def blank_comment_blocks(text: str) -> str:
    """The text with each comment whose `%%` lines stand alone blanked, its line breaks kept.

    A comment of whole paragraphs; one inside a paragraph is the token pass's (`_comments`).
    """
    if "%%" not in text:
        return text
    lines = text.split("\n")
    marks = [number for number, line in outside_code(lines) if line.strip() == "%%"]
    for opening, closing in zip(marks[::2], marks[1::2], strict=False):
        lines[opening : closing + 1] = [""] * (closing + 1 - opening)
    return "\n".join(lines)


def obsidian_marks(tokens: list[Token], text: str, *, titled: bool = True) -> None:
    """Every token pass of this module over one file; each runs only if the `text` shows its sign.

    `titled`: the words on a callout's marker line are its title, as Obsidian reads them; docsify
    reads them as the start of its text.
    """
    if "[!" in text:
        _callouts(tokens, titled)
    if "%%" in text:
        _comments(tokens)
    if "^" in text:
        _block_ids(tokens)


def _callouts(tokens: list[Token], titled: bool) -> None:
    found = [
        index
        for index, token in enumerate(tokens)
        if token.type == "blockquote_open"
        and index + 2 < len(tokens)
        and tokens[index + 1].type == "paragraph_open"
        and tokens[index + 2].content.startswith("[!")
    ]
    for index in reversed(found):  # from the end, so that inserting titles moves nothing still to do
        inline = tokens[index + 2]
        children = inline.children or []
        first = children[0] if children else None
        marker = _CALLOUT.match(first.content) if first is not None and first.type == "text" else None
        if first is None or marker is None:
            continue
        kind, fold = marker.group(1).lower(), marker.group(2)
        first.content = first.content[marker.end() :]
        breaks = [at for at, child in enumerate(children) if child.type in ("softbreak", "hardbreak")]
        close = _closing(tokens, index)
        # The marker line's words start the text in docsify, and where that line is all the quote
        # holds (`> [!TIP] Words`): a title with nothing under it reads better as the text. A fold
        # sign is Obsidian's own, so its words are a title.
        words_are_text = not fold and (not titled or (not breaks and close == index + 4))
        if words_are_text:
            title_children, body_children = [], children
        elif breaks:
            title_children, body_children = children[: breaks[0]], children[breaks[0] + 1 :]
        else:
            title_children, body_children = children, []
        words = "".join(child.content for child in title_children).strip()
        level = tokens[index].level
        title = Token("inline", "", 0, level=level + 2, map=tokens[index].map)
        title.content = words or kind.capitalize()
        title.children = [child for child in title_children if child.content or child.type != "text"] or [
            Token("text", "", 0, content=kind.capitalize())
        ]
        tokens[index].type, tokens[index].tag = "callout_open", "div"
        tokens[index].meta = {"kind": kind, "collapsible": bool(fold), "open": fold == "+"}
        tokens[close].type, tokens[close].tag = "callout_close", "div"
        inline.children = body_children
        if words_are_text:
            inline.content = inline.content[marker.end() :]
        else:
            inline.content = inline.content.split("\n", 1)[1] if "\n" in inline.content else ""
        if not inline.content.strip():
            del tokens[index + 1 : index + 4]  # the marker's paragraph held only the title
        if kind == "box" and not words:
            continue  # a plain box, as Leanpub's blurbs are (see leanpub.py): no title
        tokens[index + 1 : index + 1] = [
            Token("callout_title_open", "p", 1, level=level + 1, block=True, map=tokens[index].map),
            title,
            Token("callout_title_close", "p", -1, level=level + 1, block=True),
        ]


def _closing(tokens: list[Token], start: int) -> int:
    """The index of the token that closes the one opened at `start`."""
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1


def _comments(tokens: list[Token]) -> None:
    """`%% … %%` inside a paragraph leaves it; a paragraph of nothing else goes."""
    for index in range(len(tokens) - 1, -1, -1):
        inline = tokens[index]
        if inline.type != "inline" or "%%" not in inline.content or not inline.children:
            continue
        kept = _without_comments(inline.children)
        if kept is None:
            continue
        inline.children = kept
        if (
            all(child.type in ("text", "softbreak") and not child.content.strip() for child in kept)
            and tokens[index - 1].type == "paragraph_open"
            and tokens[index + 1].type == "paragraph_close"
        ):
            del tokens[index - 1 : index + 2]


def _without_comments(children: list[Token]) -> list[Token] | None:
    """The inline tokens with their comments cut out; None when a comment never closes.

    A `%%` opens a comment where a word may start (after a space, a break or a mark), so
    `100%%` stays as written.
    """
    kept: list[Token] = []
    inside = False
    for child in children:
        if child.type != "text" or "%%" not in child.content:
            if not inside:
                kept.append(child)
            continue
        text, pieces, at = child.content, [], 0
        for found in _COMMENT.finditer(text):
            start = found.start()
            if not inside and start and not text[start - 1].isspace():
                continue
            if not inside:
                pieces.append(text[at:start])
            inside, at = not inside, found.end()
            if not inside and text[at : at + 1] == " " and (not pieces or pieces[-1].endswith(" ")):
                at += 1  # `a %% note %% b` reads "a b"
        if not inside:
            pieces.append(text[at:])
        kept.append(Token("text", "", 0, content="".join(pieces)))
    return None if inside else kept


def _block_ids(tokens: list[Token]) -> None:
    """A trailing ` ^id` leaves its paragraph; a paragraph of nothing else (an id under a table) goes."""
    for index in range(len(tokens) - 1, -1, -1):
        inline = tokens[index]
        if inline.type != "inline" or "^" not in inline.content or not inline.children:
            continue
        last = inline.children[-1]
        if _ALONE_ID.fullmatch(inline.content):
            if tokens[index - 1].type == "paragraph_open" and tokens[index + 1].type == "paragraph_close":
                del tokens[index - 1 : index + 2]
            continue
        found = _BLOCK_ID.search(last.content) if last.type == "text" else None
        if found is not None:
            last.content = last.content[: found.start()]
            inline.content = inline.content.rstrip()[: -len(found.group().strip())].rstrip()
