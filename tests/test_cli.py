"""The `chapterwise` command: what it prints, and one clear line for each kind of bad input."""

from __future__ import annotations

import json
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, Table

from app.cli import main
from app.ingest import MAX_FILE_BYTES
from app.paths import bundled
from app.schema import metadata
from app.settings import Settings


def run(settings: Settings, *args: str) -> int:
    return main(["--data-dir", str(settings.data_dir), *args])


def listed(settings: Settings, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    assert run(settings, "list", "--json") == 0
    books: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return books


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_importing_the_sample_content_lists_every_sample_book_with_its_chapters(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(settings, "import", str(bundled("content"))) == 0
    out = capsys.readouterr().out
    assert "created" in out
    assert "chapterwise-guide" in out
    books = {book["slug"]: book for book in listed(settings, capsys)}
    guide = books["chapterwise-guide"]
    assert isinstance(guide["chapters"], int)
    assert guide["chapters"] >= 6
    assert isinstance(guide["words"], int)
    assert guide["words"] >= 8000
    assert any(book["language"] and str(book["language"]).startswith("zh") for book in books.values())


def test_importing_again_reports_every_book_unchanged(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    run(settings, "import", str(bundled("content")))
    capsys.readouterr()
    assert run(settings, "import", str(bundled("content"))) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines == [
        "Found 2 books.",
        "unchanged  Chapterwise from the Inside  [chapterwise-guide]",
        "unchanged  慢读小记  [slow-reading-zh]",
    ]


def test_a_dry_run_shows_the_chapters_and_saves_nothing(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = write(tmp_path / "tides.md", "# Tides\n## Low water\nOut.\n## High water\nIn.\n")
    assert run(settings, "import", "--dry-run", str(book)) == 0
    out = capsys.readouterr().out
    assert "Tides  [tides]  2 chapters" in out
    assert "1. Low water" in out
    assert "2. High water" in out
    assert "nothing was saved" in out
    assert listed(settings, capsys) == []


def test_list_prints_a_table_and_remove_takes_a_book_out(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(settings, "import", str(write(tmp_path / "tides.md", "# Tides\n## Low water\nOut.\n")))
    capsys.readouterr()
    assert run(settings, "list") == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["SLUG", "CHAPTERS", "WORDS", "MIN", "TITLE"]
    assert table[1].split()[0] == "tides"
    assert run(settings, "remove", "tides") == 0
    assert "removed  Tides  [tides]" in capsys.readouterr().out
    assert listed(settings, capsys) == []


def test_db_upgrade_creates_the_database_in_the_data_folder(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "fresh")
    assert run(settings, "db", "upgrade") == 0
    assert (tmp_path / "fresh" / "chapterwise.db").is_file()


@pytest.fixture
def migrations_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of migrations/ for `db revision` to write into, leaving the project's own untouched."""
    copy = tmp_path / "migrations"
    shutil.copytree(bundled("migrations"), copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr("app.db.bundled", lambda name: copy if name == "migrations" else bundled(name))
    return copy


def test_db_revision_writes_nothing_when_the_schema_has_not_changed(
    settings: Settings, migrations_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(p.name for p in (migrations_copy / "versions").iterdir())
    assert run(settings, "db", "revision", "-m", "nothing") == 0
    assert "nothing to migrate" in capsys.readouterr().out
    assert sorted(p.name for p in (migrations_copy / "versions").iterdir()) == before


def test_db_revision_writes_the_next_numbered_migration_for_a_changed_schema(
    settings: Settings, migrations_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted((migrations_copy / "versions").glob("*.py"))
    number = f"{int(before[-1].name[:4]) + 1:04}"
    shelves = Table("shelves", metadata, Column("id", Integer, primary_key=True))
    try:
        assert run(settings, "db", "revision", "-m", "add shelves") == 0
    finally:
        metadata.remove(shelves)
    out = capsys.readouterr().out
    [written] = (migrations_copy / "versions").glob(f"{number}_*.py")
    assert 'op.create_table("shelves"' in written.read_text().replace("'", '"')
    assert f"wrote {written}" in out
    # The new migration is the head at once: nothing else needs editing for start-up to see it.
    from app.db import head_revision

    assert head_revision(migrations_copy / "versions") == number


def test_removing_an_unknown_book_tells_a_person_where_to_find_slugs(
    sample_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(sample_settings, "remove", "nope") == 1
    assert capsys.readouterr().err == (
        "chapterwise: error: there is no book 'nope' in the library (2 books). "
        "`chapterwise list` shows each book's slug.\n"
    )


def test_removing_from_an_empty_library_says_how_to_import(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(settings, "remove", "nope") == 1
    err = capsys.readouterr().err
    assert "the library is empty. Import one with `chapterwise import PATH`." in err
    assert "list-books" not in err  # a tool's name means nothing at a terminal


def test_global_flags_work_after_the_command_too(
    sample_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["list", "--data-dir", str(sample_settings.data_dir)]) == 0
    assert "chapterwise-guide" in capsys.readouterr().out


def test_a_command_that_reads_never_creates_a_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "typo"
    for command in (["list"], ["remove", "x"], ["serve", "--port", "1"]):
        assert main(["--data-dir", str(missing), *command]) == 1
        assert "There is no library at" in capsys.readouterr().err
    assert not missing.exists()


def _non_utf8(tmp_path: Path) -> Path:
    path = tmp_path / "latin1.md"
    path.write_bytes("# Caf\xe9\n## Menu\nCr\xe8me br\xfbl\xe9e\n".encode("latin-1"))
    return path


def _oversized(tmp_path: Path) -> Path:
    path = tmp_path / "huge.md"
    with path.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)  # sparse: the size check must come before any reading
    return path


def _summary_with_missing_file(tmp_path: Path) -> Path:
    write(tmp_path / "mdbook" / "SUMMARY.md", "# Summary\n\n- [One](one.md)\n- [Two](two.md)\n")
    write(tmp_path / "mdbook" / "one.md", "# One\nText.\n")
    return tmp_path / "mdbook"


BAD_INPUTS = {
    "a missing path": (lambda tmp: tmp / "no-such-book.md", "no-such-book.md"),
    "a file that is not UTF-8": (_non_utf8, "latin1.md"),
    "an empty file": (lambda tmp: write(tmp / "empty.md", "  \n\n"), "empty.md"),
    "a file over the size limit": (_oversized, "huge.md"),
    "broken front matter": (
        lambda tmp: write(tmp / "fm.md", "---\ntitle: [unclosed\n---\n## A\nB\n"),
        "fm.md:",
    ),
}


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_bad_input_gets_one_clear_line_a_failure_exit_and_changes_nothing(
    case: str, settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, named = BAD_INPUTS[case]
    good = write(tmp_path / "good.md", "# Good\n## One\nFine.\n")
    bad = make(tmp_path)
    # The good book comes first: a failure on the second must not leave the first half-imported.
    assert run(settings, "import", str(good), str(bad)) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert err.startswith("chapterwise: error: ")
    assert named in err
    assert listed(settings, capsys) == []


def test_a_chapter_summary_names_but_the_book_lacks_is_a_warning_and_the_rest_is_imported(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # mdBook and GitBook still build such a book (mdBook creates the file); a reader can read the rest.
    book = _summary_with_missing_file(tmp_path)
    assert run(settings, "import", str(book)) == 0
    captured = capsys.readouterr()
    assert captured.err == (
        f"chapterwise: warning: {book / 'SUMMARY.md'}:4: links to 'two.md', which does not exist; create it "
        "or fix the path, or remove the line. The chapter was left out.\n"
    )
    assert "created  Mdbook  [mdbook]  1 chapter" in captured.out


def test_a_picture_that_cannot_be_shown_is_a_warning_and_the_book_is_still_imported(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = write(tmp_path / "tides.md", "# Tides\n## One\n![The tide table](tables/june.png)\n")
    assert run(settings, "import", str(book)) == 0
    captured = capsys.readouterr()
    assert captured.err == (
        f"chapterwise: warning: {book}: picture 'tables/june.png' was not found; add the file or fix "
        "the path. The reader shows its description instead.\n"
    )
    assert "created  Tides  [tides]" in captured.out
    assert [b["slug"] for b in listed(settings, capsys)] == ["tides"]


def _marked_library(settings: Settings) -> None:
    """A one-chapter book that the local reader highlighted and another reader bookmarked."""
    from tests.conftest import open_library
    from tests.drafts import book

    library = open_library(settings)
    tides = book("tides", ("Low water", ["The sea goes out."]), title="Tides")
    library.save_books([tides])
    passage = tides.chapters[0].pages[0].blocks[0].anchor
    library.save_highlight("local", "tides", 1, passage, "The sea goes out", "green", "Every day.")
    library.save_bookmark("host:someone", "tides", 1, 1)
    library.close()


def test_export_prints_the_readers_notes_as_markdown_or_json(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    _marked_library(settings)
    assert run(settings, "export", "tides") == 0
    assert capsys.readouterr().out == (
        "# Notes on “Tides”\n\n## Chapter 1 — Low water\n\n> The sea goes out [¶ 1.1]\n\nNote: Every day.\n"
    )
    assert run(settings, "export", "--json") == 0
    exported = json.loads(capsys.readouterr().out)
    assert [h["note"] for h in exported["highlights"]] == ["Every day."]
    assert run(settings, "export", "--reader", "host:someone") == 0
    assert "## Bookmarks\n\n- Chapter 1, page 1 — Low water" in capsys.readouterr().out


def test_removing_a_marked_book_asks_first_then_keeps_or_deletes_the_notes(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    _marked_library(settings)
    assert run(settings, "remove", "tides") == 1
    assert capsys.readouterr().err == (
        "chapterwise: error: 'tides' has 1 highlight and 1 bookmark by 2 readers. Remove it with --keep-notes "
        "to keep them (they come back if the book is imported again), or --delete-notes to delete them too.\n"
    )
    assert [b["slug"] for b in listed(settings, capsys)] == ["tides"]
    assert run(settings, "remove", "tides", "--keep-notes") == 0
    assert "its readers' notes are kept" in capsys.readouterr().out
    assert run(settings, "export") == 0
    assert "> The sea goes out" in capsys.readouterr().out


def test_a_dry_run_with_no_library_yet_creates_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = write(tmp_path / "tides.md", "# Tides\n## Low water\nOut.\n")
    assert main(["--data-dir", str(tmp_path / "library"), "import", "--dry-run", str(book)]) == 0
    assert "Tides  [tides]  1 chapter" in capsys.readouterr().out
    assert not (tmp_path / "library").exists()


def test_ctrl_c_in_the_middle_of_an_import_leaves_the_library_as_it_was(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = write(tmp_path / "first.md", "# First\n## One\nThe first book.\n")
    assert run(settings, "import", str(first)) == 0
    before = listed(settings, capsys)
    changed = write(tmp_path / "first.md", "# First\n## One\nThe first book, revised.\n## Two\nMore.\n")
    second = write(tmp_path / "second.md", "# Second\n## One\nThe second book.\n")

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt  # as Ctrl-C lands: after a book's rows are written, before the commit

    monkeypatch.setattr("app.library.imports.reattach_notes", interrupted)
    assert run(settings, "import", str(changed), str(second)) == 130
    assert capsys.readouterr().err.strip() == "chapterwise: stopped; the library is as it was before."
    monkeypatch.undo()
    assert listed(settings, capsys) == before


def _on_a_full_disk() -> None:
    # No file may grow, as on a full disk: a write fails with EFBIG (SQLite's "disk I/O error"),
    # where a full disk gives ENOSPC, and the process is not killed for trying.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def test_on_a_full_disk_commands_say_so_in_one_line_and_reading_works_while_the_library_is_open(
    sample_settings: Settings, tmp_path: Path
) -> None:
    database = sample_settings.data_dir / "chapterwise.db"
    before = database.read_bytes()
    changed = write(tmp_path / "book.md", "# A New Book\n\n## One\n\nWords that need room on the disk.\n")

    def chapterwise(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "app", "--data-dir", str(sample_settings.data_dir), *args]
        return subprocess.run(
            command, capture_output=True, text=True, preexec_fn=_on_a_full_disk, check=False
        )

    # Nothing has the library open, so SQLite cannot make the shared-memory file it reads through.
    refused = chapterwise("list")
    assert refused.returncode == 1
    assert refused.stderr == (
        "chapterwise: error: Cannot use the library: the disk could not be read or written. "
        "Check the disk (and free space) and try again.\n"
    )
    # A running server holds it open: then reading needs no new space, and works.
    with closing(sqlite3.connect(database)) as server:
        server.execute("select count(*) from books").fetchone()
        listed = chapterwise("list")
        assert listed.returncode == 0, listed.stderr
        assert "chapterwise-guide" in listed.stdout
        failed = chapterwise("import", str(changed))
        assert failed.returncode == 1
        assert failed.stderr.count("\n") == 1
        assert "the disk" in failed.stderr
        assert "Words that need room" not in failed.stderr
    assert database.read_bytes() == before
