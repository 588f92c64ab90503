"""The Streamable HTTP app that `chapterwise serve` runs under uvicorn: /mcp, /healthz and (with --dev) /dev.

Every route sits behind the same guard: the DNS-rebinding protection (Host and Origin checks) the
SDK applies to /mcp, and headers that keep browsers from sniffing, framing or leaking anything.
"""

from __future__ import annotations

import gc
from typing import Any
from urllib.parse import urlsplit

from mcp.server.transport_security import TransportSecurityMiddleware, TransportSecuritySettings
from sqlalchemy.exc import SQLAlchemyError
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import __version__
from app.db import health_problem, make_engine
from app.errors import ChapterwiseError
from app.jsonrpc_ids import answer_malformed_ids
from app.preview import preview_page
from app.server import build_server
from app.settings import Settings

LOCAL_HOSTS = ["127.0.0.1:*", "localhost:*", "[::1]:*"]
LOCAL_ORIGINS = ["http://127.0.0.1:*", "http://localhost:*", "http://[::1]:*"]

# Sent with every response: no MIME sniffing, no referrer, and nothing may frame these pages.
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
# What the pages may load. /dev needs inline scripts and styles (it is one self-contained page, as
# the widget it mounts is) and its own /mcp; everything else serves data and may load nothing.
DEV_PAGE_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
DATA_POLICY = "default-src 'none'; frame-ancestors 'none'"

NOT_AN_EVENT_STREAM = (
    "This is Chapterwise's MCP endpoint. It answers MCP requests sent with POST (JSON-RPC), one at a time, "
    "and offers no event stream to GET. Connect an MCP client or host to this address; to read the books in "
    "a browser, start the server with --dev and open /dev."
)


def create_app() -> ASGIApp:
    """uvicorn's factory for each worker process: settings come from the environment `serve` set."""
    app = build_http_app(Settings.from_env())
    # Everything built so far lives as long as the process: move it out of the collector's way,
    # so collections during requests only scan what requests create. No collection first: it
    # would add ~50 ms to every start to free the few hundred objects start-up leaves unreachable.
    gc.freeze()
    return app


def build_http_app(settings: Settings) -> ASGIApp:
    server = build_server(settings)
    # A probe with no pool: each check opens a fresh connection, so a library deleted while the
    # server runs is noticed rather than read through a connection opened before.
    probe = make_engine(settings.db_url, pooled=False)

    @server.custom_route("/healthz", methods=["GET"])
    async def healthz(_: Request) -> JSONResponse:
        try:
            problem = health_problem(probe)
        except (ChapterwiseError, SQLAlchemyError) as error:
            problem = str(error)
        if problem:
            return JSONResponse({"status": "unavailable", "problem": problem}, status_code=503)
        return JSONResponse({"status": "ok", "app": "chapterwise", "version": __version__})

    if settings.dev:

        @server.custom_route("/dev", methods=["GET"])
        async def preview(_: Request) -> Response:
            return Response(preview_page(), media_type="text/html; charset=utf-8")

    # Stateless JSON: any worker or replica can answer any request, with no session to share.
    app = server.streamable_http_app(
        stateless_http=True, json_response=True, transport_security=transport_security(settings)
    )
    answer_malformed_ids(server)
    return Guard(app, transport_security(settings))


def transport_security(settings: Settings) -> TransportSecuritySettings:
    """DNS-rebinding protection stays on; a public URL adds its own host instead of switching it off."""
    hosts, origins = list(LOCAL_HOSTS), [*LOCAL_ORIGINS, *settings.allowed_origins]
    if settings.public_url:
        public = urlsplit(settings.public_url)
        hosts.append(public.netloc)
        origins.append(f"{public.scheme}://{public.netloc}")
    return TransportSecuritySettings(allowed_hosts=hosts, allowed_origins=origins)


class Guard:
    """ASGI middleware: every route gets /mcp's Host and Origin checks and the security headers."""

    def __init__(self, app: ASGIApp, security: TransportSecuritySettings) -> None:
        self.app = app
        self.checks = TransportSecurityMiddleware(security)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        path = scope["path"]
        refusal = await self.checks.validate_request(request, is_post=False)
        if refusal is None and path == "/mcp" and request.method == "GET":
            # The Streamable HTTP spec's answer when a server offers no event stream. Without it
            # a GET would hold an open stream that never ends, one per request.
            refusal = PlainTextResponse(NOT_AN_EVENT_STREAM, status_code=405, headers={"Allow": "POST"})
        policy = DEV_PAGE_POLICY if path == "/dev" else DATA_POLICY

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: list[Any] = list(message.get("headers", []))
                headers += [*SECURITY_HEADERS, (b"content-security-policy", policy.encode())]
                message = {**message, "headers": headers}
            await send(message)

        await (refusal or self.app)(scope, receive, send_with_headers)
