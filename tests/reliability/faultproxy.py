"""A fault-injecting HTTP/1.1 proxy on 127.0.0.1, run by asyncio on a background thread.

It sits between a device's client and the platform and, per request, does what a bad network or
a meddling middlebox does: adds latency, resets the connection mid-body (before or after the
platform saw the request), drops the answer after the platform committed, swallows the request
and never answers, cuts the answer short, answers 5xx or 429 itself (with Retry-After), or plays a
captive portal's HTML 200. It understands just enough HTTP to do that: a head, then a body of
Content-Length bytes (the only framing the client and uvicorn use here).
"""

from __future__ import annotations

import asyncio
import enum
import random
import socket
import struct
import threading
from collections import Counter, deque
from collections.abc import Sequence


class Fault(enum.Enum):
    NONE = "none"
    LATENCY = "latency"                    # both ways, then forwarded intact
    RESET_MID_REQUEST = "reset-request"    # half the request reaches the platform, then RST
    RESET_MID_RESPONSE = "reset-response"  # platform committed; half the answer, then RST
    DROP_AFTER_COMMIT = "drop"             # platform committed; connection closed, no answer
    BLACKHOLE = "blackhole"                # accepted and read, never forwarded nor answered
    STALL_AFTER_COMMIT = "stall"           # platform committed; answer held past the timeout
    TRUNCATED_BODY = "truncated"           # platform committed; answer cut short, then FIN
    SERVER_ERROR = "503"                   # the proxy answers 503 itself
    GATEWAY_ERROR_AFTER_COMMIT = "502"     # platform committed; the proxy answers 502
    TOO_MANY_REQUESTS = "429"              # the proxy answers 429 with Retry-After
    CAPTIVE_PORTAL = "portal"              # an HTML 200 login page

    @property
    def reaches_platform(self) -> bool:
        """Whether the platform receives the whole request (and may commit it)."""
        return self in _REACHES


_REACHES = {Fault.NONE, Fault.LATENCY, Fault.RESET_MID_RESPONSE, Fault.DROP_AFTER_COMMIT,
            Fault.STALL_AFTER_COMMIT, Fault.TRUNCATED_BODY, Fault.GATEWAY_ERROR_AFTER_COMMIT}

PORTAL_PAGE = (b"<!DOCTYPE html><html><head><title>Wi-Fi login</title></head><body>"
               b"<form action='/login'>Please sign in to use the network</form></body></html>")


class _Closed(Exception):
    """The peer closed the connection between messages."""


async def _read_message(reader: asyncio.StreamReader) -> tuple[bytes, bytes]:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as exc:
        raise _Closed() from exc
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
        elif name.strip().lower() == b"transfer-encoding":
            raise ValueError("chunked bodies are not supported by the fault proxy")
    body = await reader.readexactly(length) if length else b""
    return head, body


def _response(status: str, body: bytes, content_type: bytes, extra: bytes = b"") -> bytes:
    return (b"HTTP/1.1 " + status.encode() + b"\r\nContent-Type: " + content_type
            + b"\r\nContent-Length: " + str(len(body)).encode() + b"\r\n" + extra + b"\r\n"
            + body)


def _reset(writer: asyncio.StreamWriter) -> None:
    """Close with a TCP RST rather than a FIN, like a NAT box or a flaky 4G link."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


class FaultProxy:
    """Forwards to `upstream_port`; `faults` picks what happens to each request."""

    def __init__(self, upstream_port: int, *, latency: float = 0.05, retry_after: int = 1,
                 seed: int = 0) -> None:
        self.upstream_port = upstream_port
        self.latency = latency
        self.retry_after = retry_after
        self.fired: Counter[Fault] = Counter()
        #: Body bytes the client sent in PATCH requests (attachment chunks), faults included.
        self.upload_bytes = 0
        self._for_uploads: deque[Fault] = deque()
        self._rng = random.Random(seed)
        self._faults: tuple[Fault, ...] = (Fault.NONE,)
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.Server | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, name="fault-proxy",
                                        daemon=True)
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def set_faults(self, faults: Sequence[Fault] | Fault) -> None:
        """Each later request meets one of `faults`, chosen at random (uniformly)."""
        with self._lock:
            self._faults = (faults,) if isinstance(faults, Fault) else tuple(faults)

    def clear(self) -> None:
        self.set_faults(Fault.NONE)

    def fail_uploads(self, faults: Sequence[Fault]) -> None:
        """The next uploads (PATCH requests) meet these faults in order, before any other."""
        with self._lock:
            self._for_uploads.extend(faults)

    def _choose(self, head: bytes = b"") -> Fault:
        with self._lock:
            if head.startswith(b"PATCH ") and self._for_uploads:
                fault = self._for_uploads.popleft()
                self.fired[fault] += 1
                return fault
            fault = self._rng.choice(self._faults)
            self.fired[fault] += 1
            return fault

    def start(self) -> FaultProxy:
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._serve, "127.0.0.1", 0), self._loop).result(10)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    def stop(self) -> None:
        async def shutdown() -> None:
            assert self._server is not None
            self._server.close()
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await self._server.wait_closed()

        asyncio.run_coroutine_threadsafe(shutdown(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while await self._exchange(reader, writer):
                pass
        except (_Closed, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.transport.abort()

    async def _forward(self, request: bytes) -> tuple[bytes, bytes]:
        """Send one request to the platform on a fresh connection; return its answer."""
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        try:
            up_writer.write(request)
            await up_writer.drain()
            return await _read_message(up_reader)
        finally:
            up_writer.transport.abort()

    async def _exchange(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        """Handle one request; return False once the client connection is finished."""
        head, body = await _read_message(reader)
        if head.startswith(b"PATCH "):
            self.upload_bytes += len(body)
        fault = self._choose(head)
        if fault is Fault.BLACKHOLE:
            await reader.read()  # until the client gives up and closes
            return False
        if fault is Fault.RESET_MID_REQUEST:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
            up_writer.write(head + body[: len(body) // 2])
            await up_writer.drain()
            _reset(up_writer)
            _reset(writer)
            return False
        if fault is Fault.SERVER_ERROR:
            writer.write(_response("503 Service Unavailable", b"upstream overloaded",
                                   b"text/plain"))
            await writer.drain()
            return True
        if fault is Fault.TOO_MANY_REQUESTS:
            writer.write(_response("429 Too Many Requests", b'{"message":"slow down"}',
                                   b"application/json",
                                   b"Retry-After: %d\r\n" % self.retry_after))
            await writer.drain()
            return True
        if fault is Fault.CAPTIVE_PORTAL:
            writer.write(_response("200 OK", PORTAL_PAGE, b"text/html; charset=utf-8"))
            await writer.drain()
            return True

        if fault is Fault.LATENCY:
            await asyncio.sleep(self.latency)
        resp_head, resp_body = await self._forward(head + body)
        if fault is Fault.LATENCY:
            await asyncio.sleep(self.latency)
        if fault is Fault.DROP_AFTER_COMMIT:
            writer.close()
            return False
        if fault is Fault.STALL_AFTER_COMMIT:
            await reader.read()  # hold the answer until the client times out and closes
            return False
        if fault is Fault.RESET_MID_RESPONSE:
            writer.write(resp_head + resp_body[: len(resp_body) // 2])
            await writer.drain()
            _reset(writer)
            return False
        if fault is Fault.TRUNCATED_BODY:
            writer.write(resp_head + resp_body[: max(0, len(resp_body) - 7)])
            await writer.drain()
            writer.close()
            return False
        if fault is Fault.GATEWAY_ERROR_AFTER_COMMIT:
            writer.write(_response("502 Bad Gateway", b"<html>502 Bad Gateway</html>",
                                   b"text/html"))
            await writer.drain()
            return True
        writer.write(resp_head + resp_body)
        await writer.drain()
        return True
