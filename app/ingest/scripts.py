"""JavaScript settings read as data and never run: string settings, and literal objects and arrays.

Docs generators keep their settings in script: docsify's `window.$docsify = {…}` in index.html,
Docusaurus' `docusaurus.config.js` and `sidebars.js`. Chapterwise never executes a book's code, so
it reads them with a small tokenizer (strings, comments, punctuation, bare words). `string_settings()`
finds `key: 'a string'` pairs and how deeply each is nested; `exported()` reads the object a file
exports when it is written out literally (JSON's shapes, with JavaScript's unquoted keys, quotes and
trailing commas), and says what it met when it is not (a spread, a variable, a call). `value_at()`
reads one such value wherever it stands, as Astro's config passes Starlight its sidebar in a call;
`keyed()` reads every `key: value` wherever it sits, even inside calls (`defineUserConfig({…})`),
with the keys of the objects around it; `declared()` reads what a `const` holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

_TOKEN = re.compile(
    r"""(?P<quote>['"`])(?P<string>(?:\\.|(?!(?P=quote))[^\\])*)(?P=quote)"""
    r"""|//[^\n]*|/\*.*?\*/"""
    r"""|(?P<punct>\.\.\.|[{}\[\]():,;=])"""
    r"""|(?P<word>[\w$][\w$.]*)"""
    r"""|(?P<other>\S)""",
    re.DOTALL,
)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r"}
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_NUMBER = re.compile(r"\d+(?:\.\d*)?(?:[eE][-+]?\d+)?")
_WORDS = {"true": True, "false": False, "null": None}
_MAX_DEPTH = 64  # deeper than any real settings; a bound on reading a hostile file


class Token(NamedTuple):
    kind: str  # "string", "template" (a `…${x}…` string), "punct", "word" or "other"
    text: str  # a string's value, its escapes undone; else the token as written
    start: int


class NotData(Exception):
    """The script holds something only running it would give a value to; the message names it."""


class Keyed(NamedTuple):
    """One `key: value` of a script, found wherever it sits."""

    within: tuple[str, ...]  # the keys of the objects and arrays around it, outermost first
    value: Any  # the value read as data, or a NotData naming what only running the script gives
    at: int  # where the value starts in the script, to look at it when it is not data


def tokens(script: str, start: int = 0) -> Iterator[Token]:
    """The script's tokens from `start` on, without its comments."""
    for match in _TOKEN.finditer(script, start):
        kind = match.lastgroup
        if match.group("quote"):
            raw = match.group("string")
            template = match.group("quote") == "`" and "${" in raw
            text = _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), raw)
            yield Token("template" if template else "string", text, match.start())
        elif kind in ("punct", "word", "other"):
            yield Token(kind, match.group(kind), match.start())


def string_settings(
    script: str, key: str, start: int = 0, *, first_object: bool = False
) -> Iterator[tuple[int, str | None]]:
    """Each `key: …` from `start` on: how many braces are open around it (1: in the first object
    opened after `start`), and its value if that is a plain string, else None (a value only running
    the script gives). With `first_object`, it stops where that object closes. `x.key:` is not the key.
    """
    depth = 0
    found = list(tokens(script, start))
    for index, token in enumerate(found):
        if token.text == "{" and token.kind == "punct":
            depth += 1
        elif token.text == "}" and token.kind == "punct":
            depth -= 1
            if first_object and depth <= 0:
                return
        elif (
            token.kind in ("word", "string")
            and token.text == key
            and index + 2 < len(found)
            and found[index + 1].text == ":"
        ):
            value = found[index + 2]
            yield depth, value.text if value.kind == "string" else None


def keyed(script: str, key: str) -> Iterator[Keyed]:
    """Each `key: value` in the script, in order. An object passed to a call under a key is
    within that key: `theme: defaultTheme({ sidebar: […] })` gives `sidebar` within `theme`."""
    found = list(tokens(script))
    around: list[str] = []
    for index, token in enumerate(found):
        if token.kind == "punct" and token.text in ("{", "["):
            around.append(_key_before(found, index))
        elif token.kind == "punct" and token.text in ("}", "]"):
            if around:
                around.pop()
        elif (
            token.kind in ("word", "string")
            and token.text == key
            and index + 2 < len(found)
            and found[index + 1].text == ":"
            and index > 0
            and found[index - 1].text in ("{", ",")
        ):
            try:
                value = _Reader(script, found, index + 2).whole()
            except NotData as problem:
                value = problem
            yield Keyed(tuple(name for name in around if name), value, found[index + 2].start)


def _key_before(found: list[Token], index: int) -> str:
    """The key whose value opens at `index`: `key: {`, or `key: call({`; "" for none."""
    before = [token.text for token in found[max(0, index - 4) : index]]
    if before[-2:-1] == [":"] or (before[-1:] == ["("] and before[-3:-2] == [":"]):
        key = found[index - 2] if before[-2:-1] == [":"] else found[index - 4]
        return key.text if key.kind in ("word", "string") else ""
    return ""


def declared(script: str, name: str) -> Any:
    """The value a `const`, `let` or `var` of that name is set to, read as data; NotData if it cannot be."""
    return _Reader(script, list(tokens(script)), 0)._declared(name)


def exported(script: str) -> Any:
    """The value a script exports (`module.exports = …`, `export default …`, or the variable either
    names), or a JSON file's whole value, read as data; NotData saying why when it cannot be."""
    found = list(tokens(script))
    if found and found[0].text in ("{", "["):
        return _Reader(script, found, 0).whole()
    for index, token in enumerate(found):
        follows = found[index + 1 : index + 3]
        if token.text == "module.exports" and follows[:1] and follows[0].text == "=":
            return _Reader(script, found, index + 2).value_there()
        if token.text == "export" and follows[:1] and follows[0].text == "default":
            return _Reader(script, found, index + 2).value_there()
    raise NotData("it exports nothing Chapterwise recognises (`module.exports =` or `export default`)")


def value_at(script: str, found: list[Token], index: int) -> Any:
    """The value whose first token is `found[index]` (the script's tokens), such as one option in a
    call (`starlight({ sidebar: […] })`), read as data: written there, or the one a `const`/`let`/`var`
    of that name holds; NotData saying why when it cannot be."""
    return _Reader(script, found, index).value_there()


class _Reader:
    """Recursive descent over the tokens of one literal value."""

    def __init__(self, script: str, found: list[Token], at: int) -> None:
        self.script, self.found, self.at = script, found, at

    def whole(self) -> Any:
        return self._value(0)

    def value_there(self) -> Any:
        """The exported value: written there, or the one a `const`/`let`/`var` of that name holds."""
        token = self._peek()
        if token.kind == "word" and token.text not in _WORDS and not _NUMBER.fullmatch(token.text):
            after = self.found[self.at + 1] if self.at + 1 < len(self.found) else None
            if after is None or after.text != "(":
                return self._declared(token.text)
        return self._value(0)

    def _declared(self, name: str) -> Any:
        for index, token in enumerate(self.found[:-1]):
            if token.text in ("const", "let", "var") and self.found[index + 1].text == name:
                # A TypeScript type (`const sidebars: SidebarsConfig = {…}`) stands before the `=`.
                equals = next(
                    (i for i in range(index + 2, len(self.found)) if self.found[i].text == "="), None
                )
                if equals is not None:
                    self.at = equals + 1
                    return self._value(0)
        raise NotData(f"it exports `{name}`, which it does not set to an object written out")

    def _peek(self) -> Token:
        if self.at >= len(self.found):
            raise NotData("it ends in the middle of a value")
        return self.found[self.at]

    def _next(self) -> Token:
        token = self._peek()
        self.at += 1
        return token

    def _line(self, token: Token) -> int:
        return self.script.count("\n", 0, token.start) + 1

    def _value(self, depth: int) -> Any:
        if depth > _MAX_DEPTH:
            raise NotData(f"it nests values more than {_MAX_DEPTH} deep")
        token = self._next()
        if token.kind == "string":
            return token.text
        if token.text == "[":
            return self._array(depth)
        if token.text == "{":
            return self._object(depth)
        if token.text == "-" and _NUMBER.fullmatch(self._peek().text):
            return -float(self._next().text)
        if token.kind == "word" and token.text in _WORDS:
            return _WORDS[token.text]
        if token.kind == "word" and _NUMBER.fullmatch(token.text):
            return float(token.text)
        raise NotData(self._what(token))

    def _what(self, token: Token) -> str:
        line = self._line(token)
        if token.text == "...":
            return f"a spread (`...`) on line {line}"
        if token.kind == "template":
            return f"a template string with `${{…}}` in it on line {line}"
        if token.kind == "word":
            calls = self.at < len(self.found) and self.found[self.at].text == "("
            kind = "a call to" if calls else "the name"
            return f"{kind} `{token.text}` on line {line}, which only running the file gives a value"
        return f"`{token.text}` on line {line}, where a value was expected"

    def _array(self, depth: int) -> list[Any]:
        items: list[Any] = []
        while self._peek().text != "]":
            items.append(self._value(depth + 1))
            if self._peek().text == ",":
                self.at += 1
            elif self._peek().text != "]":
                raise NotData(self._what(self._peek()))
        self.at += 1
        return items

    def _object(self, depth: int) -> dict[str, Any]:
        entries: dict[str, Any] = {}
        while self._peek().text != "}":
            key = self._next()
            if key.kind not in ("string", "word") or self._peek().text != ":":
                raise NotData(self._what(key))
            self.at += 1
            entries[key.text] = self._value(depth + 1)
            if self._peek().text == ",":
                self.at += 1
            elif self._peek().text != "}":
                raise NotData(self._what(self._peek()))
        self.at += 1
        return entries
