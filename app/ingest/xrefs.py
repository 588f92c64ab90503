"""DocFX's cross-references: a link to the page when the book holds it, else the name it stands for.

`[text](xref:Uid)`, a reference `[text]: xref:Uid`, `<xref:Uid>` and, in a DocFX site, `@Uid`
name a page by its uid. A page of the book whose front matter gives it that `uid:` is where they
land (in_book_xrefs(), on the text before parsing, outside code). The rest name API pages DocFX
builds from code, which the book does not hold, so each shows as code (xref_text(), on the
tokens): its text, or for `<xref:Uid>` the uid's last part (`<xref:System.String>` reads
`String`), as DocFX shows it.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from pathlib import PurePosixPath
from urllib.parse import quote

from markdown_it.token import Token

from app.ingest.fences import outside_code

_AT_UID = re.compile(r"(?<![\w@./`])@([A-Za-z_][\w`]*(?:\.[A-Za-z_][\w`]*)+)")
# `](xref:Uid#part` in a link, `]: xref:Uid` in a reference, `<xref:Uid?query>` alone, `@Uid`.
_XREF = re.compile(
    r"(?P<lead>\]\(\s*<?|\]:[ \t]*<?)xref:(?P<uid>[^\s)>?#]+)(?:\?[^\s)>#]*)?"
    r"|<xref:(?P<auto>[^\s>?#]+)[^\s>]*>"
    r"|(?<![\w@./`])@(?P<at>[A-Za-z_][\w`]*(?:\.[A-Za-z_][\w`]*)+)"
)


def in_book_xrefs(text: str, *, file: PurePosixPath, uids: Mapping[str, PurePosixPath]) -> str:
    """Cross-references to pages of the book made links to their files, relative to `file`; an
    `<xref:Uid>` or `@Uid` shows the page's title, as a link with no words of its own does."""
    if "xref:" not in text and "@" not in text:
        return text
    lines = text.split("\n")

    def replace(found: re.Match[str]) -> str:
        line = found.string
        uid = found.group("uid") or found.group("auto") or found.group("at")
        page = uids.get(uid)
        if page is None or line.count("`", 0, found.start()) % 2:  # not in the book, or inside code
            return found.group(0)
        href = quote(posixpath.relpath(str(page), str(file.parent)))
        return f"{found.group('lead')}{href}" if found.group("uid") else f"[]({href})"

    for number, line in outside_code(lines):
        if "xref:" in line or "@" in line:
            lines[number] = _XREF.sub(replace, line)
    return "\n".join(lines)


def xref_text(tokens: list[Token], *, at_uids: bool) -> None:
    """Replace cross-reference links (and, if `at_uids`, `@Uid`) by the code their names read as."""
    for token in tokens:
        if token.type == "inline" and token.children:
            if any(child.type == "link_open" and _is_xref(child) for child in token.children):
                token.children = _without_links(token.children)
            if at_uids and "@" in token.content:
                token.children = _without_at_uids(token.children)


def uid_name(uid: str) -> str:
    """What DocFX shows for a uid: its last part, less overloads and generic arity (`List`1` -> `List`)."""
    bare = re.split(r"[?#(]", uid.strip(), maxsplit=1)[0].rstrip("*")
    return bare.rsplit(".", 1)[-1].split("`", 1)[0] or bare


def _is_xref(token: Token) -> bool:
    return str(token.attrGet("href") or "").lower().startswith("xref:")


def _without_links(children: list[Token]) -> list[Token]:
    out: list[Token] = []
    inside: list[Token] | None = None
    opened: Token | None = None
    for child in children:
        if inside is None and child.type == "link_open" and _is_xref(child):
            inside, opened = [], child
        elif inside is not None and opened is not None and child.type == "link_close":
            out += _as_code(opened, inside)
            inside = opened = None
        elif inside is not None:
            inside.append(child)
        else:
            out.append(child)
    return out + (inside or [])


def _as_code(link: Token, inside: list[Token]) -> list[Token]:
    href = str(link.attrGet("href"))[5:]
    if link.markup == "autolink" or not inside:
        text = uid_name(href)
    elif all(token.type in ("text", "code_inline", "softbreak") for token in inside):
        text = "".join(token.content if token.type != "softbreak" else " " for token in inside)
    else:
        return inside  # pictures, emphasis: the link's own text, as written, without the link
    code = Token("code_inline", "code", 0, content=text.strip(), markup="`")
    return [code]


def _without_at_uids(children: list[Token]) -> list[Token]:
    out: list[Token] = []
    for child in children:
        if child.type != "text" or "@" not in child.content:
            out.append(child)
            continue
        done = 0
        for found in _AT_UID.finditer(child.content):
            out.append(Token("text", "", 0, content=child.content[done : found.start()]))
            out.append(Token("code_inline", "code", 0, content=uid_name(found.group(1)), markup="`"))
            done = found.end()
        out.append(Token("text", "", 0, content=child.content[done:]))
    return [token for token in out if token.type != "text" or token.content]
