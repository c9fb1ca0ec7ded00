"""Safe defaults for the REST service: loopback binding, bearer tokens, request size limits."""

from __future__ import annotations

import hmac
import ipaddress
import json
import os
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.exceptions import HTTPException

TOKEN_ENV = "TIDINGS_TOKEN"
DEFAULT_MAX_BODY = 2_000_000  # bytes: a long news article as HTML is well under this

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class UnsafeConfiguration(ValueError):
    """The server would accept unauthenticated writes from the network."""


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


def load_token(token_file: Path | None = None) -> str | None:
    """The write token from ``token_file`` (first line) or the TIDINGS_TOKEN variable."""
    if token_file is not None:
        token = token_file.read_text(encoding="utf-8").strip().splitlines()
        return token[0].strip() if token else None
    return os.environ.get(TOKEN_ENV) or None


@dataclass(frozen=True)
class WritePolicy:
    """Whether write endpoints exist, and the bearer token they require."""

    enabled: bool
    token: str | None

    def allows(self, authorization: str | None) -> bool:
        if not self.enabled or not self.token or not authorization:
            return False
        scheme, _, credentials = authorization.partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(
            credentials.strip().encode(), self.token.encode()
        )


def write_policy(host: str, write: bool, token: str | None) -> tuple[WritePolicy, bool]:
    """Decide the write policy for a server on ``host``; the flag says a token was generated.

    Writes always need a bearer token. On a loopback address a missing token is generated (and
    shown once to whoever started the server); on any other address the server refuses to start
    write-enabled without a configured token.
    """
    if not write:
        return WritePolicy(enabled=False, token=None), False
    if token:
        return WritePolicy(enabled=True, token=token), False
    if not is_loopback(host):
        raise UnsafeConfiguration(
            f"refusing to serve writes on {host} without a token: set {TOKEN_ENV} (or "
            "--token-file), bind to 127.0.0.1, or start with --read-only"
        )
    return WritePolicy(enabled=True, token=secrets.token_urlsafe(24)), True


class BodyTooLarge(HTTPException):
    """Raised from the body stream; an HTTPException so the framework answers 413 with it."""

    def __init__(self, max_bytes: int):
        super().__init__(413, f"request body too large (limit {max_bytes} bytes)")


class BodyLimit:
    """ASGI middleware: answer 413 to request bodies over ``max_bytes`` (declared or streamed)."""

    def __init__(self, app: ASGIApp, max_bytes: int = DEFAULT_MAX_BODY):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.max_bytes
            except ValueError:
                await _json(send, 400, "invalid Content-Length header")
                return
            if too_big:
                await _json(send, 413, BodyTooLarge(self.max_bytes).detail)
                return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await _json(send, 413, BodyTooLarge(self.max_bytes).detail)


async def _json(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
