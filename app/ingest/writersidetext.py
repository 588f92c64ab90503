"""A Writerside topic's text as plain Markdown: its elements become what the other dialects already read.

`<procedure>` and its `<step>`s a titled numbered list; `<tabs>`/`<tab title>` content tabs
(`=== "Title"`); `<chapter title id>` a heading one level deeper than the chapter around it;
`<note>`, `<tip>`, `<warning>` and `<tldr>` boxes (admonitions); `<deflist>`/`<def title>` a
definition list; `<list>`/`<li>` a list; `<control>`/`<ui-path>` bold, `<emphasis>` italic,
`<path>`/`<shortcut>`/`<code>` code; `<a href anchor>` and `<img src>` links and pictures (a
picture named alone is found in the images folder, a topic named alone in the topics folder);
`<code-block>` a fenced block (its code from a file with `src`, see writersidecode.py);
`<include from element-id>` the element of that id in another topic (a `<snippet>`'s content,
or a Markdown heading's section), resolved inside the book only, never in a cycle. Summaries
and labels for the site's own pages (`<link-summary>`, `<show-structure>`…) are dropped.
Attribute lines (`{id="x"}`, `{style="note"}` after a quote makes it a callout) are read, then
dropped. `%name%` is the variable of that name (v.list, or a `<var name value>` in the topic);
one not defined is dropped outside code, with one warning. An XML topic (`.topic`) is read the
same way, its `<topic title>` its heading and its `<p>`s paragraphs.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath

from app.ingest.includes import ReadText
from app.ingest.writerside import WritersideProject
from app.ingest.writersidecode import code_lines, fence
from app.ingest.writersideincludes import included
from app.ingest.writersideinline import inline_markdown, link
from app.ingest.writersidelines import attribute_lines, pictures_by_name, substituted
from app.ingest.writersidetags import INLINE, Element, Node, inner_text, parse_elements

Warn = Callable[[str], None]
_BOXES = {"note": "note", "tip": "tip", "warning": "warning", "tldr": "tldr"}
_DROPPED = frozenset(
    {
        "show-structure",
        "link-summary",
        "web-summary",
        "card-summary",
        "primary-label",
        "secondary-label",
        "var",
    }
)
_TITLE_LINE = re.compile(r"\A\s*\[//\]: # \(title: (.+?)\)[ \t]*$", re.MULTILINE)
_XML_HEAD = re.compile(r"\A\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>]*>\s*)?", re.IGNORECASE)


@dataclass
class _Context:
    file: PurePosixPath  # the chapter's file: links and pictures are written relative to it
    source: PurePosixPath  # the file the text being read comes from (an include's, inside one)
    project: WritersideProject
    read: ReadText
    warn: Warn
    xml: bool
    variables: dict[str, str]
    chain: tuple[tuple[PurePosixPath, str], ...] = ()
    level: int = 2  # the heading level a `<chapter>` here takes
    unknown: set[str] = field(default_factory=set)


def writerside_text(
    text: str, *, file: PurePosixPath, project: WritersideProject, read: ReadText, warn: Warn
) -> str:
    """The topic's text as Markdown; `file` is its path inside the book."""
    xml = file.suffix.lower() == ".topic"
    context = _Context(file, file, project, read, warn, xml, dict(project.variables))
    if xml:
        text = _XML_HEAD.sub("", text, count=1)
    elif text.lstrip().startswith("[//]"):
        text = _TITLE_LINE.sub(lambda found: f"# {found.group(1).strip()}", text, count=1)
    if not xml:
        text = pictures_by_name(_lines(text, context), file=file, project=project)
    markdown = _render(parse_elements(text, xml=xml), context) if "<" in text else text
    markdown = substituted(markdown, context.variables, context.unknown)
    if context.unknown:
        warn(
            f"{file}: it uses the variables {', '.join(sorted(context.unknown))}, which v.list does not define, "
            "so they were left out. Define them there."
        )
    return markdown


def _render(nodes: list[Node], context: _Context) -> str:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            out.append(_xml_text(node) if context.xml else node)
        elif node.name in INLINE:
            out.append(_inline(node, context))
        else:
            block = _block(node, context)
            # A block inside a Markdown list item keeps the item's indentation.
            before = out[-1] if out else ""
            indent = before[before.rfind("\n") + 1 :] if before.rfind("\n") >= 0 else ""
            if out and indent and not indent.strip():
                out[-1] = before[: len(before) - len(indent)]
            out.append(
                "\n\n" + textwrap.indent(block, indent if not indent.strip() else "") + "\n\n"
                if block
                else ""
            )
    return "".join(out)


def _xml_text(text: str) -> str:
    """An XML topic's text between elements: its indentation means nothing, and would read as code."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    # A space before a tag still parts two words (`by <a …>`); the line's own end and start are layout.
    return "\n".join([lines[0].rstrip()] + [line.strip() for line in lines[1:-1]] + [lines[-1].lstrip()])


def _inner(element: Element, context: _Context) -> str:
    first = element.children[0] if element.children else ""
    # `<step>Open it⏎    and …`: the words on the tag's line set no indentation for the rest.
    glued = isinstance(first, str) and bool(first.strip()) and not first.startswith(("\n", "\r"))
    return _dedent(_render(element.children, context), glued=glued)


def _dedent(text: str, *, glued: bool = False) -> str:
    text = text.strip("\n")
    first, _, rest = text.partition("\n")
    if glued and rest:
        return (first.strip() + "\n" + textwrap.dedent(rest)).strip()
    return textwrap.dedent(text).strip()


def _block(element: Element, context: _Context) -> str:
    name, attributes = element.name, element.attributes
    if name in _DROPPED:
        _define(element, context)
        return ""
    if name == "topic":
        title = attributes.get("title", "").strip()
        inner = _inner(element, context)
        return f"# {title}\n\n{inner}" if title else inner
    if name == "procedure":
        return _procedure(element, context)
    if name in ("tabs", "tab"):
        tabs = [child for child in element.children if isinstance(child, Element) and child.name == "tab"]
        if name == "tab":
            tabs = [element]
        shown = [(tab, _inner(tab, context)) for tab in tabs]
        return "\n\n".join(
            f'=== "{tab.attributes.get("title", "").replace(chr(34), "")}"\n\n'
            + textwrap.indent(inner, "    ")
            for tab, inner in shown
            if inner  # a tab whose code could not be had is no tab to show
        )
    if name == "chapter":
        level = min(context.level, 6)
        anchor = attributes.get("id", "").strip()
        heading = "#" * level + " " + " ".join(attributes.get("title", "").split())
        inner = _inner(element, replace(context, level=level + 1))
        return heading + (f" {{#{anchor}}}" if anchor else "") + "\n\n" + inner
    if name in _BOXES:
        title = attributes.get("title", "").replace('"', "")
        kind = _BOXES[name]
        head = f'!!! {kind} "{title}"' if title or kind == "tldr" else f"!!! {kind}"
        return head + "\n\n" + textwrap.indent(_inner(element, context), "    ")
    if name == "deflist":
        return _inner(element, context)
    if name == "def":
        title = " ".join(attributes.get("title", "").split())
        return f"{title}\n:   " + textwrap.indent(_inner(element, context), "    ").lstrip()
    if name == "list":
        numbered = attributes.get("type", "") in ("decimal", "alpha-lower", "alpha-upper", "numbered")
        return _items(element, context, numbered=numbered)
    if name == "li":
        return _item("- ", _inner(element, context))
    if name == "code-block":
        return _code_block(element, context)
    if name == "include":
        return _include(element, context)
    if name == "title":
        return f"**{' '.join(_inner(element, context).split())}**"
    if name == "seealso":
        links = [_inline(link, context) for link in _links(element.children)]
        return "**See also**\n\n" + "\n".join(f"- {link}" for link in links) if links else ""
    if name == "card":
        title = attributes.get("title") or inner_text(element.children)
        return f"- {link(' '.join(title.split()), attributes, file=context.file, project=context.project)}"
    return _inner(element, context)  # a snippet, a paragraph, and the site's groupings: their content


def _procedure(element: Element, context: _Context) -> str:
    """A titled numbered list of its steps; anything else in it (a `<title>`, a note) where it stands."""
    title = " ".join(element.attributes.get("title", "").split())
    parts = [f"**{title}**"] if title else []
    number = 0
    for child in element.children:
        if isinstance(child, Element) and child.name == "step":
            number += 1
            parts.append(_item(f"{number}. ", _inner(child, context)))
        elif other := _dedent(_render([child], context)):
            parts.append(other)
    return "\n\n".join(parts)


def _items(element: Element, context: _Context, *, numbered: bool) -> str:
    items = [child for child in element.children if isinstance(child, Element) and child.name == "li"]
    if not items:
        return _inner(element, context)  # a Markdown list inside, given a style
    marks = (f"{number}. " if numbered else "- " for number in range(1, len(items) + 1))
    return "\n".join(_item(mark, _inner(item, context)) for mark, item in zip(marks, items, strict=True))


def _item(mark: str, inner: str) -> str:
    return mark + textwrap.indent(inner, " " * len(mark)).lstrip() if inner else mark.rstrip()


def _inline(element: Element, context: _Context) -> str:
    if element.name == "var":
        _define(element, context)
        return ""
    words = " ".join(_render(element.children, context).split()) if element.name != "img" else ""
    return inline_markdown(element, words, file=context.file, project=context.project, xml=context.xml)


def _links(nodes: list[Node]) -> list[Element]:
    found: list[Element] = []
    for node in nodes:
        if isinstance(node, Element):
            found += [node] if node.name == "a" else _links(node.children)
    return found


def _define(element: Element, context: _Context) -> None:
    if element.name == "var" and element.attributes.get("name"):
        context.variables[element.attributes["name"]] = element.attributes.get("value", "")


def _code_block(element: Element, context: _Context) -> str:
    attributes = element.attributes
    if attributes.get("src"):
        lines = code_lines(
            attributes, project=context.project, read=context.read, warn=_warner(element, context)
        )
        if lines is None:
            return ""
    else:
        lines = textwrap.dedent(inner_text(element.children).strip("\n")).split("\n")
    return fence(lines, attributes.get("lang", ""), attributes.get("title", ""))


def _include(element: Element, context: _Context) -> str:
    found = included(
        element,
        source=context.source,
        chain=context.chain,
        project=context.project,
        read=context.read,
        warn=_warner(element, context),
    )
    if found is None:
        return ""
    inner = replace(context, source=found.path, xml=found.xml, chain=(*context.chain, found.key))
    return _dedent(_render(found.nodes, inner))


def _warner(element: Element, context: _Context) -> Warn:
    return lambda message: context.warn(f"{context.source}:{element.line}: {message}")


def _lines(text: str, context: _Context) -> str:
    return attribute_lines(
        text, source=context.source, project=context.project, read=context.read, warn=context.warn
    )
