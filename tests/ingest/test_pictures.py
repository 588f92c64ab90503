"""Pictures: embedded into the page when they are real pictures inside the book, described otherwise."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path, PurePosixPath

import pytest

from app.ingest import MAX_PICTURE_BYTES, SourceFile, parse_book, read_book
from app.ingest.pictures import PictureUnavailable, ReadPicture
from tests.ingest.test_xss import elements


def png(width: int = 2, height: int = 1) -> bytes:
    """A real PNG of the given size, small enough to write by hand."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff\x80\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def reader(files: dict[str, bytes]) -> ReadPicture:
    """Pictures from a dict, as parse_book's `pictures` argument; read_book's reads them from disk."""

    def read(path: PurePosixPath) -> bytes:
        if str(path) not in files:
            raise PictureUnavailable("was not found; add the file or fix the path")
        return files[str(path)]

    return read


def html_of(
    markdown: str, files: dict[str, bytes] | None = None, path: str = "book/ch.md"
) -> tuple[str, tuple[str, ...]]:
    book = parse_book([SourceFile(path, markdown)], slug="b", pictures=reader(files or {}))
    return "".join(page.html for c in book.chapters for page in c.pages), book.warnings


def test_a_picture_beside_the_markdown_is_embedded_as_a_data_url() -> None:
    html, warnings = html_of(
        "## One\n\n![A tide chart](img/tide%20chart.png)\n", {"book/img/tide chart.png": png()}
    )
    [src] = re.findall(r'<img src="([^"]+)" alt="A tide chart">', html)
    assert src.startswith("data:image/png;base64,iVBORw0KGgo")
    assert warnings == ()


def test_a_picture_is_typed_by_its_bytes_not_its_name() -> None:
    jpeg = b"\xff\xd8\xff\xe0" + b"\x00" * 16
    html, _ = html_of("![photo](photo.png)\n", {"book/photo.png": jpeg})
    assert 'src="data:image/jpeg;base64,' in html


@pytest.mark.parametrize("name", ["page.png", "drawing.svg"])
def test_a_file_that_is_not_a_picture_is_described_and_reported(name: str) -> None:
    html, warnings = html_of(f"![The figure]({name})\n", {f"book/{name}": b"<script>alert(1)</script>"})
    assert "<img" not in html
    assert '<span class="picture-missing">🖼 The figure</span>' in html
    why = "is not a PNG, JPEG, GIF, WebP or SVG picture; convert it to one of those"
    assert warnings == (f"book/ch.md: picture '{name}' {why}. The reader shows its description instead.",)


def test_an_svg_is_embedded_only_as_an_image_where_its_scripts_never_run() -> None:
    # Browsers run no script and load nothing from an SVG shown by <img>: test_xss_browser.py proves it.
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>'
    html, warnings = html_of("![A diagram](diagram.svg)\n", {"book/diagram.svg": svg})
    [src] = re.findall(r'<img src="([^"]+)" alt="A diagram">', html)
    assert src.startswith("data:image/svg+xml;base64,")
    assert "<svg" not in html
    assert warnings == ()


def test_a_missing_picture_shows_its_description_and_the_import_names_it_once() -> None:
    html, warnings = html_of("![Map](map.png)\n\nAgain: ![Map](map.png)\n")
    assert html.count('<span class="picture-missing">🖼 Map</span>') == 2
    missing = "was not found; add the file or fix the path. The reader shows its description instead."
    assert warnings == (f"book/ch.md: picture 'map.png' {missing}",)


def test_a_picture_on_the_web_becomes_a_link_since_hosts_block_remote_images() -> None:
    html, warnings = html_of("![Moon](https://example.org/moon.png) and ![](//example.org/sun.png)\n")
    assert "<img" not in html
    assert '<a class="picture-link" href="https://example.org/moon.png">🖼 Moon</a>' in html
    assert (
        '<a class="picture-link" href="https://example.org/sun.png">🖼 https://example.org/sun.png</a>' in html
    )
    assert warnings == ()


def test_a_path_from_the_root_is_read_from_the_books_root_never_the_disks() -> None:
    # As a generated site serves it: `/img/a.png` is the book's img/a.png, not a file under the disk's /.
    html, warnings = html_of(
        "![x](/img/a.png) ![y](/etc/picture.png)\n", {"img/a.png": png(), "/etc/picture.png": png()}
    )
    assert html.count("data:image/png;base64,") == 1
    [warning] = warnings
    assert "picture '/etc/picture.png' was not found" in warning


def test_a_hostile_description_or_title_stays_text() -> None:
    markdown = '![x" onerror="alert(1)](a.png "t\\" onload=\\"alert(1)")\n![<script>](missing.png)\n'
    html, _ = html_of(markdown, {"book/a.png": png()})
    for tag, attrs in elements(html):
        assert [name for name, _ in attrs if name.startswith("on")] == [], tag
    assert "alert(1)" in html  # kept, as text inside the alt and title attributes
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_changing_a_picture_changes_the_source_hash_so_re_import_updates_the_book() -> None:
    def book(files: dict[str, bytes]) -> str:
        return parse_book(
            [SourceFile("ch.md", "![p](p.png)\n")], slug="b", pictures=reader(files)
        ).source_hash

    assert book({"p.png": png(2)}) == book({"p.png": png(2)})
    assert book({"p.png": png(2)}) != book({"p.png": png(3)})
    assert book({}) != book({"p.png": png(2)})


def test_read_book_reads_pictures_from_inside_the_book_folder_only(tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes(png())
    folder = tmp_path / "book"
    (folder / "img").mkdir(parents=True)
    (folder / "img" / "ok.png").write_bytes(png())
    (folder / "img" / "huge.png").write_bytes(png() + b"\x00" * MAX_PICTURE_BYTES)
    (folder / "img" / "escape.png").symlink_to(tmp_path / "secret.png")
    (folder / "ch.md").write_text(
        "## One\n\n![ok](img/ok.png)\n\n![up](../secret.png)\n\n![link](img/escape.png)\n\n![big](img/huge.png)\n",
        encoding="utf-8",
    )
    draft = read_book(folder)
    html = "".join(page.html for page in draft.chapters[0].pages)
    assert html.count("data:image/png;base64,") == 1
    reasons = [warning.split("' ", 1)[1] for warning in draft.warnings]
    assert reasons[0].startswith("is outside the book's folder")
    assert reasons[1].startswith("is outside the book's folder")
    assert reasons[2].startswith(f"is 513 KB, over the {MAX_PICTURE_BYTES // 1024} KB limit")
