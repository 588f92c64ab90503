"""Site generators' tags in prose: Liquid and Jinja tags and Hugo shortcodes, which only a site can fill in.

drop_template_tags() takes them out of the prose (never out of code) and keeps the text between a
pair (`{{% note %}} Text {{% /note %}}` reads "Text"). Hugo's escaped shortcodes (`{{</* x */>}}`,
which a Hugo page shows as `{{< x >}}`) are shown as Hugo shows them, in prose and in code alike.
Every search is plain `str.find` scanning, so a line of 200,000 `{` costs linear time.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it.token import Token

# Tried in this order at each `{`, so that `{{<` is read as a shortcode and not as a Jinja `{{`:
# Hugo's escaped shortcodes, its shortcodes, Liquid/Jinja tags, and FastAPI's `{* … *}` includes.
_TAGS = (
    ("{{</*", "*/>}}"),
    ("{{%/*", "*/%}}"),
    ("{{<", ">}}"),
    ("{{%", "%}}"),
    ("{%", "%}"),
    ("{{", "}}"),
    ("{*", "*}"),
)
_BRACES = re.compile(r"[{}]")  # MDX's expressions (`{frontmatter.title}`), found brace by brace
_ESCAPED = {"{{</*": ("{{<", ">}}"), "{{%/*": ("{{%", "%}}")}


def drop_template_tags(tokens: list[Token], *, expressions: bool = False) -> bool:
    """Remove template tags from prose (never from code), and paragraphs left empty; True if any were.

    With `expressions` (an .mdx file), every `{…}` is one, as MDX reads it; `\\{` is a brace.
    """
    found = False
    strip = _without_expressions if expressions else without_tags
    keep: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type in ("fence", "code_block") and "/*" in token.content:
            token.content = unescape(token.content)
        if token.type == "html_block" and "{" in token.content:
            stripped = strip(token.content)
            found = found or _dropped(token.content, stripped)
            token.content = stripped
        if (
            token.type == "inline"
            and token.children
            and ("{" in token.content or "/*" in token.content)
            and not (expressions and "\\{" in token.content)  # an escaped brace: braces here are text
        ):
            children, dropped = _inline_without_tags(token.children, strip)
            token.children = children
            if dropped:
                found = True
                if _blank(children) and keep and keep[-1].type == "paragraph_open":
                    keep.pop()  # the paragraph held nothing but tags: drop it, and its closing
                    index += 2
                    continue
        keep.append(token)
        index += 1
    if found:
        tokens[:] = keep
    return found


def _inline_without_tags(children: list[Token], strip: Callable[[str], str]) -> tuple[list[Token], bool]:
    """A paragraph's children with its tags gone; True if any were (escaped shortcodes shown do not count).

    Text and line breaks are read as one run, so a shortcode whose arguments span lines goes whole.
    """
    out: list[Token] = []
    run: list[Token] = []
    dropped = False
    for child in [*children, None]:
        if child is not None and (
            child.type == "softbreak" or (child.type == "text" and "\n" not in child.content)
        ):
            run.append(child)
            continue
        if run:
            lines, run_dropped = _run_without_tags(run, strip)
            out.extend(lines)
            dropped = dropped or run_dropped
            run = []
        if child is None:
            break
        if child.type == "code_inline" and "/*" in child.content:
            child.content = unescape(child.content)
        elif child.type == "html_inline" and "{" in child.content:
            stripped = strip(child.content)
            dropped = dropped or _dropped(child.content, stripped)
            child.content = stripped
            if not stripped:
                continue
        out.append(child)
    if not dropped:
        return out, False
    return _trimmed(out), True


def _run_without_tags(run: list[Token], strip: Callable[[str], str]) -> tuple[list[Token], bool]:
    joined = "".join("\n" if child.type == "softbreak" else child.content for child in run)
    if "{" not in joined:
        return run, False
    stripped = strip(joined)
    if stripped == joined:
        return run, False
    lines = stripped.split("\n")
    rebuilt: list[Token] = []
    for number, line in enumerate(lines):
        if number:
            rebuilt.append(Token("softbreak", "br", 0, level=run[0].level))
            line = line.lstrip(" \t")
        if number < len(lines) - 1:
            line = line.rstrip(" \t")
        if line:
            rebuilt.append(Token("text", "", 0, content=line, level=run[0].level))
    return rebuilt, _dropped(joined, stripped)


def _trimmed(children: list[Token]) -> list[Token]:
    """No line break at either end, nor two in a row: the lines a dropped tag stood on are gone."""
    out: list[Token] = []
    for child in children:
        if child.type == "softbreak" and (not out or out[-1].type == "softbreak"):
            continue
        out.append(child)
    while out and out[-1].type == "softbreak":
        out.pop()
    if out and out[-1].type == "text":
        out[-1].content = out[-1].content.rstrip()
    if out and out[0].type == "text":
        out[0].content = out[0].content.lstrip()
    return [child for child in out if child.type != "text" or child.content]


def _dropped(before: str, after: str) -> bool:
    """Whether a tag was dropped, and not only an escaped shortcode shown (which needs no warning)."""
    return after != before and after != unescape(before)


def unescape(text: str) -> str:
    """Hugo's escaped shortcodes as Hugo shows them: `{{</* x */>}}` reads `{{< x >}}`."""
    if "{{</*" in text:
        text = text.replace("{{</*", "{{<").replace("*/>}}", ">}}")
    if "{{%/*" in text:
        text = text.replace("{{%/*", "{{%").replace("*/%}}", "%}}")
    return text


def without_tags(text: str) -> str:
    """The text with every tag taken out, escaped shortcodes shown as written, mdBook's `{{#…}}` kept."""
    out: list[str] = []
    done = 0
    closings: dict[str, int] = {}  # where each closing next occurs, found once: the scan stays linear
    start = text.find("{")
    while start >= 0:
        if text.startswith("{{#", start):  # an mdBook directive its author escaped to show it
            start = text.find("{", start + 3)
            continue
        opening, closing = next(((o, c) for o, c in _TAGS if text.startswith(o, start)), ("", ""))
        end = _next(text, closing, start + len(opening), closings) if opening else -1
        if end < 0:
            start = text.find("{", start + 1)
            continue
        before = text[done:start]
        done = end + len(closing)
        if opening in _ESCAPED:
            shown_open, shown_close = _ESCAPED[opening]
            out.append(before + shown_open + text[start + len(opening) : end] + shown_close)
        else:
            if before.endswith(" ") and text.startswith(" ", done):
                before = before[:-1]  # "fill in {{ x }} here" reads "fill in here"
            out.append(before)
        start = text.find("{", done)
    out.append(text[done:])
    return "".join(out)


def _without_expressions(text: str) -> str:
    """`{…}` spans removed, braces inside them counted; an unclosed `{` and all after it kept."""
    out: list[str] = []
    done = 0
    depth = 0
    start = 0
    for brace in _BRACES.finditer(text):
        if brace.group() == "{":
            if depth == 0:
                start = brace.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                before = text[done:start]
                done = brace.end()
                if before.endswith(" ") and text.startswith(" ", done):
                    before = before[:-1]
                out.append(before)
    out.append(text[done:])
    return "".join(out)


def _next(text: str, closing: str, start: int, closings: dict[str, int]) -> int:
    """Where `closing` next occurs at or after `start`, or -1; each closing is searched for once per stretch."""
    known = closings.get(closing)
    if known is not None and (known < 0 or known >= start):
        return known
    found = text.find(closing, start)
    closings[closing] = found
    return found


def _blank(children: list[Token]) -> bool:
    return all(
        c.type in ("softbreak", "hardbreak") or (c.type == "text" and not c.content.strip()) for c in children
    )
