"""Markdown to safe HTML and to plain text, both from one markdown-it token stream."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from app.ingest.pictures import render_image

# "js-default" is markdown-it's safe preset: raw HTML is escaped rather than passed through,
# and its link validator refuses javascript:, vbscript:, file: and every data: URL except
# gif/png/jpeg/webp images. Book text is untrusted input, so this is the only renderer we use.
_MARKDOWN = MarkdownIt("js-default").enable(["table", "strikethrough"]).use(footnote_plugin)


def _note_caption(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    # A note cited twice shows "[1]" both times, as in print, rather than the plugin's "[1:1]".
    return f"[{tokens[idx].meta['id'] + 1}]"


def _note_item(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    # Notes are numbered through a chapter, but a page lists only the ones it cites, so each item
    # says its own number rather than counting from 1.
    number = tokens[idx].meta["id"] + 1
    return f'<li id="fn{number}" value="{number}" class="footnote-item">'


_MARKDOWN.add_render_rule("footnote_caption", _note_caption)
_MARKDOWN.add_render_rule("footnote_open", _note_item)
_MARKDOWN.add_render_rule("image", render_image)  # pictures embedded as data: URLs (see pictures.py)


def parse(markdown: str) -> tuple[list[Token], dict[str, Any]]:
    """Tokens and the parse environment (reference links and footnotes resolved in it)."""
    env: dict[str, Any] = {}
    return _MARKDOWN.parse(markdown, env), env


def render_tokens(tokens: Sequence[Token], env: dict[str, Any]) -> str:
    return _MARKDOWN.renderer.render(list(tokens), _MARKDOWN.options, env)


def render_markdown(markdown: str) -> str:
    """Render Markdown to HTML that is safe to insert into a widget."""
    tokens, env = parse(markdown)
    return render_tokens(tokens, env)


def plain_text(tokens: Sequence[Token]) -> str:
    """Readable text for the model: one block a paragraph, list items and table rows on their own lines."""
    blocks: list[str] = []
    line: list[str] = []
    prefix: list[str] = []
    note = ""  # "[n] " before the first paragraph of footnote n
    for token in tokens:
        if token.type == "footnote_open":
            note = f"[{token.meta['id'] + 1}] "
        elif token.type == "bullet_list_open":
            prefix.append("- ")
        elif token.type == "ordered_list_open":
            prefix.append("1. ")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            prefix.pop()
        elif token.type == "inline":
            line.append(inline_text(token))
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.rstrip("\n"))
        elif token.type in ("td_close", "th_close"):
            line.append(" | ")
        elif token.type == "hr":
            blocks.append("* * *")
        elif token.type in ("paragraph_close", "heading_close", "tr_close") and line:
            text = "".join(line).rstrip(" |")
            indent = "  " * max(0, len(prefix) - 1)
            marker = prefix[-1] if prefix and token.type == "paragraph_close" else ""
            blocks.append(f"{indent}{marker}{note}{text}")
            line, note = [], ""
    return _join(blocks)


def inline_text(token: Token, *, marks: bool = True) -> str:
    """An inline token's text; `marks=False` leaves out footnote marks, as a chapter title should."""
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
        elif child.type == "footnote_ref" and marks:
            parts.append(f"[{child.meta['id'] + 1}]")
    return "".join(parts)


def _join(blocks: list[str]) -> str:
    # List items stay on consecutive lines; everything else is separated by a blank line.
    out: list[str] = []
    for block in blocks:
        is_item = block.lstrip().startswith(("- ", "1. "))
        if out and not (is_item and out[-1].lstrip().startswith(("- ", "1. "))):
            out.append("\n")
        out.append(block + "\n")
    return "".join(out).strip()
