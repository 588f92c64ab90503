"""ditto sites: index.html loading ditto.js, the order of its sidebar page, its settings read as data."""

from __future__ import annotations

from pathlib import Path

from app.ingest import read_book
from app.ingest.ditto import ditto_of
from tests.ingest.helpers import markdown_of, problems, write

_PAGE = '<html><head><title>Loaves</title><script src="ditto.js"></script></head><body>{}</body></html>'


def site(folder: Path, *, body: str = "", sidebar: str = "sidebar.md") -> Path:
    write(folder / "index.html", _PAGE.format(body))
    write(folder / "README.md", "# Loaves\n\nA book of bread, a loaf a week.\n")
    write(folder / "docs" / "rye.md", "# Rye\n\nDense and sour.\n")
    write(folder / "docs" / "spelt.md", "# Spelt\n\nNutty.\n")
    write(folder / sidebar, "# Loaves\n\n1. [Home](#README)\n1. [Spelt](#docs/spelt)\n1. [Rye](#docs/rye)\n")
    return folder


def test_the_sidebar_orders_the_book_and_titles_its_chapters(tmp_path: Path) -> None:
    draft = read_book(site(tmp_path / "loaves"))
    assert draft.title == "Loaves"
    assert [c.title for c in draft.chapters] == ["Home", "Spelt", "Rye"]
    assert problems(draft) == []


def test_a_script_assignment_names_another_sidebar(tmp_path: Path) -> None:
    folder = site(
        tmp_path / "loaves",
        body='<script>ditto.sidebar_file = "menu.md"; ditto.run();</script>',
        sidebar="menu.md",
    )
    write(folder / "sidebar.md", "1. [Rye](#docs/rye)\n")  # the default, which the page overrides
    assert [c.title for c in read_book(folder).chapters] == ["Home", "Spelt", "Rye"]


def test_a_folder_whose_index_html_does_not_load_ditto_is_no_ditto_site(tmp_path: Path) -> None:
    folder = site(tmp_path / "loaves")
    write(folder / "index.html", "<html><script src='app.js'></script><p>ditto</p></html>")
    assert ditto_of(folder) is None


def test_a_sidebar_outside_the_folder_or_through_a_symlink_makes_no_site(tmp_path: Path) -> None:
    outside = write(tmp_path / "elsewhere" / "menu.md", "1. [Secret](#secret)\n")
    folder = site(tmp_path / "loaves", body='<script>ditto.sidebar_file = "../elsewhere/menu.md";</script>')
    assert ditto_of(folder) is None
    linked = site(tmp_path / "linked", body='<script>ditto.sidebar_file = "menu.md";</script>')
    (linked / "menu.md").symlink_to(outside)
    assert ditto_of(linked) is None


def test_a_settings_script_is_never_read_through_a_link_out_of_the_book(tmp_path: Path) -> None:
    write(tmp_path / "elsewhere" / "config.js", 'ditto.sidebar_file = "menu.md";')
    folder = site(tmp_path / "loaves", body='<script src="js/config.js"></script>')
    (folder / "js").symlink_to(tmp_path / "elsewhere")
    write(folder / "menu.md", "1. [Rye](#docs/rye)\n")
    found = ditto_of(folder)
    assert found is not None
    assert found.settings["sidebar_file"] == "sidebar.md"


def test_sidebar_links_that_name_no_page_are_warned_of_by_line_and_others_are_passed_over(
    tmp_path: Path,
) -> None:
    folder = site(tmp_path / "loaves")
    write(
        folder / "README.md", "# Loaves\n\n" + "A loaf a week, baked slowly at home and shared. " * 4 + "\n"
    )
    write(
        folder / "sidebar.md",
        "# Loaves\n\nSee [rye](#docs/rye) first.\n\n1. [Spelt](#docs/spelt)\n1. [Oat](#docs/oat)\n"
        "1. [Up](#../../etc/passwd)\n1. [Web](https://example.com)\n1. [Again](#docs/spelt#top)\n",
    )
    draft = read_book(folder)
    # The home page opens the book though the sidebar leaves it out, as the site opens on it.
    assert [c.title for c in draft.chapters] == ["Introduction", "Spelt"]
    assert [w.split(": ", 1)[0].rsplit(":", 1)[-1] for w in draft.warnings[:2]] == ["6", "7"]
    assert problems(draft)[0].startswith("links to '#docs/oat', which")
    assert "outside the site's folder" in problems(draft)[1]
    assert "does not list 1 page (docs/rye.md)" in problems(draft)[2]


def test_links_between_pages_by_address_open_the_chapter_and_a_bare_anchor_stays_one(tmp_path: Path) -> None:
    folder = site(tmp_path / "loaves")
    write(
        folder / "docs" / "rye.md",
        "# Rye\n\nSee [spelt](#docs/spelt), [home](#README) and [below](#crumb).\n",
    )
    text = markdown_of(read_book(folder))
    assert "[spelt](chapter:2)" in text
    assert "[home](chapter:1)" in text
    assert "[below](#crumb)" not in text  # no heading by that name: the link keeps only its words
    assert "below" in text
