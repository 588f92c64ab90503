"""Search text: how passages are stored for the full-text index, how a query is read, and how a hit is shown.

Pure functions, no database: app/library/ runs the SQL.

The full-text indexes of both databases find words between separators. Chinese and Japanese
are written without spaces, so a whole sentence would be one "word" that no two-character query
matches. So each passage is stored with a zero-width space between neighbouring CJK characters:
every character becomes a word of its own, and a query such as 火车 becomes the phrase "火 车",
which matches only those two characters side by side. Readers never see the zero-width spaces:
`readable()` takes them out again.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from app.errors import EmptyQuery

# The longest query taken, in characters: far beyond any real search, and it bounds the work.
MAX_QUERY = 200

SEPARATOR = "\u200b"  # a zero-width space: a word break to the index, invisible to readers
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}])(?=[{_CJK}])")
_CJK_CHARACTER = re.compile(f"[{_CJK}]")
# Words as the indexes see them: letters and digits, with inner apostrophes and hyphens.
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_QUOTED = re.compile(r'"([^"]*)"')


def searchable(text: str) -> str:
    """A passage's text as stored: CJK characters split into words of their own (see the module's note)."""
    # Most passages hold no CJK character: finding none is one quick scan, where the substitution
    # would test its lookbehind at every position of the text.
    return _BETWEEN_CJK.sub(SEPARATOR, text) if _CJK_CHARACTER.search(text) else text


def readable(text: str) -> str:
    """Stored text as a reader sees it."""
    return text.replace(SEPARATOR, "")


@dataclass(frozen=True, slots=True)
class Query:
    """A search, read: the phrases all of which a passage must hold (a phrase may be one word)."""

    text: str
    phrases: tuple[tuple[str, ...], ...]

    def fts5(self) -> str:
        """SQLite FTS5's MATCH syntax, every phrase quoted: nothing the reader typed is read as an operator."""
        return " ".join('"' + " ".join(words).replace('"', '""') + '"' for words in self.phrases)

    def phrase_texts(self) -> list[str]:
        """Each phrase as plain text, for PostgreSQL's phraseto_tsquery (which has no syntax to break)."""
        return [" ".join(words) for words in self.phrases]


def parse_query(text: str) -> Query:
    """Read a query: "quoted phrases" and words, all of which must match; case and accents never matter.

    There is no other syntax. A query the index could not parse, such as `tides AND (` or `"`,
    is simply searched as its words.
    """
    text = " ".join(text.split())[:MAX_QUERY]
    phrases: list[tuple[str, ...]] = []
    for quoted in _QUOTED.findall(text):
        phrases.append(_words(quoted))
    for loose in _QUOTED.sub(" ", text).split():
        words = _words(loose)
        if _CJK_CHARACTER.search(loose):
            phrases.append(words)  # 火车 is one phrase of two characters
        else:
            phrases.extend((word,) for word in words)  # don't, e-mail: each part a word
    phrases = [phrase for phrase in phrases if phrase]
    if not phrases:
        raise EmptyQuery(text)
    return Query(text, tuple(dict.fromkeys(phrases)))


def _words(text: str) -> tuple[str, ...]:
    words: list[str] = []
    for word in _WORD.findall(text):
        words += _split_cjk(word)
    return tuple(words)


def _split_cjk(word: str) -> list[str]:
    # Each CJK character on its own, other runs whole: 'Python火车' -> ['Python', '火', '车'].
    return [part for part in re.split(f"([{_CJK}])", word) if part]


def fold(text: str) -> str:
    """Lower case without accents, character for character (so positions still match the original text)."""
    if text.isascii():
        return text.lower()  # the common case, and one C call: ASCII has no accents to take off
    return "".join(_fold_character(char) for char in text)


# Books use a few thousand distinct characters, each folded once; the bound keeps a hostile book
# of every character in Unicode from growing the cache without end.
@functools.lru_cache(maxsize=8192)
def _fold_character(char: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFKD", char.lower()) if not unicodedata.combining(c))
    return bare if len(bare) == 1 else char


def snippet(text: str, query: Query, width: int = 220) -> list[str]:
    """A short stretch of the passage around its first hit, as [plain, hit, plain, hit, …, plain].

    The hits are the query's words as written, or words that start with them (so 'tide' marks
    'tides'); for CJK, the characters themselves. Text is matched without case or accents.
    """
    shown = readable(text)
    folded = fold(shown)
    spans = sorted(_hits(folded, query))
    if not spans:
        return [_window(shown, 0, width)]
    start = max(0, spans[0][0] - width // 3)
    end = min(len(shown), start + width)
    if start > 0:
        start = shown.find(" ", start, spans[0][0]) + 1 or start
    parts: list[str] = []
    cursor = start
    for begin, finish in spans:
        if begin < cursor or finish > end:
            continue
        parts += [shown[cursor:begin], shown[begin:finish]]
        cursor = finish
    tail = shown[cursor:end]
    parts.append(tail if end == len(shown) else tail.rsplit(" ", 1)[0] + "…")
    if start > 0:
        parts[0] = "…" + parts[0]
    return parts


def _hits(folded: str, query: Query) -> set[tuple[int, int]]:
    spans: set[tuple[int, int]] = set()
    for words in query.phrases:
        if all(_CJK_CHARACTER.fullmatch(word) for word in words):
            needle = "".join(words)
            spans |= {(m.start(), m.end()) for m in re.finditer(re.escape(needle), folded)}
            continue
        for word in words:
            spans |= {(m.start(), m.end()) for m in _starting_with(fold(_stem(word))).finditer(folded)}
    return spans


@functools.lru_cache(maxsize=256)
def _starting_with(stem: str) -> re.Pattern[str]:
    """Whole words (as _WORD finds them) that start with `stem`: one scan of the text, not a test per word.

    Not after a letter, nor after a letter and an apostrophe or hyphen: 'mail' marks neither
    'e-mail' nor 'email', as a word of _WORD's that starts elsewhere.
    """
    return re.compile(r"(?<![^\W_])(?<![^\W_]['’-])" + re.escape(stem) + r"[^\W_]*(?:['’-][^\W_]+)*")


def _stem(word: str) -> str:
    """A rough English stem, for marking hits only (the indexes stem properly): tides -> tide, reading -> read."""
    for ending in ("ing", "ed", "es", "s"):
        if len(word) > len(ending) + 2 and word.lower().endswith(ending):
            return word[: -len(ending)]
    return word


def _window(text: str, start: int, width: int) -> str:
    return text[start : start + width] + ("…" if len(text) > start + width else "")
