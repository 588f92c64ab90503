"""Notebooks read as a reader of them sees them: outputs (errors, terminal text, widgets) and display math."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from app.ingest import MAX_PAGE_BYTES, load_book
from app.ingest.notebookmath import display_math_blocks
from app.ingest.notebookoutputs import one_block, terminal_text
from app.ingest.notebooks import notebook_markdown
from tests.ingest.helpers import markdown_of, problems, write


def _notebook(*cells: dict[str, Any]) -> str:
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": list(cells)})


def _code(source: str, *outputs: dict[str, Any]) -> dict[str, Any]:
    return {"cell_type": "code", "metadata": {}, "source": source, "outputs": list(outputs)}


def _markdown(source: str) -> dict[str, Any]:
    return {"cell_type": "markdown", "metadata": {}, "source": source}


def test_an_error_shows_its_traceback_without_its_colours() -> None:
    error = {
        "output_type": "error",
        "ename": "ZeroDivisionError",
        "evalue": "division by zero",
        "traceback": [
            "\x1b[0;31m---------------------------------------------------------------------------\x1b[0m",
            "\x1b[0;31mZeroDivisionError\x1b[0m                         Traceback (most recent call last)",
            "\x1b[0;32m----> 1\x1b[0m \x1b[0mloaves\x1b[0m \x1b[0;34m/\x1b[0m \x1b[0;36m0\x1b[0m",
            "\x1b[0;31mZeroDivisionError\x1b[0m: division by zero",
        ],
    }
    text = notebook_markdown("bread.ipynb", _notebook(_code("loaves / 0", error)))
    assert "\x1b" not in text
    assert "[0;31m" not in text
    assert "----> 1 loaves / 0\nZeroDivisionError: division by zero\n```" in text


def test_an_error_with_no_traceback_shows_its_name_and_message() -> None:
    error = {"output_type": "error", "ename": "KeyError", "evalue": "'rye'", "traceback": []}
    text = notebook_markdown("bread.ipynb", _notebook(_code("flours['rye']", error)))
    assert text.endswith("```text\nKeyError: 'rye'\n```")
    broken = {"output_type": "error", "ename": 3, "traceback": "not a list"}
    assert notebook_markdown("bread.ipynb", _notebook(_code("x", broken))) == "```python\nx\n```"


def test_a_progress_bar_shows_its_last_drawing_and_a_stream_loses_its_colours() -> None:
    stream = {
        "output_type": "stream",
        "name": "stderr",
        "text": [
            "Proving:  10%|#\r",
            "Proving:  50%|#####\r",
            "Proving: 100%|##########| done\n",
            "\x1b[1mrisen\x1b[0m\n",
        ],
    }
    text = notebook_markdown("bread.ipynb", _notebook(_code("prove(dough)", stream)))
    assert text.endswith("```text\nProving: 100%|##########| done\nrisen\n```")


def test_terminal_text_overwrites_as_a_terminal_does() -> None:
    assert terminal_text("abcdef\rXY") == "XYcdef"
    assert terminal_text("one\r\ntwo\r\n") == "one\ntwo\n"  # Windows line ends are line ends
    assert terminal_text("spin|\x08/\x08-") == "spin-"
    assert terminal_text("\x08\x08start") == "start"  # nothing to take back
    assert terminal_text("\x1b]0;title\x07shown \x1b[2Kcleared") == "shown cleared"


def test_terminal_text_of_hostile_output_takes_linear_time() -> None:
    started = time.perf_counter()
    assert terminal_text("x" * 500_000 + "\ry" * 500_000) == "y" + "x" * 499_999
    assert terminal_text("a\x08" * 500_000) == ""
    assert terminal_text("\x1b[" * 300_000) == "\x1b[" * 300_000  # no sequence ends: nothing to drop
    assert time.perf_counter() - started < 2


def test_a_widget_is_left_out_but_a_result_shown_next_to_it_stays() -> None:
    widget = {
        "output_type": "display_data",
        "metadata": {},
        "data": {
            "application/vnd.jupyter.widget-view+json": {"model_id": "3f2a", "version_major": 2},
            "text/plain": "interactive(children=(IntSlider(value=10, description='loaves'), Output()))",
        },
    }
    result = {"output_type": "execute_result", "metadata": {}, "data": {"text/plain": "12"}}
    text = notebook_markdown("bread.ipynb", _notebook(_code("interact(bake)", widget, result)))
    assert "interactive(" not in text
    assert text == "```python\ninteract(bake)\n```\n\n```text\n12\n```"


def test_display_math_under_a_line_of_prose_is_display_math(tmp_path: Path) -> None:
    cell = _markdown(
        "# Tides\n\nThe height of the tide is roughly:\n$$\nh(t) = A \\cos(\\omega t)\n$$\nwhere $A$ is half the range."
    )
    book = load_book(write(tmp_path / "tides.ipynb", _notebook(cell))).parse()
    html = book.chapters[0].pages[0].html
    assert "$" not in html  # the block is math, shown as such, not dollars and TeX among the words
    assert '<p id="p-68bf6c65">The height of the tide is roughly:</p>\n<pre' in html
    assert markdown_of(book) == (
        "The height of the tide is roughly:\n\n$$\nh(t) = A \\cos(\\omega t)\n$$\n\nwhere $A$ is half the range."
    )


def test_display_math_blocks_leave_code_indented_lines_and_unclosed_dollars_alone() -> None:
    assert display_math_blocks("Text:\n$$ a = b $$\nmore") == "Text:\n\n$$ a = b $$\n\nmore"
    fenced = "```latex\nText\n$$\nx\n$$\n```"
    assert display_math_blocks(fenced) == fenced
    indented = "Text\n    $$\n    x\n    $$"
    assert display_math_blocks(indented) == indented
    unclosed = "Price:\n$$ is two dollars\n\nnext"
    assert display_math_blocks(unclosed) == unclosed
    already = "Text\n\n$$\nx\n$$\n\nmore"
    assert display_math_blocks(already) == already


def test_double_dollar_math_in_a_sentence_is_math_not_stray_dollars(tmp_path: Path) -> None:
    book = load_book(
        write(tmp_path / "bread.md", "# Bread\n\nDough rises as $$V = V_0 e^{kt}$$ in a warm room.\n")
    ).parse()
    html = book.chapters[0].pages[0].html
    assert "V = V_0 e^{kt}</code>" in html
    assert "$" not in html


def test_a_notebook_of_huge_outputs_is_cut_into_pages_that_fit(tmp_path: Path) -> None:
    lines = "".join(f"batch {n}: {'flour ' * 30}\n" for n in range(40_000))
    cells = [
        _markdown("# Mill log"),
        _code("for n in batches: print(n)", {"output_type": "stream", "name": "stdout", "text": lines}),
    ]
    book = load_book(write(tmp_path / "mill.ipynb", _notebook(*cells))).parse()
    pages = [page for chapter in book.chapters for page in chapter.pages]
    assert len(pages) > 1
    assert all(len(page.html.encode()) + len(page.markdown.encode()) <= MAX_PAGE_BYTES for page in pages)
    assert "batch 39999:" in pages[-1].markdown


def test_a_picture_that_is_a_symlink_to_itself_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    course = tmp_path / "course"
    write(
        course / "birds.ipynb",
        _notebook(_markdown("# Is It a Bird?\n\n![a robin](robin.jpg)\n\nA robin, perhaps.")),
    )
    (course / "robin.jpg").symlink_to("robin.jpg")  # as a real course's slides folder holds one
    book = load_book(course).parse()
    assert markdown_of(book).endswith("A robin, perhaps.")
    (warning,) = book.warnings
    assert "robin.jpg" in warning
    assert "leads round in a loop" in warning


def test_a_pandas_table_is_one_table_without_its_style_sheet() -> None:
    html = (
        "<div>\n<style scoped>\n    .dataframe th {\n        vertical-align: top;\n    }\n\n"
        "    .dataframe td {\n        text-align: right;\n    }\n</style>\n"
        '<table class="dataframe">\n  <thead>\n    <tr>\n      <th>tide</th>\n      <th>metres</th>\n'
        "    </tr>\n  </thead>\n\n  <tbody>\n    <tr>\n      <td>high</td>\n      <td>4.2</td>\n    </tr>\n"
        "  </tbody>\n</table>\n</div>"
    )
    assert one_block(html) == (
        '<div>\n<table class="dataframe"><thead><tr><th>tide</th><th>metres</th></tr></thead>'
        "<tbody><tr><td>high</td><td>4.2</td></tr></tbody></table></div>"
    )
    result = {
        "output_type": "execute_result",
        "metadata": {},
        "data": {"text/html": html, "text/plain": "ignored"},
    }
    text = notebook_markdown("tides.ipynb", _notebook(_code("tides", result)))
    assert "vertical-align" not in text
    assert "\n\n<table" not in text.split("<div>\n\n", 1)[1]  # one HTML block from <div> to </div>


def test_style_and_script_elements_left_open_take_the_rest_with_them() -> None:
    assert one_block("<b>kept</b><STYLE>p { color: red }") == "<b>kept</b>"
    assert one_block("<p>a</p><script>x()</script ><p>b</p>") == "<p>a</p><p>b</p>"
    assert one_block("<pre>one\n\n\ntwo</pre>") == "<pre>one\ntwo</pre>"  # no blank line may end the block
    started = time.perf_counter()
    one_block("<style>" * 100_000)
    one_block("<td>" + " " * 100_000 + "x")
    assert time.perf_counter() - started < 2


def test_latex_results_are_display_math_and_other_latex_its_plain_text() -> None:
    sympy = {
        "output_type": "execute_result",
        "metadata": {},
        "data": {"text/latex": "$\\displaystyle h^{2}$", "text/plain": "h**2"},
    }
    shown = {
        "output_type": "display_data",
        "metadata": {},
        "data": {"text/latex": "$$ a = b + c\n\n$$", "text/plain": "<IPython.core.display.Latex object>"},
    }
    table = {
        "output_type": "display_data",
        "metadata": {},
        "data": {"text/latex": "\\begin{tabular}{c}x\\end{tabular}", "text/plain": "a table"},
    }
    text = notebook_markdown("tides.ipynb", _notebook(_code("h**2", sympy, shown, table)))
    assert text == "```python\nh**2\n```\n\n$$\nh^{2}\n$$\n\n$$\na = b + c\n$$\n\n```text\na table\n```"


def test_quarto_option_lines_hide_what_they_say_and_never_show() -> None:
    printed = {"output_type": "stream", "name": "stdout", "text": "high water at 6\n"}
    cells = [
        _code("#| echo: false\nprint(tide)", printed),
        _code("#| output: false\n#| label: setup\nimport tides", printed),
        _code("#| include: false\nsecret()", printed),
        _code("#| tags: [remove-input, other]\nprint(tide)", printed),
        _code("#|echo:true\nx = 1\n#| echo: false\ny = 2"),
    ]
    text = notebook_markdown("tides.ipynb", _notebook(*cells))
    assert text == (
        "```text\nhigh water at 6\n```\n\n```python\nimport tides\n```\n\n```text\nhigh water at 6\n```\n\n"
        "```python\nx = 1\n#| echo: false\ny = 2\n```"
    )


def test_a_drawing_over_the_picture_limit_is_named_by_its_start_in_the_warning(tmp_path: Path) -> None:
    drawing = {
        "output_type": "display_data",
        "metadata": {},
        "data": {"image/png": "iVBORw0KGgo" + "A" * 900_000},
    }
    cells = [_markdown("# Bootstrap"), _code("plt.hist(means)", drawing)]
    book = load_book(write(tmp_path / "bootstrap.ipynb", _notebook(*cells))).parse()
    (warning,) = problems(book)
    assert warning == (
        "picture 'data:image/png;base64,iVBORw0KGgoAAAAAAA… (878 KB of text)' is a data: URL that is not "
        "a base64 picture of at most 512 KB; save it as a file. The reader shows its description instead."
    )


def test_a_myst_notebooks_code_cells_hide_as_their_tags_say(tmp_path: Path) -> None:
    page = write(
        tmp_path / "tides.md",
        "---\njupytext:\n  text_representation:\n    format_name: myst\n---\n# Tides\n\n"
        "```{code-cell}\n:tags: [remove-cell]\nsecret_setup()\n```\n\n"
        "```{code-cell} ipython3\n---\ntags: [hide-output, remove-input]\n---\ndraw_chart()\n```\n\n"
        "```{code-cell} ipython3\n:tags: [remove-output]\n#| label: tide-table\ntide_table()\n```\n\nThe end.\n",
    )
    book = load_book(page).parse()
    assert markdown_of(book) == "```ipython3\ntide_table()\n```\n\nThe end."


def test_display_math_of_hostile_cells_takes_linear_time() -> None:
    started = time.perf_counter()
    display_math_blocks("text\n$$ x\n" * 50_000)
    display_math_blocks("text\n" + "$$\n" * 100_000)
    assert time.perf_counter() - started < 1
