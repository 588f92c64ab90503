"""Pictures in a book, written into the page itself, because a widget can load them from nowhere else.

Hosts run widgets under a Content Security Policy that allows images from `data:` URLs only, in a
sandbox that serves none of the book's files. So ingest embeds each picture a chapter shows by a
relative path: it reads the bytes (through a function the caller supplies, so ingest itself does
no I/O), checks by the first bytes, never by the name, that they are PNG, JPEG, GIF or WebP, and
writes them into the HTML as a `data:` URL. A picture on the web becomes a link the reader can
open, since the policy would block it. Anything else shows its description instead, and the
import says why, so the author can fix it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote

from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

# The largest picture embedded. Each one travels in every read-chapter result that shows it,
# and base64 makes it a third larger again.
MAX_PICTURE_BYTES = 512 * 1024

# Where a picture's bytes come from: given a path, the bytes, or PictureUnavailable saying why not.
ReadPicture = Callable[[PurePosixPath], bytes]

# The key under which a page's render environment carries its Pictures (see render_image).
ENV_KEY = "chapterwise_pictures"

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


class PictureUnavailable(Exception):
    """A picture that cannot be embedded; the message says why, after the picture's path."""


def picture_type(data: bytes) -> str | None:
    """The MIME type of PNG, JPEG, GIF and WebP data, the only kinds embedded; None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


@dataclass
class Pictures:
    """The pictures of one book: read once each, with what happened to every one of them."""

    read: ReadPicture | None
    # Each picture met, as written, with a digest of its bytes or "unavailable", in reading order:
    # part of the book's source hash, so that re-importing after adding or changing a picture
    # updates the book (the path as written, not as found, keeps the hash independent of where
    # the book lies on disk).
    outcomes: list[tuple[str, str]] = field(default_factory=list)
    warnings: dict[str, str] = field(default_factory=dict)  # by "file|src", so each is said once
    _embedded: dict[str, str | None] = field(default_factory=dict)

    def render_image(self, source: str, token: Token, renderer: Any, options: Any, env: Any) -> str:
        src = token.attrGet("src")
        alt = renderer.renderInlineAsText(token.children or [], options, env)
        if not isinstance(src, str) or src.startswith("data:"):  # markdown-it let only safe images through
            return str(renderer.image([token], 0, options, env))
        if src.startswith("//") or re.match(r"^https?:", src, re.IGNORECASE):
            href = "https:" + src if src.startswith("//") else src
            return f'<a class="picture-link" href="{escapeHtml(href)}">🖼 {escapeHtml(alt or href)}</a>'
        data_url = self._data_url(source, src)
        if data_url is None:
            return f'<span class="picture-missing">🖼 {escapeHtml(alt or PurePosixPath(src).name)}</span>'
        token = token.copy()
        token.attrSet("src", data_url)
        return str(renderer.image([token], 0, options, env))

    def _data_url(self, source: str, src: str) -> str | None:
        path = unquote(src.split("#")[0].split("?")[0])
        key = f"{source}|{path}"
        if key not in self._embedded:
            self._embedded[key] = self._embed(source, path)
        return self._embedded[key]

    def _embed(self, source: str, path: str) -> str | None:
        try:
            if _SCHEME.match(path):
                raise PictureUnavailable(
                    "is not a file in the book; use a path relative to the Markdown file"
                )
            if path.startswith("/"):
                raise PictureUnavailable("starts with '/'; write it relative to the Markdown file")
            if self.read is None:
                raise PictureUnavailable("cannot be read: this book was given as text, not files")
            location = PurePosixPath(source).parent / path
            data = self.read(location)
            kind = picture_type(data)
            if kind is None:
                svg = location.suffix.lower() == ".svg"
                raise PictureUnavailable(
                    "is an SVG, which can carry scripts; export it as PNG"
                    if svg
                    else "is not a PNG, JPEG, GIF or WebP picture; convert it to one of those"
                )
        except PictureUnavailable as problem:
            self.outcomes.append((path, "unavailable"))  # the reason may name a folder on this machine
            self.warnings[f"{source}|{path}"] = (
                f"{source}: picture '{path}' {problem}. The reader shows its description instead."
            )
            return None
        self.outcomes.append((path, hashlib.sha256(data).hexdigest()))
        return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def render_image(renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    """markdown-it's render rule for images: embed, link or describe, as the page's Pictures decide."""
    pictures = env.get(ENV_KEY)
    if pictures is None:  # rendering outside a book (render_markdown): markdown-it's own rule
        return str(renderer.image(tokens, idx, options, env))
    book_pictures, source = pictures
    return str(book_pictures.render_image(source, tokens[idx], renderer, options, env))
