"""Translations kept beside a book: which folders and files hold the book again in another language.

folders.py leaves them out of the book (with a warning saying which), so that a repository with
its README in twenty languages reads as one book, not twenty copies of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

_LANGUAGE = re.compile(r"[a-z]{2}(?:[-_][a-zA-Z]{2,4})?")  # `fr`, `zh-cn`, `pt_BR`: ISO 639-1 and a region
_TRANSLATED = re.compile(r"(.+?)[-._]([a-z]{2}(?:[-_][a-zA-Z]{2,4})?)")  # `README-zh-CN`: a stem, a language
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
        found = _TRANSLATED.fullmatch(file.stem)
        if found is not None and is_language(found.group(2)):
            groups.setdefault((found.group(1).lower(), file.suffix.lower()), []).append(
                (file, found.group(2))
            )
    translated: set[Path] = set()
    names_above: set[str] | None = None
    for (stem, suffix), members in groups.items():
        if len(members) < 2:
            continue
        english = any(language.lower().startswith("en") for _, language in members)
        if not english and f"{stem}{suffix}" not in {f.name.lower() for f in files}:
            if names_above is None:
                names_above = {f.name.lower() for f in above()} if folder.parent != folder else set()
            if f"{stem}{suffix}" not in names_above:
                continue
        translated.update(file for file, language in members if not language.lower().startswith("en"))
    return translated
