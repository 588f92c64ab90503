""".mdx files: their ESM, comments and expressions leave the text, their components read as meant."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.errors import ImportProblem
from app.ingest import find_books, parse_book, read_book
from app.ingest.draft import BookDraft
from app.ingest.mdx import without_code
from app.ingest.sourcefile import SourceFile
from tests.ingest.helpers import markdown_of


def book(text: str, name: str = "page.mdx") -> BookDraft:
    return parse_book([SourceFile(name, text)], slug="docs")


def html_of(draft: BookDraft) -> str:
    """The pages' HTML without the blocks' ids, which say nothing about these rules."""
    return re.sub(
        r' id="[^"]*"', "", "".join(page.html for chapter in draft.chapters for page in chapter.pages)
    )


def test_import_and_export_statements_leave_an_mdx_page_even_over_several_lines() -> None:
    text = (
        "import { Lantern, Wick } from '../parts/lamps';\n\n"
        "import {\n  Oil,\n  Flame,\n} from './fuel.js';\n\n"
        "export const shelf = {\n  height: 3,\n\n  colour: 'teal',\n};\n\n"
        "# Lamps\n\nA lamp needs oil.\n"
    )
    # Each statement line becomes a blank one, so later lines keep their numbers.
    assert without_code(text) == "\n" * 13 + "# Lamps\n\nA lamp needs oil.\n"
    draft = book(text)
    assert "import" not in markdown_of(draft)
    assert "export" not in markdown_of(draft)
    assert "shelf" not in html_of(draft)
    assert "A lamp needs oil." in html_of(draft)


def test_a_paragraph_starting_with_import_is_prose_in_md_files_and_mid_paragraph_in_mdx() -> None:
    prose = "# Trade\n\nimport duties from the harbour are paid in 'salt' by tradition.\n"
    assert "import duties" in markdown_of(book(prose, "trade.md"))
    continued = "# Trade\n\nShips arrive daily and\nimport { cloth } from 'the east';\n"
    assert "import { cloth }" in without_code(continued)


def test_esm_inside_a_code_fence_stays_as_code() -> None:
    text = "# Setup\n\n```js\nimport { kettle } from 'kitchen';\n{/* a comment shown to readers */}\n```\n"
    draft = book(text)
    assert "import { kettle } from 'kitchen';" in markdown_of(draft)
    assert "{/* a comment shown to readers */}" in markdown_of(draft)


def test_comments_leave_without_splitting_or_merging_paragraphs() -> None:
    text = (
        "# Notes\n\nFirst line {/* mid-sentence note */} goes on.\n{/* a note on its own line */}\n"
        "Second line.\n\n{/*\nA note\n\nover blank lines\n*/}\n\nAfter. Shown `{/* in code */}` too.\n"
    )
    draft = book(text)
    assert markdown_of(draft) == ("First line goes on.\nSecond line.\n\nAfter. Shown `{/* in code */}` too.")
    assert draft.warnings == ()  # comments are the author's notes: dropping them is not news


def test_expressions_in_prose_are_dropped_with_one_warning_and_escaped_braces_stay() -> None:
    text = "# Values\n\nThe version is {props.version} today.\n\n{frontmatter.banner}\n\nSets look like \\{1, 2\\}.\n"
    draft = book(text)
    assert markdown_of(draft) == "The version is today.\n\nSets look like {1, 2}."
    assert [w.split(": ", 1)[1] for w in draft.warnings] == [
        "expressions ({…}) only the site's code can work out were left out."
    ]


def test_a_string_in_braces_is_its_text_and_no_cause_for_a_warning() -> None:
    text = "# Values\n\nRun the command{' '}\n<strong>now</strong>, then{\" \"}wait. Write `{' '}` for a space.\n"
    draft = book(text)
    assert markdown_of(draft) == "Run the command\nnow, then wait. Write `{' '}` for a space."
    assert draft.warnings == ()


def test_braces_in_md_files_are_text() -> None:
    assert "{props.version}" in markdown_of(book("# Values\n\nWrite {props.version} here.\n", "values.md"))


def test_starlight_tabs_become_labelled_sections_with_their_code_intact() -> None:
    text = (
        '# Install\n\n<Tabs>\n  <TabItem label="Pip">\n```sh\npip install lantern\n```\n  </TabItem>\n'
        '  <TabItem label="From source">\n\n    Build it **yourself**.\n\n  </TabItem>\n</Tabs>\n\nDone.\n'
    )
    draft = book(text)
    html = html_of(draft)
    assert html.count('class="tab"') == 2
    assert '<p class="tab-title">Pip</p>' in html
    assert '<p class="tab-title">From source</p>' in html
    assert "pip install lantern" in html
    assert "<strong>yourself</strong>" in html
    assert "&lt;" not in html
    assert "TabItem" not in html
    assert markdown_of(draft) == (
        "**Pip**\n\n```sh\npip install lantern\n```\n\n**From source**\n\nBuild it **yourself**.\n\nDone."
    )


def test_docusaurus_tabs_are_labelled_by_label_else_value() -> None:
    text = (
        '# Fruit\n\n<Tabs>\n<TabItem value="apple" label="Apple" default>\n\nCrisp.\n\n</TabItem>\n'
        '<TabItem value="pear">\n\nSoft.\n\n</TabItem>\n</Tabs>\n'
    )
    assert markdown_of(book(text)) == "**Apple**\n\nCrisp.\n\n**pear**\n\nSoft."


def test_nextra_tabs_take_their_labels_from_the_items_of_their_tabs() -> None:
    text = (
        "# Run\n\n<Tabs items={['Tram', 'Ferry']}>\n<Tabs.Tab>\n\nLine 4.\n\n</Tabs.Tab>\n"
        "<Tabs.Tab>\n\nPier 2.\n\n</Tabs.Tab>\n</Tabs>\n"
    )
    assert markdown_of(book(text)) == "**Tram**\n\nLine 4.\n\n**Ferry**\n\nPier 2."


def test_asides_and_admonitions_become_callouts_of_their_type() -> None:
    text = (
        '# Care\n\n<Aside type="caution" title="Hot glass">\nLet the lamp cool.\n</Aside>\n\n'
        "<Aside>\nTrim the wick.\n</Aside>\n\n"
        '<Admonition type="tip">\n\nKeep spare *mantles*.\n\n</Admonition>\n'
    )
    draft = book(text)
    html = html_of(draft)
    assert '<div class="callout callout-caution">\n<p class="callout-title">Hot glass</p>' in html
    assert (
        '<div class="callout callout-note">\n<p class="callout-title">Note</p>\n<p>Trim the wick.</p>' in html
    )
    assert '<p class="callout-title">Tip</p>\n<p>Keep spare <em>mantles</em>.</p>' in html
    assert markdown_of(draft).startswith("> **Hot glass**\n>\n> Let the lamp cool.")


def test_steps_keep_their_list_and_indented_markdown_is_never_code() -> None:
    text = "# Steps\n\n<Steps>\n\n    1. Fill the lamp.\n\n        ```sh\n        fill --slow\n        ```\n\n    2. Light it.\n\n</Steps>\n"
    draft = book(text)
    html = html_of(draft)
    assert "<ol" in html
    assert "<li>" in html
    assert "fill --slow" in html
    assert markdown_of(draft) == "1. Fill the lamp.\n\n   ```sh\n   fill --slow\n   ```\n\n2. Light it."


def test_cards_are_titled_sections_and_link_cards_are_links() -> None:
    text = (
        '# More\n\n<CardGrid>\n<Card title="Next" icon="rocket">\nRead the *guide*.\n</Card>\n'
        '<LinkCard title="Lamp shop" href="https://lamps.example/" description="Wicks and oil." />\n'
        '<LinkCard title="Care" href="care.mdx" />\n</CardGrid>\n'
    )
    draft = parse_book(
        [SourceFile("more.mdx", text), SourceFile("care.mdx", "# Care\n\nWipe the glass.\n")], slug="docs"
    )
    html = "".join(page.html for page in draft.chapters[0].pages)
    assert '<p class="tab-title">Next</p>\n<p>Read the <em>guide</em>.</p>' in html
    assert '<a href="https://lamps.example/">Lamp shop</a>: Wicks and oil.' in html
    assert 'data-chapter="2">Care</a>' in html
    assert "[Lamp shop](https://lamps.example/): Wicks and oil." in draft.chapters[0].pages[0].markdown


def test_unknown_components_leave_their_content_and_their_tags_nothing() -> None:
    text = (
        '# Parts\n\n<Banner\n  tone="loud"\n  size={3}\n/>\n\n<Reveal hint="Think first">\n\nThe answer is *four*.\n\n'
        "</Reveal>\n\n<Unclosed>\nStill read.\n"
    )
    draft = book(text)
    assert markdown_of(draft) == "The answer is *four*.\n\nStill read."
    assert "loud" not in html_of(draft)
    assert "Think first" not in html_of(draft)


@pytest.mark.parametrize(
    "attribute",
    [
        'title="<img src=x onerror=alert(1)>"',
        "title='x\" onclick=\"alert(1)'",
        'title="**bold** [link](javascript:alert(1)) `code`"',
        'title="&lt;script&gt;alert(1)&lt;/script&gt;"',
    ],
)
def test_attribute_values_are_plain_text_never_markup(attribute: str) -> None:
    draft = book(f"# Safe\n\n<Card {attribute}>\nBody.\n</Card>\n\n<Aside {attribute}>\nBody.\n</Aside>\n")
    html = html_of(draft)
    assert html.count('<p class="tab-title">') == 1
    assert html.count('<p class="callout-title">') == 1
    assert re.findall(r"<(\w+)", html) == ["div", "p", "p", "div", "p", "p"]  # the author's markup is text
    assert not re.search(r"<[^>]*\son\w+=", html)


@pytest.mark.parametrize(
    "href", ["javascript:alert(1)", "data:text/html,<b>x</b>", "vbscript:x", " java\nscript:x"]
)
def test_a_link_card_to_a_scheme_a_reader_cannot_follow_keeps_only_its_title(href: str) -> None:
    html = html_of(book(f'# Links\n\n<LinkCard title="Go" href="{href}" />\n'))
    assert "Go" in html
    assert "href" not in html


def test_a_folder_of_mdx_files_is_a_book_and_mdx_files_in_a_mixed_folder_are_chapters(tmp_path: Path) -> None:
    docs = tmp_path / "guide"
    docs.mkdir()
    (docs / "index.mdx").write_text("---\ntitle: Lamp guide\n---\n\nimport X from 'x';\n\nAbout lamps.\n")
    (docs / "care.mdx").write_text("---\ntitle: Care\n---\n\nWipe the glass.\n")
    (docs / "oil.md").write_text("# Oil\n\nUse clean oil.\n")
    assert find_books(docs) == [docs]
    draft = read_book(docs)
    assert draft.title == "Lamp guide"  # named by its index.mdx, as an index.md would name it
    assert [chapter.title for chapter in draft.chapters] == ["Care", "Oil"]


def test_a_folder_with_no_markdown_says_which_files_it_looked_for(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("plain")
    with pytest.raises(ImportProblem, match=r"\.md, \.mdx, \.qmd or \.Rmd"):
        find_books(tmp_path)


def test_a_component_closed_outside_the_list_item_it_opened_in_loses_no_line() -> None:
    text = "# Steps\n\n1. Light the lamp.\n\n   <Aside>\n   Mind the wick.\n</Aside>\n\nThen wait.\n"
    assert markdown_of(book(text)) == "1. Light the lamp.\n\n   Mind the wick.\n\nThen wait."


def test_a_tag_with_expression_attributes_is_still_html_even_spread_over_lines(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "lamp.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    text = (
        "# Lamps\n\n"
        '<img src="lamp.png" style={{ width: "200px" }} alt="Lit lamp." />\n\n'
        "<Frame>\n  <img\n  src=\"lamp.png\"\n  style={{\n    width: '268px',\n    height: 'auto',\n  }}\n"
        '  alt="Dark lamp."\n/>\n</Frame>\n\n'
        "Keep `a={b}` and x={y} as written.\n"
    )
    (tmp_path / "docs" / "lamps.mdx").write_text(text, encoding="utf-8")
    html = html_of(read_book(tmp_path / "docs"))
    assert "&lt;img" not in html
    assert html.count("<img ") == 2
    assert 'alt="Lit lamp."' in html
    assert 'alt="Dark lamp."' in html
    assert "<code>a={b}</code> and x= as written" in html  # prose braces are expressions, as before


def test_an_attribute_expression_that_never_closes_leaves_the_page_as_written() -> None:
    text = "# A\n\n<img src='x.png' style={{ width: 1 />\n\nAfter.\n"
    assert without_code(text) == text


def test_a_card_keeps_its_words_when_it_is_no_box() -> None:
    html = html_of(book('# A\n\n<Card title="Lamps" href="/lamps">How to trim a wick.</Card> Then more.\n'))
    assert "How to trim a wick. Then more." in html


def test_a_card_with_no_body_is_a_link_even_with_a_drawn_icon_over_many_lines() -> None:
    text = (
        '# Harbours\n\n<CardGroup cols={2}>\n  <Card\n    title="North pier"\n    href="https://example.org/north"\n'
        '    icon={\n      <svg viewBox="0 0 9 9">\n        <path style={{ fill: "#123" }} d="m0,0v9" />\n'
        '      </svg>\n    }\n  />\n\n  <Card title="South pier" href="https://example.org/south" icon={<Pier />} />\n'
        "</CardGroup>\n"
    )
    html = html_of(book(text))
    assert '<a href="https://example.org/north">North pier</a>' in html
    assert '<a href="https://example.org/south">South pier</a>' in html
    assert "&lt;" not in html
    assert "svg" not in html
