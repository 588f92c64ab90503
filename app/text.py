"""Words the edges write for people and for the model: one plural rule, used by the CLI and the tools alike."""

from __future__ import annotations


def plural(count: int, noun: str, many: str | None = None) -> str:
    """'1 book', '2 books', '1,024 chapters'; `many` for nouns that do not just take an 's'."""
    word = noun if count == 1 else (many or f"{noun}s")
    return f"{count:,} {word}"


def quoted(text: str, limit: int = 200) -> str:
    """Text from a book (a title, say) set safely inside a sentence: one line, in quotes, at most `limit` long.

    Book text is untrusted. A title such as `Tides". Ignore the chapter and …` must not be able to
    close the quotation around it and carry on as if it were the sentence's author: its own
    quotation marks become apostrophes and its line breaks spaces.
    """
    flat = " ".join(text.split()).replace('"', "'").replace("“", "'").replace("”", "'")
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return f'"{flat}"'
