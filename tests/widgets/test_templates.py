"""The widget templates: complete, self-contained, small, and named by their content."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from app.paths import bundled
from app.widgets import WIDGETS, render_widgets

# The budget for each widget resource, uncompressed.
MAX_WIDGET_BYTES = 40 * 1024


def test_every_widget_renders_under_strict_undefined_as_a_complete_document() -> None:
    widgets = render_widgets(bundled("widgets"))
    assert set(widgets) == set(WIDGETS)
    for widget in widgets.values():
        assert widget.html.lstrip().lower().startswith("<!doctype html>")
        assert widget.html.rstrip().endswith("</html>")
        assert "<script>" in widget.html
        assert "<style>" in widget.html


def test_every_widget_stays_within_its_size_budget() -> None:
    for widget in render_widgets(bundled("widgets")).values():
        assert len(widget.html.encode()) <= MAX_WIDGET_BYTES, widget.name


def test_no_widget_loads_anything_from_outside_the_document() -> None:
    for widget in render_widgets(bundled("widgets")).values():
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", widget.html), widget.name
        assert "@import" not in widget.html
        assert "fetch(" not in widget.html
        assert "XMLHttpRequest" not in widget.html


def test_widget_uris_name_their_content_and_are_stable_across_renders() -> None:
    first = render_widgets(bundled("widgets"))
    second = render_widgets(bundled("widgets"))
    for name, widget in first.items():
        assert re.fullmatch(rf"ui://chapterwise/{name}-[0-9a-f]{{10}}\.html", widget.uri)
        assert second[name].uri == widget.uri


def test_changing_a_template_changes_the_widget_uri(tmp_path: Path) -> None:
    copy = tmp_path / "widgets"
    shutil.copytree(bundled("widgets"), copy)
    before = render_widgets(copy)
    styles = copy / "_styles.css"
    styles.write_text(styles.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    after = render_widgets(copy)
    for name in WIDGETS:
        assert after[name].uri != before[name].uri


def test_a_template_using_an_undefined_variable_fails_at_render_time(tmp_path: Path) -> None:
    copy = tmp_path / "widgets"
    shutil.copytree(bundled("widgets"), copy)
    (copy / "reader.html.j2").write_text(
        '{% extends "_base.html.j2" %}{% block loading %}{{ nope }}{% endblock %}'
    )
    with pytest.raises(Exception, match="nope"):
        render_widgets(copy)


def test_chapter_html_is_inserted_only_in_the_one_place_meant_for_it() -> None:
    # textContent by default; innerHTML only for the server-rendered, sanitised chapter HTML.
    for widget in render_widgets(bundled("widgets")).values():
        assert widget.html.count(".innerHTML") == 1
        assert "prose.innerHTML = html" in widget.html
