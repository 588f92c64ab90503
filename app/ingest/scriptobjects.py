"""Objects in a config script found by their key, wherever they are written, read token by token.

scripts.py reads a value whole, as data; but a setting is often inside code that is not data, such
as Docusaurus' `presets: [['classic', { docs: { path: '../docs' } }]]` beside a `require(…)`, or
VitePress's `locales: { root: { ...enConfig } }`. These helpers find each `key: {` object in the
tokens and the tokens directly inside it, so one plain setting can be read from it (a string, a
spread's name, a key) without the rest of the object having to be data. Nothing is run.
"""

from __future__ import annotations

from app.ingest.scripts import Token, tokens

_OPENING = {"{": 1, "[": 1, "(": 1, "}": -1, "]": -1, ")": -1}


def objects_of(found: list[Token], key: str) -> list[int]:
    """Where each object written as `key: {` starts (the index of its `{` in `found`)."""
    return [
        index + 2
        for index in range(len(found) - 2)
        if found[index].text == key and found[index + 1].text == ":" and found[index + 2].text == "{"
    ]


def top_level(found: list[Token], start: int) -> list[int]:
    """The indexes of the tokens directly inside the object whose `{` is at `start`, not nested deeper."""
    inside: list[int] = []
    depth = 0
    for at in range(start, len(found)):
        depth += _OPENING.get(found[at].text, 0)
        if depth == 0:
            break
        if depth == 1 and at > start:
            inside.append(at)
    return inside


def strings_in(script: str, key: str, setting: str) -> list[str]:
    """Each string written as `setting: '…'` directly inside a `key: {…}` object, in order."""
    found = list(tokens(script))
    values: list[str] = []
    for start in objects_of(found, key):
        for at in top_level(found, start):
            given = [(token.kind, token.text) for token in found[at : at + 3]]
            if len(given) == 3 and given[0][1] == setting and given[1][1] == ":" and given[2][0] == "string":
                values.append(given[2][1])
    return values
