"""SUMMARY.md read as mdBook reads it: the entries a book's contents are made of."""

from __future__ import annotations

from app.ingest.summary import Entry, read_summary


def test_prefix_and_suffix_chapters_on_lines_that_follow_each_other_are_each_a_chapter() -> None:
    entries = read_summary(
        "# Summary\n"
        "[Foreword](foreword.md)\n"
        "[Preface](preface.md)\n"
        "\n"
        "- [Getting Started](start.md)\n"
        "    - [Installing](install.md)\n"
        "\n"
        "[Glossary](glossary.md)\n"
        "[Thanks]()\n"
    )
    assert entries == [
        Entry("Foreword", "foreword.md", 2),
        Entry("Preface", "preface.md", 3),
        Entry("Getting Started", "start.md", 5, 0, "1"),
        Entry("Installing", "install.md", 6, 1, "1.1"),
        Entry("Glossary", "glossary.md", 8),
        Entry("Thanks", None, 9),
    ]


def test_a_list_item_is_one_chapter_however_many_links_its_text_has() -> None:
    entries = read_summary("- [Tides](tides.md), see also [the appendix](appendix.md)\n")
    assert entries == [Entry("Tides", "tides.md", 1, 0, "1")]
