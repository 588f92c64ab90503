"""DocFX sites: their includes stay inside the book, and their marks never show raw."""

from __future__ import annotations

from pathlib import Path

from app.ingest import read_book
from tests.ingest.helpers import markdown_of, problems, write

ROOT_TOC = "- name: Guide\n  href: guide.md\n"


def site(tmp_path: Path, page: str) -> Path:
    folder = tmp_path / "site"
    write(folder / "docfx.json", '{"build": {"globalMetadata": {"_appTitle": "Harbour Notes"}}}')
    write(folder / "toc.yml", ROOT_TOC)
    write(folder / "guide.md", page)
    return folder


def test_an_include_that_climbs_out_of_the_book_is_left_out_with_a_warning(tmp_path: Path) -> None:
    write(tmp_path / "secret.md", "The vault code is 1234.")
    folder = site(tmp_path, "# Guide\n\nBefore.\n\n[!INCLUDE [s](../../secret.md)]\n\nAfter.\n")
    draft = read_book(folder)
    assert "1234" not in markdown_of(draft)
    assert "[!INCLUDE" not in markdown_of(draft)
    assert problems(draft) == [
        "[!INCLUDE](../../secret.md) leads outside the book's folder, so it was left out."
    ]


def test_an_include_through_a_symlink_out_of_the_book_is_not_followed(tmp_path: Path) -> None:
    write(tmp_path / "outside" / "secret.md", "The vault code is 1234.")
    folder = site(tmp_path, "# Guide\n\nBefore.\n\n[!include[s](link/secret.md)]\n")
    (folder / "link").symlink_to(tmp_path / "outside")
    draft = read_book(folder)
    assert "1234" not in markdown_of(draft)
    assert len(problems(draft)) == 1
    assert problems(draft)[0].startswith("[!INCLUDE](link/secret.md): ")


def test_a_code_include_through_a_symlink_out_of_the_book_is_not_followed(tmp_path: Path) -> None:
    write(tmp_path / "outside" / "key.cs", "var key = 1234;")
    folder = site(tmp_path, "# Guide\n\nBefore.\n\n[!code-csharp[k](link/key.cs)]\n")
    (folder / "link").symlink_to(tmp_path / "outside")
    draft = read_book(folder)
    assert "1234" not in markdown_of(draft)
    assert "[!code" not in markdown_of(draft)
    assert len(problems(draft)) == 1
    assert problems(draft)[0].startswith("[!code](link/key.cs): ")


def test_includes_that_include_each_other_stop_at_the_loop_with_a_warning(tmp_path: Path) -> None:
    folder = site(tmp_path, "# Guide\n\nStart.\n\n[!INCLUDE [a](includes/a.md)]\n")
    write(folder / "includes" / "a.md", "From a.\n\n[!INCLUDE [b](b.md)]\n")
    write(folder / "includes" / "b.md", "From b.\n\n[!INCLUDE [a](a.md)]\n")
    draft = read_book(folder)
    assert markdown_of(draft) == "Start.\n\nFrom a.\n\nFrom b."
    assert problems(draft) == ["[!INCLUDE](a.md) includes 'includes/a.md' within itself, so it was left out."]


def test_a_code_include_names_a_missing_region_in_a_warning_and_shows_nothing_raw(tmp_path: Path) -> None:
    folder = site(tmp_path, "# Guide\n\nThe code:\n\n[!code-csharp[x](code.cs#Nowhere)]\n")
    write(folder / "code.cs", "#region Here\nvar x = 1;\n#endregion\n")
    draft = read_book(folder)
    assert markdown_of(draft) == "The code:"
    assert problems(draft) == [
        "[!code](code.cs#Nowhere): 'code.cs' has no region or lines 'Nowhere', so it was left out."
    ]


def test_line_anchors_and_open_ranges_pick_lines_of_a_code_file(tmp_path: Path) -> None:
    page = "# Guide\n\nOne:\n\n[!code-python[a](tide.py#L2-L3)]\n\nTwo:\n\n[!code[b](tide.py?range=1,4-)]\n"
    folder = site(tmp_path, page)
    write(folder / "tide.py", "high = 1\nlow = 2\nslack = 3\nspring = 4\nneap = 5\n")
    draft = read_book(folder)
    assert markdown_of(draft) == (
        "One:\n\n```python\nlow = 2\nslack = 3\n```\n\nTwo:\n\n```python\nhigh = 1\nspring = 4\nneap = 5\n```"
    )


def test_xml_tags_in_a_whole_code_file_are_code_not_region_markers(tmp_path: Path) -> None:
    folder = site(tmp_path, "# Guide\n\nThe project:\n\n[!code-xml[p](boat.csproj)]\n")
    write(folder / "boat.csproj", "<Project>\n  <Name>Skiff</Name>\n</Project>\n")
    draft = read_book(folder)
    assert markdown_of(draft) == "The project:\n\n```xml\n<Project>\n  <Name>Skiff</Name>\n</Project>\n```"


def test_a_container_line_of_another_site_is_not_taken_for_a_learn_mark(tmp_path: Path) -> None:
    folder = site(tmp_path, "# Guide\n\n::: tip Moorings\nDouble the bow line.\n:::\n")
    draft = read_book(folder)
    assert "Double the bow line." in markdown_of(draft)
    assert "Moorings" in markdown_of(draft)
    assert problems(draft) == []


def test_a_toc_yml_beside_markdown_orders_a_folder_without_docfx_json(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    write(
        folder / "toc.yml", "- name: Zebra first\n  href: zebra.md\n- name: Then apples\n  href: apple.md\n"
    )
    write(folder / "apple.md", "# Apples\n\nRed ones.\n")
    write(folder / "zebra.md", "# Zebras\n\nStriped ones.\n")
    draft = read_book(folder)
    assert [chapter.title for chapter in draft.chapters] == ["Zebra first", "Then apples"]


def test_a_toc_that_names_itself_through_a_folder_is_read_once_with_a_warning(tmp_path: Path) -> None:
    folder = site(tmp_path, "# Guide\n\nText.\n")
    write(folder / "toc.yml", ROOT_TOC + "- name: More\n  href: more/\n")
    write(
        folder / "more" / "toc.yml", "- name: Page\n  href: page.md\n- name: Back\n  href: ../more/toc.yml\n"
    )
    write(folder / "more" / "page.md", "# Page\n\nMore text.\n")
    draft = read_book(folder)
    assert [chapter.title for chapter in draft.chapters] == ["Guide", "Page"]
    assert any("lists itself" in problem for problem in problems(draft))


def test_a_cross_reference_to_a_page_of_the_book_is_a_link_to_it_in_every_form(tmp_path: Path) -> None:
    page = (
        "# Guide\n\nSee [the tides](xref:Harbour.Tides), <xref:Harbour.Tides>, @Harbour.Tides and [tides][t].\n\n"
        "[t]: xref:Harbour.Tides\n\n`@Harbour.Tides` and <xref:System.String> are not links.\n\n"
        "```\n@Harbour.Tides\n```\n"
    )
    folder = site(tmp_path, page)
    write(folder / "toc.yml", ROOT_TOC + "- name: Tides\n  href: deep/tides.md\n")
    write(
        folder / "deep" / "tides.md", "---\nuid: Harbour.Tides\n---\n# Tide tables\n\nHigh and low water.\n"
    )
    draft = read_book(folder)
    text = markdown_of(draft).split("# Tide tables")[0]
    assert text.count("(chapter:2)") == 4
    assert "[the tides](chapter:2), [Tides](chapter:2), [Tides](chapter:2)" in text  # titled by the toc
    assert "`@Harbour.Tides` and `String` are not links." in text
    assert "```\n@Harbour.Tides\n```" in text
