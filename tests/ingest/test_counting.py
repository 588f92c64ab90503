"""Counting words and reading time fairly in English, Chinese, Japanese and mixtures of them."""

from __future__ import annotations

from app.ingest.counting import count_words, reading_minutes


def test_english_is_counted_by_words() -> None:
    assert count_words("The sea goes out, and the rocks are bare.") == 9
    assert count_words("It's a well-known rock.") == 4


def test_chinese_is_counted_by_characters_not_spaces() -> None:
    text = "春天来了，花开了。读一本书，喝一杯茶。"
    assert count_words(text) == 15  # fifteen characters; the punctuation does not count


def test_japanese_kana_and_kanji_count_one_each() -> None:
    assert count_words("ほんをよむ") == 5
    assert count_words("本を読む") == 4


def test_mixed_chinese_and_english_adds_both_counts() -> None:
    assert count_words("这里有 English words 和中文。") == 8


def test_korean_is_counted_by_spaces() -> None:
    assert count_words("책을 천천히 읽어요") == 3


def test_reading_time_uses_a_speed_for_each_script() -> None:
    assert reading_minutes("word " * 230) == 1
    assert reading_minutes("word " * 231) == 2
    assert reading_minutes("字" * 500) == 1
    assert reading_minutes("字" * 1500) == 3
    assert reading_minutes("字" * 250 + " word" * 115) == 1


def test_even_an_empty_chapter_takes_a_minute() -> None:
    assert reading_minutes("") == 1
