"""Import real books and count what a reader would trip over: `python -m tests.ingest.realbooks PATH…`.

For each book a path holds (a series folder holds several), prints its chapters and pages, and
the pages showing a raw mdBook directive (`{{#…}}`) or an escaped tag (`&lt;img`, `&lt;!--`…),
both counted outside code, the chapters with nothing in them, the largest page in bytes (HTML + Markdown,
pictures included) against the budget, and the seconds the import took. Books are read from
wherever they are; nothing is written, and nothing of them belongs in this repository.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from app.errors import ChapterwiseError
from app.ingest import MAX_PAGE_BYTES, BookDraft, find_books, load_book

_CODE = re.compile(r"<pre\b.*?</pre>|<code\b.*?</code>", re.DOTALL)
# An HTML tag (or a component such as mdBook's `<Listing number="1-1">`) shown as text.
_HTML_TAGS = (
    "a|abbr|b|blockquote|br|code|details|div|em|figcaption|figure|h[1-6]|hr|i|iframe|img|kbd|li|ol|p|picture|"
    "pre|script|section|small|source|span|strong|style|sub|summary|sup|table|td|th|tr|u|ul|video"
)
_ESCAPED_TAG = re.compile(rf"&lt;(?:!--|/?(?:{_HTML_TAGS})[\s/&]|[A-Z][A-Za-z]+\s+[a-z-]+=)")


@dataclass(frozen=True, slots=True)
class Counts:
    book: str
    chapters: int
    pages: int
    raw_directives: int
    escaped_tags: int
    empty_chapters: int
    largest_page: int
    warnings: int
    seconds: float

    def row(self) -> str:
        over = " OVER BUDGET" if self.largest_page > MAX_PAGE_BYTES else ""
        return (
            f"{self.book[:44]:<44} {self.chapters:>5} {self.pages:>5} {self.raw_directives:>5} "
            f"{self.escaped_tags:>5} {self.empty_chapters:>5} {self.largest_page:>9,}{over} "
            f"{self.warnings:>5} {self.seconds:>7.2f}"
        )


HEADER = f"{'book':<44} {'chap':>5} {'pages':>5} {'{{#':>5} {'&lt;':>5} {'empty':>5} {'largest':>9} {'warn':>5} {'seconds':>7}"


def count(draft: BookDraft, seconds: float) -> Counts:
    pages = [page for chapter in draft.chapters for page in chapter.pages]
    return Counts(
        book=f"{draft.title} [{draft.slug}]",
        chapters=len(draft.chapters),
        pages=len(pages),
        # Outside code: a book about mdBook may show a directive, escaped, in a code span on purpose.
        raw_directives=sum(1 for p in pages if "{{#" in _CODE.sub("", p.html)),
        escaped_tags=sum(1 for p in pages if _ESCAPED_TAG.search(_CODE.sub("", p.html))),
        empty_chapters=sum(
            # A page of only a picture shows it; one on the web shows as a link to it (class picture-link).
            1
            for c in draft.chapters
            if c.words == 0 and not any("<img" in p.html or "picture-link" in p.html for p in c.pages)
        ),
        largest_page=max((len(p.html) + len(p.markdown) for p in pages), default=0),
        warnings=len(draft.warnings),
        seconds=seconds,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--warnings", action="store_true", help="print every warning too")
    args = parser.parse_args(argv)
    print(HEADER)
    failed = 0
    for path in args.paths:
        try:
            roots = find_books(path)
        except ChapterwiseError as error:
            print(f"{path}: {error}")
            failed += 1
            continue
        for root in roots:
            started = time.perf_counter()
            try:
                draft = load_book(root).parse()
            except ChapterwiseError as error:
                print(f"{root}: refused: {error}")
                failed += 1
                continue
            print(count(draft, time.perf_counter() - started).row())
            if args.warnings:
                for warning in draft.warnings:
                    print(f"    {warning}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
