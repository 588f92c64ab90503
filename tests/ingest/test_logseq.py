"""Logseq graphs: what the golden book logseq-graph cannot show on its own."""

from __future__ import annotations

from pathlib import Path

from app.ingest import find_books, read_book
from app.ingest.draft import BookDraft
from tests.ingest.helpers import markdown_of, problems, write

CONFIG = '{:meta/version 1\n :default-home {:page "Start"}}\n'


def graph(tmp_path: Path, pages: dict[str, str], config: str = CONFIG) -> Path:
    root = tmp_path / "graph"
    write(root / "logseq" / "config.edn", config)
    for name, text in pages.items():
        write(root / name, text)
    return root


def link_to(draft: BookDraft, words: str, title: str) -> str:
    """How the model's Markdown writes a link with these words to the chapter with this title."""
    number = next(n for n, c in enumerate(draft.chapters, 1) if c.title == title)
    return f"[{words}](chapter:{number})"


def chapter_text(draft: BookDraft, title: str) -> str:
    chapter = next(c for c in draft.chapters if c.title == title)
    return "\n\n".join(page.markdown for page in chapter.pages)


def test_a_graph_with_pages_and_journals_is_one_book_not_a_series(tmp_path: Path) -> None:
    root = graph(
        tmp_path,
        {"pages/Start.md": "- Where it begins.\n", "journals/2024_01_02.md": "- A cold morning.\n"},
    )
    assert find_books(root) == [root]
    draft = read_book(root)
    assert [(c.title, c.part) for c in draft.chapters] == [("Start", "Pages"), ("2 January 2024", "Journals")]


def test_references_to_unknown_blocks_are_left_out_with_one_warning_for_the_book(tmp_path: Path) -> None:
    root = graph(
        tmp_path,
        {
            "pages/Start.md": "- Before ((11111111-2222-4333-8444-555555555555)) after.\n",
            "pages/Other.md": "- Again ((11111111-2222-4333-8444-666666666666)).\n",
        },
    )
    draft = read_book(root)
    assert "((" not in markdown_of(draft)
    assert "Before after." in " ".join(chapter_text(draft, "Start").split())
    said = [warning for warning in problems(draft) if "block reference" in warning]
    assert len(said) == 1
    assert said[0].startswith("2 block references name blocks")


def test_a_block_that_embeds_itself_shows_once_with_a_warning(tmp_path: Path) -> None:
    uuid = "abcdef01-2345-4678-9abc-def012345678"
    root = graph(
        tmp_path,
        {
            "pages/Start.md": f"- Round and round\n  id:: {uuid}\n\t- {{{{embed (({uuid}))}}}}\n",
        },
    )
    draft = read_book(root)
    text = chapter_text(draft, "Start")
    assert "{{" not in text
    assert "Round and round" in text
    assert any("embeds the block" in warning for warning in problems(draft))


def test_two_pages_that_embed_each_other_stop_with_a_warning(tmp_path: Path) -> None:
    root = graph(
        tmp_path,
        {
            "pages/Start.md": "- Ebb\n- {{embed [[Flow]]}}\n",
            "pages/Flow.md": "- Flow\n- {{embed [[Start]]}}\n",
        },
    )
    draft = read_book(root)
    assert "Ebb" in chapter_text(draft, "Flow")
    assert "Flow" in chapter_text(draft, "Start")
    assert "{{" not in markdown_of(draft)
    assert any("embeds the note that embeds it" in warning for warning in problems(draft))


def test_a_name_never_resolves_to_a_page_outside_the_graph(tmp_path: Path) -> None:
    write(tmp_path / "Secret.md", "- Not part of the graph.\n")
    write(tmp_path / "pages" / "Secret.md", "- Nor this.\n")
    root = graph(tmp_path, {"pages/Start.md": "- See [[Secret]], [[../Secret]] and #Secret.\n"})
    text = chapter_text(read_book(root), "Start")
    assert "](" not in text
    assert "See Secret, ../Secret and Secret." in text


def test_config_edn_is_only_scanned_and_its_comments_are_not_read(tmp_path: Path) -> None:
    config = (
        '{;; :default-home {:page "Wrong"}\n'
        ' :macros {"run" #=(java.lang.Runtime/exec "touch ran")}\n'
        ' :default-home {:page "Start"}\n'
        ' :journal/file-name-format "yyyy-MM-dd"}\n'
    )
    root = graph(
        tmp_path,
        {
            "pages/Alpha.md": "- First by name.\n",
            "pages/Wrong.md": "- Named only in a comment.\n",
            "pages/Start.md": "- The home page.\n",
            "journals/2023-12-31.md": "- The last day.\n",
        },
        config,
    )
    draft = read_book(root)
    assert [c.title for c in draft.chapters] == ["Start", "Alpha", "Wrong", "31 December 2023"]
    assert not (root / "ran").exists()
    assert not Path("ran").exists()


def test_a_namespaced_page_is_found_by_its_name_whatever_its_case_or_file_spelling(tmp_path: Path) -> None:
    root = graph(
        tmp_path,
        {
            "pages/Start.md": "- [[sea/TIDES]] and [[Sea/Currents]] and [[Moon]].\n",
            "pages/Sea___Tides.md": "- Twice a day.\n",
            "pages/sea%2Fcurrents.md": "- Always moving.\n",
            "pages/Satellite.md": "alias:: Moon, [[Luna]]\n\n- It pulls.\n",
        },
    )
    draft = read_book(root)
    text = chapter_text(draft, "Start")
    assert link_to(draft, "sea/TIDES", "Sea/Tides") in text
    assert link_to(draft, "Sea/Currents", "sea/currents") in text
    assert link_to(draft, "Moon", "Satellite") in text
    assert {c.title for c in draft.chapters} >= {"Sea/Tides", "sea/currents", "Satellite"}


def test_a_wiki_link_after_a_code_block_opened_in_a_list_item_is_still_read(tmp_path: Path) -> None:
    root = graph(
        tmp_path,
        {
            "pages/Start.md": "- ```python\n  x = 1\n  ```\n- See [[Other]].\n",
            "pages/Other.md": "- Here.\n",
        },
    )
    draft = read_book(root)
    assert link_to(draft, "Other", "Other") in chapter_text(draft, "Start")


def test_an_issue_number_is_not_read_as_a_tag(tmp_path: Path) -> None:
    root = graph(tmp_path, {"pages/Start.md": "- Fixed in #123 at last.\n"})
    assert "#123" in chapter_text(read_book(root), "Start")


def test_a_heading_written_outside_a_bullet_keeps_its_indented_children_a_list_not_code(
    tmp_path: Path,
) -> None:
    root = graph(tmp_path, {"pages/Start.md": "## Tides\n\t- High water\n\t\t- At noon\n"})
    draft = read_book(root)
    html = "".join(page.html for c in draft.chapters for page in c.pages)
    assert "<pre" not in html
    assert "<li>High water" in html
    assert "<h2" in html
