"""load_book(): a book's files read and checked (all of ingest's I/O), ready to parse.

Loading reads every file the book is made of (chapters, its table of contents, includes and
pictures) through one BookFolder, and so knows the book's digest before any Markdown is parsed:
re-importing an unchanged book can stop right there. It also settles the book's title and
slug (see naming.py), and says why it chose that slug.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from app.errors import ImportProblem
from app.ingest import (
    citations,
    docfxincludes,
    embeds,
    fumadocsincludes,
    includes,
    knitchildren,
    mdxincludes,
    mkdocsfences,
    mkdocsincludes,
    mkdocsmacros,
    mkdocssnippets,
    mystincludes,
    mystsubs,
    retypeincludes,
    snippets,
)
from app.ingest.autorefs import autoref_links
from app.ingest.bookdownchapters import bookdown_chapters
from app.ingest.citations import Bibliography
from app.ingest.darkmode import without_dark_pictures
from app.ingest.docfxmarks import docfx_marks
from app.ingest.files import BookFolder, TooBig, Unreadable
from app.ingest.frontmatter import is_draft, split_front_matter, without_front_matter
from app.ingest.generatortext import generator_text
from app.ingest.jsxembeds import mermaid_charts
from app.ingest.jsxlists import linked_entries
from app.ingest.layouts import layout_of
from app.ingest.leanpub import leanpub_text
from app.ingest.limits import MAX_PICTURE_BYTES
from app.ingest.logseqtext import logseq_markdown
from app.ingest.mdx import is_mdx, reads_as_mdx, without_code
from app.ingest.mdxhtml import html_lines_apart
from app.ingest.mkdocstrings import api_names
from app.ingest.mysteqs import number_equations
from app.ingest.naming import name_book
from app.ingest.notebooks import is_notebook, notebook_markdown
from app.ingest.notion import is_row
from app.ingest.notiontext import notion_text
from app.ingest.obsidian import in_vault
from app.ingest.pictures import Pictures, PictureUnavailable, ReadPicture, candidates
from app.ingest.placement import BOOK_ROOT, Layout, Placed
from app.ingest.sourcefile import ChapterFile, SourceFile
from app.ingest.wikilinks import WikiLinks
from app.ingest.wikinames import VaultNames
from app.ingest.writersidetext import writerside_text
from app.ingest.xrefs import in_book_xrefs

if TYPE_CHECKING:
    from app.ingest.draft import BookDraft

# Part of every source hash: bump it when rendering changes, so re-importing updates stored books.
INGEST_VERSION = "10"
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BookSource:
    """A loaded book: everything parse() needs, and what the library needs to decide before it."""

    files: tuple[ChapterFile, ...]
    title: str
    author: str | None
    language: str | None
    description: str | None
    slug: str
    slug_given: bool
    slug_reason: str  # e.g. "from the folder name 'tides'"
    source_hash: str
    warnings: tuple[str, ...]
    pictures: Pictures = field(repr=False)
    origin: str = ""  # the resolved path it was read from; empty for a book given as text
    single: bool = False  # one file holding the whole book, cut into chapters at its headings
    title_line: int | None = None  # in a single file, the line of the `# Title` that names the book
    site_root: PurePosixPath = BOOK_ROOT  # where paths starting with `/` are found (see placement.py)
    public_root: PurePosixPath | None = None  # where else pictures at `/…` are (see placement.py)
    carried_out: frozenset[str] = frozenset()  # MyST directives the layout carried out (see placement.py)
    dialect: str = ""  # the site generator the Markdown is written for, where it matters (see placement.py)

    def parse(self, progress: Progress | None = None) -> BookDraft:
        """The book draft; pure (no I/O). `progress(done, total)` is told as chapters are built."""
        from app.ingest.book import build_book

        return build_book(self, progress)


def load_book(root: Path, slug: str | None = None, title: str | None = None) -> BookSource:
    """Read one book root (see find_books): a Markdown file, an mdBook, an mkdocs folder or a folder."""
    root = Path(root)
    if not root.exists():
        raise ImportProblem(str(root), "no such file or folder. Check the path and try again.")
    warnings: list[str] = []
    books = BookFolder(root if root.is_dir() else root.parent)
    try:
        layout = layout_of(books, root, warnings)
    except (RuntimeError, OSError) as error:
        # A folder a site's config names whose symbolic links loop (Python 3.11 raises RuntimeError,
        # later ones OSError), or one the system will not open: the book's order cannot be read.
        raise ImportProblem(
            str(root),
            f"a path its site settings name could not be read ({error}). Replace a symbolic link that "
            "loops with what it stands for, or fix the path, then import again.",
        ) from None
    site_root = PurePosixPath(books.name(layout.site_root)) if layout.site_root is not None else BOOK_ROOT
    # A lone file's wiki links name only its neighbours: its folder may be anyone's home folder.
    graph = layout.graph
    obsidian = in_vault(root)
    wiki = WikiLinks(
        lambda: VaultNames.of_folder(
            books,
            books.root,
            recursive=root.is_dir(),
            pages=graph.names() if graph else None,
            aliases=obsidian,
        ),
        vault=obsidian or graph is not None or layout.dialect == "github-wiki",
        bare_pictures=layout.dialect == "github-wiki",
    )
    files: list[ChapterFile] = []
    bibliography = Bibliography(books, (books.root, layout.site_root))  # read once a page cites
    for position, placed in enumerate(layout.files):
        parent = position + 1 < len(layout.files) and layout.files[position + 1].depth > placed.depth
        chapter = _read_chapter(
            books,
            placed,
            layout,
            parent=parent,
            site_root=site_root,
            wiki=wiki,
            warnings=warnings,
            bibliography=bibliography,
        )
        if chapter is not None:
            files.append(chapter)
    if (missing := wiki.summary(str(root))) is not None:
        warnings.append(missing)
    warnings += graph.summary(str(root)) if graph else []
    files = bookdown_chapters(files, warnings) if layout.dialect == "bookdown" else files
    if not files:
        raise ImportProblem(str(root), "has no Markdown file with text to read. Write some Markdown in it.")

    def read_picture(path: PurePosixPath) -> bytes:
        try:
            return books.read_bytes(books.root / path, limit=MAX_PICTURE_BYTES)
        except TooBig as problem:
            raise PictureUnavailable(
                f"is {math.ceil(problem.size / 1024):,} KB, over the {MAX_PICTURE_BYTES // 1024} KB limit for a "
                "picture; save a smaller one (1,200 pixels wide is plenty)"
            ) from None
        except Unreadable as problem:
            raise PictureUnavailable(
                str(problem).replace("does not exist; create it", "was not found; add the file")
            ) from None

    public = _inside(books, layout.public)
    wanted = (found for file in files for found in candidates(file.name, file.source.text, site_root, public))
    pictures = Pictures.preload(wanted, read_picture)
    for path, value in pictures.found.items():
        if isinstance(value, PictureUnavailable):
            books.note(f"{path} unavailable")
    return _assemble(
        files,
        config=layout.metadata,
        name=root.stem if not root.is_dir() else root.name,
        is_file=not root.is_dir(),
        slug=slug,
        title=title,
        digest=books.digest,
        pictures=pictures,
        warnings=warnings,
        origin=str(root.resolve()),
        site_root=site_root,
        public_root=public,
        carried_out=layout.carried_out,
        dialect=layout.dialect,
        where_from=root.absolute(),
    )


def source_from_texts(
    sources: Sequence[SourceFile],
    *,
    slug: str,
    metadata: Mapping[str, str] | None = None,
    titles: Sequence[str] | None = None,
    pictures: ReadPicture | None = None,
) -> BookSource:
    """A book given as text rather than files (tests, tools): the same rules, no disk."""
    warnings: list[str] = []
    names = [PurePosixPath(source.path.replace("\\", "/")) for source in sources]
    wiki = WikiLinks(lambda: VaultNames((name, name) for name in names), vault=False)
    files = []
    for index, source in enumerate(sources):
        front, body = split_front_matter(source.path, source.text)
        name = PurePosixPath(source.path.replace("\\", "/"))
        body = mystsubs.expand_page(body, source.text, {}, file=source.path, warn=warnings.append)
        body = includes.expand(body, file=name, read=_no_files, warn=warnings.append)
        body = docfxincludes.expand(body, file=name, read=_no_files, warn=warnings.append)
        body = docfx_marks(body, file=name, warn=warnings.append)
        body = knitchildren.expand(body, file=name, read=_no_files, warn=warnings.append)
        body = embeds.expand(body, file=name, read=_no_files, warn=warnings.append)
        body = mystincludes.expand(body, file=name, site_root=BOOK_ROOT, read=_no_files, warn=warnings.append)
        body = snippets.expand(body, file=name, root=lambda: BOOK_ROOT, read=_no_files, warn=warnings.append)
        body = wiki.expand(body, file=name, read=_no_files, warn=warnings.append)
        if is_mdx(name):
            body = mdxincludes.expand(
                body, file=name, site_root=BOOK_ROOT, read=_no_files, warn=warnings.append
            )
            body = without_code(without_dark_pictures(body))
        title = titles[index] if titles is not None else None
        files.append(ChapterFile(SourceFile(source.path, body), name, front, title))
    if (missing := wiki.summary(slug)) is not None:
        warnings.append(missing)
    wanted = [found for file in files for found in candidates(file.name, file.source.text, BOOK_ROOT)]
    table = Pictures.preload(wanted, pictures or _no_pictures)
    digest = hashlib.sha256()
    for source in sources:
        digest.update(b"\0" + source.text.encode())
    for path, data in table.digest_items():
        digest.update(b"\1" + path.encode() + b"\0" + hashlib.sha256(data).digest())
    digest.update(repr((sorted((metadata or {}).items()), list(titles or []))).encode())
    return _assemble(
        files,
        config=dict(metadata or {}),
        name=slug,
        is_file=len(files) == 1 and titles is None,
        slug=None,
        default_slug=slug,
        title=None,
        digest=digest.hexdigest(),
        pictures=table,
        warnings=warnings,
        origin="",
    )


def _no_files(path: PurePosixPath) -> str:
    raise Unreadable("cannot be read: this book was given as text, not files")


def _no_pictures(path: PurePosixPath) -> bytes:
    raise PictureUnavailable("cannot be read: this book was given as text, not files")


def _inside(books: BookFolder, folder: Path | None) -> PurePosixPath | None:
    """The folder as the book names it, if it is a folder inside the book; one outside is never read."""
    if folder is None or not folder.is_dir():
        return None
    try:
        return PurePosixPath(books.name(folder))
    except ValueError:
        return None


def _read_chapter(
    books: BookFolder,
    placed: Placed,
    layout: Layout,
    *,
    parent: bool,
    site_root: PurePosixPath,
    wiki: WikiLinks,
    warnings: list[str],
    bibliography: Bibliography,
) -> ChapterFile | None:
    """The file, ready to parse; None (with a warning) when it is left out. `parent`: sub-chapters
    follow it in the contents, so a page of its own is kept for it even when it has no text
    (build_book lists them there)."""
    required, graph, dialect = layout.strict, layout.graph, layout.dialect
    path = placed.path
    if placed.role == "heading":
        return _heading_only(books, placed)
    try:
        text = books.read_text(path)
    except Unreadable as problem:
        message = str(problem)
        if required:
            raise ImportProblem(str(path), f"{message}.") from None
        warnings.append(f"{path}: {message}. It was left out.")
        return None
    if is_notebook(path.name) and text.strip():
        try:
            text = notebook_markdown(str(path), text)
        except ImportProblem as problem:
            if required:
                raise
            warnings.append(f"{problem} It was left out.")
            return None
    if not text.strip() and parent and placed.title:
        return _heading_only(books, placed)
    if not text.strip():
        if required:
            raise ImportProblem(str(path), "the file is empty. Write some Markdown in it, or leave it out.")
        warnings.append(f"{path}: the file is empty, so it was left out.")
        return None
    try:
        front, body = split_front_matter(str(path), text)
    except ImportProblem as problem:
        if required:
            raise
        # One page's broken front matter should cost the reader neither the book nor that page's text.
        warnings.append(f"{problem} Until then the page is read without it.")
        front, body = {}, without_front_matter(text)
    if not required and placed.role == "chapter" and is_draft(front):
        # A page its site does not publish yet; a file imported on its own is read all the same.
        warnings.append(
            f"{path}: its front matter says `draft: true`, so it was left out, as its site leaves it out."
        )
        return None
    name = PurePosixPath(books.name(path))
    body = mystsubs.expand_page(body, text, layout.substitutions, file=str(path), warn=warnings.append)
    body = citations.expand(body, bibliography, file=str(path), warn=warnings.append)
    body = number_equations(body)  # `{eq}`label`` reads "(2)", as Sphinx numbers it (mysteqs.py)

    def read(target: PurePosixPath) -> str:
        text = books.read_text(books.root / target)
        if graph is not None:  # a page embedded in another reads as Logseq shows it there
            return logseq_markdown(text, file=target, graph=graph, warn=warnings.append, whole_page=False)
        return text

    body = logseq_markdown(body, file=name, graph=graph, warn=warnings.append) if graph else body
    body = leanpub_text(body) if dialect == "leanpub" else body
    body = notion_text(body, row=is_row(path)) if dialect == "notion" else body
    if layout.mkdocs_macros is not None:
        body = mkdocsmacros.expand(
            body, file=name, macros=layout.mkdocs_macros, read=read, warn=warnings.append
        )
    if layout.snippets is not None:
        body = mkdocssnippets.expand(
            body, file=name, snippets=layout.snippets, read=read, warn=warnings.append
        )
    if layout.mkdocs_includes is not None:
        body = mkdocsincludes.expand(
            body, file=name, includes=layout.mkdocs_includes, read=read, warn=warnings.append
        )
    if dialect == "mkdocs":
        body = autoref_links(api_names(body, file=name, warn=warnings.append))
        body = mkdocsfences.code_blocks(body, file=name, warn=warnings.append)
    if layout.writerside is not None:
        body = writerside_text(body, file=name, project=layout.writerside, read=read, warn=warnings.append)
    body = includes.expand(body, file=name, read=read, warn=warnings.append)
    body = generator_text(  # Jekyll's, Zola's and Hugo's syntax (generatortext.py)
        body,
        file=name,
        layout=layout,
        book_root=books.root,
        site_root=site_root,
        read=read,
        warn=warnings.append,
    )
    if dialect == "retype":
        body = retypeincludes.expand(body, file=name, site_root=site_root, read=read, warn=warnings.append)
    body = docfxincludes.expand(body, file=name, read=read, warn=warnings.append, site_root=site_root)
    body = docfx_marks(body, file=name, warn=warnings.append)
    body = in_book_xrefs(body, file=name, uids=layout.uids) if layout.uids else body
    body = knitchildren.expand(body, file=name, read=read, warn=warnings.append)
    body = embeds.expand(body, file=name, read=read, warn=warnings.append)
    body = mystincludes.expand(body, file=name, site_root=site_root, read=read, warn=warnings.append)

    def root() -> PurePosixPath:
        found = snippets.source_root(books.root, name)
        books.note(f"VitePress source folder: {found}")  # a `.vitepress/` added later changes the book
        return found

    body = snippets.expand(body, file=name, root=root, read=read, warn=warnings.append)
    body = wiki.expand(body, file=name, read=read, warn=warnings.append)
    if reads_as_mdx(name, dialect):
        body = linked_entries(body)  # `<Showcase entries={[{href, title}]} />`: its links (jsxlists.py)
        body = mermaid_charts(body)  # `<Mermaid chart="…" />`: the chart's source (jsxembeds.py)
        body = html_lines_apart(body)  # `<details>` lines end there, Markdown under them (mdxhtml.py)
        body = fumadocsincludes.expand(body, file=name, read=read, warn=warnings.append)
        body = mdxincludes.expand(body, file=name, site_root=site_root, read=read, warn=warnings.append)
        body = without_code(without_dark_pictures(body))
    return ChapterFile(
        SourceFile(str(path), body),
        name,
        front,
        placed.title,
        placed.depth,
        placed.label,
        placed.part,
        placed.role,
    )


def _heading_only(books: BookFolder, placed: Placed) -> ChapterFile:
    """A contents entry with no text of its own: only its title, over its sub-chapters."""
    return ChapterFile(
        SourceFile(str(placed.path), ""),
        PurePosixPath(books.name(placed.path)),
        {},
        placed.title,
        placed.depth,
        placed.label,
        placed.part,
    )


def _assemble(
    files: list[ChapterFile],
    *,
    digest: str,
    pictures: Pictures,
    warnings: list[str],
    origin: str,
    site_root: PurePosixPath = BOOK_ROOT,
    public_root: PurePosixPath | None = None,
    carried_out: frozenset[str] = frozenset(),
    dialect: str = "",
    **naming: Any,
) -> BookSource:
    named = name_book(files, warnings=warnings, **naming)
    # The caller's slug and title are part of what the book was made from.
    overrides = f"{INGEST_VERSION}\0{naming.get('slug') or ''}\0{naming.get('title') or ''}"
    return BookSource(
        files=tuple(files),
        title=named.title,
        author=named.author,
        language=named.language,
        description=named.description,
        slug=named.slug,
        slug_given=named.slug_given,
        slug_reason=named.slug_reason,
        source_hash=hashlib.sha256((overrides + "\0" + digest).encode()).hexdigest(),
        warnings=tuple(warnings),
        pictures=pictures,
        origin=origin,
        single=named.single,
        title_line=named.title_line,
        site_root=site_root,
        public_root=public_root,
        carried_out=carried_out,
        dialect=dialect,
    )
