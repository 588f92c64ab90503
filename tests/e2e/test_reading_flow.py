"""The whole reading flow, clicked through in a real browser, in both host dialects, themes and languages."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import FrameLocator, Page, expect

from tests.browser import Watched

BOOK = "Chapterwise from the Inside"
CHAPTER_TITLES = {2: "The Contract", 3: "From Markdown to Chapters", 4: "A Library on Disk"}


LABELS = {
    "en-US": {
        "where": "Chapter {n} of 8",
        "next": "Next chapter →",
        "previous": "← Previous chapter",
        "summarize": "✨ Summarize this chapter",
        "explain": "💡 Explain key concepts",
        "sent": "✓ Sent",
        "summary_prompt": "Summarize chapter 2 («The Contract») of the book 'chapterwise-guide'.",
        "explain_prompt": "Explain the key concepts of chapter 2 («The Contract») of the book 'chapterwise-guide'.",
    },
    "zh-CN": {
        "where": "第 {n} 章 / 共 8 章",
        "next": "下一章 →",
        "previous": "← 上一章",
        "summarize": "✨ 总结本章",
        "explain": "💡 解释关键概念",
        "sent": "✓ 已发送",
        "summary_prompt": "请总结书 'chapterwise-guide' 的第 2 章（«The Contract»）。",
        "explain_prompt": "请解释书 'chapterwise-guide' 第 2 章（«The Contract»）中的关键概念。",
    },
}


def open_host(page: Page, base_url: str, **query: str) -> FrameLocator:
    page.goto(f"{base_url}/dev?{urlencode(query)}")
    return page.frame_locator("#frame")


def shoot(page: Page, folder: Path, name: str) -> None:
    page.locator("#stage").screenshot(path=str(folder / f"{name}.png"))


def background_luminance(frame: FrameLocator) -> float:
    colour = frame.locator("body").evaluate("b => getComputedStyle(b).backgroundColor")
    red, green, blue = (
        int(part) for part in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3]
    )
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("dialect", ["mcp-apps", "openai"])
def test_a_reader_can_open_the_sample_book_move_between_chapters_and_ask_for_help(
    watched: Watched, base_url: str, artifacts: Path, dialect: str, theme: str, locale: str
) -> None:
    page, labels = watched.page, LABELS[locale]
    shots = artifacts / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    prefix = f"{dialect}-{theme}-{locale}"
    frame = open_host(page, base_url, dialect=dialect, theme=theme, locale=locale, tool="list-books")

    # 1. The library lists the sample book; 2. opening it shows the cover and contents.
    card = frame.get_by_role("button", name=BOOK)
    expect(card).to_be_visible()
    shoot(page, shots, f"{prefix}-library")
    card.click()
    expect(frame.locator(".cover h1")).to_have_text(BOOK)
    shoot(page, shots, f"{prefix}-book")

    # 3. Chapter 2 from the table of contents.
    frame.locator(".toc li").nth(1).get_by_role("button").click()
    expect(frame.locator(".chapter-title")).to_have_text(CHAPTER_TITLES[2])
    expect(frame.locator(".eyebrow").first).to_contain_text(labels["where"].format(n=2))
    # The chapter's diagram was embedded at import: it loads under the hosts' default CSP.
    diagram = frame.locator(".prose img").first
    expect(diagram).to_be_visible()
    assert diagram.evaluate("img => img.complete && img.naturalWidth") == 720
    shoot(page, shots, f"{prefix}-reader")

    # 4. Next, 5. Previous: the reader re-renders in place.
    frame.get_by_role("button", name=labels["next"]).click()
    expect(frame.locator(".chapter-title")).to_have_text(CHAPTER_TITLES[3])
    expect(frame.locator(".eyebrow").first).to_contain_text(labels["where"].format(n=3))
    frame.get_by_role("button", name=labels["previous"]).click()
    expect(frame.locator(".chapter-title")).to_have_text(CHAPTER_TITLES[2])

    # 6, 7. Both suggestions reach the host as user messages naming the book and the chapter.
    log = page.locator("#log .entry.user")
    frame.get_by_role("button", name=labels["summarize"]).click()
    expect(log.last).to_contain_text(labels["summary_prompt"])
    expect(frame.locator(".suggest button").first).to_contain_text(labels["sent"])
    frame.get_by_role("button", name=labels["explain"]).click()
    expect(log.last).to_contain_text(labels["explain_prompt"])
    assert log.count() == 2

    if theme == "dark":
        assert background_luminance(frame) < 0.25
    else:
        assert background_luminance(frame) > 0.85
    assert watched.errors == []


def test_the_widget_follows_the_hosts_theme_and_language_when_they_change(
    watched: Watched, base_url: str
) -> None:
    page = watched.page
    frame = open_host(
        page, base_url, tool="read-chapter", args=json.dumps({"book": "chapterwise-guide", "chapter": 2})
    )
    expect(frame.get_by_role("button", name="Next chapter →")).to_be_visible()
    page.select_option("#theme", "dark")
    page.select_option("#locale", "zh-CN")
    expect(frame.get_by_role("button", name="下一章 →")).to_be_visible()
    assert background_luminance(frame) < 0.25
    assert watched.errors == []


def test_the_model_is_told_which_chapter_is_on_screen(watched: Watched, base_url: str) -> None:
    page = watched.page
    frame = open_host(
        page, base_url, tool="read-chapter", args=json.dumps({"book": "chapterwise-guide", "chapter": 1})
    )
    frame.get_by_role("button", name="Next chapter →").click()
    expect(page.locator("#log .entry.context").last).to_contain_text(
        "The user is reading chapter 2 of 8 (\"The Contract\") of the book 'chapterwise-guide'."
    )


def test_a_long_chapter_pages_forward_and_back(watched: Watched, base_url: str, artifacts: Path) -> None:
    page = watched.page
    frame = open_host(
        page, base_url, tool="read-chapter", args=json.dumps({"book": "chapterwise-guide", "chapter": 6})
    )
    expect(frame.locator(".eyebrow").first).to_contain_text("page 1 of 2")
    expect(frame.get_by_role("button", name="Next chapter →")).to_have_count(0)
    frame.get_by_role("button", name="Next page →").click()
    expect(frame.locator(".eyebrow").first).to_contain_text("page 2 of 2")
    expect(frame.get_by_role("button", name="Next chapter →")).to_be_visible()
    frame.get_by_role("button", name="← Previous page").click()
    expect(frame.locator(".eyebrow").first).to_contain_text("page 1 of 2")
    assert watched.errors == []


def test_on_a_narrow_screen_nothing_scrolls_sideways(
    watched: Watched, base_url: str, artifacts: Path
) -> None:
    page = watched.page
    frame = open_host(
        page,
        base_url,
        width="360",
        tool="read-chapter",
        args=json.dumps({"book": "chapterwise-guide", "chapter": 2}),
    )
    expect(frame.locator(".chapter-title")).to_have_text("The Contract")
    overflow = frame.locator("html").evaluate("h => h.scrollWidth - h.clientWidth")
    assert overflow <= 0
    (artifacts / "screenshots").mkdir(parents=True, exist_ok=True)
    shoot(page, artifacts / "screenshots", "narrow-reader")


def test_an_unknown_chapter_shows_the_servers_explanation_and_keeps_the_reader(
    watched: Watched, base_url: str
) -> None:
    page = watched.page
    frame = open_host(
        page, base_url, tool="read-chapter", args=json.dumps({"book": "chapterwise-guide", "chapter": 8})
    )
    expect(frame.locator(".chapter-title")).to_have_text("Shipping It")
    # The model asks for a chapter that does not exist: the widget shows the server's explanation.
    page.fill("#args", json.dumps({"book": "chapterwise-guide", "chapter": 99}))
    page.click("#run button")
    explanation = "Book 'chapterwise-guide' has no chapter 99 (it has 8 chapters)."
    expect(frame.locator(".error p")).to_have_text(re.compile("^" + re.escape(explanation)))
    expect(page.locator("#log .entry.error").last).to_contain_text(explanation)
    # What the reader sees is the explanation itself, not the SDK's "Error executing tool …".
    expect(frame.locator(".error")).not_to_contain_text("Error executing tool")
    # It reads from the left, under its heading, as prose does, however short it is (this one wraps,
    # so its box alone would not show it); only a dismiss button sits at the right.
    assert frame.locator(".error p").evaluate("p => getComputedStyle(p).justifySelf") != "end"


@pytest.mark.parametrize(("dialect", "reopened_at"), [("openai", 3), ("mcp-apps", 2)])
def test_reopening_the_conversation_returns_to_where_the_reader_was_where_the_host_keeps_state(
    watched: Watched, base_url: str, dialect: str, reopened_at: int
) -> None:
    # ChatGPT keeps widget state with the message; a standard host keeps none, so there the
    # widget shows what the conversation asked for.
    page = watched.page
    args = json.dumps({"book": "chapterwise-guide", "chapter": 2})
    frame = open_host(page, base_url, dialect=dialect, tool="read-chapter", args=args)
    expect(frame.locator(".chapter-title")).to_have_text(CHAPTER_TITLES[2])
    frame.get_by_role("button", name="Next chapter →").click()
    expect(frame.locator(".chapter-title")).to_have_text(CHAPTER_TITLES[3])
    page.get_by_role("button", name="↻ Reopen").click()
    expect(frame.locator(".chapter-title")).to_have_text(CHAPTER_TITLES[reopened_at])
    expect(frame.locator(".eyebrow").first).to_contain_text(f"Chapter {reopened_at} of 8")
    # The reader turns on: had the widget also resumed by itself, the log would show one call more.
    frame.get_by_role("button", name="Next chapter →").click()
    expect(frame.locator(".chapter-title")).to_have_text(CHAPTER_TITLES[reopened_at + 1])
    calls = page.locator("#log .entry").evaluate_all(
        """entries => entries.slice(entries.findLastIndex(e => e.textContent.includes('reopened')))
            .filter(e => e.querySelector('small').textContent.startsWith('widget →'))
            .filter(e => !e.textContent.includes('save-progress')).length"""
    )
    assert calls == (2 if dialect == "openai" else 1)
    assert watched.errors == []
