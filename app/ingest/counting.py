"""Word counts and reading times that are fair to Chinese and Japanese as well as to English."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# Han ideographs (with extension A and compatibility forms), kana and half-width katakana:
# scripts written without spaces, where one character is the natural unit of reading.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
# Everything else counts space- or punctuation-separated words (Korean Hangul included).
# The quantifiers are possessive (`++`, `*+`): a word ends where its letters do, so giving some
# back could never make a match, and not keeping track of that makes counting faster.
_WORD = re.compile(r"[^\W_]++(?:['\u2019\-][^\W_]++)*+")
# The same words in ASCII text, where a plain range is quicker to test than a Unicode category.
_ASCII_WORD = re.compile(r"[A-Za-z0-9]++(?:['\-][A-Za-z0-9]++)*+")

# Common adult silent-reading speeds: about 230 words a minute for English-like text and
# about 500 characters a minute for Chinese or Japanese.
WORDS_PER_MINUTE = 230
CJK_CHARACTERS_PER_MINUTE = 500


@dataclass(frozen=True, slots=True)
class Count:
    """CJK characters and other words, kept apart because they are read at different speeds."""

    cjk: int = 0
    other: int = 0

    @property
    def words(self) -> int:
        return self.cjk + self.other

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.other / WORDS_PER_MINUTE + self.cjk / CJK_CHARACTERS_PER_MINUTE))

    def __add__(self, more: Count) -> Count:
        return Count(self.cjk + more.cjk, self.other + more.other)


def count(text: str) -> Count:
    if text.isascii():  # known without a scan: Python records it when it makes the string
        return Count(0, len(_ASCII_WORD.findall(text)))
    if _CJK.search(text) is None:
        return Count(0, len(_WORD.findall(text)))
    # One pass both counts the CJK characters and blanks them out for the word count.
    spaced, cjk = _CJK.subn(" ", text)
    return Count(cjk, len(_WORD.findall(spaced)))


def count_words(text: str) -> int:
    """Words in the text: each CJK character counts as one, other words by spacing."""
    return count(text).words


def reading_minutes(text: str) -> int:
    """Estimated minutes to read the text, never less than one."""
    return count(text).minutes
