"""Admonition titles as Python-Markdown (and so mkdocs) reads them: only quotes make a title.

`!!! tip inline end` is a tip whose extra words are classes (Material's `inline end` floats it to
the side), titled "Tip"; `!!! note "Read this"` is titled "Read this"; `!!! note ""` has no title.
The Markdown parser's admonition plugin takes unquoted words after the kind as the title, so a
reader saw a box called "inline end". Material's own modifiers are the common case, but the rule
is Python-Markdown's for any words, so it is applied to all.
"""

from __future__ import annotations

from markdown_it.token import Token


def admonition_titles(tokens: list[Token]) -> None:
    """An admonition opened with unquoted words after its kind is titled by its kind alone."""
    for index, token in enumerate(tokens[:-2]):
        if token.type != "admonition_open" or '"' in token.info:
            continue
        words = token.info.split()
        inline = tokens[index + 2]
        if len(words) < 2 or tokens[index + 1].type != "admonition_title_open" or inline.type != "inline":
            continue
        title = words[0][:1].upper() + words[0][1:].lower()
        inline.content = title
        inline.children = [Token("text", "", 0, content=title)]
