"""MyST directives a reader of the web page never sees anyway: nothing to warn an author about.

`{index}` entries feed the index page a Sphinx build generates; the page itself shows nothing
where they stand (the `{index}` role shows its words, see mystroles.py). `{raw} jupyter`,
`{raw} latex` and the like hold text for another output format (QuantEcon's lectures put their
notebook header in one on every page); the HTML site leaves them out, and so does the reader.
`{raw} html` is the site's own HTML, given to the page as an HTML block, which the sanitiser
reads like any other (an embed's `<script>` goes; a table stays).

Other directives only a build can carry out (`{toctree}`, `{glue}`, `{eval-rst}`…) leave a hole
where the site shows something, so myst.py still warns about those.
"""

from __future__ import annotations

from markdown_it.rules_block import StateBlock

UNSEEN = frozenset({"index"})


def quietly_carried_out(
    state: StateBlock, name: str, argument: str, body: int, close: int, line: int
) -> bool:
    """Whether the directive is one the web page shows nothing of, or raw HTML (then pushed as a block)."""
    if name in UNSEEN:
        return True
    if name != "raw":
        return False
    formats = argument.lower().split()
    if "html" in formats and body < close:
        token = state.push("html_block", "", 0)
        token.content = "".join(state.getLines(body, close, state.blkIndent, True))
        token.map = [line, close]
    return bool(formats)  # a `{raw}` naming no format is an author's slip: still warned about
