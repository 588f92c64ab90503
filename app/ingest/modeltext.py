"""The model's copy of a page: Markdown written back from the tokens, with no raw HTML in it.

Models read Markdown well, so the page keeps its structure: headings, lists, tables, links,
inline code and fenced code with its language. The author's raw HTML is reduced to its words
(and its pictures to `![alt](src)`), callouts become quotes, and links inside the book say which
chapter they open (`chapter:4#h-what-is-ownership`), since the model reads one chapter at a time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from markdown_it.token import Token

from app.ingest.links import External, LinkIndex, Target, link_words
from app.ingest.passes import code_title, language
from app.ingest.rawhtml import html_text
from app.ingest.titles import TITLE_TOKENS

_BACKTICKS = re.compile(r"`+")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_CAPTION_MARK = re.compile(r"[\\*_`\[\]]")  # what would end or open a mark inside `**…**`


@dataclass(frozen=True, slots=True)
class ModelContext:
    file: PurePosixPath
    chapter: int
    links: LinkIndex


# Emphasis the model reads as written: `*`, `**`, `~~` and `==` (a highlight, see obsidianmarks.py).
_EMPHASIS = frozenset(
    {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close", "mark_open", "mark_close"}
)


def block_markdown(tokens: Sequence[Token], context: ModelContext) -> str:
    """One top-level block (or a run of them) as Markdown."""
    return "\n\n".join(part for part in _blocks(tokens, 0, len(tokens), context) if part)


def _end(tokens: Sequence[Token], start: int) -> int:
    """Index just past the token that closes the one opened at `start`."""
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index + 1
    return len(tokens)


def _blocks(tokens: Sequence[Token], start: int, end: int, context: ModelContext) -> list[str]:
    out: list[str] = []
    index = start
    while index < end:
        token = tokens[index]
        close = _end(tokens, index) if token.nesting == 1 else index + 1
        out.append(_block(tokens, index, close, context))
        index = close
    return out


def _block(tokens: Sequence[Token], start: int, end: int, context: ModelContext) -> str:
    token = tokens[start]
    kind = token.type
    if kind == "paragraph_open":
        return _inline(tokens[start + 1], context)
    if kind == "heading_open":
        return "#" * int(token.tag[1]) + " " + _inline(tokens[start + 1], context)
    if kind in ("fence", "code_block"):
        if kind == "code_block":
            return _fence(token.content, "")
        title = code_title(token.info)
        listing = _fence(token.content, language(token.info))
        return f"**{_caption(title)}**\n\n{listing}" if title else listing  # as a tab's label is
    if kind == "math_block":
        return "$$\n" + token.content.strip("\n") + "\n$$"
    if kind == "hr":
        return "---"
    if kind == "html_block":
        return html_text(token.content, pictures_as_markdown=True)
    if kind in ("bullet_list_open", "ordered_list_open"):
        return _list(tokens, start, end, context)
    if kind == "table_open":
        return _table(tokens, start, end, context)
    if kind == "dl_open":
        return _definitions(tokens, start, end, context)
    if kind in ("blockquote_open", "callout_open"):
        inner = _blocks(tokens, start + 1, end - 1, context)
        if kind == "callout_open" and inner and tokens[start + 1].type == "callout_title_open":
            title = _inline(tokens[start + 2], context)  # the title's inline text, after its opening
            inner = [f"**{title}**", *_blocks(tokens, start + 1 + TITLE_TOKENS, end - 1, context)]
        return _prefixed("\n\n".join(part for part in inner if part), "> ")
    if kind == "tab_open":
        if tokens[start + 1].type == "tab_title_open":
            title = _inline(tokens[start + 2], context)
            inner = _blocks(tokens, start + 1 + TITLE_TOKENS, end - 1, context)
            return "\n\n".join([f"**{title}**", *[part for part in inner if part]])
        return "\n\n".join(p for p in _blocks(tokens, start + 1, end - 1, context) if p)
    if kind == "footnote_block_open":
        return "\n".join(p for p in _blocks(tokens, start + 1, end - 1, context) if p)
    if kind == "footnote_open":
        body = "\n\n".join(p for p in _blocks(tokens, start + 1, end - 1, context) if p)
        return f"[^{token.meta['id'] + 1}]: " + _indented(body, "    ")
    if kind in ("callout_title_open", "tab_title_open"):
        return "**" + _inline(tokens[start + 1], context) + "**"
    if token.nesting == 1:
        return "\n\n".join(p for p in _blocks(tokens, start + 1, end - 1, context) if p)
    return ""


def _list(tokens: Sequence[Token], start: int, end: int, context: ModelContext) -> str:
    ordered = tokens[start].type == "ordered_list_open"
    number = int(tokens[start].attrGet("start") or 1) if ordered else 0
    items: list[str] = []
    loose = False
    index = start + 1
    while index < end - 1:
        close = _end(tokens, index)
        inner = tokens[index + 1 : close - 1]
        loose = loose or any(t.type == "paragraph_open" and not t.hidden for t in inner)
        body = "\n\n".join(p for p in _blocks(tokens, index + 1, close - 1, context) if p)
        marker = f"{number}. " if ordered else "- "
        items.append(marker + _indented(body, " " * len(marker)))
        number += 1
        index = close
    return ("\n\n" if loose else "\n").join(items)


def _table(tokens: Sequence[Token], start: int, end: int, context: ModelContext) -> str:
    rows: list[list[str]] = []
    header = 0
    for index in range(start, end):
        token = tokens[index]
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows:
            rows[-1].append(_inline(token, context).replace("|", "\\|").replace("\n", " "))
        elif token.type == "thead_close":
            header = len(rows)
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    if header and rows:
        lines.insert(header, "|" + "---|" * len(rows[0]))
    return "\n".join(lines)


def _definitions(tokens: Sequence[Token], start: int, end: int, context: ModelContext) -> str:
    """A definition list as Pandoc writes one: each term in bold, then each of its definitions after `: `."""
    terms: list[list[str]] = []
    index = start + 1
    while index < end - 1:
        close = _end(tokens, index)
        if tokens[index].type == "dt_open":
            term = _inline(tokens[index + 1], context)
            terms.append([f"**{term}**" if term else ""])
        else:
            body = "\n\n".join(p for p in _blocks(tokens, index + 1, close - 1, context) if p)
            if not terms:
                terms.append([])
            terms[-1].append(": " + _indented(body, "  "))
        index = close
    return "\n\n".join("\n".join(line for line in term if line) for term in terms)


def _longest_backticks(code: str) -> int:
    if "`" not in code:  # most code holds none: a string search answers without the pattern
        return 0
    return max(len(run) for run in _BACKTICKS.findall(code))


def _fence(code: str, lang: str) -> str:
    ticks = "`" * max(3, _longest_backticks(code) + 1)
    return f"{ticks}{lang}\n{code.rstrip(chr(10))}\n{ticks}"


def _prefixed(text: str, prefix: str) -> str:
    return "\n".join((prefix + line).rstrip() for line in text.split("\n"))


def _indented(text: str, indent: str) -> str:
    lines = text.split("\n")
    return "\n".join([lines[0], *[(indent + line) if line else "" for line in lines[1:]]])


def _inline(token: Token, context: ModelContext) -> str:
    out: list[str] = []
    links: list[str] = []  # the closing of each open link: ](href)
    children = token.children or []
    for index, child in enumerate(children):
        kind = child.type
        if kind == "text":
            out.append(_escaped(child.content))
        elif kind in ("softbreak", "hardbreak"):
            out.append("\n")
        elif kind == "code_inline":
            out.append(_code_span(child.content))
        elif kind in _EMPHASIS:
            out.append(child.markup)
        elif kind == "link_open":
            href = _href(str(child.attrGet("href") or ""), context)
            autolink = child.markup in ("autolink", "linkify")
            links.append("" if autolink else f"]({href})" if href else "]")
            out.append("" if autolink else "[")
            if index + 1 < len(children) and children[index + 1].type == "link_close":
                original = str(child.attrGet("href") or "")
                out.append(
                    _escaped(
                        link_words(context.links.resolve(original, context.file), original, context.links)
                    )
                )
        elif kind == "link_close":
            out.append(links.pop() if links else "")
        elif kind == "image":
            alt = "".join(c.content for c in child.children or () if c.type in ("text", "code_inline"))
            src = str(child.attrGet("src") or "")
            out.append(f"![{alt}]({'' if src.startswith('data:') else src})")
        elif kind == "html_inline":
            out.append(html_text(child.content, pictures_as_markdown=True) if "<img" in child.content.lower() else
                       "\n" if child.content.lower().startswith("<br") else "")  # fmt: skip
        elif kind == "footnote_ref":
            out.append(f"[^{child.meta['id'] + 1}]")
        elif kind in ("math_inline", "math_inline_double"):
            out.append(f"${child.content}$")
    text = "".join(out).strip()
    # A `<br>` and the line end after it are one break, never a paragraph's end.
    return text.replace("\n\n", "\n") if "\n\n" in text else text


def _href(href: str, context: ModelContext) -> str:
    target = context.links.resolve(href, context.file)
    if isinstance(target, External):
        return target.href
    if isinstance(target, Target):
        fragment = f"#{target.anchor}" if target.anchor else ""
        return fragment or "#" if target.chapter == context.chapter else f"chapter:{target.chapter}{fragment}"
    return ""


def _code_span(code: str) -> str:
    ticks = "`" * (_longest_backticks(code) + 1)
    pad = " " if code.startswith("`") or code.endswith("`") else ""
    return f"{ticks}{pad}{code}{pad}{ticks}"


def _caption(title: str) -> str:
    """A code block's title as the words of a strong mark: marks in it (`*`, `_`, `` ` ``, `[`) escaped."""
    return _escaped(_CAPTION_MARK.sub(r"\\\g<0>", title))


def _escaped(text: str) -> str:
    """Text that cannot be mistaken for HTML: a `<` before a letter, `/` or `!` is escaped."""
    return _TAG_START.sub(r"\\<", text) if "<" in text else text
