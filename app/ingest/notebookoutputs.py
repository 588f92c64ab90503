"""What a notebook's code cell printed, shown as a reader of the notebook sees it.

A code cell keeps its outputs in the notebook, each one of:
- a stream (`stdout` or `stderr`): text as a terminal got it, so it may hold colour codes
  (`\\x1b[0;31m`, which IPython's debugger and many libraries print) and carriage returns (a
  progress bar redraws its line with `\\r` a hundred times; a terminal, and Jupyter, show the last);
- a result or a display: the same thing in several formats (`image/png`, `text/html`,
  `text/plain`…), of which one is shown, the first in Jupyter Book's order a reader can be given;
- an error: the traceback IPython printed, one coloured string per frame. A chapter about errors
  shows them on purpose ("here is what happens when…"), and Jupyter Book shows them, so they stay,
  as plain text.

Colour codes are dropped (the text they coloured stays) and carriage returns resolved, so the
reader sees the text the notebook shows, not `[0;31m` litter or a hundred copies of a progress
bar. A widget (`application/vnd.jupyter.widget-view+json`) needs a running kernel to draw, and
its plain-text stand-in (`interactive(children=(Dropdown(…` ) means nothing to a reader, so it is
left out, as Jupyter Book leaves it out when no widget state was saved. Scripts and other
formats are left out too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

PICTURES = ("image/png", "image/jpeg")
_WIDGET = "application/vnd.jupyter.widget-view+json"
# An ANSI escape sequence: colours and styles (`ESC[0;31m`), cursor moves and clears (`ESC[2K`),
# and the rarer two-character escapes; the text between them is what a reader should see.
_TERMINAL_CODE = re.compile(r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")

_TABLE_SPACE = re.compile(
    r"(</?(?:table|thead|tbody|tfoot|tr|th|td|caption|colgroup|col)\b[^<>]*>)\s+(?=<)", re.IGNORECASE
)
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")

Fenced = Callable[[str, str], str]


def output_blocks(output: dict[str, Any], fenced: Fenced) -> list[str]:
    """One output of a code cell as Markdown blocks; [] when a reader would see nothing of it."""
    kind = output.get("output_type")
    if kind == "stream":
        text = terminal_text(_text(output.get("text")))
        return [fenced(text, "text")] if text.strip() else []
    if kind == "error":
        return _error(output, fenced)
    if kind not in ("execute_result", "display_data"):
        return []
    data: dict[str, Any] = output["data"] if isinstance(output.get("data"), dict) else {}
    if _WIDGET in data:
        return []
    for mime in PICTURES:
        picture = data.get(mime)
        if isinstance(picture, str | list):
            encoded = "".join(_text(picture).split())
            if encoded.replace("+", "").replace("/", "").replace("=", "").isalnum():
                return [f"![output](data:{mime};base64,{encoded})"]
    if isinstance(data.get("text/markdown"), str | list):
        return [_text(data["text/markdown"])]
    if isinstance(data.get("text/html"), str | list):
        # A blank line on each side keeps it one HTML block; the sanitiser decides what of it shows.
        return ["<div>\n\n" + one_block(_text(data["text/html"])) + "\n\n</div>"]
    if isinstance(data.get("text/latex"), str | list) and (math := _display_math(_text(data["text/latex"]))):
        return [math]  # SymPy's results, IPython's Latex(): their plain text reads `<…Latex object>`
    if isinstance(data.get("text/plain"), str | list):
        text = terminal_text(_text(data["text/plain"]))
        return [fenced(text, "text")] if text.strip() else []
    return []


def one_block(html: str) -> str:
    """An HTML output as one Markdown HTML block: its `<style>` and `<script>` elements gone (pandas
    styles every table it returns with one, and the sanitiser would drop them), and no blank line
    left in it, since a blank line ends an HTML block and the rest (`    .dataframe th {`, indented)
    would read as code, and the table after it as loose words."""
    for tag in ("style", "script"):
        html = _without_element(html, tag)
    # The indenting between a table's tags (pandas writes one cell a line) is no text: gone, so
    # that a row reads as one line of cells to the model, as `stone | kg` (see rawhtml.html_text).
    html = _TABLE_SPACE.sub(r"\1", html)
    return _BLANK_LINES.sub("\n", html.strip())


def _without_element(html: str, tag: str) -> str:
    lowered = html.lower()
    if f"<{tag}" not in lowered:
        return html
    kept: list[str] = []
    done = 0
    while (start := lowered.find(f"<{tag}", done)) >= 0:
        end = lowered.find(f"</{tag}", start)
        close = lowered.find(">", end) if end >= 0 else -1
        kept.append(html[done:start])
        if close < 0:
            return "".join(kept)  # never closed: the rest is its content, as a browser reads it
        done = close + 1
    kept.append(html[done:])
    return "".join(kept)


def _display_math(latex: str) -> str:
    """`$$ a = b + c $$` or `$\\displaystyle x^{2}$` as a display math block, or "" when it is no math."""
    body = latex.strip()
    for mark in ("$$", "$", "\\[", "\\("):
        closing = {"\\[": "\\]", "\\(": "\\)"}.get(mark, mark)
        if len(body) > 2 * len(mark) and body.startswith(mark) and body.endswith(closing):
            body = body[len(mark) : -len(closing)].strip()
            break
    else:
        return ""  # LaTeX that is not math (a table, a document): only its plain text can be shown
    body = body.removeprefix("\\displaystyle").strip()
    body = "\n".join(line for line in body.split("\n") if line.strip())  # a blank line would end the block
    return f"$$\n{body}\n$$" if body and "$$" not in body else ""


def _error(output: dict[str, Any], fenced: Fenced) -> list[str]:
    """The traceback as IPython printed it, less its colours; its name and message when it has none."""
    frames = output.get("traceback")
    lines = [frame for frame in frames if isinstance(frame, str)] if isinstance(frames, list) else []
    text = terminal_text("\n".join(lines))
    if not text.strip():
        name, value = output.get("ename"), output.get("evalue")
        name = name if isinstance(name, str) else ""
        value = value if isinstance(value, str) else ""
        text = f"{name}: {value}" if name and value else name or value
    return [fenced(text, "text")] if text.strip() else []


def terminal_text(text: str) -> str:
    """Text as a terminal shows it: colour codes gone, each line what its last carriage return left."""
    if "\x1b" in text:
        text = _TERMINAL_CODE.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        # A `\r` sends the cursor back to the line's start and what follows is written over it;
        # progress bars redraw themselves this way, and the last drawing is the one left on screen.
        text = "\n".join(_overwritten(line) for line in text.split("\n"))
    if "\x08" in text:  # a backspace takes back the character before it on its line (spinners)
        text = _backspaced(text)
    return text


def _backspaced(text: str) -> str:
    kept: list[str] = []
    for character in text:  # one pass, so that a million backspaces cost no more than a million letters
        if character != "\x08":
            kept.append(character)
        elif kept and kept[-1] != "\n":
            kept.pop()
    return "".join(kept)


def _overwritten(line: str) -> str:
    if "\r" not in line:
        return line
    # Read from the last drawing back: each earlier one shows only where it is longer than all
    # those after it. One pass, however many times a line was redrawn.
    shown: list[str] = []
    covered = 0
    for piece in reversed(line.split("\r")):
        if len(piece) > covered:
            shown.append(piece[covered:])
            covered = len(piece)
    return "".join(shown)


def _text(value: Any) -> str:
    """A notebook's text: a string, or a list of lines each with its own line end."""
    if isinstance(value, list):
        return "".join(part for part in value if isinstance(part, str))
    return value if isinstance(value, str) else ""
