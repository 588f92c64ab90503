"""The widget: Jinja renders widgets/widget.html.j2 once, at start-up, into one self-contained HTML document.

One widget serves every tool: a host mounts it for whichever tool the model called, and the
widget's views draw that result and every later one the widget asks for itself (widgets/_ui.js).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import minify
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from app import __version__

TITLE = "Chapterwise"
# The sentence the model sees when the widget loads.
DESCRIPTION = (
    "Chapterwise's reader: shows the library, a book's cover and contents, or one chapter, and lets "
    "the user move between them in place and ask you to summarize or explain what they read."
)

# The budget for the widget, uncompressed: hosts fetch it on every cache miss. Five views, highlights
# and the selection bar, reading state, the look of a book's callouts and labelled sections, and a
# Chinese translation of every string come to 40,933 bytes (40.0 KB, 15.6 KB gzipped), with the
# code highlighter left out (code is coloured at import). Under minify-html, which keeps every
# local name, they were 49,309; tdewolff's minifier shortens them (44,003), and the script in one
# function lets it shorten the top-level ones too (42,807). The rest came from saying things once: the code colours, a few stylesheet rules, the
# strings every view draws with, and the model's context sentences, which the server writes
# (app/tools/); the callouts' room came from rules that said nothing or said it twice. 40 KB
# leaves under 30 bytes: the next feature has to find its own room.
MAX_BYTES = 40 * 1024
# Anything the widget would load from elsewhere. A host's default CSP blocks every other origin,
# which leaves the widget blank or broken, so everything it needs is inlined instead.
EXTERNAL = re.compile(
    r"""(src|href|action)\s*=\s*["']?\s*(https?:)?//|@import|url\(\s*["']?(https?:)?//|//cdn""", re.IGNORECASE
)


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
    # tdewolff's minifier (minify-go) parses the page's HTML, CSS and JavaScript, template literals
    # and all, so it cannot break code the way a pattern-based minifier can; it drops the comments
    # the sources keep for people and gives local names one letter. Hosts (and the preview) add
    # their own tags inside <head>, so the tags HTML lets a page leave out are kept.
    minify.config({"html-keep-document-tags": True, "html-keep-end-tags": True})
    try:
        html = minify.string("text/html", source)
    except minify.MinifyError as error:
        # A script that does not parse would be a blank widget in every host. The minifier's words
        # name the place but not the fix, so add it.
        raise ValueError(
            "The widget's JavaScript or CSS does not parse: check the last edit to widgets/*.js or "
            "widgets/*.css, e.g. with `node --check` on the script or in the preview's console. The "
            f"minifier says (its line counts in the page Jinja rendered, not in one file): {error}"
        ) from error
    return Widget(widget_uri(html), html)


def widget_uri(html: str) -> str:
    # Hosts cache a widget by its URI, so the URI names the content: a changed widget is a new URI.
    return f"ui://chapterwise/widget-{hashlib.sha256(html.encode()).hexdigest()[:10]}.html"
