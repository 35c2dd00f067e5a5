"""The sync transport: the only module that speaks HTTP to the platform.

It keeps one keep-alive `requests.Session`, always passes explicit (connect, read) timeouts,
accepts only explicit protocol answers (JSON with the protocol marker) and maps every failure onto
`sync.errors`. It does not retry by itself: the worker owns the retry policy, and POSTs are safe
to retry because every pushed item carries an idempotency key the platform deduplicates.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import requests

from sync import protocol
from sync.errors import (
    AuthRejected,
    NotPlatform,
    PlatformUnreachable,
    RequestRefused,
    ServerBusy,
)
from sync.store import Change, PushOutcome

DEFAULT_TIMEOUT = (3.05, 30.0)


@dataclass(frozen=True)
class Enrollment:
    device_id: str
    device_no: int
    hall_code: str
    hall_name: str
    token: str


@dataclass(frozen=True)
class ChangesPage:
    changes: tuple[Change, ...]
    next_cursor: int
    has_more: bool


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class BlobStatus:
    offset: int
    complete: bool


def _change(c: dict[str, Any]) -> Change:
    kind = str(c.get("kind", "case_status"))
    if kind == "case_status":
        return Change(int(c["seq"]), str(c["case_id"]), str(c["status"]), c.get("reason"))
    return Change(int(c["seq"]), "", "", None, kind, str(c["version"]), c["document"])


@contextmanager
def _malformed(path: str) -> Iterator[None]:
    """Map a protocol answer missing its fields onto NotPlatform."""
    try:
        yield
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise NotPlatform(f"{path}: the answer lacks required fields ({exc})") from exc


class PlatformClient:
    """A device's connection to one platform."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        gzip_level: int = 0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.gzip_level = gzip_level
        #: Wire counters (request and response bodies, requests made), for diagnostics.
        self.bytes_sent = 0
        self.bytes_received = 0
        self.requests = 0
        self._session = requests.Session()
        self._session.headers["User-Agent"] = "servicehall-device"
        if token:
            self._session.headers["Authorization"] = f"Bearer {token}"

    def close(self) -> None:
        self._session.close()

    def _call(self, method: str, path: str, body: Any = None,
              params: dict[str, Any] | None = None, *, raw: bytes | None = None,
              extra_headers: dict[str, str] | None = None) -> dict[str, Any]:
        headers = {protocol.HEADER: protocol.HEADER_VALUE, **(extra_headers or {})}
        data: bytes | None = raw
        if raw is not None:
            headers["Content-Type"] = "application/octet-stream"
        elif body is not None:
            data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
            headers["Content-Type"] = "application/json"
            if self.gzip_level:
                data = gzip.compress(data, self.gzip_level)
                headers["Content-Encoding"] = "gzip"
        try:
            resp = self._session.request(method, self.base_url + path, data=data,
                                         params=params, headers=headers, timeout=self.timeout)
            raw = resp.content  # read it all here, so a cut-off body is a network failure
        except requests.RequestException as exc:
            raise PlatformUnreachable(f"{method} {path}: {type(exc).__name__}") from exc
        self.requests += 1
        self.bytes_sent += len(data or b"")
        self.bytes_received += len(raw or b"")
        return self._answer(method, path, resp)

    def _answer(self, method: str, path: str, resp: requests.Response) -> dict[str, Any]:
        where = f"{method} {path}"
        if resp.status_code == 429 or resp.status_code >= 500:
            raise ServerBusy(f"{where}: HTTP {resp.status_code}",
                             _retry_after(resp.headers.get("Retry-After")))
        try:
            payload = resp.json()
        except ValueError as exc:
            raise NotPlatform(f"{where}: HTTP {resp.status_code} answer is not JSON") from exc
        if (
            not isinstance(payload, dict)
            or payload.get("protocol") != protocol.PROTOCOL
            or resp.headers.get(protocol.HEADER) != protocol.HEADER_VALUE
        ):
            raise NotPlatform(f"{where}: HTTP {resp.status_code} answer is not from the platform")
        if resp.status_code >= 400:
            error = payload.get("error") or {}
            message = f"{where}: {error.get('code', resp.status_code)}: {error.get('message', '')}"
            if resp.status_code in (401, 403):
                raise AuthRejected(message)
            raise RequestRefused(message)
        return payload

    # -- calls ----------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        return self._call("GET", protocol.HEALTH)

    def enroll(self, code: str, public_key: bytes, name: str,
               public_keys: Mapping[str, bytes] | None = None) -> Enrollment:
        """Trade a one-time enrollment code for this device's identity and credentials.

        `public_key` is the Ed25519 receipt key; `public_keys` adds keys of further suites
        (suite name → raw public key), e.g. SM2 where the deployment requires it.

        :raises AuthRejected: if the code is unknown or already used.
        """
        body: dict[str, object] = {
            "code": code.strip(),
            "public_key": base64.b64encode(public_key).decode(),
            "name": name,
        }
        if public_keys:
            body["public_keys"] = {suite: base64.b64encode(raw).decode()
                                   for suite, raw in public_keys.items()}
        answer = self._call("POST", protocol.ENROLL, body)
        with _malformed(protocol.ENROLL):
            device = answer["device"]
            return Enrollment(str(device["device_id"]), int(device["device_no"]),
                              str(device["hall_code"]), str(device["hall_name"]),
                              str(answer["token"]))

    def lookup_resident(self, id_number: str) -> dict[str, str] | None:
        """The registry's record for a person, or None if the registry does not know them."""
        answer = self._call("POST", protocol.REGISTRY_LOOKUP, {"id_number": id_number})
        with _malformed(protocol.REGISTRY_LOOKUP):
            record = answer.get("record")
            return {str(k): str(v) for k, v in record.items()} if record else None

    def push(self, items: Sequence[dict[str, object]]) -> list[PushOutcome]:
        """Send one batch; the answer has one outcome per item, in any order."""
        answer = self._call("POST", protocol.PUSH, {"items": list(items)})
        with _malformed(protocol.PUSH):
            return [PushOutcome(str(r["idempotency_key"]), str(r["status"]), r.get("reason"))
                    for r in answer["results"]]

    def push_ratings(self, items: Sequence[dict[str, object]]) -> list[PushOutcome]:
        """Send ratings (好差评); the answer has one outcome per item, as for cases."""
        answer = self._call("POST", protocol.RATINGS, {"items": list(items)})
        with _malformed(protocol.RATINGS):
            return [PushOutcome(str(r["idempotency_key"]), str(r["status"]), r.get("reason"))
                    for r in answer["results"]]

    def changes(self, cursor: int, limit: int = 500) -> ChangesPage:
        answer = self._call("GET", protocol.CHANGES, params={"cursor": cursor, "limit": limit})
        with _malformed(protocol.CHANGES):
            changes = tuple(_change(c) for c in answer["changes"])
            return ChangesPage(changes, int(answer["next_cursor"]), bool(answer["has_more"]))

    def blob_status(self, sha256: str) -> BlobStatus:
        answer = self._call("GET", f"{protocol.BLOBS}/{sha256}")
        with _malformed(protocol.BLOBS):
            return BlobStatus(int(answer["offset"]), bool(answer["complete"]))

    def upload_chunk(self, sha256: str, offset: int, total: int, chunk: bytes) -> BlobStatus:
        """Append one chunk at `offset`; the platform refuses any other offset (409)."""
        answer = self._call(
            "PATCH", f"{protocol.BLOBS}/{sha256}", params={"offset": offset, "total": total},
            raw=chunk, extra_headers={protocol.CHUNK_HEADER: hashlib.sha256(chunk).hexdigest()})
        with _malformed(protocol.BLOBS):
            return BlobStatus(int(answer["offset"]), bool(answer["complete"]))

    def report_ledger(self, days: Sequence[dict[str, object]]) -> list[dict[str, Any]]:
        """Send the daily digests; the answer says per day whether the platform agrees."""
        answer = self._call("POST", protocol.LEDGER, {"days": list(days)})
        with _malformed(protocol.LEDGER):
            return [dict(d) for d in answer["days"]]

    def post_raw(self, path: str, data: bytes) -> int:
        """POST bytes as they are and return the status (transport measurements only)."""
        resp = self._session.post(self.base_url + path, data=data, timeout=self.timeout,
                                  headers={"Content-Type": "application/json"})
        return resp.status_code

    def device_keys(self) -> dict[str, dict[str, bytes]]:
        """Every enrolled device's receipt-signing public keys: device id → {suite → raw key}.

        A platform that publishes Ed25519 keys alone (no "suites") gives {"ed25519": key} each.
        """
        answer = self._call("GET", protocol.DEVICE_KEYS)
        with _malformed(protocol.DEVICE_KEYS):
            suites = answer.get("suites")
            if suites is None:
                return {str(k): {protocol.SUITE_ED25519: base64.b64decode(v, validate=True)}
                        for k, v in answer["keys"].items()}
            return {str(device): {str(suite): base64.b64decode(key, validate=True)
                                  for suite, key in entry.items()}
                    for device, entry in suites.items()}

    def publish_key(self, suite: str, public_key: bytes) -> bool:
        """Publish this device's receipt key in a further suite; False if already on file.

        :raises RequestRefused: if the platform holds a different key for that suite (409).
        """
        answer = self._call("POST", protocol.DEVICE_KEYS, {
            "suite": suite, "public_key": base64.b64encode(public_key).decode()})
        with _malformed(protocol.DEVICE_KEYS):
            return bool(answer["published"])
