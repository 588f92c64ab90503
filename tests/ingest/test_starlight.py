"""Astro Starlight sites: what the golden book starlight-site cannot show on its own."""

from __future__ import annotations

from pathlib import Path

from app.ingest import find_books, load_book, read_book
from tests.ingest.helpers import problems, write

CONFIG = """import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
  integrations: [starlight({ %s })],
});
"""


def _page(project: Path, name: str, title: str, front: str = "") -> None:
    write(
        project / "src/content/docs" / name,
        f"---\ntitle: {title}\n{front}---\n\nA few words about {title.lower()}.\n",
    )


def _ferry(project: Path, options: str) -> None:
    write(project / "astro.config.mjs", CONFIG % options)
    _page(project, "boarding.md", "Boarding", "sidebar:\n  order: 2\n")
    _page(project, "fares.md", "Fares", "sidebar:\n  order: 1\n")
    _page(project, "404.md", "Nowhere")


def _titles(root: Path) -> list[str]:
    return [chapter.title for chapter in read_book(root).chapters]


def test_importing_the_docs_folder_reads_the_sidebar_from_the_project_three_folders_up(
    tmp_path: Path,
) -> None:
    project = tmp_path / "ferry"
    _ferry(project, "title: 'Ferry Guide', sidebar: ['boarding', { label: 'Prices', link: '/fares/' }]")
    docs = project / "src/content/docs"
    assert find_books(docs) == [docs]
    draft = read_book(docs)
    assert draft.title == "Ferry Guide"
    assert [chapter.title for chapter in draft.chapters] == ["Boarding", "Prices"]
    assert problems(draft) == []


def test_the_config_outside_the_docs_folder_is_read_alone_and_a_new_sidebar_imports_the_book_again(
    tmp_path: Path,
) -> None:
    project = tmp_path / "ferry"
    _ferry(
        project, "title: 'Ferry Guide', sidebar: ['boarding', { label: 'Secret', link: '/../../../notes/' }]"
    )
    write(project / "notes.md", "---\ntitle: Private notes\n---\n\nNot part of the site.\n")
    docs = project / "src/content/docs"
    before = load_book(docs)
    draft = before.parse()
    assert [chapter.title for chapter in draft.chapters] == ["Boarding"]
    assert "'/../../../notes/'" in " ".join(problems(draft))
    assert "Not part of the site" not in str(draft)
    write(project / "astro.config.mjs", CONFIG % "title: 'Ferry Guide', sidebar: ['fares', 'boarding']")
    after = load_book(docs)
    assert after.source_hash != before.source_hash
    assert [chapter.title for chapter in after.parse().chapters] == ["Fares", "Boarding"]


def test_a_config_over_the_size_limit_is_one_warning_and_every_page_in_starlights_order(
    tmp_path: Path,
) -> None:
    project = tmp_path / "ferry"
    _ferry(project, "title: 'Ferry Guide', sidebar: ['boarding', 'fares']")
    config = project / "astro.config.mjs"
    config.write_text(config.read_text() + "// padding\n" * 60_000)
    draft = read_book(project / "src/content/docs")
    assert [chapter.title for chapter in draft.chapters] == ["Fares", "Boarding"]
    [warning] = problems(draft)
    assert "over the 0.5 MB limit" in warning
    assert "every page was read" in warning


def test_a_sidebar_made_by_a_call_is_one_warning_and_every_page_in_starlights_order(tmp_path: Path) -> None:
    project = tmp_path / "ferry"
    _ferry(project, "title: 'Ferry Guide', sidebar: makeSidebar('ferry')")
    draft = read_book(project)
    assert draft.title == "Ferry Guide"
    assert [chapter.title for chapter in draft.chapters] == [
        "Fares",
        "Boarding",
    ]  # by sidebar.order, and no 404
    [warning] = problems(draft)
    assert "a call to `makeSidebar`" in warning
    assert "every page was read" in warning


def test_a_sidebar_kept_in_a_constant_of_the_config_is_read_as_written_there(tmp_path: Path) -> None:
    project = tmp_path / "ferry"
    _ferry(project, "title: 'Ferry Guide', sidebar")
    config = project / "astro.config.mjs"
    config.write_text(
        "const sidebar = [{ label: 'Tickets', items: ['fares', 'boarding'] }];\n" + config.read_text()
    )
    draft = read_book(project)
    assert [(chapter.part, chapter.title) for chapter in draft.chapters] == [
        ("Tickets", "Fares"),
        ("Tickets", "Boarding"),
    ]


def test_with_no_sidebar_every_page_is_listed_by_order_then_address_with_folders_as_parts(
    tmp_path: Path,
) -> None:
    project = tmp_path / "ferry"
    _ferry(project, "title: 'Ferry Guide'")
    _page(project, "routes/night.md", "Night crossing")
    _page(project, "routes/day.md", "Day crossing", "sidebar:\n  order: 5\n")
    _page(project, "cafe.md", "Cafe")
    _page(project, "lost-property.md", "Lost property", "sidebar:\n  hidden: true\n")
    draft = read_book(project)
    assert [(chapter.part, chapter.title) for chapter in draft.chapters] == [
        (None, "Fares"),
        (None, "Boarding"),
        ("Routes", "Day crossing"),
        ("Routes", "Night crossing"),
        (None, "Cafe"),
    ]


def test_a_site_whose_default_language_has_its_own_folder_reads_that_folder(tmp_path: Path) -> None:
    project = tmp_path / "ferry"
    options = (
        "title: 'Ferry Guide', defaultLocale: 'en', "
        "locales: { en: { label: 'English' }, de: { label: 'Deutsch' } }, sidebar: ['boarding', 'fares']"
    )
    write(project / "astro.config.mjs", CONFIG % options)
    _page(project, "en/fares.md", "Fares")
    _page(project, "en/boarding.md", "Boarding")
    _page(project, "de/boarding.md", "Einsteigen")
    draft = read_book(project)
    assert [chapter.title for chapter in draft.chapters] == ["Boarding", "Fares"]
    [warning] = problems(draft)
    assert warning.startswith("de/ holds translations")


def test_an_astro_project_without_starlight_is_read_as_a_plain_folder(tmp_path: Path) -> None:
    project = tmp_path / "ferry"
    _ferry(project, "title: 'Ferry Guide', sidebar: ['boarding']")
    config = project / "astro.config.mjs"
    config.write_text(config.read_text().replace("@astrojs/starlight", "./local-theme.mjs"))
    assert read_book(project / "src/content/docs").title != "Ferry Guide"
    assert "Nowhere" in _titles(project / "src/content/docs")
