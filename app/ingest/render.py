"""A page's HTML from its tokens: ids on blocks, links the reader can follow, pictures, code and callouts.

The HTML made here is not yet safe: raw HTML from the book passes through it as written. It is
made to go through sanitize.py, which keeps only allowlisted tags and attributes. Some of what
this renderer writes must survive that allowlist while the book's own HTML must not: ids,
classes and `data-chapter` attributes. So the renderer writes those values after a `nonce`, a
random word the book cannot know, and the sanitiser keeps exactly the values that carry it
(and strips it). Highlighted code (many small spans) is not sent through the sanitiser at all:
the renderer writes a `{nonce}C<n>` placeholder, and the sanitiser puts the code back after.
"""

from __future__ import annotations

import functools
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import PurePosixPath
from typing import Any

from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from app.ingest.highlight import highlight
from app.ingest.links import External, LinkIndex, Target, link_words
from app.ingest.markdown import PARSER
from app.ingest.passes import code_title, language
from app.ingest.pictures import Pictures, inline_picture, places
from app.ingest.rawhtml import rewrite

CALLOUT_KINDS = frozenset(
    {"note", "abstract", "info", "tip", "success", "question", "warning", "failure", "danger", "bug",
     "example", "quote", "important", "caution", "box"}
)  # fmt: skip
# Other names the docs dialects use for the same kinds of box.
_KIND_ALIASES = {"summary": "abstract", "tldr": "abstract", "todo": "info", "hint": "tip", "check": "success",
                 "done": "success", "help": "question", "faq": "question", "attention": "warning",
                 "fail": "failure", "missing": "failure", "error": "danger", "cite": "quote",
                 "admonition": "note", "seealso": "info"}  # fmt: skip


# Random for each run of the program, so no book can know it; never written into a stored page.
NONCE = secrets.token_hex(8)


def mark(value: str) -> str:
    """A value the sanitiser keeps, because it carries the nonce (which it strips)."""
    return NONCE + value


@dataclass
class PageContext:
    """What rendering one page needs to know, and what it collects for the sanitiser."""

    file: PurePosixPath  # the chapter's file inside the book: links and pictures are relative to it
    path: str  # the same file as messages name it
    chapter: int  # 1-based
    links: LinkIndex
    pictures: Pictures
    picture_problem: Callable[[str, str, str], None]  # (file, src, why): warned once each by the caller
    notes: dict[int, str] = field(default_factory=dict)  # footnote number -> anchor of its item
    codes: list[str] = field(default_factory=list)  # trusted HTML put back for each C placeholder
    images: list[str] = field(default_factory=list)  # data: URLs, by P placeholder
    raw_links: list[tuple[str, int]] = field(default_factory=list)  # (anchor, chapter) by L placeholder

    def mark(self, value: str) -> str:
        return mark(value)


class PageRenderer(RendererHTML):
    """markdown-it's HTML renderer with Chapterwise's rules; one per page (it holds the page's context)."""

    def __init__(self, context: PageContext) -> None:
        # markdown-it finds a renderer's rules by introspection, which costs more than a small
        # chapter's rendering; the names are found once, and bound for each renderer.
        self.rules = {name: getattr(self, name) for name in _rule_names()}
        self.context = context

    def render_blocks(self, tokens: Sequence[Token], env: dict[str, Any]) -> str:
        return self.render(tokens, PARSER.options, env)

    def _id(self, token: Token) -> str:
        anchor = token.meta.get("anchor") if token.meta else None
        return f' id="{self.context.mark(anchor)}"' if anchor else ""

    # Code: highlighted here, and kept out of the sanitiser (see the module docstring).
    def fence(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        return self._code(token, token.content, language(token.info), code_title(token.info))

    def code_block(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return self._code(tokens[idx], tokens[idx].content, "")

    def _code(self, token: Token, code: str, lang: str, title: str = "") -> str:
        anchor = token.meta.get("anchor") if token.meta else None
        identity = f' id="{escape(anchor)}"' if anchor else ""
        # tabindex: a long listing scrolls sideways, and a keyboard must be able to scroll it too.
        listing = f'tabindex="0"><code>{highlight(code, lang)}</code></pre>'
        if title:
            # The file it belongs in, say: a caption above it, as the sites show it. The id stays on the
            # outermost block, as the widget finds a passage among the page's top-level blocks.
            listing = f"<figure{identity}><figcaption>{escape(title)}</figcaption><pre {listing}</figure>"
        else:
            listing = f"<pre{identity} {listing}"
        self.context.codes.append(listing + "\n")
        return f"{self.context.mark('C')}{len(self.context.codes) - 1}\n"

    def math_inline(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return f'<code class="{self.context.mark("math")}">{escape(tokens[idx].content, quote=False)}</code>'

    math_inline_double = math_inline

    def math_block(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        return self._code(token, token.content.strip("\n") + "\n", "latex")

    def hr(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return f"<hr{self._id(tokens[idx])}>\n"

    def html_block(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        # The author's HTML cannot carry our id without being rewritten, so an empty marker does.
        token = tokens[idx]
        marker = f"<span{self._id(token)}></span>" if token.meta.get("anchor") else ""
        return marker + self._with_pictures(token.content)

    def html_inline(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return self._with_pictures(tokens[idx].content)

    def _with_pictures(self, html: str) -> str:
        """The author's HTML closed off, with each `<img>` rendered exactly as `![alt](src)` would be."""
        return rewrite(html, self._picture)

    def image(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        alt = self.renderInlineAsText(token.children or [], options, env)
        title = token.attrGet("title")
        return self._picture(str(token.attrGet("src") or ""), alt, str(title) if title else None)

    def _picture(self, src: str, alt: str, title: str | None) -> str:
        context = self.context
        if not src:
            return escape(alt)  # a template's `<img src="{{ … }}">`, say: there is no picture to find
        lowered = src.lower()
        if lowered.startswith(("http://", "https://", "//")):
            href = "https:" + src if src.startswith("//") else src
            return (
                f'<a class="{context.mark("picture-link")}" href="{escape(href)}">🖼 {escape(alt or href)}</a>'
            )
        if lowered.startswith("data:"):
            picture = inline_picture(src)
        else:
            picture = context.pictures.first(
                places(context.file, src, context.links.site_root, context.links.public), src
            )
        if picture.data_url is None:
            context.picture_problem(context.path, src, picture.problem or "")
            shown = alt or PurePosixPath(src.split("?")[0]).name or "picture"
            return f'<span class="{context.mark("picture-missing")}">🖼 {escape(shown)}</span>'
        context.images.append(picture.data_url)
        titled = f' title="{escape(title)}"' if title else ""
        return f'<img src="{context.mark("P")}{len(context.images) - 1}" alt="{escape(alt)}"{titled}>'

    # Links: to the web as they are, inside the book to a chapter and heading (see links.py).
    def link_open(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        title = token.attrGet("title")
        titled = f' title="{escape(str(title))}"' if title else ""
        href = str(token.attrGet("href") or "")
        target = self.context.links.resolve(href, self.context.file)
        empty = idx + 1 < len(tokens) and tokens[idx + 1].type == "link_close"
        words = escape(link_words(target, href, self.context.links)) if empty else ""
        if isinstance(target, External):
            return f'<a href="{escape(target.href)}"{titled}>{words}'
        if isinstance(target, Target):
            return f"<a {self.in_book(target)}{titled}>{words}"
        return f"<a{titled}>{words}"

    def in_book(self, target: Target) -> str:
        href = f'href="#{escape(target.anchor or "")}"'
        if target.chapter == self.context.chapter:
            return href
        return f'{href} data-chapter="{self.context.mark(str(target.chapter))}"'

    # Footnotes: marks link to the note on the same page; notes carry block-style ids.
    def footnote_ref(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        # The note's id is known only once the page is: sanitize.py writes it over the F placeholder.
        number = tokens[idx].meta["id"] + 1
        mark = self.context.mark
        return f'<sup class="{mark("footnote-ref")}"><a href="#{mark("F")}{number}">[{number}]</a></sup>'

    def footnote_block_open(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        mark = self.context.mark
        return f'<section class="{mark("footnotes")}"{self._id(tokens[idx])}><ol class="{mark("footnotes-list")}">\n'

    def footnote_block_close(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return "</ol></section>\n"

    def footnote_open(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        number = tokens[idx].meta["id"] + 1
        anchor = self.context.notes.get(number)
        identity = f' id="{self.context.mark(anchor)}"' if anchor else ""
        return f'<li{identity} value="{number}">'

    def footnote_close(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return "</li>\n"

    def footnote_anchor(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return ""  # no back-links: the reader is never far from the mark, which is on the same page

    # Callouts (admonitions, alerts, fenced boxes) and content tabs.
    def callout_open(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        kind = str(token.meta.get("kind", "note"))
        kind = _KIND_ALIASES.get(kind, kind if kind in CALLOUT_KINDS else "note")
        classes = self.context.mark(f"callout callout-{kind}")
        if token.meta.get("collapsible"):
            opened = " open" if token.meta.get("open") else ""
            return f'<details class="{classes}"{self._id(token)}{opened}>\n'
        return f'<div class="{classes}"{self._id(token)}>\n'

    def callout_close(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        opening = _opening(tokens, idx)
        return "</details>\n" if opening is not None and opening.meta.get("collapsible") else "</div>\n"

    def callout_title_open(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        opening = _opening(tokens, idx, of="callout_open", close="callout_close")
        if opening is not None and opening.meta.get("collapsible"):
            return "<summary>"
        return f'<p class="{self.context.mark("callout-title")}">'

    def callout_title_close(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        opening = _opening(tokens, idx, of="callout_open", close="callout_close")
        return "</summary>\n" if opening is not None and opening.meta.get("collapsible") else "</p>\n"

    def tab_open(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return f'<div class="{self.context.mark("tab")}"{self._id(tokens[idx])}>\n'

    def tab_close(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return "</div>\n"

    def tab_title_open(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return f'<p class="{self.context.mark("tab-title")}">'

    def tab_title_close(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return "</p>\n"


@functools.cache
def _rule_names() -> tuple[str, ...]:
    return tuple(name for name in dir(PageRenderer) if not name.startswith(("render", "_")) and
                 callable(getattr(PageRenderer, name)) and name not in ("in_book", "rules"))  # fmt: skip


def _opening(
    tokens: Sequence[Token], idx: int, *, of: str = "callout_open", close: str = "callout_close"
) -> Token | None:
    """The opening token of the container that `tokens[idx]` sits in (or closes)."""
    depth = 0
    for index in range(idx - 1, -1, -1):
        kind = tokens[index].type
        if kind == close:
            depth += 1
        elif kind == of:
            if depth == 0:
                return tokens[index]
            depth -= 1
    return None
