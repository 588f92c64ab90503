"""MyST roles, `` {name}`text` ``, read as what they show (see myst.py for the directives).

A cross-reference role is a link: `` {ref}`the intro <intro-label>` `` reads "the intro" and
lands on the heading that `(intro-label)=` names (which gets that id). `{math}` is math, `{sup}`
and `{sub}` raise and lower their text, and other roles keep their words. One whose closing
backtick was forgotten runs to the end of its line.
"""

from __future__ import annotations

import re
from html import escape

from markdown_it.token import Token

_REFERENCES = frozenset({"ref", "numref", "doc", "any", "external"})  # roles that link somewhere in the book
_ROLE = re.compile(r"\{([A-Za-z][\w:-]*)\}$")
_UNCLOSED = re.compile(r"(?<![^\s(\[\"'])\{([A-Za-z][\w:-]*)\}`([^`]*)$")


def keep_role_text(tokens: list[Token]) -> None:
    """`` {ref}`words <target>` `` reads "words": each role's text, without its markup."""
    for token in tokens:
        if token.type == "inline" and token.children and "}" in token.content:
            token.children = _without_roles(token.children)


def _without_roles(children: list[Token]) -> list[Token]:
    out: list[Token] = []
    index = 0
    while index < len(children):
        child = children[index]
        index += 1
        if child.type == "code_inline" and out and out[-1].type == "text":
            role = _ROLE.search(out[-1].content)
            if role is not None:
                out[-1].content = out[-1].content[: role.start()]
                out.extend(_role_tokens(role.group(1).lower(), child))
                continue
        unclosed = _UNCLOSED.search(child.content) if child.type == "text" and "}`" in child.content else None
        if unclosed is not None:
            # markdown-it found no closing backtick, so left the role as text: it runs to the line's
            # end, `<target>` and all (which markdown-it read as an HTML tag).
            words = [unclosed.group(2)]
            while index < len(children) and children[index].type in ("text", "html_inline"):
                words.append(children[index].content)
                index += 1
            child.content = child.content[: unclosed.start()]
            out.append(child)
            code = Token("code_inline", "code", 0, content="".join(words).strip())
            out.extend(_role_tokens(unclosed.group(1).lower(), code))
            continue
        out.append(child)
    return [c for c in out if c.type != "text" or c.content]


def _role_tokens(role: str, code: Token) -> list[Token]:
    """What a role shows a reader: a cross-reference a link, math as written, other roles their words."""
    content = code.content
    if role == "math":
        return [Token("math_inline", "math", 0, content=content, markup="$")]
    if role in ("kbd", "code", "samp", "file", "command", "literal"):
        return [code]
    if role in ("sup", "sub", "superscript", "subscript"):
        tag = role[:3]
        return [Token("html_inline", "", 0, content=f"<{tag}>{escape(content, quote=False)}</{tag}>")]
    explicit = re.fullmatch(r"(.*?)\s*<([^<>]*)>", content, re.DOTALL)
    words, target = (explicit.group(1), explicit.group(2)) if explicit else ("", content)
    if role in _REFERENCES:
        # No words of its own: the link shows its target's title (see links.py), as Sphinx does.
        opening = Token("link_open", "a", 1, attrs={"href": target.lstrip("~!")})
        shown = [_words(words)] if words and role != "numref" else []
        return [opening, *shown, Token("link_close", "a", -1)]
    if role == "abbr":
        words = re.sub(r"\s*\([^()]*\)$", "", content).strip()
    return [_words((words or target).lstrip("~!"))]


def _words(words: str) -> Token:
    token = Token("text", "", 0)
    token.content = words
    return token
