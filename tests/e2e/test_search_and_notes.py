"""Finding a passage, citing it, marking it, and coming back to it: search, highlights, notes and progress."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import FrameLocator, Page, expect

from tests.browser import Watched
from tests.conftest import library_copy
from tests.serving import chapterwise

DIALECTS = ["mcp-apps", "openai"]


@pytest.fixture(scope="module")
def url(samples_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server of its own: these tests write reading state, which the other e2e tests must not see."""
    with chapterwise(library_copy(samples_template, tmp_path_factory.mktemp("notes")), "--dev") as base:
        yield base


def open_host(page: Page, base: str, tool: str, args: dict[str, object], **options: str) -> FrameLocator:
    page.goto(f"{base}/dev?{urlencode({'tool': tool, 'args': json.dumps(args), **options})}")
    return page.frame_locator("#frame")


def select_words(frame: FrameLocator) -> str:
    """Select the first sentence of the chapter's first plain paragraph, as a reader does with the mouse."""
    return str(
        frame.locator(".prose").evaluate(
            """prose => {
                const p = [...prose.children].find(node => node.tagName === 'P'
                    && node.firstChild?.nodeType === Node.TEXT_NODE && node.firstChild.data.includes('. '));
                const text = p.firstChild;
                const range = document.createRange();
                range.setStart(text, 0);
                range.setEnd(text, text.data.indexOf('. ') + 1);
                getSelection().removeAllRanges();
                getSelection().addRange(range);
                return range.toString().replace(/\\s+/g, ' ');
            }"""
        )
    )


def shoot(page: Page, artifacts: Path, name: str) -> None:
    (artifacts / "screenshots").mkdir(parents=True, exist_ok=True)
    page.locator("#stage").screenshot(path=str(artifacts / "screenshots" / f"{name}.png"))


@pytest.mark.parametrize("dialect", DIALECTS)
def test_search_from_the_library_and_land_lit_on_the_passage(
    watched: Watched, url: str, dialect: str, artifacts: Path
) -> None:
    page = watched.page
    frame = open_host(page, url, "list-books", {}, dialect=dialect)
    frame.get_by_role("searchbox").fill("hosts cache")
    frame.get_by_role("button", name="Search", exact=True).click()
    expect(frame.locator("h1")).to_have_text("Passages with “hosts cache”")
    hit = frame.locator(".hit").first
    expect(hit).to_contain_text("¶ 2.12")
    expect(hit.locator("mark").first).to_have_text(re.compile("^Hosts$", re.IGNORECASE))
    shoot(page, artifacts, f"search-{dialect}")
    hit.click()
    expect(frame.locator(".chapter-title")).to_have_text("The Contract")
    passage = frame.locator(".prose .arrived")
    expect(passage).to_have_count(1)
    expect(passage).to_contain_text("Hosts cache")
    assert passage.evaluate(
        "p => p.getBoundingClientRect().top >= 0 && p.getBoundingClientRect().top < innerHeight"
    )
    assert watched.errors == []


def test_a_chinese_search_of_two_characters_finds_its_sentence(watched: Watched, url: str) -> None:
    frame = open_host(watched.page, url, "search", {"query": "火车"}, locale="zh-CN")
    expect(frame.locator(".hit")).to_have_count(1)
    expect(frame.locator(".hit mark")).to_have_text("火车")
    expect(frame.locator(".hit .where")).to_contain_text("慢读小记")


@pytest.mark.parametrize("dialect", DIALECTS)
def test_selected_words_can_be_explained_or_asked_about_with_their_citation(
    watched: Watched, url: str, dialect: str
) -> None:
    page = watched.page
    frame = open_host(page, url, "read-chapter", {"book": "chapterwise-guide", "chapter": 2}, dialect=dialect)
    words = select_words(frame)
    bar = frame.get_by_role("group", name="Selected:")
    expect(bar).to_be_visible()
    frame.get_by_role("button", name="💡 Explain this passage").click()
    sent = page.locator("#log .entry.user").last
    expect(sent).to_contain_text(
        "Explain this passage, from the book 'chapterwise-guide', chapter 2, [¶ 2.1]:"
    )
    expect(sent).to_contain_text(words)
    # Keyboard users reach the same buttons: Tab moves into the bar, Enter presses.
    select_words(frame)
    frame.get_by_role("button", name="💬 Ask about this…").focus()
    page.keyboard.press("Enter")
    # The passage goes into the model's context: ui/update-model-context, or ChatGPT's widget state.
    context = page.locator("#log .entry.context").last
    expect(context).to_contain_text("[¶ 2.1]")
    expect(context).to_contain_text(words[:40])
    expect(bar.locator(".hint")).to_contain_text("Attached to your next message")
    assert watched.errors == []


def test_a_highlight_with_a_note_is_kept_listed_and_exported(
    watched: Watched, url: str, artifacts: Path
) -> None:
    page = watched.page
    args = {"book": "chapterwise-guide", "chapter": 3}
    frame = open_host(page, url, "read-chapter", args)
    words = select_words(frame)
    frame.get_by_role("button", name="🖍 Highlight").click()
    frame.get_by_role("button", name="Green").click()
    frame.get_by_role("textbox", name="Note").fill("The heart of ingest.")
    frame.get_by_role("button", name="Save").click()
    mark = frame.locator(".prose mark.hl.green")
    expect(mark).to_have_text(words)
    expect(mark).to_have_attribute("title", "The heart of ingest.")
    for theme in ("light", "dark"):
        open_host(page, url, "read-chapter", args, theme=theme)
        expect(frame.locator(".prose mark.hl")).to_have_text(words)  # a fresh page: kept on the server
        frame.locator(".prose mark.hl").click()  # its note opens beneath the passage
        expect(frame.get_by_role("textbox", name="Note")).to_have_value("The heart of ingest.")
        shoot(page, artifacts, f"reader-highlight-{theme}")
    # The book lists it; the notes view shows it with its note and citation, and exports Markdown.
    open_host(page, url, "open-book", {"book": "chapterwise-guide"})
    frame.get_by_role("button", name=re.compile(r"Highlights \(1\)")).click()
    note = frame.locator(".note")
    expect(note).to_contain_text(words)
    expect(note).to_contain_text("The heart of ingest.")
    expect(note.locator(".meta")).to_have_text(re.compile(r"^¶ 3\.\d+$"))
    citation = note.locator(".meta").inner_text()
    for theme in ("light", "dark"):
        open_host(page, url, "read-notes", {"book": "chapterwise-guide"}, theme=theme)
        expect(frame.locator(".note")).to_have_count(1)
        shoot(page, artifacts, f"notes-{theme}")
    frame.get_by_role("button", name="⤓ Export notes").click()
    exported = page.locator("#log .entry").filter(has_text="download file:///chapterwise-guide.md").last
    expect(exported).to_contain_text(f"> {words} [{citation}]")
    expect(exported).to_contain_text("Note: The heart of ingest.")
    # Where the host cannot save files, there is no button that would do nothing.
    open_host(page, url, "read-notes", {"book": "chapterwise-guide"}, dialect="openai")
    expect(frame.locator(".note")).to_have_count(1)
    expect(frame.get_by_role("button", name="⤓ Export notes")).to_have_count(0)
    assert watched.errors == []


@pytest.mark.parametrize("dialect", DIALECTS)
def test_the_library_offers_to_continue_where_the_reader_stopped_in_any_conversation(
    watched: Watched, url: str, dialect: str, artifacts: Path
) -> None:
    page = watched.page
    frame = open_host(page, url, "read-chapter", {"book": "slow-reading-zh", "chapter": 3}, dialect=dialect)
    expect(frame.locator(".chapter-title")).to_be_visible()
    saved = page.locator("#log .entry").filter(has_text="save-progress")
    expect(saved.first).to_contain_text('"chapter":3')
    # The same conversation reopened, and then a new one: both offer chapter 3.
    page.get_by_role("button", name="↻ Reopen").click()
    for fresh in (False, True):
        if fresh:
            frame = open_host(page, url, "list-books", {}, dialect=dialect)
        else:
            page.fill("#args", "{}")
            page.select_option("#tool", "list-books")
            page.fill("#args", "{}")
            page.click("#run button")
        resume = frame.locator(".resume")
        expect(resume).to_contain_text("慢读小记")
        expect(resume.locator(".meta")).to_have_text(re.compile(r"^\d+%\sread$"))
        expect(resume.get_by_role("button", name="Continue at chapter 3")).to_be_visible()
    shoot(page, artifacts, f"library-continue-{dialect}")
    resume.get_by_role("button", name="Continue at chapter 3").click()
    expect(frame.locator(".eyebrow").first).to_contain_text("Chapter 3 of 7")
    # The book ticks the chapters before it and says where to go on.
    open_host(page, url, "open-book", {"book": "slow-reading-zh"}, dialect=dialect)
    expect(frame.get_by_role("button", name="Continue at chapter 3")).to_be_visible()
    expect(frame.locator(".toc [aria-current]")).to_contain_text("3")
    assert watched.errors == []
