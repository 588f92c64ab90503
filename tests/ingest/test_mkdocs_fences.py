"""Material's code blocks: braced info strings, annotation markers, and blocks only a build can fill."""

from __future__ import annotations

import time
from pathlib import Path, PurePosixPath

from app.ingest import load_book, render_markdown
from app.ingest.mkdocsfences import code_blocks
from tests.ingest.helpers import markdown_of, write

PAGE = PurePosixPath("docs/index.md")


def _blocks(text: str) -> tuple[str, list[str]]:
    warned: list[str] = []
    return code_blocks(text, file=PAGE, warn=warned.append), warned


def test_a_braced_info_string_becomes_its_language_and_title() -> None:
    text, warned = _blocks('```{.python .annotate title="bread.py" linenums="1"}\nrise = 2  # (1)!\n```\n')

    assert text.startswith('```python title="bread.py"\nrise = 2  # (1)\n```')
    assert warned == []


def test_annotation_markers_lose_their_bang_only_after_a_comment_sign() -> None:
    text, _ = _blocks("```js\nknead(); // (2)!\nshout('(3)!');\n```\n\nProse (1)! stays.\n")

    assert "knead(); // (2)\n" in text
    assert "shout('(3)!');" in text
    assert "Prose (1)! stays." in text


def test_a_block_the_build_fills_goes_with_the_tab_that_held_only_it() -> None:
    page = (
        '=== "Output"\n\n    ```{.textual path="docs/examples/oven.py"}\n    ```\n\n'
        '=== "oven.py"\n\n    ```python\n    bake()\n    ```\n'
    )
    text, warned = _blocks(page)

    assert "Output" not in text
    assert "textual" not in text
    assert '=== "oven.py"' in text
    assert text.count("\n") == page.count("\n")  # the page keeps its line numbers
    assert len(warned) == 1
    assert "{.textual}" in warned[0]
    assert warned[0].startswith("docs/index.md: ")


def test_an_empty_block_without_settings_is_left_as_written() -> None:
    text, warned = _blocks('```{.python}\n```\n\n```{.text title="x"}\n```\n')

    assert "```python\n```" in text
    assert warned == []


def test_an_unclosed_fence_and_hostile_lines_cost_linear_time() -> None:
    started = time.monotonic()
    _blocks("```{.a " + "k=v " * 50_000 + "}\n" + "```\n" * 50_000)
    _blocks("```{" + "{" * 100_000 + "\n# (1)!" * 50_000)
    _blocks("x  # (1)!\n" * 100_000 + "```\n")
    assert time.monotonic() - started < 3


def test_an_mkdocs_site_reads_its_pages_through_it(tmp_path: Path) -> None:
    write(tmp_path / "mkdocs.yml", "site_name: Oven\n")
    write(
        tmp_path / "docs" / "index.md",
        "# Oven\n\nHeat it.\n\n```{.python .annotate}\nheat = 220  # (1)!\n```\n\n1. Celsius.\n",
    )

    text = markdown_of(load_book(tmp_path).parse())

    assert "```python\nheat = 220  # (1)\n```" in text


def test_an_icon_shortcode_in_a_raw_html_block_goes_but_not_from_code_in_it() -> None:
    html = render_markdown(
        "<small>\n  :octicons-light-bulb-16:\n  Tip: search.\n</small>\n\n<div>\n<code>:material-x:</code>\n</div>\n"
    )

    assert "octicons" not in html
    assert "Tip: search." in html
    assert "<code>:material-x:</code>" in html


def test_an_attribute_list_written_with_a_colon_leaves_the_prose_too() -> None:
    html = render_markdown(
        "[Get it](https://example.org/){: .md-button .md-button--primary } today. Keep {:x}.\n"
    )

    assert "md-button" not in html
    assert "</a> today. Keep {:x}." in html


def test_a_termy_session_loses_its_colour_tags_and_entities_but_not_other_code() -> None:
    session = (
        '<font color="#F4BF75"><b>Usage: </b></font>brew [OPTIONS]\n'
        "<font color='#A5A5A1'>Try &apos;brew --help&apos; &lt;cup&gt;</font>\n"
    )
    text, _ = _blocks(
        f'<div class="termy">\n\n```console\n$ brew --help\n{session}```\n\n</div>\n\n```html\n<b>tea</b>\n```\n'
    )

    assert "Usage: brew [OPTIONS]\nTry 'brew --help' <cup>\n```" in text
    assert "<font" not in text
    assert "```html\n<b>tea</b>\n```" in text
