"""Raw HTML written inside Markdown: closed off, block by block, and read for its words and pictures.

The sanitiser (sanitize.py) decides what of an author's HTML the reader sees; this module reads
the same HTML for everything else: the words it holds, for counting and for the model's text,
and rewrite() writes it back out, closed off, with each `<img>` a picture exactly like `![alt](src)`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from html.parser import HTMLParser

# Elements whose content is not text a reader sees (and which the sanitiser drops whole).
HIDDEN_CONTENT = frozenset(
    {"script", "style", "template", "noscript", "title", "textarea", "xmp", "iframe", "noembed",
     "noframes", "plaintext", "svg", "math", "object", "select", "head"}
)  # fmt: skip
_LINE_BREAKING = frozenset(
    {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "details", "summary", "table",
     "ul", "ol", "blockquote", "pre", "figure", "figcaption", "dt", "dd", "hr", "section"}
)  # fmt: skip


_NAME = re.compile(r"[a-z][a-z0-9-]*")


class _Reader(HTMLParser):
    def __init__(self, *, pictures_as_markdown: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.as_markdown = pictures_as_markdown

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN_CONTENT:
            self.hidden += 1
        elif self.hidden:
            return
        elif tag == "img":
            found = dict(attrs)
            alt = (found.get("alt") or "").strip()
            if self.as_markdown:
                self.parts.append(f"![{alt}]({(found.get('src') or '').strip()})")
            else:
                self.parts.append(alt)
        elif tag in _LINE_BREAKING:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in HIDDEN_CONTENT:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_CONTENT:
            self.hidden = max(0, self.hidden - 1)
        elif self.hidden:
            return
        elif tag in _LINE_BREAKING:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" | ")  # the cells of a row stay apart, as a Markdown table's do

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_text(fragment: str, *, pictures_as_markdown: bool = False) -> str:
    """The words an HTML fragment shows; comments and script-like content left out."""
    if "<" not in fragment and "&" not in fragment:
        return fragment
    reader = _Reader(pictures_as_markdown=pictures_as_markdown)
    reader.feed(fragment)
    reader.close()
    text = "".join(reader.parts)
    # Runs of blank lines from nested block tags collapse to one paragraph break.
    lines = [line.strip().removesuffix("|").strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


class _Rewriter(HTMLParser):
    """Writes a fragment back out as complete tags, comments and hidden content left out."""

    def __init__(self, picture: Callable[[str, str, str | None], str]) -> None:
        super().__init__(convert_charrefs=True)
        self.picture = picture
        self.out: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN_CONTENT:
            self.hidden += 1
        elif self.hidden:
            return
        elif tag == "img":
            found = dict(attrs)
            self.out.append(self.picture((found.get("src") or "").strip(), (found.get("alt") or "").strip(),
                                         found.get("title")))  # fmt: skip
        else:
            written = "".join(
                f' {name}="{escape(value or "")}"' for name, value in attrs if _NAME.fullmatch(name)
            )
            self.out.append(f"<{tag}{written}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in HIDDEN_CONTENT:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_CONTENT:
            self.hidden = max(0, self.hidden - 1)
        elif not self.hidden:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.out.append(escape(data, quote=False))


def rewrite(fragment: str, picture: Callable[[str, str, str | None], str]) -> str:
    """An author's HTML fragment as complete tags and escaped text, with no comments and no hidden content.

    Each fragment is closed off on its own, so that a `<style>` or `<!--` left open in one block
    cannot swallow the blocks after it; and each `<img>` is written by `picture(src, alt, title)`.
    Tags left open (a `<details>` around the next paragraphs) stay open, as the author meant.
    """
    rewriter = _Rewriter(picture)
    rewriter.feed(fragment)
    rewriter.close()
    return "".join(rewriter.out)
