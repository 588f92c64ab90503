"""Book text is untrusted: no payload in the corpus survives rendering as something that can run."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from app.ingest import SourceFile, parse_book, render_markdown

CORPUS = (Path(__file__).parent / "xss_corpus.md").read_text(encoding="utf-8")
DANGEROUS_ELEMENTS = {"script", "iframe", "svg", "object", "embed", "style", "details", "div", "math", "form"}
SAFE_IMAGE_DATA = re.compile(r"^data:image/(gif|png|jpeg|webp);")


class Elements(HTMLParser):
    """Every element and attribute a browser would build from the HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def elements(markup: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = Elements()
    parser.feed(markup)
    return parser.found


def scheme_of(url: str) -> str:
    # What a browser would see: entities decoded, then control characters and spaces dropped.
    decoded = html.unescape(url)
    return re.sub(r"[\x00-\x20]", "", decoded).lower()


@pytest.fixture(scope="module")
def rendered() -> str:
    # Through the whole of ingest (chapters, pages, footnotes moved to the page citing them),
    # since that is the HTML the library stores and the reader shows.
    book = parse_book([SourceFile("corpus.md", CORPUS)], slug="corpus")
    return "".join(page.html for chapter in book.chapters for page in chapter.pages)


def test_no_element_that_can_run_script_is_rendered(rendered: str) -> None:
    tags = {tag for tag, _ in elements(rendered)}
    assert not tags & DANGEROUS_ELEMENTS


def test_no_event_handler_or_style_attribute_is_rendered(rendered: str) -> None:
    for tag, attrs in elements(rendered):
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert name in {"href", "src", "alt", "title", "class", "id", "value"}, (tag, name)
            if name == "id":  # footnote anchors only, numbered by us, never named by the text
                assert re.fullmatch(r"fn(ref)?[0-9]+(:[0-9]+)?", value or ""), value
            if name == "value":  # a footnote's number
                assert tag == "li"
                assert (value or "").isdigit(), value


def test_the_hostile_footnotes_were_rendered_as_footnotes(rendered: str) -> None:
    # Otherwise the checks above would pass without having seen a note.
    assert 'class="footnote-item"' in rendered
    assert "&lt;script&gt;alert(&quot;in a note&quot;)" in rendered


def test_no_link_or_image_points_at_a_dangerous_scheme(rendered: str) -> None:
    for tag, attrs in elements(rendered):
        for name, value in attrs:
            if name not in ("href", "src") or value is None:
                continue
            target = scheme_of(value)
            assert not target.startswith(("javascript:", "vbscript:", "file:")), (tag, value)
            if target.startswith("data:"):
                assert tag == "img"
                assert SAFE_IMAGE_DATA.match(target), value


def test_raw_html_is_shown_as_text_not_dropped(rendered: str) -> None:
    # Escaping, not deleting: the reader sees what the author wrote.
    assert "&lt;script&gt;" in rendered
    assert "&lt;img src=x onerror=" in rendered


@pytest.mark.parametrize(
    "markdown",
    [
        "[a](javascript:alert(1))",
        "[a](  JAVASCRIPT:alert(1))",
        "[a](java\tscript:alert(1))",
        "[a](javascript&#58;alert(1))",
        "[a](&#x6A;avascript:alert(1))",
        "[a](java&#x0A;script:alert(1))",
        "[a][r]\n\n[r]: javascript:alert(1)",
        "[a][r]\n\n[r]: <javascript:alert(1)>",
        "<javascript:alert(1)>",
        "![a](javascript:alert(1))",
        "![a](data:image/svg+xml;base64,PHN2Zz4=)",
        "[a](data:text/html,<script>alert(1)</script>)",
        "[a](vbscript:msgbox(1))",
    ],
)
def test_each_dangerous_link_form_is_refused_on_its_own(markdown: str) -> None:
    for _, attrs in elements(render_markdown(markdown)):
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                assert not scheme_of(value).startswith(
                    ("javascript:", "vbscript:", "data:text", "data:image/svg")
                )


def test_safe_links_and_images_still_work() -> None:
    rendered = render_markdown("[site](https://example.org) ![dot](data:image/png;base64,iVBORw0KGgo=)")
    assert '<a href="https://example.org">site</a>' in rendered
    assert '<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">' in rendered
