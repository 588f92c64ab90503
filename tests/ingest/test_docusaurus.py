"""Docusaurus sites: what the golden book docusaurus-site cannot show on its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.ingest import find_books, read_book
from app.ingest.scripts import NotData, exported
from tests.ingest.helpers import problems, write

CONFIG = "module.exports = {{ {body} }};\n"


def _page(site: Path, name: str, title: str, front: str = "") -> None:
    head = f"---\n{front}---\n\n" if front else ""
    write(site / "docs" / name, f"{head}# {title}\n\nA few words about {title.lower()}.\n")


def test_a_sidebar_written_with_a_spread_is_one_warning_and_the_docs_folder_in_its_own_order(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    write(site / "docusaurus.config.js", CONFIG.format(body="title: 'Ferry Timetable'"))
    write(
        site / "sidebars.js",
        "const shared = ['boarding'];\nmodule.exports = { main: [...shared, 'fares'] };\n",
    )
    _page(site, "fares.md", "Fares", "sidebar_position: 2\n")
    _page(site, "boarding.md", "Boarding", "sidebar_position: 1\n")
    _page(site, "routes/night.md", "Night crossings")
    _page(site, "routes/day.md", "Day crossings", "sidebar_position: 1\n")
    write(site / "docs/routes/_category_.json", '{"label": "Where the ferry goes", "position": 0}')
    _page(site, "extras/cafe.md", "The cafe on board")
    write(site / "docs/extras/_category_.yml", "label: On board\nposition: 5\n")
    draft = read_book(site)
    assert [(c.part, c.title) for c in draft.chapters] == [
        ("Where the ferry goes", "Day crossings"),
        ("Where the ferry goes", "Night crossings"),
        (None, "Boarding"),
        (None, "Fares"),
        ("On board", "The cafe on board"),
    ]
    [warning] = problems(draft)
    assert "a spread (`...`) on line 2" in warning
    assert "read in its own order" in warning


def test_the_config_gives_the_title_only_where_a_string_literal_does_and_is_never_run(tmp_path: Path) -> None:
    site = tmp_path / "ferry-guide"
    ran = tmp_path / "ran.txt"
    config = (
        f"require('fs').writeFileSync({str(ran)!r}, 'the config was run');\n"
        "const name = 'Computed';\n"
        "export default { themeConfig: { navbar: { title: 'Navbar' } }, title: name };\n"
    )
    write(site / "docusaurus.config.ts", config)
    _page(site, "start.md", "Start here", "title: Start here\n")
    draft = read_book(site)
    assert not ran.exists()
    # A title only running the config would give is no title; the navbar's is not the site's.
    assert draft.title == "Ferry guide"
    write(
        site / "docusaurus.config.ts",
        config.replace("title: name", "title: `Ferry ${'Guide'}`, tagline: 'x'"),
    )
    assert read_book(site).title == "Ferry guide"
    write(site / "docusaurus.config.ts", config.replace("title: name", 'title: "Ferry \\"Guide\\""'))
    assert read_book(site).title == 'Ferry "Guide"'


def test_several_sidebars_are_read_in_order_from_a_typescript_file_and_ids_ignore_number_prefixes(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    write(site / "docusaurus.config.mjs", CONFIG.format(body="title: 'Ferry'"))
    write(
        site / "sidebars.ts",
        "import type {SidebarsConfig} from '@docusaurus/plugin-content-docs';\n"
        "const sidebars: SidebarsConfig = {\n"
        "  guide: ['tickets', {type: 'category', label: 'Crossing', items: ['crossing/weather']}],\n"
        "  api: [{type: 'doc', id: 'api/booking-api', label: 'Booking API'}],\n"
        "};\nexport default sidebars;\n",
    )
    _page(site, "02-tickets.md", "Tickets")
    _page(site, "03-crossing/01-weather.md", "Weather at sea")
    _page(site, "api/booking.md", "Booking", "id: booking-api\nslug: /booking\n")
    draft = read_book(site)
    assert [(c.part, c.title) for c in draft.chapters] == [
        (None, "Tickets"),
        ("Crossing", "Weather at sea"),
        (None, "Booking API"),
    ]
    # A page's own `id:` keeps its folder's path; its `slug:` is its address, neither its id nor the book's.
    assert draft.warnings == ()
    assert draft.slug == "ferry"


def test_a_site_folder_is_one_book_not_a_series_of_its_docs_and_blog(tmp_path: Path) -> None:
    site = tmp_path / "website"
    write(site / "docusaurus.config.js", CONFIG.format(body="title: 'Ferry'"))
    _page(site, "a.md", "A")
    _page(site, "b.md", "B")
    write(site / "blog/2024-05-01-launch.md", "# Launch\n\nThe new ferry sailed.\n")
    write(site / "blog/2024-06-01-summer.md", "# Summer\n\nMore crossings.\n")
    assert find_books(site) == [site]


def test_sidebars_are_read_as_data_with_comments_quotes_and_trailing_commas() -> None:
    script = (
        "// top\nmodule.exports = {\n  'a b': [\"x\", {type: 'doc', id: `y`, n: -2,},], /* c */ c: true,\n};"
    )
    assert exported(script) == {"a b": ["x", {"type": "doc", "id": "y", "n": -2.0}], "c": True}
    assert exported('{"main": ["intro"]}') == {"main": ["intro"]}
    with pytest.raises(NotData, match=r"a call to `require` on line 1"):
        exported("module.exports = require('./other.js');")
    with pytest.raises(NotData, match="exports nothing"):
        exported("const sidebars = {};")
