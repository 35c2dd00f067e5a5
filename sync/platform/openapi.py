"""The platform's published OpenAPI document, made to say what the protocol really does.

The route handlers read raw bodies (gzip, size limits, per-item answers), so FastAPI alone would
publish operations without request bodies, without the device's bearer credentials and with its
own `HTTPValidationError` for 422 — a shape this platform never sends. `describe` keeps FastAPI's
paths and parameters and adds the rest: JSON request bodies, bearer auth, and the one error shape
(`{"protocol", "error": {"code", "message"}}`) as the answer for every status not otherwise listed.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from sync import protocol

ANSWER = {
    "type": "object",
    "required": ["protocol"],
    "properties": {"protocol": {"type": "string", "enum": [protocol.PROTOCOL]}},
}
ERROR = {
    "type": "object",
    "required": ["protocol", "error"],
    "additionalProperties": False,
    "properties": {
        "protocol": {"type": "string", "enum": [protocol.PROTOCOL]},
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
        },
    },
}


def _json_object(required: dict[str, Any], optional: dict[str, Any] | None = None
                 ) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": {
        "type": "object", "required": sorted(required),
        "properties": {**required, **(optional or {})}}}}}


_TEXT = {"type": "string", "minLength": 1}
#: Request bodies by (path, method), as the handlers read them.
REQUEST_BODIES: dict[tuple[str, str], dict[str, Any]] = {
    (protocol.ENROLL, "post"): _json_object({"code": _TEXT, "public_key": _TEXT},
                                            {"name": {"type": "string"},
                                             "public_keys": {"type": "object",
                                                             "additionalProperties": _TEXT}}),
    (protocol.DEVICE_KEYS, "post"): _json_object({"suite": _TEXT, "public_key": _TEXT}),
    (protocol.REGISTRY_LOOKUP, "post"): _json_object({"id_number": _TEXT}),
    # Any item is welcome: a malformed one is answered `rejected` on its own, never the batch.
    (protocol.PUSH, "post"): _json_object({"items": {"type": "array", "maxItems": 2000}}),
    (protocol.RATINGS, "post"): _json_object({"items": {"type": "array", "maxItems": 2000}}),
    (protocol.LEDGER, "post"): _json_object(
        {"days": {"type": "array", "items": {"type": "object"}}}),
    (protocol.BLOBS + "/{sha256}", "patch"): {"required": True, "content": {
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
}
#: Operations a device may call before it holds credentials.
UNAUTHENTICATED = {(protocol.HEALTH, "get"), (protocol.ENROLL, "post")}


def _error_response(description: str) -> dict[str, Any]:
    return {"description": description, "headers": {protocol.HEADER: {
        "schema": {"type": "string", "enum": [protocol.HEADER_VALUE]}}},
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def build(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document of `app`, completed as the module docstring says."""
    doc = get_openapi(title=app.title, version=app.version, routes=app.routes)
    components = doc.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    schemas["Error"] = ERROR
    components["securitySchemes"] = {"device": {"type": "http", "scheme": "bearer"}}
    doc["security"] = [{"device": []}]
    for path, operations in doc.get("paths", {}).items():
        for method, operation in operations.items():
            if (path, method) in UNAUTHENTICATED:
                operation["security"] = []
            if (path, method) in REQUEST_BODIES:
                operation["requestBody"] = REQUEST_BODIES[(path, method)]
            responses = operation.setdefault("responses", {})
            responses.pop("422", None)
            ok = responses.setdefault("200", {"description": "Successful Response"})
            ok["content"] = {"application/json": {"schema": ANSWER}}
            responses["default"] = _error_response(
                "An error: bad input (400, 413, 422), credentials (401, 403), unknown (404),"
                " conflict (409) or overload (429, 503); always the one error shape")
    if not schemas:
        components.pop("schemas")
    return doc


def describe(app: FastAPI) -> None:
    """Serve the completed document at /openapi.json (built once, on first request)."""
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = build(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
