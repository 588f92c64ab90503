"""A book's folder: every byte a book import reads comes through here, and only from inside it.

Chapters, SUMMARY.md, book.toml, mkdocs.yml, included files and pictures are all read by one
BookFolder, which resolves each path (symlinks and `..` included) before reading it, refuses
anything outside the book's folder, and opens only regular files: a FIFO, a device or a file in
/proc is never opened, so an import can neither hang on one nor read the importing shell's secrets.
It also keeps a digest of everything it read, which is how an unchanged book is recognised
before any of it is parsed.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path, PurePosixPath

from app.errors import ImportProblem
from app.ingest.limits import MAX_BOOK_FILES, MAX_FILE_BYTES

# Kernel and device file systems: nothing in them is a book, and reading some of them hangs.
_SYSTEM_FOLDERS = (Path("/proc"), Path("/sys"), Path("/dev"))


class Unreadable(Exception):
    """A file the import may not or cannot read; the message says why and what to do."""


class TooBig(Unreadable):
    """A file over the size limit for what it is; callers say the limit in their own units."""

    def __init__(self, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        super().__init__(f"is {size / 1024 / 1024:.1f} MB, over the {limit / 1024 / 1024:g} MB limit")


class BookFolder:
    """Reads files inside one folder, and nowhere else; remembers what it read."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        if any(self.root.is_relative_to(system) for system in _SYSTEM_FOLDERS):
            raise ImportProblem(str(root), "is a system folder, not a book. Point at a folder of Markdown.")
        self._digest = hashlib.sha256()
        self._reads = 0
        self._texts: dict[Path, str] = {}
        self._folders: dict[Path, Path] = {}  # each folder's real path, resolved once

    @property
    def digest(self) -> str:
        """A digest of every file read so far: its path inside the folder, and its bytes."""
        return self._digest.hexdigest()

    def name(self, path: Path) -> str:
        """The path as the book sees it: relative to the folder, with forward slashes."""
        return PurePosixPath(self._real(path).relative_to(self.root)).as_posix()

    def _real(self, path: Path) -> Path:
        """path.resolve(), with each folder resolved once: a book of a thousand files in a deep
        folder would otherwise cost a system call for every folder above every file."""
        if path.name in ("", ".", "..") or path.is_symlink():
            return real_path(path)
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders[path.parent] = real_path(path.parent)
        return folder / path.name

    def locate(self, path: Path) -> Path:
        """The real path of a file inside the folder, or Unreadable saying why not."""
        real = self._real(path)  # Unreadable when symbolic links loop (real_path)
        if not real.is_relative_to(self.root):
            raise Unreadable(
                f"is outside the book's folder (it leads to {real}); copy it into the book instead"
            )
        try:
            mode = real.stat().st_mode
        except OSError:
            raise Unreadable("does not exist; create it or fix the path") from None
        if stat.S_ISDIR(mode):
            raise Unreadable("is a folder, not a file")
        if not stat.S_ISREG(mode):
            raise Unreadable("is not a regular file (a pipe, a socket or a device); replace it with a file")
        return real

    def read_bytes(self, path: Path, *, limit: int) -> bytes:
        """The file's bytes; Unreadable if it is outside the folder, not a regular file, or over `limit`."""
        return self._read(self.locate(path), limit)

    def _read(self, real: Path, limit: int) -> bytes:
        self._reads += 1
        if self._reads > MAX_BOOK_FILES:
            raise ImportProblem(
                str(self.root),
                f"the book reads more than {MAX_BOOK_FILES:,} files. Point at the book's own folder, "
                "not a folder that holds far more than one book.",
            )
        # O_NONBLOCK: should the file be swapped for a FIFO after the check above, opening it
        # still returns at once, and the second check refuses it.
        descriptor = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(descriptor, "rb") as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise Unreadable(
                    "is not a regular file (a pipe, a socket or a device); replace it with a file"
                )
            if info.st_size > limit:
                raise TooBig(info.st_size, limit)
            data = file.read(limit + 1)
        if len(data) > limit:
            raise TooBig(len(data), limit)
        name = PurePosixPath(real.relative_to(self.root)).as_posix().encode()
        self._digest.update(len(name).to_bytes(4, "big") + name + len(data).to_bytes(8, "big") + data)
        return data

    def read_text(self, path: Path, *, limit: int = MAX_FILE_BYTES) -> str:
        """A text file's content (read once, however often asked for); Unreadable or ImportProblem if not."""
        real = self.locate(path)
        if real not in self._texts:
            self._texts[real] = decode(str(path), self._read(real, limit))
        return self._texts[real]

    def config_text(self, path: Path, *, limit: int) -> str:
        """A configuration file's text (mkdocs.yml, docs.json, a toc): one that cannot be read stops the
        import, naming the file, since the book's order and title hang on it."""
        try:
            return decode(str(path), self.read_bytes(path, limit=limit))
        except Unreadable as problem:
            raise ImportProblem(str(path), f"{problem}.") from None

    def note(self, text: str) -> None:
        """Add something other than a file's bytes to the digest (a problem met, a choice made)."""
        data = text.encode()
        self._digest.update(b"\1" + len(data).to_bytes(8, "big") + data)


def real_path(path: Path) -> Path:
    """path.resolve(); Unreadable when symbolic links lead round in a loop (`a.png -> a.png`), which
    Python reports as RuntimeError or OSError depending on its version."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        raise Unreadable(
            "is a symbolic link that leads round in a loop; replace it with the file it stands for"
        ) from None


def decode(path: str, data: bytes) -> str:
    """UTF-8 text with Unix line ends; an ImportProblem naming the line of the first bad byte."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportProblem(
            path,
            f"the file is not UTF-8 (byte {error.start} is not valid). Save it as UTF-8 and import again.",
            line=line,
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
