"""Security of the HTTP API: bearer tokens, response headers and the request size limit."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..config import Settings

__all__ = ["BodyLimitMiddleware", "SecurityHeadersMiddleware", "require_read", "require_write"]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)

_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]

_bearer = HTTPBearer(auto_error=False, description="`Authorization: Bearer <token>`")


class SecurityHeadersMiddleware:
    """Add a strict CSP (no inline scripts), nosniff and no-framing headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0].lower() not in {k for k, _ in _HEADERS}]
                message["headers"] = headers + _HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _TooLarge(HTTPException):
    """Raised from ``receive`` so FastAPI answers 413 even while it is parsing the body."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(
            status_code=413,
            detail=f"request body too large: over the limit of {max_bytes:,} bytes; send fewer or "
            "shorter articles per request, or raise max_request_bytes (EVENTWIRE_MAX_REQUEST_BYTES)",
        )


class BodyLimitMiddleware:
    """Refuse request bodies over ``max_bytes`` with 413, whether or not Content-Length is sent."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def _refuse(self, send: Send, size: str) -> None:
        body = (
            '{"detail":"request body too large: ' + size + f' bytes over the limit of {self.max_bytes:,}; '
            'send fewer or shorter articles per request, or raise max_request_bytes '
            '(EVENTWIRE_MAX_REQUEST_BYTES)"}'
        ).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > self.max_bytes:
                    await self._refuse(send, f"{declared:,}")
                    return
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._refuse(send, "more than the limit:")


def _token_matches(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def require_write(request: Request, credentials: Credentials) -> None:
    """Dependency of every endpoint that writes to the database: a valid bearer token."""
    token = _settings(request).api_token
    if not token:
        raise HTTPException(
            status_code=403,
            detail="writes are disabled on this server: no API token is configured. Start it with "
            "EVENTWIRE_API_TOKEN=<a long random secret> (or api_token in eventwire.toml) and send "
            "`Authorization: Bearer <token>`",
        )
    if credentials is None or not _token_matches(credentials.credentials, token):
        raise HTTPException(
            status_code=401,
            detail="this endpoint writes to the database: send the server's API token as `Authorization: Bearer <token>`",
            headers={"WWW-Authenticate": "Bearer"},
        )


def require_read(request: Request, credentials: Credentials) -> None:
    """Dependency of every read endpoint: open unless ``api_read_token`` is configured."""
    settings = _settings(request)
    expected = settings.api_read_token
    if not expected:
        return
    given = credentials.credentials if credentials else ""
    ok = _token_matches(given, expected)
    if settings.api_token:
        ok = _token_matches(given, settings.api_token) or ok
    if not ok:
        raise HTTPException(
            status_code=401,
            detail="this server requires a read token: send `Authorization: Bearer <token>`",
            headers={"WWW-Authenticate": "Bearer"},
        )


