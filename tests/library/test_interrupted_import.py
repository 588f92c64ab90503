"""An import killed while it writes leaves the library exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.db import make_engine
from app.library import Library
from app.settings import Settings

pytestmark = pytest.mark.slow

BOOKS = 60
CHAPTERS = 30


def _write_library(folder: Path) -> None:
    paragraph = "The tide came in over the flats and went out again, as it always had. " * 40
    for number in range(BOOKS):
        book = folder / f"book-{number:03}"
        book.mkdir(parents=True)
        chapters = "\n\n".join(f"## Chapter {c}\n\n{paragraph}\n\n{paragraph}" for c in range(CHAPTERS))
        (book / "book.md").write_text(f"# Book {number}\n\n{chapters}\n", encoding="utf-8")


def test_killing_an_import_midway_through_writing_leaves_the_library_unchanged(
    settings: Settings, tmp_path: Path
) -> None:
    engine = make_engine(settings.db_url)
    before = Library(engine).list_books()
    engine.dispose()
    _write_library(tmp_path / "shelf")
    wal = settings.data_dir / "chapterwise.db-wal"
    command = [
        sys.executable,
        "-m",
        "app",
        "--data-dir",
        str(settings.data_dir),
        "import",
        str(tmp_path / "shelf"),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # Wait until the import has written into the write-ahead log, i.e. is inside its
    # transaction, then kill it without warning, as a power cut or the OOM killer would.
    deadline = time.monotonic() + 60
    while not (wal.exists() and wal.stat().st_size > 256 * 1024):
        assert process.poll() is None, "the import finished before it could be interrupted; make it bigger"
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.005)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    if process.stderr:
        process.stderr.close()

    engine = make_engine(settings.db_url)
    assert Library(engine).list_books() == before
    engine.dispose()
