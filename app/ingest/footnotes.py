"""Footnotes that travel with the chapter, and the page, that cites them.

mdit-py-plugins' footnote rule gathers every definition of a file into one block at the very end
of the token stream. A file that holds a whole book would then show all its notes under its last
chapter, and a note mark in chapter 2 would point at an anchor no widget ever shows. So ingest
takes that block out before splitting, numbers each chapter's marks from 1 (as printed books
restart their notes each chapter), and ends each page with the notes cited on it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

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


def number_marks(tokens: Sequence[Token], definitions: Definitions) -> tuple[list[Token], Definitions]:
    """A chapter's tokens with its note marks numbered from 1, and its notes under those numbers.

    The parser's tokens are not changed, since the whole file shares them: an inline token that
    holds a mark is copied before its marks are renumbered.
    """
    if not definitions:
        return list(tokens), {}
    local: dict[int, int] = {}  # the file-wide id of each note cited -> its number in the chapter
    marks: dict[int, int] = {}  # how many marks for each note so far, which names each mark's anchor

    def renumbered(children: Sequence[Token]) -> Iterator[Token]:
        for child in children:
            if child.type == "footnote_ref":
                note = local.setdefault(child.meta["id"], len(local))
                child = child.copy(meta={**child.meta, "id": note, "subId": marks.get(note, 0)})
                marks[note] = child.meta["subId"] + 1
            yield child

    numbered = [
        token.copy(children=list(renumbered(token.children or ())))
        if token.type == "inline"
        # A quick test of the text before the children: a mark is `[^name]`, or `^[…]` for a note
        # written inline.
        and ("[^" in token.content or "^[" in token.content)
        and any(child.type == "footnote_ref" for child in token.children or ())
        else token
        for token in tokens
    ]
    notes = {number: _renumbered_note(definitions[note], number) for note, number in local.items()}
    return numbered, notes


def notes_cited(page: Sequence[Token], notes: Definitions) -> list[Token]:
    """The footnote block that ends a page: the notes its marks cite, linking back to those marks."""
    cited: dict[int, list[int]] = {}  # note number -> the marks on this page that cite it
    for token in page:
        for child in token.children or () if token.type == "inline" else ():
            if child.type == "footnote_ref":
                cited.setdefault(child.meta["id"], []).append(child.meta["subId"])
    if not cited:
        return []
    block = [Token("footnote_block_open", "", 1)]
    for note, page_marks in cited.items():
        for token in notes[note]:
            if token.type != "footnote_anchor":
                block.append(token)
            elif token.meta["subId"] == 0:  # the one back-link the note was numbered with
                block.extend(token.copy(meta={**token.meta, "subId": mark}) for mark in page_marks)
    block.append(Token("footnote_block_close", "", -1))
    return block


def _renumbered_note(definition: list[Token], number: int) -> list[Token]:
    # One back-link anchor stands in for all of them: notes_cited writes one for each mark on a page.
    anchors = [token for token in definition if token.type == "footnote_anchor"]
    keep = anchors[0] if anchors else None
    return [
        token.copy(meta={**token.meta, "id": number, "subId": 0})
        if token.type in ("footnote_open", "footnote_close") or token is keep
        else token
        for token in definition
        if token.type != "footnote_anchor" or token is keep
    ]
