"""Retype's block components, read as the callouts and labelled sections every dialect shares (dialects.py).

- `!!!` … `!!!` is a callout; `!!!warning Title` names its variant and title, `!!! Title` only its
  title. Retype's variants become the nearest callout kind (primary, secondary, light, dark and
  contrast are plain notes).
- `+++ Title` opens a tab, the next `+++ Title` the one beside it, and a bare `+++` ends them.
- `==- Title` … `===` is a panel a reader opens (`==+` one shown open): a foldable box.

A closing line inside a code fence closes nothing. These are Retype's alone, and clash with
others (`!!! note` is mkdocs' admonition, `+++` Hugo's TOML front matter), so only the Retype
parser has them (see markdown.parse()).
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from app.ingest.dialects import push_box

_KINDS = {"primary": "note", "secondary": "note", "light": "note", "dark": "note", "contrast": "note",
          "success": "success", "danger": "danger", "warning": "warning", "info": "info",
          "question": "question", "tip": "tip"}  # fmt: skip


def retype_plugin(md: MarkdownIt) -> None:
    """Before mkdocs' admonitions and fences, so `!!!warning` is Retype's callout."""
    md.block.ruler.before(
        "admonition", "retype_callout", _callout, {"alt": ["paragraph", "blockquote", "list"]}
    )
    md.block.ruler.before("admonition", "retype_tab", _tab, {"alt": ["paragraph", "blockquote", "list"]})
    md.block.ruler.before("admonition", "retype_panel", _panel, {"alt": ["paragraph", "blockquote", "list"]})


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]].rstrip()


def _closing(
    state: StateBlock, start: int, end: int, closes: tuple[str, ...], *, prefix: bool = False
) -> int:
    """The first line after `start` (at the opener's indent, outside code fences) that is one of
    `closes`, or starts with one when `prefix`; `end` if none is."""
    fence = ""
    for line in range(start + 1, end):
        if state.sCount[line] - state.blkIndent >= 4:
            continue
        text = _line(state, line)
        if fence:
            if text.startswith(fence) and not text[len(fence) :].strip(fence[0]).strip():
                fence = ""
        elif text.startswith(("```", "~~~")):
            fence = text[: len(text) - len(text.lstrip(text[0]))]
        elif text in closes or (prefix and text.startswith(closes)):
            return line
    return end


def _body(state: StateBlock, kind: str, title: str, start: int, close: int, end: int, **box: bool) -> None:
    old_max = state.lineMax
    state.lineMax = close
    push_box(state, kind, title, start, close, state.blkIndent, start + 1, **box)
    state.lineMax = old_max


def _callout(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    text = _line(state, start)
    if not text.startswith("!!!"):
        return False
    marks = len(text) - len(text.lstrip("!"))
    rest = text[marks:]
    variant, _, title = rest.partition(" ") if rest[:1] not in (" ", "") else ("", "", rest)
    if variant and variant.lower() not in _KINDS:
        return False  # not Retype's: `!!!oops` is prose
    if silent:
        return True
    close = _closing(state, start, end, ("!" * marks,))
    _body(state, _KINDS.get(variant.lower(), "note"), title.strip(), start, close, end)
    state.line = min(close + 1, end)
    return True


def _tab(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    text = _line(state, start)
    if not text.startswith("+++ ") or not text[4:].strip():
        return False
    if silent:
        return True
    close = _closing(state, start, end, ("+++",), prefix=True)
    _body(state, "tab", text[4:].strip(), start, close, end)
    # The next tab's own line opens it; a bare `+++` ends the set.
    state.line = close + 1 if close < end and _line(state, close) == "+++" else close
    return True


def _panel(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    text = _line(state, start)
    if not text.startswith(("==-", "==+")) or text[3:4] != " " or not text[4:].strip():
        return False
    if silent:
        return True
    close = _closing(state, start, end, ("===", "==-", "==+"))
    _body(state, "box", text[4:].strip(), start, close, end, collapsible=True, opened=text[2] == "+")
    state.line = min(close + 1, end)
    return True
