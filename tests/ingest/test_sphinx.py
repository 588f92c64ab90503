"""Sphinx sites in MyST Markdown: what the golden book (golden/sphinx-myst) cannot show."""

from __future__ import annotations

from pathlib import Path

from app.ingest import find_books, load_book
from app.ingest.sphinx import conf_settings, sphinx_of
from tests.ingest.helpers import write

# A root page is a chapter only when it has prose of its own (split.intro_file): this is enough.
INTRO = (
    "A guide long enough to be a chapter of its own, with a sentence or two about what follows it "
    "here, and then a few words more so that it says something beyond its list of pages.\n"
)


def test_conf_py_gives_only_the_settings_a_string_literal_names() -> None:
    text = (
        'project = "First"\n'
        "project = 'Tide Tables'  # the last assignment decides, as running it would\n"
        "author = ', '.join(AUTHORS)\n"
        "language = None\n"
        'language = "\\N{NO SUCH CHARACTER}"\n'
        'author = "\\x4"  # an escape Python refuses\n'
        'root_doc = f"{base}/start"\n'
        "if True:\n"
        '    master_doc = "indented, so maybe never set"\n'
        'master_doc = "contents" + SUFFIX\n'
    )
    assert conf_settings(text) == {"project": "Tide Tables"}


def test_a_setting_computed_after_its_literal_is_not_known_so_it_is_ignored() -> None:
    assert conf_settings('project = "Draft name"\nproject = os.environ["NAME"]\n') == {}


def test_a_string_with_escapes_is_read_as_python_reads_it() -> None:
    assert conf_settings("author = 'Ann O\\'Hara'\n") == {"author": "Ann O'Hara"}


def test_conf_py_is_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    write(
        tmp_path / "site" / "conf.py",
        f'project = "Quiet"\nopen({str(marker)!r}, "w").write("conf.py was run")\nraise SystemExit(1)\n',
    )
    write(tmp_path / "site" / "index.md", "# Home\n\n" + INTRO)
    assert load_book(tmp_path / "site").parse().title == "Quiet"
    assert not marker.exists()


def test_root_doc_in_conf_py_names_the_page_the_site_starts_from(tmp_path: Path) -> None:
    write(tmp_path / "conf.py", 'project = "Tides"\nroot_doc = "contents"\n')
    write(tmp_path / "contents.md", "# Contents\n\n" + INTRO + "\n```{toctree}\nbasics\n```\n")
    write(tmp_path / "basics.md", "# Basics\n\nThe first steps.\n")
    write(tmp_path / "index.md", "# Old home\n\nNo longer the root, and in no toctree.\n")
    draft = load_book(tmp_path).parse()
    assert [c.title for c in draft.chapters] == ["Contents", "Basics"]
    assert any("1 page in no toctree (index.md) is not a chapter" in w for w in draft.warnings)


def test_a_folder_with_conf_py_but_no_markdown_root_is_not_read_as_a_sphinx_site(tmp_path: Path) -> None:
    write(tmp_path / "conf.py", 'project = "Written in reStructuredText"\n')
    write(tmp_path / "index.rst", "Home\n====\n")
    write(tmp_path / "notes.md", "# Notes\n\nA page beside it.\n")
    assert sphinx_of(tmp_path) is None
    assert [c.title for c in load_book(tmp_path).parse().chapters] == ["Notes"]


def test_a_sphinx_site_with_its_root_named_in_conf_py_is_one_book_not_a_series(tmp_path: Path) -> None:
    write(tmp_path / "conf.py", 'master_doc = "start"\n')
    write(tmp_path / "start.md", "# Start\n\n" + INTRO + "\n```{toctree}\none/a\none/b\ntwo/a\ntwo/b\n```\n")
    for folder in ("one", "two"):
        for page in ("a", "b"):
            write(tmp_path / folder / f"{page}.md", f"# {folder} {page}\n\nText.\n")
    assert find_books(tmp_path) == [tmp_path]


def test_a_missing_entry_is_named_with_its_file_and_line_and_the_rest_is_read(tmp_path: Path) -> None:
    write(tmp_path / "conf.py", 'project = "Tides"\n')
    index = write(
        tmp_path / "index.md", "# Home\n\n" + INTRO + "\n```{toctree}\n:maxdepth: 2\n\nnowhere\nhere\n```\n"
    )
    write(tmp_path / "here.md", "# Here\n\nA page that is there.\n")
    draft = load_book(tmp_path).parse()
    assert [c.title for c in draft.chapters] == ["Home", "Here"]
    assert (
        f"{index}:8: names 'nowhere', which is not in the book's folder; it was left out." in draft.warnings
    )


def test_a_toctree_is_not_warned_about_in_a_sphinx_site_but_is_in_a_plain_folder(tmp_path: Path) -> None:
    for name, conf in (("site", True), ("folder", False)):
        if conf:
            write(tmp_path / name / "conf.py", 'project = "Site"\n')
        write(tmp_path / name / "index.md", "# Home\n\n" + INTRO + "\n```{toctree}\npage\n```\n")
        write(tmp_path / name / "page.md", "# Page\n\nText.\n")
    warnings = {name: load_book(tmp_path / name).parse().warnings for name in ("site", "folder")}
    assert not any("{toctree}" in w for w in warnings["site"])
    assert any("({toctree}) were left out" in w for w in warnings["folder"])


def test_toctrees_that_name_each_other_are_walked_once(tmp_path: Path) -> None:
    write(tmp_path / "conf.py", 'project = "Tides"\n')
    write(tmp_path / "index.md", "# Home\n\n" + INTRO + "\n```{toctree}\na\n```\n")
    write(tmp_path / "a.md", "# A\n\nText.\n\n```{toctree}\nb\n/index\n```\n")
    write(tmp_path / "b.md", "# B\n\nText.\n\n```{toctree}\na\n../b\n```\n")
    draft = load_book(tmp_path).parse()
    assert [(c.title, c.depth) for c in draft.chapters] == [("Home", 0), ("A", 0), ("B", 1)]
    assert any("'../b', which is outside the site's folder" in w for w in draft.warnings)


def test_a_stray_byte_in_conf_py_does_not_stop_the_import(tmp_path: Path) -> None:
    write(tmp_path / "index.md", "# Home\n\n" + INTRO)
    (tmp_path / "conf.py").write_bytes(b'# caf\xe9, in Latin-1\nproject = "Harbour Notes"\n')
    assert load_book(tmp_path).parse().title == "Harbour Notes"
