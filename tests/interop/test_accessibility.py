"""axe-core, the accessibility engine nobody here wrote, finds no WCAG 2.1 A/AA problem in any view.

Each view is opened in the preview host, in both themes, and checked from inside its sandboxed
frame: the engine is injected as an inline script, which the widgets' CSP allows, as it allows
their own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Frame, expect

from app.db import make_engine
from app.library import Library
from app.tools.base import LOCAL_READER
from tests.browser import Watched
from tests.conftest import library_copy
from tests.interop.conftest import HERE
from tests.serving import chapterwise

pytestmark = pytest.mark.browser

RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
VIEWS = {
    "library": ("list-books", {}),
    "book": ("open-book", {"book": "chapterwise-guide"}),
    # Chapter 3 has a footnote, chapter 2 a picture; both have code, lists and tables.
    "reader with notes": ("read-chapter", {"book": "chapterwise-guide", "chapter": 3}),
    "reader with a picture": ("read-chapter", {"book": "chapterwise-guide", "chapter": 2}),
    "chinese reader": ("read-chapter", {"book": "slow-reading-zh", "chapter": 2}),
    # The reader's own marks, seeded below: highlights painted on the page (one with a note's
    # marker), their list, and a search's results.
    "reader with highlights": ("read-chapter", {"book": "chapterwise-guide", "chapter": 6}),
    "notes": ("read-notes", {}),
    "search results": ("search", {"query": "widget"}),
}


@pytest.fixture(scope="module")
def preview_url(samples_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = library_copy(samples_template, tmp_path_factory.mktemp("a11y"))
    library = Library(make_engine(settings.db_url))
    # Some reading done, so the library shows Continue reading and the book its ✓ and Highlights (2).
    library.save_progress(LOCAL_READER, "chapterwise-guide", 6, 1)
    hits = library.search("widget", book="chapterwise-guide").hits
    first, second = [hit for hit in hits if hit.chapter == 6][:2]
    library.save_highlight(
        LOCAL_READER, "chapterwise-guide", 6, first.anchor, "widget", "yellow", "Why one widget"
    )
    library.save_highlight(LOCAL_READER, "chapterwise-guide", 6, second.anchor, "widget", "blue")
    library.save_bookmark(LOCAL_READER, "chapterwise-guide", 6, 1)
    library.close()
    with chapterwise(settings, "--dev") as url:
        yield url


def widget_frame(watched: Watched) -> Frame:
    [frame] = [frame for frame in watched.page.frames if frame != watched.page.main_frame]
    return frame


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("view", VIEWS)
def test_every_view_passes_axe_in_both_themes(
    watched: Watched, preview_url: str, view: str, theme: str
) -> None:
    tool, args = VIEWS[view]
    page = watched.page
    page.goto(f"{preview_url}/dev?{urlencode({'tool': tool, 'theme': theme, 'args': json.dumps(args)})}")
    expect(page.frame_locator("#frame").locator("h1")).to_be_visible()
    frame = widget_frame(watched)
    frame.add_script_tag(
        content=(HERE / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
    )
    violations = frame.evaluate(
        """rules => axe.run(document, { runOnly: { type: "tag", values: rules } }).then(result =>
            result.violations.map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(" ") + " " + (n.failureSummary || "")).join(", ")}`))""",
        RULES,
    )
    assert violations == []
    assert watched.errors == []
