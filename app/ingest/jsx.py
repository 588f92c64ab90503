"""MDX's components, read as their authors meant: a block rule for lines that hold only JSX tags.

Docs sites built on MDX (Astro Starlight, Docusaurus, Nextra, Mintlify) write tabs, callouts and
cards as components: `<Tabs>` around `<TabItem label="npm">`, `<Aside type="tip">`, `<Card
title="…">`. Left to CommonMark, a tag line becomes an HTML block that swallows the Markdown under
it up to the next blank line (a code fence shows raw), so here a line holding only tags (whose
name starts with a capital) is read as MDX reads it: as a tag, with Markdown around and inside it.

- a tab (`TabItem`, `Tab`, `Tabs.Tab`) becomes a labelled section, the shape of mkdocs' `=== "npm"`;
- a callout (`Aside`, `Admonition`, `Callout`, `Note`, `Tip`…) becomes a callout of its `type`;
- a `Card` becomes a titled section, and a `LinkCard` (or a `Card` with no body) a link with its
  description; a `Step` is a section titled by its number in its `Steps` and its title;
- Mintlify's `Accordion` and `Expandable` fold open from their title, `ParamField` and
  `ResponseField` are sections titled by the field's name and type, a `Frame` shows its caption
  under what it frames, and `<Visibility for="agents">` (text for AI agents) is left out;
- a YouTube embed (`<LiteYouTubeEmbed id>`, `<YouTube id>`) is a link to the video (jsxembeds.py);
- any other component (`Tabs`, `Steps`, `CardGrid`, the site's own) leaves only its content.

Attribute values are text: they become a title or a link's words, escaped as Markdown, and a
`LinkCard`'s href is checked as any Markdown link's is (then by the sanitiser). Tags are found by
one pass over the page's lines (tags open and close in pairs, like brackets), made the first time
the rule meets one (jsxtags.py); .md files never pay for it, since only .mdx files are parsed
with this rule.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from app.ingest.dialects import push_box
from app.ingest.jsxembeds import VIDEOS, video_link
from app.ingest.jsxtags import TABS, Tag, TagLines, scan

_CALLOUTS = frozenset({"Aside", "Admonition", "Callout"})
# Components named after the kind of callout they are (Mintlify's, and many sites' own).
_NAMED_CALLOUTS = frozenset({"Note", "Tip", "Info", "Warning", "Caution", "Danger", "Important", "Check"})
_CARDS = frozenset({"Card", "Step"})
_FOLDED = frozenset({"Accordion", "Expandable"})  # Mintlify's: a title that opens to show the rest
_FIELDS = frozenset({"ParamField", "ResponseField"})  # Mintlify's API fields: a name, a type, a text
_LINK_CARDS = frozenset({"LinkCard"})  # and a `<Card>` with no body: a title, a link, a description
_BOXES = TABS | _CALLOUTS | _NAMED_CALLOUTS | _CARDS | _FOLDED | _FIELDS
_FIELD_NAMES = ("name", "path", "query", "body", "header", "param")

_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def jsx_plugin(md: MarkdownIt) -> None:
    """Read lines of JSX tags before the HTML-block rule would claim them."""
    md.block.ruler.before(
        "html_block", "jsx_tags", _jsx_tags, {"alt": ["paragraph", "reference", "blockquote"]}
    )


def _jsx_tags(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    first = state.src[state.bMarks[start_line] + state.tShift[start_line] : state.eMarks[start_line]]
    if not first.startswith("<") or len(first) < 2 or not (first[1].isupper() or first[1] == "/"):
        return False
    lines = state.env.get("jsx_lines")
    if not isinstance(lines, TagLines):
        lines = state.env["jsx_lines"] = scan(state.src)
    run = lines.runs.get(start_line)
    if run is None or run[0] >= end_line:
        return False
    if silent:
        return True
    line, first_tag = start_line, 0
    while True:
        last, tags = lines.runs[line]
        for index in range(first_tag, len(tags)):
            tag = tags[index]
            close = lines.closes.get((line, index), end_line)
            if _for_agents(tag) and index == len(tags) - 1 and _encloses(state, last + 1, close, end_line):
                line, first_tag = close, 1  # text for AI agents, which the site never shows a reader
                break
            if tag.name in _BOXES and index == len(tags) - 1 and _encloses(state, last + 1, close, end_line):
                label = lines.labels.get((line, index), "")
                _box(state, tag, label, line, last, close)
                line, first_tag = close, 1  # what follows the closing tag on its line, if anything
                break
            if not tag.closing and (tag.name in _LINK_CARDS or (tag.name in _CARDS and tag.self_closing)):
                _link_card(state, tag, line, last)
            if tag.name in VIDEOS and not tag.closing and (video := video_link(tag)):
                # A YouTube embed: a link to the video, where the player was (jsxembeds.py).
                _paragraph(state, f"[Video: {literal(video[0])}](<{video[1]}>)", line, last)
            if tag.name == "Frame" and tag.closing and index == 0 and line in lines.captions:
                _paragraph(state, f"*{literal(lines.captions[line])}*", line, last)
        else:
            state.line = last + 1
            return True


def _encloses(state: StateBlock, first: int, close: int, end_line: int) -> bool:
    """Whether a box's body, up to its closing line, is all inside the block being read (a list item, say):
    a closing tag beyond it, or a line indented less than it, would take lines the block does not hold."""
    if close >= end_line:  # unclosed, or closed beyond the block
        return False
    return all(
        state.sCount[line] >= state.blkIndent or state.isEmpty(line) for line in range(first, close + 1)
    )


def _box(state: StateBlock, tag: Tag, label: str, line: int, last: int, close: int) -> None:
    attributes = tag.attributes
    if tag.name in TABS:
        kind, title = (
            "tab",
            attributes.get("label") or attributes.get("title") or attributes.get("value") or label,
        )
    elif tag.name in _CARDS:
        kind, title = "tab", attributes.get("title", "")
        title = f"{label}. {title}" if label and title else title
    elif tag.name in _FOLDED:
        old_max = state.lineMax
        state.lineMax = close
        push_box(
            state,
            "box",
            literal(attributes.get("title", "")),
            line,
            close,
            state.blkIndent,
            last + 1,
            collapsible=True,
        )
        state.lineMax = old_max
        return
    elif tag.name in _FIELDS:
        kind, title = "tab", field_title(attributes)
    else:
        kind = tag.name.lower() if tag.name in _NAMED_CALLOUTS else attributes.get("type", "note").lower()
        kind = "note" if kind == "default" or not kind.isalpha() else kind
        title = attributes.get("title") or kind.capitalize()
    old_max = state.lineMax
    state.lineMax = close
    push_box(state, kind, literal(title), line, close, state.blkIndent, last + 1)
    state.lineMax = old_max


def _for_agents(tag: Tag) -> bool:
    """Mintlify's `<Visibility for="agents">`: text for AI agents reading the site, hidden on its pages."""
    return tag.name == "Visibility" and not tag.closing and tag.attributes.get("for") == "agents"


def field_title(attributes: dict[str, str]) -> str:
    """An API field's heading, as Mintlify shows it: `user_id string, required, default: 0`."""
    name = next((attributes[key] for key in _FIELD_NAMES if attributes.get(key)), "")
    notes = [attributes.get("type", "")]
    notes += ["required"] if "required" in attributes and attributes["required"] != "false" else []
    notes += ["deprecated"] if "deprecated" in attributes and attributes["deprecated"] != "false" else []
    notes += [f"default: {attributes['default']}"] if attributes.get("default") else []
    described = ", ".join(note for note in notes if note)
    return f"{name} ({described})" if name and described else name or described


def _link_card(state: StateBlock, tag: Tag, line: int, last: int) -> None:
    title = literal(tag.attributes.get("title", ""))
    href = tag.attributes.get("href", "")
    words = f"[{title or literal(href)}](<{href}>)" if href and not re.search(r"[\s<>\\]", href) else title
    description = tag.attributes.get("description")
    if description:
        words = f"{words}: {literal(description)}" if words else literal(description)
    if words:
        _paragraph(state, words, line, last)


def _paragraph(state: StateBlock, words: str, line: int, last: int) -> None:
    state.push("paragraph_open", "p", 1).map = [line, last + 1]
    inline = state.push("inline", "", 0)
    inline.content = words
    inline.map = [line, last + 1]
    inline.children = []
    state.push("paragraph_close", "p", -1)


def literal(text: str) -> str:
    """Attribute text as Markdown that reads as exactly that text: every mark escaped, on one line."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(text.split()))
