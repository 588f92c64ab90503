"""VitePress's `<<<` snippet lines: a file's lines pulled in as a code block, only from inside the book."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.ingest import parse_book, read_book
from app.ingest.sourcefile import SourceFile
from tests.ingest.helpers import markdown_of, problems, write

REGIONS = (
    "const tide = 3;\n"
    "// #region moon\n"
    "function moon() {\n"
    "  return 'full';\n"
    "}\n"
    "  // #region inner\n"
    "  const phase = 1;\n"
    "  // #endregion inner\n"
    "// #endregion moon\n"
    "export { moon };\n"
)


def test_a_snippet_line_pulls_in_the_whole_file_in_its_language_without_region_markers(
    tmp_path: Path,
) -> None:
    write(tmp_path / "site" / "guide.md", "# Tides\n\nThe code:\n\n<<< ./code/tide.js\n\nThat is all.\n")
    write(tmp_path / "site" / "code" / "tide.js", REGIONS)
    draft = read_book(tmp_path / "site")
    assert markdown_of(draft) == (
        "The code:\n\n```js\nconst tide = 3;\nfunction moon() {\n  return 'full';\n}\n  const phase = 1;\n"
        "export { moon };\n```\n\nThat is all."
    )
    assert draft.warnings == ()


def test_a_region_is_its_lines_dedented_and_braces_name_the_language_and_drop_highlights(
    tmp_path: Path,
) -> None:
    write(tmp_path / "site" / "guide.md", "# Tides\n\n<<< code/tide.js#inner{1 ts:line-numbers}\n")
    write(tmp_path / "site" / "code" / "tide.js", REGIONS)
    assert markdown_of(read_book(tmp_path / "site")) == "```ts\nconst phase = 1;\n```"


def test_a_label_stays_in_the_info_string_for_a_code_group(tmp_path: Path) -> None:
    write(tmp_path / "site" / "guide.md", "# Tides\n\n<<< code/tide.js#moon [moon.js]\n")
    write(tmp_path / "site" / "code" / "tide.js", REGIONS)
    draft = read_book(tmp_path / "site")
    html = "".join(page.html for page in draft.chapters[0].pages)
    assert "function" in html
    assert "[moon.js]" not in html
    assert "&lt;&lt;&lt;" not in html
    assert markdown_of(draft).startswith("```js\nfunction moon() {")


@pytest.mark.parametrize(
    ("marker", "end"),
    [("<!-- #region moon -->", "<!-- #endregion moon -->"), ("# region moon", "# endregion moon"),
     ("#region moon", "#endregion"), ("/* #region moon */", "/* #endregion moon */"),
     ("#pragma region moon", "#pragma endregion moon")],
)  # fmt: skip
def test_region_markers_are_read_in_every_comment_style(tmp_path: Path, marker: str, end: str) -> None:
    write(tmp_path / "site" / "guide.md", "# Tides\n\n<<< code/moon.txt#moon\n")
    write(tmp_path / "site" / "code" / "moon.txt", f"before\n{marker}\nfull moon\n{end}\nafter\n")
    assert markdown_of(read_book(tmp_path / "site")) == "```txt\nfull moon\n```"


def test_at_slash_is_the_folder_holding_dot_vitepress_inside_the_book(tmp_path: Path) -> None:
    site = tmp_path / "docs"
    (site / ".vitepress").mkdir(parents=True)
    write(site / "snippets" / "hello.sh", "echo hello\n")
    write(site / "en" / "guide" / "start.md", "# Start\n\n- Run it:\n\n  <<< @/snippets/hello.sh\n")
    write(site / "en" / "index.md", "# Docs\n\nWelcome.\n")
    draft = read_book(site)
    assert "- Run it:\n\n  ```sh\n  echo hello\n  ```" in markdown_of(draft)
    assert draft.warnings == ()


def test_at_slash_outside_the_imported_folder_is_a_warning_and_never_read(tmp_path: Path) -> None:
    site = tmp_path / "docs"
    (site / ".vitepress").mkdir(parents=True)
    write(site / "snippets" / "hello.sh", "echo hello\n")
    write(site / "en" / "start.md", "# Start\n\nRun it:\n\n<<< @/snippets/hello.sh\n\nDone.\n")
    write(site / "en" / "other.md", "# Other\n\nMore.\n")
    draft = read_book(site / "en")
    assert "echo" not in markdown_of(draft)
    assert "<<<" not in markdown_of(draft)
    assert [w for w in draft.warnings if w.startswith("start.md:5: ")] == [
        (
            "start.md:5: <<< @/snippets/hello.sh: 'snippets/hello.sh' does not exist; create it or fix the "
            "path. The line was left out."
        )
    ]


def test_a_path_climbing_out_of_the_book_or_a_symlink_out_of_it_is_refused(tmp_path: Path) -> None:
    write(tmp_path / "secret.txt", "the password\n")
    write(tmp_path / "site" / "guide.md", "# Tides\n\n<<< ../secret.txt\n\n<<< ./link.txt\n\nEnd.\n")
    (tmp_path / "site" / "link.txt").symlink_to(tmp_path / "secret.txt")
    draft = read_book(tmp_path / "site")
    assert "password" not in markdown_of(draft)
    assert markdown_of(draft) == "End."
    assert problems(draft)[0] == "<<< ../secret.txt leads outside the book's folder, so it was left out."
    assert problems(draft)[1].startswith("<<< ./link.txt: 'link.txt' is outside the book's folder")


def test_an_unknown_region_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path / "site" / "guide.md", "# Tides\n\n<<< code/tide.js#sun\n\nEnd.\n")
    write(tmp_path / "site" / "code" / "tide.js", REGIONS)
    draft = read_book(tmp_path / "site")
    assert markdown_of(draft) == "End."
    assert problems(draft) == [
        "<<< code/tide.js#sun: 'code/tide.js' has no region 'sun', so it was left out."
    ]


def test_snippet_lines_inside_code_and_merge_conflict_markers_are_left_as_written() -> None:
    text = "# Docs\n\n````md\n<<< @/snippets/a.js\n````\n\n<<<<<<< HEAD\n"
    draft = parse_book([SourceFile("docs.md", text)], slug="docs")
    assert "<<< @/snippets/a.js" in markdown_of(draft)
    assert "<<<<<<< HEAD" in markdown_of(draft)
    assert draft.warnings == ()


def test_code_holding_backtick_fences_gets_a_longer_fence(tmp_path: Path) -> None:
    write(tmp_path / "site" / "guide.md", "# Docs\n\n<<< how.md\n")
    write(tmp_path / "site" / "how.md", "Write:\n\n```js\nx\n```\n")
    assert markdown_of(read_book(tmp_path / "site")).startswith("````md\nWrite:\n\n```js\nx\n```\n````")


def test_terminal_colour_codes_in_an_ansi_block_do_not_show(tmp_path: Path) -> None:
    write(tmp_path / "site" / "guide.md", "# Docs\n\n<<< ./init.ansi\n")
    write(tmp_path / "site" / "init.ansi", "\x1b[32m◇\x1b[39m  \x1b[1mReady?\x1b[0m\n")
    assert markdown_of(read_book(tmp_path / "site")) == "```ansi\n◇  Ready?\n```"
