"""JSX tags in an MDX page: found line by line, and paired as brackets pair (see jsx.py for what they become).

A run is one or more lines holding only tags (`<Tabs>`, `<TabItem label="npm">`, `</Tabs>`); a tag
spread over lines with one attribute a line is one run. The scan is made once a page, the first
time the block rule meets a tag line.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

# Tabs: the scan labels them from the `items` of the `<Tabs>` around them when they have no label.
TABS = frozenset({"TabItem", "Tab", "Tabs.Tab", "Tabs.Item"})
_VALUE = r"""(?:"[^"]*"|'[^']*'|\{(?:[^{}]|\{[^{}]*\})*\})"""
_ATTRIBUTE = re.compile(rf"""([A-Za-z_$][\w:.$-]*)(?:\s*=\s*({_VALUE}))?|\{{(?:[^{{}}]|\{{[^{{}}]*\}})*\}}""")
# One tag. Every repeated part starts with a character the part before it cannot end with, so a
# match never backtracks over what it has read: linear in the tag's length.
_TAG = re.compile(
    rf"""<(/?)([A-Z][\w.:-]*)((?:\s+(?:[A-Za-z_$][\w:.$-]*(?:\s*=\s*{_VALUE})?|\{{(?:[^{{}}]|\{{[^{{}}]*\}})*\}}))*)\s*(/?)>"""
)
_STRING = re.compile(r"""\{\s*(?:"([^"]*)"|'([^']*)'|`([^`$]*)`)\s*\}""")
_ITEMS = re.compile(r"""["']([^"']*)["']""")
_MAX_TAG_LINES = 40  # a tag with its attributes spread over lines, one a line, is never longer
_FENCES = ("```", "~~~")


@dataclass(frozen=True, slots=True)
class Tag:
    name: str
    attributes: dict[str, str]  # a value that is not plain text (`{items}`) is left out
    closing: bool = False
    self_closing: bool = False


@dataclass(slots=True)
class TagLines:
    """The page's tag lines: where each run of tags starts, ends and what it holds, and the pairs."""

    runs: dict[int, tuple[int, list[Tag]]] = field(default_factory=dict)  # first line -> (last line, tags)
    closes: dict[tuple[int, int], int] = field(
        default_factory=dict
    )  # (line, index) of an opening -> closing line
    labels: dict[tuple[int, int], str] = field(
        default_factory=dict
    )  # Nextra's tab labels, from `<Tabs items>`; a `<Step>`'s number in its `<Steps>`
    captions: dict[int, str] = field(default_factory=dict)  # a `<Frame caption>`'s closing line -> caption


def scan(src: str) -> TagLines:
    """Every run of tag lines outside code fences, and which closing line each opening tag pairs with."""
    found = TagLines()
    lines = src.split("\n")
    fence = ""
    index = 0
    while index < len(lines):
        stripped = lines[index].strip()
        if fence:
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = ""
        elif stripped.startswith(_FENCES):
            fence = stripped[: len(stripped) - len(stripped.lstrip(stripped[0]))]
        elif stripped.startswith("<") and len(stripped) > 1 and (stripped[1].isupper() or stripped[1] == "/"):
            run = _run(lines, index)
            if run is not None:
                found.runs[index] = run
                index = run[0] + 1
                continue
        index += 1
    _pair(found)
    return found


def _run(lines: list[str], start: int) -> tuple[int, list[Tag]] | None:
    """The tags on lines[start] and on, up to the first line that ends in `>`; None if that is not only tags."""
    for last in range(start, min(len(lines), start + _MAX_TAG_LINES)):
        line = lines[last].rstrip()
        if not line:
            return None
        if line.endswith(">"):
            break
    else:
        return None
    text = "\n".join(lines[start : last + 1]).strip()
    tags: list[Tag] = []
    position = 0
    while position < len(text):
        match = _TAG.match(text, position)
        if match is None:
            return None
        closing, name, attributes, self_closing = match.groups()
        if closing and (attributes.strip() or self_closing):
            return None
        tags.append(Tag(name, _attributes(attributes), bool(closing), bool(self_closing)))
        position = match.end()
        while position < len(text) and text[position].isspace():
            position += 1
    return last, tags


def _attributes(written: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(written):
        name, value = match.groups()
        if name is None:
            continue  # `{...props}`: values only the site's code has
        if value is None:
            found[name] = ""
        elif value[0] in "\"'":
            found[name] = html.unescape(value[1:-1])
        else:
            string = _STRING.fullmatch(value)
            if string is not None:
                found[name] = next(part for part in string.groups() if part is not None)
            elif name == "items":
                found[name] = "\0".join(_ITEMS.findall(value))  # Nextra's `items={['npm', 'yarn']}`
    return found


def _pair(found: TagLines) -> None:
    """Pair opening and closing tags as brackets pair; a closing tag shuts any left open inside it.

    Only a closing tag that starts its line can end a box, since a box's body is whole lines.
    Nextra's tabs take their labels, in order, from the `items` of the `<Tabs>` around them.
    """
    stack: list[tuple[Tag, int, int]] = []
    open_names: dict[str, int] = {}
    tab_counts: dict[tuple[int, int], int] = {}  # where a `<Tabs items>` opened -> tabs seen in it
    for line, (_, tags) in found.runs.items():
        for index, tag in enumerate(tags):
            if tag.self_closing:
                continue
            if not tag.closing:
                if tag.name in TABS:
                    _label_tab(found, stack, tab_counts, line, index)
                elif tag.name == "Step":
                    _number_step(found, stack, tab_counts, line, index)
                stack.append((tag, line, index))
                open_names[tag.name] = open_names.get(tag.name, 0) + 1
                continue
            if not open_names.get(tag.name):
                continue  # closes nothing that is open: it is left out
            while stack:
                opened, opened_line, opened_index = stack.pop()
                open_names[opened.name] -= 1
                if opened.name == tag.name:
                    if index == 0:
                        found.closes[(opened_line, opened_index)] = line
                        if opened.attributes.get("caption"):
                            found.captions[line] = opened.attributes["caption"]
                    break


def _label_tab(
    found: TagLines,
    stack: list[tuple[Tag, int, int]],
    counts: dict[tuple[int, int], int],
    line: int,
    index: int,
) -> None:
    for opened, opened_line, opened_index in reversed(stack):
        if opened.name == "Tabs":
            items = opened.attributes.get("items")
            if items:
                seen = counts.get((opened_line, opened_index), 0)
                counts[(opened_line, opened_index)] = seen + 1
                labels = items.split("\0")
                if seen < len(labels):
                    found.labels[(line, index)] = labels[seen]
            return


def _number_step(
    found: TagLines,
    stack: list[tuple[Tag, int, int]],
    counts: dict[tuple[int, int], int],
    line: int,
    index: int,
) -> None:
    """A `<Step>`'s number: its `stepNumber`, else its place among the steps of the `<Steps>` around it."""
    for opened, opened_line, opened_index in reversed(stack):
        if opened.name == "Steps":
            seen = counts.get((opened_line, opened_index), 0) + 1
            counts[(opened_line, opened_index)] = seen
            given = found.runs[line][1][index].attributes.get("stepNumber", "")
            found.labels[(line, index)] = given if given.isdigit() else str(seen)
            return
