"""VitePress sites: what the golden book vitepress-site (a config folder, locales spread in) cannot show."""

from __future__ import annotations

import os
from pathlib import Path

from app.ingest import read_book
from app.ingest.vitepress import vitepress_of
from tests.ingest.helpers import problems, write

CONFIG = """import {{ defineConfig }} from 'vitepress'

export default defineConfig({{
  title: 'Tide Tables',
  themeConfig: {{
    {sidebar}
  }},
}})
"""


def _pages(docs: Path) -> None:
    for name, title in (("springs", "Spring tides"), ("neaps", "Neap tides"), ("harbour", "Our harbour")):
        write(docs / f"{name}.md", f"# {title}\n\nA few plain words about {title.lower()} for the reader.\n")


def test_a_single_config_file_orders_the_book_by_its_sidebar_items(tmp_path: Path) -> None:
    docs = tmp_path / "site" / "docs"
    sidebar = """sidebar: [
      { text: 'Tides', items: [{ text: 'Big ones', link: '/springs' }, { link: '/neaps.md' }] },
      { text: `Harbour at ${new Date().getFullYear()}`, link: '/harbour' },
    ],"""
    write(docs / ".vitepress/config.mts", CONFIG.format(sidebar=sidebar))
    _pages(docs)
    draft = read_book(tmp_path / "site")
    assert draft.title == "Tide Tables"
    # A computed label is no label: the page keeps its own heading, and the rest still reads.
    assert [(c.part, c.title) for c in draft.chapters] == [
        ("Tides", "Big ones"),
        ("Tides", "Neap tides"),
        (None, "Our harbour"),
    ]
    assert problems(draft) == []


def test_a_sidebar_only_running_the_config_gives_leaves_the_folder_order_with_a_warning(
    tmp_path: Path,
) -> None:
    docs = tmp_path / "tides"
    write(docs / ".vitepress/config.ts", CONFIG.format(sidebar="sidebar: makeSidebar('tides'),"))
    _pages(docs)
    draft = read_book(docs)
    assert sorted(c.title for c in draft.chapters) == ["Neap tides", "Our harbour", "Spring tides"]
    assert any("the sidebar could not be read" in p and "makeSidebar" in p for p in problems(draft))


def test_a_root_locale_spread_from_outside_the_site_folder_is_not_read(tmp_path: Path) -> None:
    docs = tmp_path / "tides"
    write(
        docs / ".vitepress/config/index.ts",
        "import { enConfig } from '../../../elsewhere'\n"
        "export default defineConfig({ title: 'Tide Tables', locales: { root: { ...enConfig } } })\n",
    )
    # A file beside the book that would name a page if it were read.
    write(tmp_path / "elsewhere.ts", "export const enConfig = { themeConfig: { sidebar: ['/harbour'] } }\n")
    _pages(docs)
    draft = read_book(docs)
    assert len(draft.chapters) == 3  # the folder's order: the outside sidebar (one page) was not followed
    assert problems(draft) == []


def test_a_config_that_is_a_symlink_is_not_a_vitepress_config(tmp_path: Path) -> None:
    outside = write(tmp_path / "outside.ts", CONFIG.format(sidebar="sidebar: ['/harbour'],"))
    docs = tmp_path / "tides"
    (docs / ".vitepress").mkdir(parents=True)
    os.symlink(outside, docs / ".vitepress/config.ts")
    assert vitepress_of(docs) is None


def test_locales_spread_in_are_still_known_as_translations(tmp_path: Path) -> None:
    docs = tmp_path / "tides"
    write(
        docs / ".vitepress/config.ts",
        "import { zh } from './zh'\nexport default defineConfig({\n  locales: {\n"
        "    root: { label: 'English', lang: 'en' },\n    'zh': { label: '中文', ...zh },\n  },\n"
        "  themeConfig: { sidebar: ['/springs', '/neaps', '/harbour'] },\n})\n",
    )
    _pages(docs)
    write(docs / "zh/springs.md", "# 大潮\n\n关于大潮的几句话。\n")
    draft = read_book(docs)
    assert [c.title for c in draft.chapters] == ["Spring tides", "Neap tides", "Our harbour"]
    left_out = "zh/ hold translations of this book, which were left out; import one of them on its own"
    assert problems(draft) == [f"{left_out} to read the book in that language."]


def test_the_root_sidebar_comes_before_the_others_and_a_group_base_is_from_the_site_root(
    tmp_path: Path,
) -> None:
    docs = tmp_path / "tides"
    sidebar = """nav: [{ text: 'Reference', link: '/ref/' }],
    sidebar: {
      '/ref/': [{ text: 'Tables', base: '/ref/tables/', items: [{ text: 'May', link: 'may' }] }],
      '/': ['/springs'],
    },"""
    write(docs / ".vitepress/config.js", CONFIG.format(sidebar=sidebar))
    _pages(docs)
    write(docs / "ref/tables/may.md", "# May\n\nHigh water at six, low water at noon, most days.\n")
    draft = read_book(docs)
    assert [(c.part, c.title) for c in draft.chapters][:2] == [
        (None, "Spring tides"),
        ("Reference", "Tables"),
    ]
    assert ("Reference", "May") in [(c.part, c.title) for c in draft.chapters]


def test_src_dir_holds_the_pages_and_a_shorthand_sidebar_is_followed(tmp_path: Path) -> None:
    write(
        tmp_path / ".vitepress/config.ts",
        "export const sidebar = { '/tides/': [{ text: 'Tides', items: [{ link: '/tides/neaps' }, "
        "{ link: '/tides/springs' }] }] }\n"
        "export default defineConfig({ title: 'Tide Tables', srcDir: 'src', themeConfig: { sidebar, } })\n",
    )
    _pages(tmp_path / "src/tides")
    write(tmp_path / "README.md", "# tide-docs\n\nThe repository's own readme, not a page of the site.\n")
    draft = read_book(tmp_path)
    assert [c.title for c in draft.chapters] == ["Neap tides", "Spring tides"]


def test_a_src_dir_outside_the_book_is_a_warning(tmp_path: Path) -> None:
    book = tmp_path / "book"
    write(
        book / ".vitepress/config.ts",
        CONFIG.format(sidebar="sidebar: ['/springs'],").replace(
            "title: 'Tide Tables',", "title: 'Tide Tables', srcDir: '../elsewhere',"
        ),
    )
    _pages(book)
    draft = read_book(book)
    assert [c.title for c in draft.chapters] == ["Spring tides"]
    assert "its srcDir '../elsewhere' is not a folder inside the imported one" in problems(draft)[0]
