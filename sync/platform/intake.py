"""The platform's intake of pushed cases: check each item, store it once, answer per item.

An item is stored at most once per idempotency key: the same key with the same content hash is a
`duplicate` (the device lost our earlier answer), with different content a `conflict`. Items the
platform cannot accept (unknown service, altered content, a case number that is not the device's,
answers that fail the service's rules) are `rejected` with a reason staff can act on; they never
block the rest of the batch.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from forms.catalog import Catalog, load_catalog
from forms.engine import validate_application
from forms.errors import UnknownService, ValidationFailed
from sync import protocol
from sync.blobs import is_sha256
from sync.casenumber import BadCaseNumber, parse_case_number
from sync.platform.db import DeviceRecord, PlatformDB, now_utc
from sync.seal import content_hash
from sync.store import case_content

_REQUIRED = ("idempotency_key", "case_id", "case_number", "service_code", "catalog_version",
             "content_hash", "answers")


def _result(key: str, status: str, reason: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"idempotency_key": key, "status": status}
    if reason:
        out["reason"] = reason
    return out


def _check(item: dict[str, Any], device: DeviceRecord, catalog: Catalog) -> str | None:
    """The reason to reject an item, or None if it may be stored."""
    answers = item["answers"]
    if not isinstance(answers, dict):
        return "malformed: answers must be an object"
    attachments = item.get("attachments") or []
    problem = _attachment_problem(attachments)
    if problem:
        return problem
    replaces = item.get("replaces")
    if replaces is not None and not isinstance(replaces, str):
        return "malformed: replaces must be a case id"
    commitment = item.get("commitment")
    if commitment is not None and not isinstance(commitment, dict):
        return "malformed: commitment must be an object"
    provenance = item.get("provenance")
    if provenance is not None and not _is_provenance(provenance):
        return "malformed: provenance maps field names to {source, offered?} text"
    materials = item.get("materials")
    if materials is not None and not (isinstance(materials, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in materials.items())):
        return "malformed: materials maps material ids to how each was handed in"
    expected = content_hash(case_content(item["case_id"], item["service_code"],
                                         item["catalog_version"], answers, attachments,
                                         replaces, commitment, provenance, materials))
    if expected != item["content_hash"]:
        return "content_hash does not match the content: the case was altered in transit"
    try:
        number = parse_case_number(item["case_number"])
    except BadCaseNumber:
        return "case_number is malformed"
    if (number.hall_code, number.device_no) != (device.hall_code, device.device_no):
        return "case_number belongs to another device"
    try:
        service = catalog.get(item["service_code"], version=item["catalog_version"])
    except UnknownService:
        return f"unknown service {item['service_code']!r}"
    try:
        validate_application(service, answers)
    except ValidationFailed as exc:
        fields = ", ".join(e.field for e in exc.errors)
        return f"answers fail the service's rules: {fields}"
    return None


def _is_provenance(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(entry, dict) and isinstance(entry.get("source"), str)
        and set(entry) <= {"source", "offered"}
        and all(isinstance(v, str) for v in entry.values())
        for entry in value.values())


def _attachment_problem(attachments: Any) -> str | None:
    if not isinstance(attachments, list):
        return "malformed: attachments must be a list"
    for a in attachments:
        if not (isinstance(a, dict) and isinstance(a.get("sha256"), str)
                and is_sha256(a["sha256"]) and isinstance(a.get("size"), int) and a["size"] > 0
                and isinstance(a.get("media_type"), str) and isinstance(a.get("material"), str)):
            return "malformed: each attachment needs sha256, size, media_type and material"
    return None


def receive(db: PlatformDB, device: DeviceRecord, items: Sequence[Any],
            catalog: Catalog | None = None) -> list[dict[str, Any]]:
    """Store each new, valid item once; return one answer per item."""
    catalog = catalog or load_catalog()
    results: list[dict[str, Any]] = []
    rows: list[tuple[Any, ...]] = []
    in_batch: dict[str, str] = {}  # idempotency key and case id -> content hash
    numbers_in_batch: set[str] = set()
    now = now_utc()
    with db.write() as conn:
        for item in items:
            key = item.get("idempotency_key") if isinstance(item, dict) else None
            if not isinstance(key, str) or not key:
                results.append(_result("", protocol.REJECTED, "malformed: no idempotency_key"))
                continue
            missing = [f for f in _REQUIRED if not isinstance(item.get(f), (str, dict))]
            if missing:
                results.append(_result(key, protocol.REJECTED,
                                       f"malformed: missing {', '.join(missing)}"))
                continue
            seen = conn.execute(
                "SELECT content_hash FROM cases WHERE idempotency_key = ? OR case_id = ?",
                [key, item["case_id"]]).fetchone()
            if seen is None and (key in in_batch or item["case_id"] in in_batch):
                seen = (in_batch.get(key) or in_batch[item["case_id"]],)
            if seen is not None and db.dedup:
                same = seen[0] == item["content_hash"]
                results.append(_result(key, protocol.DUPLICATE if same else protocol.CONFLICT,
                                       None if same else "same case sent with other content"))
                continue
            reason = _check(item, device, catalog)
            if reason is None and db.dedup and (
                conn.execute("SELECT 1 FROM cases WHERE case_number = ?",
                             [item["case_number"]]).fetchone()
                or item["case_number"] in numbers_in_batch
            ):
                reason = "case_number already used by another case"
            if reason:
                results.append(_result(key, protocol.REJECTED, reason))
                continue
            shas = sorted({a["sha256"] for a in item.get("attachments") or []})
            if shas:
                conn.executemany("INSERT OR IGNORE INTO case_blobs VALUES (?, ?)",
                                 [(item["case_id"], sha) for sha in shas])
                complete = {r[0] for r in conn.execute(
                    f"SELECT sha256 FROM blobs WHERE complete = 1 AND sha256 IN"
                    f" ({','.join('?' * len(shas))})", shas)}
            status = "awaiting_material" if shas and set(shas) - complete else "received"
            rows.append((item["case_id"], key, device.device_id, item["case_number"],
                         item["service_code"], item["catalog_version"], item["content_hash"],
                         json.dumps(item["answers"], ensure_ascii=False), status, None,
                         item.get("created_at"), now, now, item.get("replaces")))
            in_batch[key] = in_batch[item["case_id"]] = item["content_hash"]
            numbers_in_batch.add(item["case_number"])
            results.append(_result(key, protocol.ACCEPTED))
        conn.executemany(
            "INSERT INTO cases (case_id, idempotency_key, device_id, case_number, service_code,"
            " catalog_version, content_hash, answers, status, status_reason, device_created_at,"
            " received_at, updated_at, replaces) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    return results
