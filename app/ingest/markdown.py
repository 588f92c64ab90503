"""The one Markdown parser ingest uses, and parse(): a file's text into tokens, ready to cut and render.

Raw HTML is parsed (`html: True`) rather than escaped, because real books are full of it
(`<img>`, `<details>`, `<kbd>`, comments): escaping it made them unreadable. Nothing the parser
produces reaches a reader unchecked, though. Every page is rendered by render.py and then passed
through an allowlist sanitiser (sanitize.py), which is the security boundary.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin

from app.ingest.containers import containers_plugin
from app.ingest.dialects import callouts, dialects_plugin
from app.ingest.guard import tame
from app.ingest.passes import (
    drop_hidden_inline,
    drop_site_decoration,
    drop_template_tags,
    heading_attributes,
    hide_rust_lines,
)

PARSER = (
    MarkdownIt("commonmark", {"html": True, "alerts": True})
    .enable(["table", "strikethrough"])
    .use(footnote_plugin)
    .use(admon_plugin)
    .use(dialects_plugin)
    .use(containers_plugin)
    .use(deflist_plugin)
    # `$x^2$` stays readable as written; digits and spaces next to a `$` mean money, not math.
    .use(dollarmath_plugin, allow_space=False, allow_digits=False, allow_labels=False)
)


@dataclass(frozen=True, slots=True)
class Parsed:
    """One file's tokens, with the environment its reference links were resolved in."""

    tokens: list[Token]
    env: dict[str, Any]
    template_tags: bool  # whether Liquid/Jinja tags were dropped, which the import warns about once
    shortened: list[int]  # lines whose pathological runs of markup were cut (see guard.py)


def parse(text: str) -> Parsed:
    env: dict[str, Any] = {}
    text, shortened = tame(text)
    tokens = PARSER.parse(text, env)
    callouts(tokens)
    heading_attributes(tokens)
    drop_hidden_inline(tokens)
    hide_rust_lines(tokens)
    tags = drop_template_tags(tokens)
    drop_site_decoration(tokens)
    return Parsed(tokens, env, tags, shortened)
