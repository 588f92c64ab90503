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

from app.ingest.admontitles import admonition_titles
from app.ingest.badges import drop_badge_rows
from app.ingest.containers import containers_plugin
from app.ingest.dialects import callouts, dialects_plugin
from app.ingest.ditto import page_links
from app.ingest.docsifymarks import docsify_marks
from app.ingest.gemoji import show_emoji
from app.ingest.guard import tame
from app.ingest.jsx import jsx_plugin
from app.ingest.mdinhtml import markdown_in_html
from app.ingest.myst import blank_myst_lines, myst_plugin, uses_myst
from app.ingest.mystroles import keep_role_text
from app.ingest.obsidianmarks import blank_comment_blocks, mark_plugin, obsidian_marks
from app.ingest.passes import (
    cross_references,
    drop_hidden_inline,
    drop_site_decoration,
    drop_terminal_colours,
    heading_attributes,
    hide_rust_lines,
    knitr_chunks,
    mintlify_code_titles,
    task_boxes,
)
from app.ingest.retypeblocks import retype_plugin
from app.ingest.retypemarks import retype_code_titles, retype_marks
from app.ingest.rules import take_rules
from app.ingest.shortcodes import code_shortcodes, shortcode_boxes, whole_shortcodes
from app.ingest.tags import drop_template_tags
from app.ingest.xrefs import xref_text


def _parser() -> MarkdownIt:
    return (
        MarkdownIt("commonmark", {"html": True, "alerts": True})
        .enable(["table", "strikethrough"])
        .use(footnote_plugin)
        .use(admon_plugin)
        .use(dialects_plugin)
        .use(myst_plugin)  # before the containers: `:::{note}` is MyST's, `::: note` VitePress's
        .use(containers_plugin)
        .use(deflist_plugin)
        .use(mark_plugin)
        # `$x^2$` stays readable as written; digits and spaces next to a `$` mean money, not math.
        # `$$x$$` in a sentence is math too (Jupyter and MyST's `dmath_double_inline` read it so), not `$` `$x$` `$`.
        .use(dollarmath_plugin, allow_space=False, allow_digits=False, allow_labels=False, double_inline=True)
    )


PARSER = _parser()
# MDX reads indentation as layout, never as code (components nest their Markdown, indented), and
# its components as blocks (see jsx.py).
MDX_PARSER = _parser().disable("code").use(jsx_plugin)
# Retype's callouts, tabs and panels clash with other dialects' markers (see retypeblocks.py).
RETYPE_PARSER = _parser().use(retype_plugin)


@dataclass(frozen=True, slots=True)
class Parsed:
    """One file's tokens, with the environment its reference links were resolved in."""

    tokens: list[Token]
    env: dict[str, Any]
    template_tags: bool  # whether Liquid/Jinja tags or Hugo shortcodes were dropped: the import warns once
    shortened: list[int]  # lines whose pathological runs of markup were cut (see guard.py)
    left_out: frozenset[str] = frozenset()  # MyST directives only a site build carries out (see myst.py)


def parse(text: str, *, mdx: bool = False, dialect: str = "") -> Parsed:
    """`mdx`: the text is an .mdx file's, its ESM already taken out (see mdx.py). `dialect`: the site
    generator the book is written for, where its reading differs from everyone's ("docsify")."""
    text, shortened = tame(text)
    # Before anything that counts lines: it may add blank lines (rules.py's lines must match parse's).
    text = markdown_in_html(text)
    myst = uses_myst(text)
    env: dict[str, Any] = {"myst": myst}
    text, rules = take_rules(text)
    if rules:
        env["rules"] = rules
    if myst:
        text = blank_myst_lines(text)
    text = blank_comment_blocks(text)
    parser = MDX_PARSER if mdx else RETYPE_PARSER if dialect == "retype" else PARSER
    tokens = parser.parse(code_shortcodes(whole_shortcodes(text)), env)
    env.pop("jsx_lines", None)
    admonition_titles(tokens)  # before callouts(), which renames the admonition tokens
    callouts(tokens)
    obsidian_marks(tokens, text, titled=dialect != "docsify")
    docsify_marks(tokens, text)
    shortcode_boxes(tokens)
    if myst:
        keep_role_text(tokens)
    heading_attributes(tokens)
    cross_references(tokens)
    if "xref:" in text or dialect == "docfx":
        xref_text(tokens, at_uids=dialect == "docfx")
    drop_hidden_inline(tokens)
    hide_rust_lines(tokens)
    knitr_chunks(tokens)
    if "[ ]" in text or "[x]" in text or "[X]" in text:
        task_boxes(tokens)
    drop_terminal_colours(tokens)
    if dialect == "mintlify":
        mintlify_code_titles(tokens)
    if "[!" in text or dialect == "retype":
        retype_marks(tokens, icons=dialect == "retype")
    if dialect == "retype":
        retype_code_titles(tokens)
    tags = drop_template_tags(tokens, expressions=mdx)
    drop_site_decoration(tokens)
    if dialect == "ditto":
        page_links(tokens)
    if "![" in text or "<img" in text:
        drop_badge_rows(tokens)
    if ":" in text:
        show_emoji(tokens)
    return Parsed(tokens, env, tags, shortened, frozenset(env.pop("myst_left_out", ())))
