"""docsify sites: what the golden book docsify-site cannot show on its own."""

from __future__ import annotations

from pathlib import Path

from app.ingest import find_books, read_book
from app.ingest.docsify import settings_name
from tests.ingest.helpers import markdown_of, problems, write

SETTINGS = "<script>\n  window.$docsify = {{ {body} }};\n</script>\n"


def test_a_site_without_a_sidebar_is_read_in_folder_order_and_its_underscore_files_are_never_chapters(
    tmp_path: Path,
) -> None:
    site = tmp_path / "tide-clock"
    write(site / "index.html", SETTINGS.format(body="loadSidebar: false, coverpage: true"))
    write(site / "_coverpage.md", "# Tide Clock <small>1.4</small> :id=start\n\n> Know the water.\n")
    write(site / "_navbar.md", "- [Home](/)\n- [Guide](guide.md)\n")
    write(site / "_footer.md", "Kept by the harbour club.\n")
    write(site / "2-guide.md", "# Guide\n\nWind the clock at slack water.\n")
    write(site / "1-setup.md", "# Setup\n\nHang the clock where the quay can see it.\n")
    draft = read_book(site)
    assert [c.title for c in draft.chapters] == ["Setup", "Guide"]
    # With no name in its settings, the cover page names the site, without its marks or version.
    assert draft.title == "Tide Clock"


def test_the_sites_name_is_the_top_level_name_in_its_settings_not_a_plugins_nor_a_comments() -> None:
    page = SETTINGS.format(
        body="// name: 'In a comment'\n search: { name: 'Search', depth: 2 },\n"
        " tip: 'a } in a string', name: 'Tide \\'n\\' Time <em>Clock</em>'"
    )
    assert settings_name(page) == "Tide 'n' Time Clock"
    assert settings_name(SETTINGS.format(body="search: { name: 'Search' }")) is None
    assert settings_name("<script>var name = 'Not docsify';</script>") is None


def test_a_docsify_folder_of_sub_folders_is_one_book_not_a_series(tmp_path: Path) -> None:
    site = tmp_path / "docs"
    write(site / "_sidebar.md", "- [Ropes](ropes/knots.md)\n- [Sails](sails/cloth.md)\n")
    for name in ("ropes/knots.md", "ropes/splices.md", "sails/cloth.md", "sails/seams.md"):
        write(site / name, f"# {Path(name).stem.title()}\n\nSomething about {Path(name).stem}.\n")
    assert find_books(site) == [site]


def test_a_sidebar_that_lists_the_home_page_keeps_it_where_it_lists_it_and_only_once(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site / "_sidebar.md", "- [Knots](knots.md)\n- [Welcome](/)\n- [Again](README.md)\n")
    write(
        site / "README.md",
        "# Rope work\n\nA page for every knot the club teaches, and one for splices too.\n",
    )
    write(site / "knots.md", "# Knots\n\nA bowline first.\n")
    draft = read_book(site)
    assert [c.title for c in draft.chapters] == ["Knots", "Welcome"]
    assert draft.warnings == ()


def test_an_embed_leading_out_of_the_book_is_never_read_and_stays_a_link_with_a_warning(
    tmp_path: Path,
) -> None:
    write(tmp_path / "secret.md", "The harbour master's key code.\n")
    site = tmp_path / "site"
    write(site / "_sidebar.md", "- [Keys](keys.md)\n")
    write(site / "keys.md", "# Keys\n\nThe key box.\n\n[the code](../secret.md ':include')\n")
    draft = read_book(site)
    assert "key code" not in markdown_of(draft)
    assert "[the code]" in markdown_of(draft)
    assert problems(draft) == [
        "embeds '../secret.md', which leads outside the book's folder, so it stays a link."
    ]
    assert draft.warnings[0].endswith("keys.md:5: " + problems(draft)[0])


def test_an_embed_in_a_sub_folder_page_is_found_from_the_sites_folder_as_docsify_finds_it(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    write(site / "_sidebar.md", "- [Moor](guide/moor.md)\n")
    write(site / "guide" / "moor.md", "# Moor\n\n[steps](_media/steps.md ':include')\n")
    write(site / "_media" / "steps.md", "Fenders out.\n\nLines ready.\n")
    draft = read_book(site)
    assert markdown_of(draft) == "Fenders out.\n\nLines ready."
    assert draft.warnings == ()


def test_a_page_that_embeds_itself_stops_at_the_depth_limit_with_one_warning(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site / "_sidebar.md", "- [Echo](echo.md)\n")
    write(site / "echo.md", "# Echo\n\nHello.\n\n[again](echo.md ':include')\n")
    draft = read_book(site)
    assert markdown_of(draft).count("Hello.") == 11
    assert problems(draft) == ["embeds 'echo.md', more than 10 embeds deep, so it stays a link."]


def test_an_embedded_page_shows_its_text_without_its_front_matter_even_when_that_is_broken(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    write(site / "_sidebar.md", "- [Buoys](buoys.md)\n")
    write(site / "buoys.md", "# Buoys\n\n[colours](_media/colours.md ':include')\n\nThat is all.\n")
    write(site / "_media" / "colours.md", "---\ntitle: [unclosed\n---\nYellow marks a special area.\n")
    draft = read_book(site)
    assert markdown_of(draft) == "Yellow marks a special area.\n\nThat is all."
    assert draft.warnings == ()


def test_a_sites_alert_keeps_its_marker_lines_words_as_text_where_obsidian_would_make_them_a_title(
    tmp_path: Path,
) -> None:
    quote = "> [!TIP] Wind the clock at slack water,\n> when the hands and the tide agree.\n"
    site = tmp_path / "site"
    write(site / "index.html", SETTINGS.format(body="name: 'Tide Clock'"))
    write(site / "README.md", f"# Home\n\nA clock for the harbour.\n\n{quote}")
    notes = write(tmp_path / "notes.md", f"# Home\n\nA clock for the harbour.\n\n{quote}")
    in_site, elsewhere = read_book(site).chapters[0].pages[0].html, read_book(notes).chapters[0].pages[0].html
    assert '<p class="callout-title">Tip</p>\n<p>Wind the clock at slack water,\nwhen' in in_site
    assert '<p class="callout-title">Wind the clock at slack water,</p>\n<p>when' in elsewhere
