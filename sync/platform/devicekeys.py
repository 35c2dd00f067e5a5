"""Receipt keys in further suites (SM2): devices publish them, every verifier can fetch them.

A device signs receipts with Ed25519 unless its deployment requires Chinese commercial
cryptography, when it signs with SM2 (suite `sm2-sm3`). Its Ed25519 key arrives at enrollment;
another suite's public key is published by the device itself, with its credentials, at
enrollment or later. A published key is never replaced by a different one — receipts already
signed with it must keep verifying — so a second, different key for the same suite is refused.
The keys live in the platform database's `device_suite_keys` table.
"""

from __future__ import annotations

import base64
import binascii

from sync import protocol
from sync.platform.db import PlatformDB, PlatformError, now_utc

KEY_SIZES = {protocol.SUITE_SM2: 64}
"""Raw public key size of each further suite (SM2: the point x‖y)."""


def check_key(suite: str, public_key: str) -> str:
    """The canonical base64 of a further suite's public key.

    :raises PlatformError: for an unknown suite or a key that is not base64 of the right size.
    """
    if suite not in KEY_SIZES:
        raise PlatformError("unknown_suite", f"suite {suite!r} is not one of "
                            + ", ".join(sorted(KEY_SIZES)))
    try:
        raw = base64.b64decode(public_key, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise PlatformError("bad_public_key", "public_key must be base64") from exc
    if len(raw) != KEY_SIZES[suite]:
        raise PlatformError("bad_public_key",
                            f"a {suite} public key is {KEY_SIZES[suite]} bytes, got {len(raw)}")
    return base64.b64encode(raw).decode("ascii")


def publish_key(db: PlatformDB, device_id: str, suite: str, public_key: str) -> bool:
    """Record `device_id`'s public key in `suite` (base64); False if it was already on file.

    :raises PlatformError: as `check_key`, or (409) if a different key is already published.
    """
    canonical = check_key(suite, public_key)
    with db.write() as conn:
        row = conn.execute("SELECT public_key FROM device_suite_keys WHERE device_id = ?"
                           " AND suite = ?", [device_id, suite]).fetchone()
        if row is not None:
            if row[0] != canonical:
                raise PlatformError("key_conflict", f"device {device_id} already published a "
                                    f"different {suite} key; receipts signed with it must stay "
                                    "verifiable, so it is not replaced", 409)
            return False
        conn.execute("INSERT INTO device_suite_keys VALUES (?, ?, ?, ?)",
                     [device_id, suite, canonical, now_utc()])
    return True


def published_keys(db: PlatformDB) -> dict[str, dict[str, str]]:
    """Every device's receipt keys: device id → {suite → base64 public key}."""
    table = {device: {protocol.SUITE_ED25519: key} for device, key in db.device_keys().items()}
    for device, suite, key in db.query(
            "SELECT device_id, suite, public_key FROM device_suite_keys"):
        table.setdefault(device, {})[suite] = key
    return table
