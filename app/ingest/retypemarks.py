"""Retype's inline components as the words a reader needs, and its code titles as captions.

- `[!ref text](path)`, `[!ref](path)`, `[!button text="Sponsor"](url)`, `[!embed](url)` and
  `[!file](path)` are links showing their text (an in-book link without any shows the chapter's
  title, as an empty link does; see render.py); `text="…"` or the words after the name give it.
- `[!badge text="New"]`, `[!badge New]` and a `[!button …]` without a link are the words on them,
  in bold, as a label stands out on the site; one with only an icon is left out.
- `:icon-name:` is a picture only the site can draw: left out, but for the few that stand for a
  character (an arrow, a tick, `@`), which keep that character.
- ```` ```js Title ```` titles its code (after `#` line-number marks), as `title="…"` does.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from app.ingest.passes import code_title, with_title

_NAMES = ("ref", "button", "embed", "file", "badge")
_SETTING = re.compile(r"""([\w-]+)=(?:"([^"]*)"|'([^']*)'|(\S+))""")
_LABEL = re.compile(r"\[!(badge|button)(?:[ \t]+([^\]\n]*))?\]")
_ICON = re.compile(r":icon-([a-z0-9-]+):")
_ICON_TEXT = {"arrow-right": "→", "arrow-left": "←", "arrow-up": "↑", "arrow-down": "↓", "check": "✓",
              "x": "✗", "mention": "@"}  # fmt: skip


def retype_marks(tokens: list[Token], *, icons: bool) -> None:
    """The components above, in every inline token; `icons` too in a Retype site."""
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        if "[!" in token.content:
            token.children = _labels(_links(token.children))
        if icons and ":icon-" in token.content:
            for child in token.children:
                if child.type == "text" and ":icon-" in child.content:
                    child.content = _ICON.sub(lambda m: _ICON_TEXT.get(m.group(1), ""), child.content)


def _words(written: str) -> str:
    """What a component says: its `text="…"`, else its words that are no `key=value` setting."""
    settings = {
        m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None)
        for m in _SETTING.finditer(written)
    }
    return (settings.get("text") or _SETTING.sub("", written)).strip()


def _links(children: list[Token]) -> list[Token]:
    """A link whose text starts `!ref`, `!button`… shows only that component's words."""
    for index, child in enumerate(children[:-1]):
        following = children[index + 1]
        if child.type != "link_open" or following.type != "text" or not following.content.startswith("!"):
            continue
        name, _, rest = following.content[1:].partition(" ")
        if name.lower() in _NAMES:
            following.content = _words(rest)
    return [child for child in children if child.type != "text" or child.content]


def _labels(children: list[Token]) -> list[Token]:
    """`[!badge …]` and a bare `[!button …]` become their words in bold."""
    out: list[Token] = []
    for child in children:
        if child.type != "text" or "[!" not in child.content:
            out.append(child)
            continue
        done = 0
        for found in _LABEL.finditer(child.content):
            out.append(Token("text", "", 0, content=child.content[done : found.start()]))
            words = _words(found.group(2) or "")
            if words:
                out += [
                    Token("strong_open", "strong", 1, markup="**"),
                    Token("text", "", 0, content=words),
                    Token("strong_close", "strong", -1, markup="**"),
                ]
            done = found.end()
        out.append(Token("text", "", 0, content=child.content[done:]))
    return [child for child in out if child.type != "text" or child.content]


def retype_code_titles(tokens: list[Token]) -> None:
    """```` ```js # Title ````: the words after the language and its line-number marks title the code."""
    for token in tokens:
        if token.type != "fence" or " " not in token.info.strip() or code_title(token.info):
            continue
        lang, rest = token.info.strip().split(maxsplit=1)
        words = [word for word in rest.split() if not word.lstrip("!").startswith("#")]
        if words:
            token.info = with_title(lang, " ".join(words))
