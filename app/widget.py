"""The widget: Jinja renders widgets/widget.html.j2 once, at start-up, into one self-contained HTML document.

One widget serves every tool: a host mounts it for whichever tool the model called, and the
widget's views draw that result and every later one the widget asks for itself (widgets/_ui.js).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import minify_html
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from app import __version__

TITLE = "Chapterwise"
# The sentence the model sees when the widget loads.
DESCRIPTION = (
    "Chapterwise's reader: shows the library, a book's cover and contents, or one chapter, and lets "
    "the user move between them in place and ask you to summarize or explain what they read."
)

# The budget for the widget, uncompressed: hosts fetch it on every cache miss. It was 40 KB for
# three views; five views (search and notes), highlights and the selection bar, reading state and
# a Chinese translation of every string take it to 49,309 bytes (48.2 KB, 17.2 KB gzipped), with
# the code highlighter left out (code is coloured at import), after the sources were made to say
# each thing once. 49 KB keeps room for small fixes and stops the next feature from growing the
# page unnoticed. Back to 40 KB would take more than rewording: minify-html keeps every local
# name as written (renaming them would save about 6 KB), and the Chinese strings alone are 2.5 KB.
MAX_BYTES = 49 * 1024
# Anything the widget would load from elsewhere. A host's default CSP blocks every other origin,
# which leaves the widget blank or broken, so everything it needs is inlined instead.
EXTERNAL = re.compile(
    r"""(src|href|action)\s*=\s*["']?\s*(https?:)?//|@import|url\(\s*["']?(https?:)?//|//cdn""", re.IGNORECASE
)

# A line that holds only a `//` comment. The sources in widgets/ are commented for people; hosts
# need none of it, and minify-html keeps JavaScript comments. Such a line could only be code if it
# sat inside a template literal spanning lines, which widgets/ never has (a test checks).
_COMMENT_LINE = re.compile(r"^[ \t]*//.*\n", re.MULTILINE)
# An indented line inside <script> after minifying: the sign that minify-html could not parse it.
_UNMINIFIED = re.compile(r"<script>[^<]*\n[ \t]")


@dataclass(frozen=True, slots=True)
class Widget:
    uri: str
    html: str
    title: str = TITLE
    description: str = DESCRIPTION


def render_widget(widgets_dir: Path) -> Widget:
    """The widget, rendered and minified; StrictUndefined turns a missing template variable into an error."""
    env = Environment(
        loader=FileSystemLoader(widgets_dir),
        undefined=StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
    )
    source = env.get_template("widget.html.j2").render(title=TITLE, version=__version__)
    # minify-html parses the page's HTML, CSS and JavaScript (template literals and all), so it
    # cannot break code the way a pattern-based minifier can. Hosts (and the preview) add their
    # own tags inside <head>, so the tags HTML lets a page leave out are kept.
    html = minify_html.minify(
        _COMMENT_LINE.sub("", source),
        minify_js=True,
        minify_css=True,
        keep_html_and_head_opening_tags=True,
        keep_closing_tags=True,
    )
    if _UNMINIFIED.search(html):
        # minify-html leaves a script it cannot parse as it found it, so a syntax error would ship
        # as a blank widget in every host. Better to fail here, where the person editing sees it.
        raise ValueError(
            "The widget's JavaScript does not parse (minify-html left it unminified): check the last "
            "edit to widgets/*.js, e.g. with `node --check` on the script or in the preview's console."
        )
    return Widget(widget_uri(html), html)


def widget_uri(html: str) -> str:
    # Hosts cache a widget by its URI, so the URI names the content: a changed widget is a new URI.
    return f"ui://chapterwise/widget-{hashlib.sha256(html.encode()).hexdigest()[:10]}.html"
