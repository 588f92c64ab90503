"""MyST Markdown (Jupyter Book, Sphinx), read so that it degrades into something a reader can follow.

MyST writes Sphinx directives as code fences whose info is `{name}` (```` ```{note} ```` or
`:::{note}`) and roles as `` {name}`text` ``. Read as plain CommonMark, a note would show as a code
block and a cross-reference as `{ref}` before some code, so:

- directive fences become what they mean: admonitions are callouts, `{dropdown}` is collapsible,
  `{margin}`, `{sidebar}`, `{card}`… are boxes, `{tab-item}` a labelled section, `{figure}` and
  `{image}` pictures, `{code-cell}` and `{code-block}` code in their language (titled by its
  `:caption:`, as a fenced block's `title="…"` is), `{mermaid}` diagrams their source, `{math}` math;
  `{include}` and `{literalinclude}` are carried out before parsing (see mystincludes.py);
  directives that only a site build can carry out (`{toctree}`, `{glue}`…) are left out, and the
  file's warning names them; any other directive keeps its body, in a plain box.
- roles (`` {ref}`the intro <intro-label>` ``) are read in mystroles.py;
- in a file that uses MyST, `%` comment lines, `(label)=` targets and `+++` cell breaks go.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

from app.ingest.dialects import push_box
from app.ingest.fences import outside_code
from app.ingest.mystattrs import NAME, inline_options
from app.ingest.mystraw import quietly_carried_out
from app.ingest.notebookoptions import shown_code_cell
from app.ingest.passes import hides_chunk, with_title

_CALLOUTS = frozenset(
    {"note", "tip", "hint", "important", "warning", "caution", "attention", "danger", "error", "seealso",
     "todo"}
)  # fmt: skip
_VERSIONS = {"versionadded": "New in version", "versionchanged": "Changed in version",
             "deprecated": "Deprecated since version", "versionremoved": "Removed in version"}  # fmt: skip
_KINDS = {"seealso": "info", "todo": "note", "deprecated": "warning", "versionremoved": "warning"}
_BOXES = frozenset(
    {"margin", "sidebar", "topic", "epigraph", "pull-quote", "highlights", "card", "grid-item-card",
     "rubric", "figure-md", "proof", "theorem", "lemma", "definition", "example", "exercise", "solution", "prf:proof",
     "prf:theorem", "prf:lemma", "prf:definition", "prf:example", "prf:algorithm", "prf:remark"}
)  # fmt: skip
_CODE = frozenset({"code", "code-block", "sourcecode", "code-cell"})
_DIAGRAMS = {"mermaid": "mermaid", "graphviz": "dot"}  # their source is the readable part: shown as code
_PICTURES = frozenset({"figure", "image"})
# Only the site build can carry these out; what they hold is not text for the reader.
LEFT_OUT = frozenset(
    {
        "toctree",
        "tableofcontents",
        "index",
        "glue",
        "glue:figure",
        "glue:math",
        "glue:any",
        "glue:text",
        "bibliography",
        "raw",
        "eval-rst",
        "include",
        "literalinclude",
        "jupyter-execute",
        "contents",
        "plot",
        "bokeh-plot",
        "thebe-button",
        "panels",
        "meta",
    }
)  # fmt: skip  (includes are carried out before parsing: one here came in no file, so had nothing to read)
_TARGET = re.compile(r"\([^()\s]+\)=")
_LANGUAGE = re.compile(r"[\w+#.-]+")
# MyST's other directives that hold Markdown (read as plain boxes); any other name in a backtick
# fence is a chunk of code, as Quarto and R Markdown write them.
_CONTAINERS = frozenset(
    {"tab-set", "grid", "grid-item", "div", "container", "only", "list-table", "table", "csv-table",
     "glossary", "centered", "hlist", "card-carousel", "article-info", "button-link", "button-ref"}
)  # fmt: skip
_KNOWN = (
    _CALLOUTS | _BOXES | _CODE | _PICTURES | _CONTAINERS | frozenset(_VERSIONS) | frozenset(_DIAGRAMS)
    | {"admonition", "dropdown", "tab-item", "math"}
)  # fmt: skip
_ROLE_HINT = re.compile(r"\{[A-Za-z][\w:-]*\}`")
_FENCE_HINT = re.compile(r"(```|:::)\{([A-Za-z][\w:-]*)[ \t}]")  # `{tip icon=false}` too
_TARGET_LINE = re.compile(r"^\([^()\s]+\)=[ \t]*$", re.MULTILINE)


def myst_plugin(md: MarkdownIt) -> None:
    """Claim ```` ```{name} ```` and `:::{name}` fences before the fence rule reads them as code."""
    md.block.ruler.before("fence", "myst_directive", _directive, {"alt": ["paragraph", "blockquote"]})


def holds_code(marker: str, name: str) -> bool:
    """Whether the body of a `{name}` fence opened with `marker` is code or a build's input, not Markdown."""
    name = name.lower()
    if name in _CODE or name in _DIAGRAMS or name in LEFT_OUT or name == "math":
        return True
    return marker != ":" and name not in _KNOWN  # a Quarto or R Markdown chunk, ```{r}


def uses_myst(text: str) -> bool:
    """Whether a file is written in MyST: only then is a line starting `%` a comment, not prose."""
    # Substring tests first: this runs on every file of every book, and few are MyST.
    return (
        (("```{" in text or ":::{" in text) and _has_directive(text))
        or ("}`" in text and _has_role(text))
        or (")=" in text and _TARGET_LINE.search(text) is not None)
    )


def _has_directive(text: str) -> bool:
    # ```{r} is R Markdown's and Quarto's code, not a MyST directive: it makes no file MyST.
    return any(
        m.group(1) == ":::" or m.group(2).lower() in _KNOWN or m.group(2).lower() in LEFT_OUT
        for m in _FENCE_HINT.finditer(text)
    )


def _has_role(text: str) -> bool:
    # A role starts a word: `{integer}` in a compiler message, or /items/{id}`, is not one.
    return any(m.start() == 0 or text[m.start() - 1] in " \t\n([\"'" for m in _ROLE_HINT.finditer(text))


def blank_myst_lines(text: str) -> str:
    """A MyST file's `%` comments, `(label)=` targets and `+++` cell breaks, blanked outside code.

    Blank rather than removed, so that every other line keeps its number for warnings.
    """
    lines = text.splitlines(keepends=True)
    label = ""  # a target waiting for the heading it names (a code block between them ends the wait)
    for number, line in outside_code(lines, with_fences=True):
        stripped = line.strip()
        if _TARGET.fullmatch(stripped):
            lines[number], label = "\n", stripped[1:-2]
            continue
        if stripped.startswith(("%", "+++ {")) or stripped == "+++":
            lines[number] = "\n"
            continue
        if label and stripped.startswith("#"):
            # The heading takes the label as its id, as `## Title {#label}` gives one: links can land there.
            lines[number] = line.rstrip("\n") + f" {{#{label}}}\n"
        if stripped:
            label = ""
    return "".join(lines)


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _directive(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    # Called at the start of every line of every paragraph: the cheapest test goes first.
    start = state.bMarks[start_line] + state.tShift[start_line]
    marker = state.src[start : start + 1]
    if marker not in ("`", ":", "~") or state.sCount[start_line] - state.blkIndent >= 4:
        return False
    text = _line(state, start_line)
    run = len(text) - len(text.lstrip(marker))
    if run < 3:
        return False
    info = text[run:].strip()
    found = NAME.fullmatch(info)
    inline = inline_options(found.group(2) or "") if found else None  # `{tip icon=false}`: mystattrs.py
    found = found if inline is not None else None
    # In a MyST file, a colon fence whose info is no `{directive}` is code, as a backtick fence is.
    as_code = (
        found is None
        and marker == ":"
        and bool(state.env.get("myst"))
        and _LANGUAGE.fullmatch(info) is not None
    )
    if found is None and not as_code:
        return False
    if silent:
        return True
    name, argument = (found.group(1).lower(), found.group(3).strip()) if found else ("code", info)
    fence = marker * run
    close = start_line + 1
    while close < end_line:
        line = _line(state, close)
        if (
            line.startswith(fence)
            and not line.lstrip(marker).strip()
            and state.sCount[close] - state.blkIndent < 4
        ):
            break
        close += 1
    body, options = _options(state, start_line + 1, close)
    options = {**(inline or {}), **options}
    after = min(close + 1, end_line)
    if name in LEFT_OUT and quietly_carried_out(state, name, argument, body, close, start_line):
        pass  # `{index}`, `{raw} jupyter`: nothing a web page shows (mystraw.py)
    elif name in LEFT_OUT:
        state.env.setdefault("myst_left_out", set()).add(name)
    elif marker != ":" and name not in _KNOWN:
        # Not MyST's: a Quarto or R Markdown chunk (```{r}, ```{python}), code in that language, its
        # `#|` option lines hidden as those tools hide them, and the chunk too when they hide it.
        code, shown = _chunk(state, body, close)
        if shown:
            _push_code(state, name, {}, code, close, start_line)
    elif name == "code-cell" and shown_code_cell(options, _text(state, body, close)) is None:
        pass  # `:tags: [remove-cell]`: hidden, as Jupyter Book hides it (notebookoptions.py)
    elif name in _CODE or name in _DIAGRAMS:
        _push_code(state, _DIAGRAMS.get(name, argument), options, body, close, start_line)
        if name == "code-cell":  # its `#| label: …` option lines are settings, not code
            state.tokens[-1].content = shown_code_cell(options, state.tokens[-1].content) or ""
    elif name == "math":
        math = state.push("math_block", "math", 0)
        math.block, math.content, math.map = True, _text(state, body, close), [start_line, after]
    elif name in _PICTURES:
        _push_picture(state, argument, options, body, close, start_line)
    else:
        kind, title, collapsible = _box(name, argument, options)
        old_max = state.lineMax
        state.lineMax = close
        push_box(state, kind, title, start_line, close, state.blkIndent, body, collapsible=collapsible)
        state.lineMax = old_max
    state.line = after
    return True


def _chunk(state: StateBlock, line: int, end: int) -> tuple[int, bool]:
    """Where a chunk's code starts, past its `#| key: value` options, and whether a reader sees it."""
    shown = True
    while line < end and _line(state, line).startswith("#|"):
        shown = shown and not hides_chunk(_line(state, line))
        line += 1
    return line, shown


def _options(state: StateBlock, line: int, end: int) -> tuple[int, dict[str, str]]:
    """Skip a directive's options (`:key: value` lines, or a `---` YAML block) and return them."""
    options: dict[str, str] = {}
    if line < end and _line(state, line).strip() == "---":
        closing = line + 1
        while closing < end and _line(state, closing).strip() != "---":
            closing += 1
        if closing < end:
            for inner in range(line + 1, closing):
                key, _, value = _line(state, inner).partition(":")
                options[key.strip().lower()] = value.strip()
            return closing + 1, options
    while line < end:
        option = re.match(r":([\w-]+):[ \t]*(.*)", _line(state, line))
        if option is None:
            break
        options[option.group(1).lower()] = option.group(2).strip()
        line += 1
    return line, options


def _text(state: StateBlock, line: int, end: int) -> str:
    return "".join(state.getLines(line, end, state.blkIndent, True)) if line < end else ""


def _box(name: str, argument: str, options: dict[str, str]) -> tuple[str, str, bool]:
    """The callout kind, title and collapsibility a box directive reads as."""
    classes = options.get("class", "").split()
    if name == "dropdown":
        return "box", argument, True
    if name == "tab-item":
        return "tab", argument, False
    if name == "admonition":  # a titled callout whose kind, if any, is its first class
        return (classes[0] if classes else "note"), argument, "dropdown" in classes
    if name in _VERSIONS:
        return _KINDS.get(name, "note"), f"{_VERSIONS[name]} {argument}".strip(), False
    if name in _CALLOUTS:
        # Sphinx's admonitions take no title: words on the directive's line are its first words,
        # which read well enough as a title here.
        default = "See also" if name == "seealso" else name.capitalize()
        return _KINDS.get(name, name), argument or default, "dropdown" in classes
    if name in _BOXES:
        return "box", argument or (name[4:].capitalize() if name.startswith("prf:") else ""), False
    return "box", "", False


def _push_code(
    state: StateBlock, argument: str, options: dict[str, str], body: int, close: int, line: int
) -> None:
    token = state.push("fence", "code", 0)
    language = argument.split()[0] if argument else options.get("language", "")
    caption = options.get("caption", "")  # a title over the code, as a fence's `title="…"` is
    token.info = with_title(language, caption) if caption else language
    token.content = _text(state, body, close)
    token.markup = "```"
    token.map = [line, close]


def _push_picture(
    state: StateBlock, argument: str, options: dict[str, str], body: int, close: int, line: int
) -> None:
    """`{figure} path` with its caption: the picture exactly as `![alt](path)` would be, then the caption."""
    source = state.md.normalizeLink(argument.strip())
    caption = _text(state, body, close).strip()
    alt = options.get("alt") or caption.split("\n\n")[0].replace("\n", " ")
    if source and state.md.validateLink(source):
        # The image token itself, not `![alt](path)` to parse: no alt text can break out of it.
        image = Token("image", "img", 0, attrs={"src": source, "alt": ""}, content=alt)
        image.children = [Token("text", "", 0, content=alt)]
        state.push("paragraph_open", "p", 1).map = [line, line + 1]
        inline = state.push("inline", "", 0)
        inline.content, inline.map, inline.children = "", [line, line + 1], [image]
        state.push("paragraph_close", "p", -1)
    if caption and body < close:
        old_max = state.lineMax
        state.lineMax = close
        state.md.block.tokenize(state, body, close)
        state.lineMax = old_max
