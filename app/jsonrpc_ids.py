"""Answer a 2025-era POST /mcp whose JSON-RPC id is not a string or an integer, instead of a silent 202."""

from __future__ import annotations

import json
from typing import Any

from mcp.server.mcpserver import MCPServer
from mcp.server.transport_security import RequestBodyLimitMiddleware
from mcp_types import INVALID_REQUEST, ErrorData, JSONRPCError
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The SDK's 2025-era transport validates a body against request | notification | response, and its
# notification model ignores unknown keys: a request whose id is null, 1.5, true or an object fails
# the request model and is then taken for a notification, acknowledged with 202 and never answered.
# JSON-RPC 2.0 makes the "id" member's presence, not its value, what separates a request from a
# notification, so such a message is an Invalid Request owed an error with id null. The SDK's
# 2026-07-28 entry already answers it that way (400, -32600), as does its 2025 entry for every other
# body it cannot accept; this keeps both eras alike.
STATUS = 400


def answer_malformed_ids(server: MCPServer) -> None:
    """Put the check inside the app that `server.streamable_http_app()` built; call it right after.

    It goes behind the SDK's body-size limit, which has read the whole body (or refused it with 413)
    by then, so the check sees that same bytes object and never reads or buffers a body itself.
    """
    limiter = server.session_manager.asgi_app
    if not isinstance(limiter, RequestBodyLimitMiddleware):
        raise TypeError(
            f"The mcp SDK's session manager no longer starts with its body-size limit (found "
            f"{type(limiter).__name__}); check whether app/jsonrpc_ids.py is still needed with this SDK."
        )
    limiter.app = MalformedIdCheck(limiter.app)


class MalformedIdCheck:
    """ASGI: where the SDK would accept a POST body as a notification, answer a request with a bad id."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        body: bytes | None = None
        replaced = False

        async def receive_noting_body() -> Message:
            nonlocal body
            message = await receive()
            if message["type"] == "http.request" and body is None and not message.get("more_body"):
                body = message.get("body", b"")
            return message

        # Only a 202 can hide the bug, so valid requests (200) are never parsed a second time.
        async def send_or_replace(message: Message) -> None:
            nonlocal replaced
            accepted = message["type"] == "http.response.start" and message["status"] == 202
            if accepted and (problem := id_problem(body)) is not None:
                replaced = True
                await invalid_request(problem)(scope, receive, send)
                return
            if not replaced:
                await send(message)

        await self.app(scope, receive_noting_body, send_or_replace)


def id_problem(body: bytes | None) -> str | None:
    """What is wrong with the id of a request in `body`, or None if it has no request with a bad id."""
    try:
        message = json.loads(body or b"null")
    except (ValueError, RecursionError):
        return None
    if not isinstance(message, dict) or "method" not in message or "id" not in message:
        return None
    request_id = message["id"]
    if isinstance(request_id, str) or (isinstance(request_id, int) and not isinstance(request_id, bool)):
        return None
    return (
        f'Invalid Request: "id" must be a string or an integer, not {_describe(request_id)}. '
        'Send a string or integer id to get an answer, or leave "id" out to send a notification.'
    )


def _describe(value: Any) -> str:
    match value:
        case None:
            return "null"
        case bool():
            return json.dumps(value)
        case float():
            return f"the number {value!r}"
        case list():
            return "an array"
        case _:
            return "an object"


def invalid_request(problem: str) -> Response:
    # `id` is set explicitly, so the SDK's model writes it as null rather than leaving it out.
    reply = JSONRPCError(jsonrpc="2.0", id=None, error=ErrorData(code=INVALID_REQUEST, message=problem))
    return Response(
        reply.model_dump_json(by_alias=True, exclude_unset=True),
        status_code=STATUS,
        media_type="application/json",
    )
