"""Admonition titles come only from quotes, as Python-Markdown reads `!!! kind classes "title"`."""

from __future__ import annotations

from app.ingest import render_markdown


def test_unquoted_words_after_the_kind_are_classes_not_a_title() -> None:
    html = render_markdown("!!! tip inline end\n\n    Tap the menu.\n")

    assert '<p class="callout-title">Tip</p>' in html
    assert "inline end" not in html


def test_a_quoted_title_stays_and_an_empty_one_means_none() -> None:
    html = render_markdown(
        '!!! info inline end "Tide tables"\n\n    Low at six.\n\n!!! note ""\n\n    Plain.\n'
    )

    assert '<p class="callout-title">Tide tables</p>' in html
    assert html.count("callout-title") == 1
