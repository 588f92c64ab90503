"""VuePress sites: what the golden book vuepress-site (a v1 config) cannot show on its own."""

from __future__ import annotations

from pathlib import Path

from app.ingest import find_books, read_book
from tests.ingest.helpers import problems, write

V2_CONFIG = """import {{ defineUserConfig }} from 'vuepress'
import {{ defaultTheme }} from '@vuepress/theme-default'
import {{ viteBundler }} from '@vuepress/bundler-vite'

export default defineUserConfig({{
  bundler: viteBundler(),
  base: process.env.BASE || '/',
  title: 'Tide Tables Explained',
  theme: defaultTheme({{
    navbar: [{{ text: 'Home', link: '/' }}],
    {sidebar}
  }}),
}})
"""


def _page(docs: Path, name: str, title: str) -> None:
    write(docs / name, f"# {title}\n\nA few plain words about {title.lower()} for the reader.\n")


def _tide_pages(docs: Path) -> None:
    _page(docs, "basics/springs.md", "Spring tides")
    _page(docs, "basics/neaps.md", "Neap tides")
    _page(docs, "basics/README.md", "The basics")
    _page(docs, "ports/harbour.md", "Our harbour")
    _page(docs, "ports/estuary.md", "The estuary")


def test_a_v2_config_orders_the_book_by_its_themes_sidebar_of_text_children_and_link(tmp_path: Path) -> None:
    docs = tmp_path / "tides"
    sidebar = """sidebar: [
      { text: 'Start here', link: '/basics/' },
      {
        text: 'How tides work',
        children: ['/basics/springs.md', { text: 'Small tides', link: '/basics/neaps.html' }],
      },
      {
        text: 'Places',
        prefix: '/ports/',
        children: [{ text: 'Upriver', children: ['estuary'] }, 'harbour'],
      },
    ],"""
    write(docs / ".vuepress/config.ts", V2_CONFIG.format(sidebar=sidebar))
    _tide_pages(docs)
    draft = read_book(docs)
    assert draft.title == "Tide Tables Explained"
    assert [(c.part, c.depth, c.title) for c in draft.chapters] == [
        (None, 0, "Start here"),
        ("How tides work", 0, "Spring tides"),
        ("How tides work", 0, "Small tides"),
        ("Places", 0, "Upriver"),
        ("Places", 1, "The estuary"),
        ("Places", 0, "Our harbour"),
    ]
    assert problems(draft) == []


def test_a_sidebar_only_running_the_config_gives_is_one_warning_and_the_folder_in_its_own_order(
    tmp_path: Path,
) -> None:
    docs = tmp_path / "tides"
    write(docs / ".vuepress/config.js", V2_CONFIG.format(sidebar="sidebar: sidebarFrom('basics'),"))
    _tide_pages(docs)
    draft = read_book(docs)
    # Read as any folder: the basics' README, too short to say more than its title, is no chapter.
    assert [(c.part, c.title) for c in draft.chapters] == [
        ("The basics", "Neap tides"),
        ("The basics", "Spring tides"),
        ("Ports", "The estuary"),
        ("Ports", "Our harbour"),
    ]
    [warning] = problems(draft)
    assert "a call to `sidebarFrom` on line 11" in warning
    assert "read in its own order" in warning


def test_a_sidebar_required_from_a_file_beside_the_config_is_followed(tmp_path: Path) -> None:
    docs = tmp_path / "tides"
    write(
        docs / ".vuepress/config.js",
        "module.exports = { title: 'Tides', themeConfig: { sidebar: require('./sidebar') } }\n",
    )
    write(docs / ".vuepress/sidebar.js", "module.exports = ['/ports/harbour', '/basics/springs']\n")
    _tide_pages(docs)
    draft = read_book(docs)
    assert [c.title for c in draft.chapters] == ["Our harbour", "Spring tides"]
    [warning] = problems(draft)
    assert "does not name 3 pages" in warning


def test_a_sidebar_imported_by_name_is_followed_but_never_out_of_the_site_folder(tmp_path: Path) -> None:
    docs = tmp_path / "tides"
    config = "import {{ shared }} from '{source}'\nexport default {{ themeConfig: {{ sidebar: shared }} }}\n"
    write(docs / ".vuepress/config.js", config.format(source="./sidebars/index"))
    write(docs / ".vuepress/sidebars/index.ts", "export const shared: Sidebar = ['/ports/estuary']\n")
    write(tmp_path / "elsewhere.js", "export const shared = ['/ports/harbour']\n")
    _tide_pages(docs)
    assert [c.title for c in read_book(docs).chapters] == ["The estuary"]
    write(docs / ".vuepress/config.js", config.format(source="../../elsewhere"))
    draft = read_book(docs)
    assert "not a file in .vuepress/" in problems(draft)[0]
    assert len(draft.chapters) == 4


def test_a_repository_with_a_vuepress_site_in_docs_is_one_book_read_from_docs(tmp_path: Path) -> None:
    repo = tmp_path / "tide-notes"
    write(repo / "README.md", "# tide-notes\n\nThe repository's own README, about building the site.\n")
    write(repo / "docs/.vuepress/config.mjs", V2_CONFIG.format(sidebar="sidebar: ['/ports/harbour'],"))
    _page(repo / "docs", "ports/harbour.md", "Our harbour")
    assert find_books(repo) == [repo]
    draft = read_book(repo)
    assert [c.title for c in draft.chapters] == ["Our harbour"]
    assert draft.title == "Tide Tables Explained"


def test_a_picture_at_the_sites_root_is_found_in_its_public_folder_and_nowhere_else(tmp_path: Path) -> None:
    from tests.ingest.test_pictures import png

    docs = tmp_path / "tides"
    write(docs / ".vuepress" / "config.js", "module.exports = { title: 'Tides' }\n")
    (docs / ".vuepress" / "public" / "charts").mkdir(parents=True)
    (docs / ".vuepress" / "public" / "charts" / "neap.png").write_bytes(png())
    (docs / ".vuepress" / "public" / "basics").mkdir()
    (docs / ".vuepress" / "public" / "basics" / "spring.png").write_bytes(png())
    write(
        docs / "basics" / "springs.md",
        "# Spring tides\n\n![Neap chart](/charts/neap.png)\n\n![Spring chart](spring.png)\n",
    )
    write(docs / "basics" / "neaps.md", "# Neap tides\n\nA few plain words about neap tides.\n")
    draft = read_book(docs)
    html = "".join(page.html for chapter in draft.chapters for page in chapter.pages)
    assert html.count("<img ") == 1  # `/charts/neap.png`, which VuePress serves from .vuepress/public
    assert 'alt="Neap chart"' in html
    # A picture named relative to its page is looked for beside the page only, as VuePress does.
    assert problems(draft) == [
        "picture 'spring.png' was not found; add the file or fix the path. The reader shows its description instead."
    ]
