"""Citations and the .bib files they name: what the golden book (golden/jupyter-book-notebooks) cannot show."""

from __future__ import annotations

import time
from pathlib import Path

from app.ingest import load_book
from app.ingest.bibtex import Reference, parse_bibtex, plain
from tests.ingest.helpers import markdown_of, problems, write

BIB = """
@string{press = "Tidewater Press"}
@comment{ a note to the editor }
@book{hale2018,
  author = {Hale, Morwenna},
  title = {Tables of the {Tide}},
  publisher = press,
  year = {2018},
}
@article{two,
  author = {Ortiz, Ana and Lind, Per},
  title = "Moon and {M}ud",
  year = 2020
}
@book{hale2018,
  author = {Someone Else},
  year = {1999}
}
"""


def test_a_bib_file_gives_names_and_years_as_a_citation_shows_them() -> None:
    works = parse_bibtex(BIB)
    assert works == {
        "hale2018": Reference("Hale", "2018", "Tables of the Tide"),  # the first entry of a key wins
        "two": Reference("Ortiz and Lind", "2020", "Moon and Mud"),
    }


def test_names_are_read_as_bibtex_reads_them() -> None:
    works = parse_bibtex(
        "@misc{a, author = {Ada Lovelace and Charles Babbage and others}, year = {1843}}\n"
        "@misc{b, author = {{Royal Society of Tides}}, date = {2001-05-04}}\n"
        "@misc{c, author = {B{\\\"u}hler, J{\\'o}rg}}\n"
        "@misc{d, editor = {Nakamura, Yui}, year = {2010}}\n"
        "@misc{e, title = {Anonymous}}\n"
    )
    assert [(work.authors, work.year) for work in works.values()] == [
        ("Lovelace et al.", "1843"),
        ("Royal Society of Tides", "2001"),
        ("Bühler", "n.d."),
        ("Nakamura", "2010"),
        ("", "n.d."),
    ]
    assert plain(r"\emph{Tides} and \textbf{Moons}~\&~more") == "Tides and Moons & more"


def test_a_broken_entry_costs_only_itself() -> None:
    works = parse_bibtex(
        "@book{broken, author = {Unclosed, Brace, year = 2000\n"
        "@book{fine, author = {Reed, Isla}, year = {2011}}\n"
        "@book{no-comma author = {X}}\n"
        "@book{after, author = {Quay, Bo}, year = {2012}}\n"
    )
    assert works["fine"] == Reference("Reed", "2011", "")
    assert works["after"] == Reference("Quay", "2012", "")
    assert "no-comma" not in works


def test_a_hostile_bib_file_is_read_in_linear_time() -> None:
    started = time.perf_counter()
    parse_bibtex("@book{k, author = {" + "{" * 200_000)
    parse_bibtex("@book{k," * 100_000)
    parse_bibtex("@misc{k, author = {" + " and " * 100_000 + "}}")
    assert time.perf_counter() - started < 3


def test_pandoc_citations_in_a_bookdown_or_quarto_book(tmp_path: Path) -> None:
    write(tmp_path / "book" / "refs.bib", BIB)
    write(
        tmp_path / "book" / "tides.md",
        "# Tides\n\nTides follow the moon [@hale2018; see @two, ch. 2]. @two [p. 4] measured it,\n"
        "as did [-@hale2018]. Packages such as [@jest/core] and mail to tides@hale2018.org stay.\n\n"
        "Write `[@hale2018]` to cite.\n",
    )
    book = load_book(tmp_path / "book").parse()
    assert markdown_of(book) == (
        "Tides follow the moon (Hale 2018; see Ortiz and Lind 2020, ch. 2). Ortiz and Lind (2020, p. 4) "
        "measured it,\nas did (2018). Packages such as [@jest/core] and mail to tides@hale2018.org stay.\n\n"
        "Write `[@hale2018]` to cite."
    )
    assert book.warnings == ()


def test_without_a_bib_file_nothing_is_taken_for_a_citation(tmp_path: Path) -> None:
    write(tmp_path / "book" / "tides.md", "# Tides\n\nAsk [@harbourmaster] or {cite}`hale2018`.\n")
    book = load_book(tmp_path / "book").parse()
    assert "[@harbourmaster]" in markdown_of(book)
    assert book.warnings == ()


def test_myst_roles_name_their_keys_and_unknown_ones_are_warned_of_once(tmp_path: Path) -> None:
    write(tmp_path / "book" / "refs.bib", BIB)
    write(
        tmp_path / "book" / "tides.md",
        "# Tides\n\n{cite:t}`two` charted it {cite:p}`hale2018,lost`, in {cite:year}`two`\n"
        "by {cite:author}`hale2018`; see {cite}`lost` and {cite:p}`10.1000/tide(1)`.\n",
    )
    book = load_book(tmp_path / "book").parse()
    assert markdown_of(book) == (
        "Ortiz and Lind (2020) charted it (Hale 2018; lost), in 2020\nby Hale; see (lost) and "
        "([doi:10.1000/tide(1)](https://doi.org/10.1000/tide%281%29))."
    )
    assert problems(book) == [
        "cites 'lost', which no .bib file of the book holds; the reader sees the key instead."
    ]


def test_bib_markup_cannot_become_the_pages_markup(tmp_path: Path) -> None:
    write(
        tmp_path / "book" / "refs.bib",
        "@misc{x, author = {*Bold* <script>alert(1)</script> [link](javascript:y)}, year = {2020}}",
    )
    write(tmp_path / "book" / "tides.md", "# Tides\n\nSee [@x].\n")
    book = load_book(tmp_path / "book").parse()
    html = book.chapters[0].pages[0].html
    assert "<script" not in html
    assert "<strong>" not in html
    assert "href" not in html


def test_a_bib_file_outside_the_book_is_never_read(tmp_path: Path) -> None:
    write(tmp_path / "secret.bib", "@misc{x, author = {Hidden, Name}, year = {2000}}")
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "linked.bib").symlink_to(tmp_path / "secret.bib")
    write(tmp_path / "book" / "tides.md", "# Tides\n\nSee [@x] and {cite}`x`.\n")
    book = load_book(tmp_path / "book").parse()
    assert "Hidden" not in markdown_of(book)


def test_pandoc_refs_divs_get_the_list_of_works_cited_so_far(tmp_path: Path) -> None:
    write(tmp_path / "book" / "refs.bib", BIB)
    write(tmp_path / "book" / "a.md", "# Tides\n\nSee [@two] and @hale2018.\n\n::: {#refs}\n:::\n\nAfter.\n")
    write(tmp_path / "book" / "b.md", '# Moon\n\nOnly [@two].\n\n<div id="refs"></div>\n')
    listing = "- Hale (2018). *Tables of the Tide*.\n- Ortiz and Lind (2020). *Moon and Mud*."
    alone = markdown_of(load_book(tmp_path / "book" / "b.md").parse())
    assert alone == "Only (Ortiz and Lind 2020).\n\n- Ortiz and Lind (2020). *Moon and Mud*."
    book = load_book(tmp_path / "book").parse()
    assert markdown_of(book) == (
        f"See (Ortiz and Lind 2020) and Hale (2018).\n\n{listing}\n\nAfter.\n\n"
        f"Only (Ortiz and Lind 2020).\n\n{listing}"
    )
    assert book.warnings == ()


def test_a_bookdown_books_closing_references_page_lists_the_works_cited(tmp_path: Path) -> None:
    write(tmp_path / "book" / "book.bib", BIB)
    write(tmp_path / "book" / "_bookdown.yml", 'rmd_files: ["index.Rmd", "References.Rmd"]\n')
    write(tmp_path / "book" / "index.Rmd", "# Tides\n\nTides follow the moon [@hale2018].\n")
    write(
        tmp_path / "book" / "References.Rmd",
        "`r if (knitr::is_latex_output()) '<!--'`\n\n# References {-}\n\n`r if (knitr::is_latex_output()) '-->'`\n",
    )
    book = load_book(tmp_path / "book").parse()
    assert [chapter.title for chapter in book.chapters] == ["Tides", "References"]
    assert markdown_of(book).endswith(
        "Tides follow the moon (Hale 2018).\n\n- Hale (2018). *Tables of the Tide*."
    )
    assert book.warnings == ()


def test_a_bibliography_directive_lists_all_works_when_asked_and_escapes_their_markup(tmp_path: Path) -> None:
    write(
        tmp_path / "book" / "refs.bib",
        BIB + "\n@misc{star, author = {Star, *A*}, title = {[x](javascript:y)}}\n",
    )
    write(
        tmp_path / "book" / "refs.md", "# Reading\n\nNothing cited here.\n\n```{bibliography}\n:all:\n```\n"
    )
    book = load_book(tmp_path / "book" / "refs.md").parse()
    assert markdown_of(book) == (
        "Nothing cited here.\n\n- Hale (2018). *Tables of the Tide*.\n- Ortiz and Lind (2020). *Moon and Mud*.\n"
        "- Star (n.d.). *[x](javascript:y)*."  # as text: the model's Markdown is not parsed again
    )
    assert "<a " not in book.chapters[0].pages[0].html  # a title in a .bib file is never a link
    assert book.warnings == ()


def test_hostile_citation_lines_are_read_in_linear_time(tmp_path: Path) -> None:
    write(tmp_path / "book" / "refs.bib", BIB)
    lines = [
        "[" + "@" * 50_000,
        "[" + "@two " * 20_000 + "]",
        "@hale2018" + "." * 50_000,
        "[" + "x@" * 20_000 + "]",
        "`x` @two {cite}`two` [@two] " * 10_000,
    ]
    write(tmp_path / "book" / "tides.md", "# Tides\n\n" + "\n\n".join(lines) + "\n")
    started = time.perf_counter()
    load_book(tmp_path / "book").parse()
    assert time.perf_counter() - started < 5
