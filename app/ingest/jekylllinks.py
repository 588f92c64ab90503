"""Links between a Jekyll site's pages, written in Liquid or as the addresses the site serves.

Jekyll pages link to each other in ways only the built site understands:

- `{% link _docs/usage.md %}` (the file, from the site's folder) and `{% post_url 2024-05-01-tides %}`
  (a post by its file name) are tags Jekyll replaces with the page's address;
- `{{ site.baseurl }}/docs/usage/` and `{{ '/docs/usage/' | relative_url }}` put the site's base
  address in front of a page's address;
- `{{ site.repository }}/issues/42` fills in a setting of `_config.yml` (and `{{ site.data.x.y }}`
  one of `_data/x.yml`): a plain word or address there is filled in here too (anything else is left to tags.py, which drops it);
- `/docs/usage/` is the address the page is served at (see jekyllsite.py), not a file.

Left to tags.py the Liquid would be dropped, and the link with it. Here, before the Markdown is
read, each becomes the path of the file from the site's folder (`/_docs/usage.md#options`), which
links.py follows to its chapter. A `{% link %}` or `{% post_url %}` to no page of the book is
named in a warning, as Jekyll stops the build on it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from app.ingest.fences import outside_code
from app.ingest.jekyllsite import address_key


@dataclass(frozen=True, slots=True)
class JekyllLinks:
    """A Jekyll site's pages by address and its posts by name, as paths from the site's folder."""

    addresses: Mapping[str, PurePosixPath] = field(default_factory=dict)
    posts: Mapping[str, PurePosixPath] = field(default_factory=dict)
    files: frozenset[PurePosixPath] = frozenset()
    # `_config.yml`'s own words (`repository: https://…`), which `{{ site.repository }}` fills in.
    variables: Mapping[str, str] = field(default_factory=dict)


_LINK_TAG = re.compile(r"\{%-?\s*(link|post_url)\s+([^\s%]+)\s*-?%\}")
# `{{ site.baseurl }}`, `{{ site.url }}`, alone or one after the other: the site's base address.
_BASE = re.compile(r"\{\{-?\s*site\.(?:base)?url\s*-?\}\}")
# `{{ site.repository }}`: a setting of `_config.yml`, as Liquid fills it in.
_VARIABLE = re.compile(r"\{\{-?\s*site\.([\w.-]+)\s*-?\}\}")
# `{{ '/docs/usage/' | relative_url }}`, `absolute_url`, or `prepend: site.baseurl`.
_FILTERED = re.compile(
    r"""\{\{-?\s*(["'])([^"'\n]*)\1\s*\|\s*(?:relative_url|absolute_url|prepend:\s*site\.baseurl)\s*-?\}\}"""
)
_RAW = re.compile(r"(\{%-?\s*(?:raw|endraw)\s*-?%\})")
_CODE_SPAN = re.compile(r"(`+[^`\n]*`+)")
# Where a link's address is written: `](…)`, `href="…"`/`src='…'`, and `[label]: …` definitions.
_TARGETS = re.compile(
    r"""(?P<lead>\]\(\s*<?|\b(?:href|src)\s*=\s*["']|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?)(?P<url>/[^\s)"'<>]*)""",
    re.MULTILINE,
)


def jekyll_links(text: str, *, file: PurePosixPath, site: JekyllLinks, warn: Callable[[str], None]) -> str:
    """The page's text with its links to the site's pages as paths to their files (see above)."""
    if "{" not in text and "/" not in text:
        return text
    missing: list[str] = []

    def tag(match: re.Match[str]) -> str:
        kind, written = match.group(1), match.group(2).strip("\"'")
        if kind == "link":
            found: PurePosixPath | None = PurePosixPath(written.lstrip("/"))
            found = found if found in site.files else None
        else:
            found = site.posts.get(written.strip("/").removesuffix(".md").removesuffix(".markdown"))
        if found is None:
            missing.append(written)
            return written  # the words stay; the link leads nowhere
        return "/" + found.as_posix()

    def target(match: re.Match[str]) -> str:
        url = match.group("url")
        if url.startswith("//"):
            return match.group(0)
        found = site.addresses.get(address_key(url))
        if found is None:
            return match.group(0)
        fragment = url.partition("#")[2]
        return match.group("lead") + "/" + found.as_posix() + (f"#{fragment}" if fragment else "")

    def rewrite(prose: str) -> str:
        prose = _LINK_TAG.sub(tag, prose)
        prose = _FILTERED.sub(lambda match: match.group(2), prose)
        prose = _BASE.sub("", prose)
        prose = _VARIABLE.sub(lambda match: site.variables.get(match.group(1), match.group(0)), prose)
        return _TARGETS.sub(target, prose)

    lines = text.split("\n")
    raw = False  # inside `{% raw %}`: Liquid shown as it is written, as a page about Liquid shows it
    for number, line in outside_code(lines):
        pieces = _RAW.split(line)
        for at, piece in enumerate(pieces):
            if at % 2:
                raw = "endraw" not in piece
            elif not raw:
                spans = _CODE_SPAN.split(piece)  # `{% link x %}` in backticks is an example
                pieces[at] = "".join(span if odd % 2 else rewrite(span) for odd, span in enumerate(spans))
        lines[number] = "".join(pieces)
    text = "\n".join(lines)
    if missing:
        names = ", ".join(f"`{name}`" for name in dict.fromkeys(missing))
        warn(
            f"{file}: links to {names}, which the book has no page for (Jekyll's `{{% link %}}` and "
            "`{% post_url %}` name a file of the site); the words stay, without the link."
        )
    return text
