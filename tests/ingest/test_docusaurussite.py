"""Where a Docusaurus site's pages are: a docs `path` elsewhere, released versions, `.md` read as MDX.

The golden book docusaurus-website is a repository whose site is in website/, read from its root;
these are the other ways in, and the bad ones.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.errors import ImportProblem
from app.ingest import read_book
from tests.ingest.helpers import markdown_of, problems, write

CONFIG = "module.exports = {{ title: 'Bicycle Care', presets: [['classic', {{ docs: {{ {docs} }} }}]] }};\n"


def _site(root: Path, docs: str = "path: '../docs'") -> Path:
    site = root / "website"
    write(site / "docusaurus.config.js", CONFIG.format(docs=docs))
    write(root / "docs/tyres.md", "# Tyres\n\nPump them up every week, to the number on the sidewall.\n")
    return site


def _versions(site: Path, versions: str) -> None:
    write(site / "versions.json", versions)
    write(
        site / "versioned_docs/version-2.0/lights.md", "# Lights\n\nA white light at the front, red behind.\n"
    )
    write(site / "versioned_docs/version-2.0/bell.md", "# Bell\n\nRing it twice when passing walkers.\n")
    write(site / "versioned_sidebars/version-2.0-sidebars.json", '{"docs": ["bell", "lights"]}')
    write(site / "versioned_docs/version-1.0/bell.md", "# Old bell\n\nAn older page about the bell.\n")


def test_website_imported_alone_reads_its_newest_released_version_with_its_sidebar(tmp_path: Path) -> None:
    site = _site(tmp_path)
    _versions(site, '["2.0", "1.0"]')
    draft = read_book(site)
    assert [c.title for c in draft.chapters] == ["Bell", "Lights"]
    assert problems(draft) == [
        (
            "its docs folder '../docs' is not in the imported folder, so the newest released version, 2.0 "
            "(versioned_docs/version-2.0/), was read instead, as the site shows it. Import the folder holding "
            "both to read the docs being written now."
        )
    ]


def test_the_repository_imported_whole_reads_the_current_docs_once(tmp_path: Path) -> None:
    site = _site(tmp_path)
    _versions(site, '["2.0", "1.0"]')
    draft = read_book(tmp_path)
    assert [c.title for c in draft.chapters] == ["Tyres"]  # not the versions' Bell and Lights again


@pytest.mark.parametrize("versions", ['["../../elsewhere"]', "{not json", '[2.0, {"v": 1}]', '["9.9"]'])
def test_versions_that_name_no_version_folder_leave_nothing_to_read(tmp_path: Path, versions: str) -> None:
    site = _site(tmp_path)
    write(site / "versions.json", versions)
    (site / "versioned_docs").mkdir()
    write(tmp_path / "elsewhere/secret.md", "# Secret\n\nNot part of the site.\n")
    with pytest.raises(ImportProblem):
        read_book(site)


def test_a_docs_path_or_sidebar_path_outside_the_book_is_never_read(tmp_path: Path) -> None:
    book = tmp_path / "book"
    write(
        book / "docusaurus.config.js",
        CONFIG.format(docs="path: '../outside', sidebarPath: '../sidebars.json'"),
    )
    write(book / "docs/chain.md", "# Chain\n\nOil it after a wet ride.\n")
    write(tmp_path / "outside/secret.md", "# Secret\n\nNot part of the book.\n")
    write(tmp_path / "sidebars.json", '{"docs": ["secret"]}')
    write(book / "versions.json", "[]")
    draft = read_book(book)  # the config's docs are outside, and there is no version to read instead
    assert [c.title for c in draft.chapters] == ["Chain"]
    assert problems(draft) == [
        (
            "its docs folder '../outside' is not in the imported folder, so the docs/ folder beside the config "
            "was read instead. Import the folder that holds it."
        )
    ]


def test_a_symlinked_docs_folder_is_not_followed(tmp_path: Path) -> None:
    write(tmp_path / "outside/secret.md", "# Secret\n\nNot part of the book.\n")
    book = tmp_path / "book"
    write(book / "docusaurus.config.js", CONFIG.format(docs="path: 'pages'"))
    write(book / "docs/chain.md", "# Chain\n\nOil it after a wet ride.\n")
    os.symlink(tmp_path / "outside", book / "pages")
    draft = read_book(book)
    assert [c.title for c in draft.chapters] == ["Chain"]
    assert "'pages' is not in the imported folder" in problems(draft)[0]


def test_md_pages_are_read_as_mdx_unless_the_config_says_detect(tmp_path: Path) -> None:
    page = "import Gauge from '@site/src/Gauge';\n\n# Tyres\n\nPump them up.\n\n<Gauge unit=\"psi\" />\n"
    mdx_site = tmp_path / "mdx"
    write(mdx_site / "docusaurus.config.js", "module.exports = { title: 'Bikes' };\n")
    write(mdx_site / "docs/tyres.md", page)
    text = markdown_of(read_book(mdx_site))
    assert "import" not in text
    assert "Gauge" not in text
    assert "Pump them up." in text
    plain_site = tmp_path / "plain"
    write(plain_site / "docusaurus.config.js", "module.exports = { markdown: { format: 'detect' } };\n")
    write(plain_site / "docs/tyres.md", page)
    assert "import Gauge from" in markdown_of(read_book(plain_site))


@pytest.mark.parametrize(
    ("tag", "link"),
    [
        (
            '<LiteYouTubeEmbed id="3YDiloj8_d0" />',
            "[Video: YouTube](https://www.youtube.com/watch?v=3YDiloj8_d0)",
        ),
        ('<YouTube id="abcdef1" title="Truing a wheel" />', "[Video: Truing a wheel]"),
        ('<YouTube id="javascript:alert(1)" />', None),
        ('<LiteYouTubeEmbed id="x" />', None),
    ],
)
def test_a_youtube_embed_is_a_link_to_the_video_only_for_a_real_video_id(
    tmp_path: Path, tag: str, link: str | None
) -> None:
    write(tmp_path / "wheel.mdx", f"# Wheels\n\nWatch this:\n\n{tag}\n\nThen try it.\n")
    text = markdown_of(read_book(tmp_path / "wheel.mdx"))
    if link is None:
        assert "Video" not in text
        assert "javascript" not in text
    else:
        assert link in text
