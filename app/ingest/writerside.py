"""Writerside projects (JetBrains' docs tool): `writerside.cfg` names the topics, a `.tree` file orders them.

A folder is a Writerside project when it holds `writerside.cfg` (or `project.ihp`, its older
name), itself or in a `Writerside/` folder. The config names the topics folder (`<topics dir>`),
the pictures (`<images dir>`), the code files topics show (`<snippets src>`), the variables
(`<vars src>`, v.list) and its instances (`<instance src="x.tree">`): each instance is one
help site, and the book is the first. Its `<instance-profile name>` titles the book, and its
nested `<toc-element topic="x.md" toc-title="…">` entries are the chapters in order: an entry
with a `toc-title` and no topic is a section (a part at the top, a heading deeper down), nesting
is depth, and `hidden="true"` entries are left out, as the site's contents leaves them out.
Topics are found by file name anywhere in the topics folder. Both kinds are read: Markdown
topics (`.md`) and XML topics (`.topic`), whose elements are the same ones (see writersidetext.py).
Topics the tree does not list are left out, with one warning counting them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from app.errors import ImportProblem
from app.ingest.files import BookFolder
from app.ingest.placement import Layout, Placed
from app.text import plural

CONFIG_NAMES = ("writerside.cfg", "project.ihp")
TOPIC_SUFFIXES = (".md", ".topic")
_PROJECT_FOLDER = "Writerside"
_XML_BYTES = 2 * 1024 * 1024
_MAX_DEPTH = 20  # deeper than any real contents; a bound on walking a hostile one
_MAX_FILES = 20_000  # a bound on listing a hostile topics folder


@dataclass(frozen=True, slots=True)
class WritersideProject:
    """What a project's topics need besides their own text: where things are, and its variables."""

    topics: Mapping[str, PurePosixPath]  # every topic and snippet file by name, as includes name them
    images: Mapping[str, PurePosixPath]  # pictures by name, as topics name them (`<img src="x.png">`)
    snippets: PurePosixPath  # the folder `<code-block src>` paths start from
    variables: Mapping[str, str] = field(default_factory=dict)


def writerside_of(folder: Path) -> Path | None:
    """The config of a folder that is a Writerside project, or holds one in `Writerside/`, if any."""
    for where in (folder, folder / _PROJECT_FOLDER):
        for name in CONFIG_NAMES:
            path = where / name
            if path.is_file() and not path.is_symlink():
                return path
    return None


def read_writerside(books: BookFolder, config_path: Path, warnings: list[str]) -> Layout:
    project_folder = config_path.parent
    config = _xml(books, config_path)
    topics_folder = project_folder / _attribute(config, "topics", "dir", "topics")
    images_folder = project_folder / _attribute(config, "images", "dir", "images")
    snippets_folder = project_folder / _attribute(config, "snippets", "src", "codeSnippets")
    instances = [element.get("src", "") for element in config.iter("instance") if element.get("src")]
    if not instances:
        raise ImportProblem(
            str(config_path),
            'names no instance. Add one, like <instance src="book.tree"/>, naming the contents.',
        )
    tree_path = project_folder / instances[0]
    tree = _xml(books, tree_path)
    if len(instances) > 1:
        warnings.append(
            f"{config_path}: the book is its first instance ({instances[0]}); the others "
            f"({', '.join(instances[1:])}) were left out. Import them by making each the first in turn."
        )
    topics = _files(books, topics_folder, TOPIC_SUFFIXES)
    walker = _Walker(topics, tree_path, warnings)
    walker.entries(tree, part=None, depth=0)
    if not walker.placed:
        raise ImportProblem(
            str(tree_path), 'lists no topics. Add entries like <toc-element topic="intro.md"/>.'
        )
    unlisted = sorted(
        path.name for path in topics.values() if path not in walker.seen and path.name not in walker.hidden
    )
    if unlisted:
        shown = ", ".join(unlisted[:3]) + (f" and {len(unlisted) - 3} more" if len(unlisted) > 3 else "")
        warnings.append(
            f"{tree_path}: {plural(len(unlisted), 'topic')} ({shown}) {'is' if len(unlisted) == 1 else 'are'} "
            "not in its contents, so they were left out, as the site leaves them out (or only includes "
            "parts of them); list them there to read them."
        )
    variables = _variables(books, project_folder / _attribute(config, "vars", "src", "v.list"))
    project = WritersideProject(
        topics={name: PurePosixPath(books.name(path)) for name, path in topics.items()},
        images={
            name: PurePosixPath(books.name(path)) for name, path in _files(books, images_folder, None).items()
        },
        snippets=PurePosixPath(books.name(snippets_folder))
        if snippets_folder.is_dir()
        else PurePosixPath(books.name(project_folder)),
        variables=variables,
    )
    books.note(
        f"writerside: {sorted(project.variables.items())}"
    )  # a changed variable imports the book again
    name = tree.get("name", "").strip()
    return Layout(
        walker.placed,
        {"title": name} if name else {},
        site_root=project_folder,
        dialect="writerside",
        writerside=project,
    )


class _Walker:
    """Reads a tree's nested `<toc-element>`s into Placed topics."""

    def __init__(self, topics: Mapping[str, Path], tree_path: Path, warnings: list[str]) -> None:
        self.topics, self.tree_path, self.warnings = topics, tree_path, warnings
        self.placed: list[Placed] = []
        self.seen: set[Path] = set()
        self.hidden: set[str] = set()
        self.missing: list[str] = []

    def entries(self, parent: ET.Element, *, part: str | None, depth: int) -> None:
        if depth > _MAX_DEPTH:
            return
        for entry in parent.findall("toc-element"):
            topic = entry.get("topic", "").strip()
            title = (entry.get("toc-title") or "").strip() or None
            if entry.get("hidden", "").lower() == "true":
                self.hidden.update(element.get("topic", "") for element in entry.iter("toc-element"))
                continue
            if topic:
                path = self.topics.get(PurePosixPath(topic).name)
                if path is None:
                    self.warnings.append(
                        f"{self.tree_path}: its topic '{topic}' is not in the topics folder, so it was left out."
                    )
                elif path not in self.seen:
                    self.seen.add(path)
                    self.placed.append(Placed(path, title, depth, None, part))
                self.entries(entry, part=part, depth=depth + 1)
            elif title and part is None and depth == 0:
                self.entries(entry, part=title, depth=0)
            elif title:
                self.placed.append(Placed(self.tree_path, title, depth, None, part, role="heading"))
                self.entries(entry, part=part, depth=depth + 1)
            else:  # an external link, or an entry only grouping others
                self.entries(entry, part=part, depth=depth)


def _xml(books: BookFolder, path: Path) -> ET.Element:
    text = books.config_text(path, limit=_XML_BYTES)
    books.note(f"{path.name}: {text}")
    try:
        # The standard library's parser fetches no DTD, and expat bounds entity expansion.
        return ET.fromstring(text.lstrip("\ufeff"))
    except ET.ParseError as error:
        raise ImportProblem(
            str(path),
            f"{path.name} is not well-formed XML ({error}). Fix it, or remove it.",
            line=error.position[0],
        ) from None


def _attribute(config: ET.Element, element: str, name: str, default: str) -> str:
    found = config.find(element)
    value = found.get(name, "").strip() if found is not None else ""
    return value or default


def _files(books: BookFolder, folder: Path, suffixes: tuple[str, ...] | None) -> dict[str, Path]:
    """The files of a folder and its sub-folders by name (the first of a name wins), symlinks passed over."""
    found: dict[str, Path] = {}
    if not folder.is_dir() or folder.is_symlink():
        return found
    pending = [folder]
    while pending and len(found) < _MAX_FILES:
        current = pending.pop(0)
        try:
            entries = sorted(current.iterdir())
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(".") or entry.is_symlink():
                continue
            if entry.is_dir():
                pending.append(entry)
            elif suffixes is None or entry.suffix.lower() in suffixes:
                found.setdefault(entry.name, entry)
    return found


def _variables(books: BookFolder, path: Path) -> dict[str, str]:
    """v.list's `<var name="x" value="y"/>`s; none if the project has no such file."""
    if not path.is_file():
        return {}
    return {
        element.get("name", ""): element.get("value", "")
        for element in _xml(books, path).iter("var")
        if element.get("name")
    }
