"""Hugo's shortcodes, TOML front matter and site settings, where the golden hugo-site case is awkward."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.errors import ImportProblem
from app.ingest import BookDraft, SourceFile, parse_book, read_book
from tests.ingest.helpers import write


def one_file(markdown: str) -> BookDraft:
    return parse_book([SourceFile("b.md", markdown)], slug="b")


def html(draft: BookDraft) -> str:
    return "".join(page.html for chapter in draft.chapters for page in chapter.pages)


def test_a_shortcode_in_prose_leaves_no_braces_behind() -> None:
    draft = one_file('## Tides\n\nSee {{% param "harbour" %}} and {{< ref "moon.md" >}} for times.\n')
    assert "See and for times." in html(draft)
    assert "{" not in html(draft)
    assert len(draft.warnings) == 1
    assert "shortcodes" in draft.warnings[0]


def test_a_paired_shortcode_keeps_its_text_even_when_never_closed() -> None:
    draft = one_file(
        "## Tides\n\n{{< sidebar >}}\nThe moon pulls the sea.\n{{< /sidebar >}}\n\n{{% aside %}}\nStill here.\n"
    )
    page = html(draft)
    assert "The moon pulls the sea." in page
    assert "Still here." in page
    assert "{" not in page
    assert "callout" not in page


def test_a_note_shortcode_becomes_a_callout_whose_headings_start_no_chapter() -> None:
    draft = one_file(
        "## Tides\n\n{{< warning >}}\nMind the ebb.\n\n## Rip currents\n\nSwim across.\n{{< /warning >}}\n"
    )
    assert [c.title for c in draft.chapters] == ["Tides"]
    page = html(draft)
    assert 'class="callout callout-warning"' in page
    assert page.index("Mind the ebb.") < page.index("Rip currents") < page.index("</div>")


def test_a_box_shortcode_closed_in_another_container_keeps_its_text_without_a_box() -> None:
    draft = one_file("## Tides\n\n> {{% note %}}\n> Inside a quote.\n\n{{% /note %}}\n")
    page = html(draft)
    assert "Inside a quote." in page
    assert "callout" not in page
    assert "{" not in page


def test_escaped_shortcodes_show_as_hugo_shows_them_and_need_no_warning() -> None:
    draft = one_file("## Tides\n\nWrite {{</* tide */>}} or `{{%/* tide */%}}`.\n")
    assert "Write {{&lt; tide &gt;}} or <code>{{% tide %}}</code>." in html(draft)
    assert draft.warnings == ()


def test_a_highlight_shortcode_inside_a_fence_stays_as_written() -> None:
    draft = one_file("## Tides\n\n```md\n{{< highlight go >}}\n# not a heading\n{{< /highlight >}}\n```\n")
    page = html(draft)
    assert "{{&lt; highlight go &gt;}}" in page
    assert "# not a heading" in page


def test_toml_front_matter_names_a_single_file_book() -> None:
    draft = one_file('+++\ntitle = "Tide Tables"\nauthor = "A. Shore"\n+++\n\n## Spring\n\nHigh.\n')
    assert (draft.title, draft.author) == ("Tide Tables", "A. Shore")
    assert "+++" not in html(draft)


def test_broken_toml_front_matter_names_the_file_and_line_as_yaml_does() -> None:
    with pytest.raises(ImportProblem) as problem:
        one_file('+++\ntitle = "Tides"\nauthor = \n+++\n\n## A\n\nB.\n')
    assert (problem.value.path, problem.value.line) == ("b.md", 3)
    assert "is not valid TOML" in str(problem.value)
    assert "between the +++ lines" in str(problem.value)


def test_site_settings_are_read_only_beside_a_content_folder(tmp_path: Path) -> None:
    write(tmp_path / "site" / "hugo.yaml", "title: Harbour Notes\nlanguageCode: nl\n")
    write(tmp_path / "site" / "content" / "tides.md", "# Tides\n\nHigh and low.\n")
    write(tmp_path / "site" / "content" / "moon.md", "# Moon\n\nFull and new.\n")
    write(tmp_path / "site" / "notes" / "tides.md", "# Tides\n\nHigh and low.\n")
    write(tmp_path / "site" / "notes" / "moon.md", "# Moon\n\nFull and new.\n")
    content = read_book(tmp_path / "site" / "content")
    assert (content.title, content.language) == ("Harbour Notes", "nl")
    assert read_book(tmp_path / "site" / "notes").title == "Notes"


def test_a_language_folder_reads_its_own_language_settings(tmp_path: Path) -> None:
    write(
        tmp_path / "hugo.toml",
        'title = "Harbour Notes"\n[languages.fr]\ntitle = "Notes du port"\nlanguageCode = "fr-FR"\n',
    )
    for name in ("marees", "lune"):
        write(tmp_path / "content" / "fr" / f"{name}.md", f"# {name}\n\nTexte.\n")
    draft = read_book(tmp_path / "content" / "fr")
    assert (draft.title, draft.language) == ("Notes du port", "fr-FR")


def test_equal_weights_are_ordered_by_short_title_as_hugo_orders_them(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "---\ntitle: Zephyr\nweight: 5\n---\n\nWind.\n")
    write(tmp_path / "b.md", "---\ntitle: Zulu time\nlinkTitle: Clocks\nweight: 5\n---\n\nTime.\n")
    write(tmp_path / "c.md", "---\ntitle: Anchors\n---\n\nIron.\n")
    write(tmp_path / "d.md", "---\ntitle: Buoys\nweight: 1\n---\n\nRed and green.\n")
    assert [c.title for c in read_book(tmp_path).chapters] == ["Buoys", "Clocks", "Zephyr", "Anchors"]


def test_other_site_generators_names_for_a_pages_place_order_a_folder_too(tmp_path: Path) -> None:
    # Docusaurus' sidebar_position (0 comes first, halves are allowed), Just the Docs' nav_order,
    # rspress' nav; a page that names none follows, in natural order.
    write(tmp_path / "a.md", "---\ntitle: Anchors\n---\n\nIron.\n")
    write(tmp_path / "b.md", "---\ntitle: Buoys\nnav_order: 2\n---\n\nRed.\n")
    write(tmp_path / "c.md", "---\ntitle: Charts\nsidebar_position: 1.5\n---\n\nPaper.\n")
    write(tmp_path / "d.md", "---\ntitle: Depths\nnav: 3\n---\n\nDeep.\n")
    write(tmp_path / "e.md", "---\ntitle: Echoes\nsidebar_position: 0\n---\n\nSound.\n")
    assert [c.title for c in read_book(tmp_path).chapters] == [
        "Echoes",
        "Charts",
        "Buoys",
        "Depths",
        "Anchors",
    ]


def test_many_unclosed_shortcodes_cost_milliseconds() -> None:
    text = "## A\n\n" + "{{% note %}}\n\n" * 2000 + "{{< highlight go >}}\n" * 2000 + "{{<" * 30_000 + "\n"
    started = time.perf_counter()
    one_file(text)
    elapsed = time.perf_counter() - started
    # A whole import of 4,000 openings takes under half a second here, where a search per opening took
    # minutes. The bound is that difference, not a speed target: a busy machine must not fail it.
    assert elapsed < 10.0, f"{elapsed:.2f}s"


def test_a_shortcode_whose_arguments_run_over_lines_goes_whole() -> None:
    # Hugo's own docs close such a shortcode on a line `>}}`, which Markdown alone reads as a quote.
    markdown = (
        '## Formats\n\nIn a table:\n\n{{< datatable\n  "config"\n  "outputFormats"\n>}}\n\n'
        'Each format has a name.\n\n```go\n{{< datatable\n  "kept"\n>}}\n```\n'
    )
    text = html(one_file(markdown))
    assert "datatable" not in text.split("<pre")[0]
    assert "<blockquote>" not in text
    assert "Each format has a name." in text
    assert "<code>{{&lt; datatable\n" in text  # in code, as written


def test_a_shortcode_written_against_its_braces_is_a_shortcode_not_an_html_tag(tmp_path: Path) -> None:
    write(tmp_path / "content" / "_index.md", "# Pier Book {anchor=false}\n\nNotes on piers.\n")
    write(
        tmp_path / "content" / "start.md",
        '# Start\n\n{{<button href="/docs/start">}}Explore{{</button>}} the piers.\n',
    )
    draft = read_book(tmp_path / "content")
    assert draft.title == "Pier Book"
    text = html(draft)
    assert "Explore the piers." in text
    assert "{{" not in text
    assert "}}" not in text


def test_a_content_folder_of_one_language_is_named_by_its_books_title(tmp_path: Path) -> None:
    write(tmp_path / "content.en" / "_index.md", "# Pier Book\n\nNotes on piers.\n")
    write(tmp_path / "content.en" / "piles.md", "# Piles\n\nDriven into the mud.\n")
    assert read_book(tmp_path / "content.en").slug == "pier-book"


def test_a_site_with_a_configuration_directory_is_named_by_its_default_config(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site / "config" / "_default" / "hugo.yaml", "title: Geekdocs\nlanguageCode: en-GB\n")
    write(site / "content" / "tides.md", "---\ntitle: Tides\n---\n\nThe sea rises twice a day.\n")
    draft = read_book(site / "content")
    assert (draft.title, draft.language) == ("Geekdocs", "en-GB")


def test_a_configuration_directory_file_it_cannot_read_is_a_warning_not_a_refusal(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site / "config" / "_default" / "hugo.yaml", "base: &b {title: X}\nother: *b\n")
    write(site / "content" / "tides.md", "---\ntitle: Tides\n---\n\nThe sea rises twice a day.\n")
    draft = read_book(site / "content")
    assert draft.title != "X"
    assert any("hugo.yaml" in warning and "named from its pages" in warning for warning in draft.warnings)


def test_a_hugo_site_imported_whole_is_its_one_language_content_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site / "hugo.toml", 'title = "Bakehouse"\n')
    write(site / "README.md", "# Building the site\n\nRun hugo.\n")
    write(site / "content" / "LICENSE.md", "Licensed to all.\n")
    write(site / "content" / "en" / "bread.md", "---\ntitle: Bread\n---\n\nFlour, water, salt.\n")
    draft = read_book(site)
    assert draft.title == "Bakehouse"
    assert [chapter.title for chapter in draft.chapters] == ["Bread"]
