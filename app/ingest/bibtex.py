"""BibTeX files read for what a citation shows: who wrote the work, and when.

A `.bib` file is a list of entries, `@article{harris2020, author = {Harris, Charles R. and
Millman, K. Jarrod}, year = {2020}, …}`. A field's value is in braces (which may nest), in
quotes, or bare (a number, or a `@string` macro's name, which is read as its name). Only
`author` (or `editor`), `year` (or `date`) and `title` are kept: enough for "Harris and Millman
2020". `@string`, `@preamble` and `@comment` define no work and are passed over, as is an entry
broken beyond reading; the scan moves on from the next `@`, so one bad entry costs only itself.
Names are read as BibTeX reads them: "Last, First" or "First Last", a braced name whole
(`{World Health Organization}`), and simple TeX accents (`{\\"u}`) become their letters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_ENTRY = re.compile(r"@[ \t]*([A-Za-z]+)[ \t\r\n]*[{(][ \t\r\n]*([^,\s{}()]+)[ \t\r\n]*,")
_FIELD = re.compile(r"[ \t\r\n]*([A-Za-z][\w:-]*)[ \t\r\n]*=[ \t\r\n]*")
_NOT_WORKS = frozenset({"string", "preamble", "comment"})
_ACCENT = re.compile(r"\\([\"'`^~=.uvHckr])[ ]?\{?([A-Za-z])\}?")
_COMBINING = {'"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", "=": "\u0304",
              ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
              "r": "\u030a"}  # fmt: skip
_COMMAND = re.compile(r"\\[A-Za-z]+\*?[ ]?|\\(.)")
_MAX_VALUE = 10_000  # characters of one field: an abstract can be long, a name is not


@dataclass(frozen=True, slots=True)
class Reference:
    authors: str  # as a citation names them: "Harris", "Harris and Millman", "Harris et al."
    year: str  # "2020", or "n.d." when the entry gives none
    title: str


def parse_bibtex(text: str) -> dict[str, Reference]:
    """The works a .bib file describes, by key; the first of two entries with one key wins, as in BibTeX."""
    works: dict[str, Reference] = {}
    position = 0
    while (found := _ENTRY.search(text, position)) is not None:
        kind, key = found.group(1).lower(), found.group(2)
        fields, position = _fields(text, found.end())
        if kind not in _NOT_WORKS and key not in works:
            names = fields.get("author") or fields.get("editor") or ""
            year = fields.get("year") or fields.get("date", "")[:4]
            works[key] = Reference(_short_names(names), plain(year) or "n.d.", plain(fields.get("title", "")))
    return works


def _fields(text: str, position: int) -> tuple[dict[str, str], int]:
    """An entry's fields from `position`, and where the scan goes on (past the entry, or to the next `@`)."""
    fields: dict[str, str] = {}
    while (field := _FIELD.match(text, position)) is not None:
        value, position = _value(text, field.end())
        if value is None:
            break
        fields.setdefault(field.group(1).lower(), value)
        while position < len(text) and text[position] in " \t\r\n":
            position += 1
        if not text.startswith(",", position):
            break
        position += 1
    return fields, position


def _value(text: str, start: int) -> tuple[str | None, int]:
    """One field's value (`{…}`, `"…"`, or bare words joined by `#`) and the position after it."""
    if text.startswith("{", start):
        depth = 0
        for index in range(start, min(len(text), start + _MAX_VALUE)):
            depth += {"{": 1, "}": -1}.get(text[index], 0)
            if depth == 0:
                return text[start + 1 : index], index + 1
        return None, start
    if text.startswith('"', start):
        depth = 0
        for index in range(start + 1, min(len(text), start + _MAX_VALUE)):
            character = text[index]
            depth += {"{": 1, "}": -1}.get(character, 0)
            if character == '"' and depth == 0:
                return text[start + 1 : index], index + 1
        return None, start
    bare = re.match(r"[\w:.-]+", text[start : start + 200])
    return (bare.group(0), start + bare.end()) if bare else (None, start)


def _short_names(names: str) -> str:
    people = [_family_name(person) for person in _split_top(names, " and ") if person.strip()]
    people = [person for person in people if person]
    if not people:
        return ""
    if len(people) == 1 or (len(people) == 2 and people[1] == "others"):
        return people[0] + (" et al." if len(people) == 2 else "")
    if len(people) == 2:
        return f"{people[0]} and {people[1]}"
    return f"{people[0]} et al."


def _family_name(person: str) -> str:
    person = person.strip()
    if person.startswith("{") and person.endswith("}") and len(_split_top(person[1:-1], "}")) == 1:
        return plain(person)  # `{World Health Organization}`: one name, as written
    parts = _split_top(person, ",")
    if len(parts) > 1:
        return plain(parts[0])
    words = _split_top(person, " ")
    return plain(words[-1]) if words else ""


def _split_top(text: str, separator: str) -> list[str]:
    """The text split at `separator` where no brace is open."""
    parts: list[str] = []
    depth, start, index = 0, 0, 0
    while index < len(text):
        character = text[index]
        if character in "{}":
            depth += 1 if character == "{" else -1
        elif depth == 0 and text.startswith(separator, index):
            parts.append(text[start:index])
            start = index = index + len(separator)
            continue
        index += 1
    parts.append(text[start:])
    return [part for part in parts if part.strip()]


def plain(value: str) -> str:
    """TeX as the words it typesets: accents as letters, commands and braces gone, spaces single."""
    value = _ACCENT.sub(lambda m: unicodedata.normalize("NFC", m.group(2) + _COMBINING[m.group(1)]), value)
    value = _COMMAND.sub(lambda m: m.group(1) or "", value)
    return " ".join(value.replace("{", "").replace("}", "").replace("~", " ").split())
