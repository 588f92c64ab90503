"""layout_of(): which tool made a book's folder, and the book's files in the order that tool reads them.

Each generator keeps its table of contents its own way (an mdBook's SUMMARY.md, mkdocs' `nav`,
a Jupyter Book's `_toc.yml`, a Leanpub manuscript's Book.txt, a Notion export's page folders…),
and each has a module that knows it: `*_of(folder)` says cheaply whether a folder is one,
`read_*` reads it into a Layout. A folder none of them claims is read as a plain folder
(folders.py). The order below is the order they are asked in: the first that claims a folder wins.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from app.errors import ImportProblem
from app.ingest.bookdown import bookdown_of, read_bookdown
from app.ingest.ditto import ditto_of
from app.ingest.dittosidebar import read_ditto
from app.ingest.docfx import docfx_of, read_docfx
from app.ingest.docsify import docsify_of
from app.ingest.docusaurus import docusaurus_of, read_docusaurus
from app.ingest.files import BookFolder
from app.ingest.folders import folder_files, is_markdown
from app.ingest.fumadocs import fumadocs_of, read_fumadocs
from app.ingest.githubwiki import read_wiki, wiki_of
from app.ingest.hugo import hugo_config, read_hugo, site_content
from app.ingest.jekyll import jekyll_of, read_jekyll
from app.ingest.jupyterbook import read_jupyter_book, toc_of
from app.ingest.leanpub import leanpub_of, read_leanpub
from app.ingest.literatenav import literate_nav, nav_file_of
from app.ingest.logseq import logseq_of, read_logseq
from app.ingest.mdbook import read_mdbook, summary_of
from app.ingest.mintlify import mintlify_of, read_mintlify
from app.ingest.mkdocs import config_of, docs_folder, metadata_of, nav_files, read_config
from app.ingest.mkdocsincludes import includes_of
from app.ingest.mkdocsmacros import macros_of
from app.ingest.mkdocssnippets import snippets_of
from app.ingest.nextra import nextra_of, read_nextra
from app.ingest.notion import is_page_name, notion_of, read_notion
from app.ingest.obsidian import obsidian_of, read_obsidian
from app.ingest.placement import Layout, Placed
from app.ingest.quarto import quarto_of, read_quarto
from app.ingest.retype import retype_of
from app.ingest.retypesidebar import read_retype
from app.ingest.rspress import read_rspress, rspress_of
from app.ingest.sidebar import read_docsify
from app.ingest.sphinx import read_sphinx, sphinx_of
from app.ingest.starlight import read_starlight, starlight_of
from app.ingest.vitepress import read_vitepress, vitepress_of
from app.ingest.vuepress import read_vuepress, vuepress_of
from app.ingest.writerside import read_writerside, writerside_of


def layout_of(books: BookFolder, root: Path, warnings: list[str]) -> Layout:
    """The book at `root` (a file, or a folder of one of the kinds above), its files in reading order."""
    if not root.is_dir():
        if not is_markdown(root):
            raise ImportProblem(
                str(root),
                "not a Markdown file: Chapterwise imports .md, .markdown, .mdx, .qmd and .Rmd files, Jupyter notebooks "
                "(.ipynb), and folders of them.",
            )
        # A page exported from Notion on its own is still written as Notion writes it.
        return Layout([Placed(root)], {}, strict=True, dialect="notion" if is_page_name(root.stem) else "")
    # Before SUMMARY.md: a GitBook grown into a Retype site keeps its SUMMARY order, but its name is retype.yml's.
    if (retype := retype_of(root)) is not None:
        return read_retype(books, retype, warnings)
    # Before SUMMARY.md too: a ditto site's sidebar is what it shows, a SUMMARY beside it an old build's.
    if (ditto := ditto_of(root)) is not None:
        return read_ditto(books, ditto, warnings)
    summary = summary_of(root)
    if summary is not None:
        return read_mdbook(books, summary, warnings)
    config_path = config_of(root)
    if config_path is not None:
        config = read_config(books, config_path)
        docs = docs_folder(root, config)
        # mkdocs-literate-nav's SUMMARY.md, when the site has one, stands for its nav (see literatenav.py).
        literate = nav_file_of(config, docs)
        nav = literate_nav(books, literate, docs, warnings) if literate else config.get("nav")
        placed = nav_files(docs, nav, warnings, str(literate or config_path)) if nav else []
        if not placed and docs.is_dir():
            placed = folder_files(books, docs, warnings)

        def read(path: PurePosixPath) -> str:
            return books.read_text(books.root / path)

        snippets = snippets_of(config, read=read, warn=warnings, where=str(config_path))
        included = includes_of(config, warn=warnings, where=str(config_path))
        try:
            macros = macros_of(config, PurePosixPath(books.name(docs)))
        except ValueError:  # a docs folder outside the book: nothing of it is read
            macros = None
        return Layout(
            placed,
            metadata_of(config),
            site_root=docs,
            dialect="mkdocs",
            snippets=snippets,
            mkdocs_includes=included,
            mkdocs_macros=macros,
        )
    toc = toc_of(root)
    if toc is not None:
        return read_jupyter_book(books, toc, warnings)
    quarto = quarto_of(root)
    if quarto is not None:
        return read_quarto(books, quarto, warnings)
    if (bookdown := bookdown_of(root)) is not None:
        return read_bookdown(books, bookdown, warnings)
    if (sphinx := sphinx_of(root)) is not None:
        return read_sphinx(books, sphinx, warnings)
    if docsify_of(root) is not None:
        return read_docsify(books, root, warnings)
    if (docusaurus := docusaurus_of(root)) is not None:
        return read_docusaurus(books, docusaurus, warnings)
    if (nextra := nextra_of(root)) is not None:
        return read_nextra(books, nextra, root, lambda docs: folder_files(books, docs, warnings))
    if (fumadocs := fumadocs_of(root)) is not None:
        return read_fumadocs(books, fumadocs, warnings, lambda docs: folder_files(books, docs, warnings))
    if (rspress := rspress_of(root)) is not None:
        return read_rspress(books, rspress, warnings)
    if (starlight := starlight_of(root)) is not None:
        return read_starlight(books, starlight, warnings)
    if (mintlify := mintlify_of(root)) is not None:
        return read_mintlify(books, mintlify, warnings)
    if (docfx := docfx_of(root)) is not None:
        return read_docfx(books, docfx, warnings)
    if (writerside := writerside_of(root)) is not None:
        return read_writerside(books, writerside, warnings)
    if (vitepress := vitepress_of(root)) is not None:
        return read_vitepress(books, vitepress, warnings, lambda docs: folder_files(books, docs, warnings))
    if (vuepress := vuepress_of(root)) is not None:
        return read_vuepress(books, vuepress, warnings, lambda docs: folder_files(books, docs, warnings))
    if (graph := logseq_of(root)) is not None:
        return read_logseq(books, graph, warnings)
    if (vault := obsidian_of(root)) is not None:
        return read_obsidian(books, vault, warnings)
    if (wiki := wiki_of(root)) is not None:
        return read_wiki(books, wiki, folder_files(books, wiki, warnings), warnings)
    if (manuscript := leanpub_of(root)) is not None:
        return read_leanpub(books, manuscript, root, warnings)
    if notion_of(root) is not None:
        return read_notion(books, root, warnings)
    if (jekyll := jekyll_of(root)) is not None:
        files = folder_files(books, jekyll.parent, warnings)
        return read_jekyll(
            books, jekyll, files, lambda folder: folder_files(books, folder, warnings), warnings
        )
    if (site := site_content(root)) is not None:  # a Hugo or Zola site imported whole: its content/
        content, settings = site
        metadata = read_hugo(books, settings, content, warnings.append)
        return Layout(folder_files(books, content, warnings), metadata, site_root=content)
    hugo = hugo_config(root)
    metadata = read_hugo(books, hugo, root, warnings.append) if hugo else {}
    # VitePress serves its `public/` folder at the site's root: `/logo.png` is public/logo.png.
    public = root / "public" if (root / ".vitepress").is_dir() else None
    return Layout(folder_files(books, root, warnings), metadata, public=public)
