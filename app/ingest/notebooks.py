"""Jupyter notebooks (`.ipynb`) read as the Markdown a reader would see of them: text, code and outputs.

A notebook is JSON: a list of cells. A Markdown cell is Markdown already; a code cell becomes a
fenced block in the notebook's language, followed by what it printed (as text), the pictures it
drew (PNG and JPEG, embedded under the same caps as any picture), the tables it returned (its
HTML, which the sanitiser reads like any book's HTML) and the errors it raised: see
notebookoutputs.py. Scripts and widgets need a running kernel and are left out. Cells tagged `remove-cell`, `remove-input` or `remove-output`, as Jupyter Book
tags them, lose what the tag names. Everything after this is ingest as usual.
"""

from __future__ import annotations

import json
import re
from typing import Any

from app.errors import ImportProblem
from app.ingest.notebookmath import display_math_blocks
from app.ingest.notebookoptions import cell_options
from app.ingest.notebookoutputs import PICTURES, output_blocks

NOTEBOOK_SUFFIX = ".ipynb"
_BACKTICKS = re.compile(r"`{3,}")


def is_notebook(name: str) -> bool:
    return name.lower().endswith(NOTEBOOK_SUFFIX)


def notebook_markdown(path: str, text: str) -> str:
    """The notebook's cells as one Markdown text; an ImportProblem if it is not a notebook."""
    try:
        notebook = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportProblem(
            path,
            f"is not a Jupyter notebook: its JSON breaks at line {error.lineno} ({error.msg}).",
            line=error.lineno,
        ) from None
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        raise ImportProblem(path, "is not a Jupyter notebook (version 4 or later): it has no list of cells.")
    language = _language(notebook.get("metadata"))
    return "\n\n".join(block for cell in cells if isinstance(cell, dict) for block in _cell(cell, language))


def _language(metadata: Any) -> str:
    metadata = metadata if isinstance(metadata, dict) else {}
    for key in ("kernelspec", "language_info"):
        table = metadata.get(key)
        name = table.get("language") or table.get("name") if isinstance(table, dict) else None
        if isinstance(name, str) and name.replace("+", "").replace("-", "").isalnum():
            return name.lower()
    return "python"


def _cell(cell: dict[str, Any], language: str) -> list[str]:
    tags = (cell.get("metadata") or {}).get("tags") if isinstance(cell.get("metadata"), dict) else None
    tags = set(tags) if isinstance(tags, list) else set()
    source = _text(cell.get("source"))
    kind = cell.get("cell_type")
    if kind == "code":
        source, options = cell_options(source)  # Quarto's and mystmd's `#| echo: false` lines
        tags |= options
    if "remove-cell" in tags:
        return []
    if kind == "markdown":
        return (
            [display_math_blocks(_with_attachments(source, cell.get("attachments")))]
            if source.strip()
            else []
        )
    if kind != "code":
        return []  # raw cells are for other formats (LaTeX, reST); a reader never sees them
    blocks = [] if "remove-input" in tags or not source.strip() else [_fenced(source, language)]
    if "remove-output" not in tags:
        for output in cell.get("outputs") or []:
            if isinstance(output, dict):
                blocks += output_blocks(output, _fenced)
    return blocks


def _with_attachments(source: str, attachments: Any) -> str:
    """`![](attachment:plot.png)`: a picture pasted into the cell, stored in the notebook itself."""
    if "attachment:" not in source or not isinstance(attachments, dict):
        return source
    for name, files in attachments.items():
        if not isinstance(files, dict):
            continue
        for mime in PICTURES:
            if isinstance(files.get(mime), str | list):
                encoded = "".join(_text(files[mime]).split())
                source = source.replace(f"attachment:{name}", f"data:{mime};base64,{encoded}")
                break
    return source


def _fenced(code: str, language: str) -> str:
    # Longer than any run of backticks in the code, so that nothing in it can close the fence.
    fence = "`" * max([3, *(len(run) + 1 for run in _BACKTICKS.findall(code))])
    return f"{fence}{language}\n{code.rstrip()}\n{fence}"


def _text(value: Any) -> str:
    """A notebook's text: a string, or a list of lines each with its own line end."""
    if isinstance(value, list):
        return "".join(part for part in value if isinstance(part, str))
    return value if isinstance(value, str) else ""
