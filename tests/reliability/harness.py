"""What every reliability test shares: an enrolled device store and the loss/duplicate checker.

The checker reads the device's SQLite file and the platform's SQLite file directly, so it judges
what is really on disk rather than what the code under test reports about itself.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sync.client import PlatformClient
from sync.keys import public_key_bytes
from sync.platform.db import PlatformDB
from sync.store import STORE_FILE, Device, Store
from sync.worker import pull_changes, push_outbox


def enroll_store(data_dir: Path, platform_url: str, platform_db: PlatformDB) -> Store:
    """A device store in `data_dir`, enrolled on the platform with a fresh one-time code."""
    store = Store.open(data_dir)
    client = PlatformClient(platform_url)
    try:
        got = client.enroll(platform_db.new_enroll_code(),
                            public_key_bytes(store.signing_key()), "reliability")
    finally:
        client.close()
    store.save_enrollment(
        Device(got.device_id, got.device_no, got.hall_code, got.hall_name, platform_url),
        got.token)
    return store


def drain(store: Store, client: PlatformClient, *, rounds: int = 20) -> None:
    """Sync until the outbox is empty and the feed is read to its end.

    :raises AssertionError: if the backlog does not converge within `rounds` rounds.
    """
    for _ in range(rounds):
        push_outbox(store, client, batch_items=200)
        pull_changes(store, client)
        if store.pending_count() == 0:
            return
    raise AssertionError(f"outbox did not drain: {store.pending_count()} rows still queued")


def integrity(db_file: Path) -> str:
    """PRAGMA integrity_check of a file, from a fresh connection (as after a power cut)."""
    conn = sqlite3.connect(db_file)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def store_case_ids(data_dir: Path) -> set[str]:
    conn = sqlite3.connect(data_dir / STORE_FILE)
    try:
        return {r[0] for r in conn.execute("SELECT case_id FROM cases")}
    finally:
        conn.close()


@dataclass
class Verdict:
    """What the checker found; `ok` only if nothing acknowledged was lost or doubled."""

    acknowledged: int
    on_platform: int
    lost_on_device: list[str] = field(default_factory=list)
    lost_on_platform: list[str] = field(default_factory=list)
    duplicate_ids: dict[str, int] = field(default_factory=dict)
    duplicate_contents: dict[str, int] = field(default_factory=dict)

    @property
    def duplicates(self) -> int:
        return sum(n - 1 for n in self.duplicate_ids.values())

    @property
    def ok(self) -> bool:
        return not (self.lost_on_device or self.lost_on_platform or self.duplicate_ids
                    or self.duplicate_contents)

    def __str__(self) -> str:
        return (f"{self.acknowledged} acknowledged, {self.on_platform} platform rows;"
                f" lost on device {len(self.lost_on_device)}, lost on platform"
                f" {len(self.lost_on_platform)}, duplicated ids {len(self.duplicate_ids)}"
                f" ({self.duplicates} extra rows), duplicated contents"
                f" {len(self.duplicate_contents)}")


def check(acknowledged: Iterable[str], data_dir: Path, platform_file: Path) -> Verdict:
    """Every acknowledged case on the device and on the platform, each exactly once."""
    acked = set(acknowledged)
    local = store_case_ids(data_dir)
    conn = sqlite3.connect(platform_file)
    try:
        rows = conn.execute("SELECT case_id, content_hash FROM cases").fetchall()
    finally:
        conn.close()
    ids: dict[str, int] = {}
    contents: dict[str, int] = {}
    for case_id, digest in rows:
        ids[case_id] = ids.get(case_id, 0) + 1
        contents[digest] = contents.get(digest, 0) + 1
    return Verdict(
        acknowledged=len(acked),
        on_platform=len(rows),
        lost_on_device=sorted(acked - local),
        lost_on_platform=sorted(acked - ids.keys()),
        duplicate_ids={k: n for k, n in ids.items() if n > 1},
        duplicate_contents={k: n for k, n in contents.items() if n > 1},
    )
