"""Translations kept beside a book: which folders and files hold the book again in another language.

folders.py leaves them out of the book (with a warning saying which), so that a repository with
its README in twenty languages reads as one book, not twenty copies of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

_LANGUAGE = re.compile(r"[a-z]{2}(?:[-_][a-zA-Z]{2,4})?")  # `fr`, `zh-cn`, `pt_BR`: ISO 639-1 and a region
# `README-zh-CN`, `README_EN`, `HOWTO-fil`: a stem, and a language (case aside, as repositories write it)
_TRANSLATED = re.compile(r"(.+?)[-._]([a-zA-Z]{2,3}(?:[-_][a-zA-Z]{2,4})?)")
# Three-letter (ISO 639-2/3) codes that repositories name translations with, for languages with no
# two-letter code. Only these: `guide-new.md` or `notes-old.md` are no translations.
_THREE_LETTER = frozenset(
    {"fil", "yue", "ast", "ckb", "haw", "kab", "nds", "sco", "tok", "fur", "szl", "hyw"}
)
# Folders that hold a book's translations (and notes on making them), by the names projects give them.
TRANSLATION_FOLDERS = frozenset({"translations", "translation", "i18n", "l10n", "locales"})


def is_language(name: str) -> bool:
    """Whether a folder's name is a language's: `fr`, `zh-cn`, `pt_BR` (ISO 639-1, and a region)."""
    return _LANGUAGE.fullmatch(name) is not None


def translated_files(folder: Path, files: list[Path], above: Callable[[], list[Path]]) -> set[Path]:
    """Files that translate another: `README-fr.md`, `README.zh-CN.md`, `guide_de.md`…

    Repositories keep a README's translations beside it (or in a `translations/` folder beside it),
    one file a language. Read as chapters, they repeat the book in every language. A name counts
    only in a group of two or more languages with one stem, and only when the original is known: the
    stem's own file (here or among `above()`, the folder above's files) or its English (`-en`) one,
    which is kept. So a lone `setup-go.md` is a chapter, and so is every file of a book written only
    in translations.
    """
    groups: dict[tuple[str, str], list[tuple[Path, str]]] = {}
    for file in files:
        found = language_suffix(file.stem)
        if found is not None:
            groups.setdefault((found[0].lower(), file.suffix.lower()), []).append((file, found[1]))
    translated: set[Path] = set()
    names_above: set[str] | None = None
    here = {f.name.lower() for f in files}
    for (stem, suffix), members in groups.items():
        original_here = f"{stem}{suffix}" in here
        # A README's one translation beside it (`README-zh-Hans.md`, `README_EN.md`) is one too: a
        # README's name with a language's after it is nothing else.
        if len(members) < 2 and not (stem == "readme" and original_here):
            continue
        english = any(language.startswith("en") for _, language in members)
        if not english and not original_here:
            if names_above is None:
                names_above = {f.name.lower() for f in above()} if folder.parent != folder else set()
            if f"{stem}{suffix}" not in names_above:
                continue
        # The English one is the original only when the stem has no file of its own here.
        translated.update(
            file for file, language in members if original_here or not language.startswith("en")
        )
    return translated


def language_suffix(stem: str) -> tuple[str, str] | None:
    """A file name's stem and the language it ends with, lower-cased: `README_EN` -> ("README", "en")."""
    found = _TRANSLATED.fullmatch(stem)
    if found is None:
        return None
    language = found.group(2).lower()
    if len(re.split(r"[-_]", language)[0]) == 3 and language[:3] not in _THREE_LETTER:
        return None
    return (found.group(1), language) if is_language(language) or language[:3] in _THREE_LETTER else None
