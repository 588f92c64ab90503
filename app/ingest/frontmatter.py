"""Front matter, the optional block atop a Markdown file: YAML between `---` lines, read without
YAML's dangers, or TOML between `+++` lines (Hugo's other format). A writer's tools have two plainer
forms, read too: Pandoc's title block (`% Title`, `% Author`, `% Date` lines) and MultiMarkdown's
metadata (`Title: …` and `Author: …` lines, as Scrivener, iA Writer and Ulysses write them), each
atop the file and ending at its first blank line.

YAML anchors and aliases let 400 bytes expand into gigabytes (the "billion laughs"), so the
loader here refuses them outright: a book's front matter has no use for them. Unknown tags
(mkdocs' `!!python/name:…`, `!ENV`) are read as nothing rather than failing the import.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from collections.abc import Mapping
from typing import Any

import yaml

from app.errors import ImportProblem
from app.ingest.authors import author_text

# Read case-blind, as Hugo reads them: `linkTitle` and `linktitle` are one key.
# Where a page goes in its folder, as each site generator names it: Hugo, Docusaurus, Just the Docs,
# rspress and dumi, VuePress. Lower comes first.
ORDER_KEYS = ("weight", "sidebar_position", "nav_order", "nav", "order")
KNOWN_KEYS = (
    "title", "author", "language", "description", "slug", "book_title", "linktitle", "draft", *ORDER_KEYS
)  # fmt: skip
_SCALARS = (str, int, float, bool, datetime.date)
# Anchored at a line start, with nothing to backtrack over: one linear pass.
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.MULTILINE)
_TOML_CLOSING = re.compile(r"^\+\+\+[ \t]*(?:\n|\Z)", re.MULTILINE)
_TOML_LINE = re.compile(r"\(at line (\d+)")
# A MultiMarkdown metadata line: a key of letters, digits, spaces, `-` or `_`, a colon, its value.
# Not two colons: `title:: Harbour Log` is a Logseq page property (see logseqpages.py).
_PLAIN_KEY = re.compile(r"([A-Za-z][\w -]{0,39}):(?!:)[ \t]*(.*)")
_PLAIN_LINES = 40  # a metadata block is a few lines; a longer first paragraph is prose


class _NoAliases(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases, and reads unknown tags as null."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.MarkedYAMLError(
                problem="it uses a YAML anchor or alias (& or *), which Chapterwise does not read",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)


def _unknown_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_NoAliases.add_multi_constructor("!", _unknown_tag)
_NoAliases.add_multi_constructor("tag:", _unknown_tag)


class _CNoTags(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's safe loader, reading unknown tags as null as _NoAliases does."""


_CNoTags.add_multi_constructor("!", _unknown_tag)
_CNoTags.add_multi_constructor("tag:", _unknown_tag)
_FastLoader: Any = _CNoTags if getattr(yaml, "__with_libyaml__", False) else None


def load_yaml(path: str, text: str, *, first_line: int = 1, what: str = "the file") -> Any:
    """YAML text as Python data, or an ImportProblem naming the line of the problem."""
    # Without `&` or `*` there can be no anchor or alias, and libyaml's C loader (when PyYAML has
    # it) reads ten times faster; anything else goes through the stricter loader above.
    fast = _FastLoader is not None and "&" not in text and "*" not in text
    try:
        return yaml.load(text, Loader=_FastLoader if fast else _NoAliases)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        problem = getattr(error, "problem", None) or "it is not valid YAML"
        fix = "Fix it between the --- lines, or remove it." if what != "the file" else "Fix it, or remove it."
        raise ImportProblem(path, f"{what} is not valid YAML ({problem}). {fix}", line=line) from None


def split_front_matter(path: str, text: str) -> tuple[dict[str, str], str]:
    """The front matter's known keys as strings, and the Markdown after it (blank lines kept for line numbers)."""
    found = _closing(text)
    if found is None:
        plain = _plain_block(text)
        return (plain[0], _after(text, plain[1])) if plain else ({}, text)
    given = front_matter_data(path, text)
    metadata: dict[str, str] = {}
    for key in KNOWN_KEYS:
        value = given.get(key)
        if key == "author" and not isinstance(value, _SCALARS):
            value = author_text(value)  # `{name: …}` or a list of names, as blogs write it
        if value is None or value == "":
            continue
        if not isinstance(value, _SCALARS):
            raise ImportProblem(
                path, f"the front matter's `{key}` must be a single value, like `{key}: Some text`.", line=2
            )
        metadata[key] = str(value).strip()
    return metadata, without_front_matter(text)


def front_matter_data(path: str, text: str) -> dict[str, Any]:
    """All of a file's `---` or `+++` front matter, keys lower-cased, whatever their values ({} if it
    has none): for a tool's own keys, such as Obsidian's `aliases`."""
    found = _closing(text)
    if found is None:
        return {}
    block = text[text.find("\n") + 1 : found.start()]
    data = (
        load_yaml(path, block, first_line=2, what="the front matter")
        if text[:3] == "---"
        else _load_toml(path, block)
    )
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ImportProblem(
            path,
            "the front matter must be `key: value` lines (title, author, language, description).",
            line=2,
        )
    return {str(key).lower(): value for key, value in data.items()}


def without_front_matter(text: str) -> str:
    """The Markdown after the front matter, whatever it holds: for a page whose front matter is broken."""
    found = _closing(text)
    if found is None:
        plain = _plain_block(text)
        return _after(text, plain[1]) if plain else text
    # Keep the front matter's lines as blank lines so that later line numbers still match the file.
    return "\n" * text.count("\n", 0, found.end()) + text[found.end() :]


def _closing(text: str) -> re.Match[str] | None:
    """The line that closes the text's front matter; None if it has none."""
    fence = text[:3]
    if fence not in ("---", "+++"):
        return None
    first_end = text.find("\n")
    if first_end < 0 or text[3:first_end].strip():
        return None
    return (_CLOSING if fence == "---" else _TOML_CLOSING).search(text, first_end + 1)


def _load_toml(path: str, block: str) -> dict[str, Any]:
    """TOML front matter as data, or an ImportProblem naming its line, worded as for YAML."""
    try:
        return tomllib.loads(block)
    except tomllib.TOMLDecodeError as error:
        problem = str(error)
        at = _TOML_LINE.search(problem)
        line = 1 + int(at.group(1)) if at else 2
        problem = problem[: at.start()].strip() if at else problem
        raise ImportProblem(
            path,
            f"the front matter is not valid TOML ({problem}). Fix it between the +++ lines, or remove it.",
            line=line,
        ) from None


def chapter_title(front: Mapping[str, str]) -> str | None:
    """The title a file's front matter gives its chapter in the contents.

    Hugo shows `linkTitle` wherever it lists pages (menus, the sidebar, breadcrumbs) and `title`
    atop the page itself. The contents of a book is such a list, so `linkTitle` names the chapter
    when there is one; the page's own heading, if it has one, still shows the long title.
    """
    return front.get("linktitle") or front.get("title")


def weight(front: Mapping[str, str]) -> float | None:
    """The page's place among its folder's (see ORDER_KEYS); None when it names none, or not a number.

    Hugo's `weight: 0` means none, as in Hugo; Docusaurus' `sidebar_position: 0` comes first.
    """
    key = next((key for key in ORDER_KEYS if front.get(key)), None)
    if key is None:
        return None
    try:
        value = float(front[key])
    except ValueError:
        return None
    return None if key == "weight" and value == 0 else value


def is_draft(front: dict[str, str]) -> bool:
    """`draft: true`: Hugo, Docusaurus and Astro leave such a page out of the site they publish."""
    return front.get("draft", "").lower() in ("true", "yes")


def _plain_block(text: str) -> tuple[dict[str, str], int] | None:
    """A Pandoc title block or MultiMarkdown metadata atop the text, as front matter, and how many
    lines it spans; None if the text opens with neither."""
    if not (text[:1] == "%" or (text[:1].isascii() and text[:1].isalpha())):
        return None
    end = text.find("\n\n")
    lines = (text if end < 0 else text[:end]).split("\n")
    if len(lines) > _PLAIN_LINES:
        return None
    if text[0] == "%":
        # Title, then authors (`;` between them), then date; a line starting with a space goes on.
        fields: list[str] = []
        for line in lines:
            if line.startswith("%"):
                fields.append(line[1:].strip())
            elif line[:1] in (" ", "\t") and fields:
                fields[-1] += " " + line.strip()
            else:
                return None
        authors = "; ".join(name.strip() for name in fields[1].split(";")) if len(fields) > 1 else ""
        return {key: value for key, value in (("title", fields[0]), ("author", authors)) if value}, len(lines)
    given: dict[str, str] = {}
    key = ""
    for line in lines:
        found = _PLAIN_KEY.fullmatch(line)
        if found is not None:
            key = found.group(1).replace(" ", "").lower()
            given[key] = found.group(2).strip()
        elif line[:1] in (" ", "\t") and key:
            given[key] += " " + line.strip()
        else:
            return None
    # `Note: remember…` atop a file is prose, not metadata: only a block naming a title or an
    # author is taken for one.
    if "title" not in given and "author" not in given:
        return None
    return {key: given[key] for key in ("title", "author", "language", "description") if given.get(key)}, len(
        lines
    )


def _after(text: str, lines: int) -> str:
    """The text after its first `lines` lines, which are kept as blank lines for later line numbers."""
    at = 0
    for _ in range(lines):
        at = text.find("\n", at) + 1
        if at == 0:
            return ""
    return "\n" * lines + text[at:]
