"""Book text is untrusted: no payload in the corpus survives ingest as something that can run.

Raw HTML is sanitised, not escaped, so the checks here are on what the allowlist lets through:
only tags and attributes a book needs, ids and classes only as ingest writes them, and links and
pictures only in safe schemes. test_xss_browser.py proves the same in Chromium, where mutation
XSS would show.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from app.ingest import SourceFile, parse_book, render_markdown
from app.ingest.highlight import CLASSES as CODE_CLASSES
from app.ingest.sanitize import TAGS

CORPUS = (Path(__file__).parent / "xss_corpus.md").read_text(encoding="utf-8")
ALLOWED_ATTRIBUTES = {
    "href", "src", "alt", "title", "class", "id", "value", "data-chapter", "lang", "dir", "width", "height",
    "colspan", "rowspan", "start", "open", "tabindex",
}  # fmt: skip
OUR_CLASSES = {
    "footnote-ref", "footnotes", "footnotes-list", "picture-missing", "picture-link", "callout", "callout-title",
    "tab", "tab-title", "math",
} | set(CODE_CLASSES)  # fmt: skip
SAFE_IMAGE_DATA = re.compile(r"^data:image/(gif|png|jpeg|webp);base64,")
ANCHOR = re.compile(r"(h-[\w-]+|p-[0-9a-f]{8}(-\d+)?)")


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


def test_only_allowlisted_elements_are_rendered(rendered: str) -> None:
    tags = {tag for tag, _ in elements(rendered)}
    assert tags <= TAGS
    assert not tags & {"script", "iframe", "svg", "math", "object", "embed", "style", "form", "template",
                       "noscript", "input", "button", "base", "meta", "link", "select", "textarea"}  # fmt: skip


def test_no_event_handler_style_or_unknown_attribute_is_rendered(rendered: str) -> None:
    for tag, attrs in elements(rendered):
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert name in ALLOWED_ATTRIBUTES, (tag, name)
            if name == "id":  # ingest's own anchors only, never an id the book chose
                assert ANCHOR.fullmatch(value or ""), value
                assert value != "p-00000000"
            if name == "class":
                assert set((value or "").split()) <= OUR_CLASSES | {
                    c for c in (value or "").split() if c.startswith("callout-")
                }, value
            if name == "data-chapter":
                assert (value or "").isdigit(), value
            if name == "tabindex":  # ingest's code blocks, which scroll, and so must take focus
                assert (tag, value) == ("pre", "0")


def test_ids_and_classes_the_book_wrote_itself_are_dropped(rendered: str) -> None:
    assert 'id="frame"' not in rendered
    assert 'class="prose"' not in rendered
    assert "p-00000000" not in rendered
    assert 'name="getElementById"' not in rendered


def test_no_link_or_image_points_at_a_dangerous_scheme(rendered: str) -> None:
    for tag, attrs in elements(rendered):
        for name, value in attrs:
            if name not in ("href", "src") or value is None:
                continue
            target = scheme_of(value)
            if name == "href":
                assert target.startswith(("http:", "https:", "mailto:", "#")), (tag, value)
            else:
                assert tag == "img"
                assert SAFE_IMAGE_DATA.match(target), value


def test_safe_html_keeps_its_text_and_dangerous_html_goes_with_its_content(rendered: str) -> None:
    assert (
        '<details open=""><summary>Kept, without its handler</summary>A safe tag keeps its text.</details>'
        in rendered
    )
    assert "a page-covering style" in rendered
    assert "styled" in rendered  # <div style=…>styled</div>: the div's text stays, its style goes
    assert "postMessage({xss: &quot;script&quot;" not in rendered
    assert "xss: 'template'" not in rendered
    assert (
        '&lt;img src=x onerror="window' not in rendered
    )  # sanitised, not escaped: valid HTML never shows as text


def test_the_hostile_footnotes_were_rendered_as_footnotes(rendered: str) -> None:
    # Otherwise the checks above would pass without having seen a note.
    assert 'class="footnotes"' in rendered
    assert "A note can hold a" in rendered
    assert 'alert("in a note")' not in rendered


def test_the_hostile_dialect_blocks_were_rendered_as_callouts_and_links(rendered: str) -> None:
    # `:::` containers, MyST directives and roles, and Hugo shortcodes each build markup of their
    # own from the book's words; the checks above see it only if it was built.
    assert '<div class="callout callout-warning"' in rendered
    assert "A MyST title is Markdown" in rendered
    assert "A Hugo note's title is text" in rendered
    assert "<a>role with a script target</a>" in rendered  # the link kept its words, lost its target
    assert "A figure from a script address is no picture." in rendered
    assert "myst-figure" not in rendered


def test_code_keeps_tags_as_text(rendered: str) -> None:
    assert "&lt;script&gt;alert(&quot;in code&quot;)&lt;/script&gt;" in rendered or (
        '&lt;script&gt;alert("in code")&lt;/script&gt;' in rendered
    )


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
        '<a href="javascript:alert(1)">raw</a>',
        '<a href="JaVaScRiPt&colon;alert(1)">raw</a>',
        '<img src="data:image/svg+xml,&lt;svg onload=alert(1)&gt;">',
        '<img srcset="javascript:alert(1)">',
    ],
)
def test_each_dangerous_link_form_is_refused_on_its_own(markdown: str) -> None:
    for _, attrs in elements(render_markdown(markdown)):
        for name, value in attrs:
            if name in ("href", "src", "srcset") and value is not None:
                assert not scheme_of(value).startswith(
                    ("javascript:", "vbscript:", "data:text", "data:image/svg")
                )


def test_safe_links_and_images_still_work() -> None:
    rendered = render_markdown("[site](https://example.org) ![dot](data:image/png;base64,iVBORw0KGgo=)")
    assert '<a href="https://example.org">site</a>' in rendered
    assert '<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">' in rendered
