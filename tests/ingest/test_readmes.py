"""Books that are one big README, or a repository of Chinese or Japanese Markdown with its own contents."""

from __future__ import annotations

from pathlib import Path

from app.ingest import read_book
from tests.ingest.helpers import markdown_of, problems, write


def test_a_chinese_readme_of_prose_is_the_books_introduction_not_a_list_of_links(tmp_path: Path) -> None:
    book = tmp_path / "tea"
    # Forty characters of prose with no spaces: two "words" when counted at spaces, which an index
    # of links also has, so the introduction was left out.
    write(
        book / "README.md",
        "# 茶之书\n\n这本小书讲的是如何泡一壶好茶，从选水、烧水到温杯，每一步都有讲究，慢慢读，慢慢喝。\n\n"
        "- [绿茶](green.md)\n- [红茶](black.md)\n",
    )
    write(book / "green.md", "# 绿茶\n\n水温八十度。\n")
    write(book / "black.md", "# 红茶\n\n水要滚开。\n")
    draft = read_book(book)
    assert draft.title == "茶之书"
    assert [c.title for c in draft.chapters] == ["Introduction", "绿茶", "红茶"]
    assert "选水" in markdown_of(draft)


def test_a_chinese_paragraph_above_the_title_is_text_not_a_banner_to_drop(tmp_path: Path) -> None:
    readme = write(
        tmp_path / "tea" / "README.md",
        "这是一段很长的说明文字，告诉读者这本书的来历和写作的目的，不是一行横幅。\n\n"
        "# 茶之书\n\n## 绿茶\n\n水温八十度。\n",
    )
    draft = read_book(readme)
    assert "写作的目的" in markdown_of(draft)


def test_a_setext_title_names_a_single_readme(tmp_path: Path) -> None:
    readme = write(
        tmp_path / "tides" / "README.md",
        "Tide Tables\n===========\n\nA short guide.\n\n## Springs\n\nBig.\n\n## Neaps\n\nSmall.\n",
    )
    draft = read_book(readme)
    assert draft.title == "Tide Tables"
    assert [c.title for c in draft.chapters] == ["Preface", "Springs", "Neaps"]
    assert "Tide Tables" not in markdown_of(draft)


def test_a_chinese_titled_readme_takes_its_slug_from_its_folder_not_a_hash(tmp_path: Path) -> None:
    readme = write(tmp_path / "tea-book" / "README.md", "# 茶之书\n\n## 绿茶\n\n水温八十度。\n")
    assert read_book(readme).slug == "tea-book"
    # A folder with no Latin letters either: the hash is all that is left, and it is stable.
    lone = write(tmp_path / "茶" / "README.md", "# 茶之书\n\n## 绿茶\n\n水温八十度。\n")
    slug = read_book(lone).slug
    assert slug.startswith("book-")
    assert slug == read_book(lone).slug
    # A title with Latin letters of its own keeps giving the slug.
    mixed = write(tmp_path / "other" / "README.md", "# ES6 入门\n\n## 一\n\n读。\n")
    assert read_book(mixed).slug == "es6"


def test_a_big_readme_in_a_folder_drops_its_language_bar_and_opens_its_first_chapter_with_its_logo(
    tmp_path: Path,
) -> None:
    book = tmp_path / "primer"
    prose = " ".join(["Spokes carry the load from the hub to the rim."] * 300)  # over a page of words
    write(
        book / "README.md",
        "*[English](README.md) ∙ [日本語](README-ja.md) ∙ [Deutsch](README-de.md)*\n\n"
        "**Help translate this guide!**\n\n# The Wheel Primer\n\n"
        '<p align="center"><img src="logo.png"></p>\n\n'
        f"## Motivation\n\n{prose}\n\n## Truing\n\nSpin it and watch the gap.\n",
    )
    write(book / "README-ja.md", "# 車輪入門\n\n## 動機\n\nスポーク。\n")
    write(book / "README-de.md", "# Radfibel\n\n## Motivation\n\nSpeichen.\n")
    (book / "logo.png").write_bytes(
        (Path(__file__).parent / "golden/readme-logo-emoji/images/logo.png").read_bytes()
    )
    write(book / "extras" / "spokes.md", "# Spokes\n\nThirty-two of them.\n")
    draft = read_book(book)
    assert draft.title == "The Wheel Primer"
    assert [c.title for c in draft.chapters] == ["Motivation", "Truing", "Spokes"]
    first = draft.chapters[0].pages[0].html
    assert first.index("<img") < first.index("Spokes carry")
    text = markdown_of(draft)
    assert "Help translate" not in text
    assert "日本語" not in text


def test_a_preface_with_words_stays_a_chapter_of_its_own(tmp_path: Path) -> None:
    readme = write(
        tmp_path / "wheel" / "README.md",
        "# The Wheel Primer\n\n![logo](logo.png)\n\nA guide to wheels.\n\n## Truing\n\nSpin it.\n",
    )
    assert [c.title for c in read_book(readme).chapters] == ["Preface", "Truing"]


def test_emoji_shortcodes_become_emoji_outside_code_and_headings_keep_githubs_anchor(tmp_path: Path) -> None:
    readme = write(
        tmp_path / "kit" / "README.md",
        "# Kit\n\n## :wrench: Tools\n\nSee [the list](#clipboard-list) :+1:.\n\n"
        "## :clipboard: List\n\n- pump :x:\n- `:x:` in code\n\n```css\n:root: {}\n```\n",
    )
    draft = read_book(readme)
    assert [c.title for c in draft.chapters] == ["🔧 Tools", "📋 List"]
    text = markdown_of(draft)
    assert "[the list](chapter:2) 👍" in text
    assert "- pump ❌" in text
    assert "`:x:` in code" in text
    assert ":root: {}" in text


def test_a_folder_holding_only_a_readme_is_cut_into_chapters_as_the_readme_alone_is(tmp_path: Path) -> None:
    # An awesome list: almost every word is a link's, yet its `##` sections are its chapters.
    links = "\n".join(f"- [Pump {n}](https://example.com/{n}) - A pump." for n in range(5))
    text = (
        '<p align="center"><img src="https://example.com/banner.png" alt="Banner"></p>\n\n'
        f"## :wrench: &nbsp;Pumps\n\n{links}\n\n## Patches\n\n{links}\n"
    )
    write(tmp_path / "awesome-bikes" / "README.md", text)
    alone = read_book(tmp_path / "awesome-bikes" / "README.md")
    folder = read_book(tmp_path / "awesome-bikes")
    assert [c.title for c in folder.chapters] == ["🔧 Pumps", "Patches"]
    assert "Banner" in folder.chapters[0].pages[0].html  # the banner opens the first chapter
    assert [c.title for c in folder.chapters] == [c.title for c in alone.chapters]
    assert markdown_of(folder) == markdown_of(alone)


def test_a_honkit_book_with_book_json_is_not_numbered_over_its_own_numbers(tmp_path: Path) -> None:
    book = tmp_path / "docker-notes"
    write(
        book / "SUMMARY.md",
        "## 目录\n\n* [前言](README.md)\n\n## 第一部分\n\n* [第一章 镜像](01/README.md)\n  * [1.1 获取](01/pull.md)\n",
    )
    write(book / "README.md", "# 前言\n\n这是一本关于容器的小书。\n")
    write(book / "01" / "README.md", "# 第一章 镜像\n\n镜像是只读的模板。\n")
    write(book / "01" / "pull.md", "# 1.1 获取\n\n从仓库获取镜像。\n")
    write(book / "book.json", '{"title": "容器笔记", "language": "zh-hans"}')
    draft = read_book(book)
    assert [(c.label, c.title) for c in draft.chapters] == [
        (None, "前言"),
        (None, "第一章 镜像"),
        (None, "1.1 获取"),
    ]
    # An mdBook (book.toml beside it) numbers its chapters as before.
    write(book / "book.toml", '[book]\ntitle = "容器笔记"\n')
    assert [c.label for c in read_book(book).chapters] == ["1", "2", "2.1"]


def test_a_readmes_lone_translation_and_three_letter_codes_are_left_out_and_english_names_lose_en(
    tmp_path: Path,
) -> None:
    book = tmp_path / "bikes"
    write(
        book / "README.md",
        "# 自行车\n\n" + "这是一本关于骑车、修车和保养链条的小书，写给每天骑车上班的人。" * 2 + "\n",
    )
    write(book / "README_EN.md", "# Bicycles\n\nA small book on riding and mending bicycles.\n")
    write(book / "routes" / "README.md", "# Routes\n\nAlong the river.\n")
    write(book / "routes" / "README-zh-Hans.md", "# 路线\n\n沿着河。\n")
    for code in ("", "-de", "-fr", "-fil"):
        write(book / "care" / f"HOWTO{code}.md", f"# Care{code}\n\nOil the chain.\n")
    write(book / "care" / "chain-en.md", "Oil it weekly.\n")
    write(book / "care" / "chain-de.md", "Wöchentlich ölen.\n")
    write(book / "care" / "chain-fr.md", "Huiler chaque semaine.\n")
    write(book / "care" / "notes-new.md", "Newer notes.\n")
    draft = read_book(book)
    # routes/README.md is too short to be a chapter; its Chinese twin is left out, not read instead.
    assert [c.title for c in draft.chapters] == ["Introduction", "Chain", "Care", "Notes new"]
    text = markdown_of(draft)
    assert "A small book on riding" not in text
    assert "沿着河" not in text
    assert "Care-fil" not in text
    left_out = " ".join(problems(draft))
    for name in ("README_EN.md", "README-zh-Hans.md"):
        assert name in left_out


def test_files_in_folders_without_an_index_are_not_nested_under_the_chapter_before_them(
    tmp_path: Path,
) -> None:
    book = tmp_path / "primer"
    write(
        book / "README.md", "# Primer\n\n" + "Wheels turn and carry the load of the rider home. " * 4 + "\n"
    )
    write(book / "TRANSLATIONS.md", "# Translations\n\nHelp translate.\n")
    write(book / "solutions" / "design" / "brakes" / "brakes.md", "# Brakes\n\nSqueeze.\n")
    write(book / "solutions" / "design" / "gears" / "README.md", "# Gears\n\n" + "Shift early. " * 20 + "\n")
    write(book / "solutions" / "design" / "gears" / "ratios.md", "# Ratios\n\nFront to back.\n")
    draft = read_book(book)
    assert [(c.title, c.depth) for c in draft.chapters] == [
        ("Introduction", 0),
        ("Translations", 0),
        ("Brakes", 0),
        ("Gears", 0),
        ("Ratios", 1),
    ]


def test_a_section_longer_than_two_pages_is_cut_at_its_own_headings_into_sub_chapters(tmp_path: Path) -> None:
    tools = "\n".join(
        f"- [Pump {n}](https://example.com/{n}) - a pump that fits a frame." for n in range(450)
    )
    text = (
        "# Secret Knowledge of Bikes\n\n## Contents\n\n- [Pumps](#pumps-toc)\n- [Locks](#locks-toc)\n\n"
        "## The Lists\n\nEverything worth knowing.\n\n"
        f"#### Pumps [<sup>[TOC]</sup>](#contents)\n\n{tools}\n\n"
        f"#### Locks [<sup>[TOC]</sup>](#contents)\n\n##### ▪ D-locks\n\n{tools}\n\n"
        "## Short\n\n### One\n\nA line.\n\n### Two\n\nAnother.\n"
    )
    draft = read_book(write(tmp_path / "bikes" / "README.md", text))
    assert [(c.title, c.depth) for c in draft.chapters] == [
        ("Contents", 0),
        ("The Lists", 0),
        ("Pumps", 1),
        ("Locks", 1),
        ("Short", 0),
    ]
    contents = markdown_of(draft).split("Everything worth knowing")[0]
    assert "[Pumps](chapter:3)" in contents
    assert "[Locks](chapter:4)" in contents
    assert "D-locks" in draft.chapters[3].pages[0].markdown  # the deeper heading stays inside its part


def test_a_long_section_with_nothing_before_its_parts_lists_them(tmp_path: Path) -> None:
    tools = "\n".join(f"- [Lock {n}](https://example.com/{n}) - a lock for a frame." for n in range(450))
    text = f"# Bikes\n\n## Lists\n\n### Locks\n\n{tools}\n\n### Lights\n\n{tools}\n"
    draft = read_book(write(tmp_path / "bikes" / "README.md", text))
    assert [(c.title, c.depth) for c in draft.chapters] == [("Lists", 0), ("Locks", 1), ("Lights", 1)]
    assert draft.chapters[0].pages[0].markdown.startswith("- [Locks](chapter:2)\n- [Lights](chapter:3)")
    assert problems(draft) == []


def test_mirrored_language_folders_give_the_book_once_in_its_readmes_language(tmp_path: Path) -> None:
    book = tmp_path / "faster-bread"
    write(
        book / "README.md", "# 面包课\n\n" + "这门课教你在家烤面包，每一课都很短，适合每天学一点。" * 3 + "\n"
    )
    for code, words in (("en", "Knead the dough."), ("zh", "揉面团。")):
        write(book / "docs" / code / "index.md", f"# {code}\n\n" + f"{words} " * 40 + "\n")
        write(book / "docs" / code / "lesson01.md", f"# {code} 1\n\n{words}\n")
    write(book / "docs" / "public" / "notes.md", "# Notes\n\nKept.\n")
    draft = read_book(book)
    titles = [c.title for c in draft.chapters]
    assert "zh 1" in titles
    assert "en 1" not in titles
    assert "Notes" in titles
    assert any("en/ hold the book in another language, beside zh/" in p for p in problems(draft))
    # An English README keeps the English folder.
    write(
        book / "README.md",
        "# Bread\n\n" + "A course on baking bread at home, a short lesson a day. " * 3 + "\n",
    )
    assert "en 1" in [c.title for c in read_book(book).chapters]


def test_language_folders_that_do_not_mirror_each_other_are_both_read(tmp_path: Path) -> None:
    book = tmp_path / "notes"
    write(book / "README.md", "# Notes\n\n" + "Notes on many things, kept in folders by subject. " * 3 + "\n")
    write(book / "go" / "channels.md", "# Channels\n\nPipes.\n")  # `go` is a language's code too
    write(book / "id" / "identity.md", "# Identity\n\nWho.\n")
    titles = [c.title for c in read_book(book).chapters]
    assert "Channels" in titles
    assert "Identity" in titles


def test_a_first_heading_over_only_a_tagline_titles_a_readme_written_all_in_hash_headings(
    tmp_path: Path,
) -> None:
    body = "每天读一点，慢慢就会了。这里讲的是怎样烤出一个好面包。" * 4
    readme = write(
        tmp_path / "bread-course" / "README.md",
        f"# Bread Course\n\n从 0 到 1 学会烤面包。\n\n# 课程内容\n\n{body}\n\n# 致谢\n\n{body}\n",
    )
    draft = read_book(readme)
    assert draft.title == "Bread Course"
    assert [c.title for c in draft.chapters] == ["Preface", "课程内容", "致谢"]
    # Sections as short as the first are chapters alike, the first no title.
    twins = write(tmp_path / "twins" / "README.md", "# 揉面\n\n揉十分钟。\n\n# 发酵\n\n等一小时。\n")
    assert [c.title for c in read_book(twins).chapters] == ["揉面", "发酵"]


def test_a_readmes_translation_imported_alone_says_its_language_and_never_takes_the_originals_slug(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "the-wheel"
    write(folder / "README.md", "# The Wheel\n\n## Spokes\n\nThirty-two.\n")
    ja = write(folder / "README-ja.md", "# The Wheel\n\n## スポーク\n\n三十二本。\n")
    untitled = write(folder / "README-zh-Hans.md", "## 辐条\n\n三十二根。\n")
    original = read_book(folder / "README.md")
    japanese = read_book(ja)
    assert original.slug == "the-wheel"
    assert (japanese.slug, japanese.title, japanese.language) == ("the-wheel-ja", "The Wheel", "ja")
    chinese = read_book(untitled)
    assert (chinese.slug, chinese.title, chinese.language) == (
        "the-wheel-zh-hans",
        "The wheel (zh-Hans)",
        "zh-Hans",
    )


def test_a_quoted_note_above_the_title_is_kept_as_the_preface_and_the_title_still_names_the_book(
    tmp_path: Path,
) -> None:
    readme = write(
        tmp_path / "wheel" / "README-zh.md",
        "> * 原文：[The Wheel](https://example.com)\n> * 译者：小林\n\n*[English](README.md)*\n\n"
        "# 轮子入门\n\n## 辐条\n\n三十二根。\n",
    )
    draft = read_book(readme)
    assert draft.title == "轮子入门"
    assert [c.title for c in draft.chapters] == ["Preface", "辐条"]
    text = markdown_of(draft)
    assert "译者：小林" in text
    assert "English" not in text  # the language bar is chrome, left out


def test_rows_of_nothing_but_badges_are_left_out_and_other_pictures_stay(tmp_path: Path) -> None:
    readme = write(
        tmp_path / "bikes" / "README.md",
        "# Bikes\n\n"
        "[![build](https://img.shields.io/badge/build-passing-green.svg)](https://ci.example) "
        "[![CI](https://github.com/a/b/actions/workflows/ci.yml/badge.svg)](https://github.com/a/b) |\n"
        "![stars](https://badgen.net/github/stars/a/b)\n\n"
        '<p align="center"><a href="LICENSE"><img src="https://img.shields.io/badge/License-MIT-blue.svg"></a></p>\n\n'
        "![A wheel](https://example.com/wheel.png) ![ci](https://img.shields.io/badge/ci-ok-green.svg)\n\n"
        "Licensed ![MIT](https://img.shields.io/badge/license-MIT-blue.svg), ride freely.\n\n"
        "## Wheels\n\n- ![x](https://img.shields.io/badge/x-y-z.svg)\n\nRound.\n",
    )
    text = markdown_of(read_book(readme))
    assert "build-passing" not in text
    assert "badge.svg" not in text
    assert "badgen.net" not in text
    assert "License-MIT" not in text
    assert "wheel.png" in text  # a row with another picture keeps its badges too
    assert "ci-ok" in text
    assert "Licensed" in text  # a badge beside words stays with them
    assert "license-MIT" in text
    assert "x-y-z" in text  # only top-level rows go, never a list's item


def test_a_long_chapter_of_a_book_that_is_no_readme_keeps_its_sections(tmp_path: Path) -> None:
    scene = "The rain kept on and the road ran down to the harbour. " * 120  # four make 5,760 words
    text = (
        "# A Long Ride\n\n## Night\n\n"
        + "".join(f"### Scene {n}\n\n{scene}\n\n" for n in range(1, 5))
        + "## Day\n\nSun.\n"
    )
    draft = read_book(write(tmp_path / "ride" / "story.md", text))
    assert [(c.title, c.depth) for c in draft.chapters] == [("Night", 0), ("Day", 0)]
    as_readme = read_book(write(tmp_path / "ride-list" / "README.md", text))
    assert [c.title for c in as_readme.chapters][:3] == ["Night", "Scene 1", "Scene 2"]


def test_a_gitbook_json_root_and_summary_name_where_the_book_and_its_contents_are(tmp_path: Path) -> None:
    repo = tmp_path / "js-bread"
    write(
        repo / "README.md",
        "# Contributing\n\n" + "How to send fixes to this book, and how we review them. " * 4 + "\n",
    )
    write(repo / "meetings" / "2024-01.md", "# Meeting\n\nMinutes.\n")
    write(
        repo / "book.json",
        '{"title": "パン入門", "root": "./source/", "structure": {"summary": "README.md", "readme": "index.md"}}',
    )
    write(
        repo / "source" / "README.md",
        "# 目次\n\n- [はじめに](./intro/README.md)\n- [生地](./dough/README.md)\n",
    )
    write(repo / "source" / "intro" / "README.md", "# はじめに\n\nパンを焼こう。\n")
    write(repo / "source" / "dough" / "README.md", "# 生地\n\nこねる。\n")
    draft = read_book(repo)
    assert draft.title == "パン入門"
    assert [c.title for c in draft.chapters] == ["はじめに", "生地"]
    assert "Minutes" not in markdown_of(draft)


def test_a_gitbook_json_root_outside_the_folder_or_a_symlinked_summary_is_not_followed(
    tmp_path: Path,
) -> None:
    from app.ingest.gitbookjson import gitbook_summary_of

    outside = write(tmp_path / "elsewhere" / "README.md", "- [Secret](secret.md)\n")
    repo = tmp_path / "repo"
    write(repo / "book.json", '{"root": "../elsewhere/", "structure": {"summary": "README.md"}}')
    assert gitbook_summary_of(repo) is None
    write(repo / "book.json", '{"root": "src", "structure": {"summary": "TOC.md"}}')
    (repo / "src").mkdir()
    (repo / "src" / "TOC.md").symlink_to(outside)
    assert gitbook_summary_of(repo) is None
    write(repo / "book.json", '{"root": "src", "structure": ["not", "an", "object"]')  # not JSON at all
    assert gitbook_summary_of(repo) is None
    write(repo / "book.json", '{"title": "Plain"}')  # nothing moved: SUMMARY.md is looked for as ever
    assert gitbook_summary_of(repo) is None
