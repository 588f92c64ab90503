"""build_book(): the pure step from a loaded book to its draft: parse, cut into chapters, render pages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import PurePosixPath

from markdown_it.token import Token

from app.errors import ImportProblem
from app.ingest.anchors import Anchors
from app.ingest.draft import BookDraft, ChapterDraft
from app.ingest.limits import MAX_LABEL, MAX_TITLE, capped
from app.ingest.links import LinkIndex, Target
from app.ingest.markdown import Parsed, parse
from app.ingest.mdx import reads_as_mdx
from app.ingest.pages import PageBuilder
from app.ingest.pictures import ReadPicture
from app.ingest.rawhtml import html_text
from app.ingest.render import mark
from app.ingest.sections import Section, contents_page
from app.ingest.source import BookSource, Progress, source_from_texts
from app.ingest.sourcefile import SourceFile
from app.ingest.split import first_h1, folder_file, intro_file, series_heading, single_file
from app.ingest.text import inline_text


def parse_book(
    sources: Sequence[SourceFile],
    *,
    slug: str,
    metadata: Mapping[str, str] | None = None,
    titles: Sequence[str] | None = None,
    pictures: ReadPicture | None = None,
) -> BookDraft:
    """A book given as text, in reading order; `titles` (as an mdBook's SUMMARY.md gives them) name one chapter a file."""
    return source_from_texts(sources, slug=slug, metadata=metadata, titles=titles, pictures=pictures).parse()


def build_book(source: BookSource, progress: Progress | None = None) -> BookDraft:
    warnings = list(source.warnings)
    mdx = [reads_as_mdx(file.name, source.dialect) for file in source.files]
    parsed = [
        parse(f.source.text, mdx=m, dialect=source.dialect) for f, m in zip(source.files, mdx, strict=True)
    ]
    for file, result, as_mdx in zip(source.files, parsed, mdx, strict=True):
        if result.template_tags and as_mdx:
            warnings.append(
                f"{file.source.path}: expressions ({{…}}) only the site's code can work out were left out."
            )
        elif result.template_tags:
            warnings.append(
                f"{file.source.path}: template tags and shortcodes ({{% … %}}, {{{{ … }}}}, {{{{< … >}}}}) "
                "only a site generator can fill in were left out (the text between a pair is kept)."
            )
        if left_out := result.left_out - source.carried_out:
            names = ", ".join(f"{{{name}}}" for name in sorted(left_out))
            warnings.append(
                f"{file.source.path}: MyST directives only a Jupyter Book or Sphinx build can carry out "
                f"({names}) were left out."
            )
        if result.shortened:
            lines = ", ".join(str(n) for n in result.shortened[:5]) + (
                " …" if len(result.shortened) > 5 else ""
            )
            warnings.append(
                f"{file.source.path}: line {lines} held hundreds of markup characters in a row; "
                "they were shortened to a few."
            )
    sections = _sections(source, parsed, warnings)
    if not sections:
        raise ImportProblem(source.files[0].source.path, "has no text to read. Write some Markdown in it.")
    anchors, links = Anchors(), LinkIndex(source.site_root, source.public_root)
    for number, (section, _) in enumerate(sections, 1):
        _register(section, number, anchors, links)
    said: set[tuple[str, str]] = set()

    def picture_problem(path: str, src: str, why: str) -> None:
        if (path, src) not in said:
            said.add((path, src))
            # A notebook's drawing is a data: URL of a megabyte: the warning names its start, not all of it.
            shown = src if len(src) <= 120 else f"{src[:40]}… ({len(src) // 1024:,} KB of text)"
            warnings.append(f"{path}: picture '{shown}' {why}. The reader shows its description instead.")

    chapters: list[ChapterDraft] = []
    for number, (section, file_index) in enumerate(sections, 1):
        file = source.files[file_index]
        builder = PageBuilder(
            file=file.name,
            path=file.source.path,
            chapter=number,
            env=section.parsed.env,
            anchors=anchors,
            links=links,
            pictures=source.pictures,
            picture_problem=picture_problem,
        )
        built = builder.build(section.tokens, section.notes)
        title = capped(section.title, MAX_TITLE, "chapter title", warnings, file.source.path)
        chapters.append(
            ChapterDraft(
                title=title,
                words=built.count.words,
                minutes=built.count.minutes,
                pages=built.pages,
                depth=file.depth + section.depth,
                label=file.label[:MAX_LABEL] if file.label else None,
                part=capped(file.part, MAX_TITLE, "part title", warnings, file.source.path)
                if file.part
                else None,
            )
        )
        if progress is not None:
            progress(number, len(sections))
    return BookDraft(
        slug=source.slug,
        title=source.title,
        author=source.author,
        language=source.language,
        description=source.description,
        chapters=tuple(chapters),
        source_hash=source.source_hash,
        warnings=tuple(warnings),
        origin=source.origin or None,
        slug_given=source.slug_given,
    )


def _sections(source: BookSource, parsed: list[Parsed], warnings: list[str]) -> list[tuple[Section, int]]:
    """Every chapter's section with the index of its file; chapters with no text under them are left out."""
    found: list[tuple[Section, int]] = []
    if source.single:
        found = [(s, 0) for s in single_file(source.files[0], parsed[0], source.title, source.title_line)]
    else:
        loose = [i for i, f in enumerate(source.files) if f.title is None and f.role == "chapter"]
        series = series_heading([first_h1(parsed[i]) for i in loose]) if len(loose) > 1 else None
        for index, (file, result) in enumerate(zip(source.files, parsed, strict=True)):
            if file.role == "intro":
                cut = intro_file(file, result, source.title, alone=len(source.files) == 1)
            else:
                cut = folder_file(file, result, series if file.title is None else None)
            found.extend((section, index) for section in cut)
    # Backwards, so a chapter knows which of its sub-chapters stay before deciding whether it does.
    kept: list[tuple[Section, int]] = []
    stays = [False] * len(found)
    for position in reversed(range(len(found))):
        section, index = found[position]
        if _has_content(section.tokens):
            kept.append((section, index))
            stays[position] = True
            continue
        # Only a table of contents says a chapter is its sub-chapters' parent; in a plain folder, a stub
        # beside a sub-folder is no page for the sub-folder's files.
        listed = section.file.title is not None
        children = [later for later in _children(found, position) if stays[later]] if listed else []
        if children:
            subchapters = [(found[later][0], found[later - 1][1] != found[later][1]) for later in children]
            kept.append((contents_page(section, subchapters), index))
            stays[position] = True
        elif not source.single or section.heading is not None:
            warnings.append(
                f"{source.files[index].source.path}: '{section.title}' has no text under it, "
                "so it is not a chapter."
            )
    return kept[::-1]


def _children(found: list[tuple[Section, int]], position: int) -> list[int]:
    """Where in `found` the direct sub-chapters of the chapter at `position` are (a table of contents nests them)."""
    depth = found[position][0].file.depth
    under: list[int] = []
    for later in range(position + 1, len(found)):
        later_depth = found[later][0].file.depth
        if later_depth <= depth:
            break
        if later_depth == found[position + 1][0].file.depth:
            under.append(later)
    return under


def _has_content(tokens: list[Token]) -> bool:
    """Whether a chapter shows a reader anything: words, code or a picture (not just a rule or a script)."""
    for token in tokens:
        kind = token.type
        if kind == "inline" and (
            inline_text(token).strip() or any(child.type == "image" for child in token.children or ())
        ):
            return True
        if kind in ("fence", "code_block", "math_block") and token.content.strip():
            return True
        if kind == "html_block" and (html_text(token.content).strip() or "<img" in token.content.lower()):
            return True
    return False


def _register(section: Section, number: int, anchors: Anchors, links: LinkIndex) -> None:
    """Give every heading of the chapter its id, and tell the link index where each one is."""
    name: PurePosixPath = section.file.name
    links.add_file(name, number, section.title)
    if section.heading is not None:
        heading = section.heading
        links.add_heading(
            name, inline_text(heading[1]), heading[0].meta.get("explicit_id"), Target(number, None)
        )
    # Where each heading of the chapter lands, by its line: rule names (rules.py) land on them.
    landing = {-1: Target(number, None)}
    if section.heading is not None and section.heading[0].map:
        landing[section.heading[0].map[0]] = Target(number, None)
    for index, token in enumerate(section.tokens):
        if token.type == "heading_open":
            text = inline_text(section.tokens[index + 1]).strip()
            anchor = anchors.heading(text)
            token.meta = {**token.meta, "anchor": anchor}
            token.attrs["id"] = mark(anchor)  # for markdown-it's renderer; the sanitiser strips the mark
            links.add_heading(name, text, token.meta.get("explicit_id"), Target(number, anchor))
            if token.map:
                landing[token.map[0]] = Target(number, anchor)
    for rule, line in section.parsed.env.get("rules", {}).items():
        if line in landing:
            links.add_label(rule, landing[line])
