"""Folders of Markdown: which folders are books, which are series of books, and a book's reading order.

A folder's order comes from its index file (README.md, index.md or toc.md) when that file links
to most of the folder's files, as SUMMARY.md does for an mdBook; otherwise it is natural order
(`2-intro.md` before `10-end.md`) with the index first. Sub-folders become parts. Repository
chores (a licence, contribution rules, templates) are never chapters, and symlinked folders are
never followed, so one book is never read twice or from outside.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from markdown_it import MarkdownIt

from app.errors import ImportProblem
from app.ingest.bookdown import bookdown_of
from app.ingest.ditto import ditto_of
from app.ingest.docfx import docfx_of
from app.ingest.docsify import docsify_of
from app.ingest.docusaurus import docusaurus_of
from app.ingest.files import BookFolder, Unreadable
from app.ingest.frontmatter import ORDER_KEYS, chapter_title, split_front_matter, weight
from app.ingest.fumadocs import fumadocs_of
from app.ingest.githubwiki import wiki_of
from app.ingest.jekyll import jekyll_of
from app.ingest.jupyterbook import toc_of
from app.ingest.languagemirrors import kept, mirrored_languages
from app.ingest.leanpub import leanpub_of
from app.ingest.logseq import logseq_of
from app.ingest.mdbook import summary_of
from app.ingest.mintlify import mintlify_of
from app.ingest.mkdocs import config_of
from app.ingest.navmeta import NavMeta, ordered, read_meta
from app.ingest.navroot import declares_site
from app.ingest.nextra import nextra_of
from app.ingest.notebooks import is_notebook, notebook_markdown
from app.ingest.notion import notion_of
from app.ingest.obsidian import obsidian_of
from app.ingest.passes import heading_attributes
from app.ingest.placement import MARKDOWN_SUFFIXES, Placed, natural_key, prettify
from app.ingest.quarto import quarto_of
from app.ingest.retype import retype_of
from app.ingest.rspress import rspress_of
from app.ingest.sphinx import sphinx_of
from app.ingest.starlight import starlight_of
from app.ingest.text import inline_text
from app.ingest.translations import TRANSLATION_FOLDERS, is_language, translated_files
from app.ingest.vitepress import vitepress_of
from app.ingest.vuepress import vuepress_of
from app.ingest.writerside import writerside_of
from app.ingest.zola import titled

INDEX_NAMES = ("readme", "index", "_index")
_TOC_NAMES = ("toc", "contents", "table-of-contents", "summary")
_CHORES = frozenset(
    {"contributing", "code_of_conduct", "code-of-conduct", "license", "licence", "copying", "security",
     "pull_request_template", "issue_template", "codeowners", "support", "funding", "changelog",
     "authors", "maintainers", "governance"}
)  # fmt: skip
_ORDER_HINT = re.compile("|".join(ORDER_KEYS), re.IGNORECASE)
_SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages", "venv"})
_LINKS = MarkdownIt("commonmark", {"html": False})


def is_markdown(path: Path) -> bool:
    return path.suffix.lower() in MARKDOWN_SUFFIXES


def is_chore(path: Path) -> bool:
    return path.stem.lower() in _CHORES or path.stem.lower().startswith(
        ("pull_request_template", "issue_template")
    )


def is_index(path: Path) -> bool:
    return path.stem.lower() in INDEX_NAMES


def find_books(path: Path) -> list[Path]:
    """The book roots a command-line path names: a file, a book folder, or a series of book folders."""
    if not path.exists():
        raise ImportProblem(str(path), "no such file or folder. Check the path and try again.")
    if not path.is_dir():
        if not is_markdown(path):
            raise ImportProblem(
                str(path),
                "not a Markdown file: Chapterwise imports .md, .markdown, .mdx, .qmd and .Rmd files, Jupyter notebooks "
                "(.ipynb), and folders of them." + markup_hint(path.suffix),
            )
        return [path]
    if _declares_book(path):
        return [path]
    folders = [sub for sub in _subfolders(path) if _holds_markdown(sub)]
    loose = [f for f in _markdown_files(path) if not is_index(f) and not is_chore(f)]
    has_index_md = any(f.stem.lower() in ("index", "_index") for f in _markdown_files(path))
    books = [sub for sub in folders if _book_like(sub)]
    if books and not has_index_md and len(loose) <= len(books) and len(books) == len(folders):
        return books + loose  # a series: each sub-folder a book, and each loose file too
    if folders or loose or any(is_index(f) for f in _markdown_files(path)):
        return [path]
    raise ImportProblem(
        str(path),
        "this folder holds no Markdown (.md, .mdx, .qmd or .Rmd) files or notebooks (.ipynb). Point at a book "
        "file or a folder of them." + _other_markup(path),
    )


# Books written in another markup, which a person may point Chapterwise at: its name, and pandoc's.
_OTHER_MARKUP = {
    ".rst": ("reStructuredText", "rst"),
    ".adoc": ("AsciiDoc", "asciidoc"),
    ".asciidoc": ("AsciiDoc", "asciidoc"),
    ".org": ("Org", "org"),
    ".tex": ("LaTeX", "latex"),
    ".textile": ("Textile", "textile"),
}


def _other_markup(folder: Path) -> str:
    """What a folder with no Markdown is written in instead, when it is a markup pandoc converts."""
    counted: Counter[str] = Counter()
    seen = 0
    for _, _, names in os.walk(folder):  # never into symlinked folders
        for name in names:
            suffix = os.path.splitext(name)[1].lower()
            if suffix in _OTHER_MARKUP:
                counted[suffix] += 1
        seen += len(names)
        if seen > 5000:  # enough to tell, without walking a whole disk
            break
    if not counted:
        return ""
    return markup_hint(counted.most_common(1)[0][0], many=True)


def markup_hint(suffix: str, *, many: bool = False) -> str:
    """How to turn a file of another markup (`.rst`, `.adoc`…) into Markdown; "" for any other."""
    if suffix.lower() not in _OTHER_MARKUP:
        return ""
    kind, pandoc = _OTHER_MARKUP[suffix.lower()]
    return (
        f" {'It holds' if many else 'It is'} {kind}, which Chapterwise does not read: convert it to Markdown "
        f"first, e.g. `pandoc -f {pandoc} -t gfm page{suffix.lower()} -o page.md`."
    )


def _declares_book(folder: Path) -> bool:
    return (
        summary_of(folder) is not None
        or config_of(folder) is not None
        or toc_of(folder) is not None
        or quarto_of(folder) is not None
        or bookdown_of(folder) is not None
        or sphinx_of(folder) is not None
        or docsify_of(folder) is not None
        or ditto_of(folder) is not None
        or docusaurus_of(folder) is not None
        or mintlify_of(folder) is not None
        or docfx_of(folder) is not None
        or obsidian_of(folder) is not None
        or logseq_of(folder) is not None
        or leanpub_of(folder) is not None
        or notion_of(folder) is not None
        or jekyll_of(folder) is not None
        or wiki_of(folder) is not None
        or retype_of(folder) is not None
        or writerside_of(folder) is not None
        or starlight_of(folder) is not None
        or vuepress_of(folder) is not None
        or vitepress_of(folder) is not None
        or rspress_of(folder) is not None
        or fumadocs_of(folder) is not None
        or nextra_of(folder) is not None
        or declares_site(folder)  # a Fumadocs or Nextra folder of sections (navroot.py)
        or (folder / "book.toml").is_file()
    )


def _book_like(folder: Path) -> bool:
    """A sub-folder that stands as a book of a series: it says so (a SUMMARY.md, a site config) or
    opens with its own README/index. A folder of loose notes is a part of one book instead: Obsidian's
    help in Chinese is fourteen such folders and two notes, one book, not fourteen. A folder named
    for a language (`en/`, `fr/`) is that language's book, index or not."""
    return (
        _declares_book(folder)
        or is_language(folder.name)
        or any(is_index(f) for f in _markdown_files(folder))
    )


def _subfolders(folder: Path) -> list[Path]:
    return sorted(
        (
            sub
            for sub in folder.iterdir()
            if sub.is_dir()
            and not sub.is_symlink()
            and not sub.name.startswith((".", "_"))
            and sub.name.lower() not in _SKIPPED_FOLDERS | TRANSLATION_FOLDERS
        ),
        key=lambda p: natural_key(p.name),
    )


def _markdown_files(folder: Path) -> list[Path]:
    """The folder's Markdown files, less those that translate another (see translated_files)."""
    files = _all_markdown(folder)
    translated = translated_files(folder, files, lambda: _all_markdown(folder.parent))
    return [f for f in files if f not in translated] if translated else files


def _all_markdown(folder: Path) -> list[Path]:
    return sorted(
        (f for f in folder.iterdir() if is_markdown(f) and not f.name.startswith(".") and not f.is_dir()),
        key=lambda p: natural_key(p.name),
    )


def _holds_markdown(folder: Path, depth: int = 0) -> bool:
    if _markdown_files(folder):
        return True
    return depth < 6 and any(_holds_markdown(sub, depth + 1) for sub in _subfolders(folder))


def folder_files(books: BookFolder, folder: Path, warn: list[str]) -> list[Placed]:
    """Every chapter file of a folder book in reading order: its own files, then its sub-folders as parts."""
    translations = _translations(folder) + [
        sub for sub in folder.iterdir() if sub.is_dir() and sub.name.lower() in TRANSLATION_FOLDERS
    ]
    if translations:
        names = ", ".join(f"{sub.name}/" for sub in translations)
        warn.append(
            f"{folder}: {names} hold translations of this book, which were left out; import one of "
            "them on its own to read the book in that language."
        )
    meta = read_meta(books, folder, warn)
    return list(_ordered(books, folder, meta, part=None, depth=0, warn=warn, skip=frozenset(translations)))


def _translations(folder: Path) -> list[Path]:
    """Sub-folders named for a language (`fr`, `zh-cn`) that hold the book again, beside its own text.

    A docs site keeps its default language at the top and each translation in a folder that
    mirrors it (Starlight's `fr/start/…` beside `start/…`). Read as parts, they would repeat the
    book in every language; a folder that only shares a name with a language (`go/`) mirrors nothing.
    """
    own = {entry.name for entry in folder.iterdir()}
    found: list[Path] = []
    for sub in _subfolders(folder):
        if not is_language(sub.name):
            continue
        names = {entry.name for entry in sub.iterdir() if not is_index(entry)}
        if names and len(names & own) * 2 >= len(names):
            found.append(sub)
    # A folder of nothing but languages is a series of books, one a language (see find_books).
    return found if any(not is_language(name) for name in own if (folder / name).is_dir()) else []


def _ordered(
    books: BookFolder,
    folder: Path,
    meta: NavMeta | None,
    *,
    part: str | None,
    depth: int,
    warn: list[str],
    skip: frozenset[Path] = frozenset(),
    intro_depth: int | None = None,
) -> Iterator[Placed]:
    every = _all_markdown(folder)
    translated = translated_files(folder, every, lambda: _all_markdown(folder.parent))
    if translated:
        names = ", ".join(f.name for f in sorted(translated, key=lambda p: natural_key(p.name))[:3])
        more = f" and {len(translated) - 3} more" if len(translated) > 3 else ""
        warn.append(
            f"{folder}: {names}{more} translate files of this book, so they were left out; import one "
            "on its own to read it in that language."
        )
    # A page a navigation file names is the site's, even when named like a repository's chore (security.md).
    named = set(meta.names) if meta is not None else set()
    files = [f for f in every if f not in translated and (not is_chore(f) or f.stem in named)]
    folders = [sub for sub in _subfolders(folder) if sub not in skip and _holds_markdown(sub)]
    if mirrors := mirrored_languages(
        folders
    ):  # `docs/en/` beside `docs/zh/`: the book once (languagemirrors.py)
        keep = kept(
            mirrors,
            _read(books, books.root / "README.md", []) if (books.root / "README.md").is_file() else None,
        )
        others = [m for m in mirrors if m != keep]
        folders = [sub for sub in folders if sub not in others]
        warn.append(
            f"{folder}: {', '.join(f'{m.name}/' for m in others)} hold the book in another language, "
            f"beside {keep.name}/, and were left out; import one of them on its own to read it."
        )
    # A `table-of-contents.md` whose front matter titles it is a page of a Hugo or Zola site, not a list.
    indexes = [
        f for f in files if is_index(f) or (f.stem.lower() in _TOC_NAMES and not titled(_read(books, f, [])))
    ]
    chapters = [f for f in files if f not in indexes]
    order = _weight_order(books, _index_order(books, folder, indexes, chapters + folders, warn))
    if meta is not None:  # the folder's own navigation file, read once by whoever names the folder
        order = ordered(meta, order, warn, folder)
    titles = meta.titles if meta is not None else {}
    intro = next((f for f in indexes if is_index(f)), None)
    if intro is not None:
        yield Placed(intro, depth=depth if intro_depth is None else intro_depth, part=part, role="intro")
    for item in order:
        if item.is_dir():
            own = read_meta(books, item, warn)
            if own is not None and own.hide:
                warn.append(
                    f"{item}: its {own.source} says `hide: true`, so it was left out, as the site hides it."
                )
                continue
            title = titles.get(item.name) or (own and own.title) or _folder_title(books, item, warn)
            if part is None and depth == 0:
                yield from _ordered(books, item, own, part=title, depth=0, warn=warn)
            else:
                # A deeper folder's files nest under its index page (a Next.js app's `page.mdx`), which
                # stands level with the chapter before it; a folder with no index adds no level, so its
                # files are never put under a chapter that is not theirs (`solutions/design/call_center/x.md`
                # after TRANSLATIONS.md).
                deeper = depth + 1 if _index_of(item) is not None or (item / "page.mdx").is_file() else depth
                yield from _ordered(books, item, own, part=part, depth=deeper, warn=warn, intro_depth=depth)
        else:
            yield Placed(item, titles.get(item.stem), depth=depth, part=part)


def _index_order(
    books: BookFolder, folder: Path, indexes: list[Path], items: list[Path], warn: list[str]
) -> list[Path]:
    """The items in the order the folder's index links them, when it links to most; else as they are."""
    best: list[Path] = []
    for index in indexes:
        linked = [item for item in _links(books, index, warn) if item in items]
        if len(linked) > len(best):
            best = linked
    if len(best) < 2 or len(best) * 2 < len(items):
        return items
    return best + [item for item in items if item not in best]


def _weight_order(books: BookFolder, items: list[Path]) -> list[Path]:
    """Items with a front matter `weight` first, as Hugo orders a section: lower first, equal weights by
    their short title (`linkTitle`, else `title`). Then the rest, as they were.

    A folder's weight is its index file's, as a Hugo section's is its `_index.md`'s. Other site
    generators' names for it (`sidebar_position`, `nav_order`, `nav`, `order`) count the same.
    """
    keys: dict[Path, tuple[float, str]] = {}
    for item in items:
        page = _index_of(item) if item.is_dir() else item
        text = _read(books, page, []) if page is not None else None  # reading it as a chapter warns
        # Only a file that names a weight is worth reading its front matter for.
        if text is not None and text.startswith(("---", "+++")) and _ORDER_HINT.search(text):
            front = split_front_matter(str(page), text)[0]
            found = weight(front)
            if found is not None:
                keys[item] = (found, (chapter_title(front) or "").casefold())
    if not keys:
        return items
    return sorted(items, key=lambda item: (0, *keys[item]) if item in keys else (1, 0, ""))


def _index_of(folder: Path) -> Path | None:
    return next((f for f in _markdown_files(folder) if is_index(f)), None)


def _links(books: BookFolder, index: Path, warn: list[str]) -> list[Path]:
    """The files and folders an index file links to, in order, each once."""
    text = _read(books, index, warn)
    if text is None:
        return []
    found: list[Path] = []
    for token in _LINKS.parse(text):
        for child in token.children or ():
            if child.type != "link_open":
                continue
            href = unquote(str(child.attrGet("href") or "").split("#", 1)[0].split("?", 1)[0])
            if not href or "://" in href or href.startswith(("mailto:", "/")):
                continue
            target = (index.parent / PurePosixPath(href)).resolve()
            if target.is_file() and is_index(target) and target.parent != index.parent.resolve():
                target = target.parent  # a link to a sub-folder's README is a link to that part
            if target not in found:
                found.append(target)
    return [_unresolved(index.parent, f) for f in found]


def _unresolved(folder: Path, target: Path) -> Path:
    """The folder's own path for a resolved target, so it compares equal to what iterdir() lists."""
    try:
        return folder / target.relative_to(folder.resolve())
    except ValueError:
        return target


def _folder_title(books: BookFolder, folder: Path, warn: list[str]) -> str:
    """A part's title: its index file's front matter title (a Hugo `_index.md`'s), or first heading, or name."""
    for index in _markdown_files(folder):
        text = _read(books, index, warn) if is_index(index) else None
        if text:
            front, body = split_front_matter(str(index), text)
            title = chapter_title(front) or first_heading(body)
            if title:
                return title
    return prettify(folder.name)


def first_heading(text: str) -> str | None:
    """The first `#` heading of a Markdown text, as plain text; None if it has none near the top."""
    tokens = _LINKS.parse(text[:16384])
    heading_attributes(tokens)  # `# Hugo Book {anchor=false}` is titled "Hugo Book"
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1":
            return inline_text(tokens[index + 1]).strip() or None
    return None


def _read(books: BookFolder, path: Path, warn: list[str]) -> str | None:
    """An index's text, to read its links and title from (a notebook's as the Markdown it shows)."""
    try:
        text = books.read_text(path)
        return notebook_markdown(str(path), text) if is_notebook(path.name) else text
    except Unreadable as problem:
        warn.append(f"{path}: {problem}. It was left out.")
        return None
    except ImportProblem:
        return None  # a broken notebook: reading it as a chapter says so, once
