"""mkdocs-macros: `extra:` values and includes filled in, the rest left to the template-tag warning."""

from __future__ import annotations

import time
from pathlib import Path, PurePosixPath

from app.ingest import load_book
from app.ingest.mkdocsmacros import Macros, expand, macros_of
from tests.ingest.helpers import markdown_of, write

CONFIG = (
    "site_name: Tides\nplugins:\n  - macros:\n      include_dir: shared\n"
    "extra:\n  port: Brest\n  range: 7\n  moon:\n    phase: full\nnav:\n  - tides.md\n"
)


def test_extra_values_fill_their_names_in_prose_and_code(tmp_path: Path) -> None:
    write(tmp_path / "mkdocs.yml", CONFIG)
    write(
        tmp_path / "docs" / "tides.md",
        "# {{ config.site_name }}\n\nAt {{ port }} the sea rises {{extra.range}} m at a {{ moon.phase }} moon.\n\n"
        "```text\nport={{ extra.port }}\n{% raw %}name={{ port }}{% endraw %}\n```\n",
    )

    draft = load_book(tmp_path).parse()
    text = markdown_of(draft)

    assert "At Brest the sea rises 7 m at a full moon." in text
    assert "port=Brest" in text
    assert "name={{ port }}\n" in text  # raw, as Jinja keeps it
    assert draft.chapters[0].title == "Tides"


def test_includes_come_from_include_dir_then_docs_and_a_missing_one_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path / "mkdocs.yml", CONFIG)
    write(tmp_path / "shared" / "tip.md", "Check the tables for {{ port }}.\n")
    write(tmp_path / "docs" / "more" / "note.md", "Spring tides are bigger.\n")
    write(
        tmp_path / "docs" / "tides.md",
        '# Tides\n\nRead on.\n\n{% include "tip.md" %}\n\n{% include \'more/note.md\' %}\n\n{% include "gone.md" %}\n',
    )

    draft = load_book(tmp_path).parse()
    text = markdown_of(draft)

    assert "Check the tables for Brest." in text
    assert "Spring tides are bigger." in text
    assert [w for w in draft.warnings if "gone.md" in w] == [
        'docs/tides.md:9: {% include "gone.md" %} is not in the include folder or the docs folder, so it was left out.'
    ]


def test_what_only_the_plugin_can_do_is_still_dropped_with_the_usual_warning(tmp_path: Path) -> None:
    write(tmp_path / "mkdocs.yml", CONFIG)
    write(tmp_path / "docs" / "tides.md", "# Tides\n\nNext: {{ unknown_value }} and {{ now() }}.\n")

    draft = load_book(tmp_path).parse()

    assert "{{" not in markdown_of(draft)
    assert any("template tags" in warning for warning in draft.warnings)


def test_a_site_without_the_plugin_fills_nothing(tmp_path: Path) -> None:
    assert macros_of({"extra": {"port": "Brest"}}, PurePosixPath("docs")) is None
    write(tmp_path / "mkdocs.yml", "site_name: Tides\nextra:\n  port: Brest\n")
    write(tmp_path / "docs" / "tides.md", "# Tides\n\nAt {{ port }}.\n")

    assert "Brest" not in markdown_of(load_book(tmp_path).parse())


def test_includes_never_leave_the_book_nor_loop(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(tmp_path / "secret.md", "a key nobody should read\n")
    write(
        site / "mkdocs.yml",
        "site_name: Tides\nplugins:\n  - macros:\n      include_dir: ../\nnav:\n  - tides.md\n",
    )
    write(site / "docs" / "loop.md", 'Again {% include "loop.md" %}\n')
    write(
        site / "docs" / "tides.md",
        '# Tides\n\nWater.\n\n{% include "../../secret.md" %}\n\n{% include "loop.md" %}\n',
    )

    draft = load_book(site).parse()

    assert "a key nobody" not in markdown_of(draft)
    assert "Again" in markdown_of(draft)
    assert any("includes itself" in warning for warning in draft.warnings)


def test_hostile_text_costs_linear_time() -> None:
    macros = Macros({"port": "Brest"}, (PurePosixPath("docs"),))

    def read(path: PurePosixPath) -> str:
        raise OSError("nothing here")

    started = time.monotonic()
    for text in (
        "{% raw %}" * 50_000,
        "{{ port }}" * 50_000,
        "{% include 'x' %}\n" * 20_000,
        "{{" + " " * 200_000,
    ):
        expand(text, file=PurePosixPath("docs/index.md"), macros=macros, read=read, warn=lambda _: None)
    assert time.monotonic() - started < 3
