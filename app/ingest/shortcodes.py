"""Hugo's paired shortcodes that mean something a reader can see: code blocks and callouts.

Most shortcodes only a Hugo site can fill in, and tags.py drops them. Two kinds carry their
meaning in the text between the pair, and are read here instead:

- `{{< highlight go >}}` … `{{< /highlight >}}` (and Hugo's own docs' `code-toggle`, a block of
  settings) on lines of their own are code: they become fenced code blocks before parsing, so
  that a `# comment` line inside never becomes a heading.
- `{{% note %}}` … `{{% /note %}}` (tip, warning, details …) become the callout boxes that
  admonitions are (see dialects.py), and the shortcode lines themselves are then dropped.

GitBook writes the same boxes in Liquid, and they are read the same way: `{% hint style="warning" %}`
… `{% endhint %}` is a callout of that style, `{% tab title="npm" %}` … `{% endtab %}` a labelled
section, and `{% embed url="…" %}` a link to what it embeds, which only the site could show.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from app.ingest.fences import outside_code

# The language is the first argument of `highlight`; a `code-toggle` block is settings in any format.
_CODE_NAMES = ("highlight", "code-toggle")
_CODE_OPENING = re.compile(r"([ \t]*)\{\{<\s*(highlight|code-toggle)\b([^\n]*?)\s*>\}\}[ \t]*")
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`{3,}")
# Shortcodes (of Hugo's themes and of Hugo's own `details`) that are the boxes admonitions are.
_BOX_NAMES = frozenset(
    {"note", "tip", "hint", "info", "warning", "caution", "important", "danger", "details"}
)
_BOX_OPENING = re.compile(r"\{\{([<%])\s*([a-z]+)\b([^\n]*?)\s*[>%]\}\}[ \t]*(?:\n|$)")
_QUOTED = re.compile(r"""\b(title|summary|open|style|url)\s*=\s*(?:"([^"\n]*)"|'([^'\n]*)'|(\w+))""")
# GitBook's Liquid blocks: `{% hint style="info" %}` … `{% endhint %}`, `{% tab title="…" %}` … `{% endtab %}`.
# A `{% tabs %}` line may open the first tab's paragraph, and `{% endtabs %}` close the last's.
_LIQUID_OPENING = re.compile(r"(?:\{%\s*tabs\s*%\}[ \t]*\n)?\{%\s*(hint|tab)\b([^\n]*?)\s*%\}[ \t]*(?:\n|$)")
_END_TABS = re.compile(r"\n[ \t]*\{%\s*endtabs\s*%\}\s*$")
_EMBED = re.compile(r"\{%\s*embed\b([^\n]*?)%\}")


# A shortcode's name written against its `{{<` (`{{<button href="…">}}`), which CommonMark would
# read as an HTML tag, leaving `{{` and `}}` behind as text.
_TIGHT = re.compile(r"\{\{<(/?)(?=[A-Za-z])")
# How far a shortcode's arguments may run over lines before its `>}}` is given up on.
_MAX_SHORTCODE_LINES = 60


def whole_shortcodes(text: str) -> str:
    """Hugo's shortcodes as Hugo reads them, before Markdown: each on one line, its name apart.

    A shortcode whose arguments run over several lines ends on a line such as `>}}`, which
    CommonMark reads as a block quote, so the shortcode would never close; its lines are joined
    onto its first, and the lines it took are left blank, so later lines keep their numbers.
    """
    if "{{" not in text:
        return text
    lines = text.split("\n")
    skip = -1
    for number, line in outside_code(lines):
        if number <= skip or "{{" not in line:
            continue
        if "{{<" in line:
            line = lines[number] = _TIGHT.sub(lambda found: "{{< " + found.group(1), line)
        stripped = line.lstrip()
        for opening, closing in (("{{<", ">}}"), ("{{%", "%}}")):
            if not stripped.startswith(opening) or closing in line[line.rfind(opening) :]:
                continue
            end = next(
                (
                    n
                    for n in range(number + 1, min(len(lines), number + _MAX_SHORTCODE_LINES))
                    if closing in lines[n]
                ),
                None,
            )
            if end is not None:
                lines[number] = " ".join(part.strip() for part in lines[number : end + 1])
                lines[number + 1 : end + 1] = [""] * (end - number)
                skip = end
            break
    return "\n".join(lines)


def code_shortcodes(text: str) -> str:
    """Paired `highlight` and `code-toggle` shortcodes on lines of their own, as fenced code blocks."""
    if "{{<" not in text or not any(name in text for name in _CODE_NAMES):
        return text
    lines = text.split("\n")
    unclosed: set[str] = set()  # names with no closing line left: never searched for again
    fence: str | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        fenced = _FENCE.match(line)
        if fenced is not None:
            mark = fenced.group(1)
            if fence is None:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence) and not line[fenced.end() :].strip():
                fence = None
        opening = _CODE_OPENING.fullmatch(line) if fence is None and "{{<" in line else None
        if opening is None or opening.group(2) in unclosed:
            index += 1
            continue
        indent, name, arguments = opening.groups()
        closing = _closing_line(lines, index + 1, name)
        if closing is None:
            unclosed.add(name)
            index += 1
            continue
        body = "\n".join(lines[index + 1 : closing])
        ticks = "`" * max([3, *(len(run) + 1 for run in _BACKTICKS.findall(body))])
        lines[index] = f"{indent}{ticks}{_language(name, arguments)}"
        lines[closing] = f"{indent}{ticks}"
        index = closing + 1
    return "\n".join(lines)


def _closing_line(lines: list[str], start: int, name: str) -> int | None:
    pattern = re.compile(r"[ \t]*\{\{<\s*/\s*" + re.escape(name) + r"\s*>\}\}[ \t]*")
    return next(
        (i for i in range(start, len(lines)) if "{{<" in lines[i] and pattern.fullmatch(lines[i])), None
    )


def _language(name: str, arguments: str) -> str:
    words = arguments.split()
    if name != "highlight" or not words or "=" in words[0]:
        return ""
    word = words[0].strip("\"'")
    return word if word.replace("-", "").replace("+", "").isalnum() else ""


def shortcode_boxes(tokens: list[Token]) -> None:
    """`{{% note %}}` … `{{% /note %}}` around whole paragraphs (and what lies between): a callout box."""
    unclosed: set[tuple[str, str]] = set()  # with no closing left: never searched for again
    index = 0
    while index < len(tokens):
        token = tokens[index]
        content = tokens[index + 1].content if token.type == "paragraph_open" else ""
        if content.startswith("{{"):
            opening = _BOX_OPENING.match(content)
            key = (opening.group(1), opening.group(2)) if opening is not None else ("", "")
            if opening is not None and key[1] in _BOX_NAMES and key not in unclosed and _delimited(opening):
                end = _box_end(tokens, index, _hugo_closing(*key))
                if end is None:
                    unclosed.add(key)
                else:
                    end = _without_tag_lines(tokens, index, end, _lines(opening.group(0)))
                    index = _wrap(tokens, index, end, key[1], opening.group(3))
        elif content.startswith("{%"):
            liquid = _LIQUID_OPENING.match(content)
            if liquid is not None and ("%", liquid.group(1)) not in unclosed:
                name = liquid.group(1)
                end = _box_end(tokens, index, re.compile(r"\{%\s*end" + name + r"\s*%\}\s*"))
                if end is None:
                    unclosed.add(("%", name))
                else:
                    end = _without_tag_lines(tokens, index, end, _lines(liquid.group(0)))
                    index = _wrap(tokens, index, end, name, liquid.group(2))
            elif content.startswith("{% embed"):
                _embed_link(tokens[index + 1])
        index += 1


def _lines(opening: str) -> int:
    """How many lines an opening match spans (it takes the line end after it, if there is one)."""
    return opening.count("\n") + (0 if opening.endswith("\n") else 1)


def _without_tag_lines(tokens: list[Token], start: int, end: int, head: int) -> int:
    """Take the opening tag's lines off the box's first paragraph and the closing tag's off its last,
    dropping a paragraph left empty; the box's new end.

    Done here rather than left to tags.py, since a tag may hold Markdown (`title="`npm` setup"`)
    that the parser has already cut into pieces no text search can put back together.
    """
    first, last = tokens[start + 1], tokens[end - 1]
    tail = 2 if _END_TABS.search(last.content) else 1
    if first is last:
        _cut_lines(first, head, tail)
    else:
        _cut_lines(first, head, 0)
        _cut_lines(last, 0, tail)
        if _blank(last):
            del tokens[end - 2 : end + 1]
            end -= 3
    if _blank(first):
        del tokens[start : start + 3]
        end -= 3
    return end


def _cut_lines(inline: Token, head: int, tail: int) -> None:
    """Drop an inline token's first `head` and last `tail` lines, children and source alike."""
    lines: list[list[Token]] = [[]]
    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            lines.append([])
        else:
            lines[-1].append(child)
    children: list[Token] = []
    for number, line in enumerate(lines[head : len(lines) - tail]):
        children += [Token("softbreak", "br", 0)] if number else []
        children += line
    inline.children = children
    source = inline.content.split("\n")
    inline.content = "\n".join(source[head : len(source) - tail])


def _blank(inline: Token) -> bool:
    return all(child.type == "text" and not child.content.strip() for child in inline.children or [])


def _delimited(opening: re.Match[str]) -> bool:
    """`{{<` closes with `>}}` and `{{%` with `%}}`."""
    return opening.group(0).rstrip().endswith(">}}" if opening.group(1) == "<" else "%}}")


def _hugo_closing(delimiter: str, name: str) -> re.Pattern[str]:
    return re.compile(
        r"\{\{" + delimiter + r"\s*/\s*" + name + r"\s*" + (">" if delimiter == "<" else "%") + r"\}\}\s*"
    )


def _box_end(tokens: list[Token], start: int, closing: re.Pattern[str]) -> int | None:
    """The index of the paragraph_close after the paragraph that closes the box, at the same depth."""
    level = tokens[start].level
    for index in range(start, len(tokens)):
        token = tokens[index]
        if token.level < level:
            return None  # the box would close outside the container it opened in
        if token.type == "inline" and token.level == level + 1 and _last_line_is(token.content, closing):
            return index + 1
    return None


def _last_line_is(content: str, closing: re.Pattern[str]) -> bool:
    if "{" not in content:
        return False
    content = _END_TABS.sub("", content) if "endtabs" in content else content
    return closing.fullmatch(content.rstrip().rsplit("\n", 1)[-1].strip()) is not None


def _wrap(tokens: list[Token], start: int, end: int, name: str, arguments: str) -> int:
    """Put tokens[start:end + 1] inside a callout (or a labelled section, for a tab); the new index of
    tokens[start], to look inside for more."""
    settings = {m.group(1): m.group(2) or m.group(3) or m.group(4) or "" for m in _QUOTED.finditer(arguments)}
    box = "tab" if name == "tab" else "callout"
    level = tokens[start].level
    for token in tokens[start : end + 1]:
        token.level += 1  # inside the box now: a heading in it never starts a chapter
    opening = Token(f"{box}_open", "div", 1, level=level, block=True, map=tokens[start].map)
    kind = (settings.get("style") or "info").lower() if name == "hint" else name
    opening.meta = {
        "kind": kind,
        "collapsible": name == "details",
        "open": settings.get("open", "").lower() == "true",
    }
    # A title is shown as text; GitBook's often hold inline code (`npm`), whose backticks would show.
    written = settings.get("summary" if name == "details" else "title") or ""
    title = written.replace("`", "") or ("" if box == "tab" else kind.capitalize())
    heading = [
        Token(f"{box}_title_open", "p", 1, level=level + 1, block=True),
        Token(
            "inline", "", 0, level=level + 2, content=title, children=[Token("text", "", 0, content=title)]
        ),
        Token(f"{box}_title_close", "p", -1, level=level + 1, block=True),
    ]
    closing = Token(f"{box}_close", "div", -1, level=level, block=True)
    tokens[end + 1 : end + 1] = [closing]
    tokens[start:start] = [opening, *(heading if title else [])]
    return start + (len(heading) if title else 0) + 1


def _embed_link(inline: Token) -> None:
    """`{% embed url="…" %}`: a link to what only the site could embed, in the tag's place; carried
    out, the tag is not one of those the import warns were left out."""
    embed = _EMBED.match(inline.content)
    found = (
        {m.group(1): m.group(2) or m.group(3) or m.group(4) or "" for m in _QUOTED.finditer(embed.group(1))}
        if embed
        else {}
    )
    url = found.get("url", "").strip()
    if not url.lower().startswith(("https://", "http://")) or inline.children is None:
        return  # only a page on the web can be linked to in its place
    link = [
        Token("link_open", "a", 1, attrs={"href": url}),
        Token("text", "", 0, content=url),
        Token("link_close", "a", -1),
    ]
    for child in inline.children:
        if child.type == "text" and "{%" in child.content:
            child.content = _EMBED.sub("", child.content, count=1)
            break
    rest = [child for child in inline.children if child.type != "text" or child.content]
    while rest and rest[0].type == "softbreak":
        rest.pop(0)
    inline.children = [*link, Token("softbreak", "br", 0), *rest] if rest else link
