"""Passes over freshly parsed tokens: what the Markdown says, but a reader should not see.

Each pass is a plain function over the token list (no markdown-it state, no shared env), run
once per file by markdown.parse(). Every search here is plain `str.find` scanning, so a line of
200,000 `{` or spaces costs linear time.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from app.ingest.rawhtml import HIDDEN_CONTENT

_TERMINAL_CODE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")  # ANSI escape sequences: colours, cursor moves
# Material for MkDocs' icon shortcodes (`:octicons-file-code-16:`): pictures only the site can draw.
# One entry of an attribute list: `.class`, `#id`, or `key=value` (quoted, a value may hold spaces).
_ATTRIBUTE = re.compile(r"""[.#][\w:-]+|[\w:-]+=(?:"[^"]*"|'[^']*'|[^\s"']*)""")
_ICON = re.compile(r":(?:octicons|fontawesome|material|simple)-[a-z0-9-]+:")


def drop_site_decoration(tokens: list[Token]) -> None:
    """Icon shortcodes and attribute lists (`{ .md-button }` after a link) leave the prose."""
    for token in tokens:
        # In a raw HTML block (Material's own docs put one in `<small>`), outside any code in it.
        if token.type == "html_block" and ":" in token.content and "<pre" not in token.content:
            if "<code" not in token.content:
                token.content = _ICON.sub("", token.content)
            continue
        if (
            token.type != "inline"
            or not token.children
            or ("{" not in token.content and ":" not in token.content)
        ):
            continue
        for child in token.children:
            if child.type != "text":
                continue
            text = child.content
            if ":" in text and "-" in text:
                text = _ICON.sub("", text)
            if "{" in text and "}" in text:
                text = _without_attribute_lists(text)
            child.content = text


def _without_attribute_lists(text: str) -> str:
    """`{ .class #id key="value" }` spans removed (and a bracketed span's brackets); any other braces kept.

    Linear: each span is looked at once.
    """
    out: list[str] = []
    done = 0
    start = text.find("{")
    while start >= 0:
        end = text.find("}", start)
        if end < 0:
            break
        inside = text[start + 1 : end].removeprefix(":")  # Python-Markdown writes `{: .class }` too
        if inside.strip() and not _ATTRIBUTE.sub("", inside).strip():
            piece = text[done:start].rstrip(" ") if text.startswith(" ", end + 1) else text[done:start]
            opening = piece.rfind("[") if piece.endswith("]") else -1
            if opening >= 0:  # Pandoc's span, `[words]{.smallcaps}`: its words, without the brackets
                piece = piece[:opening] + piece[opening + 1 : -1]
            out.append(piece)
            done = end + 1
        start = text.find("{", end + 1)
    out.append(text[done:])
    return "".join(out)


def _blank(children: list[Token]) -> bool:
    return all(
        c.type in ("softbreak", "hardbreak") or (c.type == "text" and not c.content.strip()) for c in children
    )


def drop_hidden_inline(tokens: list[Token]) -> None:
    """Inline `<script>…</script>` (and the like) in a paragraph: its content goes with its tags.

    A paragraph left with nothing in it goes too.
    """
    emptied = False
    for token in tokens:
        if token.type != "inline" or not token.children or "<" not in token.content:
            continue
        kept: list[Token] = []
        hidden: str | None = None
        for child in token.children:
            if child.type == "html_inline":
                tag = _tag_name(child.content)
                if hidden is None and tag in HIDDEN_CONTENT and not child.content.startswith("</"):
                    hidden = tag
                    continue
                if hidden is not None and child.content.startswith("</") and tag == hidden:
                    hidden = None
                    continue
            if hidden is None:
                kept.append(child)
        if len(kept) != len(token.children):
            token.children = kept
            emptied = emptied or _blank(kept)
    if emptied:
        tokens[:] = _without_empty_paragraphs(tokens)


def _without_empty_paragraphs(tokens: list[Token]) -> list[Token]:
    kept: list[Token] = []
    skip = 0
    for index, token in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        if (
            token.type == "paragraph_open"
            and index + 2 < len(tokens)
            and tokens[index + 1].type == "inline"
            and _blank(tokens[index + 1].children or [])
        ):
            skip = 2
            continue
        kept.append(token)
    return kept


def _tag_name(html: str) -> str:
    name = html.lstrip("</").split(None, 1)[0] if len(html) > 2 else ""
    return name.rstrip("/>").lower()


def heading_attributes(tokens: list[Token]) -> None:
    """`## Title {#custom-id .class}`: the braces leave the title, and the id is kept in the heading's meta."""
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        children = inline.children or []
        if not children or children[-1].type != "text":
            continue
        last = children[-1]
        text = last.content.rstrip()
        if not text.endswith("}"):
            continue
        opening = text.rfind("{")
        words = text[opening + 1 : -1].split()
        # `{-}` is Pandoc's (and bookdown's) short way to write `{.unnumbered}`.
        if opening < 0 or not words or not all(w == "-" or w[0] in "#." or "=" in w for w in words):
            continue
        ids = [w[1:] for w in words if w.startswith("#") and len(w) > 1]
        last.content = text[:opening].rstrip()
        inline.content = inline.content.rstrip()[: -(len(text) - opening)].rstrip()
        if ids:
            token.meta = {**token.meta, "explicit_id": ids[0]}


# R Markdown's chunk header with options: ```{r setup, include = FALSE}, ```{python, echo=F}.
_CHUNK_HEADER = re.compile(r"\{([A-Za-z][\w-]*)[ \t]*[, \t]([^{}]*)\}[ \t]*")
_HIDDEN_CHUNK = re.compile(r"\b(?:echo|include)[ \t]*=[ \t]*(?:FALSE|F)\b")
_HIDDEN_OPTION = re.compile(r"#\|[ \t]*(?:echo|include)[ \t]*:[ \t]*false[ \t]*$", re.IGNORECASE)


def hides_chunk(option: str) -> bool:
    """Whether a chunk's `#|` option line hides it: `#| echo: false` as YAML, or `#| echo = FALSE, …`
    as R writes its options."""
    return bool(_HIDDEN_OPTION.match(option) or _HIDDEN_CHUNK.search(option))


def knitr_chunks(tokens: list[Token]) -> None:
    """An R Markdown chunk with options in its header is code in its language, and is hidden when
    `echo = FALSE` or `include = FALSE` hides it (what it would print, only R can work out).

    Its `#| key: value` option lines go too, as a chunk with none in its header loses them (myst.py),
    and `#| echo: false` hides it the same way.
    """
    if not any(t.type == "fence" and t.info.startswith("{") for t in tokens):
        return
    kept: list[Token] = []
    for token in tokens:
        found = (
            _CHUNK_HEADER.fullmatch(token.info)
            if token.type == "fence" and token.info.startswith("{")
            else None
        )
        if found is not None:
            lines = token.content.split("\n")
            first = next((n for n, line in enumerate(lines) if not line.startswith("#|")), len(lines))
            if _HIDDEN_CHUNK.search(found.group(2)) or any(hides_chunk(line) for line in lines[:first]):
                continue
            token.info, token.content = found.group(1), "\n".join(lines[first:])
        kept.append(token)
    tokens[:] = kept


_BOXES = {"[ ]": "☐", "[x]": "☑", "[X]": "☑"}


def task_boxes(tokens: list[Token]) -> None:
    """A list item opening `[ ]` or `[x]` (GitHub's task lists, Notion's to-dos) shows its box as
    ☐ or ☑, as GitHub shows a checkbox: the reader cannot tick it, and the brackets read as noise."""
    for index in range(2, len(tokens)):
        inline = tokens[index]
        if (
            inline.type != "inline"
            or inline.content[:3] not in _BOXES
            or inline.content[3:4] not in (" ", "\t", "\n", "")
            or tokens[index - 1].type != "paragraph_open"
            or tokens[index - 2].type != "list_item_open"
            or not inline.children
            or inline.children[0].type != "text"
            or not inline.children[0].content.startswith(inline.content[:3])
        ):
            continue
        box = _BOXES[inline.content[:3]]
        inline.children[0].content = box + inline.children[0].content[3:]
        inline.content = box + inline.content[3:]


def hide_rust_lines(tokens: list[Token]) -> None:
    """mdBook hides `# `-prefixed lines in Rust code (setup a listing needs to compile, not to read)."""
    for token in tokens:
        if token.type != "fence" or language(token.info) != "rust" or "#" not in token.content:
            continue
        shown: list[str] = []
        for line in token.content.split("\n"):
            stripped = line.lstrip()
            if stripped == "#" or stripped.startswith("# "):
                continue  # hidden
            if stripped.startswith("##"):
                line = line.replace("##", "#", 1)  # `##` is how a line starting with `#` is written
            shown.append(line)
        token.content = "\n".join(shown)


def drop_terminal_colours(tokens: list[Token]) -> None:
    """An `ansi` code block (a terminal's output, as VitePress shows it) loses its colour codes,
    which would otherwise show as `[32m` litter; the text they coloured stays."""
    for token in tokens:
        if token.type == "fence" and "\x1b" in token.content and language(token.info) == "ansi":
            token.content = _TERMINAL_CODE.sub("", token.content)


def language(info: str) -> str:
    """A fence's language: the first word of its info string (`rust,ignore`, `py title="a.py"`).

    VitePress writes more after it with no space: `js{4}`, `ts:line-numbers`, `sh[npm]`.
    """
    word = info.strip().split(maxsplit=1)[0] if info.strip() else ""
    for stop in ",{:[":
        word = word.split(stop, 1)[0]
    return word.strip().lower()


# A fence's title in its info string: Docusaurus, Material for MkDocs and Starlight write
# `title="src/app.ts"`, Nextra and Quarto `filename="…"`; the value may be quoted either way.
_CODE_TITLE = re.compile(r"""(?:^|[\s{,])(?:title|filename)=(?:"([^"\n]*)"|'([^'\n]*)'|([^\s"'{}]+))""")


def code_title(info: str) -> str:
    """The title a fence's info string gives its code (`ts title="src/app.ts"`), or "".

    Sites show it as a tab above the code, usually the file the code belongs in: what a reader
    needs to know where to put it.
    """
    if "=" not in info:  # most fences name only a language
        return ""
    found = _CODE_TITLE.search(info)
    if found is None:
        return ""
    return next(group for group in found.groups() if group is not None).strip()


# What Mintlify writes after a fence's language that is no title: highlighted lines `{1,3}`,
# `key=value` settings, and its flags.
_MINTLIFY_SETTING = re.compile(r"""\{[^{}]*\}|[\w-]+=(?:"[^"]*"|'[^']*'|\S*)""")
_MINTLIFY_FLAGS = frozenset({"wrap", "lines", "expandable", "twoslash", "focus"})


def mintlify_code_titles(tokens: list[Token]) -> None:
    """Mintlify titles a code block with the words after its language (```` ```json docs.json ````),
    where other dialects read only `title="…"`; in a `<CodeGroup>` they are the tab's label."""
    for token in tokens:
        if token.type != "fence" or " " not in token.info.strip() or code_title(token.info):
            continue
        lang, rest = token.info.strip().split(maxsplit=1)
        words = [word for word in _MINTLIFY_SETTING.sub(" ", rest).split() if word not in _MINTLIFY_FLAGS]
        if words and " ".join(words).lower() != lang.lower():  # ```` ```python Python ````: no news
            token.info = with_title(lang, " ".join(words))


def with_title(info: str, title: str) -> str:
    """A fence's info string given `title="…"`, in the quotes the title does not hold: how a dialect
    that captions code another way (Leanpub's `{caption: …}`, MyST's `:caption:`) hands it on."""
    quote = "'" if '"' in title else '"'
    return f"{info} title={quote}{title.replace(quote, '')}{quote}".strip()


# Quarto's cross-references name a label by its kind: `@sec-intro`, `@fig-map`, `@tbl-costs`.
_CROSS_REFERENCE = re.compile(
    r"(?<![\w@.])@((?:sec|fig|tbl|eq|lst|thm|lem|cor|prp|cnj|def|exm|exr)-[\w-]*\w)"
)


def cross_references(tokens: list[Token]) -> None:
    """`@sec-intro` becomes a link to the heading `{#sec-intro}` names, showing its title (see links.py)."""
    for token in tokens:
        if token.type != "inline" or "@" not in token.content or not token.children:
            continue
        out: list[Token] = []
        for child in token.children:
            if child.type != "text" or "@" not in child.content:
                out.append(child)
                continue
            done = 0
            for found in _CROSS_REFERENCE.finditer(child.content):
                out.append(Token("text", "", 0, content=child.content[done : found.start()]))
                out += [
                    Token("link_open", "a", 1, attrs={"href": found.group(1)}),
                    Token("link_close", "a", -1),
                ]
                done = found.end()
            out.append(Token("text", "", 0, content=child.content[done:]))
        token.children = [child for child in out if child.type != "text" or child.content]
