"""MyST substitutions (`{{ key }}`): what the golden book (golden/jupyter-book-notebooks) cannot show."""

from __future__ import annotations

import time
from pathlib import Path

from app.ingest import load_book, parse_book
from app.ingest.mystsubs import conf_substitutions, config_substitutions, expand
from app.ingest.sourcefile import SourceFile
from tests.ingest.helpers import markdown_of, problems, write

INTRO = "A guide to the tides, with a sentence or two about what follows it here, and a few words more.\n"


def _expand(body: str, names: dict[str, str]) -> tuple[str, list[str]]:
    said: list[str] = []
    return expand(body, names, file="tides.md", warn=said.append), said


def test_conf_py_gives_the_entries_that_are_literals_and_never_runs_the_rest() -> None:
    text = (
        "import datetime\n"
        "myst_substitutions = {'old': 'replaced below'}\n"
        "myst_substitutions = {\n"
        '    "port": "Harbour **Bay**",\n'
        '    "today": datetime.now().strftime("%d.%m.%Y"),\n'
        '    "|version|": __version__,\n'
        '    "depth": 12,\n'
        '    "flag": True,\n'
        "    **others,\n"
        "}\n"
    )
    assert conf_substitutions(text) == {"port": "Harbour **Bay**", "depth": "12"}


def test_conf_py_substitutions_set_in_a_branch_or_malformed_are_read_as_far_as_they_can_be() -> None:
    assert conf_substitutions('if READTHEDOCS:\n    myst_substitutions = {"rtd": "RTD"}\n') == {"rtd": "RTD"}
    assert conf_substitutions('myst_substitutions = {"a": "b",\n') == {}  # never closed
    assert conf_substitutions("myst_substitutions = load('subs.yml')\n") == {}
    assert conf_substitutions('myst_substitutions = {"a": ("b" ) ) }\n') == {}  # not Python
    assert conf_substitutions("myst_substitutions = {" + "[" * 5000 + "}") == {}


def test_a_jupyter_books_config_gives_text_values_only() -> None:
    parse = {"myst_substitutions": {"tide": "spring tide", "range": 4.5, "list": [1, 2], "none": None}}
    assert config_substitutions(parse) == {"tide": "spring tide", "range": "4.5"}
    assert config_substitutions("not a table") == {}
    assert config_substitutions({"myst_substitutions": ["tide"]}) == {}


def test_a_value_may_use_another_but_never_itself_and_loops_end() -> None:
    names = {"a": "A uses {{ b }}", "b": "B uses {{ a }}", "me": "me and {{ me }}"}
    text, said = _expand("{{ a }} / {{ me }}", names)
    # What is left unresolved goes to the template-tag pass, which drops it and says so.
    assert text == "A uses B uses {{ a }} / me and {{ me }}"
    assert said == []


def test_names_defined_by_each_other_cannot_make_a_page_grow_without_end() -> None:
    names = {f"k{n}": f"{{{{ k{n + 1} }}}}" * 8 for n in range(20)} | {"k20": "tide " * 50}
    started = time.perf_counter()
    text, said = _expand("\n".join(["{{ k0 }} x"] * 2000), names)
    assert time.perf_counter() - started < 3
    assert len(text) < 100_000  # a value past 20,000 characters is no value: k0 stays unresolved
    assert said == []


def test_a_page_stops_growing_past_a_megabyte_and_says_so() -> None:
    text, said = _expand("\n".join(["{{ chart }}"] * 2000), {"chart": "high water " * 1800})
    assert 1024 * 1024 < len(text) < 2 * 1024 * 1024
    assert text.endswith("\n{{ chart }}")
    assert said == ["tides.md: its substitutions add over 1024 KB to the page, so the rest were left out."]


def test_code_keeps_its_braces_and_a_directive_holds_substitutions() -> None:
    body = (
        "````{note}\nHigh water at {{ port }}.\n```python\nprint('{{ port }}')\n```\n````\n\n"
        "```{code-block} text\n{{ port }}\n```\n\n"
        "Say `{{ port }}` to write {{ port }}, and ``{{ port }}`` too.\n"
    )
    text, _ = _expand(body, {"port": "Harbour Bay"})
    assert text == (
        "````{note}\nHigh water at Harbour Bay.\n```python\nprint('{{ port }}')\n```\n````\n\n"
        "```{code-block} text\n{{ port }}\n```\n\n"
        "Say `{{ port }}` to write Harbour Bay, and ``{{ port }}`` too.\n"
    )


def test_a_block_value_inside_a_directive_cannot_close_it() -> None:
    body = "```{admonition} Slack water\n{{ warning }}\n```\n\nAfter."
    text, _ = _expand(body, {"warning": "```{warning}\nMind the rip.\n```"})
    assert text == "```{admonition} Slack water\n~~~{warning}\nMind the rip.\n~~~\n```\n\nAfter."


def test_a_block_value_in_a_list_item_keeps_the_items_indent() -> None:
    text, _ = _expand("- Ebb\n\n  {{ notes }}\n", {"notes": "First line.\n\nSecond line."})
    assert text == "- Ebb\n\n  First line.\n\n  Second line.\n"


def test_a_page_of_a_folder_uses_its_own_front_matter_in_the_old_and_new_places(tmp_path: Path) -> None:
    write(
        tmp_path / "book" / "one.md",
        "---\nmyst:\n  substitutions:\n    moon: the Moon\n---\n# One\n\nPulled by {{ moon }}.\n",
    )
    write(
        tmp_path / "book" / "two.md",
        "---\nsubstitutions:\n  sun: the Sun\n---\n# Two\n\nAnd by {{ sun }}, less.\n",
    )
    book = load_book(tmp_path / "book").parse()
    assert markdown_of(book) == "Pulled by the Moon.\n\nAnd by the Sun, less."
    assert book.warnings == ()


def test_a_sphinx_sites_conf_py_names_reach_every_page_and_a_page_overrides_them(tmp_path: Path) -> None:
    site = tmp_path / "docs"
    write(
        site / "conf.py",
        'project = "Tides"\nmyst_substitutions = {"port": "Harbour Bay", "unit": "metres"}\n',
    )
    write(site / "index.md", f"# Tides\n\n{INTRO}\n```{{toctree}}\nneaps\n```\n")
    write(
        site / "neaps.md",
        "---\nmyst:\n  substitutions:\n    port: Low Quay\n---\n# Neaps\n\nAt {{ port }} the range is two {{ unit }}.\n",
    )
    book = load_book(site).parse()
    assert markdown_of(book).endswith("At Low Quay the range is two metres.")
    assert book.warnings == ()


def test_broken_front_matter_costs_only_the_pages_own_names(tmp_path: Path) -> None:
    write(tmp_path / "book" / "_toc.yml", "format: jb-book\nroot: intro\n")
    write(tmp_path / "book" / "_config.yml", "parse:\n  myst_substitutions:\n    port: Harbour Bay\n")
    write(
        tmp_path / "book" / "intro.md", "---\nmyst: [unclosed\n---\n# Intro\n\nAt {{ port }}, {{ moon }}.\n"
    )
    book = load_book(tmp_path / "book").parse()
    assert markdown_of(book) == "At Harbour Bay, ."
    assert any("front matter" in warning for warning in problems(book))
    assert any("template tags" in warning for warning in problems(book))


def test_a_book_given_as_text_reads_its_front_matter_names() -> None:
    text = "---\nmyst:\n  substitutions:\n    tide: flood\n---\n# Tides\n\nThe {{ tide }} runs in.\n"
    book = parse_book([SourceFile("tides.md", text)], slug="tides")
    assert markdown_of(book) == "The flood runs in."
