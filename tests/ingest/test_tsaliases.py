"""MDX imports through the project's tsconfig.json `paths` (`@en/fragments/x.mdx`), and bad ones."""

from __future__ import annotations

from pathlib import Path

from app.ingest import read_book
from tests.ingest.helpers import problems, write

TSCONFIG = """{
  // comments and trailing commas, as TypeScript allows them
  "compilerOptions": {
    "baseUrl": ".",
    "paths": { "@en/*": ["./docs/en/*"], "@up/*": ["../../outside/*"], },
  },
}
"""


def _site(root: Path, imported: str) -> None:
    write(root / "tsconfig.json", TSCONFIG)
    write(root / "docs/en/fragments/knots.mdx", "Tie a bowline: the rabbit comes out of the hole.\n")
    write(
        root / "docs/en/sailing.mdx",
        f"import Knots from '{imported}';\n\n# Sailing\n\nBefore you go out:\n\n<Knots />\n",
    )


def test_an_aliased_import_is_found_through_the_tsconfig_paths(tmp_path: Path) -> None:
    _site(tmp_path, "@en/fragments/knots.mdx")
    draft = read_book(tmp_path)
    text = next(p.markdown for c in draft.chapters if c.title == "Sailing" for p in c.pages)
    assert "Tie a bowline" in text
    assert not [p for p in problems(draft) if "Knots" in p]


def test_an_alias_that_leads_outside_the_book_is_not_followed(tmp_path: Path) -> None:
    write(tmp_path / "outside/knots.mdx", "Not part of the book.\n")
    book = tmp_path / "a" / "book"
    _site(book, "@up/knots.mdx")
    draft = read_book(book)
    text = "".join(p.markdown for c in draft.chapters for p in c.pages)
    assert "Not part of the book" not in text
    assert any("<Knots /> shows '@up/knots.mdx'" in p for p in problems(draft))
