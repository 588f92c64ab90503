"""mkdocs' `{! … !}` and `{* … *}` includes: line picks, warnings, the book's edge, and hostile input."""

from __future__ import annotations

import time
from pathlib import Path

from app.ingest import load_book
from app.ingest.mkdocsincludes import Includes, expand, includes_of
from app.ingest.placement import BOOK_ROOT
from tests.ingest.helpers import markdown_of, write

CONFIG = "site_name: Kettle\nmarkdown_extensions:\n  mdx_include:\n  markdown_include_variants:\n"
BOIL = "".join(f"step_{n} = {n}\n" for n in range(1, 11))


def test_a_variants_line_is_a_code_block_of_the_lines_it_picks_with_the_gaps_marked(tmp_path: Path) -> None:
    write(tmp_path / "mkdocs.yml", CONFIG)
    write(tmp_path / "src" / "boil.py", BOIL)
    write(tmp_path / "docs" / "index.md", "# Kettle\n\nBoil it:\n\n{* ./src/boil.py ln[2:3,6] hl[2] *}\n")

    text = markdown_of(load_book(tmp_path).parse())

    assert (
        "```python\n# Code above omitted 👆\nstep_2 = 2\nstep_3 = 3\n\n# Code here omitted 👈\n\nstep_6 = 6\n"
        in text
    )
    assert "# Code below omitted 👇\n```" in text
    assert "step_1 " not in text
    assert "hl[" not in text
    assert "{*" not in text


def test_ln_zero_or_no_ln_shows_the_whole_file(tmp_path: Path) -> None:
    write(tmp_path / "mkdocs.yml", CONFIG)
    write(tmp_path / "src" / "boil.py", BOIL)
    write(
        tmp_path / "docs" / "index.md", "# Kettle\n\n{* src/boil.py ln[0] *}\n\nAgain:\n\n{* src/boil.py *}\n"
    )

    text = markdown_of(load_book(tmp_path).parse())

    assert text.count("step_1 = 1") == 2
    assert text.count("step_10 = 10") == 2
    assert "omitted" not in text


def test_a_plain_include_fills_a_fence_slices_lines_and_keeps_its_indent(tmp_path: Path) -> None:
    write(tmp_path / "mkdocs.yml", CONFIG)
    write(tmp_path / "src" / "boil.py", BOIL)
    write(
        tmp_path / "docs" / "index.md",
        "# Kettle\n\n- Step:\n\n    ```python\n    {!> ./src/boil.py[ln:4-5]!}\n    ```\n\nEscaped: \\{!src/boil.py!}\n",
    )

    draft = load_book(tmp_path).parse()
    text = markdown_of(draft)

    assert "  step_4 = 4\n  step_5 = 5\n  ```" in text
    assert "step_3" not in text
    assert "step_6" not in text
    assert "Escaped: {!src/boil.py!}" in text
    assert not draft.warnings


def test_a_path_is_also_looked_up_from_the_page_own_folder(tmp_path: Path) -> None:
    write(tmp_path / "mkdocs.yml", CONFIG)
    write(tmp_path / "docs" / "notes" / "tip.md", "Descale it monthly.\n")
    write(tmp_path / "docs" / "index.md", "# Kettle\n\n{! notes/tip.md !}\n")

    assert "Descale it monthly." in markdown_of(load_book(tmp_path).parse())


def test_what_cannot_be_read_is_a_warning_naming_the_page_and_line_never_shown_raw(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(tmp_path / "secret.py", "password = 'hunter2'\n")
    write(site / "mkdocs.yml", CONFIG)
    (site / "leak.py").symlink_to(tmp_path / "secret.py")
    write(
        site / "docs" / "index.md",
        "# Kettle\n\nFill it.\n\n{* gone.py *}\n\n{! ../../secret.py !}\n\n{! leak.py !}\n\n{! https://example.com/a.md !}\n",
    )

    draft = load_book(site).parse()
    text = markdown_of(draft)

    assert "hunter2" not in text
    assert "{!" not in text
    assert "{*" not in text
    warnings = [w for w in draft.warnings if w.startswith("docs/index.md:")]
    assert [w.split(":", 2)[1] for w in warnings] == ["5", "7", "9", "11"]
    assert "leads outside the book's folder" in warnings[1]
    assert "never downloads" in warnings[3]


def test_a_file_that_includes_itself_stops_with_a_warning(tmp_path: Path) -> None:
    write(tmp_path / "mkdocs.yml", CONFIG)
    write(tmp_path / "a.md", "Pour.\n\n{! b.md !}\n")
    write(tmp_path / "b.md", "Wait.\n\n{! a.md !}\n")
    write(tmp_path / "docs" / "index.md", "# Kettle\n\n{! a.md !}\n")

    draft = load_book(tmp_path).parse()

    assert "Pour." in markdown_of(draft)
    assert "Wait." in markdown_of(draft)
    assert any("includes itself" in warning for warning in draft.warnings)


def test_a_site_that_lists_neither_extension_reads_its_text_as_written(tmp_path: Path) -> None:
    assert includes_of({"markdown_extensions": ["admonition"]}, warn=[], where="mkdocs.yml") is None
    found = includes_of(
        {"markdown_extensions": [{"mdx_include": {"base_path": "../.."}}]}, warn=(warned := []), where="m"
    )
    assert found == Includes(BOOK_ROOT, plain=True, variants=False)
    assert warned
    assert "outside the book" in warned[0]


def test_hostile_lines_cost_linear_time() -> None:
    includes = Includes(BOOK_ROOT, plain=True, variants=True)

    def read(path: object) -> str:
        raise OSError("no files here")

    started = time.monotonic()
    for text in ("{!" + " " * 200_000, "{* " + "a[" * 100_000, "{!" * 100_000, "{!a[ln:" + "1," * 100_000):
        expand(text, file=BOOK_ROOT / "index.md", includes=includes, read=read, warn=lambda _: None)
    assert time.monotonic() - started < 2


def test_many_ranges_and_directives_on_one_line_cost_linear_time(tmp_path: Path) -> None:
    write(tmp_path / "mkdocs.yml", CONFIG)
    write(tmp_path / "src" / "boil.py", BOIL * 1000)
    many = "{! src/boil.py[ln:" + "1-," * 20_000 + "] !}"
    write(tmp_path / "docs" / "index.md", "# Kettle\n\nBoil.\n\n" + many + "\n\n" + "{!  !}" * 50_000 + "\n")

    started = time.monotonic()
    text = markdown_of(load_book(tmp_path).parse())

    assert time.monotonic() - started < 10
    assert text.count("step_7 = 7") == 1000
