"""Just enough HTTP/1.1 for the benchmark: requests built once as bytes and replayed (by wrk or here), a
blocking fetch to log students in and scrape forms, and an asyncio fetch for the open-loop burst.

Raw sockets rather than an HTTP library so that the client costs as little CPU as possible: on a 2-core
machine the load generator competes with the server it measures.
"""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass, field
from urllib.parse import urlencode

# Flask-Login's "strong" session protection ties a session to the client's address and User-Agent: every
# request of a student, from logging in to the replayed answers, must carry the same one.
USER_AGENT = "chronoquiz-bench/1 (like a phone in a classroom)"


@dataclass(frozen=True)
class Request:
    """One request, independent of the server it is sent to (app and baseline get the same ones)."""

    method: str
    path: str
    cookie: str = ""
    form: tuple[tuple[str, str], ...] = ()
    headers: tuple[tuple[str, str], ...] = ()  # more, e.g. If-None-Match for a poll answered 304

    def to_bytes(self, host: str, *, close: bool = False) -> bytes:
        body = urlencode(self.form).encode() if self.form else b""
        lines = [f"{self.method} {self.path} HTTP/1.1", f"Host: {host}", f"User-Agent: {USER_AGENT}",
                 "Accept: text/html"]
        if self.cookie:
            lines.append(f"Cookie: {self.cookie}")
        lines += [f"{name}: {value}" for name, value in self.headers]
        if self.method == "POST":
            lines += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
        if close:
            lines.append("Connection: close")
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


@dataclass
class Reply:
    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k == name.lower()), None)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def set_cookies(self) -> dict[str, str | None]:
        """name -> value from Set-Cookie (None: the server deleted it)."""
        cookies: dict[str, str | None] = {}
        for key, value in self.headers:
            if key != "set-cookie":
                continue
            pair, _, attributes = value.partition(";")
            name, _, content = pair.strip().partition("=")
            deleted = not content or "expires=thu, 01 jan 1970" in attributes.lower()
            cookies[name] = None if deleted else content
        return cookies

    def update_jar(self, jar: dict[str, str]) -> None:
        """Keep what the server set in a browser's cookie jar, and drop what it deleted."""
        for name, value in self.set_cookies().items():
            if value is None:
                jar.pop(name, None)
            else:
                jar[name] = value


def parse_head(head: bytes) -> tuple[int, list[tuple[str, str]]]:
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = []
    for line in lines[1:]:
        if ":" in line:
            key, _, value = line.partition(":")
            headers.append((key.strip().lower(), value.strip()))
    return status, headers


def _content_length(headers: list[tuple[str, str]]) -> int | None:
    if any(k == "transfer-encoding" for k, _ in headers):
        raise ValueError("chunked responses are not expected from this benchmark's routes")
    value = next((v for k, v in headers if k == "content-length"), None)
    return int(value) if value is not None else None


def fetch(host: str, port: int, request: Request, *, timeout: float = 30.0) -> Reply:
    """Send one request on its own connection and read the whole response."""
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.sendall(request.to_bytes(f"{host}:{port}", close=True))
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError(f"connection closed before the response head ({request.path})")
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        status, headers = parse_head(head)
        length = _content_length(headers)
        while length is None or len(body) < length:
            chunk = sock.recv(65536)
            if not chunk:
                break
            body += chunk
    return Reply(status, headers, body if length is None else body[:length])


async def fetch_async(host: str, port: int, raw: bytes, *, timeout: float = 30.0) -> Reply:
    """The same on asyncio streams, for many at once; `raw` is a request built with close=True."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    try:
        writer.write(raw)
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
        status, headers = parse_head(head[:-4])
        length = _content_length(headers)
        body = await asyncio.wait_for(reader.readexactly(length) if length is not None else reader.read(), timeout)
        return Reply(status, headers, body)
    finally:
        writer.close()
