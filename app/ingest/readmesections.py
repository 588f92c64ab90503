"""How a README's sections become chapters beyond cutting at headings: a preface of nothing but
pictures opens the first chapter (see prefaces.py), and a section longer than two pages is cut at
its own headings into sub-chapters (see subchapters.py).
"""

from __future__ import annotations

from pathlib import PurePosixPath

from app.ingest.prefaces import is_bare
from app.ingest.sections import PREFACE_TITLE, Section, contents_page
from app.ingest.subchapters import lead_of, part_title, parts_of


def with_parts(sections: list[Section]) -> list[Section]:
    """Each section longer than two pages cut at its own headings, its parts a level under it."""
    out: list[Section] = []
    for section in sections:
        # READMEs only (`README.md`, `README-ja.md`, `index.md`): a novel's long chapter keeps its scenes.
        readme = PurePosixPath(section.file.name).stem.lower().startswith(("readme", "index"))
        parts = parts_of(section.tokens) if readme else None
        if parts is None:
            out.append(section)
            continue
        file, parsed, notes = section.file, section.parsed, section.notes
        children = [
            Section(
                part_title(heading[1]) or section.title, body, file, parsed, notes, heading, section.depth + 1
            )
            for heading, body in parts
        ]
        lead = Section(
            section.title, lead_of(section.tokens, parts), file, parsed, notes, section.heading, section.depth
        )
        if is_bare(lead.tokens):  # nothing of its own before its parts: a page listing them, as mdBook shows
            listing = contents_page(lead, [(child, False) for child in children])
            lead = Section(listing.title, listing.tokens, file, parsed, notes, listing.heading, section.depth)
        out.extend([lead, *children])
    return out


def fold_bare_preface(sections: list[Section]) -> list[Section]:
    """A preface of nothing but pictures (a README's logo, its badges) opens the first chapter instead
    of being a chapter with no words in it (see prefaces.py)."""
    if len(sections) < 2 or sections[0].heading is not None or sections[0].title != PREFACE_TITLE:
        return sections
    first, second = sections[0], sections[1]
    if not is_bare(first.tokens):
        return sections
    merged = Section(
        second.title,
        first.tokens + second.tokens,
        second.file,
        second.parsed,
        second.notes,
        second.heading,
        second.depth,
    )
    return [merged, *sections[2:]]
