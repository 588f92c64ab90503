"""mystmd's inline directive options (`:::{tip icon=false}`): what the golden books cannot show."""

from __future__ import annotations

from pathlib import Path

from app.ingest import load_book
from app.ingest.mystattrs import inline_options
from tests.ingest.helpers import markdown_of, write


def test_inline_options_read_classes_a_label_and_values_quoted_or_not() -> None:
    assert inline_options("") == {}
    assert inline_options("icon=false") == {"icon": "false"}
    assert inline_options(".dropdown .wide #tides title=\"High water\" open='yes'") == {
        "class": "dropdown wide",
        "label": "tides",
        "title": "High water",
        "open": "yes",
    }


def test_words_that_are_not_options_make_no_directive() -> None:
    assert inline_options("some words") is None
    assert inline_options("icon=false and more") is None
    assert inline_options('title="unclosed') is None


def test_a_tip_with_inline_options_is_a_tip_and_its_lines_win(tmp_path: Path) -> None:
    page = write(
        tmp_path / "tides.md",
        "# Tides\n\n:::{tip icon=false} Time to read\n10 minutes\n:::\n\n"
        ":::{note .dropdown}\n:class: seealso\nNeap tides are gentler.\n:::\n\n"
        ":::{tip some words}\nnot a directive\n:::\n",
    )
    book = load_book(page).parse()
    html = book.chapters[0].pages[0].html
    assert '<div class="callout callout-tip"' in html
    assert '<p class="callout-title">Time to read</p>\n<p>10 minutes</p>' in html
    assert "icon=false" not in html
    # `:class: seealso` below the fence wins over `.dropdown` in the braces: a plain note, not collapsed.
    assert "<details" not in html
    assert "Neap tides are gentler." in html
    # Words in the braces are no options, so no tip: the fence is only a plain box.
    assert markdown_of(book).endswith("> **Note**\n>\n> Neap tides are gentler.\n\n> not a directive")
