"""Screenshots that show the product, in both themes, each taken only once the view shows what it should.

They land in artifacts/screenshots/showcase/ as `<what>-<theme>.png`; `make screenshots` copies the
light library, book and reader into docs/screenshots/ for the README.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import FrameLocator, Locator, Page, Response, expect

from tests.browser import Watched
from tests.e2e.showcase import Showcase

THEMES = ("light", "dark")
WIDTH = "760"  # the preview host's default, which the other e2e screenshots and the README's use
INLINE_CAP = 1100  # the preview host's MAX_INLINE_HEIGHT: a taller widget scrolls inside its frame
PARTS = ["Part I — Reading the Water", "Part II — The Mechanism", "Part III — Firmware in Rust",
         "Part IV — Out on the Quay"]  # fmt: skip


def open_host(page: Page, base: str, tool: str, args: dict[str, object], theme: str) -> FrameLocator:
    query = {"tool": tool, "args": json.dumps(args), "dialect": "mcp-apps", "theme": theme, "width": WIDTH}
    page.goto(f"{base}/dev?{urlencode(query)}")
    return page.frame_locator("#frame")


def shoot(page: Page, frame: FrameLocator, artifacts: Path, name: str, theme: str) -> None:
    """Photograph the widget in the theme asked for, once the host has sized the frame to it."""
    expect(frame.locator("html")).to_have_attribute("data-theme", theme)
    background = frame.locator("body").evaluate("b => getComputedStyle(b).backgroundColor")
    red, green, blue = (int(part) for part in re.findall(r"\d+", background)[:3])
    luminance = (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255
    assert luminance < 0.25 if theme == "dark" else luminance > 0.85
    height = frame.locator("html").evaluate("h => Math.ceil(h.getBoundingClientRect().height)")
    expect(page.locator("#frame")).to_have_css("height", f"{min(max(height, 120), INLINE_CAP)}px")
    folder = artifacts / "screenshots" / "showcase"
    folder.mkdir(parents=True, exist_ok=True)
    page.locator("#stage").screenshot(path=str(folder / f"{name}-{theme}.png"), animations="disabled")


def loaded_width(picture: Locator) -> int:
    """The picture's natural width once it has loaded and decoded; 0 if it never does."""
    return int(picture.evaluate("img => img.decode().then(() => img.naturalWidth, () => 0)"))


def test_the_readme_pictures_show_the_sample_library_a_book_and_a_chapter_with_its_diagram(
    watched: Watched, samples_url: str, artifacts: Path
) -> None:
    page = watched.page
    # Reading a chapter saves progress, which the library and the book would then show: they go first.
    for theme in THEMES:
        frame = open_host(page, samples_url, "list-books", {}, theme)
        expect(frame.locator(".card-title")).to_have_text(["Chapterwise from the Inside", "慢读小记"])
        expect(frame.locator(".resume")).to_have_count(0)
        shoot(page, frame, artifacts, "library", theme)
    for theme in THEMES:
        frame = open_host(page, samples_url, "open-book", {"book": "chapterwise-guide"}, theme)
        expect(frame.locator(".cover h1")).to_have_text("Chapterwise from the Inside")
        expect(frame.locator(".toc li")).to_have_count(8)
        expect(frame.get_by_role("button", name="Start reading")).to_be_visible()
        shoot(page, frame, artifacts, "book", theme)
    for theme in THEMES:
        frame = open_host(
            page, samples_url, "read-chapter", {"book": "chapterwise-guide", "chapter": 2}, theme
        )
        expect(frame.locator(".chapter-title")).to_have_text("The Contract")
        assert loaded_width(frame.locator(".prose img").first) == 720
        shoot(page, frame, artifacts, "reader", theme)
    assert watched.errors == []


def test_a_listing_pulled_in_by_an_include_is_highlighted_in_each_themes_colours(
    watched: Watched, showcase_url: str, showcase: Showcase, artifacts: Path
) -> None:
    page = watched.page
    args = {"book": showcase.slug, "chapter": showcase.number("Predicting the Next High Water")}
    keywords = {}
    for theme in THEMES:
        frame = open_host(page, showcase_url, "read-chapter", args, theme)
        listings = frame.locator(".prose pre code")
        expect(listings).to_have_count(4)
        expect(listings).to_contain_text(["pub struct Constituent", "pub fn height(", "pub fn next_high_water(",
                                          "def height("])  # fmt: skip
        # The anchors' lines and the directives themselves never show.
        expect(frame.locator(".prose")).not_to_contain_text("ANCHOR")
        expect(frame.locator(".prose")).not_to_contain_text("{{#")
        for listing in (listings.first, listings.last):  # Rust, then Python
            colours = listing.evaluate(
                """code => {
                    const plain = getComputedStyle(code).color;
                    const spans = [...code.querySelectorAll('span[class]')];
                    return { plain, keyword: getComputedStyle(code.querySelector('span.k')).color,
                             others: [...new Set(spans.map(s => getComputedStyle(s).color))] };
                }"""
            )
            assert colours["keyword"] != colours["plain"]
            assert len(set(colours["others"]) - {colours["plain"]}) >= 3  # keywords, types, comments…
        keywords[theme] = colours["keyword"]
        shoot(page, frame, artifacts, "code", theme)
    assert keywords["light"] != keywords["dark"]
    assert watched.errors == []


def test_pictures_written_as_html_load_a_details_block_opens_and_a_warning_stands_apart(
    watched: Watched, showcase_url: str, showcase: Showcase, artifacts: Path
) -> None:
    page = watched.page
    args = {"book": showcase.slug, "chapter": showcase.number("Reading the Tide Board")}
    washes = {}
    for theme in THEMES:
        frame = open_host(page, showcase_url, "read-chapter", args, theme)
        pictures = frame.locator(".prose figure img")
        expect(pictures).to_have_count(2)
        assert [loaded_width(pictures.nth(n)) for n in range(2)] == [480, 480]
        expect(pictures.first).to_have_attribute("src", re.compile("^data:image/png;"))
        expect(pictures.last).to_have_attribute("src", re.compile("^data:image/svg"))
        expect(frame.locator(".prose figcaption")).to_contain_text(
            ["The board at the harbour steps", "One lunar day"]
        )
        details = frame.locator(".prose details")
        inside = details.locator("p").first
        expect(inside).to_be_hidden()
        details.locator("summary").click()
        expect(inside).to_be_visible()
        expect(inside).to_contain_text("high pressure presses the sea down")
        prose = frame.locator(".prose")
        for markup in ("<figure", "<img", "<details", "<summary", "figcaption>"):
            expect(prose).not_to_contain_text(markup)
        # The chapter's title is above the fold: bring the pictures and the opened block into the frame.
        frame.locator(".prose figure").first.evaluate(
            "figure => { figure.scrollIntoView(); scrollBy(0, -14); }"
        )
        shoot(page, frame, artifacts, "pictures", theme)

        # A warning is a box of its own, ruled and washed in its kind's colour, unlike the plain
        # <details> box above it and unlike the text; a definition list sets its terms apart.
        warning = frame.locator(".prose .callout-warning")
        expect(warning.locator(".callout-title")).to_have_text("Not from the bottom step")
        expect(frame.locator(".prose dt")).to_have_text(["Chart datum", "Range"])
        look = frame.locator(".prose").evaluate(
            """prose => {
                const of = (selector) => {
                    const node = prose.querySelector(selector), style = getComputedStyle(node);
                    return { background: style.backgroundColor, rule: style.borderInlineStartWidth,
                             ruleColour: style.borderInlineStartColor, weight: Number(style.fontWeight),
                             left: node.getBoundingClientRect().left };
                };
                return { warning: of('.callout-warning'), title: of('.callout-title'), details: of('details'),
                         text: of(':scope > p'), term: of('dt'), definition: of('dd') };
            }"""
        )
        plain = {look["text"]["background"], look["details"]["background"]}
        assert look["warning"]["background"] not in plain
        assert (look["warning"]["rule"], look["details"]["rule"]) == ("4px", "1px")
        assert look["warning"]["ruleColour"] != look["details"]["ruleColour"]
        assert look["title"]["weight"] >= 600 > look["text"]["weight"]
        assert look["term"]["weight"] >= 600 > look["definition"]["weight"]
        assert look["definition"]["left"] > look["term"]["left"]
        washes[theme] = look["warning"]["background"]
        details.evaluate("details => { details.scrollIntoView(); scrollBy(0, -14); }")
        shoot(page, frame, artifacts, "asides", theme)
    assert washes["light"] != washes["dark"]
    assert watched.errors == []


def test_a_search_lists_its_passages_across_chapters_with_the_words_marked(
    watched: Watched, showcase_url: str, artifacts: Path
) -> None:
    page = watched.page
    for theme in THEMES:
        frame = open_host(page, showcase_url, "search", {"query": "slack"}, theme)
        expect(frame.locator("h1")).to_have_text("Passages with “slack”")
        hits = frame.locator(".hit")
        expect(hits.first).to_be_visible()
        assert hits.count() >= 4
        assert {word.lower() for word in hits.locator("mark").all_inner_texts()} == {"slack"}
        assert set(hits.locator(".where .book").all_inner_texts()) == {"The Tide Clock"}
        assert len(set(hits.locator(".where > span:last-child").all_inner_texts())) >= 4  # chapters
        shoot(page, frame, artifacts, "search", theme)
    assert watched.errors == []


def saved_progress(chapter: int) -> Callable[[Response], bool]:
    """A response to the widget's save-progress call for `chapter`."""

    def check(response: Response) -> bool:
        body = response.request.post_data_json if response.request.method == "POST" else None
        call = body.get("params", {}) if isinstance(body, dict) and body.get("method") == "tools/call" else {}
        return call.get("name") == "save-progress" and call.get("arguments", {}).get("chapter") == chapter

    return check


def highlight(frame: FrameLocator, words: str, colour: str, note: str = "") -> None:
    """Select the words as a reader does with the mouse, then highlight them in a colour."""
    found = frame.locator(".prose").evaluate(
        """(prose, words) => {
            for (const walker = document.createTreeWalker(prose, NodeFilter.SHOW_TEXT); walker.nextNode();) {
                const at = walker.currentNode.data.indexOf(words);
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(walker.currentNode, at);
                range.setEnd(walker.currentNode, at + words.length);
                getSelection().removeAllRanges();
                getSelection().addRange(range);
                return true;
            }
            return false;
        }""",
        words,
    )
    assert found, words
    frame.get_by_role("button", name="🖍 Highlight").click()
    frame.get_by_role("button", name=colour).click()
    if note:
        frame.get_by_role("textbox", name="Note").fill(note)
    frame.get_by_role("button", name="Save").click()


FIRST = "Twice a month the Sun and the Moon line up and their pulls add together."
SECOND = "A single hand cannot show the range, only the phase."
NOTE = "Add the range ring to the face before winter."


def test_a_reader_finds_a_large_books_contents_reads_on_marks_passages_and_finds_them_again(
    watched: Watched, reading_url: str, showcase: Showcase, artifacts: Path
) -> None:
    page, book, total = watched.page, {"book": showcase.slug}, len(showcase.chapters)
    assert total >= 40
    # 1. The contents: four parts, numbered chapters, sub-chapters two levels deep; nothing read yet.
    for theme in THEMES:
        frame = open_host(page, reading_url, "open-book", book, theme)
        toc = frame.locator(".toc")
        expect(toc.locator("li.part")).to_have_text(PARTS)
        expect(toc.locator("li:not(.part)")).to_have_count(total)
        expect(toc.locator("li.depth-1")).to_have_count(23)
        expect(toc.locator("li.depth-2 .n")).to_have_text(
            ["2.2.1", "2.2.2", "5.1.1", "5.1.2", "10.1.1", "10.1.2"]
        )
        expect(frame.get_by_role("button", name="Start reading")).to_be_visible()
        shoot(page, frame, artifacts, "contents", theme)

    # 2. Reading the first five chapters, one after the other, saves where the reader stopped.
    frame.get_by_role("button", name="Start reading").click()
    # The book numbers its chapters, so its opening chapter, unnumbered in SUMMARY.md, shows no
    # number at all (not "Chapter 1 of 45"), and its chapter 2 is the book's own "1".
    expect(frame.locator(".eyebrow")).to_have_text("The Tide Clock")
    for chapter in range(1, 5):
        expect(frame.locator(".chapter-title")).to_contain_text(showcase.chapters[chapter - 1])
        if chapter == 2:
            expect(frame.locator(".chapter-title .label")).to_have_text(re.compile(r"^1\s*$"))
            expect(frame.locator(".eyebrow")).to_have_text("The Tide Clock")
        if chapter < 4:
            frame.get_by_role("button", name="Next chapter →").click()
    with page.expect_response(saved_progress(5)) as saved:
        frame.get_by_role("button", name="Next chapter →").click()
    assert not saved.value.json()["result"].get("isError")
    for theme in THEMES:
        frame = open_host(page, reading_url, "list-books", {}, theme)
        resume = frame.locator(".resume")
        expect(resume.locator("strong")).to_have_text("The Tide Clock")
        where = resume.locator(".meta")
        expect(where).to_have_text(re.compile(r"^\d+%\sread$"))
        percent = int(re.findall(r"(\d+)%\sread", where.inner_text())[0])
        assert 0 < percent < 100
        expect(resume.locator(".meter span")).to_have_attribute("style", f"width: {percent}%;")
        # Named as the book numbers it, as the book's own Continue button is below.
        expect(resume.get_by_role("button", name="Continue at chapter 2.2")).to_be_visible()
        shoot(page, frame, artifacts, "library-continue", theme)

    # 3. Two passages highlighted in different colours, one with a note.
    frame = open_host(page, reading_url, "read-chapter", {**book, "chapter": 5}, "light")
    highlight(frame, FIRST, "Blue", NOTE)
    expect(frame.locator(".prose mark.hl.blue")).to_have_text(FIRST)
    highlight(frame, SECOND, "Pink")
    expect(frame.locator(".prose mark.hl.pink")).to_have_text(SECOND)
    for theme in THEMES:
        frame = open_host(page, reading_url, "read-chapter", {**book, "chapter": 5}, theme)
        expect(frame.locator(".prose mark.hl.blue")).to_have_attribute("title", NOTE)
        expect(frame.locator(".prose mark.hl.pink")).to_have_text(SECOND)
        expect(frame.locator(".prose .noted")).to_have_text(["✎"])  # one note, one marker
        shoot(page, frame, artifacts, "reader-highlights", theme)

    # 4. The book ticks the chapters read and counts the highlights; the notes view lists them.
    for theme in THEMES:
        frame = open_host(page, reading_url, "open-book", book, theme)
        expect(frame.get_by_role("button", name="🖍 Highlights (2)")).to_be_visible()
        expect(frame.get_by_role("img", name="read")).to_have_count(4)
        # Ticked chapters keep their own numbers; the one to go on with is named by its number too.
        expect(frame.locator(".toc .n").nth(3)).to_have_text("2.1")
        expect(frame.locator(".toc [aria-current]")).to_contain_text("Springs and Neaps")
        expect(frame.get_by_role("button", name="Continue at chapter 2.2")).to_be_visible()
        shoot(page, frame, artifacts, "book-highlights", theme)
    for theme in THEMES:
        frame = open_host(page, reading_url, "read-notes", book, theme)
        expect(frame.locator(".notes .part")).to_have_text(
            ["2.2 · Springs and Neaps"]
        )  # the book's own number
        expect(frame.locator(".note blockquote")).to_have_text([FIRST, SECOND])
        expect(frame.locator(".note.blue")).to_contain_text(NOTE)
        expect(frame.locator(".note .meta")).to_have_text([re.compile(r"^¶ 5\.\d+$")] * 2)
        shoot(page, frame, artifacts, "notes", theme)
    assert watched.errors == []
