"""Pictures in a book, written into the page itself, because a widget can load them from nowhere else.

Hosts run widgets under a Content Security Policy that allows images from `data:` URLs only, in a
sandbox that serves none of the book's files. So ingest embeds each picture a chapter shows by a
relative path, whether written `![alt](src)` or `<img src>`: it checks by the first bytes, never
by the name, that they are PNG, JPEG, GIF or WebP, and writes them into the HTML as a `data:` URL.
A picture on the web becomes a link the reader can open, since the policy would block it.
Anything else shows its description instead, and the import says why, so the author can fix it.

The pictures are found and read when the book is loaded, before anything is parsed (see
`candidates`), so that their bytes are part of the digest that tells an unchanged book; parsing
then only looks them up, in any order, in a `Pictures` table.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import unquote

from app.ingest.limits import MAX_PICTURE_BYTES
from app.ingest.placement import resolve

# Where a picture's bytes come from: given its path inside the book, the bytes, or PictureUnavailable.
ReadPicture = Callable[[PurePosixPath], bytes]

PICTURE_SUFFIXES = (
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".webp",
    ".svg",
    ".avif",
    ".bmp",
    ".ico",
    ".tif",
    ".tiff",
)
# A run of characters that could be part of a path: split at whitespace, quotes, brackets and `=`.
# A character class repeated, so matching costs linear time on any line.
_PATH_RUN = re.compile(r"[^\s\"'()<>\[\]=,]+")
# A quoted or angle-bracketed string on one line (which may hold spaces): each kind of quote ends
# at the next of its own kind, so this is linear too.
_QUOTED = re.compile(r"\"([^\"\n]*)\"|'([^'\n]*)'|<([^<>\n]*)>")
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_ANY_SUFFIX = re.compile("|".join(re.escape(suffix) for suffix in PICTURE_SUFFIXES), re.IGNORECASE)


class PictureUnavailable(Exception):
    """A picture that cannot be embedded; the message says why, after the picture's path."""


def picture_type(data: bytes) -> str | None:
    """The MIME type of PNG, JPEG, GIF, WebP or SVG data, the only kinds embedded; None for anything else.

    An SVG is shown only as an `<img>`, where browsers run none of its scripts and load nothing
    it links to; it is never written into the page as markup.
    """
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if _is_svg(data):
        return "image/svg+xml"
    return None


def _is_svg(data: bytes) -> bool:
    head = data[:4096].decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
    return head.startswith(("<?xml", "<svg", "<!--", "<!DOCTYPE svg", "<!doctype svg")) and "<svg" in head


def location(file: PurePosixPath, src: str, site_root: PurePosixPath) -> PurePosixPath | None:
    """Where `src`, written in `file`, points inside the book; None for the web and for escapes."""
    path = unquote(src.split("#", 1)[0].split("?", 1)[0]).strip()
    if not path or _SCHEME.match(path) or path.startswith("//"):
        return None
    return resolve(file, path, site_root)


def places(
    file: PurePosixPath, src: str, site_root: PurePosixPath, public: PurePosixPath | None = None
) -> list[PurePosixPath | None]:
    """Where a picture written `src` in `file` may be: from the site's root, and for `/logo.png`
    also in the folder the site serves at its root (VuePress's .vuepress/public; see placement.py)."""
    first = location(file, src, site_root)
    if public is None or not src.lstrip().startswith("/"):
        return [first]
    return [first, location(file, src, public)]


def candidates(
    file: PurePosixPath, text: str, site_root: PurePosixPath, public: PurePosixPath | None = None
) -> Iterator[PurePosixPath]:
    """Every path in the text that could name a picture, found without parsing: a superset of what renders."""
    if not _ANY_SUFFIX.search(text):
        return
    for match in _PATH_RUN.finditer(text):
        word = match.group()
        # Most words are not paths: a picture's has a suffix, written plainly or percent-encoded.
        if "." in word or "%" in word:
            yield from _picture_path(file, word, site_root, public)
    for match in _QUOTED.finditer(text):
        quoted = match.group(1) or match.group(2) or match.group(3) or ""
        # A name with spaces, as GitBook writes them (`<.gitbook/assets/image (1).png>`), is one path.
        yield from _picture_path(file, quoted.strip(), site_root, public)
        for piece in quoted.split(","):  # srcset: "a.png 1x, b.png 2x"
            if " " in piece.strip():
                yield from _picture_path(file, piece.strip().split(" ")[0], site_root, public)


def _picture_path(
    file: PurePosixPath, word: str, site_root: PurePosixPath, public: PurePosixPath | None
) -> Iterator[PurePosixPath]:
    bare = word.split("#", 1)[0].split("?", 1)[0]
    if bare.lower().endswith(PICTURE_SUFFIXES) or unquote(bare).lower().endswith(PICTURE_SUFFIXES):
        yield from (found for found in places(file, word, site_root, public) if found is not None)


def _why_not(written: str) -> str:
    if _SCHEME.match(written) or written.startswith("//"):
        return "is not a file in the book; use a path relative to the Markdown file"
    return "is outside the book's folder; move it inside"


def inline_picture(src: str) -> Picture:
    """A picture written into the Markdown as a `data:` URL: shown if its bytes really are a picture."""
    header, _, payload = src.partition(",")
    if not header.lower().endswith(";base64") or len(payload) > MAX_PICTURE_BYTES * 4 // 3 + 4:
        return Picture(
            None, "is a data: URL that is not a base64 picture of at most 512 KB; save it as a file"
        )
    try:
        data = base64.b64decode(payload, validate=True)
    except ValueError:
        return Picture(None, "is a data: URL whose data is not valid base64; save the picture as a file")
    kind = picture_type(data)
    if kind is None or kind == "image/svg+xml":
        return Picture(None, "is a data: URL that is not a PNG, JPEG, GIF or WebP picture")
    return Picture(f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}")


@dataclass(frozen=True, slots=True)
class Picture:
    """A picture ready to show, or the reason it cannot be."""

    data_url: str | None
    problem: str | None = None

    @property
    def size(self) -> int:
        return len(self.data_url or "")


@dataclass
class Pictures:
    """The pictures of one book, by their path inside it: read at load, looked up while rendering."""

    found: dict[PurePosixPath, bytes | PictureUnavailable] = field(default_factory=dict)
    _shown: dict[PurePosixPath, Picture] = field(default_factory=dict, repr=False)

    @classmethod
    def preload(cls, wanted: Iterable[PurePosixPath], read: ReadPicture) -> Pictures:
        found: dict[PurePosixPath, bytes | PictureUnavailable] = {}
        for path in sorted(set(wanted)):
            try:
                found[path] = read(path)
            except PictureUnavailable as problem:
                found[path] = problem
        return cls(found)

    def digest_items(self) -> list[tuple[str, bytes]]:
        """What the book's digest includes: each picture's path, and its bytes or the problem with it."""
        return [
            (str(path), value if isinstance(value, bytes) else b"unavailable")
            for path, value in sorted(self.found.items())
        ]

    def first(self, paths: list[PurePosixPath | None], written: str) -> Picture:
        """The picture at the first of `paths` the book has (see places()); else why the first cannot be."""
        found = next(
            (path for path in paths if path is not None and isinstance(self.found.get(path), bytes)), paths[0]
        )
        return self.get(found, written)

    def get(self, path: PurePosixPath | None, written: str) -> Picture:
        """The picture at `path` (as `written` in the book), embedded, or why it cannot be."""
        if path is not None and path in self._shown:
            return self._shown[path]
        picture = self._embed(path, written)
        if path is not None:
            self._shown[path] = picture
        return picture

    def _embed(self, path: PurePosixPath | None, written: str) -> Picture:
        try:
            if path is None:
                raise PictureUnavailable(_why_not(written))
            data = self._bytes(path)
            kind = picture_type(data)
            if kind is None:
                raise PictureUnavailable(
                    "is not a PNG, JPEG, GIF, WebP or SVG picture; convert it to one of those"
                )
        except PictureUnavailable as problem:
            return Picture(None, str(problem))
        return Picture(f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}")

    def _bytes(self, path: PurePosixPath) -> bytes:
        value = self.found.get(path)
        if value is None:
            raise PictureUnavailable("was not found; add the file or fix the path")
        if isinstance(value, PictureUnavailable):
            raise value
        return value
