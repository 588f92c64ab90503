"""Nextra's `_meta` files with code in them (JSX titles), `_meta.global`, and app folders' page.mdx."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.ingest import read_book
from app.ingest.nextrameta import lenient_meta
from tests.ingest.helpers import problems, write


def _page(folder: Path, name: str, title: str) -> None:
    write(folder / name, f"# {title}\n\nA few plain words about {title.lower()} for the reader.\n")


def test_a_meta_with_jsx_titles_keeps_its_order_and_its_plain_titles(tmp_path: Path) -> None:
    write(
        tmp_path / "_meta.tsx",
        "import { Code } from './code'\nexport default {\n  sourdough: <><Code>/sourdough</Code> Loaf</>,\n"
        "  rye: 'Dark rye',\n  // a note\n  white: { title: <b>White</b>, theme: { toc: false } },\n}\n",
    )
    for name, title in (("white", "White loaf"), ("rye", "Rye"), ("sourdough", "Sourdough")):
        _page(tmp_path, f"{name}.mdx", title)
    draft = read_book(tmp_path)
    assert [c.title for c in draft.chapters] == ["Sourdough", "Dark rye", "White loaf"]
    assert problems(draft) == []


def test_a_global_meta_orders_app_folders_and_their_page_mdx_comes_first(tmp_path: Path) -> None:
    write(
        tmp_path / "_meta.global.tsx",
        "const BREAD: MetaRecord = { rye: '', sourdough: <span>Sour</span> }\n"
        "export default {\n  index: { type: 'page', display: 'hidden' },\n"
        "  docs: { type: 'page', title: 'Docs', items: { bread: { items: BREAD }, cakes: '' } },\n}\n",
    )
    _page(tmp_path, "docs/page.mdx", "Welcome")
    _page(tmp_path, "docs/cakes/page.mdx", "Cakes")
    _page(tmp_path, "docs/bread/page.mdx", "Bread")
    _page(tmp_path, "docs/bread/sourdough/page.mdx", "Sourdough")
    _page(tmp_path, "docs/bread/rye/page.mdx", "Rye")
    titles = [c.title for c in read_book(tmp_path).chapters]
    assert titles == ["Welcome", "Bread", "Rye", "Sourdough", "Cakes"]


@pytest.mark.parametrize(
    "script",
    [
        "export default {",
        "export default { a: { b: { c: { d: { e: { f: { g: { h: { i: { j: { k: { l: { m: {} } } } } } } } } } } } } }",
        "export default { a: NOWHERE, b: ((( }",
        "const A = { b: A }\nexport default { a: A }",
        "export default 42",
    ],
)
def test_malformed_or_hostile_meta_scripts_read_without_failing(script: str) -> None:
    found = lenient_meta(script)
    assert found is None or isinstance(found, dict)


def test_a_global_meta_above_the_imported_folder_is_not_read(tmp_path: Path) -> None:
    write(tmp_path / "_meta.global.ts", "export default { docs: { items: { rye: '', bread: '' } } }\n")
    _page(tmp_path, "docs/bread.mdx", "Bread")
    _page(tmp_path, "docs/rye.mdx", "Rye")
    assert [c.title for c in read_book(tmp_path / "docs").chapters] == ["Bread", "Rye"]
