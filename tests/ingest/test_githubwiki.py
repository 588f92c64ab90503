"""GitHub wikis: what the golden book github-wiki cannot show on its own."""

from __future__ import annotations

from pathlib import Path

from app.ingest import read_book
from tests.ingest.helpers import write


def test_a_clone_named_dot_wiki_is_a_wiki_even_without_a_sidebar(tmp_path: Path) -> None:
    wiki = tmp_path / "tide-clock.wiki"
    write(wiki / "Home.md", "Start at [[Wind Rules]].\n")
    write(wiki / "Wind-Rules.md", "Never wind against the tide.\n")
    draft = read_book(wiki)
    assert draft.title == "Tide clock"
    assert [c.title for c in draft.chapters] == ["Home", "Wind Rules"]
    assert 'data-chapter="2">Wind Rules</a>' in draft.chapters[0].pages[0].html


def test_a_folder_with_only_a_home_page_reads_as_a_folder_and_leaves_bare_picture_links_alone(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "notes"
    write(folder / "Home.md", "Start here: a page of notes about the harbour and its tides, kept by hand.\n")
    write(folder / "Wind-Rules.md", "Never wind against the tide. [[chart.png]]\n")
    (folder / "chart.png").write_bytes(
        (Path(__file__).parent / "golden/footnotes-and-pictures/channel.png").read_bytes()
    )
    draft = read_book(folder)
    assert "<img" not in "".join(page.html for chapter in draft.chapters for page in chapter.pages)
