"""The security boundary: every page's HTML goes through an allowlist sanitiser (nh3, Ammonia's binding).

Book text is untrusted, and since raw HTML is no longer escaped, this is what keeps a book from
running script in the reader. Only the tags a book needs to be read are kept (`details`,
`kbd`, `sup`, tables, figures…); unknown tags are unwrapped, keeping their text; script-like
elements are dropped with their content; every attribute off the allowlist goes, and links keep
only http(s) and mailto. Ids, classes and `data-chapter` survive only when render.py wrote them
(their values carry the page's nonce), so a book can neither style itself with the widget's
classes nor give an element an id that clobbers the widget's own.
"""

from __future__ import annotations

import re

import nh3

from app.ingest.links import External, Target
from app.ingest.rawhtml import HIDDEN_CONTENT
from app.ingest.render import NONCE, PageContext

TAGS = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "center", "cite", "code", "col",
     "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1",
     "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q",
     "rp", "rt", "ruby", "s", "samp", "section", "small", "span", "strike", "strong", "sub", "summary",
     "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "wbr"}
)  # fmt: skip
_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "data-chapter"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "ol": {"start"},
    "li": {"value"},
    "details": {"open"},
}
_NUMBERS = frozenset({"width", "height", "colspan", "rowspan", "start", "value"})
# nh3 0.3.8 drops a `<card>` element's content, where it unwraps every other unknown tag (`<cards>`,
# `<badge>` keep theirs), and MDX sites write `<Card>` around whole paragraphs. Renamed, it is
# unwrapped like the rest.
_CARD = re.compile(r"<(/?)card(?=[\s/>])", re.IGNORECASE)
_MARKED = frozenset({"id", "class", "data-chapter"})


def sanitize(html: str, context: PageContext) -> str:
    """The page's HTML with only what the allowlist keeps, and the renderer's code put back."""
    nonce = NONCE

    def keep(tag: str, name: str, value: str) -> str | None:
        if name in _MARKED:
            return value[len(nonce) :] if value.startswith(nonce) else None
        if name == "src":
            return _picture(value, nonce, context)
        if name == "href":
            return _href(value, context)
        if name in _NUMBERS:
            return value if value.isdigit() and len(value) <= 5 else None
        return value

    cleaner = nh3.Cleaner(
        tags=set(TAGS),
        clean_content_tags=set(HIDDEN_CONTENT),
        attributes={tag: set(names) for tag, names in _ATTRIBUTES.items()},
        attribute_filter=keep,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )
    if "ard" in html or "ARD" in html:
        html = _CARD.sub(r"<\1x-card", html)
    clean = cleaner.clean(html)
    return _put_back(clean, context)


def _picture(value: str, nonce: str, context: PageContext) -> str | None:
    marker = nonce + "P"
    if value.startswith(marker) and value[len(marker) :].isdigit():
        index = int(value[len(marker) :])
        return context.images[index] if index < len(context.images) else None
    return None  # an <img> the renderer did not write: there is none, since raw ones are rewritten


def _href(value: str, context: PageContext) -> str | None:
    if value.startswith("#"):
        return value
    target = context.links.resolve(value, context.file)
    if isinstance(target, External):
        return target.href
    if isinstance(target, Target):
        if target.chapter == context.chapter:
            return "#" + (target.anchor or "")
        context.raw_links.append((target.anchor or "", target.chapter))
        return f"{NONCE}L{len(context.raw_links) - 1}"
    return None


# Every placeholder starts with the nonce, so the pattern does too: a pattern with a fixed
# start is searched for as a plain string, where alternatives with different starts would be
# tried at every character of the page. An L placeholder is only ever an href's whole value
# (_href writes it), so its closing quote is enough to find it by.
_PLACEHOLDER = re.compile(rf'{NONCE}(?:L(\d+)"|C(\d+)\n?|F(\d+))')


def _put_back(html: str, context: PageContext) -> str:
    def replace(match: re.Match[str]) -> str:
        link, code, note = match.groups()
        if link is not None:
            anchor, chapter = context.raw_links[int(link)]
            return f'#{anchor}" data-chapter="{chapter}"'
        if note is not None:
            return context.notes.get(int(note), "")
        index = int(code)
        return context.codes[index] if index < len(context.codes) else ""

    return _PLACEHOLDER.sub(replace, html) if NONCE in html else html
