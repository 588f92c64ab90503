"""Rows of status badges (build passing, licence, stars, "awesome"), which READMEs open with.

A badge is a small picture a service draws from a repository's state (img.shields.io, a CI's
`badge.svg`): on GitHub a row of coloured labels, in a book a row of picture links reading
"🖼 build", "🖼 License: MIT", "🖼 stars" before the first words, which say nothing to a reader.
A paragraph (or a raw HTML block) at the top level that holds only such pictures, with the links
around them and the spaces between them, is left out. A badge beside words stays, with them:
only rows of nothing but badges go, and any other picture keeps its row.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from markdown_it.token import Token

from app.ingest.rawhtml import html_text

# Services that draw badges, and nothing a book would show otherwise.
_HOSTS = frozenset(
    {"img.shields.io", "shields.io", "badgen.net", "flat.badgen.net", "badge.fury.io", "travis-ci.org",
     "travis-ci.com", "app.travis-ci.com", "circleci.com", "dl.circleci.com", "codecov.io", "coveralls.io",
     "ci.appveyor.com", "badges.gitter.im", "david-dm.org", "snyk.io", "img.badgesize.io", "pepy.tech",
     "static.pepy.tech", "api.netlify.com", "goreportcard.com", "awesome.re", "api.codacy.com",
     "app.codacy.com", "www.codefactor.io", "sonarcloud.io", "deepscan.io", "badges.frapsoft.com",
     "app.fossa.com", "bestpractices.coreinfrastructure.org", "www.bestpractices.dev"}
)  # fmt: skip
# A picture named as a badge wherever it is served: `…/workflows/ci.yml/badge.svg`, `…/badge/…`.
_BADGE_PATH = re.compile(r"(?:^|/)badges?(?:[./_-][^/]*)?$|/badges?/", re.IGNORECASE)
_IMG_SRC = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


def is_badge(src: str) -> bool:
    """Whether a picture's address is a badge service's, or names itself a badge."""
    parts = urlsplit(src)
    if parts.netloc.lower() in _HOSTS:
        return True
    return bool(parts.netloc) and _BADGE_PATH.search(parts.path) is not None


def drop_badge_rows(tokens: list[Token]) -> None:
    """Top-level paragraphs and HTML blocks of nothing but badges leave the page."""
    kept: list[Token] = []
    skip = 0
    for index, token in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        if token.level == 0 and token.type == "html_block" and _badge_block(token.content):
            continue
        if (
            token.level == 0
            and token.type == "paragraph_open"
            and index + 2 < len(tokens)
            and _badge_row(tokens[index + 1])
        ):
            skip = 2
            continue
        kept.append(token)
    if len(kept) != len(tokens):
        tokens[:] = kept


def _badge_row(inline: Token) -> bool:
    pictures = 0
    for child in inline.children or ():
        if child.type == "image":
            if not is_badge(str(child.attrGet("src") or "")):
                return False
            pictures += 1
        elif (
            (child.type == "text" and child.content.strip(" \u00a0|·•∙"))
            or child.type not in ("link_open", "link_close", "softbreak", "hardbreak", "text", "html_inline")
            or (child.type == "html_inline" and not _badge_block(child.content, alone=False))
        ):
            return False
    return pictures > 0


def _badge_block(html: str, *, alone: bool = True) -> bool:
    """Whether raw HTML shows badges and nothing else: no words, no other picture."""
    sources = _IMG_SRC.findall(html)
    if alone and not sources:
        return False
    if not all(is_badge(src) for src in sources):
        return False
    return not html_text(_IMG.sub("", html)).strip()
