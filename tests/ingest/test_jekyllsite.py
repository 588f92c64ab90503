"""Jekyll's collections, `_data` menus, Liquid links, `{% highlight %}` and kramdown attribute lists."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.ingest import read_book
from app.ingest.kramdown import kramdown_attributes
from app.ingest.liquidcode import liquid_code
from app.ingest.mdinhtml import markdown_in_html
from tests.ingest.helpers import markdown_of, problems, write

CONFIG = "title: Tides\ncollections:\n  docs:\n    output: true\n"


def page(path: Path, title: str, body: str = "") -> None:
    write(path, f"---\ntitle: {title}\n---\n\n{body or f'About {title.lower()}, at the harbour.'}\n")


def titles(site: Path) -> list[str]:
    return [chapter.title for chapter in read_book(site).chapters]


def test_collections_are_read_only_when_jekyll_outputs_them(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site / "_config.yml", CONFIG + "  crew:\n    output: false\n")
    page(site / "_docs" / "moon.md", "The moon")
    page(site / "_crew" / "ann.md", "Ann")  # data for a template: no page of its own
    page(site / "_drafts" / "storms.md", "Storms")  # not published
    page(site / "_ideas" / "waves.md", "Waves")  # no collection names it
    assert titles(site) == ["The moon"]


def test_posts_come_last_oldest_first_whatever_folder_holds_them(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site / "_config.yml", "title: Log\nlayout: post\ntheme: minima\n")
    page(site / "about.md", "About")
    page(site / "_posts" / "2024-06-02-spring-tide.md", "Spring tide")
    page(site / "_posts" / "harbour" / "2023-01-15-neap-tide.md", "Neap tide")
    assert titles(site) == ["About", "Neap tide", "Spring tide"]


def test_a_collection_name_or_folder_reaching_outside_the_site_is_not_followed(tmp_path: Path) -> None:
    page(tmp_path / "_secret" / "key.md", "Key")
    page(tmp_path / "outside" / "_docs" / "key.md", "Outside")
    site = tmp_path / "site"
    write(
        site / "_config.yml",
        'title: T\ncollections_dir: ../outside\ncollections:\n  "../_secret":\n    output: true\n'
        "  docs:\n    output: true\n",
    )
    page(site / "_docs" / "moon.md", "The moon")
    assert titles(site) == ["The moon"]


def test_a_symlinked_collection_folder_is_not_read(tmp_path: Path) -> None:
    page(tmp_path / "elsewhere" / "key.md", "Elsewhere")
    site = tmp_path / "site"
    write(site / "_config.yml", CONFIG)
    page(site / "index.md", "Home", "The harbour's own page, with a few words of its own to read. " * 3)
    os.symlink(tmp_path / "elsewhere", site / "_docs")
    assert "Elsewhere" not in titles(site)


def test_a_menu_orders_pages_by_address_and_unlisted_pages_follow_their_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site / "_config.yml", CONFIG)
    write(
        site / "_data" / "navigation.yml",
        "main:\n  - title: Home\n    url: /\n"
        "docs:\n  - title: Basics\n    children:\n      - title: Moon\n        url: /docs/moon/\n"
        "      - title: Wind\n        url: /docs/wind.html\n",
    )
    page(site / "_docs" / "wind.md", "Wind")
    page(site / "_docs" / "moon.md", "Moon")
    page(site / "_docs" / "moon" / "phases.md", "Phases")
    page(site / "_docs" / "aaa.md", "Unlisted")
    draft = read_book(site)
    shape = [(chapter.title, chapter.depth, chapter.part) for chapter in draft.chapters]
    assert shape == [
        ("Moon", 0, "Basics"),
        ("Phases", 1, "Basics"),
        ("Wind", 0, "Basics"),
        ("Unlisted", 0, "Docs"),
    ]


def test_a_broken_or_self_holding_menu_leaves_the_folder_order(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site / "_config.yml", CONFIG)
    write(site / "_data" / "docs_nav.yml", "- title: [unclosed\n")
    write(site / "_data" / "loop_nav.yml", "- &a\n  title: Loop\n  children: [*a]\n")
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]\n" for n in range(9)
    )
    write(site / "_data" / "bomb_nav.yml", bomb + "main: [*j]\n")
    write(site / "_data" / "huge.yml", "x: " + "y" * 300_000 + "\n")  # over the bound: passed over
    page(site / "_docs" / "b.md", "Bee")
    page(site / "_docs" / "a.md", "Ay")
    draft = read_book(site)
    assert [chapter.title for chapter in draft.chapters] == ["Ay", "Bee"]
    assert any("docs_nav.yml" in warning and "could not be read" in warning for warning in draft.warnings)


def test_liquid_links_become_links_between_chapters(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site / "_config.yml", CONFIG + "permalink: /news/:year/:title/\nrepo: https://example.org/t\n")
    page(
        site / "_docs" / "moon.md",
        "Moon",
        "See [wind](/docs/wind/#gusts) and [spring](/news/2024/spring/).",
    )
    page(
        site / "_docs" / "wind.md",
        "Wind",
        "## Gusts\n\nBack to [the moon]({{ site.baseurl }}{% link _docs/moon.md %}), on to [spring]({% post_url 2024-06-02-spring %}).",
    )
    page(
        site / "_posts" / "2024-06-02-spring.md",
        "Spring",
        "Read [wind]({{ '/docs/wind/' | relative_url }}), [code]({{ site.repo }}).",
    )
    draft = read_book(site)
    html = "".join(page.html for chapter in draft.chapters for page in chapter.pages)
    assert 'href="#h-gusts" data-chapter="2"' in html
    assert html.count('data-chapter="3"') == 2  # the post's address, and post_url
    assert html.count('data-chapter="1"') == 1
    assert html.count('data-chapter="2"') == 2
    assert 'href="https://example.org/t"' in html
    assert draft.warnings == ()


def test_a_link_tag_to_no_page_or_outside_the_site_keeps_its_words_and_warns(tmp_path: Path) -> None:
    page(tmp_path / "secret.md", "Secret")
    site = tmp_path / "site"
    write(site / "_config.yml", CONFIG)
    page(
        site / "_docs" / "moon.md",
        "Moon",
        "[Out]({% link ../secret.md %}) and [gone]({% post_url 1999-01-01-x %}).",
    )
    draft = read_book(site)
    assert "data-chapter" not in draft.chapters[0].pages[0].html
    assert problems(draft) == [
        (
            "links to `../secret.md`, `1999-01-01-x`, which the book has no page for (Jekyll's `{% link %}` "
            "and `{% post_url %}` name a file of the site); the words stay, without the link."
        )
    ]


def test_liquid_in_code_and_raw_is_shown_as_written(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site / "_config.yml", CONFIG)
    body = "Write `{% link _docs/moon.md %}` or {% raw %}{{ site.url }}{% endraw %}.\n\n```\n{% link _docs/moon.md %}\n```"
    page(site / "_docs" / "moon.md", "Moon", body)
    text = markdown_of(read_book(site))
    assert "`{% link _docs/moon.md %}`" in text
    assert "{% link _docs/moon.md %}\n```" in text


def test_highlight_blocks_are_code_and_an_unclosed_one_is_left() -> None:
    text = "{% highlight ruby linenos %}\n{% raw %}\n# tide\nputs '```'\n{% endraw %}\n{% endhighlight %}\n"
    assert liquid_code(text) == "````ruby\n# tide\nputs '```'\n````\n"
    assert liquid_code("{% highlight ruby %}\nputs 1\n") == "{% highlight ruby %}\nputs 1\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{: .note .warning}\nHigh water at noon.", "\n> [!WARNING]\n> High water at noon."),
        ("High water at noon.\n{: .info}\n", "> [!NOTE]\n> High water at noon.\n\n"),
        ("## Tides\n{: #tides}", "## Tides {#tides}\n"),
        ("* TOC\n{:toc}\n\nText", "\n\n\nText"),
        ('A [link](x.md){:target="_blank"} here', "A [link](x.md) here"),
        ("{: .lead}\nBig words.", "\nBig words."),
        ("```\n{: .note}\n```", "```\n{: .note}\n```"),
        ("Use `{: .note}` to box.", "Use `{: .note}` to box."),
        ("Kept{::comment} gone {:/comment}.", "Kept."),
        ("{: .note }\n> Stored in _tides.", "\n> [!NOTE]\n> Stored in _tides."),
        ("{: .new-title }\n> New (v1)\n>\n> Oars.", "\n> [!NOTE]\n> New (v1)\n>\n> Oars."),
        ("> Mind the weir.\n{: .warning }\n", "> [!WARNING]\n> Mind the weir.\n\n"),
    ],
)
def test_kramdown_attribute_lists_read_as_kramdown_reads_them(text: str, expected: str) -> None:
    assert kramdown_attributes(text) == expected


def test_a_huge_attribute_line_costs_linear_time() -> None:
    text = "{:" + " ." * 200_000 + "}\n" + "{:" * 100_000
    assert kramdown_attributes(text) == "\n" + "{:" * 100_000
    unclosed = "{:" + " " * 200_000 + "x"
    assert kramdown_attributes(unclosed) == unclosed


def test_a_short_section_index_is_a_page_of_the_site_and_holds_its_children(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site / "_config.yml", "title: T\nremote_theme: just-the-docs/just-the-docs\n")
    write(site / "docs" / "boats" / "index.md", "---\ntitle: Boats\n---\n\nSmall boats.\n{: .fs-6 }\n")
    write(
        site / "docs" / "boats" / "oars.md", "---\ntitle: Oars\nparent: Boats\n---\n\nPull evenly on both.\n"
    )
    shape = [(chapter.title, chapter.depth) for chapter in read_book(site).chapters]
    assert shape == [("Boats", 0), ("Oars", 1)]  # docs/ is a part; boats/ opens with its own page


def test_a_fence_right_under_a_markdown_blocks_closing_tag_is_code() -> None:
    text = '<div markdown="1">\n[Oars](oars.md)\n</div>\n```markdown\n[Oars](oars.md){: .btn }\n```'
    assert markdown_in_html(text) == (
        '<div markdown="1">\n\n[Oars](oars.md)\n\n</div>\n\n```markdown\n[Oars](oars.md){: .btn }\n```'
    )


def test_markdown_includes_are_part_of_the_page_and_html_ones_are_dropped(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site / "_config.yml", CONFIG)
    write(site / "_includes" / "tip.md", "---\nx: 1\n---\nKeep the {{ include.what }} dry.\n")
    write(site / "_includes" / "loop.md", "{% include loop.md %}")
    write(site / "_docs" / "parts" / "end.md", "The end of the oars.")
    body = (
        '{% include tip.md what="flour" %}\n\n{% include_relative parts/end.md %}\n\n{% include banner.html %}'
        "\n\n{% include none.md %} {% include_relative ../../../secret.md %} {% include loop.md %}"
    )
    page(site / "_docs" / "oars.md", "Oars", body)
    draft = read_book(site)
    text = markdown_of(draft)
    assert "Keep the flour dry." in text
    assert "The end of the oars." in text
    assert "banner" not in text
    found = problems(draft)
    assert any("`none.md` is not in `_includes/none.md`" in warning for warning in found)
    assert any("`../../../secret.md` is not in the book" in warning for warning in found)
    assert any("more than 10 deep" in warning for warning in found)
