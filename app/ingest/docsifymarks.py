"""docsify's Markdown extras, read as a docsify site shows them: its marks never reach the reader.

- Heading marks: `## Setup :id=setup` gives the heading that id (links to `#setup` land on it);
  `{docsify-ignore}`, `{docsify-ignore-all}` and `:docsify-ignore` only keep a heading out of the
  site's sidebar, and leave its title.
- Link and picture options in the title: `[a](b ':target=_blank')`, `![a](b ':size=50x100')`. The
  options (words starting with `:`) are the site's business; any other words stay the title.
- The helpers `!> text` and `?> text` at the start of a paragraph: an important and a tip callout.
- The docsify-tabs plugin: `<!-- tabs:start -->`, then `#### **Name**` (or `<!-- tab:Name -->`)
  before each tab's content, then `<!-- tabs:end -->`: labelled sections, as mkdocs tabs are read.

`[text](file ':include')` embeds a file before parsing (see embeds.py), and `> [!TIP] Words` is
read as the callout it is by obsidianmarks.py. Each pass looks for a
cheap sign of its syntax before any other work, since most books have none of it.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

# Marks that only keep a heading out of the site's sidebar (its table of contents for the page).
_IGNORED = frozenset({"{docsify-ignore}", "{docsify-ignore-all}", ":docsify-ignore", ":docsify-ignore-all"})
_HELPERS = {"!>": "important", "?>": "tip"}
_TABS_START = re.compile(r"<!--\s*tabs:start\s*-->\s*", re.IGNORECASE)
_TABS_END = re.compile(r"<!--\s*tabs:end\s*-->\s*", re.IGNORECASE)
_TAB_COMMENT = re.compile(r"<!--\s*tab:(.*?)-->\s*", re.IGNORECASE)


def without_marks(text: str) -> tuple[str, str | None]:
    """A heading's text without its trailing docsify marks, and the id `:id=` gives (None if none).

    Word by word from the end, by plain string search, so any heading costs linear time.
    """
    found: str | None = None
    while True:
        stripped = text.rstrip()
        cut = max(stripped.rfind(" "), stripped.rfind("\t")) + 1
        word = stripped[cut:]
        if word.startswith(":id=") and len(word) > len(":id="):
            found = found or word[len(":id=") :]
        elif word not in _IGNORED:
            return text, found
        text = stripped[:cut]


def docsify_marks(tokens: list[Token], text: str) -> None:
    """Every docsify pass over one file's tokens; each runs only if the file's `text` shows its sign."""
    if ":id=" in text or "docsify-ignore" in text:
        _headings(tokens)
    if "':" in text or '":' in text:
        _link_options(tokens)
    if "!>" in text or "?>" in text:
        _helpers(tokens)
    if "tabs:start" in text:
        _tabs(tokens)


def _headings(tokens: list[Token]) -> None:
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        if "docsify-ignore" not in inline.content and ":id=" not in inline.content:
            continue
        children = inline.children or []
        if not children or children[-1].type != "text":
            continue
        last = children[-1]
        text, found = without_marks(last.content)
        if text == last.content:
            continue
        last.content = text.rstrip()
        inline.content = without_marks(inline.content)[0].rstrip()
        if found:
            token.meta = {**token.meta, "explicit_id": found}


def _link_options(tokens: list[Token]) -> None:
    for token in tokens:
        # Options sit just inside the title's quotes: `':target=_blank'`, `":size=50"`.
        if token.type != "inline" or ("':" not in token.content and '":' not in token.content):
            continue
        for child in token.children or ():
            if child.type not in ("link_open", "image"):
                continue
            title = str(child.attrGet("title") or "")
            if not title.lstrip().startswith(":"):
                continue
            words = title.split()
            # An embed the import could not read (a web address, a video) keeps only its link: its
            # other words (`width=100%`) were settings for the frame it would have drawn.
            kept = [] if ":include" in words else [word for word in words if not word.startswith(":")]
            if kept:
                child.attrSet("title", " ".join(kept))
            elif child.attrs:
                child.attrs.pop("title", None)


def _helpers(tokens: list[Token]) -> None:
    """`!> text` and `?> text` paragraphs become callouts, each holding its paragraph, marker taken off."""
    found = [
        index
        for index, token in enumerate(tokens)
        if token.type == "paragraph_open"
        and index + 1 < len(tokens)
        and tokens[index + 1].content.startswith(("!>", "?>"))
    ]
    for index in reversed(found):
        inline = tokens[index + 1]
        first = inline.children[0] if inline.children else None
        if first is None or first.type != "text" or not first.content.startswith(("!>", "?>")):
            continue
        kind = _HELPERS[first.content[:2]]
        first.content = first.content[2:].lstrip()
        inline.content = inline.content[2:].lstrip()
        paragraph, close = tokens[index], tokens[index + 2]
        level = paragraph.level
        opening = Token("callout_open", "div", 1, level=level, block=True, map=paragraph.map)
        opening.meta = {"kind": kind, "collapsible": False, "open": False}
        paragraph.level, inline.level, close.level = level + 1, level + 2, level + 1
        paragraph.hidden = close.hidden = False
        tokens[index : index + 3] = [
            opening,
            paragraph,
            inline,
            close,
            Token("callout_close", "div", -1, level=level, block=True),
        ]


def _tabs(tokens: list[Token]) -> None:
    """Each `<!-- tabs:start -->` … `<!-- tabs:end -->` run: its tabs as labelled sections."""
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "html_block" and _TABS_START.fullmatch(token.content):
            end = next(
                (
                    later
                    for later in range(index + 1, len(tokens))
                    if tokens[later].type == "html_block"
                    and tokens[later].level == token.level
                    and _TABS_END.fullmatch(tokens[later].content)
                ),
                None,
            )
            if end is not None:
                sections = _sections(tokens[index + 1 : end], token.level)
                tokens[index : end + 1] = sections
                index += len(sections)
                continue
        index += 1


def _sections(inside: list[Token], level: int) -> list[Token]:
    """The tokens between the markers, each tab's run wrapped in tab tokens under its label."""
    out: list[Token] = []
    opened = False
    index = 0
    while index < len(inside):
        token = inside[index]
        label, width = _tab_label(inside, index, level)
        if label is not None:
            if opened:
                out.append(Token("tab_close", "div", -1, level=level, block=True))
            out += [
                Token("tab_open", "div", 1, level=level, block=True, map=token.map),
                Token("tab_title_open", "p", 1, level=level + 1, block=True, map=token.map),
                label,
                Token("tab_title_close", "p", -1, level=level + 1, block=True),
            ]
            opened = True
            index += width
            continue
        if opened:
            token.level += 1
        out.append(token)
        index += 1
    if opened:
        out.append(Token("tab_close", "div", -1, level=level, block=True))
    return out


def _tab_label(tokens: list[Token], index: int, level: int) -> tuple[Token | None, int]:
    """The label a tab starts with at `index` (an inline token) and how many tokens it took; (None, 1) if none."""
    token = tokens[index]
    if token.level != level:
        return None, 1
    if token.type == "html_block":
        comment = _TAB_COMMENT.fullmatch(token.content)
        if comment is None or not comment.group(1).strip():
            return None, 1
        name = comment.group(1).strip()
        text = Token("text", "", 0, content=name)
        return Token("inline", "", 0, level=level + 2, content=name, map=token.map, children=[text]), 1
    if token.type != "heading_open" or index + 2 >= len(tokens):
        return None, 1
    inline = tokens[index + 1]
    children = [child for child in inline.children or [] if child.type != "text" or child.content]
    # docsify-tabs reads a heading as a tab's name only when all of it is bold: `#### **Name**`.
    if len(children) < 3 or children[0].type != "strong_open" or children[-1].type != "strong_close":
        return None, 1
    if any(child.type == "strong_open" for child in children[1:-1]):
        return None, 1
    inline.children = children[1:-1]
    inline.content = inline.content.strip().strip("*_").strip()
    inline.level = level + 2
    return inline, 3
