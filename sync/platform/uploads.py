"""Resumable, checksummed attachment uploads on the platform (a small tus-like protocol).

A device asks how much of a file the platform holds (`status`), then sends the rest in chunks,
each with its own SHA-256; a chunk is appended only at the offset the platform expects, so a
resent or reordered chunk is refused instead of being stored twice. When the last byte arrives
the whole file is hashed against its name; a file already complete is never sent again, whoever
sends it. Cases naming a file wait as `awaiting_material` until every file they name is complete.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sync.blobs import fsync_dir, is_sha256
from sync.platform.db import PlatformDB, PlatformError, now_utc

MAX_BLOB = 50 * 1024 * 1024
MAX_CHUNK = 4 * 1024 * 1024


@dataclass(frozen=True)
class BlobState:
    sha256: str
    offset: int
    total: int | None
    complete: bool

    def as_dict(self) -> dict[str, object]:
        return {"sha256": self.sha256, "offset": self.offset, "total": self.total,
                "complete": self.complete}


def blob_folder(db: PlatformDB) -> Path:
    return db.path.parent / "blobs"


def _check_name(sha256: str) -> None:
    if not is_sha256(sha256):
        raise PlatformError("bad_blob_name", "a blob is named by its lower-case hex SHA-256")


def status(db: PlatformDB, sha256: str) -> BlobState:
    _check_name(sha256)
    rows = db.query("SELECT received, total, complete FROM blobs WHERE sha256 = ?", [sha256])
    if not rows:
        return BlobState(sha256, 0, None, False)
    received, total, complete = rows[0]
    return BlobState(sha256, int(received), int(total), bool(complete))


def receive_chunk(db: PlatformDB, sha256: str, *, offset: int, total: int, chunk: bytes,
                  chunk_sha256: str) -> BlobState:
    """Append one chunk at `offset`.

    :raises PlatformError: for a bad name or size, a chunk whose checksum does not match, an
        offset other than the one expected (409, ask `status` again), or a finished file whose
        hash is not its name (the partial file is discarded).
    """
    _check_name(sha256)
    if not 0 < total <= MAX_BLOB:
        raise PlatformError("bad_size", f"total must be between 1 and {MAX_BLOB} bytes", 413)
    if len(chunk) > MAX_CHUNK or offset < 0 or offset + len(chunk) > total:
        raise PlatformError("bad_chunk", "chunk is too large or outside the file", 413)
    if hashlib.sha256(chunk).hexdigest() != chunk_sha256:
        raise PlatformError("chunk_checksum", "chunk does not match its checksum; resend it")
    folder = blob_folder(db)
    folder.mkdir(parents=True, exist_ok=True)
    part, final = folder / f"{sha256}.part", folder / sha256
    with db.write() as conn:
        row = conn.execute("SELECT received, total, complete FROM blobs WHERE sha256 = ?",
                           [sha256]).fetchone()
        if row is None:
            conn.execute("INSERT INTO blobs (sha256, total, created_at) VALUES (?, ?, ?)",
                         [sha256, total, now_utc()])
            row = (0, total, 0)
        received, known_total, complete = row
        if complete:
            return BlobState(sha256, int(known_total), int(known_total), True)
        if known_total != total:
            raise PlatformError("bad_size", f"this file was announced with {known_total} bytes")
        if offset != received:
            raise PlatformError("offset_mismatch",
                                f"expected offset {received}; ask for the status and resume",
                                409)
        if received == 0 and part.exists():
            part.unlink()
        with open(part, "ab") as fh:
            fh.truncate(received)
            fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        received += len(chunk)
        done = received == total
        if done:
            if _file_sha256(part) != sha256:
                part.unlink()
                conn.execute("UPDATE blobs SET received = 0 WHERE sha256 = ?", [sha256])
                raise PlatformError("blob_checksum",
                                    "the whole file does not match its name; send it again", 422)
            os.replace(part, final)
            fsync_dir(folder)
            _release_cases(conn, sha256)
        conn.execute("UPDATE blobs SET received = ?, complete = ? WHERE sha256 = ?",
                     [received, int(done), sha256])
    return BlobState(sha256, received, total, done)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _release_cases(conn: sqlite3.Connection, sha256: str) -> None:
    """Cases waiting only for this file become `received`."""
    conn.execute(
        "UPDATE cases SET status = 'received', updated_at = ? WHERE status = 'awaiting_material'"
        " AND case_id IN (SELECT case_id FROM case_blobs WHERE sha256 = ?)"
        " AND NOT EXISTS (SELECT 1 FROM case_blobs cb LEFT JOIN blobs b USING (sha256)"
        "  WHERE cb.case_id = cases.case_id AND cb.sha256 != ? AND coalesce(b.complete, 0) = 0)",
        [now_utc(), sha256, sha256])


def missing_for_case(db: PlatformDB, case_id: str) -> list[str]:
    rows = db.query("SELECT cb.sha256 FROM case_blobs cb LEFT JOIN blobs b USING (sha256)"
                    " WHERE cb.case_id = ? AND coalesce(b.complete, 0) = 0", [case_id])
    return [r[0] for r in rows]
