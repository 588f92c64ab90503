"""Footnotes that travel with the page that cites them.

mdit-py-plugins' footnote rule gathers every definition of a file into one block at the very end
of the token stream. A file that holds a whole book would then show all its notes under its last
chapter, and a note mark in chapter 2 would point at an anchor no widget ever shows. So ingest
takes that block out before splitting, and each page gets back just the notes it cites,
numbered from 1 on that page, the way a printed book restarts its notes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from markdown_it.token import Token

# A definition's tokens (footnote_open … footnote_close), by the id the parser gave it.
Definitions = dict[int, list[Token]]


def take_definitions(tokens: list[Token]) -> tuple[list[Token], Definitions]:
    """The tokens without the trailing footnote block, and the definitions that block held."""
    try:
        start = next(i for i, token in enumerate(tokens) if token.type == "footnote_block_open")
    except StopIteration:
        return tokens, {}
    definitions: Definitions = {}
    current: list[Token] = []
    for token in tokens[start + 1 :]:
        if token.type == "footnote_block_close":
            break
        current.append(token)
        if token.type == "footnote_close":
            definitions[current[0].meta["id"]] = current
            current = []
    return tokens[:start], definitions


def with_notes(tokens: Sequence[Token], definitions: Definitions) -> list[Token]:
    """A page's tokens, its note marks renumbered from 1, followed by the notes it cites.

    The parser's tokens are not changed: they are shared by the whole file, so marks and notes
    are copied before being renumbered.
    """
    if not definitions:
        return list(tokens)
    numbering = _Numbering()
    page = [_renumber_marks(token, numbering) for token in tokens]
    if not numbering.order:
        return page
    page.append(Token("footnote_block_open", "", 1))
    for note in numbering.order:
        page.extend(_note(definitions[note], numbering.local[note], numbering.marks[note]))
    page.append(Token("footnote_block_close", "", -1))
    return page


@dataclass
class _Numbering:
    order: list[int] = field(default_factory=list)  # the notes' file-wide ids, in citing order
    local: dict[int, int] = field(default_factory=dict)  # file-wide id -> id on this page
    marks: dict[int, int] = field(default_factory=dict)  # file-wide id -> marks citing it here

    def cite(self, note: int) -> tuple[int, int]:
        if note not in self.local:
            self.local[note] = len(self.order)
            self.order.append(note)
            self.marks[note] = 0
        mark = self.marks[note]
        self.marks[note] += 1
        return self.local[note], mark


def _renumber_marks(token: Token, numbering: _Numbering) -> Token:
    if token.type != "inline" or not any(child.type == "footnote_ref" for child in token.children or ()):
        return token
    copy = token.copy()
    copy.children = list(_renumbered(token.children or (), numbering))
    return copy


def _renumbered(children: Sequence[Token], numbering: _Numbering) -> Iterator[Token]:
    for child in children:
        if child.type == "footnote_ref":
            note, mark = numbering.cite(child.meta["id"])
            child = child.copy()
            child.meta = {**child.meta, "id": note, "subId": mark}
        yield child


def _note(definition: list[Token], note: int, marks: int) -> Iterator[Token]:
    """One definition under its page-local number, with one back-link for each mark on the page."""
    # A mark whose definition is missing never gets here: markdown-it leaves `[^x]` as text.
    backlinks_written = False
    for token in definition:
        if token.type == "footnote_anchor":
            if not backlinks_written:
                for mark in range(marks):
                    anchor = token.copy()
                    anchor.meta = {**token.meta, "id": note, "subId": mark}
                    yield anchor
                backlinks_written = True
            continue
        if token.type in ("footnote_open", "footnote_close"):
            token = token.copy()
            token.meta = {**token.meta, "id": note}
        yield token
