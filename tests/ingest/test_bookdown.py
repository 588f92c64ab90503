"""bookdown books and R Markdown chunks: what the golden book (golden/bookdown-book) cannot show."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.ingest import find_books, read_book
from app.ingest.book import parse_book
from app.ingest.sourcefile import SourceFile
from tests.ingest.helpers import markdown_of, problems, write

GOLDEN_PNG = Path(__file__).parent / "golden" / "footnotes-and-pictures" / "channel.png"
INDEX = "---\ntitle: Harbour Notes\nsite: bookdown::bookdown_site\n---\n\n# Welcome {-}\n\nA book about a harbour.\n"


def test_without_rmd_files_the_order_is_bookdowns_own_index_first_then_by_name(tmp_path: Path) -> None:
    write(tmp_path / "index.Rmd", INDEX)
    write(tmp_path / "b-ropes.Rmd", "# Ropes\n\nCoil them clockwise.\n")
    write(tmp_path / "a-boats.Rmd", '# Boats\n\nSmall ones.\n\n```{r child="child-oars.Rmd"}\n```\n')
    write(tmp_path / "child-oars.Rmd", "Oars come in pairs.\n")
    write(tmp_path / "_scratch.Rmd", "# Scratch\n\nNot for readers.\n")
    write(tmp_path / "README.md", "# About this repository\n\nHow to build the book.\n")

    draft = read_book(tmp_path)

    assert [c.title for c in draft.chapters] == ["Welcome", "Boats", "Ropes"]
    assert [c.label for c in draft.chapters] == [None, "1", "2"]
    assert "Oars come in pairs." in markdown_of(draft)
    assert draft.title == "Harbour Notes"


def test_an_rmd_files_mapping_is_read_for_the_html_book(tmp_path: Path) -> None:
    write(
        tmp_path / "_bookdown.yml",
        'rmd_files:\n  latex: ["index.Rmd", "print.Rmd"]\n  html: ["index.Rmd", "web.Rmd"]\n',
    )
    write(tmp_path / "index.Rmd", INDEX)
    write(tmp_path / "web.Rmd", "# On the web\n\nLinks work here.\n")
    write(tmp_path / "print.Rmd", "# In print\n\nPage numbers work here.\n")

    assert [c.title for c in read_book(tmp_path).chapters] == ["Welcome", "On the web"]


def test_a_folder_with_bookdown_yml_is_one_book_not_a_series_of_its_folders(tmp_path: Path) -> None:
    write(tmp_path / "_bookdown.yml", 'rmd_files: ["intro.Rmd"]\n')
    write(tmp_path / "intro.Rmd", "# Intro\n\nA book with no index.Rmd.\n")
    for folder in ("figures", "data"):
        write(tmp_path / folder / "one.md", "# One\n\nText.\n")
        write(tmp_path / folder / "two.md", "# Two\n\nText.\n")

    assert find_books(tmp_path) == [tmp_path]


def test_a_child_document_outside_the_book_is_never_read(tmp_path: Path) -> None:
    book = tmp_path / "book"
    write(tmp_path / "secret.Rmd", "The outside secret.\n")
    write(book / "index.Rmd", INDEX)
    os.symlink(tmp_path / "secret.Rmd", book / "linked.Rmd")
    write(
        book / "quay.Rmd",
        '# Quay\n\nMooring rings.\n\n```{r child = "../secret.Rmd"}\n```\n\n```{r, child=c("linked.Rmd")}\n```\n',
    )
    write(book / "_bookdown.yml", 'rmd_files: ["index.Rmd", "quay.Rmd"]\n')

    draft = read_book(book)

    assert "secret" not in markdown_of(draft)
    said = "\n".join(problems(draft))
    assert "the child document '../secret.Rmd' is outside the book's folder" in said
    assert "the child document 'linked.Rmd' is outside the book's folder" in said


def test_a_child_document_that_pulls_itself_in_is_read_once_and_warned_about(tmp_path: Path) -> None:
    write(tmp_path / "index.Rmd", INDEX)
    write(tmp_path / "loop.Rmd", '# Loop\n\nOnce round.\n\n```{r child="loop.Rmd"}\n```\n')

    draft = read_book(tmp_path)

    assert markdown_of(draft).count("Once round.") == 1
    assert any("the child document 'loop.Rmd' pulls itself in" in problem for problem in problems(draft))


def test_a_part_heading_with_nothing_under_it_but_hidden_setup_opens_no_page(tmp_path: Path) -> None:
    write(tmp_path / "index.Rmd", INDEX)
    write(
        tmp_path / "part.Rmd",
        "# (PART) Sailing {-}\n\\index{sailing}\n\n```{r, include = FALSE}\nlibrary(knots)\n```\n\n"
        "# Knots\n\nA reef knot first.\n",
    )

    draft = read_book(tmp_path)

    assert [(c.title, c.part) for c in draft.chapters] == [("Welcome", None), ("Knots", "Sailing")]
    assert draft.warnings == ()


@pytest.mark.parametrize("attributes", ["{-}", "{#later -}", "{.unnumbered}", "{- .unlisted}"])
def test_an_unnumbered_heading_anywhere_keeps_only_its_words(attributes: str) -> None:
    text = f"# Preface {attributes}\n\nWords.\n\n## Later {attributes}\n\nMore.\n\n### Deeper {attributes}\n\nMost.\n"
    draft = parse_book([SourceFile("notes.md", text)], slug="n")

    assert [c.title for c in draft.chapters] == ["Preface", "Later"]
    assert "### Deeper\n" in markdown_of(draft) + "\n"


def test_an_r_markdown_chunk_is_r_code_and_hidden_where_knitr_hides_it() -> None:
    text = (
        "# Chunks\n\n```{r setup, include = FALSE}\nlibrary(hidden)\n```\n\n"
        "```{r plot, echo=FALSE}\nplot(also_hidden)\n```\n\n```{r, eval = FALSE}\nshown <- 1\n```\n"
    )
    draft = parse_book([SourceFile("chunks.Rmd", text)], slug="c")

    markdown = markdown_of(draft)
    assert "hidden" not in markdown
    assert "```r\nshown <- 1\n```" in markdown


def test_a_labelled_chunks_option_lines_go_as_an_unlabelled_chunks_do() -> None:
    text = (
        "# Chunks\n\n```{r setup}\n#| message: false\nlibrary(tides)\n```\n\n"
        "```{r secret}\n#| echo: false\nplot(hidden)\n```\n\n```{r}\n#| label: plain\nplot(tides)\n```\n"
    )
    markdown = markdown_of(parse_book([SourceFile("chunks.qmd", text)], slug="c"))
    assert "```r\nlibrary(tides)\n```" in markdown
    assert "```r\nplot(tides)\n```" in markdown
    assert "#|" not in markdown
    assert "hidden" not in markdown


def test_chunk_options_in_option_lines_written_as_r_hide_code_and_describe_pictures(tmp_path: Path) -> None:
    book = tmp_path / "harbour"
    write(book / "index.Rmd", INDEX)
    write(book / "quay.Rmd", (
        "# The quay\n\nThe quay, drawn.\n\n```{r}\n#| echo = FALSE, out.width = \"60%\",\n"
        "#| fig.alt = \"The quay at low water\"\nknitr::include_graphics(\"quay.png\")\n```\n\n"
        "```{r}\n#| echo = FALSE\nsecret_setup()\n```\n"
    ))  # fmt: skip
    (book / "quay.png").write_bytes((GOLDEN_PNG).read_bytes())
    markdown = markdown_of(read_book(book))
    assert "![The quay at low water](" in markdown
    assert "secret_setup" not in markdown
    assert "#|" not in markdown
