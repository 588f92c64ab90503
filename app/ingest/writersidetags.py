"""Writerside's elements found in a topic's text: a tree of them, with the text between as it was written.

Only the elements Writerside defines (and the few HTML ones its XML topics are written in) are
read; any other tag stays in the text, for the sanitiser to judge. Tags inside Markdown code
(fenced blocks, backtick spans) are text. A closing tag with no opening is dropped; an element
left open is closed where its parent closes. `<code-block>` holds its code as it was written.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from app.ingest.fences import outside_code

# The elements read here; `inline` ones sit inside a line of text, the rest are blocks.
INLINE = frozenset(
    {"control", "path", "ui-path", "emphasis", "shortcut", "format", "a", "img", "code", "var"}
)
BLOCKS = frozenset(
    {"procedure", "step", "tabs", "tab", "chapter", "note", "tip", "warning", "tldr", "deflist", "def", "list",
     "li", "snippet", "p", "title", "include", "code-block", "seealso", "category", "cards", "card", "group",
     "show-structure", "link-summary", "web-summary", "card-summary", "primary-label", "secondary-label",
     "section-starting-page", "spotlight", "primary", "secondary", "misc", "links", "compare", "topic"}
)  # fmt: skip
NAMES = INLINE | BLOCKS
_VOID = frozenset({"img", "include", "var", "show-structure", "primary-label", "secondary-label"})
_TAG = re.compile(r"<(/?)([a-z][a-z-]*)((?:[^<>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>")
_ATTRIBUTE = re.compile(r"([\w:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_CODE_SPAN = re.compile(r"(`+)[^`\n]+?\1")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.DOTALL)


@dataclass(slots=True)
class Element:
    name: str
    attributes: dict[str, str]
    children: list[Element | str] = field(default_factory=list)
    line: int = 1  # where its tag starts in its file, for warnings


Node = Element | str


def parse_elements(text: str, *, xml: bool) -> list[Node]:
    """The text as a list of text pieces and Writerside elements (nested). `xml`: a `.topic` file,
    which has no Markdown code to pass over."""
    root = Element("", {})
    stack = [root]
    at = 0
    for start, end in _code_free(text, xml=xml):
        for found in _TAG.finditer(text, start, end):
            closing, name, attributes, empty = found.groups()
            if name not in NAMES or found.start() < at:
                continue
            _add_text(stack, text[at : found.start()])
            at = found.end()
            while name in BLOCKS and len(stack) > 1 and stack[-1].name in INLINE:
                stack.pop()  # bold or code text never holds a block: it was left open
            if closing:
                if any(open_element.name == name for open_element in stack[1:]):
                    while stack.pop().name != name:
                        pass
                continue
            element = Element(name, _attributes(attributes), line=text.count("\n", 0, found.start()) + 1)
            stack[-1].children.append(element)
            if name == "code-block" and not empty:
                close = text.find("</code-block>", at)
                code = text[at : close if close >= 0 else len(text)]
                element.children.append(_code_text(code, xml=xml))
                at = close + len("</code-block>") if close >= 0 else len(text)
            elif not empty and name not in _VOID:
                stack.append(element)
    _add_text(stack, text[at:])
    return root.children


def _add_text(stack: list[Element], text: str) -> None:
    """Text added to the open element; an inline one left open ends at a blank line, as a paragraph does."""
    while len(stack) > 1 and stack[-1].name in INLINE and (blank := _BLANK_LINE.search(text)) is not None:
        stack.pop().children.append(text[: blank.start()])
        text = text[blank.start() :]
    stack[-1].children.append(text)


def by_id(nodes: list[Node], wanted: str) -> Element | None:
    """The first element, however deep, whose `id` is `wanted`."""
    for element in walk(nodes):
        if element.attributes.get("id") == wanted:
            return element
    return None


def walk(nodes: list[Node]) -> Iterator[Element]:
    for node in nodes:
        if isinstance(node, Element):
            yield node
            yield from walk(node.children)


def inner_text(nodes: list[Node]) -> str:
    return "".join(node if isinstance(node, str) else inner_text(node.children) for node in nodes)


def _attributes(written: str) -> dict[str, str]:
    return {name: html.unescape(first or second) for name, first, second in _ATTRIBUTE.findall(written)}


def _code_text(code: str, *, xml: bool) -> str:
    """A code-block's code: a CDATA section's text as it is; XML's entities (`&lt;`) read in an XML topic."""
    found = _CDATA.search(code)
    if found is not None:
        return found.group(1)
    return html.unescape(code) if xml else code


def _code_free(text: str, *, xml: bool) -> Iterator[tuple[int, int]]:
    """The stretches of text outside Markdown code, as (start, end) offsets."""
    if xml:
        yield 0, len(text)
        return
    if "`" not in text and "~~~" not in text:
        yield 0, len(text)
        return
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    prose = {number for number, _ in outside_code(lines)}
    start: int | None = None
    for number, line in enumerate(lines):
        if number in prose:
            if start is None:
                start = offsets[number]
            if "`" in line:  # a span's text is code too: the stretch ends before it, and resumes after
                for span in _CODE_SPAN.finditer(line):
                    yield start, offsets[number] + span.start()
                    start = offsets[number] + span.end()
        elif start is not None:
            yield start, offsets[number]
            start = None
    if start is not None:
        yield start, len(text)
