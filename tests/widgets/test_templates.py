"""The widget templates: complete, self-contained, small, and named by their content."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from jinja2 import UndefinedError
from rjsmin import jsmin as js  # the widgets ship minified, so snippets are compared minified too

from app import __version__, views
from app.paths import bundled
from app.widgets import WIDGETS, Widget, render_widgets, widget_uri_template

# The budget for each widget resource, uncompressed: hosts fetch it on every cache miss.
MAX_WIDGET_BYTES = 40 * 1024
# Each widget's script names the model (app/views.py) whose structuredContent it renders.
CONTRACTS = {"library": "LibraryView", "book": "BookView", "reader": "ChapterView"}
EXTERNAL = re.compile(
    r"""(src|href|action)\s*=\s*["']?\s*(https?:)?//|@import|url\(\s*["']?(https?:)?//|//cdn""", re.IGNORECASE
)


@pytest.fixture(scope="module")
def widgets() -> dict[str, Widget]:
    return render_widgets(bundled("widgets"))


def copy_of_widgets(tmp_path: Path) -> Path:
    copy = tmp_path / "widgets"
    shutil.copytree(bundled("widgets"), copy)
    return copy


def test_every_widget_renders_under_strict_undefined_as_a_complete_document(
    widgets: dict[str, Widget],
) -> None:
    assert set(widgets) == set(WIDGETS) == {"library", "book", "reader"}
    for name, widget in widgets.items():
        assert widget.name == name
        assert (widget.title, widget.description) == WIDGETS[name]
        assert widget.html.startswith("<!doctype html>\n<html lang=")
        assert widget.html.rstrip().endswith("</html>")
        assert '<meta name="viewport"' in widget.html
        assert widget.html.count("<style>") == widget.html.count("<script>") == 1


def test_every_widget_stays_within_its_size_budget(widgets: dict[str, Widget]) -> None:
    for widget in widgets.values():
        assert len(widget.html.encode()) <= MAX_WIDGET_BYTES, widget.name


def test_no_widget_loads_anything_from_outside_the_document(widgets: dict[str, Widget]) -> None:
    # The default widget CSP blocks every external origin; a widget that needs one is broken in hosts.
    for widget in widgets.values():
        assert not EXTERNAL.search(widget.html), (widget.name, EXTERNAL.search(widget.html))
        for network in ("fetch(", "XMLHttpRequest", "WebSocket", "EventSource", "<iframe", "<link"):
            assert network not in widget.html, (widget.name, network)


def test_widget_uris_name_their_content_and_are_stable_across_renders(widgets: dict[str, Widget]) -> None:
    again = render_widgets(bundled("widgets"))
    for name, widget in widgets.items():
        assert re.fullmatch(rf"ui://chapterwise/{name}-[0-9a-f]{{10}}\.html", widget.uri)
        assert again[name] == widget


def test_a_changed_partial_changes_the_uri_of_exactly_the_widgets_that_include_it(tmp_path: Path) -> None:
    copy = copy_of_widgets(tmp_path)
    before = render_widgets(copy)
    library_view = copy / "_library_view.js"
    library_view.write_text(
        library_view.read_text(encoding="utf-8") + "Views.library.changed = 1;\n", encoding="utf-8"
    )
    after = render_widgets(copy)
    assert after["library"].uri != before["library"].uri
    assert after["book"].uri == before["book"].uri
    assert after["reader"].uri == before["reader"].uri

    styles = copy / "_styles.css"
    styles.write_text(styles.read_text(encoding="utf-8") + ".changed { color: red; }\n", encoding="utf-8")
    restyled = render_widgets(copy)
    assert all(restyled[name].uri != after[name].uri for name in WIDGETS)


def test_a_comment_is_not_shipped_so_changing_one_keeps_every_uri(tmp_path: Path) -> None:
    copy = copy_of_widgets(tmp_path)
    before = render_widgets(copy)
    for partial, comment in (
        ("_library_view.js", "// a note for readers\n"),
        ("_styles.css", "/* a note */\n"),
    ):
        path = copy / partial
        path.write_text(path.read_text(encoding="utf-8") + comment, encoding="utf-8")
    after = render_widgets(copy)
    assert all(after[name].uri == before[name].uri for name in WIDGETS)
    assert "a note" not in after["library"].html


def test_the_uri_template_matches_every_version_of_a_widget(widgets: dict[str, Widget]) -> None:
    for name, widget in widgets.items():
        pattern = re.escape(widget_uri_template(name)).replace(r"\{version\}", "(?P<version>[^/]+)")
        assert re.fullmatch(pattern, widget.uri)


def test_a_template_using_an_undefined_variable_fails_at_render_time(tmp_path: Path) -> None:
    copy = copy_of_widgets(tmp_path)
    (copy / "reader.html.j2").write_text(
        '{% extends "_base.html.j2" %}{% block script %}{{ nope }}{% endblock %}'
    )
    with pytest.raises(UndefinedError, match="nope"):
        render_widgets(copy)


def test_each_widget_script_names_the_model_it_renders_first() -> None:
    for name, model in CONTRACTS.items():
        source = (bundled("widgets") / f"{name}.html.j2").read_text(encoding="utf-8")
        script = source.split("{% block script %}", 1)[1].lstrip()
        assert script.startswith(f"// Renders {model} (app/views.py)"), name
        assert hasattr(views, model)


def test_chapter_html_is_inserted_only_in_the_one_place_meant_for_it(widgets: dict[str, Widget]) -> None:
    # textContent by default; innerHTML only for the server-rendered, sanitised chapter HTML.
    for widget in widgets.values():
        assert widget.html.count(".innerHTML") == 1, widget.name
        assert js('const html = result._meta["chapterwise/html"]') in widget.html
        assert js("prose.innerHTML = html;") in widget.html
        assert "insertAdjacentHTML" not in widget.html
        assert "outerHTML" not in widget.html
        assert "document.write" not in widget.html
        assert "eval(" not in widget.html


def test_the_handshake_announces_the_standard_version_and_this_apps_version(
    widgets: dict[str, Widget],
) -> None:
    for widget in widgets.values():
        assert js('protocolVersion: "2026-01-26"') in widget.html
        assert js(f'appInfo: {{ name: "chapterwise", version: "{__version__}" }}') in widget.html
        assert js('availableDisplayModes: ["inline", "fullscreen"]') in widget.html
