"""build_server(): every tool and widget Chapterwise has, in the order a reader meets them."""

from __future__ import annotations

import inspect
from typing import Any

from mcp.server.apps import Apps
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.resources import TextResource
from mcp.types import ToolAnnotations
from starlette.requests import Request
from starlette.responses import JSONResponse

from app import __version__, tools
from app.db import make_engine
from app.library import Library
from app.paths import bundled
from app.settings import Settings
from app.widgets import Widget, render_widgets, widget_uri_template

APP_MIME_TYPE = "text/html;profile=mcp-app"

INSTRUCTIONS = """\
Chapterwise is a book reader. list-books shows the library, open-book shows a book's cover and
contents, read-chapter shows one chapter and gives you its text. When the user asks to summarize
or explain a chapter, read it with read-chapter first and ground your answer in that text."""

# Every tool only reads: calling it twice shows the same page, and it touches nothing outside
# this server. Hosts use these hints to skip confirmation prompts, so they must be true.
READ_ONLY = ToolAnnotations(
    read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=False
)


def build_server(settings: Settings) -> MCPServer:
    """The Chapterwise MCP server: three widgets, three tools and a health check."""
    library = Library(make_engine(settings.db_url))
    widgets = render_widgets(bundled("widgets"))
    apps = Apps()

    for widget in widgets.values():
        apps.add_resource(_widget_resource(widget))

    _add_tool(
        apps,
        tools.list_books(library),
        widgets["library"],
        name="list-books",
        title="List books",
        invoking="Opening the library…",
        invoked="Library opened",
    )
    _add_tool(
        apps,
        tools.open_book(library),
        widgets["book"],
        name="open-book",
        title="Open a book",
        invoking="Opening the book…",
        invoked="Book opened",
    )
    _add_tool(
        apps,
        tools.read_chapter(library),
        widgets["reader"],
        name="read-chapter",
        title="Read a chapter",
        invoking="Turning to the chapter…",
        invoked="Chapter ready",
    )

    server = MCPServer(
        "chapterwise",
        title="Chapterwise",
        version=__version__,
        instructions=INSTRUCTIONS,
        extensions=[apps],
        # INFO would log every stateless request; the CLI prints what a person needs.
        log_level="WARNING",
    )
    for widget in widgets.values():
        _keep_old_uris_resolving(server, widget)

    @server.custom_route("/healthz", methods=["GET"])
    async def healthz(_: Request) -> JSONResponse:
        return JSONResponse({"status": "ok", "version": __version__})

    return server


def _add_tool(
    apps: Apps, fn: Any, widget: Widget, *, name: str, title: str, invoking: str, invoked: str
) -> None:
    apps.tool(
        resource_uri=widget.uri,
        name=name,
        title=title,
        # The docstring is the description the model reads; without its source indentation.
        description=inspect.cleandoc(fn.__doc__ or ""),
        annotations=READ_ONLY,
        meta={
            # ChatGPT's aliases of the standard fields, for hosts that predate MCP Apps.
            "openai/outputTemplate": widget.uri,
            "openai/widgetAccessible": True,
            "openai/toolInvocation/invoking": invoking,
            "openai/toolInvocation/invoked": invoked,
        },
    )(fn)


def _widget_meta(widget: Widget) -> dict[str, Any]:
    return {"ui": {"prefersBorder": True}, "openai/widgetDescription": widget.description}


def _widget_resource(widget: Widget) -> TextResource:
    return TextResource(
        uri=widget.uri,
        name=f"{widget.name}-widget",
        title=widget.title,
        description=widget.description,
        mime_type=APP_MIME_TYPE,
        meta=_widget_meta(widget),
        text=widget.html,
    )


def _keep_old_uris_resolving(server: MCPServer, widget: Widget) -> None:
    # Widget URIs carry a content hash because hosts cache templates by URI. A conversation
    # opened before an upgrade still holds the old URI: serve it the current widget, which
    # reads the same tool results, rather than a "resource not found".
    @server.resource(
        widget_uri_template(widget.name),
        name=f"{widget.name}-widget-any-version",
        title=widget.title,
        description=widget.description,
        mime_type=APP_MIME_TYPE,
        meta=_widget_meta(widget),
    )
    def current_widget(version: str) -> str:
        return widget.html
