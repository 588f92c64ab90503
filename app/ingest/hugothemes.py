"""Shortcodes of Hugo and its docs themes that carry a link, a picture or a callout.

Most Hugo shortcodes only the site can fill in, and tags.py drops them. These hold something the
reader needs, and are written here, before parsing, as the Markdown that shows it:

- `[Install]({{< relref "docs/install" >}})` (and `ref`, with `{{% %}}`, `path="…"` or `#anchor`):
  Hugo finds the page from the page's own folder, then from the content folder (`/docs/install`
  from the content folder only), with or without `.md`, or as a section's `_index.md` or a bundle's
  `index.md`. Dropped, the link led nowhere; it becomes the page's path in the book.
- `{{< figure src="tides.png" alt="…" caption="…" >}}` (Hugo's own) and `{{< img src="…" alt="…" >}}`
  (themes' and Hugo's docs') are a picture, its caption under it.
- The callouts of the docs themes are read as Hugo's `note`/`warning` boxes (shortcodes.py):
  Hextra's `{{< callout type="warning" >}}`, Docsy's `{{% alert title="…" color="warning" %}}` and
  `{{% pageinfo %}}`, Hugo Book's `{{% hint danger %}}` and Geekdoc's `{{< hint type="caution" >}}`.
  Their kinds differ (`error`, `primary`, `ok`): each is given the nearest of the usual ones.
- Tabs (Docsy's `tabpane`, Hextra's, Hugo Book's and Geekdoc's `tabs`) are written out one after
  another under their names, by hugotabs.py.
- Hugo's docs' `[archetypes](g)` is a link to the glossary's entry for the words (or their singular),
  `/quick-reference/glossary/archetype.md`, as its render hook reads it.
- Hugo's docs' `{{% get-page-desc "/functions/x" %}}` shows that page's front matter `description`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath

from app.errors import ImportProblem
from app.ingest.fences import outside_code
from app.ingest.files import Unreadable
from app.ingest.frontmatter import split_front_matter
from app.ingest.hugotabs import hugo_tabs
from app.ingest.placement import resolve

ReadText = Callable[[PurePosixPath], str]

_VALUE = r"""(?:"([^"\n]*)"|'([^'\n]*)'|([^\s"'%>]+))"""
_REF = re.compile(r"\{\{([<%])\s*(?:rel)?ref\s+(?:path\s*=\s*)?" + _VALUE + r"[^{}\n]*?[>%]\}\}")
_DESCRIPTION = re.compile(r"\{\{%\s*get-page-desc\s+" + _VALUE + r"\s*%\}\}")
_PICTURE = re.compile(r"\{\{<\s*(figure|img)\b([^{}\n]*?)/?>\}\}")
_SETTING = re.compile(r"""\b([\w-]+)\s*=\s*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s"'>/]+))""")
_BOX = re.compile(r"\{\{([<%])\s*(/\s*)?(callout|alert|pageinfo|hint)\b([^{}\n]*?)\s*[>%]\}\}")
# Hugo's docs' render hook reads a link to `g` as one to the glossary's page for its words.
_GLOSSARY = re.compile(r"\[([^\[\]\n]+)\]\(g\)")
_CODE_SPAN = re.compile(r"(`+[^`\n]*`+)")
# The themes' kinds, as the boxes shortcodes.py draws: anything else is a note.
_KINDS = {
    "warning": "warning", "warn": "warning", "caution": "caution", "danger": "danger", "error": "danger",
    "important": "important", "tip": "tip", "ok": "tip", "success": "tip", "info": "info", "primary": "info",
}  # fmt: skip


def theme_shortcodes(text: str, *, file: PurePosixPath, site_root: PurePosixPath, read: ReadText) -> str:
    """The text with the shortcodes above written as Markdown; code is left as it is."""
    if "{{" not in text and "](g)" not in text:
        return text
    lines = hugo_tabs(text).split("\n")
    kinds: list[str] = []  # the boxes open, innermost last: each closing names the kind its opening became

    def box(found: re.Match[str]) -> str:
        delimiter, closing, name, arguments = found.groups()
        end = ">" if delimiter == "<" else "%"
        if closing:
            return "{{" + delimiter + f" /{kinds.pop() if kinds else 'note'} {end}" + "}}"
        kind, title = _box(name, arguments)
        kinds.append(kind)
        return "{{" + delimiter + f" {kind}" + (f' title="{title}"' if title else "") + f" {end}" + "}}"

    for number, line in outside_code(lines):
        if "{{" not in line and "](g)" not in line:
            continue
        if "](g)" in line:  # on the whole line: the link's words may be code (`[`Glob`](g)`)
            line = _GLOSSARY.sub(lambda found: _glossary(found, file, site_root, read), line)
        pieces = _CODE_SPAN.split(line)
        for at in range(0, len(pieces), 2):
            piece = _REF.sub(lambda found: _page_path(found, file, site_root, read), pieces[at])
            piece = _DESCRIPTION.sub(lambda found: _description(found, file, site_root, read), piece)
            piece = _PICTURE.sub(_picture, piece)
            pieces[at] = _BOX.sub(box, piece)
        lines[number] = "".join(pieces)
    return "\n".join(lines)


def _written(found: re.Match[str]) -> str:
    quoted, single, bare = found.groups()[-3:]  # the value is always the pattern's last three groups
    return quoted or single or bare or ""


def _find(
    written: str, file: PurePosixPath, site_root: PurePosixPath, read: ReadText
) -> PurePosixPath | None:
    """The book's file a Hugo page path names, as `site.GetPage` finds it (see above)."""
    bases = [written] if written.startswith("/") else [written, "/" + written]
    for base in bases:
        place = resolve(file, base.rstrip("/") or "/", site_root)
        if place is None:
            continue
        if place.suffix.lower() in (".md", ".markdown"):
            options = [place]
        else:
            options = [place.with_name(place.name + ".md"), place / "_index.md", place / "index.md"]
        for option in options:
            try:
                read(option)
            except (Unreadable, ImportProblem):
                continue
            return option
    return None


def _page_path(found: re.Match[str], file: PurePosixPath, site_root: PurePosixPath, read: ReadText) -> str:
    written = _written(found).strip()
    path, _, anchor = written.partition("#")
    fragment = f"#{anchor}" if anchor else ""
    if not path:
        return fragment  # `{{< relref "#tides" >}}`: a heading on this page
    page = _find(path, file, site_root, read) if ".." not in PurePosixPath(path).parts else None
    # Not found: what was written, which links.py follows if it can, and drops if it cannot.
    return ("/" + page.as_posix() if page is not None else path) + fragment


def _description(found: re.Match[str], file: PurePosixPath, site_root: PurePosixPath, read: ReadText) -> str:
    page = _find(_written(found).strip(), file, site_root, read)
    if page is None:
        return ""
    try:
        front, _ = split_front_matter(str(page), read(page))
    except (Unreadable, ImportProblem):
        return ""
    description = front.get("description")
    return " ".join(description.split()) if isinstance(description, str) else ""


def _glossary(found: re.Match[str], file: PurePosixPath, site_root: PurePosixPath, read: ReadText) -> str:
    """`[archetypes](g)`: a link to `/quick-reference/glossary/archetype.md`, the term or its singular."""
    term = re.sub(r"[`*_]", "", found.group(1)).strip().lower()
    singular = re.sub(r"ies$", "y", term) if term.endswith("ies") else re.sub(r"(?<=[^s])s$", "", term)
    for word in dict.fromkeys((term, singular)):
        page = _find("/quick-reference/glossary/" + re.sub(r"\s+", "-", word), file, site_root, read)
        if page is not None:
            return f"[{found.group(1)}](/{page.as_posix()})"
    return found.group(0)


def _settings(arguments: str) -> dict[str, str]:
    return {m.group(1): m.group(2) or m.group(3) or m.group(4) or "" for m in _SETTING.finditer(arguments)}


def _picture(found: re.Match[str]) -> str:
    settings = _settings(found.group(2))
    source = settings.get("src", "").strip()
    if not source:
        return ""
    words = (settings.get("alt") or settings.get("title") or settings.get("caption") or "").replace("]", "")
    picture = f"![{words}](<{source}>)"
    caption = settings.get("caption") or ""
    return f"{picture}\n\n*{caption.strip()}*" if caption.strip() and caption != words else picture


def _box(name: str, arguments: str) -> tuple[str, str]:
    """The kind of box a theme's callout is, and its title."""
    settings = _settings(arguments)
    words = arguments.split()
    positional = (
        words[0].strip("\"'").lower() if words and "=" not in words[0] else ""
    )  # Hugo Book's `hint info`
    written = (settings.get("type") or settings.get("color") or positional).lower()
    kind = _KINDS.get(written, "info" if name == "pageinfo" else "note")
    return kind, settings.get("title", "").replace('"', "'")
