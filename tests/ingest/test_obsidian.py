"""Obsidian vaults and wiki links: what the golden book obsidian-vault cannot show on its own."""

from __future__ import annotations

import json
from pathlib import Path

from app.ingest import find_books, read_book
from app.ingest.draft import BookDraft
from tests.ingest.helpers import markdown_of, problems, write


def vault(tmp_path: Path, notes: dict[str, str]) -> Path:
    root = tmp_path / "vault"
    write(root / ".obsidian" / "app.json", "{}\n")
    for name, text in notes.items():
        write(root / name, text)
    return root


def chapter_text(draft: BookDraft, title: str) -> str:
    chapter = next(c for c in draft.chapters if c.title == title)
    return "\n\n".join(page.markdown for page in chapter.pages)


def test_a_name_two_files_share_means_the_one_in_the_linking_notes_folder_else_the_shortest_path(
    tmp_path: Path,
) -> None:
    root = vault(
        tmp_path,
        {
            "Plot.md": "The heap near the gate:\n\n![[Compost]]\n",
            "Soil/Compost.md": "Greens and browns by the gate.\n",
            "Old/Shed/Compost.md": "The bin behind the shed.\n",
            "Old/Shed/Tools.md": "Where the fork hangs.\n\n![[compost.md]]\n",
        },
    )
    draft = read_book(root)
    assert "Greens and browns by the gate." in chapter_text(draft, "Plot")
    assert "The bin behind the shed." in chapter_text(draft, "Tools")
    assert "Greens and browns" not in chapter_text(draft, "Tools")


def test_a_wiki_link_never_leads_out_of_the_book_not_even_through_a_symlink(tmp_path: Path) -> None:
    outside = write(tmp_path / "private" / "Diary.md", "The code to the shed is 4512.\n")
    write(tmp_path / "private" / "photo.png", "not even a picture")
    root = vault(
        tmp_path, {"Plot.md": "See [[Diary]] and [[Drawer/Diary]].\n\n![[Diary]]\n\n![[photo.png]]\n"}
    )
    (root / "Diary.md").symlink_to(outside)
    (root / "Drawer").symlink_to(outside.parent, target_is_directory=True)
    draft = read_book(root)
    text = markdown_of(draft)
    assert "4512" not in text
    assert "See Diary and Drawer/Diary." in text
    assert "chapter:" not in text
    assert "photo.png" not in text
    assert any("4 wiki links name pages the book does not have, e.g. 'Diary'" in p for p in problems(draft))


def test_notes_that_embed_each_other_are_shown_once_and_the_loop_is_a_warning(tmp_path: Path) -> None:
    root = vault(
        tmp_path,
        {
            "Beans.md": "Beans climb.\n\n![[Peas]]\n",
            "Peas.md": "Peas climb too.\n\n![[Beans]]\n",
        },
    )
    draft = read_book(root)
    beans = chapter_text(draft, "Beans")
    assert beans.count("Peas climb too.") == 1
    assert beans.count("Beans climb.") == 1
    assert "[Beans](#)" in beans  # the embed that would loop is a link instead, here to its own chapter
    assert any(
        p.startswith("embeds 'Beans', which embeds the note that embeds it; it shows as a link.")
        for p in problems(draft)
    )


def test_a_note_may_embed_another_section_of_itself_but_not_the_one_holding_the_embed(tmp_path: Path) -> None:
    root = vault(
        tmp_path,
        {
            "Sowing.md": "## Depth\n\nA finger deep.\n\n## Recap\n\n![[Sowing#Depth]]\n\n## Loop\n\n![[Sowing#Loop]]\n"
        },
    )
    draft = read_book(root)
    assert chapter_text(draft, "Sowing").count("A finger deep.") == 2
    assert [p for p in problems(draft) if "embeds" in p] == [
        "embeds 'Sowing#Loop', which embeds the note that embeds it; it shows as a link."
    ]


def test_names_and_words_cannot_break_out_of_the_link_they_are_written_into(tmp_path: Path) -> None:
    root = vault(
        tmp_path,
        {
            "Plot.md": (
                "Read [[Odd) *name* <b>|*loud* <img src=x onerror=alert(1)> words)(javascript:x]] "
                "and [[Nowhere <script>alert(1)</script>]] and [[Odd) *name* <b>#Top]].\n"
            ),
            "Odd) *name* <b>.md": "# Top\n\nA note with a hostile name.\n",
        },
    )
    draft = read_book(root)
    html = "".join(page.html for chapter in draft.chapters for page in chapter.pages)
    assert "<img" not in html
    assert "<script" not in html
    assert "<b>" not in html
    assert 'href="javascript' not in html
    plot = chapter_text(draft, "Plot")
    # Both links land on the oddly named note, chapter 1, with every word the author wrote.
    assert "[*loud* \\<img src=x onerror=alert(1)> words)(javascript:x](chapter:1)" in plot
    assert "[Odd) *name* \\<b> > Top](chapter:1#h-top)" in plot
    assert "Nowhere <script>alert(1)</script>" not in html  # it shows as words, escaped
    assert "Nowhere &lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_text_that_only_looks_like_a_wiki_link_is_left_as_written(tmp_path: Path) -> None:
    root = vault(
        tmp_path,
        {
            "Plot.md": (
                "[[toc]]\n\nAs shown before [[1]], [[2, 3]] and [[Beans]](https://beans.example.org), "
                "not [[[Beans]]], nor `[[Beans]]` in code.\n\n```\n[[Beans]]\n```\n"
            ),
            "Beans.md": "Beans climb.\n",
        },
    )
    text = markdown_of(read_book(root))
    for kept in ("[[1]]", "[[2, 3]]", "[[Beans]]", "`[[Beans]]`"):
        assert kept in text
    assert "chapter:2" not in text


def test_links_to_pages_not_yet_written_are_words_and_one_warning_says_how_many(tmp_path: Path) -> None:
    root = vault(
        tmp_path,
        {"Plot.md": "Soon: [[Slugs]], [[Frost#Dates|first frosts]] and [[Slugs]].\n"},
    )
    draft = read_book(root)
    assert "Soon: Slugs, first frosts and Slugs." in markdown_of(draft)
    assert [p for p in problems(draft) if "wiki link" in p] == [
        (
            "3 wiki links name pages the book does not have, e.g. 'Slugs' in Plot.md:1; they show as plain "
            "text. Write those notes, or fix the names."
        )
    ]


def test_a_table_cell_s_escaped_pipe_separates_a_links_words(tmp_path: Path) -> None:
    root = vault(
        tmp_path,
        {
            "Plot.md": "| crop | note |\n| --- | --- |\n| beans | [[Beans\\|runners]] |\n",
            "Beans.md": "Climb.\n",
        },
    )
    assert "[runners](chapter:1)" in markdown_of(read_book(root))


def test_a_vault_of_folders_is_one_book_with_a_part_for_each_folder_not_a_series(tmp_path: Path) -> None:
    root = vault(
        tmp_path,
        {
            "Crops/Beans.md": "Beans climb.\n",
            "Crops/Peas.md": "Peas climb.\n",
            "Soil/Compost.md": "Greens and browns.\n",
            "Soil/Testing.md": "A kit tells the acidity.\n",
        },
    )
    write(root / ".trash" / "Old.md", "Thrown away.\n")
    assert find_books(root) == [root]
    draft = read_book(root)
    assert [(c.part, c.title) for c in draft.chapters] == [
        ("Crops", "Beans"),
        ("Crops", "Peas"),
        ("Soil", "Compost"),
        ("Soil", "Testing"),
    ]
    assert draft.title == "Vault"


def test_obsidian_publish_options_name_the_book_and_order_it(tmp_path: Path) -> None:
    root = tmp_path / "site"
    options = {
        "siteName": "Plot Fourteen",
        "indexFile": "Welcome",
        "navigationOrdering": ["Soil", "Soil/Testing.md", "Crops", "Weather", "Crops/Peas.md", "style.css"],
        "showSearch": True,
    }
    write(root / "site-options.json", json.dumps(options))
    write(root / "style.css", "body {}\n")
    write(
        root / "Welcome.md",
        "What three seasons on plot 14 taught me about beans, soil and patience, written down so that the "
        "next season on the plot goes better than the last one did.\n",
    )
    for name in (
        "Crops/Beans.md",
        "Crops/Peas.md",
        "Crops/10 Leeks.md",
        "Crops/9 Kale.md",
        "Soil/Compost.md",
        "Soil/Testing.md",
    ):
        write(root / name, f"Notes on {Path(name).stem}.\n")
    write(root / "Loose.md", "A note in no folder.\n")
    assert find_books(root) == [root]
    draft = read_book(root)
    assert draft.title == "Plot Fourteen"
    assert [(c.part, c.title) for c in draft.chapters] == [
        (None, "Introduction"),
        ("Soil", "Testing"),
        ("Soil", "Compost"),
        ("Crops", "Peas"),
        ("Crops", "9 Kale"),
        ("Crops", "10 Leeks"),
        ("Crops", "Beans"),
        (None, "Loose"),
    ]
    assert [p for p in problems(draft) if "navigationOrdering" in p] == [
        "its navigationOrdering names 'Weather', which the vault does not have; the rest is read in that order."
    ]


def test_a_json_file_called_site_options_that_is_not_publishs_makes_no_vault(tmp_path: Path) -> None:
    root = tmp_path / "notes"
    write(root / "site-options.json", '{"theme": "dark"}')
    for name in ("a/README.md", "a/two.md", "b/README.md", "b/two.md"):
        write(root / name, "# Note\n\nSome words.\n")
    # A vault would be one book; a folder of two books, each opening with a README, is a series.
    assert find_books(root) == [root / "a", root / "b"]


def test_outside_a_vault_a_wiki_link_to_a_page_becomes_a_link_and_one_naming_nothing_stays_as_written(
    tmp_path: Path,
) -> None:
    wiki = tmp_path / "wiki"
    write(
        wiki / "Home.md", "# Tide wiki\n\nEvery object has a [[Prototype]]; see [[the tables|Tide tables]].\n"
    )
    write(wiki / "Tide tables.md", "High water is at noon.\n")
    draft = read_book(wiki)
    assert "Every object has a [[Prototype]]; see [the tables](chapter:2)." in markdown_of(draft)
    assert not [p for p in problems(draft) if "wiki link" in p]


def test_a_folder_inside_a_vault_imported_on_its_own_reads_links_to_missing_notes_as_words(
    tmp_path: Path,
) -> None:
    root = vault(tmp_path, {"Crops/Beans.md": "Beans hate [[Frost]].\n", "Crops/Peas.md": "Peas too.\n"})
    draft = read_book(root / "Crops")
    assert "Beans hate Frost." in markdown_of(draft)


def test_outside_a_vault_a_line_holding_only_a_wiki_link_is_left_as_written_since_toml_writes_tables_so(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    write(
        site / "menus.md", "# Menus\n\nAdd an entry:\n\n[[menus]]\nname = 'Tides'\n\nSee [[menus]] above.\n"
    )
    write(site / "other.md", "# Other\n\nNothing here.\n")
    text = markdown_of(read_book(site))
    assert "[[menus]]\nname = 'Tides'" in text
    assert "See [menus](#) above." in text


def test_a_notes_aliases_name_it_but_a_file_of_that_name_comes_first(tmp_path: Path) -> None:
    root = vault(
        tmp_path,
        {
            "Tides.md": "---\naliases: [High water, Flood]\n---\n# Tides\n\nThe sea rises twice a day.\n",
            "Ebb.md": "---\naliases: Low water, Slack\n---\n# Ebb\n\nThe sea falls back.\n",
            "Flood.md": "# Flood\n\nA river over its banks.\n",
            "Log.md": "See [[High water]], [[slack]] and [[Flood]].\n",
        },
    )
    draft = read_book(root)
    text = chapter_text(draft, "Log")
    chapters = {c.title: n for n, c in enumerate(draft.chapters, 1)}
    assert f"[High water](chapter:{chapters['Tides']})" in text
    assert f"[slack](chapter:{chapters['Ebb']})" in text
    assert f"[Flood](chapter:{chapters['Flood']})" in text  # the file, not Tides' alias
