"""YAML front matter: the optional `---` block at the top of a Markdown file."""

from __future__ import annotations

import re

import yaml

from app.errors import ImportProblem

_BLOCK = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
KNOWN_KEYS = ("title", "author", "language", "description", "slug")


def split_front_matter(path: str, text: str) -> tuple[dict[str, str], str]:
    """The front matter's known keys as strings, and the Markdown after it (blank lines kept for line numbers)."""
    match = _BLOCK.match(text)
    if match is None:
        return {}, text
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # +1 for the opening ---, +1 as lines count from 1
        problem = getattr(error, "problem", None) or "it is not valid YAML"
        raise ImportProblem(
            path,
            f"the front matter is not valid YAML ({problem}). Fix it between the --- lines, or remove it.",
            line=line,
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ImportProblem(
            path,
            "the front matter must be `key: value` lines (title, author, language, description).",
            line=2,
        )
    metadata = {key: str(data[key]).strip() for key in KNOWN_KEYS if data.get(key) not in (None, "")}
    # Keep the front matter's lines as blank lines so that later line numbers still match the file.
    return metadata, "\n" * match.group(0).count("\n") + text[match.end() :]
