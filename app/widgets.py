"""The widgets: Jinja renders each template once, at start-up, into one self-contained HTML document.

Each template gets the same small context: `widget` (its name), `title` and `version` (the app's,
announced in the bridge's handshake). Everything a widget shows arrives later, in tool results.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import rcssmin
import rjsmin
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from app import __version__

# name: (title, the sentence the model sees when the widget loads)
WIDGETS = {
    "library": (
        "Chapterwise library",
        "Shows the user's books as cards; a card opens the book's cover and contents in place.",
    ),
    "book": (
        "Chapterwise book",
        "Shows a book's cover and table of contents; a chapter the user picks opens in the reader in place.",
    ),
    "reader": (
        "Chapterwise reader",
        "Shows one chapter with previous/next navigation and buttons that ask you to summarize or explain it.",
    ),
}


@dataclass(frozen=True, slots=True)
class Widget:
    name: str
    uri: str
    html: str
    title: str
    description: str


def render_widgets(widgets_dir: Path) -> dict[str, Widget]:
    """Every widget, rendered; StrictUndefined turns a missing template variable into an error here."""
    env = Environment(
        loader=FileSystemLoader(widgets_dir),
        undefined=StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
    )
    # The sources in widgets/ are commented for people; the copies hosts load are minified, which
    # keeps each widget about a quarter smaller than the 40 KB budget it would otherwise fill.
    env.filters["cssmin"] = lambda css: Markup(rcssmin.cssmin(str(css)))
    env.filters["jsmin"] = lambda js: Markup(rjsmin.jsmin(str(js)))
    widgets = {}
    for name, (title, description) in WIDGETS.items():
        html = env.get_template(f"{name}.html.j2").render(widget=name, title=title, version=__version__)
        widgets[name] = Widget(name, widget_uri(name, html), html, title, description)
    return widgets


def widget_uri(name: str, html: str) -> str:
    # Hosts cache a widget by its URI, so the URI names the content: a changed widget is a new URI.
    return f"ui://chapterwise/{name}-{hashlib.sha256(html.encode()).hexdigest()[:10]}.html"


def widget_uri_template(name: str) -> str:
    """Matches every version of a widget's URI, so conversations from before an upgrade still resolve."""
    return f"ui://chapterwise/{name}-{{version}}.html"
