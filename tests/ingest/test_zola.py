"""Zola's `@/` internal links, and its pages named like a table of contents."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from app.ingest import read_book
from app.ingest.zola import titled, zola_links
from tests.ingest.helpers import write


def test_links_are_paths_from_the_page_whichever_folder_of_content_is_imported(tmp_path: Path) -> None:
    book = tmp_path / "site" / "content" / "docs"
    book.mkdir(parents=True)
    text = "[a](@/docs/tides/moon.md#spring) and\n[b]: @/docs/boats.md\n"
    assert zola_links(text, file=PurePosixPath("sails/rig.md"), root=book) == (
        "[a](../tides/moon.md#spring) and\n[b]: ../boats.md\n"
    )
    whole = tmp_path / "site" / "content"
    assert zola_links("[a](@/docs/x.md)", file=PurePosixPath("top.md"), root=whole) == "[a](docs/x.md)"


def test_links_out_of_the_imported_folder_or_climbing_out_stay_as_written(tmp_path: Path) -> None:
    book = tmp_path / "content" / "docs"
    book.mkdir(parents=True)
    for text in ("[a](@/blog/post.md)", "[a](@/docs/../../secret.md)"):
        assert zola_links(text, file=PurePosixPath("x.md"), root=book) == text
    # No folder above is a Zola site's content/: nothing is guessed.
    loose = tmp_path / "notes"
    loose.mkdir()
    assert zola_links("[a](@/x.md)", file=PurePosixPath("y.md"), root=loose) == "[a](@/x.md)"


def test_code_keeps_its_links_as_written(tmp_path: Path) -> None:
    book = tmp_path / "content"
    book.mkdir()
    text = "```\n[a](@/x.md)\n```\nSee `[a](@/x.md)` or [a](@/x.md)."
    assert zola_links(text, file=PurePosixPath("y.md"), root=book) == (
        "```\n[a](@/x.md)\n```\nSee `[a](@/x.md)` or [a](x.md)."
    )


def test_a_titled_page_named_table_of_contents_is_a_chapter(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write(content / "tides.md", '+++\ntitle = "Tides"\nweight = 1\n+++\n\nThe sea rises twice a day.\n')
    write(
        content / "table-of-contents.md",
        '+++\ntitle = "Contents"\nweight = 2\n+++\n\nHow pages list their headings.\n',
    )
    write(content / "toc.md", "- [Tides](tides.md)\n- [Contents](table-of-contents.md)\n")
    assert [chapter.title for chapter in read_book(content).chapters] == ["Tides", "Contents"]
    assert titled("---\ntitle: A\n---\n")
    assert not titled("title = 'A'\n")
    assert not titled("+++\ntitle = 'A'\n")


def test_a_zola_site_imported_whole_is_its_content_folder_and_its_links_land(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site / "zola.toml", 'base_url = "https://example.org"\ntitle = "Harbour"\n')
    write(site / "templates" / "page.html", "<html>{{ page.content }}</html>")
    write(site / "README.md", "# The site's repository\n\nHow to build it.\n")
    write(
        site / "content" / "tides.md", '+++\ntitle = "Tides"\nweight = 1\n+++\n\nSee [boats](@/boats.md).\n'
    )
    write(site / "content" / "boats.md", '+++\ntitle = "Boats"\nweight = 2\n+++\n\nOars and sails.\n')
    draft = read_book(site)
    assert draft.title == "Harbour"
    assert [chapter.title for chapter in draft.chapters] == ["Tides", "Boats"]
    assert 'data-chapter="2"' in draft.chapters[0].pages[0].html
