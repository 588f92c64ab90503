"""A Jekyll site's collections, and the addresses its pages are served at.

Jekyll reads no folder whose name starts with `_` as pages, except its collections: `_posts/`
always, and each folder `_<name>/` that `collections:` in `_config.yml` names with `output: true`
(Jekyll's own docs keep every page in `_docs/`, Minimal Mistakes' too). Left out, such a site
came as the handful of pages beside its config. Here each collection's pages are read as its
folder orders them, after the site's own pages; posts come last, oldest first, as a blog is read
from its start. A collection without `output: true` is data the site's templates list, never
pages of their own, and `_drafts/` are not published: both are left out, as Jekyll leaves them.

Links between the pages are written as the addresses the site serves them at (`/docs/usage/`), so
each page's addresses are worked out as Jekyll does: its front matter's `permalink` (and the
`redirect_from` list of jekyll-redirect-from, which serves old addresses too), else the
collection's `permalink` pattern (`/:collection/:path/`) or the site's for posts
(`/:categories/:year/:month/:day/:title:output_ext`, or a named style such as `pretty`), else the
page's own path. jekylllinks.py turns links to those addresses into links to the files.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from app.errors import ImportProblem
from app.ingest.files import BookFolder, Unreadable
from app.ingest.frontmatter import front_matter_data, load_yaml
from app.ingest.placement import Placed, natural_key, prettify

Files = Callable[[Path], list[Placed]]
_POST_NAME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)$")
# Jekyll's named permalink styles (its docs' "Built-in formats").
_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
_PLACEHOLDER = re.compile(r":(collection|path|name|title|year|month|day|categories|output_ext|slug)\b")
_DATA_BYTES = 256 * 1024
_MAX_DATA_FILES = 50  # data files read for their words; a bound on a hostile site
_MAX_ADDRESSES = 20  # a page's redirect_from list is read this far: it is a bound on hostile input


def collection_files(
    books: BookFolder, root: Path, config: Mapping[str, Any], files: Files
) -> tuple[list[Placed], list[Placed]]:
    """The pages of the site's published collections (as `files` orders a folder), and its posts,
    oldest first, each collection a part named after it."""
    base = _collections_dir(root, config)
    pages: list[Placed] = []
    posts: list[Placed] = []
    for name, settings in _collections(config).items():
        folder = base / f"_{name}"
        if not folder.is_dir() or folder.is_symlink():
            continue
        if name != "posts" and not (isinstance(settings, dict) and settings.get("output") is True):
            continue
        found = [_in_part(placed, prettify(name)) for placed in files(folder)]
        if name == "posts":  # by the date in their names, whatever sub-folder (category) holds them
            posts = sorted(found, key=lambda placed: natural_key(placed.path.name))
            posts = [Placed(placed.path, depth=0, part=placed.part) for placed in posts]
        else:
            pages += found
    return pages, posts


def site_addresses(
    books: BookFolder, root: Path, config: Mapping[str, Any], files: Iterable[Placed]
) -> dict[str, PurePosixPath]:
    """Every address the site serves a page at (as `address_key` writes it), to the page's path
    from the site's folder."""
    collections = _collections(config)
    base = _collections_dir(root, config)
    site_style = config.get("permalink") if isinstance(config.get("permalink"), str) else "date"
    found: dict[str, PurePosixPath] = {}
    for placed in files:
        own = PurePosixPath(placed.path.relative_to(root).as_posix())
        front = _front(books, placed.path)
        written = [front.get("permalink"), *_listed(front.get("redirect_from"))]
        addresses = [value for value in written if isinstance(value, str)]
        collection = _collection_of(placed.path, base, collections)
        if collection is not None:
            name, inner = collection
            settings = collections.get(name)
            pattern = settings.get("permalink") if isinstance(settings, dict) else None
            if name == "posts":
                pattern = pattern or site_style
            pattern = pattern if isinstance(pattern, str) else "/:collection/:path:output_ext"
            addresses.append(_expand(_STYLES.get(pattern, pattern), name, inner, front))
            addresses.append(f"/{name}/{inner.with_suffix('').as_posix()}/")
        else:
            addresses.append("/" + own.with_suffix(".html").as_posix())
        for address in addresses[:_MAX_ADDRESSES]:
            found.setdefault(address_key(address), own)
    return found


def address_key(address: str) -> str:
    """An address as every way of writing it is looked up: `/docs/usage/`, `/docs/usage`,
    `/docs/usage.html` and `/docs/usage/index.html` are all `docs/usage`."""
    path = address.split("#", 1)[0].split("?", 1)[0].strip()
    path = re.sub(r"/{2,}", "/", path).strip("/")
    path = re.sub(r"(?:^|/)index\.html?$", "", path)
    return re.sub(r"\.html?$", "", path)


def post_stems(posts: Iterable[Placed], root: Path) -> dict[str, PurePosixPath]:
    """Each post by the name `{% post_url %}` gives it: its file name less the suffix, and that name
    under its sub-folder (`2024-05-01-tides`, `news/2024-05-01-tides`)."""
    found: dict[str, PurePosixPath] = {}
    for placed in posts:
        own = PurePosixPath(placed.path.relative_to(root).as_posix())
        found.setdefault(own.stem, own)
        inside = own.relative_to(own.parts[0]) if len(own.parts) > 1 else own
        found.setdefault(inside.with_suffix("").as_posix(), own)
    return found


def data_variables(books: BookFolder, root: Path) -> dict[str, str]:
    """The words of the site's data files that `{{ site.data.ruby.min_version }}` fills in: each
    setting of `_data/*.yml` that is one short line, by its dotted name."""
    folder = root / "_data"
    if not folder.is_dir() or folder.is_symlink():
        return {}
    found: dict[str, str] = {}
    names = sorted(path for path in folder.iterdir() if path.suffix in (".yml", ".yaml") and path.is_file())
    for path in names[:_MAX_DATA_FILES]:
        try:  # without aliases, as every YAML file of a book is read
            data = load_yaml(str(path), books.config_text(path, limit=_DATA_BYTES), what=path.name)
        except ImportProblem:
            continue  # a page that uses it keeps the words its tag had, dropped as tags are
        _flatten(f"data.{path.stem}", data, found, depth=0)
    return found


def _flatten(name: str, value: Any, found: dict[str, str], depth: int) -> None:
    if isinstance(value, dict) and depth < 4:
        for key, inner in value.items():
            _flatten(f"{name}.{key}", inner, found, depth + 1)
    elif isinstance(value, str | int | float) and not isinstance(value, bool):
        words = str(value)
        if len(words) <= 200 and "\n" not in words and "{" not in words:
            found[name] = words


def _collections(config: Mapping[str, Any]) -> dict[str, Any]:
    declared = config.get("collections")
    if isinstance(declared, list):
        found: dict[str, Any] = {str(name): {} for name in declared if isinstance(name, str)}
    elif isinstance(declared, dict):
        found = {str(name): value for name, value in declared.items()}
    else:
        found = {}
    found.setdefault("posts", {"output": True})  # every Jekyll site has posts
    # A name with a slash or dots would reach outside the collections' folder.
    return {name: value for name, value in found.items() if re.fullmatch(r"[\w-]+", name)}


def _collections_dir(root: Path, config: Mapping[str, Any]) -> Path:
    """Where the `_<name>` folders are: `collections_dir`, when it is a folder inside the site."""
    written = config.get("collections_dir")
    if isinstance(written, str) and written.strip("/ "):
        inner = PurePosixPath(written.strip("/ "))
        if ".." not in inner.parts and (root / inner).is_dir() and not (root / inner).is_symlink():
            return root / inner
    return root


def _collection_of(
    path: Path, base: Path, collections: Mapping[str, Any]
) -> tuple[str, PurePosixPath] | None:
    try:
        parts = path.relative_to(base).parts
    except ValueError:
        return None
    if len(parts) > 1 and parts[0].startswith("_") and parts[0][1:] in collections:
        return parts[0][1:], PurePosixPath(*parts[1:])
    return None


def _expand(pattern: str, collection: str, inner: PurePosixPath, front: Mapping[str, Any]) -> str:
    """A permalink pattern filled in for one page of a collection (its path inside the collection)."""
    stem = inner.with_suffix("").name
    dated = _POST_NAME.match(stem)
    categories = front.get("categories") or front.get("category") or []
    categories = categories.split() if isinstance(categories, str) else categories
    values = {
        "collection": collection,
        "path": inner.with_suffix("").as_posix(),
        "name": stem,
        "title": str(front.get("slug") or (dated.group(4) if dated else stem)),
        "slug": str(front.get("slug") or (dated.group(4) if dated else stem)),
        "year": dated.group(1) if dated else "",
        "month": dated.group(2).zfill(2) if dated else "",
        "day": dated.group(3).zfill(2) if dated else "",
        "categories": "/".join(str(c) for c in categories if isinstance(c, str | int)).lower(),
        "output_ext": ".html",
    }
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], pattern)


def _in_part(placed: Placed, part: str) -> Placed:
    """A collection's page in the part named after the collection, unless a sub-folder's part holds it."""
    return Placed(placed.path, placed.title, placed.depth, placed.label, placed.part or part, placed.role)


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _front(books: BookFolder, path: Path) -> dict[str, Any]:
    try:
        text = books.read_text(path)
        return front_matter_data(str(path), text) if text.startswith("---") else {}
    except (Unreadable, ImportProblem):
        return {}  # reading it as a chapter says what is wrong with it
