"""What every tool shares: how a tool is declared, the library it reads, and the shape of its result.

A result has three parts for three audiences (docs/host-contract.md): `content` is text for the
model, `structuredContent` small facts for model and widget, `_meta` the widget-only bulk such as
rendered HTML.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from mcp.server.auth.middleware.auth_context import get_access_token
from mcp.server.auth.provider import principal_components
from mcp.server.context import ServerRequestContext
from mcp.server.mcpserver import Context
from mcp.types import CallToolResult, ContentBlock, TextContent, ToolAnnotations
from pydantic import BaseModel, Field

from app.library import Library

HTML_META_KEY = "chapterwise/html"
HIGHLIGHTS_META_KEY = "chapterwise/highlights"
MARKDOWN_META_KEY = "chapterwise/markdown"
# What the user is looking at, in one sentence the widget passes on to the model when it shows the
# result (ui/update-model-context): the server writes it, with the rest of the model's words.
CONTEXT_META_KEY = "chapterwise/context"

# Tools that only read: calling one twice shows the same page, and it touches nothing outside this
# server. Hosts use these hints to skip confirmation prompts, so they must be true.
READ_ONLY = ToolAnnotations(
    read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=False
)

# Bounds a number argument may take: far beyond any real book, and far inside what a database integer holds.
LARGEST_NUMBER = 100_000

# Book text is untrusted: it could hold sentences that look like instructions. The model gets it
# between these markers, told that it is content to read, never instructions to follow.
BEGIN_BOOK_TEXT = "⟦book text⟧"
END_BOOK_TEXT = "⟦end of book text⟧"


# For the widget's own writes (progress, a bookmark, a setting): they change what this server keeps
# for the reader, so they are not read-only; doing one twice leaves the same state, and nothing is lost.
WRITES = ToolAnnotations(
    read_only_hint=False, destructive_hint=False, idempotent_hint=True, open_world_hint=False
)
# Saving a highlight: without an id each call adds one, so a repeated call is not harmless.
ADDS = ToolAnnotations(
    read_only_hint=False, destructive_hint=False, idempotent_hint=False, open_world_hint=False
)
# Deleting a highlight or a bookmark: it is gone.
DELETES = ToolAnnotations(
    read_only_hint=False, destructive_hint=True, idempotent_hint=True, open_world_hint=False
)


@dataclass(frozen=True, slots=True)
class Tool:
    """A tool function and what hosts show of it; app/server.py registers each one."""

    fn: Callable[..., Awaitable[CallToolResult] | CallToolResult]
    name: str
    title: str
    invoking: str  # shown while the tool runs (at most 64 characters)
    invoked: str  # shown once it has run
    annotations: ToolAnnotations = field(default_factory=lambda: READ_ONLY)
    # ("app",): a tool only the widget calls (saving progress, say), which hosts do not offer the model.
    visibility: tuple[Literal["model", "app"], ...] | None = None

    @property
    def description(self) -> str:
        """The docstring, which is what the model reads about the tool, without its indentation."""
        return inspect.cleandoc(self.fn.__doc__ or "")


def tool(
    name: str,
    *,
    title: str,
    invoking: str,
    invoked: str,
    annotations: ToolAnnotations = READ_ONLY,
    visibility: tuple[Literal["model", "app"], ...] | None = None,
) -> Callable[[Callable[..., Any]], Tool]:
    def declare(fn: Callable[..., Any]) -> Tool:
        return Tool(fn, name, title, invoking, invoked, annotations, visibility)

    return declare


@dataclass(frozen=True, slots=True)
class AppState:
    """What the server's lifespan opens once per process (app/server.py), and every call receives."""

    library: Library
    readers: str  # Settings.readers: "one" or "host"


def library(ctx: Context[AppState, Any]) -> Library:
    """The library the server's lifespan opened, as every tool call receives it."""
    return ctx.request_context.lifespan_context.library


def reading(ctx: Context[AppState, Any]) -> tuple[Library, str]:
    """The library and who is reading in it, for the tools that act for a reader.

    Both come from the SDK's request context, read once here: every read of `ctx.request_context`
    costs about 40,000 instructions (a property over a pydantic private attribute), as much as
    a tenth of read-chapter's own work.
    """
    request = ctx.request_context
    return request.lifespan_context.library, reader(request)


LOCAL_READER = "local"


def reader(request: ServerRequestContext[AppState, Any]) -> str:
    """Who is reading: resolved once per call, here and nowhere else, as the first of these the call has.

    1. A user the server authenticated (an OAuth access token): when Chapterwise checks tokens,
       that is who reads, whatever the host says.
    2. With `--readers host`, the anonymous, stable user id the host sends with each call
       (ChatGPT's `openai/subject`). It tells a host's users apart; it is not proof of who is
       calling, since anyone who can reach the server can send any id.
    3. Otherwise the one local reader: a personal server has one reader, whoever calls.
    """
    token = get_access_token()
    if token is not None:
        client, issuer, user = principal_components(token)
        return f"user:{issuer or ''}:{user or client}"
    if request.lifespan_context.readers != "host":
        return LOCAL_READER
    sent = request.meta.get("openai/subject") if isinstance(request.meta, dict) else None
    if isinstance(sent, str) and 0 < len(sent) <= 150:
        return f"host:{sent}"
    return LOCAL_READER


BookRef = Annotated[
    str,
    Field(
        min_length=1,
        max_length=500,
        description="The book's slug from list-books (e.g. 'chapterwise-guide'); an exact title also works.",
    ),
]


def book_text(text: str) -> str:
    """Book content set between the markers, which it can never close early."""
    return f"{BEGIN_BOOK_TEXT}\n{text.replace(END_BOOK_TEXT, '[end of book text]')}\n{END_BOOK_TEXT}"


def result(
    text: str, structured: BaseModel, meta: dict[str, Any] | None = None, more: Sequence[ContentBlock] = ()
) -> CallToolResult:
    return CallToolResult(
        content=[TextContent(type="text", text=text), *more],
        structured_content=structured.model_dump(mode="json"),
        _meta=meta,
    )
