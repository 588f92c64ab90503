"""Links between a book's own pages, resolved at import so the reader can follow them.

A link to `other.md`, `other.md#section`, `#section` or mdBook's `other.html#section` becomes a
Target: the chapter it lands in (1-based) and the id of the heading there. The reader opens that
chapter through the host and scrolls to the heading. Web and mail links stay as they are; any
other link (to a file that is not a chapter, or in a scheme a reader cannot follow) keeps its
text and loses its target.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote

from app.ingest.anchors import ascii_slug, github_slug
from app.ingest.placement import BOOK_ROOT, resolve

_WEB = ("http://", "https://", "mailto:")


@dataclass(frozen=True, slots=True)
class Target:
    """Where an in-book link lands: a chapter, and a heading in it (None for the chapter's start)."""

    chapter: int
    anchor: str | None


@dataclass(frozen=True, slots=True)
class External:
    href: str


class LinkIndex:
    """Every file and heading of one book, by the names its links may use."""

    def __init__(self, site_root: PurePosixPath = BOOK_ROOT, public: PurePosixPath | None = None) -> None:
        self.site_root = site_root
        self.public = public  # where else a picture at `/…` may be (see placement.py's Layout.public)
        self._files: dict[PurePosixPath, int] = {}
        self._headings: dict[tuple[PurePosixPath, str], Target] = {}
        self._seen: dict[tuple[PurePosixPath, str], int] = {}
        self._titles: dict[Target, str] = {}
        # Hugo serves `Filter.md` at `/filter/`, lowercased: a link in another case finds it last.
        self._lowered: dict[PurePosixPath, PurePosixPath] = {}
        self._labels: dict[str, Target] = {}  # explicit ids, book-wide: MyST links to `(label)=` by name

    def add_file(self, name: PurePosixPath, chapter: int, title: str) -> None:
        self._files.setdefault(name, chapter)
        self._lowered.setdefault(PurePosixPath(name.as_posix().lower()), name)
        self._titles.setdefault(Target(chapter, None), title)

    def title(self, target: Target) -> str | None:
        """The words a link with none of its own shows (`[](other.md)`, as MyST writes): where it lands."""
        return self._titles.get(target)

    def add_heading(self, name: PurePosixPath, text: str, explicit: str | None, target: Target) -> None:
        """Register a heading under the fragments other tools would give it (GitHub's, mkdocs', its own)."""
        github = github_slug(text)
        count = self._seen.get((name, github), 0)
        self._seen[(name, github)] = count + 1
        fragments = [github if count == 0 else f"{github}-{count}", ascii_slug(text)]
        if explicit:
            fragments.insert(0, explicit)
            self._labels.setdefault(explicit.lower(), target)
        self._titles.setdefault(target, text)
        for fragment in fragments:
            if fragment:
                self._headings.setdefault((name, fragment.lower()), target)

    def add_label(self, label: str, target: Target) -> None:
        """A name any page may link to on its own, such as a rule's in the Rust Reference (rules.py)."""
        self._labels.setdefault(label.lower(), target)

    def resolve(self, href: str, here: PurePosixPath) -> Target | External | None:
        """What a link written in file `here` points at; None when the reader cannot follow it."""
        href = href.strip()
        lowered = href.lower()
        if lowered.startswith(_WEB):
            return External(href)
        if href.startswith("//"):
            return External("https:" + href)
        path, _, fragment = href.partition("#")
        path = unquote(path.split("?", 1)[0])
        # A MyST label (`[](my-label)`, `{ref}` to `(content:figures)=`) names a heading anywhere in the
        # book; only ids the book gave its headings are labels, so nothing else can match.
        if ":" in path.split("/", 1)[0]:
            return self._labels.get(href.lower())  # or another scheme (ftp:, javascript:…), or a drive
        file = here if not path else self._file(here, path)
        if file is None:
            return self._labels.get(href.lower())
        fragment = unquote(fragment).strip().lower()
        if fragment:
            found = self._headings.get((file, fragment))
            if found is None and not path:
                # `#id` names an id the book gave a heading on another page, as in a book its tool joins
                # into one document (Leanpub, Pandoc): only given ids are labels, so nothing else matches.
                found = self._labels.get(fragment)
            if found is not None:
                return found
        chapter = self._files.get(file)
        return Target(chapter, None) if chapter is not None else None

    def _file(self, here: PurePosixPath, path: str) -> PurePosixPath | None:
        joined = resolve(here, path, self.site_root)
        if joined is None:
            return None
        options = [joined]
        if joined.suffix.lower() == ".html":
            options.append(joined.with_suffix(".md"))
        if joined.name.lower() in ("index.html", "index.md"):
            options.append(joined.parent / "README.md")
        if path.endswith("/") or not joined.suffix:
            options += [joined / "README.md", joined / "index.md", joined.with_suffix(".md")]
            options += [joined / "index.mdx", joined.with_suffix(".mdx")]  # Starlight's and Docusaurus' pages
            options.append(joined / "_index.md")  # a Hugo or Zola section's own page
        found = next((option for option in options if option in self._files), None)
        if found is None and path.endswith("/"):
            found = next(
                (
                    self._lowered[lower]
                    for option in options
                    if (lower := PurePosixPath(option.as_posix().lower())) in self._lowered
                ),
                None,
            )
        return found


def link_words(target: Target | External | None, href: str, links: LinkIndex) -> str:
    """What a link with no words of its own shows: the title of where it lands, else its address."""
    if isinstance(target, Target):
        return links.title(target) or href
    return target.href if isinstance(target, External) else href
