"""`:::` containers, code groups, contents markers and definition lists: the cases a golden file shows less plainly."""

from __future__ import annotations

from app.ingest import SourceFile, parse_book, render_markdown


def model_markdown(markdown: str) -> str:
    draft = parse_book([SourceFile("text.md", markdown)], slug="text")
    return "\n\n".join(page.markdown for chapter in draft.chapters for page in chapter.pages)


def test_a_container_left_open_ends_before_the_next_heading() -> None:
    html = render_markdown("Intro.\n\n::: tip\nWater them.\n\n### Later\n\nNot in the tip.\n")
    assert (
        html.index("Water them.") < html.index("</div>") < html.index("<h3") < html.index("Not in the tip.")
    )


def test_a_heading_inside_a_closed_container_stays_inside_it() -> None:
    html = render_markdown("::: details Steps\n### First\nDig.\n:::\n\nAfter.\n")
    assert html.index("<h3") < html.index("</details>") < html.index("After.")


def test_a_container_left_open_in_a_list_item_ends_with_the_item() -> None:
    html = render_markdown("- one\n\n  ::: tip\n  Inside.\n\nOutside the list.\n")
    assert html.index("Inside.") < html.index("</div>") < html.index("</ul>") < html.index("Outside")


def test_colons_inside_fenced_code_close_no_container() -> None:
    html = render_markdown("::: details Example\n```md\n::: tip\nHi\n:::\n```\nStill inside.\n:::\n")
    assert html.index("Still inside.") < html.index("</details>")
    assert "::: tip" in html  # shown as the code it is


def test_equal_colons_nest_the_way_pandoc_reads_them() -> None:
    html = render_markdown("::: warning\nOuter.\n\n::: tip\nInner.\n:::\n\nOuter again.\n:::\n")
    assert html.count('class="callout callout-') == 2
    assert html.index("Inner.") < html.index("</div>") < html.index("Outer again.")
    assert ":::" not in html


def test_a_closing_line_with_nothing_open_is_dropped() -> None:
    assert ":::" not in render_markdown("A paragraph.\n\n:::\n\nAnother.\n")


def test_colons_before_words_that_name_no_container_stay_prose() -> None:
    assert "::: (this is not a box)" in render_markdown("::: (this is not a box)\n")


def test_a_title_keeps_its_own_colon() -> None:
    assert '<p class="callout-title">Before you start:</p>' in render_markdown(
        "::: warning Before you start:\nRead this.\n:::\n"
    )


def test_a_quarto_callout_takes_its_kind_and_title_and_no_class_leaks() -> None:
    html = render_markdown('::: {.callout-tip title="Quick win"}\nDo it.\n:::\n')
    assert 'class="callout callout-tip"' in html
    assert '<p class="callout-title">Quick win</p>' in html


def test_no_title_leaves_a_callout_untitled_but_a_details_keeps_its_summary() -> None:
    assert "callout-title" not in render_markdown("::: tip {no-title}\nShort.\n:::\n")
    assert "<summary>Details</summary>" in render_markdown("::: details {no-title}\nShort.\n:::\n")


def test_an_unknown_name_is_a_plain_box_with_no_title() -> None:
    html = render_markdown("::: v-pre\nKept as text.\n:::\n")
    assert 'class="callout callout-box"' in html
    assert "v-pre" not in html


def test_a_code_group_labels_each_block_and_keeps_its_highlighting() -> None:
    html = render_markdown("::: code-group\n```py [main.py]\ndef go():\n    pass\n```\n:::\n")
    assert '<p class="tab-title">main.py</p>' in html
    assert '<span class="k">def</span>' in html
    assert model_markdown("::: code-group\n```py [main.py]\nx = 1\n```\n:::\n").startswith(
        "**main.py**\n\n```py\nx = 1\n```"
    )


def test_a_label_outside_a_code_group_does_not_hide_the_language() -> None:
    assert '<span class="k">def</span>' in render_markdown("```py[main.py]\ndef go():\n    pass\n```\n")
    assert '<span class="k">const</span>' in render_markdown("```ts:line-numbers\nconst a = 1\n```\n")


def test_a_contents_marker_alone_is_dropped_but_one_in_a_sentence_stays() -> None:
    assert "toc" not in render_markdown("Intro.\n\n[[toc]]\n\n[TOC]\n\nBody.\n").lower()
    assert "[[toc]] is where" in render_markdown("[[toc]] is where the contents go.\n")
    assert "[[toc]]" in render_markdown("[[toc]]\nand more words.\n")


def test_a_definition_list_reads_as_terms_and_definitions_for_reader_and_model() -> None:
    text = "Loam\n: Soil rich in humus.\n: Good for beans.\n\nClay\n: Heavy soil.\n"
    html = render_markdown(text)
    assert "<dt>Loam</dt>" in html
    assert "<dd>Soil rich in humus.</dd>" in html
    assert model_markdown(text).startswith(
        "**Loam**\n: Soil rich in humus.\n: Good for beans.\n\n**Clay**\n: Heavy soil."
    )


def test_definition_terms_count_as_words() -> None:
    draft = parse_book([SourceFile("text.md", "# Words\n\nLoam\n: Soil rich in humus.\n")], slug="w")
    assert draft.chapters[0].words == 5


def test_a_passage_mark_never_lands_on_the_closing_fence_of_code_in_a_box() -> None:
    markdown = model_markdown("::: details Example\n```sh\nls\n```\n:::\n")
    assert "\n> ```\n" in markdown
    assert markdown.endswith("\n\n[¶ 1.1]")
