"""Word counts and reading times that are fair to Chinese and Japanese as well as to English."""

from __future__ import annotations

import math
import re

# Han ideographs (with extension A and compatibility forms), kana and half-width katakana:
# scripts written without spaces, where one character is the natural unit of reading.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
# Everything else counts space- or punctuation-separated words (Korean Hangul included).
_WORD = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")

# Common adult silent-reading speeds: about 230 words a minute for English-like text and
# about 500 characters a minute for Chinese or Japanese.
WORDS_PER_MINUTE = 230
CJK_CHARACTERS_PER_MINUTE = 500


def count_words(text: str) -> int:
    """Words in the text: each CJK character counts as one, other words by spacing."""
    cjk = len(_CJK.findall(text))
    return cjk + len(_WORD.findall(_CJK.sub(" ", text)))


def reading_minutes(text: str) -> int:
    """Estimated minutes to read the text, never less than one."""
    cjk = len(_CJK.findall(text))
    words = len(_WORD.findall(_CJK.sub(" ", text)))
    return max(1, math.ceil(words / WORDS_PER_MINUTE + cjk / CJK_CHARACTERS_PER_MINUTE))
