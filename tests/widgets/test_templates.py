"""The widget: one complete, self-contained, small document, named by its content."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from jinja2 import UndefinedError

from app import views
from app.paths import bundled
from app.widget import EXTERNAL, MAX_BYTES, Widget, render_widget

# Each view's partial names the model (app/views.py) whose structuredContent it renders.
CONTRACTS = {
    "_library_view.js": "LibraryView",
    "_book_view.js": "BookView",
    "_chapter_view.js": "ChapterView",
}
SOURCES = bundled("widgets")


@pytest.fixture(scope="module")
def widget() -> Widget:
    return render_widget(SOURCES)


def copy_of_widgets(tmp_path: Path) -> Path:
    copy = tmp_path / "widgets"
    shutil.copytree(SOURCES, copy)
    return copy


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_the_widget_renders_under_strict_undefined_as_a_complete_document(widget: Widget) -> None:
    assert widget.html.startswith("<!doctype html><html lang=en><head>")
    assert widget.html.endswith("</html>")
    assert "<meta content=width=device-width,initial-scale=1 name=viewport>" in widget.html or (
        "name=viewport" in widget.html
    )
    assert widget.html.count("<style>") == widget.html.count("<script>") == 1
    assert widget.title == "Chapterwise"
    assert len(widget.description) > 60


def test_the_widget_stays_within_its_size_budget(widget: Widget) -> None:
    assert len(widget.html.encode()) <= MAX_BYTES


def test_the_widget_loads_nothing_from_outside_the_document(widget: Widget) -> None:
    # The default widget CSP blocks every external origin; a widget that needs one is broken in hosts.
    assert not EXTERNAL.search(widget.html), EXTERNAL.search(widget.html)
    for network in ("fetch(", "XMLHttpRequest", "WebSocket", "EventSource", "<iframe", "<link"):
        assert network not in widget.html, network


def test_the_uri_names_the_content_and_is_stable_across_renders(widget: Widget) -> None:
    assert re.fullmatch(r"ui://chapterwise/widget-[0-9a-f]{10}\.html", widget.uri)
    assert render_widget(SOURCES) == widget


def test_a_changed_partial_changes_the_uri(tmp_path: Path) -> None:
    copy = copy_of_widgets(tmp_path)
    before = render_widget(copy)
    append(copy / "_library_view.js", "Views.library.changed = 1;\n")
    after = render_widget(copy)
    assert after.uri != before.uri
    append(copy / "_styles.css", ".changed { color: red; }\n")
    assert render_widget(copy).uri != after.uri


def test_comments_are_not_shipped_so_changing_one_keeps_the_uri(tmp_path: Path) -> None:
    copy = copy_of_widgets(tmp_path)
    before = render_widget(copy)
    append(copy / "_library_view.js", "// a note for readers\n")
    append(copy / "_styles.css", "/* a note for designers */\n")
    after = render_widget(copy)
    assert after.uri == before.uri
    assert "a note for" not in after.html


def test_a_template_using_an_undefined_variable_fails_at_render_time(tmp_path: Path) -> None:
    copy = copy_of_widgets(tmp_path)
    append(copy / "widget.html.j2", "{{ nope }}")
    with pytest.raises(UndefinedError, match="nope"):
        render_widget(copy)


def test_each_view_names_the_model_it_renders_first() -> None:
    for partial, model in CONTRACTS.items():
        source = (SOURCES / partial).read_text(encoding="utf-8")
        assert source.startswith(f"// Renders {model} (app/views.py)"), partial
        assert hasattr(views, model)
    page = (SOURCES / "widget.html.j2").read_text(encoding="utf-8")
    assert all(f'{{% include "{partial}" %}}' in page for partial in CONTRACTS)


def test_chapter_html_is_inserted_only_in_the_one_place_meant_for_it() -> None:
    # textContent by default; innerHTML only for the server-rendered, sanitised chapter HTML.
    scripts = {path.name: path.read_text(encoding="utf-8") for path in SOURCES.glob("*.js")}
    assert [name for name, code in scripts.items() if ".innerHTML" in code] == ["_chapter_view.js"]
    chapter = scripts["_chapter_view.js"]
    assert chapter.count(".innerHTML") == 1
    assert 'const html = result._meta["chapterwise/html"];' in chapter
    assert "prose.innerHTML = html;" in chapter
    for code in scripts.values():
        for risky in ("insertAdjacentHTML", "outerHTML", "document.write", "eval(", "new Function"):
            assert risky not in code


def test_the_handshake_announces_the_standard_version_and_this_apps_version(widget: Widget) -> None:
    bridge = (SOURCES / "_bridge.js").read_text(encoding="utf-8")
    assert 'protocolVersion: "2026-01-26"' in bridge
    assert 'appInfo: { name: "chapterwise", version: {{ version|tojson }} }' in bridge
    assert 'availableDisplayModes: ["inline", "fullscreen"]' in bridge
    assert "2026-01-26" in widget.html


def test_javascript_that_does_not_parse_fails_at_render_time_not_in_a_host(tmp_path: Path) -> None:
    copy = copy_of_widgets(tmp_path)
    views = copy / "_notes_view.js"
    views.write_text(views.read_text(encoding="utf-8") + "\nconst shelf = ;\n", encoding="utf-8")
    with pytest.raises(ValueError, match="does not parse") as raised:
        render_widget(copy)
    # The message says where to look and quotes the line that does not parse.
    assert "widgets/*.js" in str(raised.value)
    assert "const shelf = ;" in str(raised.value)


def test_an_unfinished_statement_fails_at_render_time_too(tmp_path: Path) -> None:
    copy = copy_of_widgets(tmp_path)
    views = copy / "_notes_view.js"
    views.write_text(views.read_text(encoding="utf-8") + "\nif (true) {\n  broken(\n", encoding="utf-8")
    with pytest.raises(ValueError, match="does not parse"):
        render_widget(copy)
