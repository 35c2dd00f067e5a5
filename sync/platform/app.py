"""The reference platform's HTTP face: the sync protocol as a FastAPI app.

Every answer, success or error, is JSON carrying the protocol marker and header (see
`sync.protocol`), and every error has one shape, so a device can tell the platform from a captive
portal and a person can read what went wrong. Devices authenticate with the bearer token they got
at enrollment and see only their own cases. ID numbers travel in request bodies, never in URLs,
so they stay out of access logs.
"""

from __future__ import annotations

import gzip
import json
import logging
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from sync import protocol
from sync.platform import devicekeys, openapi, uploads
from sync.platform.db import DeviceRecord, PlatformDB, PlatformError
from sync.platform.intake import receive
from sync.platform.ratings import receive_ratings

log = logging.getLogger(__name__)

MAX_BODY = 32 * 1024 * 1024
MAX_ITEMS = 2000
MAX_SEQ = 2**63 - 1  # SQLite's INTEGER: a larger cursor was a 500, now a 422


def answer(body: dict[str, Any], status: int = 200,
           headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"protocol": protocol.PROTOCOL, **body}, status_code=status,
                        headers={protocol.HEADER: protocol.HEADER_VALUE, **(headers or {})})


def error(code: str, message: str, status: int) -> JSONResponse:
    return answer({"error": {"code": code, "message": message}}, status)


async def _json_body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise PlatformError("too_large", f"request body over {MAX_BODY} bytes", 413)
    if request.headers.get("content-encoding", "").lower() == "gzip":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise PlatformError("bad_gzip", "request body is not valid gzip") from exc
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise PlatformError("bad_json", "request body is not JSON") from exc
    if not isinstance(body, dict):
        raise PlatformError("bad_json", "request body must be a JSON object")
    return body


def _batch_items(body: dict[str, Any]) -> list[Any]:
    """The `items` of a pushed batch, bounded in number."""
    items = body.get("items")
    if not isinstance(items, list):
        raise PlatformError("missing_field", "field 'items' is required (a list)")
    if len(items) > MAX_ITEMS:
        raise PlatformError("too_large", f"at most {MAX_ITEMS} items per batch", 413)
    return items


def _field(body: Any, name: str) -> str:
    value = body.get(name) if isinstance(body, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise PlatformError("missing_field", f"field {name!r} is required (a string)")
    return value


def create_app(db: PlatformDB) -> FastAPI:
    """The platform app over an open database. The caller owns and closes `db`."""
    app = FastAPI(title="servicehall reference platform", version=protocol.PROTOCOL)

    @app.exception_handler(PlatformError)
    async def _platform_error(_req: Request, exc: PlatformError) -> JSONResponse:
        return error(exc.code, exc.message, exc.status)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_req: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error("http_error", str(exc.detail), exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_req: Request, exc: RequestValidationError) -> JSONResponse:
        fields = ", ".join(".".join(str(p) for p in e["loc"]) for e in exc.errors())
        return error("bad_request", f"invalid parameters: {fields}", 422)

    @app.exception_handler(ClientDisconnect)
    async def _gone(_req: Request, _exc: ClientDisconnect) -> JSONResponse:
        # The device went away mid-request (it will retry): not the platform's failure.
        log.info("client disconnected mid-request")
        return error("client_disconnected", "the request body was cut off", 400)

    @app.exception_handler(Exception)
    async def _crash(_req: Request, exc: Exception) -> JSONResponse:
        log.exception("request failed")
        return error("internal", "the platform failed to handle the request", 500)

    def device_of(request: Request) -> DeviceRecord:
        auth = request.headers.get("authorization", "")
        scheme, _, token = auth.partition(" ")
        device = db.device_for_token(token.strip()) if scheme.lower() == "bearer" else None
        if device is None:
            raise PlatformError("unauthorised", "device credentials missing or unknown", 401)
        return device

    @app.get(protocol.HEALTH)
    def health() -> JSONResponse:
        return answer({"status": "ok"})

    @app.post(protocol.ENROLL)
    async def enroll(request: Request) -> JSONResponse:
        body = await _json_body(request)
        extra = body.get("public_keys")
        if extra is not None and not (isinstance(extra, dict) and all(
                isinstance(k, str) and isinstance(v, str) for k, v in extra.items())):
            raise PlatformError("bad_public_key", "public_keys must map suite names to base64")
        for suite, key in (extra or {}).items():
            devicekeys.check_key(suite, key)  # refuse before the one-time code is spent
        device, token = db.enroll(_field(body, "code"), _field(body, "public_key"),
                                  body.get("name") or "device")
        for suite, key in (extra or {}).items():
            devicekeys.publish_key(db, device.device_id, suite, key)
        return answer({"device": {"device_id": device.device_id, "device_no": device.device_no,
                                  "hall_code": device.hall_code, "hall_name": device.hall_name},
                       "token": token})

    @app.get(protocol.DEVICE_KEYS)
    def device_keys(request: Request) -> JSONResponse:
        device_of(request)
        # "keys": the Ed25519 keys alone, as older devices read them; "suites": every suite.
        return answer({"keys": db.device_keys(), "suites": devicekeys.published_keys(db)})

    @app.post(protocol.DEVICE_KEYS)
    async def publish_device_key(request: Request) -> JSONResponse:
        device = device_of(request)
        body = await _json_body(request)
        added = devicekeys.publish_key(db, device.device_id, _field(body, "suite"),
                                       _field(body, "public_key"))
        return answer({"published": added})

    @app.post(protocol.REGISTRY_LOOKUP)
    async def registry_lookup(request: Request) -> JSONResponse:
        device_of(request)
        body = await _json_body(request)
        return answer({"record": db.resident(_field(body, "id_number"))})

    @app.post(protocol.PUSH)
    async def push(request: Request) -> JSONResponse:
        device = device_of(request)
        items = _batch_items(await _json_body(request))
        return answer({"results": receive(db, device, items)})

    @app.post(protocol.RATINGS)
    async def push_ratings(request: Request) -> JSONResponse:
        device = device_of(request)
        items = _batch_items(await _json_body(request))
        return answer({"results": receive_ratings(db, device, items)})

    @app.get(protocol.BLOBS + "/{sha256}")
    def blob_status(request: Request, sha256: str) -> JSONResponse:
        device_of(request)
        return answer(uploads.status(db, sha256).as_dict())

    @app.patch(protocol.BLOBS + "/{sha256}")
    async def blob_chunk(request: Request, sha256: str, offset: int, total: int) -> JSONResponse:
        device_of(request)
        chunk = await request.body()
        state = uploads.receive_chunk(db, sha256, offset=offset, total=total, chunk=chunk,
                                      chunk_sha256=request.headers.get(protocol.CHUNK_HEADER, ""))
        return answer(state.as_dict())

    @app.post(protocol.LEDGER)
    async def ledger(request: Request) -> JSONResponse:
        device = device_of(request)
        body = await _json_body(request)
        days = body.get("days")
        if not isinstance(days, list) or not all(isinstance(d, dict) for d in days):
            raise PlatformError("missing_field", "field 'days' is required (a list of objects)")
        return answer({"days": db.reconcile(device.device_id, days[:366])})

    @app.get(protocol.CHANGES)
    def changes(request: Request, cursor: Annotated[int, Query(ge=0, le=MAX_SEQ)] = 0,
                limit: int = 500) -> JSONResponse:
        device = device_of(request)
        limit = max(1, min(limit, 2000))
        page = db.changes_for(device.device_id, max(0, cursor), limit + 1)
        more = len(page) > limit
        page = page[:limit]
        next_cursor = page[-1]["seq"] if page else max(0, cursor)
        return answer({"changes": page, "next_cursor": next_cursor, "has_more": more})

    openapi.describe(app)
    return app
