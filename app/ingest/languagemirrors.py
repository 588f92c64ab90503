"""Sibling folders holding one book in several languages (`docs/en/`, `docs/zh/`): one is read.

A multilingual site keeps each language in a folder of its own, the folders mirroring each other
(`en/lecture01/`, `zh/lecture01/`…). Beside other folders (a `public/`, say) they are not a series
of books, one a language, and read as parts they give the book twice. When two or more
language-named sub-folders share most of their names, one is kept: the language the book's own
README is written in, by its script (a Chinese README keeps `zh`, a Japanese one `ja`), else
English, else the first. The others are left out with a warning saying how to read them.
"""

from __future__ import annotations

import re
from pathlib import Path

from app.ingest.translations import is_language

# Kana first: Japanese is written with Han characters too, and kana are Japanese alone.
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_NOT_PROSE = re.compile(r"\]\([^)]*\)|https?://\S+|<[^>]*>")


def mirrored_languages(folders: list[Path]) -> list[Path]:
    """The language-named folders among `folders` that mirror one another; [] when fewer than two."""
    languages = [folder for folder in folders if is_language(folder.name.lower())]
    if len(languages) < 2:
        return []
    names = {folder: {entry.name for entry in folder.iterdir()} for folder in languages}
    first = languages[0]
    mirrors = [first] + [
        other
        for other in languages[1:]
        if names[other] and len(names[first] & names[other]) * 2 >= len(names[other])
    ]
    return mirrors if len(mirrors) >= 2 else []


def kept(mirrors: list[Path], readme: str | None) -> Path:
    """The language folder to read: the README's language by its script, else English, else the first."""
    wanted = _script_language(readme or "")
    for prefix in (wanted, "en"):
        if prefix is None:
            continue
        for folder in mirrors:
            if folder.name.lower().split("-")[0].split("_")[0] == prefix:
                return folder
    return mirrors[0]


def _script_language(text: str) -> str | None:
    """zh, ja or ko when the text is mostly written in that script, else None (Latin, Cyrillic…)."""
    # Link targets, web addresses and tags are Latin letters in any language's README.
    sample = _NOT_PROSE.sub("", text[:20000])
    letters = sum(1 for char in sample if char.isalpha())
    if not letters:
        return None
    if len(_KANA.findall(sample)) * 10 >= letters:
        return "ja"
    if len(_HANGUL.findall(sample)) * 4 >= letters:
        return "ko"
    if len(_HAN.findall(sample)) * 4 >= letters:
        return "zh"
    return None
