"""The platform's intake of 好差评 ratings: check each, store it once per case, answer per item.

A rating names a case the platform holds, submitted in the rating device's own hall; a case has
at most one rating. The idempotency key is `rating:<case number>`, so a device that lost our
answer and sends the same rating again gets `duplicate`; a different rating for a case already
rated is a `conflict`. A malformed item is `rejected` with a reason and never stops the batch.
Staff read the bad ones back with `bad_ratings` to follow them up (差评整改).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sync import protocol
from sync.casenumber import BadCaseNumber, normalise_case_number
from sync.platform.db import DeviceRecord, PlatformDB, now_utc
from sync.ratings import NEEDS_REASON, SCORES, BadRating, check_rating, rating_key


def _result(key: str, status: str, reason: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"idempotency_key": key, "status": status}
    if reason:
        out["reason"] = reason
    return out


def _parse(item: object) -> tuple[str, dict[str, Any]] | str:
    """(key, clean rating) or the reason to reject the item."""
    if not isinstance(item, dict):
        return "malformed: an item must be an object"
    for name in ("idempotency_key", "case_number", "level", "rated_at"):
        if not isinstance(item.get(name), str) or not item[name].strip():
            return f"malformed: field {name!r} is required (a string)"
    reasons = item.get("reasons", [])
    if not isinstance(reasons, list):
        return "malformed: reasons must be a list"
    try:
        number = normalise_case_number(item["case_number"])
        chosen = check_rating(item["level"], reasons)
    except (BadCaseNumber, BadRating) as exc:
        return f"malformed: {exc}"
    if item["idempotency_key"] != rating_key(number):
        return f"malformed: the idempotency key of this rating must be {rating_key(number)!r}"
    return item["idempotency_key"], {"case_number": number, "level": item["level"],
                                     "reasons": json.dumps(chosen),
                                     "rated_at": item["rated_at"][:40]}


def receive_ratings(db: PlatformDB, device: DeviceRecord,
                    items: Sequence[object]) -> list[dict[str, Any]]:
    """Store each new rating once and answer every item, in order."""
    results = []
    for item in items:
        parsed = _parse(item)
        if isinstance(parsed, str):
            key = item.get("idempotency_key") if isinstance(item, dict) else None
            results.append(_result(key if isinstance(key, str) else "", protocol.REJECTED, parsed))
            continue
        key, rating = parsed
        results.append(_store(db, device, key, rating))
    return results


def _store(db: PlatformDB, device: DeviceRecord, key: str, rating: dict[str, Any]) -> dict[str, Any]:
    number = rating["case_number"]
    with db.write() as conn:
        case = conn.execute(
            "SELECT d.hall_code FROM cases c JOIN devices d USING (device_id)"
            " WHERE c.case_number = ?", [number]).fetchone()
        if case is None:
            return _result(key, protocol.REJECTED, f"no case {number} on the platform")
        if case[0] != device.hall_code:
            return _result(key, protocol.REJECTED, f"case {number} belongs to another hall")
        seen = conn.execute("SELECT level, reasons, rated_at FROM ratings WHERE case_number = ?",
                            [number]).fetchone()
        if seen is not None:
            same = tuple(seen) == (rating["level"], rating["reasons"], rating["rated_at"])
            return (_result(key, protocol.DUPLICATE) if same else
                    _result(key, protocol.CONFLICT, f"case {number} has already been rated"))
        conn.execute(
            "INSERT INTO ratings (case_number, idempotency_key, device_id, level, score, reasons,"
            " rated_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [number, key, device.device_id, rating["level"], SCORES[rating["level"]],
             rating["reasons"], rating["rated_at"], now_utc()])
    return _result(key, protocol.ACCEPTED)


def ratings(db: PlatformDB, *, bad_only: bool = False) -> list[dict[str, Any]]:
    """Stored ratings, oldest first; with `bad_only`, those asking for follow-up (差评)."""
    rows = db.query("SELECT case_number, device_id, level, score, reasons, rated_at, received_at"
                    " FROM ratings ORDER BY received_at, case_number")
    keys = ("case_number", "device_id", "level", "score", "reasons", "rated_at", "received_at")
    out = [dict(zip(keys, row, strict=True)) for row in rows]
    for entry in out:
        entry["reasons"] = json.loads(entry["reasons"])
    return [e for e in out if e["level"] in NEEDS_REASON] if bad_only else out
